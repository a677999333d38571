// Analysis off the main thread, for long texts: the page posts {type:'analyze', id, text} and gets
// back the same {report, html} the main thread would compute.
let B = null;
self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      B = await import(m.js);
      await B.default({ module_or_path: m.wasm });
      self.postMessage({ type: 'ready' });
    } else if (m.type === 'analyze' && B) {
      const t0 = performance.now();
      const result = B.analyze(m.text);
      self.postMessage({ type: 'result', id: m.id, text: m.text, result, ms: performance.now() - t0 });
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
  }
};
