// The page's own wasm (dist/, as trunk built it) timed in real headless Chromium: MB/s of UTF-8 input
// for the same corpora as tools/bench-wasm.mjs; the analysis alone, and with the
// JSON report the page reads (best of several batches of runs). usage: node tools/bench-chromium.mjs <dist dir> [--quick]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serve } from './static-server.mjs';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tools/package.json'));
const { chromium } = require('playwright-core');
const dist = resolve(process.argv[2] || join(root, 'dist'));
const quick = process.argv.includes('--quick');

const parts = readdirSync(join(root, 'tests/fixtures')).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(root, 'tests/fixtures', f), 'utf8'));
parts.push(readFileSync(join(root, 'data/sample-report.txt'), 'utf8'));

// The page's wasm is loaded into an empty page, so that only the analysis runs.
const { server, base } = await serve(dist, { page: '<!doctype html><meta charset="utf-8"><title>bench</title>' });
const js = readdirSync(dist).find((f) => /^reportlens-.*\.js$/.test(f));
const wasm = readdirSync(dist).find((f) => f.endsWith('.wasm'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
await page.goto(base);
console.log('wasm in Chromium ' + browser.version() + ' (the page\'s build: ' + wasm + ') — MB/s of UTF-8 input, best of several runs');
await page.evaluate(async ({ js, wasm }) => {
  window.B = await import('./' + js);
  await window.B.default({ module_or_path: './' + wasm });
}, { js, wasm });
const sizes = quick ? [[1e4, '10 KB'], [1e5, '100 KB'], [1e6, '1 MB']] : [[1e4, '10 KB'], [1e5, '100 KB'], [1e6, '1 MB'], [1e7, '10 MB']];
for (const [n, label] of sizes) {
  const r = await page.evaluate(({ parts, n, budgetMs }) => {
    const enc = new TextEncoder();
    let s = '', i = 0, bytes = 0;
    while (bytes < n) { const p = parts[i++ % parts.length] + '\n'; s += p; bytes += enc.encode(p).length; }
    // A page's clock ticks in steps of 0.1 ms (timers are coarsened against timing attacks), as long
    // as a 10 KB analysis: each sample times enough runs back to back to last about 20 ms.
    const reps = Math.max(1, Math.round(2e6 / bytes));
    const sample = (withReport) => {
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) {
        const a = new window.B.Analysis(s);
        if (withReport && !a.report()) throw new Error('no report');
        a.free();
      }
      return (performance.now() - t0) / reps;
    };
    let bestA = Infinity, best = Infinity;
    const budget = performance.now() + budgetMs;
    for (let k = 0; k < 3 || (performance.now() < budget && k < 1000); k++) {
      bestA = Math.min(bestA, sample(false));
      best = Math.min(best, sample(true));
    }
    return { bytes, bestA, best };
  }, { parts, n, budgetMs: quick ? 1500 : 4000 });
  const mbps = (ms) => (r.bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6);
  console.log(`  ${label.padEnd(7)} analysis ${mbps(r.bestA)} MB/s (${r.bestA.toFixed(1)} ms); with its JSON report ${mbps(r.best)} MB/s (${r.best.toFixed(1)} ms)`);
}
await browser.close();
server.close();
