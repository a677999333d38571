// Analysis off the main thread, for long texts. The worker keeps the latest analysis so the page can
// ask for windows of marks and for exports without analysing again.
let B = null;
// The same choice as the page's viewHtml: all marks, a window of them, or one page (slice).
const viewHtml = (a, view) => (!view ? a.html() : view.slice ? a.html_slice(view.slice[0], view.slice[1]) : a.html_window(view.window[0], view.window[1]));
let current = null;
self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      B = m.js ? await import(m.js) : self.__reportlensBindings;
      await B.default({ module_or_path: m.wasm });
      self.postMessage({ type: 'ready' });
    } else if (m.type === 'analyze' && B) {
      const t0 = performance.now();
      const a = new B.Analysis(m.text);
      if (current) current.a.free();
      current = { id: m.id, a };
      // The marks go first, so the page repaints the text while the report is written. The report goes
      // back as its JSON string, parsed on the page: copying a string between threads is a memcpy,
      // while a parsed report (tens of thousands of objects) is cloned object by object — for 1 MB of
      // text, twice the time of parsing it again.
      self.postMessage({ type: 'result', id: m.id, text: m.text, html: viewHtml(a, m.view), view: m.view, ms: performance.now() - t0 });
      self.postMessage({ type: 'report', id: m.id, report: a.report() });
    } else if (m.type === 'view' && current && current.id === m.id) {
      self.postMessage({ type: 'html', id: m.id, html: viewHtml(current.a, m.view), view: m.view });
    } else if (m.type === 'export' && current) {
      const a = current.a;
      const data = m.kind === 'json' ? a.report_json() : m.kind === 'csv' ? a.figures_csv() : a.review_markdown(m.name);
      self.postMessage({ type: 'export', key: m.key, data });
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
  }
};
