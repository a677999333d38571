// reportlens page. All analysis is in the wasm core (src/); this file turns DOM events into calls to
// it and its report into DOM. Text from the user only ever reaches the DOM as textContent or through
// the core's escaping HTML renderer.

import { Editor } from './editor.js';

const $ = (s) => document.querySelector(s);
const el = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
};

const STORE_KEY = 'reportlens.text';
// Above this many UTF-16 units the analysis runs in the worker so typing never waits for it.
const WORKER_THRESHOLD = 60000;
// Above this, only the part of the text around the viewport carries marks (see render::html::
// highlight_window): a few thousand elements instead of hundreds of thousands.
const MARK_ALL_LIMIT = 100000;
// Above this the textarea holds one page of the text at a time (PAGE units, cut at line breaks):
// a browser takes seconds to lay out a textarea of several megabytes and freezes while it does.
// The analysis, the panels and the exports always cover the whole text.
const LARGE = 200000;
const PAGE = 100000;
// Pastes up to this long (and up to 60 lines, see editor.js) are inserted by the browser as one
// undo step; longer ones are set directly.
const NATIVE_PASTE = 50000;
// Above this the panels list only the first rows (the full data stays in the exports).
const MAX_ROWS = 2000;

let ed = null; // the text box (editor.js)

const state = {
  B: null, // wasm bindings
  rules: new Map(),
  report: null,
  analysis: null, // the main thread's B.Analysis of the text on screen, when it made it
  view: null, // what the overlay shows: null (everything), { window: [a, b] } or { slice: [a, b] }
  full: null, // paged mode: { text, start, end }; the textarea shows text.slice(start, end)
  text: '',
  seq: 0, // id of the latest requested analysis
  shown: 0, // id of the analysis on screen
  worker: null,
  workerReady: false,
  timing: {},
  lang: 'zh',
  tab: 'summary',
  findingIndex: -1,
  figSort: { key: 'start', dir: 1 },
};

// ---------------------------------------------------------------- i18n
const T = {
  zh: {
    tagline: '数字 · 提法 · 结构缺口，一贴即见，全部在本机完成', open: '打开文件', sample: '示例', clear: '清空', export: '导出 ▾',
    'export-md': '审阅意见 Markdown', 'export-print': '打印批注稿', drop: '松开以打开文件',
    'lg-fig': '数字', 'lg-slo': '提法/套话', 'lg-hd': '结构', 'lg-error': '错误', 'lg-warning': '警告', 'lg-info': '提示',
    'tab-summary': '总览', 'tab-findings': '问题', 'tab-figures': '数据', 'tab-slogans': '提法', 'tab-outline': '结构',
    kind: '文种', title: '标题', chars: '字数', untitled: '（未识别标题）', substance: '实质内容占比',
    substanceHelp: '实质内容占比 = 1 − 被提法、排比、套话覆盖的字数 ÷ 正文字数（只计汉字、字母和数字，不计标点空白）。',
    counts: '统计', figuresN: '计量数字', datesN: '日期', slogansN: '提法/套话', headingsN: '标题', findingsN: '问题',
    top: '主要问题', noFindings: '没有发现问题。', error: '错误', warning: '警告', info: '提示',
    prev: '上一个', next: '下一个', navHint: 'F8 / Shift+F8 在问题间跳转',
    colText: '原文', colValue: '数值', colUnit: '单位', colKind: '类型', colSubject: '主体', colSection: '所在部分',
    money: '金额', count: '计数', percent: '百分比', ratio: '比例/倍数', date: '日期', measure: '计量',
    formula: '提法', quoted: '引号标语', parallel: '排比', intensifier: '修饰套话',
    colName: '名称', colKind2: '类别', colCount: '次数', noFigures: '没有识别到数字。', noSlogans: '没有识别到提法或套话。',
    noOutline: '没有识别到标题。全文按段落统计。', preamble: '（开头）', density: '数字密度', formulaShare: '套话占比',
    stripHelp: '每格是一节：宽度按字数，蓝色越深数字越密，琥珀色越深套话越多。点击跳转。',
    more: (n) => `仅显示前 ${MAX_ROWS} 条，共 ${n} 条；完整数据请导出。`,
    analysed: (n, ms) => `已分析 ${n.toLocaleString()} 字 · ${ms} 毫秒`, working: (n) => `正在分析 ${n.toLocaleString()} 字…`,
    empty: '粘贴或输入报告正文，或打开一个文件。', confirmClear: '清空正文？（清空后可用“示例”重新载入示例）',
    placeholder: '在此粘贴或输入报告正文，也可以把 .txt / .docx 文件拖到这里', inputLabel: '在此粘贴或输入报告正文',
    restored: '已恢复上次的正文。', replaced: '正文已整体替换。', undo: '撤销', undone: '已撤销。', redo: '重做', pastedLong: (n) => `已粘贴 ${n.toLocaleString()} 行。`, caretNone: '', at: '光标处',
    pager: (k, n, a, b, all) => `长文分页显示：第 ${k}/${n} 页（第 ${a.toLocaleString()}–${b.toLocaleString()} 字，共 ${all.toLocaleString()} 字）。分析、统计和导出针对全文。`,
    paged: (n) => `正文很长（${n.toLocaleString()} 字），编辑区分页显示以保持流畅；分析针对全文。`, prevPage: '◀ 上一页', nextPage: '下一页 ▶',
  },
  en: {
    tagline: 'Figures · formulations · structural gaps — paste and see, all on this machine', open: 'Open file', sample: 'Sample', clear: 'Clear', export: 'Export ▾',
    'export-md': 'Review (Markdown)', 'export-print': 'Print annotated text', drop: 'Drop to open the file',
    'lg-fig': 'Figures', 'lg-slo': 'Formulas/filler', 'lg-hd': 'Structure', 'lg-error': 'Errors', 'lg-warning': 'Warnings', 'lg-info': 'Notes',
    'tab-summary': 'Summary', 'tab-findings': 'Findings', 'tab-figures': 'Figures', 'tab-slogans': 'Formulas', 'tab-outline': 'Outline',
    kind: 'Kind', title: 'Title', chars: 'Characters', untitled: '(no title found)', substance: 'Substance',
    substanceHelp: 'Substance = 1 − characters covered by formulations, parallel lists and filler ÷ all content characters (Han, letters, digits; punctuation and spaces not counted).',
    counts: 'Counts', figuresN: 'Metric figures', datesN: 'Dates', slogansN: 'Formulas/filler', headingsN: 'Headings', findingsN: 'Findings',
    top: 'Top findings', noFindings: 'No findings.', error: 'Error', warning: 'Warning', info: 'Note',
    prev: 'Previous', next: 'Next', navHint: 'F8 / Shift+F8 moves between findings',
    colText: 'Text', colValue: 'Value', colUnit: 'Unit', colKind: 'Kind', colSubject: 'Subject', colSection: 'Section',
    money: 'money', count: 'count', percent: 'percent', ratio: 'ratio', date: 'date', measure: 'measure',
    formula: 'formula', quoted: 'quoted', parallel: 'parallel', intensifier: 'filler',
    colName: 'Name', colKind2: 'Kind', colCount: 'Count', noFigures: 'No figures found.', noSlogans: 'No formulas or filler found.',
    noOutline: 'No headings found; the text is measured by paragraph.', preamble: '(opening)', density: 'Figure density', formulaShare: 'Formula share',
    stripHelp: 'Each cell is a section: width by length, deeper blue = more figures, deeper amber = more formula. Click to jump.',
    more: (n) => `Showing the first ${MAX_ROWS} of ${n}; export for all.`,
    analysed: (n, ms) => `Analysed ${n.toLocaleString()} chars · ${ms} ms`, working: (n) => `Analysing ${n.toLocaleString()} chars…`,
    empty: 'Paste or type a report, or open a file.', confirmClear: 'Clear the text? ("Sample" loads the sample again.)',
    placeholder: 'Paste or type a report here, or drop a .txt / .docx file', inputLabel: 'Paste or type the report here',
    restored: 'Restored your last text.', replaced: 'The whole text was replaced.', undo: 'Undo', undone: 'Undone.', redo: 'Redo', pastedLong: (n) => `Pasted ${n.toLocaleString()} lines.`, caretNone: '', at: 'At cursor',
    pager: (k, n, a, b, all) => `Long text shown by page: page ${k}/${n} (chars ${a.toLocaleString()}–${b.toLocaleString()} of ${all.toLocaleString()}). Analysis, counts and exports cover all of it.`,
    paged: (n) => `A long text (${n.toLocaleString()} chars): the editor shows it a page at a time to stay responsive; the analysis covers all of it.`, prevPage: '◀ Previous', nextPage: 'Next ▶',
  },
};
const t = (k) => T[state.lang][k] ?? T.zh[k] ?? k;

function applyLang() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  $('#lang').textContent = state.lang === 'zh' ? 'EN' : '中文';
  ed.el.dataset.placeholder = t('placeholder');
  ed.el.setAttribute('aria-label', t('inputLabel'));
  if (state.report) renderPanels();
}

// ---------------------------------------------------------------- boot
async function boot() {
  const tag = document.querySelector('script[data-js]');
  const jsUrl = new URL(tag.dataset.js, document.baseURI).href;
  const wasmUrl = new URL(tag.dataset.wasm, document.baseURI).href;
  const B = await import(jsUrl);
  await B.default({ module_or_path: wasmUrl });
  start(B, () => startWorker(new URL('worker.js', import.meta.url), jsUrl, wasmUrl));
}

// Also used by the single-file build, which hands over bindings it initialised itself.
export function start(B, makeWorker) {
  state.B = B;
  ed = new Editor($('#input'));
  window.reportlens = { bindings: B, state, editor: ed, markAt, wholeText, load: (t) => loadText(t) }; // for tests and the curious
  for (const r of JSON.parse(B.rules())) state.rules.set(r.id, r);
  state.lang = localStorage.getItem('reportlens.lang') === 'en' ? 'en' : 'zh';
  wire();
  applyLang();
  try {
    state.worker = makeWorker ? makeWorker() : null;
  } catch (e) {
    state.worker = null; // the page still works, on the main thread
  }
  const saved = localStorage.getItem(STORE_KEY);
  if (saved !== null && saved.length > 0) {
    loadText(saved, { undo: false });
    notice(t('restored'), 'ok', 2500);
  } else {
    loadText(B.sample_text(), { undo: false });
  }
  document.body.dataset.ready = '1';
}

// The worker loads the same glue and wasm: by URL from dist/, or (single file) from the glue it
// was built with (jsUrl null) and the compiled module handed over.
function startWorker(workerUrl, jsUrl, wasm, type = 'module') {
  const w = new Worker(workerUrl, { type });
  w.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'ready') state.workerReady = true;
    else if (m.type === 'result') { if (m.id === state.seq) show(m.id, m.text, null, m.html, m.view, m.ms, null); }
    else if (m.type === 'report') { if (m.id === state.shown) afterPaint(() => { if (m.id === state.shown) showReport(m.id, JSON.parse(m.report)); }); }
    else if (m.type === 'html') showView(m.id, m.html, m.view);
    else if (m.type === 'export') { const r = pending.get(m.key); pending.delete(m.key); if (r) r(m.data); }
    else if (m.type === 'error') notice(m.message, 'error');
  };
  w.onerror = () => { state.workerReady = false; };
  w.postMessage({ type: 'init', js: jsUrl, wasm });
  return w;
}

// ---------------------------------------------------------------- analysis
let saveTimer = 0;
// The longest time any of this page's own handlers held the main thread (ms), so a test can tell
// the page's work from the browser's (laying out a huge textarea is the browser's).
function timed(f) {
  return (...args) => {
    const t0 = performance.now();
    try { return f(...args); } finally { state.maxBlock = Math.max(state.maxBlock || 0, performance.now() - t0); }
  };
}

// Replaces the whole text (sample, restore, file, clear, a long paste). The browser's undo cannot
// reach across this, so a text it replaces is kept for the notice's own undo button.
function loadText(text, { undo = true } = {}) {
  text = text.replace(/\r\n?/g, '\n'); // as a textarea's value does: the marks count lines by \n
  const prev = undo && state.B ? wholeText() : '';
  if (text.length > LARGE) {
    state.full = { text, start: 0, end: 0 };
    setPage(0);
  } else {
    state.full = null;
    ed.value = text;
  }
  analyse();
  if (prev && prev !== text) offerUndo(prev, state.full ? t('paged')(text.length) : t('replaced'));
  else if (state.full) notice(t('paged')(text.length), 'ok', 6000);
}

function offerUndo(prev, msg = t('replaced')) {
  const now = wholeText();
  notice(msg, 'ok', 12000, {
    label: t('undo'),
    run: () => {
      loadText(prev, { undo: false });
      ed.focus();
      notice(t('undone'), 'ok', 8000, { label: t('redo'), run: () => { loadText(now, { undo: false }); ed.focus(); } });
    },
  });
}

// The whole text: the textarea's, or in paged mode the full text with the page spliced in.
function wholeText() {
  return state.full ? state.full.text : ed.value;
}

function onEdit() {
  const f = state.full;
  if (f) {
    const page = ed.value;
    f.text = f.text.slice(0, f.start) + page + f.text.slice(f.end);
    f.end = f.start + page.length;
  }
  analyse();
}

// Which part of the text the overlay marks.
function wantedView(len) {
  if (state.full) return { slice: [state.full.start, state.full.end] };
  return len > MARK_ALL_LIMIT ? { window: wantedWindow(len) } : null;
}

function viewHtml(a, view) {
  if (!view) return a.html();
  return view.slice ? a.html_slice(view.slice[0], view.slice[1]) : a.html_window(view.window[0], view.window[1]);
}

const analyse = timed(function analyse() {
  state.dirty = false;
  const text = wholeText();
  const id = ++state.seq;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => save(text), 400);
  const view = wantedView(text.length);
  if (text.length > WORKER_THRESHOLD) {
    // Keep the overlay aligned with what is typed while the analysis runs: changed lines plain.
    patchText(ed.value);
    status(t('working')(text.length), true);
    if (state.worker && state.workerReady) {
      state.worker.postMessage({ type: 'analyze', id, text, view });
    } else {
      // No worker: let the busy state paint, then analyse here.
      requestAnimationFrame(() => setTimeout(() => { if (id === state.seq) runHere(id, text, view); }, 0));
    }
    return;
  }
  runHere(id, text, view);
});

function runHere(id, text, view) {
  const t0 = performance.now();
  let a;
  try {
    a = new state.B.Analysis(text);
  } catch (e) {
    notice(String(e), 'error');
    return;
  }
  show(id, text, () => JSON.parse(a.report()), viewHtml(a, view), view, performance.now() - t0, a);
}

// `analysis` is the main thread's B.Analysis behind this result, or null when the worker made it
// (the worker then keeps it, for views and exports). `report` gives the parsed report; null when the
// worker sends it after the marks.
const show = timed(function show(id, text, report, html, view, analyseMs, analysis) {
  if (id !== state.seq) { // a newer edit is on its way
    if (analysis) analysis.free();
    return;
  }
  const t0 = performance.now();
  if (state.analysis) state.analysis.free();
  state.analysis = analysis;
  state.shown = id;
  state.text = text;
  state.view = view;
  setText(ed.value);
  paint(html); // escaped by the core (render::html::highlight_lines / _slice)
  syncScroll();
  const renderMs = performance.now() - t0;
  state.timing = { chars: text.length, analyseMs, renderMs, totalMs: analyseMs + renderMs, doneAt: performance.now() };
  // The marks first; the report (counts, panels) after the frame that shows them, so an edit
  // repaints the text without waiting for the report's JSON and the panels. Hover and caret
  // details read the previous report until then.
  if (report) afterPaint(() => { if (id === state.shown && analysis === state.analysis) showReport(id, report()); });
});

// Runs `f` once the next frame has been drawn.
function afterPaint(f) { requestAnimationFrame(() => setTimeout(f, 0)); }

const showReport = timed(function showReport(id, report) {
  const t0 = performance.now();
  state.report = report;
  state.reported = id;
  state.findingIndex = -1;
  renderCounts();
  renderPanels();
  renderPager();
  if (document.activeElement === ed.el) caretInfo();
  const tm = state.timing;
  tm.reportMs = performance.now() - t0;
  tm.reportedAt = performance.now();
  status(tm.chars === 0 ? t('empty') : t('analysed')(tm.chars, Math.max(1, Math.round(tm.analyseMs + tm.renderMs + tm.reportMs))), false);
  if (state.view && state.view.window) refineWindow();
});

// ---- paged mode for very long texts
// A page starts and ends at line breaks, so the textarea shows whole lines.
function setPage(at) {
  const f = state.full;
  const text = f.text;
  let start = Math.max(0, Math.min(at, text.length));
  const back = text.lastIndexOf('\n', start - 1);
  start = back === -1 || start - back > 2000 ? start : back + 1;
  let end = Math.min(text.length, start + PAGE);
  const fwd = text.indexOf('\n', end);
  if (end < text.length && fwd !== -1 && fwd - end < 2000) end = fwd + 1;
  f.start = start;
  f.end = end;
  ed.value = text.slice(start, end);
  ed.scrollTop = 0;
}

function goToPage(at, then) {
  setPage(at);
  patchText(ed.value);
  pendingJump = then || null;
  requestView({ slice: [state.full.start, state.full.end] });
  renderPager();
}

function renderPager() {
  const bar = $('#pager');
  const f = state.full;
  bar.hidden = !f;
  if (!f) return;
  const pages = Math.ceil(f.text.length / PAGE);
  const k = Math.min(pages, Math.floor(f.start / PAGE) + 1);
  $('#pager-text').textContent = t('pager')(k, pages, f.start + 1, f.end, f.text.length);
  $('#page-prev').disabled = f.start === 0;
  $('#page-next').disabled = f.end >= f.text.length;
}

// Offsets in the report are into the whole text; the textarea and the overlay count from the page.
function base() {
  return state.full ? state.full.start : 0;
}

// ---- the overlay: one element per line of text
// Line starts (UTF-16) of the text on screen, for mapping marks (whose offsets count from their
// line) to text offsets and back.
function setText(text) {
  state.textLines = text.split('\n');
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  state.lineStarts = starts;
}

function lineOf(pos) {
  const st = state.lineStarts;
  let lo = 0, hi = st.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (st[m] <= pos) lo = m + 1; else hi = m; }
  return Math.max(0, lo - 1);
}

const escapeHtml = (l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// While an analysis is on its way, the lines whose text changed show plain text; every other line
// keeps its marks, which stay right because they count from their own line's start.
function patchText(text) {
  const prev = state.textLines || [];
  const next = text.split('\n');
  const [a, removed, added] = diff(prev, next);
  replaceLines(a, removed, next.slice(a, a + added).map(escapeHtml));
  setText(text);
}

// Common prefix and suffix of two arrays: [start, removed count, added count] of what differs.
function diff(prev, next) {
  const max = Math.min(prev.length, next.length);
  let a = 0;
  while (a < max && prev[a] === next[a]) a++;
  let b = 0;
  while (b < max - a && prev[prev.length - 1 - b] === next[next.length - 1 - b]) b++;
  return [a, prev.length - a - b, next.length - a - b];
}

const lineDiv = (h) => '<div class="ln">' + h + '</div>';

// Replaces `removed` overlay lines from line `a` on with the given HTML lines. Unchanged lines
// before and after keep their elements, and so their layout.
function replaceLines(a, removed, html) {
  const host = $('#highlights');
  const lines = state.lines || [];
  const all = lines.slice(0, a).concat(html, lines.slice(a + removed));
  if (host.children.length !== lines.length) { // first paint, or out of step: rebuild
    host.innerHTML = all.map(lineDiv).join('');
    state.lines = all;
    return;
  }
  const kids = host.children;
  const same = Math.min(removed, html.length);
  for (let i = 0; i < same; i++) kids[a + i].innerHTML = html[i];
  for (let i = removed - 1; i >= same; i--) kids[a + i].remove();
  if (html.length > same) {
    const tpl = document.createElement('template');
    tpl.innerHTML = html.slice(same).map(lineDiv).join('');
    host.insertBefore(tpl.content, kids[a + same] || null);
  }
  state.lines = all;
}

// Paints an analysis (HTML from the core, one line per line of text), replacing only the lines
// whose HTML changed: typing in one paragraph repaints that paragraph.
function paint(html) {
  const next = html.split('\n');
  const [a, removed, added] = diff(state.lines || [], next);
  replaceLines(a, removed, next.slice(a, a + added));
}

// ---- windows of marks for very long texts
// Uses the scroll position last seen (state.view, kept by the scroll handler) rather than reading
// the textarea's geometry: right after a large paste that read would force the browser to lay out
// the whole textarea inside this handler.
function wantedWindow(len, centre) {
  const v = state.view || { ratio: 0, visible: 0.05 };
  const at = centre !== undefined ? centre : Math.floor(len * v.ratio);
  const span = Math.max(20000, Math.ceil(len * v.visible) * 4);
  return [Math.max(0, at - span), Math.min(len, at + 2 * span)];
}

function noteView() {
  const h = Math.max(1, ed.scrollHeight);
  state.view = { ratio: ed.scrollTop / h, visible: Math.min(1, ed.clientHeight / h) };
}

// Where the viewport is, in UTF-16 offsets, judged from the marks on screen (their offsets and
// positions), so the estimate does not depend on line lengths being even.
function viewportOffset() {
  const marks = $('#highlights').querySelectorAll('mark');
  if (!marks.length) return null;
  const first = marks[0], last = marks[marks.length - 1];
  const y = ed.scrollTop;
  const y0 = first.offsetTop, y1 = last.offsetTop, s0 = markStart(first), s1 = markStart(last);
  if (y1 <= y0) return s0;
  return Math.round(s0 + ((y - y0) * (s1 - s0)) / (y1 - y0));
}

function windowCovers() {
  if (!state.view || !state.view.window) return true;
  const w = state.view.window;
  const marks = $('#highlights').querySelectorAll('mark');
  if (!marks.length) return true;
  const top = ed.scrollTop, bottom = top + ed.clientHeight;
  return marks[0].offsetTop <= top + 1 || w[0] === 0 ? (marks[marks.length - 1].offsetTop >= bottom - 1 || w[1] >= state.text.length) : false;
}

function requestView(view) {
  if (state.analysis) {
    showView(state.shown, viewHtml(state.analysis, view), view);
  } else if (state.worker && state.workerReady) {
    state.worker.postMessage({ type: 'view', id: state.shown, view });
  }
}

const showView = timed(function showView(id, html, view) {
  if (id !== state.seq || id !== state.shown) return;
  state.view = view;
  setText(ed.value);
  paint(html);
  syncScroll();
  if (pendingJump) { const j = pendingJump; pendingJump = null; jump(j[0], j[1]); }
});

let refineTimer = 0;
function refineWindow() {
  clearTimeout(refineTimer);
  refineTimer = setTimeout(() => {
    if (!state.view || !state.view.window || windowCovers()) return;
    const at = viewportOffset();
    if (at !== null) requestView({ window: wantedWindow(state.text.length, at) });
  }, 60);
}

// Exports come from whichever thread holds the analysis.
const pending = new Map();
let exportKey = 0;
function exportData(kind, name) {
  if (state.analysis) {
    const a = state.analysis;
    return Promise.resolve(kind === 'json' ? a.report_json() : kind === 'csv' ? a.figures_csv() : a.review_markdown(name));
  }
  return new Promise((resolve) => {
    const key = ++exportKey;
    pending.set(key, resolve);
    state.worker.postMessage({ type: 'export', key, kind, name });
  });
}

function save(text) {
  try {
    localStorage.setItem(STORE_KEY, text);
  } catch (e) {
    // Quota exceeded (a very large text): keep working, say so once.
    if (!state.quotaWarned) notice('正文太大，无法自动保存到浏览器（仍可正常分析）。', 'warn', 5000);
    state.quotaWarned = true;
  }
}

// ---------------------------------------------------------------- status and notices
function status(msg, busy) {
  const s = $('#status');
  s.textContent = msg;
  s.classList.toggle('busy', !!busy);
  document.body.dataset.busy = busy ? '1' : '';
}

let noticeTimer = 0;
function notice(msg, kind = 'error', ms = 8000, action = null) {
  const n = $('#notice');
  n.textContent = msg;
  if (action) n.append(' ', el('button', { type: 'button', class: 'notice-action', text: action.label, onclick: () => { n.hidden = true; action.run(); } }));
  n.className = 'notice notice-' + kind;
  n.hidden = false;
  clearTimeout(noticeTimer);
  if (ms) noticeTimer = setTimeout(() => { n.hidden = true; }, ms);
}

// ---------------------------------------------------------------- counts and panels
function metricFigures(r) { return r.figures.filter((f) => f.kind !== 'date'); }
function headings(r) { return r.outline.filter((h) => h.level <= 4); }
function bySeverity(r, s) { return r.findings.filter((f) => f.severity === s); }

function renderCounts() {
  const r = state.report;
  $('#n-fig').textContent = r.figures.length;
  $('#n-slo').textContent = r.slogans.length;
  $('#n-hd').textContent = r.outline.length;
  for (const s of ['error', 'warning', 'info']) $('#n-' + s).textContent = bySeverity(r, s).length;
  $('#t-findings').textContent = r.findings.length;
  $('#t-figures').textContent = r.figures.length;
  $('#t-slogans').textContent = r.slogans.length;
  $('#t-outline').textContent = headings(r).length;
}

function renderPanels() {
  // Only the visible tab is built; the others are built when opened.
  const p = state.tab;
  const panel = $('#panel-' + p);
  panel.replaceChildren();
  ({ summary: renderSummary, findings: renderFindings, figures: renderFigures, slogans: renderSlogans, outline: renderOutline })[p](panel);
}

function sectionTitle(pos) {
  const r = state.report;
  // Sections are in text order, parents before children: the last one that holds pos is innermost.
  let best = null;
  let lo = 0, hi = r.sections.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (r.sections[m].start <= pos) lo = m + 1; else hi = m; }
  for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) {
    const s = r.sections[k];
    if (pos < s.end) { best = s; break; }
  }
  if (!best) return '';
  return best.heading === undefined || best.heading === null ? (best.title || t('preamble')) : r.outline[best.heading].marker + best.title;
}

function renderSummary(panel) {
  const r = state.report;
  const d = r.doc;
  const pct = Math.round(d.substance * 100);
  const subst = el('div', { class: 'score', title: t('substanceHelp') },
    el('div', { class: 'score-label' }, t('substance'), el('span', { class: 'help', tabindex: '0', 'aria-label': t('substanceHelp'), title: t('substanceHelp') }, '?')),
    el('div', { class: 'score-value', id: 'substance' }, d.chars ? pct + '%' : '—'),
    el('div', { class: 'bar' }, el('span', { style: null })),
    el('p', { class: 'score-help' }, t('substanceHelp')));
  subst.querySelector('.bar span').style.width = (d.chars ? pct : 0) + '%';
  const dl = el('dl', { class: 'facts' },
    el('dt', { text: t('kind') }), el('dd', { id: 'doc-kind', text: d.kind }),
    el('dt', { text: t('title') }), el('dd', { id: 'doc-title', text: d.title || t('untitled') }),
    el('dt', { text: t('chars') }), el('dd', { text: d.chars.toLocaleString() }));
  const counts = el('table', { class: 'counts' },
    el('caption', { text: t('counts') }),
    ...[
      ['figuresN', metricFigures(r).length, 'c-fig'], ['datesN', r.figures.length - metricFigures(r).length, 'c-date'],
      ['slogansN', r.slogans.length, 'c-slo'], ['headingsN', headings(r).length, 'c-hd'],
      ['error', bySeverity(r, 'error').length, 'c-error'], ['warning', bySeverity(r, 'warning').length, 'c-warning'], ['info', bySeverity(r, 'info').length, 'c-info'],
    ].map(([k, n, id]) => el('tr', {}, el('th', { scope: 'row', text: t(k) }), el('td', { id, text: String(n) }))));
  const order = { error: 0, warning: 1, info: 2 };
  const top = [...r.findings].sort((a, b) => order[a.severity] - order[b.severity] || a.start - b.start).slice(0, 6);
  const list = el('ul', { class: 'top' }, ...top.map((f) => findingItem(f)));
  panel.append(dl, subst, counts, el('h3', { text: t('top') }), top.length ? list : el('p', { class: 'muted', text: t('noFindings') }));
}

function findingItem(f) {
  const rule = state.rules.get(f.rule);
  const excerpt = state.text.slice(f.start, Math.min(f.end, f.start + 40));
  return el('li', { class: 'finding sev-' + f.severity },
    el('button', { type: 'button', class: 'jump', 'data-s': f.start, 'data-e': f.end, onclick: () => jump(f.start, f.end) },
      el('span', { class: 'sev', text: t(f.severity) }),
      el('span', { class: 'rule', text: rule ? rule.title : f.rule }),
      el('code', { text: f.rule }),
      el('span', { class: 'msg', text: f.message }),
      excerpt ? el('q', { text: excerpt }) : null));
}

function renderFindings(panel) {
  const r = state.report;
  const nav = el('div', { class: 'nav' },
    el('button', { type: 'button', onclick: () => stepFinding(-1) }, '▲ ' + t('prev')),
    el('button', { type: 'button', onclick: () => stepFinding(1) }, '▼ ' + t('next')),
    el('span', { class: 'muted', text: t('navHint') }));
  panel.append(nav);
  if (!r.findings.length) { panel.append(el('p', { class: 'muted', text: t('noFindings') })); return; }
  for (const sev of ['error', 'warning', 'info']) {
    const fs = bySeverity(r, sev);
    if (!fs.length) continue;
    const group = el('section', { class: 'group' }, el('h3', { class: 'sev-' + sev, text: `${t(sev)} ${fs.length}` }));
    let current = null, ul = null, shown = 0;
    for (const f of fs) {
      if (shown++ >= MAX_ROWS) { group.append(el('p', { class: 'muted', text: t('more')(fs.length) })); break; }
      const sec = sectionTitle(f.start);
      if (sec !== current || !ul) {
        current = sec;
        group.append(el('h4', { text: sec || '—' }));
        ul = el('ul', { class: 'findings' });
        group.append(ul);
      }
      ul.append(findingItem(f));
    }
    panel.append(group);
  }
}

function renderFigures(panel) {
  const r = state.report;
  if (!r.figures.length) { panel.append(el('p', { class: 'muted', text: t('noFigures') })); return; }
  const cols = [['text', 'colText'], ['value', 'colValue'], ['unit', 'colUnit'], ['kind', 'colKind'], ['subject', 'colSubject'], ['section', 'colSection']];
  const rows = r.figures.map((f) => ({ ...f, section: sectionTitle(f.start) }));
  const { key, dir } = state.figSort;
  rows.sort((a, b) => {
    const x = a[key], y = b[key];
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
    return c * dir || a.start - b.start;
  });
  const head = el('tr', {}, ...cols.map(([k, label]) => {
    const sorted = key === k;
    return el('th', { scope: 'col', 'aria-sort': sorted ? (dir > 0 ? 'ascending' : 'descending') : 'none' },
      el('button', { type: 'button', onclick: () => { state.figSort = { key: k, dir: sorted ? -dir : 1 }; renderPanels(); } },
        t(label) + (sorted ? (dir > 0 ? ' ▲' : ' ▼') : '')));
  }));
  const body = el('tbody');
  for (const f of rows.slice(0, MAX_ROWS)) {
    const v = figureValue(f);
    body.append(el('tr', { class: 'k-' + f.kind, 'data-v': f.value, tabindex: '0', onclick: () => jump(f.start, f.end), onkeydown: (e) => { if (e.key === 'Enter') jump(f.start, f.end); } },
      el('td', { text: f.text }), el('td', { class: 'num', text: v + (f.approx ? ' ≈' : '') }), el('td', { text: f.unit }),
      el('td', { text: t(f.kind) }), el('td', { text: f.subject }), el('td', { text: f.section })));
  }
  panel.append(el('table', { class: 'grid', id: 'figures-table' }, el('thead', {}, head), body));
  if (rows.length > MAX_ROWS) panel.append(el('p', { class: 'muted', text: t('more')(rows.length) }));
}

// A figure's value for reading: digit groups for quantities (1,850), none for dates (2024 年).
function fmt(v, kind) {
  if (kind === 'date') return String(v);
  return Number.isInteger(v) ? v.toLocaleString() : v.toLocaleString(undefined, { maximumFractionDigits: 4 });
}

function figureValue(f) {
  const range = f.value_max !== undefined && f.value_max !== null;
  return range ? `${fmt(f.value, f.kind)}–${fmt(f.value_max, f.kind)}` : fmt(f.value, f.kind);
}

function renderSlogans(panel) {
  const r = state.report;
  if (!r.slogans.length) { panel.append(el('p', { class: 'muted', text: t('noSlogans') })); return; }
  const freq = new Map();
  for (const s of r.slogans) {
    const k = s.kind + '\u0000' + s.name;
    const e = freq.get(k) || { kind: s.kind, name: s.name, n: 0, spans: [] };
    e.n++;
    e.spans.push(s);
    freq.set(k, e);
  }
  const order = { formula: 0, quoted: 1, parallel: 2, intensifier: 3 };
  const rows = [...freq.values()].sort((a, b) => order[a.kind] - order[b.kind] || b.n - a.n || a.name.localeCompare(b.name, 'zh'));
  const body = el('tbody');
  for (const e of rows.slice(0, MAX_ROWS)) {
    let i = 0;
    const go = () => { const s = e.spans[i++ % e.spans.length]; jump(s.start, s.end); };
    body.append(el('tr', { class: 'k-' + e.kind, tabindex: '0', onclick: go, onkeydown: (ev) => { if (ev.key === 'Enter') go(); } },
      el('td', { text: e.name }), el('td', { text: t(e.kind) }), el('td', { class: 'num', text: String(e.n) })));
  }
  panel.append(el('table', { class: 'grid', id: 'slogans-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('colName') }), el('th', { scope: 'col', text: t('colKind2') }), el('th', { scope: 'col', text: t('colCount') }))), body));
}

function renderOutline(panel) {
  const r = state.report;
  panel.append(strip(r));
  const ghosts = r.findings.filter((f) => ['outline.number-gap', 'enum.number-gap', 'gap.missing-section', 'outline.empty-section', 'outline.number-duplicate', 'outline.level-skip'].includes(f.rule));
  const secByHeading = new Map();
  r.sections.forEach((s) => { if (s.heading !== undefined && s.heading !== null) secByHeading.set(s.heading, s); });
  const items = [];
  r.outline.forEach((h, i) => { if (h.level <= 4) items.push({ pos: h.start, h, i }); });
  for (const g of ghosts) items.push({ pos: g.start, g });
  items.sort((a, b) => a.pos - b.pos || (a.g ? -1 : 1));
  if (!r.outline.some((h) => h.level <= 4)) panel.append(el('p', { class: 'muted', text: t('noOutline') }));
  const ul = el('ul', { class: 'tree' });
  for (const it of items.slice(0, MAX_ROWS)) {
    if (it.g) {
      ul.append(el('li', { class: 'ghost sev-' + it.g.severity },
        el('button', { type: 'button', onclick: () => jump(it.g.start, it.g.end) }, '⚠ ' + it.g.message)));
      continue;
    }
    const h = it.h;
    const s = secByHeading.get(it.i);
    ul.append(el('li', { class: 'lv' + h.level },
      el('button', { type: 'button', onclick: () => jump(h.start, h.end) },
        el('span', { class: 'mk', text: h.marker }), el('span', { class: 'tt', text: h.title })),
      s ? bars(s) : null));
  }
  panel.append(ul);
}

// A small SVG: figure density (blue) and formula share (amber) of one section.
function bars(s) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 60 12');
  svg.setAttribute('class', 'bars');
  svg.setAttribute('role', 'img');
  const dens = Math.min(1, s.figure_density / 20);
  const label = `${t('density')} ${s.figure_density.toFixed(1)}‰ · ${t('formulaShare')} ${Math.round(s.formula_share * 100)}%`;
  svg.setAttribute('aria-label', label);
  const title = document.createElementNS(NS, 'title');
  title.textContent = label;
  svg.append(title);
  const rect = (x, y, w, cls) => { const r = document.createElementNS(NS, 'rect'); r.setAttribute('x', x); r.setAttribute('y', y); r.setAttribute('width', Math.max(0, w)); r.setAttribute('height', 5); r.setAttribute('class', cls); svg.append(r); };
  rect(0, 0, 60, 'bg'); rect(0, 0, 60 * dens, 'b-fig');
  rect(0, 7, 60, 'bg'); rect(0, 7, 60 * s.formula_share, 'b-slo');
  return svg;
}

// The whole document as one strip of sections: width by length, colour by content.
function strip(r) {
  const NS = 'http://www.w3.org/2000/svg';
  const wrap = el('figure', { class: 'strip' });
  const leaves = r.sections.filter((s, k) => !r.sections.slice(k + 1, k + 60).some((c) => c.start < s.end && c.level > s.level && c.heading !== undefined && c.heading !== null));
  const total = leaves.reduce((a, s) => a + s.chars, 0) || 1;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 300 24');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('stripHelp'));
  let x = 0;
  for (const s of leaves) {
    const w = (s.chars / total) * 300;
    const g = document.createElementNS(NS, 'g');
    g.setAttribute('class', 'cell');
    const tip = document.createElementNS(NS, 'title');
    tip.textContent = `${s.title || t('preamble')} — ${t('density')} ${s.figure_density.toFixed(1)}‰ · ${t('formulaShare')} ${Math.round(s.formula_share * 100)}%`;
    g.append(tip);
    const top = document.createElementNS(NS, 'rect');
    top.setAttribute('x', x); top.setAttribute('y', 0); top.setAttribute('width', Math.max(0.5, w - 0.5)); top.setAttribute('height', 11);
    top.setAttribute('class', 'b-fig'); top.setAttribute('fill-opacity', String(0.1 + 0.9 * Math.min(1, s.figure_density / 20)));
    const bot = document.createElementNS(NS, 'rect');
    bot.setAttribute('x', x); bot.setAttribute('y', 13); bot.setAttribute('width', Math.max(0.5, w - 0.5)); bot.setAttribute('height', 11);
    bot.setAttribute('class', 'b-slo'); bot.setAttribute('fill-opacity', String(0.1 + 0.9 * s.formula_share));
    g.append(top, bot);
    g.addEventListener('click', () => jump(s.start, s.start + 1));
    svg.append(g);
    x += w;
  }
  wrap.append(svg, el('figcaption', { class: 'muted', text: t('stripHelp') }));
  return wrap;
}

// ---------------------------------------------------------------- jumping, flashing, tooltips
let pendingJump = null;
// Selects [start, end) of the whole text, scrolls it into view and flashes its marks, first turning
// to its page (paged mode) or marking the part around it (windowed mode) when needed.
function jump(start, end) {
  const f = state.full;
  if (f && (start < f.start || start >= f.end)) {
    goToPage(start - PAGE / 3, [start, end]);
    return;
  }
  const w = state.view && state.view.window;
  if (w && (start < w[0] || start >= w[1])) {
    pendingJump = [start, end];
    requestView({ window: wantedWindow(state.text.length, start) });
    return;
  }
  const b = base();
  ed.focus({ preventScroll: true });
  ed.setSelectionRange(start - b, Math.min(ed.value.length, Math.max(start, end) - b));
  const mark = markAt(start);
  if (mark) {
    ed.scrollTop = Math.max(0, mark.offsetTop - ed.clientHeight / 3);
    syncScroll();
    flash(start, end);
  }
  caretInfo();
}

// The marks live in one element per line; their data-s/data-e count from the line's start.
// Positions here are into the whole text.
function markAt(pos) {
  const rel = pos - base();
  const k = lineOf(rel);
  const line = $('#highlights').children[k];
  if (!line) return null;
  const inLine = rel - state.lineStarts[k];
  for (const m of line.children) if (inLine < +m.dataset.e) return m;
  return null;
}

function markStart(m) {
  const line = m.parentElement;
  return base() + state.lineStarts[Array.prototype.indexOf.call(line.parentElement.children, line)] + +m.dataset.s;
}

function flash(start, end) {
  for (const m of $('#highlights').querySelectorAll('mark.flash')) m.classList.remove('flash');
  const host = $('#highlights');
  const b = base();
  const from = start - b, last = Math.max(end, start + 1) - b;
  for (let k = lineOf(from); k < host.children.length && state.lineStarts[k] < last; k++) {
    const ls = state.lineStarts[k];
    for (const m of host.children[k].children) {
      if (ls + +m.dataset.e > from && ls + +m.dataset.s < last) m.classList.add('flash');
    }
  }
  setTimeout(() => { for (const x of $('#highlights').querySelectorAll('mark.flash')) x.classList.remove('flash'); }, 1600);
}

function stepFinding(d) {
  const fs = state.report ? state.report.findings : [];
  if (!fs.length) return;
  state.findingIndex = state.findingIndex < 0 ? (d > 0 ? 0 : fs.length - 1) : (state.findingIndex + d + fs.length) % fs.length;
  const f = fs[state.findingIndex];
  jump(f.start, f.end);
}

function itemsAt(pos) {
  const r = state.report;
  if (!r) return [];
  const out = [];
  const scan = (arr, kind) => {
    let lo = 0, hi = arr.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (arr[m].start <= pos) lo = m + 1; else hi = m; }
    for (let k = lo - 1; k >= 0 && k >= lo - 40; k--) if (arr[k].start <= pos && pos < Math.max(arr[k].end, arr[k].start + 1)) out.push([kind, arr[k]]);
  };
  scan(r.figures, 'fig'); scan(r.slogans, 'slo'); scan(r.outline, 'hd'); scan(r.findings, 'fd');
  return out;
}

function describe(kind, x) {
  if (kind === 'fig') {
    const v = figureValue(x);
    return el('div', { class: 'd d-fig' }, el('b', { text: `${t('lg-fig')} · ${t(x.kind)}` }), ' ', `${x.text} = ${x.approx ? '约 ' : ''}${v} ${x.unit}`, x.subject ? el('div', { class: 'muted', text: `${t('colSubject')}：${x.subject}` }) : null);
  }
  if (kind === 'slo') return el('div', { class: 'd d-slo' }, el('b', { text: `${t('lg-slo')} · ${t(x.kind)}` }), ' ', x.name);
  if (kind === 'hd') return el('div', { class: 'd d-hd' }, el('b', { text: `${t('lg-hd')} · L${x.level}` }), ' ', `${x.marker}${x.title}`);
  const rule = state.rules.get(x.rule);
  return el('div', { class: 'd d-fd sev-' + x.severity }, el('b', { text: `${t(x.severity)} · ${rule ? rule.title : ''}` }), ' ', el('code', { text: x.rule }), el('div', { text: x.message }), rule ? el('div', { class: 'muted', text: rule.why }) : null);
}

let tipFrame = 0;
function onHover(e) {
  if (tipFrame) return;
  tipFrame = requestAnimationFrame(() => {
    tipFrame = 0;
    const tip = $('#tip');
    const mark = document.elementsFromPoint(e.clientX, e.clientY).find((x) => x.tagName === 'MARK' && x.closest('#highlights'));
    if (!mark) { tip.hidden = true; return; }
    const items = itemsAt(markStart(mark));
    if (!items.length) { tip.hidden = true; return; }
    tip.replaceChildren(...items.map(([k, x]) => describe(k, x)));
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(window.innerWidth - w - 8, e.clientX + 12) + 'px';
    tip.style.top = (e.clientY + 18 + h > window.innerHeight ? e.clientY - h - 12 : e.clientY + 18) + 'px';
  });
}

function caretInfo() {
  const box = $('#caret');
  const items = itemsAt(ed.selectionStart + base());
  box.replaceChildren(...(items.length ? [el('span', { class: 'muted', text: t('at') + '：' }), ...items.map(([k, x]) => describe(k, x))] : []));
}

function syncScroll() {
  const bd = $('#backdrop');
  bd.scrollTop = ed.scrollTop;
  bd.scrollLeft = ed.scrollLeft;
}

// ---------------------------------------------------------------- tabs, toggles, keys, files
function selectTab(name, focus) {
  state.tab = name;
  for (const b of document.querySelectorAll('[role=tab]')) {
    const on = b.id === 'tab-' + name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
    if (on && focus) b.focus();
  }
  for (const p of document.querySelectorAll('[role=tabpanel]')) p.hidden = p.id !== 'panel-' + name;
  if (state.report) renderPanels();
}

function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportAs(kind) {
  if (kind === 'print') { window.print(); return; }
  const base = ((state.report && state.report.doc.title) || 'report').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
  const data = await exportData(kind, base);
  if (kind === 'json') download(base + '.reportlens.json', data, 'application/json');
  else if (kind === 'csv') download(base + '.figures.csv', data, 'text/csv;charset=utf-8');
  else if (kind === 'md') download(base + '.审阅意见.md', data, 'text/markdown;charset=utf-8');
}

// Puts plain text at the selection, as a paste or a drop does.
function insertPlain(pasted) {
  const whole = wholeText();
  const b = base();
  const [s0, s1] = [ed.selectionStart + b, ed.selectionEnd + b];
  if (whole.length - (s1 - s0) + pasted.length > LARGE) {
    const text = whole.slice(0, s0) + pasted + whole.slice(s1);
    state.full = { text, start: 0, end: 0 };
    setPage(Math.max(0, s0 - PAGE / 3));
    analyse();
    if (whole) offerUndo(whole, t('paged')(text.length));
    else notice(t('paged')(text.length), 'ok', 6000);
  } else if (pasted.length > NATIVE_PASTE || !ed.insert(pasted)) {
    const page = ed.value;
    ed.value = page.slice(0, s0 - b) + pasted + page.slice(s1 - b);
    ed.setSelectionRange(s0 - b + pasted.length, s0 - b + pasted.length);
    ed.revealCaret();
    onEdit();
    if (whole) offerUndo(whole, t('pastedLong')(pasted.split('\n').length));
  }
}

function wire() {
  const input = ed;
  // An edit is analysed at once, in the input event, so text and marks are painted together in the
  // next frame; waiting for that frame first would add up to a frame to every keystroke. Further
  // edits in the same frame (fast typing, IME, a paste split into several edits) wait for the frame
  // and are analysed once, together.
  let frame = 0;
  let lastRun = -Infinity;
  const run = () => { lastRun = performance.now(); onEdit(); };
  input.addEventListener('input', () => {
    state.dirty = true;
    if (frame) return;
    if (performance.now() - lastRun > 16) run();
    else frame = requestAnimationFrame(() => { frame = 0; run(); });
  });
  // In paged mode "select all" means the whole text, not the page on screen: remembered here, and
  // honoured by copy, cut, paste and typing while the whole page stays selected.
  const allSelected = () => state.full && state.allSelected && input.selectionStart === 0 && input.selectionEnd === input.value.length;
  input.addEventListener('keydown', (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'a') state.allSelected = !!state.full;
    else if (!mod && !['Shift', 'Control', 'Meta', 'Alt', 'Backspace', 'Delete'].includes(e.key) && e.key.length > 1) state.allSelected = false;
  });
  input.addEventListener('mousedown', () => { state.allSelected = false; });
  // Copy and cut give exactly the selected text as the page reads it (editor.js), whatever markup the
  // browser's editing has left in the box, and never markup itself.
  for (const kind of ['copy', 'cut']) {
    input.addEventListener(kind, (e) => {
      if (allSelected()) {
        e.preventDefault();
        e.clipboardData.setData('text/plain', wholeText());
        if (kind === 'cut') { state.allSelected = false; loadText(''); }
        return;
      }
      const [a, b] = [input.selectionStart, input.selectionEnd];
      if (a === b) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', input.value.slice(a, b));
      if (kind === 'cut') document.execCommand('delete'); // the browser's edit: one undo step
    });
  }
  input.addEventListener('beforeinput', (e) => {
    if (!allSelected() || e.inputType === 'insertFromPaste') return;
    e.preventDefault();
    state.allSelected = false;
    loadText(e.inputType.startsWith('insert') ? e.data || '' : '');
  });
  // Pastes go in as plain text, never the copied page's HTML (see insertPlain): up to 60 lines the
  // browser inserts them (one step of its undo); a longer one is set at once, with an undo button in
  // the notice; one that would make the text very long goes to the paged view.
  input.addEventListener('paste', (e) => {
    e.preventDefault();
    const pasted = (e.clipboardData ? e.clipboardData.getData('text/plain') : '').replace(/\r\n?/g, '\n');
    if (allSelected()) {
      state.allSelected = false;
      loadText(pasted);
      return;
    }
    insertPlain(pasted);
  });
  $('#page-prev').addEventListener('click', () => goToPage(state.full.start - PAGE));
  $('#page-next').addEventListener('click', () => goToPage(state.full.end));
  input.addEventListener('scroll', () => { syncScroll(); noteView(); if (state.view && state.view.window) refineWindow(); }, { passive: true });
  input.addEventListener('mousemove', onHover);
  input.addEventListener('mouseleave', () => { $('#tip').hidden = true; });
  for (const ev of ['keyup', 'mouseup']) input.addEventListener(ev, caretInfo);
  new ResizeObserver(syncScroll).observe(input.el);

  for (const cb of document.querySelectorAll('[data-layer]')) {
    cb.addEventListener('change', () => $('#highlights').classList.toggle('hide-' + cb.dataset.layer, !cb.checked));
  }
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const b of tabs) {
    b.addEventListener('click', () => selectTab(b.id.slice(4)));
    b.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(b);
      const j = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : -1;
      if (j >= 0) { e.preventDefault(); selectTab(tabs[j].id.slice(4), true); }
    });
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === 'F8') { e.preventDefault(); stepFinding(e.shiftKey ? -1 : 1); }
    if (e.key === 'Escape') { $('#tip').hidden = true; $('#export-menu').hidden = true; $('#export').setAttribute('aria-expanded', 'false'); }
  });

  $('#sample').addEventListener('click', () => { loadText(state.B.sample_text()); input.focus(); });
  $('#clear').addEventListener('click', () => {
    if (wholeText() && !window.confirm(t('confirmClear'))) return;
    loadText('');
    save('');
    input.focus();
  });
  $('#lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('reportlens.lang', state.lang);
    applyLang();
  });
  const menu = $('#export-menu');
  $('#export').addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    $('#export').setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector('button').focus();
  });
  for (const b of menu.querySelectorAll('[data-export]')) {
    b.addEventListener('click', () => { menu.hidden = true; $('#export').setAttribute('aria-expanded', 'false'); exportAs(b.dataset.export); });
  }
  $('#open').addEventListener('click', () => $('#file').click());
  $('#file').addEventListener('change', (e) => { const f = e.target.files[0]; if (f) openFile(f); e.target.value = ''; });
  const editor = $('#editor');
  // Files dropped on the editor are opened; text dropped from elsewhere goes in where it is dropped,
  // as plain text. Text dragged within the box is left to the browser (a move, with its undo step).
  let dragInside = false;
  input.addEventListener('dragstart', () => { dragInside = true; });
  input.addEventListener('dragend', () => { dragInside = false; });
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  editor.addEventListener('dragover', (e) => { if (dragInside) return; e.preventDefault(); $('#drop').hidden = !hasFiles(e); });
  editor.addEventListener('dragleave', () => { $('#drop').hidden = true; });
  editor.addEventListener('drop', (e) => {
    $('#drop').hidden = true;
    if (dragInside) return;
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) { openFile(f); return; }
    const text = (e.dataTransfer.getData('text/plain') || '').replace(/\r\n?/g, '\n');
    if (!text) return;
    const at = document.caretRangeFromPoint && document.caretRangeFromPoint(e.clientX, e.clientY);
    if (at && input.el.contains(at.startContainer)) {
      const p = input.offsetOf(at.startContainer, at.startOffset);
      if (p !== null) input.setSelectionRange(p, p);
    }
    state.allSelected = false;
    insertPlain(text);
  });
}

// Files: the core decides what the bytes are (text in some encoding, a .docx, or something it
// refuses); a refusal leaves the current text in place.
const MAX_FILE = 50 * 1024 * 1024;
async function openFile(file) {
  if (file.size > MAX_FILE) { notice(`文件太大（${(file.size / 1048576).toFixed(1)} MB），最多支持 50 MB。当前正文未改动。`, 'error'); return; }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  try {
    text = state.B.read_file ? state.B.read_file(file.name, bytes) : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    notice(`无法打开“${file.name}”：${e && e.message ? e.message : e}。当前正文未改动。`, 'error');
    return;
  }
  const prev = wholeText();
  loadText(text, { undo: false });
  if (prev && prev !== text) offerUndo(prev, `已打开“${file.name}”。`);
  else notice(`已打开“${file.name}”。`, 'ok', 3000);
}

if (document.querySelector('script[data-js]')) {
  boot().catch((e) => {
    document.body.dataset.ready = 'error';
    notice('无法加载分析引擎（WebAssembly）：' + e, 'error', 0);
  });
}
