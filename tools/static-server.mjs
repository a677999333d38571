// A static file server on 127.0.0.1 for the browser test and the Chromium bench: serves `dir`, nothing
// outside it, with the content types the page needs. `page` answers `/` when given (else index.html);
// `onRequest` sees every URL asked for (the browser test checks the page asks for nothing else);
// `headers` are sent with every answer.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

export async function serve(dir, { page = null, onRequest = () => {}, headers = {} } = {}) {
  const server = createServer((req, res) => {
    onRequest(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/' && page !== null) {
      res.writeHead(200, { ...headers, 'content-type': types['.html'] });
      res.end(page);
      return;
    }
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { ...headers, 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}
