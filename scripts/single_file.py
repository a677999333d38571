#!/usr/bin/env python3
"""Builds one self-contained HTML file from trunk's dist/: the page for closed networks, opened from
file:// with nothing else beside it.

Everything is inlined: the stylesheet, the wasm-bindgen glue, the wasm (base64), the page scripts and
the worker (started from a Blob holding the glue and the worker script; the compiled wasm module is
handed to it, so nothing is fetched). Its Content-Security-Policy admits exactly the inline script and
style it carries (by hash), wasm compilation, and the blob worker: connect-src 'none', so the page
cannot send anything anywhere.

usage: scripts/single_file.py DIST OUT.html
"""
import base64
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path


def main(dist: Path, out: Path) -> None:
    html = (dist / "index.html").read_text(encoding="utf-8")
    tag = re.search(r'<script type="module" src="\./app\.js" data-js="\./([^"]+)" data-wasm="\./([^"]+)"></script>', html)
    if not tag:
        sys.exit("single_file.py: dist/index.html has no app.js loader tag (see Trunk.toml pattern_script)")
    glue = (dist / tag.group(1)).read_text(encoding="utf-8")
    wasm = (dist / tag.group(2)).read_bytes()
    app = (dist / "app.js").read_text(encoding="utf-8")
    editor = (dist / "editor.js").read_text(encoding="utf-8")
    worker = (dist / "worker.js").read_text(encoding="utf-8")

    css_link = re.search(r'<link rel="stylesheet" href="\./([^"]+)"[^>]*/?>', html)
    css = (dist / css_link.group(1)).read_text(encoding="utf-8")

    exports = re.findall(r"^export (?:async function|function|class) (\w+)", glue, re.M)
    bindings = "{ default: __wbg_init, " + ", ".join(exports) + " }"

    # The page script runs inside a function so its names cannot collide with the glue's; its one
    # export becomes a plain function.
    app_body = app.replace("export function start(", "function start(")
    # The text box's module goes in front of the page script, its export and the import dropped.
    imp = "import { Editor } from './editor.js';\n"
    if imp not in app_body or "export class Editor" not in editor:
        sys.exit("single_file.py: app.js no longer imports Editor from editor.js as this script expects")
    # In a scope of its own, so its helpers' names cannot collide with the page script's.
    editor = editor.replace("export class Editor", "class Editor")
    app_body = "const Editor = (() => {\n" + editor + "\nreturn Editor;\n})();\n" + app_body.replace(imp, "")
    # A page opened from file:// has an opaque origin, and Chromium refuses module workers from blob:
    # URLs there; a classic worker works. So the worker gets the glue as a classic script: no export
    # keywords, no import.meta (only used when no module is handed over, which never happens here).
    classic_glue = re.sub(r"^export (async function|function|class) ", r"\1 ", glue, flags=re.M)
    classic_glue = re.sub(r"^export \{[^}]*\};?\s*$", "", classic_glue, flags=re.M)
    classic_glue = classic_glue.replace("import.meta.url", "self.location.href")
    if re.search(r"^\s*(import|export)\b", classic_glue, re.M):
        sys.exit("single_file.py: the wasm-bindgen glue has imports/exports this script does not know how to strip")
    worker_source = classic_glue + f"\nself.__reportlensBindings = {bindings};\n" + worker
    script = (
        glue
        + "\n// ---- single-file bootstrap: everything below was inlined by scripts/single_file.py\n"
        + f"const __wasm = Uint8Array.from(atob({json.dumps(base64.b64encode(wasm).decode())}), (c) => c.charCodeAt(0));\n"
        + "const __module = await WebAssembly.compile(__wasm);\n"
        + "await __wbg_init({ module_or_path: __module });\n"
        + f"const __bindings = {bindings};\n"
        + f"const __workerSource = {json.dumps(worker_source)};\n"
        + "(() => {\n"
        + app_body
        + "\nconst __workerUrl = URL.createObjectURL(new Blob([__workerSource], { type: 'text/javascript' }));\n"
        + "start(__bindings, () => startWorker(__workerUrl, null, __module, 'classic'));\n"
        + "})();\n"
    )
    # "</script" inside the inlined code would end the element early.
    script = script.replace("</script", "<\\/script")

    sha = lambda s: "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
    # style-src-attr: see index.html (the browser's own editing sets style attributes in the text box).
    csp = (
        f"default-src 'none'; script-src {sha(script)} 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'; "
        f"style-src {sha(css)}; style-src-attr 'unsafe-inline'; img-src data:; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )

    html = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', f'<meta http-equiv="Content-Security-Policy" content="{csp}">', html)
    html = html.replace(css_link.group(0), f"<style>{css}</style>")
    html = html.replace(tag.group(0), f'<script type="module">{script}</script>')
    html = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", html)
    if re.search(r'(src|href)="\./', html):
        sys.exit("single_file.py: a reference to a file in dist/ is left: " + re.search(r'(src|href)="\./[^"]*"', html).group(0))

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    raw = out.stat().st_size
    print(f"single file: {out} — {raw} bytes, {len(gzip.compress(html.encode('utf-8'), 9))} bytes gzipped")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
