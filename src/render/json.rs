//! The report as JSON: the documented contract (see README "The report").

use crate::report::Report;

/// Pretty-printed JSON of the report.
pub fn render(report: &Report) -> String {
    // Serialising plain structs of strings and numbers cannot fail; f64 NaN would, and the core never
    // produces one (shares of empty sections are 0).
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// One line of JSON (for JSON Lines output), with the file name the report came from.
pub fn render_line(file: &str, report: &Report) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        #[serde(flatten)]
        report: &'a Report,
    }
    serde_json::to_string(&Line { file, report }).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let r = crate::analyze("一、总体情况\n全年召开会议12次。");
        let back: Report = serde_json::from_str(&render(&r)).unwrap();
        assert_eq!(back, r);
        let line = render_line("a.txt", &r);
        assert!(!line.contains('\n'));
        assert!(line.starts_with("{\"file\":\"a.txt\",\"schema\":1"));
    }
}
