//! A review ("审阅意见") in Markdown: the report's facts, then the findings grouped by top-level
//! section, each with its line, its message and the text it points at — what a reviewer sends back.

use crate::normalise::Doc;
use crate::report::{Report, Severity};

/// Longest excerpt quoted per finding, in chars.
const EXCERPT: usize = 60;

pub fn render(name: &str, text: &str, report: &Report) -> String {
    let doc = Doc::new(text);
    let d = &report.doc;
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let metric = report.figures.iter().filter(|f| f.kind.as_str() != "date").count();
    let title = if d.title.is_empty() { name } else { d.title.as_str() };
    let mut out = format!("# 审阅意见：{}\n\n", inline(title));
    out.push_str(&format!("- 文种：{}\n", d.kind));
    out.push_str(&format!(
        "- 字数：{}；计量数字 {} 个；提法/套话 {} 处；实质内容占比 {}%\n",
        d.chars,
        metric,
        report.slogans.len(),
        super::percent(d.substance)
    ));
    out.push_str(&format!(
        "- 问题：错误 {} 条，警告 {} 条，提示 {} 条\n\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    if report.findings.is_empty() {
        out.push_str("未发现问题。\n");
        return out;
    }

    // Group by the top-level section holding each finding; findings outside every section (before
    // the first heading) form their own group.
    let top = report.sections.iter().map(|s| s.level).min();
    let tops: Vec<usize> = (0..report.sections.len()).filter(|&k| Some(report.sections[k].level) == top).collect();
    let heading_of = |pos: usize| -> Option<usize> {
        let k = tops.partition_point(|&k| report.sections[k].start <= pos).checked_sub(1)?;
        (pos < report.sections[tops[k]].end).then_some(tops[k])
    };
    let mut current: Option<Option<usize>> = None;
    let mut n = 0;
    for f in &report.findings {
        let sec = heading_of(f.start);
        if current != Some(sec) {
            current = Some(sec);
            n = 0;
            let heading = match sec {
                Some(k) => {
                    let s = &report.sections[k];
                    match s.heading {
                        Some(h) => format!("{}{}", report.outline[h].marker, report.outline[h].title),
                        None if s.title.is_empty() => "开头部分".to_string(),
                        None => s.title.clone(),
                    }
                }
                None => "全文".to_string(),
            };
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&format!("## {}\n\n", inline(&heading)));
        }
        n += 1;
        let line = doc.line_of(f.start.min(doc.len())) + 1;
        let title = crate::rules::rule(&f.rule).map_or("", |r| r.title);
        out.push_str(&format!(
            "{n}. **{}** {} `{}`（第 {line} 行）：{}\n",
            f.severity.zh(),
            title,
            f.rule,
            inline(&f.message)
        ));
        let excerpt: String = doc.slice(f.start, f.end.min(f.start + EXCERPT)).chars().filter(|c| *c != '\r').collect();
        let excerpt = excerpt.replace('\n', " ⏎ ");
        if !excerpt.trim().is_empty() {
            let more = if f.end > f.start + EXCERPT { "…" } else { "" };
            out.push_str(&format!("   > {}{more}\n", inline(&excerpt)));
        }
    }
    out
}

/// Text safe inside one Markdown line: no leading block syntax, no raw HTML, no line breaks.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '\\' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DocInfo, Finding, Heading, Section};

    fn report() -> Report {
        let h = |start, end, marker: &str, ordinal, title: &str| Heading {
            start, end, level: 1, marker: marker.into(), ordinal, title: title.into(), style: "一、".into(),
        };
        let s = |start, end, heading| Section {
            start, end, heading: Some(heading), level: 1, title: String::new(), chars: 1, figures: 0, formula_share: 0.0, figure_density: 0.0,
        };
        let f = |start, end, rule: &'static str, severity| Finding { rule: rule.into(), severity, start, end, message: "说明<b>".into() };
        Report {
            schema: 1,
            doc: DocInfo { title: "测试报告".into(), kind: "工作总结".into(), chars: 30, substance: 0.5 },
            figures: vec![],
            slogans: vec![],
            outline: vec![h(7, 13, "一、", 1, "主要工作"), h(21, 27, "二、", 2, "存在问题")],
            sections: vec![s(7, 21, 0), s(21, 33, 1)],
            findings: vec![
                f(0, 2, "residue.placeholder", Severity::Error),
                f(14, 19, "figure.double-approx", Severity::Warning),
                f(28, 32, "gap.no-figures", Severity::Info),
            ],
        }
    }

    #[test]
    fn findings_grouped_by_section_with_lines_and_excerpts() {
        let text = "XX同志报告\n一、主要工作\n超过5余次。\n二、存在问题\n没有数字。";
        let md = render("a.txt", text, &report());
        assert!(md.starts_with("# 审阅意见：测试报告\n"));
        assert!(md.contains("- 问题：错误 1 条，警告 1 条，提示 1 条"));
        let order: Vec<usize> = ["## 全文", "1. **错误**", "## 一、主要工作", "**警告**", "## 二、存在问题", "**提示**"]
            .iter()
            .map(|s| md.find(s).unwrap_or_else(|| panic!("{s} missing in\n{md}")))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{md}");
        assert!(md.contains("（第 3 行）"), "{md}");
        assert!(md.contains("   > 超过5余次\n"), "{md}");
        assert!(md.contains("提示 1 条\n\n## 全文\n\n1. "), "one blank line between blocks:\n{md}");
        assert!(md.contains("说明&lt;b&gt;") && !md.contains("<b>"));
    }

    #[test]
    fn a_clean_report_says_so() {
        let mut r = report();
        r.findings.clear();
        assert!(render("a.txt", "", &r).ends_with("未发现问题。\n"));
    }
}
