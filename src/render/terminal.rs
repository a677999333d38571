//! Lint-style lines for a terminal or an editor's problem matcher:
//!
//! ```text
//! report.txt:12:5: warning[figure.double-approx] “超过5余次”同时用了“超过”和“余”…
//!    12 | 全年开展专项督查超过5余次，通报典型问题
//!       |                     ^^^^^^^^^^
//! ```
//! Line and column are 1-based and count chars, as editors do for CJK text.

use crate::normalise::Doc;
use crate::report::{Report, Severity};

/// How much of the line to show on each side of the finding, in chars.
const CONTEXT: usize = 24;

pub struct Options {
    /// ANSI colours.
    pub color: bool,
    /// Only findings at or above this severity.
    pub min_severity: Severity,
}

impl Default for Options {
    fn default() -> Self {
        Options { color: false, min_severity: Severity::Info }
    }
}

/// One block per finding, then a summary line.
pub fn render(file: &str, text: &str, report: &Report, opts: &Options) -> String {
    let doc = Doc::new(text);
    let mut out = String::new();
    let paint = |code: &str, s: &str| if opts.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    for f in report.findings.iter().filter(|f| f.severity >= opts.min_severity) {
        let start = f.start.min(doc.len());
        let line_no = doc.line_of(start);
        let line = doc.lines[line_no];
        let col = start - line.start.min(start) + 1;
        let sev = match f.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
            Severity::Info => paint("1;36", "info"),
        };
        out.push_str(&format!("{file}:{}:{col}: {sev}[{}] {}\n", line_no + 1, f.rule, f.message));

        // The excerpt: the finding with some context, cut at the line's ends.
        let from = start.saturating_sub(CONTEXT).max(line.start);
        let span_end = f.end.min(line.end).max(start);
        let to = (span_end + CONTEXT).min(line.end);
        let gutter = format!("{}", line_no + 1);
        let pad = " ".repeat(gutter.len());
        let excerpt = doc.slice(from, to).replace('\t', " ");
        let ell_l = if from > line.start { "…" } else { "" };
        let ell_r = if to < line.end { "…" } else { "" };
        out.push_str(&format!(" {gutter} | {ell_l}{excerpt}{ell_r}\n"));
        let lead = width(ell_l) + width(&doc.slice(from, start).replace('\t', " "));
        let marks = width(doc.slice(start, span_end)).max(1);
        out.push_str(&format!(" {pad} | {}{}\n", " ".repeat(lead), paint("1;35", &"^".repeat(marks))));
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    out.push_str(&format!(
        "{file}: {} 错误, {} 警告, {} 提示; {} 个数字, {} 处提法/套话, {} 个标题\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        report.figures.len(),
        report.slogans.len(),
        report.outline.iter().filter(|h| h.level <= 4).count()
    ));
    out
}

/// Terminal columns: East Asian wide and full-width chars take two.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Finding;

    fn report_with(text: &str, start: usize, end: usize) -> Report {
        let mut r = crate::analyze(text);
        r.findings = vec![Finding {
            rule: "figure.double-approx".into(),
            severity: Severity::Warning,
            start,
            end,
            message: "约数词重复".into(),
        }];
        r
    }

    #[test]
    fn position_excerpt_and_caret_align() {
        let text = "标题\n研究工作超过2余次，好。";
        let r = report_with(text, 7, 12);
        let out = render("a.txt", text, &r, &Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "a.txt:2:5: warning[figure.double-approx] 约数词重复");
        assert_eq!(lines[1], " 2 | 研究工作超过2余次，好。");
        // 4 wide chars before the span (8 columns); the span 超过2余次 is 2+2+1+2+2 = 9 columns.
        assert_eq!(lines[2], "   |         ^^^^^^^^^");
        assert!(lines[3].starts_with("a.txt: 0 错误, 1 警告, 0 提示"));
    }

    #[test]
    fn long_lines_are_cut_with_ellipses() {
        let text = format!("{}超过2余次{}", "甲".repeat(60), "乙".repeat(60));
        let r = report_with(&text, 60, 65);
        let out = render("-", &text, &r, &Options::default());
        let excerpt = out.lines().nth(1).unwrap();
        assert!(excerpt.starts_with(" 1 | …甲"));
        assert!(excerpt.ends_with("乙…"));
        assert_eq!(excerpt.chars().filter(|&c| c == '甲').count(), CONTEXT);
    }

    #[test]
    fn filters_by_severity() {
        let text = "超过2余次";
        let r = report_with(text, 0, 5);
        let out = render("-", text, &r, &Options { color: false, min_severity: Severity::Error });
        assert_eq!(out.lines().count(), 1, "only the summary");
    }
}
