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
            f.text.to_string(),
            number(f.value),
            f.value_max.map(number).unwrap_or_default(),
            f.unit.to_string(),
            f.kind.as_str().to_string(),
            f.approx.to_string(),
            f.subject.to_string(),
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

/// A number without a needless fraction or exponent: 5000000000, 0.5, 12 — the shortest digits that
/// read back as `v`, as in the JSON report. Written with serde_json's float writer rather than
/// `f64`'s `Display`, which would add some 10 KB of float formatting to the page's wasm.
pub fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e17 {
        return format!("{}", v as i128);
    }
    if !v.is_finite() {
        return if v.is_nan() { "NaN".into() } else if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    plain(&serde_json::to_string(&v).unwrap_or_default())
}

/// serde_json's shortest digits (`1.5e-7`, `1e20`) written out without an exponent.
fn plain(s: &str) -> String {
    let Some((mantissa, exp)) = s.split_once('e') else { return s.strip_suffix(".0").unwrap_or(s).to_string() };
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // The decimal point sits after `point` digits (may be negative or past the end).
    let point = int.len() as i32 + exp;
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{body}")
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
    fn numbers_are_plain_and_exact() {
        for (v, want) in [(0.1, "0.1"), (1.5e-7, "0.00000015"), (-2.5e-12, "-0.0000000000025"), (123.456, "123.456"),
            (1e20, "100000000000000000000"), (1.2345e25, "12345000000000000000000000"), (-7.25, "-7.25")] {
            assert_eq!(number(v), want);
        }
        // A spread of magnitudes and fractions: always the same value back, never an exponent, and
        // the same digits as the JSON report.
        let mut x = 1.0e-9_f64;
        while x < 1e40 {
            for v in [x, x * 1.5, -x * 3.7, x + 0.25] {
                let s = number(v);
                assert_eq!(s.parse::<f64>(), Ok(v), "{v:e}");
                assert!(!s.contains(['e', 'E']), "{s}");
                let json = serde_json::to_string(&v).unwrap();
                assert_eq!(s.parse::<f64>(), json.parse::<f64>(), "{v:e}");
            }
            x *= 13.0;
        }
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn header_only_for_a_text_without_figures() {
        let r = crate::analyze("没有数字。");
        assert_eq!(render("没有数字。", &r), format!("{HEADER}\r\n"));
    }
}
