// Analysis off the main thread, for long texts. The worker keeps the latest analysis so the page can
// ask for windows of marks and for exports without analysing again.
let B = null;
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
      const html = m.window ? a.html_window(m.window[0], m.window[1]) : a.html();
      self.postMessage({ type: 'result', id: m.id, text: m.text, report: JSON.parse(a.report()), html, window: m.window, ms: performance.now() - t0 });
    } else if (m.type === 'window' && current && current.id === m.id) {
      self.postMessage({ type: 'html', id: m.id, html: current.a.html_window(m.window[0], m.window[1]), window: m.window });
    } else if (m.type === 'export' && current) {
      const a = current.a;
      const data = m.kind === 'json' ? a.report_json() : m.kind === 'csv' ? a.figures_csv() : a.review_markdown(m.name);
      self.postMessage({ type: 'export', key: m.key, data });
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
  }
};
