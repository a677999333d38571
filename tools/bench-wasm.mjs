// The wasm build's analysis speed in Node.js: MB/s of UTF-8 input for corpora built from the project's
// fixtures, best of several runs; then, given a build with the `bench` feature, its stages one by one.
// usage: node tools/bench-wasm.mjs <wasm-bindgen nodejs glue> [--stages <glue of the bench build>] [--quick]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const B = require(resolve(process.argv[2]));
const quick = process.argv.includes('--quick');
const stagesAt = process.argv.indexOf('--stages');
const S = stagesAt > 0 ? require(resolve(process.argv[stagesAt + 1])) : null;

const parts = readdirSync(join(root, 'tests/fixtures')).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(root, 'tests/fixtures', f), 'utf8'));
parts.push(readFileSync(join(root, 'data/sample-report.txt'), 'utf8'));
const corpus = (bytes) => {
  let s = '', i = 0;
  while (Buffer.byteLength(s) < bytes) s += parts[i++ % parts.length] + '\n';
  return s;
};

function warmUp(run, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) run();
}

console.log('wasm in Node.js ' + process.version + ' — MB/s of UTF-8 input, best of several runs');
const sizes = quick ? [[1e4, '10 KB'], [1e5, '100 KB'], [1e6, '1 MB']] : [[1e4, '10 KB'], [1e5, '100 KB'], [1e6, '1 MB'], [1e7, '10 MB']];
// Warm up first: V8 runs wasm first as compiled in one quick pass and compiles each function again,
// optimised, once it has run a while, in the background. Measured from a cold start, the first size
// (10 KB) read 17-24 MB/s in quick runs, 25-28 after a warm-up.
const warm = [corpus(1e4), corpus(1e5)];
warmUp(() => warm.forEach((t) => { const a = new B.Analysis(t); a.report(); a.free(); }), quick ? 1500 : 3000);
for (const [n, label] of sizes) {
  const text = corpus(n);
  const bytes = Buffer.byteLength(text);
  // The analysis alone, back to back (as the native bench times `analyze` and the Chromium bench its
  // batches), then with the JSON report the page reads. Each in its own loop: an analysis timed
  // right after the previous one's report reads 8-12% slower at 10 KB (writing and decoding the
  // report evict the analysis's code and tables from the caches), which the second figure includes.
  const loop = (withReport) => {
    let best = Infinity;
    const budget = Date.now() + (quick ? 750 : 2000);
    for (let k = 0; k < 3 || (Date.now() < budget && k < 1000); k++) {
      const t0 = performance.now();
      const a = new B.Analysis(text);
      const r = withReport ? a.report() : 'none';
      best = Math.min(best, performance.now() - t0);
      a.free();
      if (!r) throw new Error('no report');
    }
    return best;
  };
  const bestA = loop(false);
  const best = loop(true);
  const mbps = (ms) => (bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6);
  console.log(`  ${label.padEnd(7)} analysis ${mbps(bestA)} MB/s (${bestA.toFixed(1)} ms); with its JSON report ${mbps(best)} MB/s (${best.toFixed(1)} ms)`);
}

// With a build of the `bench` feature (./scripts/bench passes one): the stages timed in wasm alone, and one
// after another as in an analysis. A stage run again and again keeps its code and tables in the CPU's
// caches; in an analysis each stage finds them evicted by the stages before it. The difference is
// what a small text pays per byte over a large one.
if (S) {
  const names = S.stage_names().split(',');
  const rounds = quick ? 5 : 9;
  const med = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
  console.log(`\nstages in wasm, alone and one after another: µs per run, median of ${rounds} rounds`);
  const heads = [...names, 'sum alone', 'in sequence', 'analyze'];
  const cell = (v, k) => String(v).padStart(Math.max(10, heads[k].length + 4));
  console.log('  ' + 'size'.padEnd(7) + heads.map(cell).join(''));
  const first = corpus(1e4);
  for (let w = 0; w < 3; w++) S.bench_stages(first, 30);
  for (const [n, label] of [[1e4, '10 KB'], [1e5, '100 KB'], [1e6, '1 MB']]) {
    const text = corpus(n);
    const runs = Math.max(2, Math.round(1e6 / n));
    const per = Array.from({ length: rounds }, () => Array.from(S.bench_stages(text, runs)));
    const col = (k) => med(per.map((r) => r[k]));
    const alone = names.map((_, k) => col(k));
    const sum = med(per.map((r) => names.reduce((t, _, k) => t + r[k], 0)));
    const seq = col(names.length), all = col(names.length + 1);
    const cells = [...alone.map((v) => v.toFixed(0)), sum.toFixed(0), `${seq.toFixed(0)} (${(seq / sum).toFixed(2)}×)`, all.toFixed(0)];
    console.log('  ' + label.padEnd(7) + cells.map(cell).join(''));
  }
}
