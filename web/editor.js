// The text box: a contenteditable element holding one block per line, behind a textarea-like face
// (value, selectionStart/End, setSelectionRange, scroll metrics) so the page talks to it as to a
// textarea.
//
// Why not a textarea: Chromium lays out a textarea's text as one paragraph, so every keystroke lays
// out the whole text again — 12–13 ms for 20,000 characters, most of a frame. With one block per
// line an edit lays out its own line (about 1 ms). The browser still does all the editing (typing,
// IME, Enter, delete, undo); this file only reads the text, maps offsets to the DOM and back, and
// inserts pasted text as plain text (insertText, never insertHTML), so the box never holds anything
// but text. Chromium's editing sets style attributes when it merges lines; the page's CSP allows
// them (style-src-attr), else it leaves styled spans in the box and errors in the console.

const BLOCK = new Set(['DIV', 'P', 'PRE', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR']);

// Reads the box as the browser lays it out: a line ends at a <br> and at a block's edges; a block
// with nothing in it (not even a <br>) takes no line. `spots` lists, in text order, each text node
// and each line's first node (a text node or a <br>) with its offset in the text, for mapping
// between offsets and DOM positions.
function read(root) {
  const parts = [];
  const spots = [];
  let pos = 0, open = false, lines = 0;
  const begin = (first) => {
    if (open) return;
    if (lines > 0) { parts.push('\n'); pos++; }
    open = true;
    if (first) spots.push({ node: first, at: pos, line: true });
  };
  const end = () => { if (open) { open = false; lines++; } };
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        begin(n);
        spots.push({ node: n, at: pos, line: false });
        const d = n.data;
        // A raw line break inside a text node (pre-wrap lays it out as one) ends a line too.
        let from = 0;
        for (let i = d.indexOf('\n'); i !== -1; i = d.indexOf('\n', i + 1)) {
          parts.push(d.slice(from, i));
          pos += i - from;
          end();
          begin(null); // inside this node: its own spot maps it
          from = i + 1;
        }
        parts.push(from ? d.slice(from) : d);
        pos += d.length - from;
      } else if (n.nodeType === 1) {
        if (n.tagName === 'BR') { begin(n); end(); } else if (BLOCK.has(n.tagName)) { end(); walk(n); end(); } else walk(n);
      }
    }
  };
  walk(root);
  end();
  return { text: parts.join(''), spots };
}

// Pastes of up to this many lines go through the browser's editing (see insert).
const MAX_NATIVE_LINES = 60;

export class Editor {
  constructor(el) {
    this.el = el;
    // Enter makes a new block in every browser (Chromium's default; Firefox and Safari have others).
    document.execCommand('defaultParagraphSeparator', false, 'div');
    this.cache = null; // read(el), until the next edit
    this.saved = [0, 0]; // the selection, for when the box has none (focus elsewhere)
    // Registered before the page's own listeners, so they read the edited text.
    el.addEventListener('input', () => { this.cache = null; this.markEmpty(); });
    el.addEventListener('blur', () => { this.saved = [this.selectionStart, this.selectionEnd]; });
  }

  get text() { return this.cache || (this.cache = read(this.el)); }
  get value() { return this.text.text; }

  // Replaces the whole text, one block per line. (The browser's undo history cannot reach across
  // this: its steps refer to blocks that are gone.)
  set value(text) {
    text = text.replace(/\r\n?/g, '\n'); // as a textarea does
    const frag = document.createDocumentFragment();
    for (const line of text.split('\n')) {
      const d = document.createElement('div');
      if (line) d.textContent = line; else d.append(document.createElement('br'));
      frag.append(d);
    }
    this.el.replaceChildren(frag);
    this.cache = null;
    this.saved = [0, 0];
    this.markEmpty(text);
  }

  // Shows the placeholder (style.css) while there is no text.
  markEmpty(text = this.value) { this.el.classList.toggle('empty', text.length === 0); }

  // Inserts plain text at the selection as the browser's own edit (one undo step, one input
  // event). The browser adds a line at a time, about 2 ms each, so a paste of more lines is refused
  // (false) and the caller sets the text instead.
  insert(text) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1 && lines <= MAX_NATIVE_LINES; i = text.indexOf('\n', i + 1)) lines++;
    if (lines > MAX_NATIVE_LINES) return false;
    const [s, e] = [this.selectionStart, this.selectionEnd];
    const want = this.value.slice(0, s) + text + this.value.slice(e);
    this.el.focus({ preventScroll: true });
    document.execCommand('insertText', false, text);
    if (this.value !== want) {
      // The browser merged lines differently from a textarea (it may, at a block's edge): the text
      // must be exactly what was pasted, so set it (this edit then has no undo step).
      this.value = want;
      this.setSelectionRange(s + text.length, s + text.length);
      this.el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
    }
    return true;
  }

  get selectionStart() { const s = this.selection(); return Math.min(s[0], s[1]); }
  get selectionEnd() { const s = this.selection(); return Math.max(s[0], s[1]); }

  selection() {
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || !this.el.contains(sel.anchorNode) || !this.el.contains(sel.focusNode)) return this.saved;
    const a = this.offsetOf(sel.anchorNode, sel.anchorOffset);
    const f = this.offsetOf(sel.focusNode, sel.focusOffset);
    return a === null || f === null ? this.saved : [a, f];
  }

  // The text offset of a DOM position inside the box.
  offsetOf(node, offset) {
    const { text, spots } = this.text;
    if (node.nodeType === 3) {
      const s = spots.find((x) => x.node === node);
      return s ? s.at + Math.min(offset, node.length) : null;
    }
    // An element and a child index: the place before that child, or the element's end.
    const child = node.childNodes[offset];
    if (child) {
      for (const s of spots) {
        if (s.node === child || child.contains(s.node) || child.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING) return s.at;
      }
      return text.length;
    }
    let last = null;
    for (const s of spots) if (s.node !== node && node.contains(s.node)) last = s;
    if (last) return last.node.nodeType === 3 ? last.at + last.node.length : last.at;
    for (const s of spots) if (node.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING) return s.at;
    return text.length;
  }

  // The DOM position of a text offset.
  positionOf(pos) {
    const { spots } = this.text;
    let lo = 0, hi = spots.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (spots[m].at <= pos) lo = m + 1; else hi = m; }
    const s = spots[lo - 1];
    if (!s) return [this.el, 0];
    if (s.line) return s.node.nodeType === 3 ? [s.node, 0] : [s.node.parentNode, Array.prototype.indexOf.call(s.node.parentNode.childNodes, s.node)];
    return [s.node, Math.min(pos - s.at, s.node.length)];
  }

  setSelectionRange(start, end) {
    const n = this.value.length;
    start = Math.max(0, Math.min(start, n));
    end = Math.max(start, Math.min(end, n));
    this.saved = [start, end];
    const r = document.createRange();
    r.setStart(...this.positionOf(start));
    r.setEnd(...this.positionOf(end));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  }

  // Scrolls the box so the caret (the selection's end) is in view, as a textarea does after an edit.
  revealCaret() {
    const [node, off] = this.positionOf(this.selectionEnd);
    const r = document.createRange();
    r.setStart(node, off);
    const rect = r.getClientRects()[0] || (node.nodeType === 1 ? node.getBoundingClientRect() : node.parentNode.getBoundingClientRect());
    const box = this.el.getBoundingClientRect();
    if (rect.top < box.top || rect.bottom > box.bottom) this.el.scrollTop += rect.top - box.top - box.height / 3;
  }

  focus(opts) { this.el.focus(opts); }
  addEventListener(...a) { this.el.addEventListener(...a); }
  get scrollTop() { return this.el.scrollTop; }
  set scrollTop(v) { this.el.scrollTop = v; }
  get scrollLeft() { return this.el.scrollLeft; }
  get scrollHeight() { return this.el.scrollHeight; }
  get clientHeight() { return this.el.clientHeight; }
}
