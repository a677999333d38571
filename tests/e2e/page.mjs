// Drives the built page (dist/) in real headless Chromium as a person would: paste, look, click.
// Every check compares the page with the native CLI's report for the same text, so the page is held to
// the same answers as the core's own tests.
//
// usage: node tests/e2e/page.mjs <dist dir> <native reportlens binary> <out dir>

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'tools/package.json'));
const { chromium } = require('playwright-core');

const [distArg, cliArg, outArg] = process.argv.slice(2);
const dist = resolve(distArg || join(root, 'dist'));
const cli = resolve(cliArg || join(root, 'target/release/reportlens'));
const out = resolve(outArg || join(root, 'tests/e2e/out'));
mkdirSync(out, { recursive: true });

let failures = 0;
let checks = 0;
function check(cond, what, detail) {
  checks++;
  if (cond) {
    console.log(`  ok   ${what}`);
  } else {
    failures++;
    console.log(`  FAIL ${what}${detail !== undefined ? ': ' + (typeof detail === 'string' ? detail : JSON.stringify(detail)) : ''}`);
  }
}
function eq(a, b, what) {
  check(JSON.stringify(a) === JSON.stringify(b), what, `got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);
}

// The native report of a text, with spans converted to UTF-16 like the page's.
function nativeReport(text) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-'));
  const f = join(dir, 'in.txt');
  writeFileSync(f, text);
  const r = spawnSync(cli, ['--format', 'json', '--fail-on', 'never', f], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`native CLI failed (${r.status}): ${r.stderr}`);
  const rep = JSON.parse(r.stdout);
  // char offset -> UTF-16 offset
  const prefix = [0];
  for (const ch of text) prefix.push(prefix[prefix.length - 1] + ch.length);
  const conv = (x) => { x.start = prefix[x.start]; x.end = prefix[x.end]; };
  for (const k of ['figures', 'slogans', 'outline', 'sections', 'findings']) rep[k].forEach(conv);
  return rep;
}

// ---------------------------------------------------------------- static server that logs requests
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const requests = [];
const server = createServer((req, res) => {
  requests.push(req.url);
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = join(dist, path.endsWith('/') ? path + 'index.html' : path);
  if (!file.startsWith(dist)) { res.writeHead(403); res.end(); return; }
  try {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

// ---------------------------------------------------------------- sizes
{
  const files = ['index.html', ...readdir(dist)].filter((v, i, a) => a.indexOf(v) === i);
  let raw = 0, gz = 0, wasmGz = 0;
  for (const f of files) {
    const b = readFileSync(join(dist, f));
    raw += b.length;
    const g = gzipSync(b, { level: 9 }).length;
    gz += g;
    if (f.endsWith('.wasm')) { wasmGz = g; console.log(`wasm: ${b.length} bytes, ${g} bytes gzipped (${f})`); }
  }
  console.log(`dist/: ${files.length} files, ${raw} bytes, ${gz} bytes gzipped`);
  check(wasmGz > 0, 'dist/ holds the wasm');
}
function readdir(d) { return JSON.parse(JSON.stringify(require('node:fs').readdirSync(d))); }

// ---------------------------------------------------------------- browser
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
page.on('dialog', (d) => d.accept());

async function settled() {
  await page.waitForFunction(() => window.reportlens && window.reportlens.state.shown === window.reportlens.state.seq && document.body.dataset.busy !== '1', null, { timeout: 60000 });
}

async function paste(text) {
  await page.focus('#input');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText fires one input event with the whole text, as a paste does.
  await page.keyboard.insertText(text);
  await settled();
}

// What the page shows, per category: for each item of the native report, the classes of the mark at
// its start; and the legend/summary numbers.
async function pageView() {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll('#highlights mark')];
    const at = (s) => marks.find((m) => +m.dataset.s <= s && s < +m.dataset.e);
    const r = window.reportlens.state.report;
    const classesAt = (arr) => arr.map((x) => { const m = at(x.start); return m ? m.className : null; });
    const txt = (id) => document.querySelector(id)?.textContent;
    return {
      marks: marks.length,
      figures: classesAt(r.figures), slogans: classesAt(r.slogans), findings: classesAt(r.findings), outline: classesAt(r.outline),
      legend: ['fig', 'slo', 'hd', 'error', 'warning', 'info'].map((k) => +txt('#n-' + k)),
      report: r,
      overlayText: document.querySelector('#highlights').textContent,
      value: document.querySelector('#input').value,
    };
  });
}

async function compareWithNative(text, label) {
  const want = nativeReport(text);
  const v = await pageView();
  eq(v.report.figures, want.figures, `${label}: figures equal the native report`);
  eq(v.report.slogans, want.slogans, `${label}: slogans equal the native report`);
  eq(v.report.outline, want.outline, `${label}: outline equals the native report`);
  eq(v.report.findings, want.findings, `${label}: findings equal the native report`);
  eq(v.report.doc, want.doc, `${label}: doc info equals the native report`);
  check(v.figures.every((c, i) => c && c.includes('fig-' + want.figures[i].kind)), `${label}: every figure is marked fig-<kind>`, v.figures);
  check(v.slogans.every((c, i) => c && c.includes('slo-' + want.slogans[i].kind)), `${label}: every slogan is marked slo-<kind>`, v.slogans);
  check(v.findings.every((c, i) => c && c.includes('fd-' + want.findings[i].severity)), `${label}: every finding is marked fd-<severity>`, v.findings);
  check(v.outline.every((c) => c && c.includes('hd')), `${label}: every heading marker is marked hd`);
  const sev = (s) => want.findings.filter((f) => f.severity === s).length;
  eq(v.legend, [want.figures.length, want.slogans.length, want.outline.length, sev('error'), sev('warning'), sev('info')], `${label}: legend counts`);
  eq(v.overlayText, text + '\n', `${label}: the overlay holds exactly the text (marks line up)`);
  return { want, v };
}

async function workbench(text) {
  const want = nativeReport(text);
  // Every tab, screenshotted.
  for (const tab of ['summary', 'findings', 'figures', 'slogans', 'outline']) {
    await page.click('#tab-' + tab);
    check(await page.isVisible('#panel-' + tab), `tab ${tab} shows its panel`);
    await page.screenshot({ path: join(out, `tab-${tab}.png`) });
  }
  await page.click('#tab-figures');
  eq(await page.$$eval('#figures-table tbody tr', (r) => r.length), want.figures.length, 'figures table: one row per figure');
  // Sorting by value puts the largest last (ascending), then first.
  await page.click('#figures-table thead th:nth-child(2) button');
  const vals = await page.$$eval('#figures-table tbody tr', (rows) => rows.map((r) => r.dataset.v));
  const nums = vals.map(Number);
  check(nums.every((v, i) => i === 0 || nums[i - 1] <= v), 'figures sort by value', vals);
  await page.click('#tab-slogans');
  const sloRows = await page.$$eval('#slogans-table tbody tr td:nth-child(3)', (c) => c.map((x) => +x.textContent));
  eq(sloRows.reduce((a, b) => a + b, 0), want.slogans.length, 'slogans table counts every slogan once');
  await page.click('#tab-outline');
  eq(await page.$$eval('.tree li:not(.ghost)', (l) => l.length), want.outline.filter((h) => h.level <= 4).length, 'outline tree: one row per heading');
  check((await page.$$('.strip svg g')).length > 0, 'outline: the heat strip is drawn');

  // Clicking the last finding scrolls the text to it, selects it and flashes its marks.
  await page.click('#tab-findings');
  const items = await page.$$('#panel-findings .finding button');
  eq(items.length, want.findings.length, 'findings tab lists every finding');
  await page.$eval('#input', (i) => { i.scrollTop = 0; });
  const last = want.findings.reduce((a, f) => (f.start > a.start ? f : a), want.findings[0]);
  await page.click(`#panel-findings .finding button[data-s="${last.start}"]`);
  const after = await page.evaluate(([s]) => {
    const i = document.querySelector('#input');
    const m = [...document.querySelectorAll('#highlights mark')].find((x) => +x.dataset.s <= s && s < +x.dataset.e);
    return { sel: [i.selectionStart, i.selectionEnd], top: i.scrollTop, h: i.clientHeight, markTop: m ? m.offsetTop : -1, flash: m ? m.classList.contains('flash') : false };
  }, [last.start]);
  eq(after.sel, [last.start, last.end], 'clicking a finding selects its span');
  check(after.markTop >= after.top && after.markTop < after.top + after.h, 'clicking a finding scrolls its span into view', after);
  check(after.flash, 'clicking a finding flashes its marks');
  await page.screenshot({ path: join(out, 'jump.png') });

  // F8 steps through findings in text order.
  await page.keyboard.press('F8');
  const sel = await page.$eval('#input', (i) => [i.selectionStart, i.selectionEnd]);
  eq(sel, [want.findings[0].start, want.findings[0].end], 'F8 goes to the first finding');

  // Hovering a mark explains it.
  const fig = want.figures[0];
  const box = await page.evaluate((s) => {
    const m = [...document.querySelectorAll('#highlights mark')].find((x) => +x.dataset.s === s);
    m.scrollIntoView({ block: 'center' });
    document.querySelector('#input').scrollTop = document.querySelector('#backdrop').scrollTop;
    const r = m.getBoundingClientRect();
    return { x: r.left + 2, y: r.top + r.height / 2 };
  }, fig.start);
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector('#tip:not([hidden])', { timeout: 3000 }).catch(() => {});
  const tip = await page.textContent('#tip');
  check(tip && tip.includes(fig.text), 'hovering a figure shows its value in a tooltip', tip);
  await page.screenshot({ path: join(out, 'tooltip.png') });
  await page.mouse.move(5, 5);

  // Toggles hide a category and bring it back.
  const bg = () => page.$eval('#highlights mark.fig', (m) => getComputedStyle(m).backgroundColor);
  const shown = await bg();
  await page.click('.lg-fig input');
  eq(await bg(), 'rgba(0, 0, 0, 0)', 'unticking 数字 hides figure highlights');
  await page.click('.lg-fig input');
  eq(await bg(), shown, 'ticking it again shows them');

  // English, then back.
  await page.click('#lang');
  eq(await page.textContent('#tab-summary'), 'Summary', 'the English toggle switches the interface');
  await page.screenshot({ path: join(out, 'english.png') });
  await page.click('#lang');
  eq(await page.textContent('#tab-summary'), '总览', 'and back to Chinese');
}

try {
  console.log(`page: ${base}`);
  await page.goto(base);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  check(await page.evaluate(() => document.body.dataset.ready === '1'), 'the wasm loads and the page starts');
  await settled();

  // 1. Opens with the embedded sample, analysed and highlighted.
  const sample = await page.evaluate(() => window.reportlens.bindings.sample_text());
  eq(await page.inputValue('#input'), sample, 'opens with the sample report');
  await compareWithNative(sample, 'sample');
  const kinds = await page.evaluate(() => {
    const c = (sel) => document.querySelectorAll('#highlights ' + sel).length;
    return { fig: c('mark.fig'), slo: c('mark.slo'), hd: c('mark.hd'), fd: c('mark.fd') };
  });
  check(kinds.fig > 0 && kinds.slo > 0 && kinds.hd > 0 && kinds.fd > 0, 'the sample shows every kind of highlight', kinds);
  await page.screenshot({ path: join(out, 'sample.png') });

  // 2. Paste another report: it is re-analysed.
  const fixture = readFileSync(join(root, 'tests/e2e/paste.txt'), 'utf8');
  await paste(fixture);
  const { want } = await compareWithNative(fixture, 'pasted report');
  eq(await page.textContent('#c-fig'), String(want.figures.filter((f) => f.kind !== 'date').length), 'summary: metric figures');
  eq(await page.textContent('#c-slo'), String(want.slogans.length), 'summary: slogans');
  eq(await page.textContent('#doc-kind'), want.doc.kind, 'summary: document kind');
  eq(await page.textContent('#substance'), want.doc.chars ? Math.round(want.doc.substance * 100) + '%' : '—', 'summary: substance score');
  await page.screenshot({ path: join(out, 'pasted.png') });

  // 3. Characters outside the BMP before the figures: offsets stay right in UTF-16.
  const astral = '𠀀𠀁😀甲乙：全年召开会议12次，争取资金50亿元。\n𨋢一、总体情况\n𠀀支出进度达到50%。';
  await paste(astral);
  await compareWithNative(astral, 'astral');
  const texts = await page.evaluate(() => window.reportlens.state.report.figures.map((f) => document.querySelector('#input').value.slice(f.start, f.end)));
  const nat = nativeReport(astral).figures.map((f) => astral.slice(f.start, f.end));
  eq(texts, nat, 'figure spans cut the same text in the page as natively');

  // 4. Pasted HTML is text: nothing runs, nothing is created.
  const xss = '一、<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>\n<a href="javascript:window.__xss=3">点我</a>\u202Eabc 12次';
  await paste(xss);
  await compareWithNative(xss, 'html in the paste');
  const inert = await page.evaluate(() => ({
    xss: window.__xss, imgs: document.querySelectorAll('#highlights img, #highlights script, #highlights a, .panel img, .panel script').length,
  }));
  eq(inert, { imgs: 0 }, 'pasted HTML renders as text and runs nothing');

  // 5. Bad input gets an answer: empty text, binary garbage.
  await paste('');
  eq(await page.textContent('#n-fig'), '0', 'empty text: no highlights');
  check((await page.textContent('#status')).length > 0, 'empty text: the status says what to do');
  const garbage = Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff || 1)).join('');
  await paste(garbage);
  await compareWithNative(garbage, 'binary garbage');

  // 6. The workbench: a reviewer's clicks.
  await paste(sample);
  await workbench(sample);

  check(errors.length === 0, 'no JavaScript errors', errors);
} catch (e) {
  failures++;
  console.log('  FAIL ' + (e && e.stack ? e.stack : e));
  await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {});
} finally {
  await browser.close();
  server.close();
}

console.log(`\nbrowser test: ${checks - failures}/${checks} checks passed; screenshots in ${out}`);
process.exit(failures ? 1 : 0);
