//! The page's binding: each export delegates to the core in a line or two. Offsets handed to
//! JavaScript are UTF-16 (what DOM strings use); the core's are chars.

use wasm_bindgen::prelude::*;

use crate::offsets::Utf16Map;
use crate::render;

/// Analyses `text`; returns `{ report, html }`: the report with every span in UTF-16 offsets, and the
/// text as escaped HTML with its marks (see `render::html::highlight`).
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let report = crate::analyze(text);
    let html = render::html::highlight(text, &report);
    let mut report16 = report;
    Utf16Map::new(text).convert(&mut report16);
    let out = Page { report: report16, html };
    out.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

#[derive(serde::Serialize)]
struct Page {
    report: crate::Report,
    html: String,
}

use serde::Serialize;

/// The report as the CLI's `--format json` prints it (char offsets), for the export button.
#[wasm_bindgen]
pub fn report_json(text: &str) -> String {
    render::json::render(&crate::analyze(text))
}

/// The figures table as CSV with a byte order mark, for the export button.
#[wasm_bindgen]
pub fn figures_csv(text: &str) -> String {
    let report = crate::analyze(text);
    format!("{}{}", render::csv::BOM, render::csv::render(text, &report))
}

/// Every rule: id, severity, title and its three-part documentation, for tooltips and the legend.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
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
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
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

/// The review ("审阅意见") as Markdown, for the export button.
#[wasm_bindgen]
pub fn review_markdown(name: &str, text: &str) -> String {
    render::markdown::render(name, text, &crate::analyze(text))
}
