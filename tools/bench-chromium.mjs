// The page's own wasm (dist/, as trunk built it) timed in real headless Chromium: MB/s of UTF-8 input
// for the same corpora as tools/bench-wasm.mjs; the analysis alone, and with the JSON report the page
// reads; best of several runs, as the other benches time, and best of batches of runs.
// usage: node tools/bench-chromium.mjs <dist dir> [--quick]
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

// The page's wasm is loaded into an empty page, so that only the analysis runs. The page is cross-origin
// isolated (these two headers), where its clock ticks in 5 µs steps rather than 0.1 ms: single runs of a
// 10 KB text (about 0.4 ms) can then be timed, as the native and Node.js benches time them.
const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const { server, base } = await serve(dist, { page: '<!doctype html><meta charset="utf-8"><title>bench</title>', headers: isolation });
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
// Warm up first, as tools/bench-wasm.mjs does: V8 optimises each wasm function only after it has run a
// while, compiling in the background.
await page.evaluate(({ parts, ms }) => {
  const texts = [1e4, 1e5].map((n) => { let s = '', i = 0; while (s.length < n / 3) s += parts[i++ % parts.length] + '\n'; return s; });
  const end = performance.now() + ms;
  while (performance.now() < end) texts.forEach((t) => { const a = new window.B.Analysis(t); a.report(); a.free(); });
}, { parts, ms: quick ? 1500 : 3000 });
const clock = await page.evaluate(() => {
  let step = Infinity, a = performance.now();
  for (let k = 0; k < 1e5; k++) { const b = performance.now(); if (b > a) { step = Math.min(step, b - a); a = b; } }
  return { step, isolated: self.crossOriginIsolated };
});
console.log(`  (the page's clock: ${clock.isolated ? 'cross-origin isolated, ' : 'NOT isolated, '}steps of ${(clock.step * 1000).toFixed(0)} µs)`);
for (const [n, label] of sizes) {
  const r = await page.evaluate(({ parts, n, budgetMs }) => {
    const enc = new TextEncoder();
    let s = '', i = 0, bytes = 0;
    while (bytes < n) { const p = parts[i++ % parts.length] + '\n'; s += p; bytes += enc.encode(p).length; }
    // Each run is timed alone (the best of them is the figure the other benches give), and runs come in
    // batches of about 20 ms whose mean, slow runs and all, is a second, more cautious figure (and the
    // only one a page whose clock ticks in 0.1 ms steps can time at 10 KB). The analysis alone and with
    // its report each in a loop of its own, as tools/bench-wasm.mjs times them.
    const reps = Math.max(1, Math.round(2e6 / bytes));
    const loop = (withReport) => {
      let best = Infinity, batch = Infinity;
      const budget = performance.now() + budgetMs;
      for (let k = 0; k < 3 || (performance.now() < budget && k < 1000); k++) {
        const b0 = performance.now();
        for (let r = 0; r < reps; r++) {
          const t0 = performance.now();
          const a = new window.B.Analysis(s);
          if (withReport && !a.report()) throw new Error('no report');
          best = Math.min(best, performance.now() - t0);
          a.free();
        }
        batch = Math.min(batch, (performance.now() - b0) / reps);
      }
      return { best, batch };
    };
    const alone = loop(false);
    return { bytes, alone, report: loop(true) };
  }, { parts, n, budgetMs: quick ? 1500 : 4000 });
  const mbps = (ms) => (r.bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6);
  const show = (t) => `${mbps(t.best)} MB/s (${t.best.toFixed(1)} ms; batches ${mbps(t.batch).trim()})`;
  console.log(`  ${label.padEnd(7)} analysis ${show(r.alone)}; with its JSON report ${show(r.report)}`);
}
await browser.close();
server.close();
