//! The figures table as CSV (RFC 4180): one row per figure, dates included, in text order.

use crate::report::Report;
use crate::normalise::Doc;

pub const HEADER: &str = "line,column,start,end,text,value,value_max,unit,kind,approx,subject,section";

/// CSV of the figures, with a header row. Prepend [`BOM`] when the file is meant for Excel or WPS,
/// which otherwise read UTF-8 as the local code page.
pub fn render(text: &str, report: &Report) -> String {
    let doc = Doc::new(text);
    let mut out = String::with_capacity(64 * (report.figures.len() + 1));
    out.push_str(HEADER);
    out.push_str("\r\n");
    for f in &report.figures {
        let line = doc.line_of(f.start.min(doc.len()));
        let col = f.start.saturating_sub(doc.lines[line].start) + 1;
        let section = report.section_of(f.start).map_or("", |k| report.sections[k].title.as_str());
        let fields = [
            (line + 1).to_string(),
            col.to_string(),
            f.start.to_string(),
            f.end.to_string(),
            f.text.clone(),
            number(f.value),
            f.value_max.map(number).unwrap_or_default(),
            f.unit.clone(),
            f.kind.as_str().to_string(),
            f.approx.to_string(),
            f.subject.clone(),
            section.to_string(),
        ];
        for (i, v) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(&mut out, v);
        }
        out.push_str("\r\n");
    }
    out
}

/// The UTF-8 byte order mark that spreadsheet programs need to detect UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// A number without a needless fraction or exponent: 5000000000, 0.5, 12.
pub fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Appends one CSV field, quoted when needed.
pub fn field(out: &mut String, v: &str) {
    // Quote what a spreadsheet would misread, and defuse leading formula characters (CSV injection:
    // a cell starting with = + - @ runs as a formula in Excel).
    let formula = v.starts_with(['=', '+', '@']) || (v.starts_with('-') && v.parse::<f64>().is_err());
    if formula {
        out.push_str("\"'");
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses() {
        let mut s = String::new();
        field(&mut s, "a,\"b\"");
        s.push('|');
        field(&mut s, "=1+1");
        s.push('|');
        field(&mut s, "-3");
        assert_eq!(s, "\"a,\"\"b\"\"\"|\"'=1+1\"|-3");
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number(5e9), "5000000000");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-12.0), "-12");
    }

    #[test]
    fn header_only_for_a_text_without_figures() {
        let r = crate::analyze("没有数字。");
        assert_eq!(render("没有数字。", &r), format!("{HEADER}\r\n"));
    }
}
