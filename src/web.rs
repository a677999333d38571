//! The page's binding: each export delegates to the core in a line or two. Offsets handed to
//! JavaScript are UTF-16 (what DOM strings use); the core's are chars.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::offsets::Utf16Map;
use crate::render;

/// One analysed text. The page keeps the latest one (in the main thread or its worker) to render
/// windows of marks and exports without analysing again; call `free()` when replacing it.
#[wasm_bindgen]
pub struct Analysis {
    text: String,
    report: crate::Report,
    map: Utf16Map,
}

#[wasm_bindgen]
impl Analysis {
    #[wasm_bindgen(constructor)]
    pub fn new(text: String) -> Analysis {
        let report = crate::analyze(&text);
        let map = Utf16Map::new(&text);
        Analysis { text, report, map }
    }

    /// The report with every span in UTF-16 offsets, as JSON (one string crossing into JavaScript
    /// and one `JSON.parse` is faster and smaller than building the object field by field).
    pub fn report(&self) -> String {
        // Almost every report is all BMP, where the offsets already are UTF-16: no copy to convert.
        if self.map.is_identity() {
            return render::json::compact(&self.report);
        }
        let mut r = self.report.clone();
        self.map.convert(&mut r);
        render::json::compact(&r)
    }

    /// The text as escaped HTML with all its marks, one line of HTML per line of text (see
    /// `render::html::highlight_lines`).
    pub fn html(&self) -> String {
        render::html::highlight_lines(&self.text, &self.report, 0, usize::MAX)
    }

    /// The same, marked only within the UTF-16 range `[from, to)`.
    pub fn html_window(&self, from: usize, to: usize) -> String {
        render::html::highlight_lines(&self.text, &self.report, self.map.char_of(from), self.map.char_of(to))
    }

    /// One page of a very long text, `[from, to)` in UTF-16 offsets, as the textarea shows it: marked
    /// HTML with offsets from each line's start within the page.
    pub fn html_slice(&self, from: usize, to: usize) -> String {
        render::html::highlight_slice(&self.text, &self.report, self.map.char_of(from), self.map.char_of(to))
    }

    /// The report as the CLI's `--format json` prints it (char offsets).
    pub fn report_json(&self) -> String {
        render::json::render(&self.report)
    }

    /// The figures table as CSV, with a byte order mark for Excel and WPS.
    pub fn figures_csv(&self) -> String {
        format!("{}{}", render::csv::BOM, render::csv::render(&self.text, &self.report))
    }

    /// The review ("审阅意见") as Markdown.
    pub fn review_markdown(&self, name: &str) -> String {
        render::markdown::render(name, &self.text, &self.report)
    }

    /// The annotated text as a standalone HTML page (for printing or sending).
    pub fn review_html(&self, name: &str) -> String {
        render::html::document(name, &self.text, &self.report)
    }
}

/// Every rule (id, severity, title and its three-part documentation) as JSON, for tooltips.
#[wasm_bindgen]
pub fn rules() -> String {
    #[derive(Serialize)]
    struct R {
        id: &'static str,
        severity: &'static str,
        title: &'static str,
        what: &'static str,
        why: &'static str,
        example: &'static str,
    }
    let v: Vec<R> = crate::rules::RULES
        .iter()
        .map(|r| R { id: r.id, severity: r.severity.as_str(), title: r.title, what: r.what, why: r.why, example: r.example })
        .collect();
    serde_json::to_string(&v).unwrap_or_default()
}

/// The sample report the page opens with (written for this project; see data/sample-report.txt).
#[wasm_bindgen]
pub fn sample_text() -> String {
    include_str!("../data/sample-report.txt").to_string()
}

/// A file's bytes to text (UTF-8, UTF-16 with BOM, GB18030/GBK, .docx); a refusal comes back as an
/// error whose message says what the file is and what to do.
#[wasm_bindgen]
pub fn read_file(name: &str, bytes: &[u8]) -> Result<String, JsValue> {
    // The browser's own strict GB18030 decoder, instead of shipping the tables in the wasm.
    let gb18030 = |b: &[u8]| {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?.decode_with_u8_array(b).ok()
    };
    crate::input::open(name, bytes, crate::input::Encoding::Auto, &gb18030)
        .map(|o| o.text)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}
