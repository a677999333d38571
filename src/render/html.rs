//! The text as HTML with every figure, slogan, heading and finding marked, and a standalone review
//! page built on it.
//!
//! Overlapping spans (a placeholder inside a formula, a finding on a figure) are flattened: the text is
//! cut at every span boundary and each piece becomes one `<mark>` whose classes are the union of the
//! spans covering it. That keeps the HTML flat (no crossing tags), and the marks line up char for char
//! with the text, which is what lets the page lay them under a textarea.
//!
//! Everything from the text is escaped: pasted `<script>` stays text.

use crate::report::Report;

/// Escapes text for element content and attribute values.
pub fn escape(s: &str, out: &mut String) {
    // Most pieces of a report hold none of the five characters: copy them whole.
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Every class a mark can carry, in the order they are written (alphabetical).
const CLASSES: [&str; 23] = [
    "fd", "fd-error", "fd-info", "fd-warning", "fig", "fig-count", "fig-date", "fig-measure", "fig-money", "fig-percent",
    "fig-ratio", "hd", "hd-0", "hd-1", "hd-2", "hd-3", "hd-4", "hd-enum", "slo", "slo-formula", "slo-intensifier",
    "slo-parallel", "slo-quoted",
];

fn bit(class: &str) -> u32 {
    1 << CLASSES.iter().position(|c| *c == class).expect("a known class")
}

/// One span to mark: char offsets and the classes it adds (a bit set over [`CLASSES`]).
struct Layer {
    start: usize,
    end: usize,
    classes: u32,
}

fn layers(report: &Report) -> Vec<Layer> {
    // Bits by name once, not per span.
    let kind_bits = |prefix: &str, kinds: &[&str]| -> Vec<u32> { kinds.iter().map(|k| bit(prefix) | bit(&format!("{prefix}-{k}"))).collect() };
    let fig = kind_bits("fig", &["money", "count", "percent", "ratio", "date", "measure"]);
    let slo = kind_bits("slo", &["formula", "quoted", "parallel", "intensifier"]);
    let hd = kind_bits("hd", &["0", "1", "2", "3", "4", "enum"]);
    let fd = kind_bits("fd", &["info", "warning", "error"]);
    let mut v = Vec::with_capacity(report.figures.len() + report.slogans.len() + report.outline.len() + report.findings.len());
    for f in &report.figures {
        v.push(Layer { start: f.start, end: f.end, classes: fig[f.kind as usize] });
    }
    for s in &report.slogans {
        v.push(Layer { start: s.start, end: s.end, classes: slo[s.kind as usize] });
    }
    for h in &report.outline {
        // Only the marker: the title is ordinary text that other spans may cover.
        v.push(Layer { start: h.start, end: h.start + h.marker.chars().count().max(1), classes: hd[(h.level as usize).min(5)] });
    }
    for f in &report.findings {
        // An empty span (a missing section is reported at a point) still gets one char to carry it.
        v.push(Layer { start: f.start, end: f.end.max(f.start + 1), classes: fd[f.severity as usize] });
    }
    v
}

/// The text with `<mark class="…" data-s data-e>` around every marked piece. `data-s`/`data-e` are
/// UTF-16 offsets, so the page can map a mark to a textarea selection directly.
pub fn highlight(text: &str, report: &Report) -> String {
    highlight_window(text, report, 0, usize::MAX)
}

/// Like [`highlight`], but only pieces that overlap the char range `[from, to)` are marked; the rest
/// is plain escaped text. For very long texts the page marks what is on screen (a few thousand
/// elements) instead of every span (hundreds of thousands), and the layout still matches the textarea
/// because the text is all there.
pub fn highlight_window(text: &str, report: &Report, from: usize, to: usize) -> String {
    mark(text, report, from, to, false)
}

/// The page's form of [`highlight_window`]: one line of HTML per line of text (joined by `\n`),
/// marks never crossing a line break, and `data-s`/`data-e` counted in UTF-16 units from the start of
/// their line. The page keeps one element per line and replaces only the lines whose HTML changed, so
/// a keystroke repaints one paragraph, not the whole report.
pub fn highlight_lines(text: &str, report: &Report, from: usize, to: usize) -> String {
    mark(text, report, from, to, true)
}

/// The page's view of a very long text is a slice of it (the textarea holds one page of a few
/// hundred thousand chars): [`highlight_lines`] of the chars `[from, to)` only, with offsets counted
/// from each line's start within the slice.
pub fn highlight_slice(text: &str, report: &Report, from: usize, to: usize) -> String {
    let byte_of = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let (bf, bt) = (byte_of(from), byte_of(to.max(from)));
    let to = from + text[bf..bt].chars().count();
    let ls = layers(report)
        .into_iter()
        .filter(|l| l.end > from && l.start < to)
        .map(|l| Layer { start: l.start.max(from) - from, end: l.end.min(to) - from, classes: l.classes })
        .collect();
    mark_layers(&text[bf..bt], ls, 0, usize::MAX, true)
}

fn mark(text: &str, report: &Report, from: usize, to: usize, per_line: bool) -> String {
    mark_layers(text, layers(report), from, to, per_line)
}

fn mark_layers(text: &str, ls: Vec<Layer>, from: usize, to: usize, per_line: bool) -> String {
    // Boundary events sorted by position; the set of classes changes only there. Each class keeps
    // a count of the spans giving it, since spans of one kind may overlap.
    let mut events: Vec<(usize, bool, u32)> = Vec::with_capacity(ls.len() * 2);
    for l in &ls {
        if l.start < l.end {
            events.push((l.start, true, l.classes));
            events.push((l.end, false, l.classes));
        }
    }
    crate::order::by_key(&mut events, |&(p, open, _)| (p, open as usize));
    let mut counts = [0u32; CLASSES.len()];
    let mut names: Vec<(u32, String)> = Vec::new();
    let mut out = String::with_capacity(text.len() + text.len() / 2 + 64);
    let mut it = text.chars().peekable();
    let (mut pos, mut byte, mut u16pos, mut ev) = (0usize, 0usize, 0usize, 0usize);
    // UTF-16 offset that data-s/data-e count from: 0, or the start of the line when per line.
    let mut base16 = 0usize;
    let mut mask = 0u32;
    loop {
        while ev < events.len() && events[ev].0 <= pos {
            let (_, open, classes) = events[ev];
            for (k, count) in counts.iter_mut().enumerate() {
                if classes & (1 << k) != 0 {
                    *count = if open { *count + 1 } else { count.saturating_sub(1) };
                }
            }
            ev += 1;
            if ev == events.len() || events[ev].0 > pos {
                mask = counts.iter().enumerate().fold(0, |m, (k, &c)| if c > 0 { m | 1 << k } else { m });
            }
        }
        if byte >= text.len() {
            break;
        }
        // Walk to the next boundary (or the end), counting UTF-16 units on the way. Every event at or
        // before `pos` is applied, so the next one lies ahead and the walk moves at least one char.
        let next = events.get(ev).map_or(usize::MAX, |e| e.0);
        let (start_pos, start_byte, start16) = (pos, byte, u16pos);
        while pos < next {
            let Some(&c) = it.peek() else { break };
            if per_line && c == '\n' {
                break;
            }
            it.next();
            byte += c.len_utf8();
            u16pos += c.len_utf16();
            pos += 1;
        }
        let piece = &text[start_byte..byte];
        if piece.is_empty() {
            // At a line break (per line): it belongs to no mark.
            if it.next().is_some() {
                out.push('\n');
                byte += 1;
                u16pos += 1;
                pos += 1;
                base16 = u16pos;
            }
            continue;
        }
        if mask == 0 || pos <= from || start_pos >= to {
            escape(piece, &mut out);
        } else {
            let classes = match names.iter().find(|(m, _)| *m == mask) {
                Some((_, s)) => s.as_str(),
                None => {
                    let s = CLASSES.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, c)| *c).collect::<Vec<_>>().join(" ");
                    names.push((mask, s));
                    names.last().map(|(_, s)| s.as_str()).unwrap_or_default()
                }
            };
            out.push_str("<mark class=\"");
            out.push_str(classes);
            out.push_str("\" data-s=\"");
            push_num(&mut out, start16 - base16);
            out.push_str("\" data-e=\"");
            push_num(&mut out, u16pos - base16);
            out.push_str("\">");
            escape(piece, &mut out);
            out.push_str("</mark>");
        }
    }
    out
}

fn push_num(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}

/// A standalone review page: legend, the marked text and the findings, with its own small
/// stylesheet. No script and no external resource, so it opens anywhere, including mail clients.
pub fn document(name: &str, text: &str, report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>");
    escape(&format!("审阅 — {name}"), &mut out);
    out.push_str("</title>\n<style>");
    out.push_str(DOCUMENT_CSS);
    out.push_str("</style></head><body>\n<h1>");
    escape(if report.doc.title.is_empty() { name } else { &report.doc.title }, &mut out);
    out.push_str("</h1>\n<p class=\"meta\">");
    escape(
        &format!(
            "文种：{} · {} 字 · {} 个数字 · {} 处提法/套话 · {} 条问题 · 实质内容占比 {}%",
            report.doc.kind,
            report.doc.chars,
            report.figures.len(),
            report.slogans.len(),
            report.findings.len(),
            super::percent(report.doc.substance)
        ),
        &mut out,
    );
    out.push_str("</p>\n<p class=\"legend\"><mark class=\"fig\">数字</mark> <mark class=\"slo\">提法/套话</mark> <mark class=\"hd\">标题序号</mark> <mark class=\"fd fd-error\">错误</mark> <mark class=\"fd fd-warning\">警告</mark> <mark class=\"fd fd-info\">提示</mark></p>\n<pre class=\"text\">");
    out.push_str(&highlight(text, report));
    out.push_str("</pre>\n<h2>问题清单</h2>\n<ol class=\"findings\">\n");
    for f in &report.findings {
        out.push_str(&format!("<li class=\"fd-{}\"><b>", f.severity.as_str()));
        escape(&format!("{}[{}]", f.severity.zh(), f.rule), &mut out);
        out.push_str("</b> ");
        escape(&f.message, &mut out);
        out.push_str(" <q>");
        let excerpt: String = text.chars().skip(f.start).take((f.end - f.start).clamp(1, 60)).collect();
        escape(&excerpt, &mut out);
        out.push_str("</q></li>\n");
    }
    out.push_str("</ol>\n</body></html>\n");
    out
}

const DOCUMENT_CSS: &str = "body{font:16px/1.8 'Noto Serif CJK SC','Source Han Serif SC','SimSun',serif;max-width:50em;margin:2em auto;padding:0 1em;color:#1a1a1a}
.text{white-space:pre-wrap;font:inherit}
mark{background:none;color:inherit}
.fig{background:#dbeafe;border-bottom:2px solid #1d4ed8}
.slo{background:#fef3c7;border-bottom:2px dotted #b45309}
.hd{font-weight:bold;color:#6d28d9}
.fd-error{text-decoration:wavy underline #dc2626}
.fd-warning{text-decoration:wavy underline #d97706}
.fd-info{text-decoration:underline dashed #0891b2}
.meta,.legend{color:#555}
.findings li{margin:.4em 0}
@media print{body{margin:0;max-width:none}}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DocInfo, Figure, FigureKind, Finding, Severity, Slogan, SloganKind};

    fn report(figures: Vec<Figure>, slogans: Vec<Slogan>, findings: Vec<Finding>) -> Report {
        Report {
            schema: 1,
            doc: DocInfo { title: String::new(), kind: "其他".into(), chars: 0, substance: 0.0 },
            figures,
            slogans,
            outline: vec![],
            sections: vec![],
            findings,
        }
    }

    fn fig(start: usize, end: usize) -> Figure {
        Figure { start, end, text: "".into(), value: 0.0, value_max: None, unit: "次".into(), kind: FigureKind::Count, approx: false, subject: "".into() }
    }

    #[test]
    fn escapes_everything_from_the_text() {
        let t = "<script>alert(1)</script>&\"'";
        let h = highlight(t, &report(vec![], vec![], vec![]));
        assert_eq!(h, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn overlapping_spans_flatten_into_pieces() {
        // 切实做到12次: intensifier 0..2, parallel 0..6, figure 4..7
        let t = "切实做到12次。";
        let sl = vec![
            Slogan { start: 0, end: 2, text: Default::default(), kind: SloganKind::Intensifier, name: "".into() },
            Slogan { start: 0, end: 6, text: Default::default(), kind: SloganKind::Parallel, name: "".into() },
        ];
        let h = highlight(t, &report(vec![fig(4, 7)], sl, vec![]));
        assert_eq!(
            h,
            "<mark class=\"slo slo-intensifier slo-parallel\" data-s=\"0\" data-e=\"2\">切实</mark>\
             <mark class=\"slo slo-parallel\" data-s=\"2\" data-e=\"4\">做到</mark>\
             <mark class=\"fig fig-count slo slo-parallel\" data-s=\"4\" data-e=\"6\">12</mark>\
             <mark class=\"fig fig-count\" data-s=\"6\" data-e=\"7\">次</mark>。"
        );
    }

    #[test]
    fn data_offsets_are_utf16() {
        let t = "𠀀12次";
        let h = highlight(t, &report(vec![fig(1, 4)], vec![], vec![]));
        assert!(h.contains("data-s=\"2\" data-e=\"5\""), "{h}");
        assert!(h.starts_with("𠀀<mark"));
    }

    #[test]
    fn a_window_marks_only_what_it_overlaps() {
        let t = "12次，34次，56次";
        let r = report(vec![fig(0, 3), fig(4, 7), fig(8, 11)], vec![], vec![]);
        let h = highlight_window(t, &r, 5, 6);
        assert_eq!(h, "12次，<mark class=\"fig fig-count\" data-s=\"4\" data-e=\"7\">34次</mark>，56次");
        assert_eq!(highlight_window(t, &r, 0, usize::MAX), highlight(t, &r));
    }

    #[test]
    fn per_line_marks_stop_at_line_breaks_and_count_from_the_line() {
        // 甲12次 spans the line break: two marks, offsets from each line's start.
        let t = "甲1\n2次\n\n乙";
        let r = report(vec![fig(1, 5)], vec![], vec![]);
        let h = highlight_lines(t, &r, 0, usize::MAX);
        assert_eq!(
            h,
            "甲<mark class=\"fig fig-count\" data-s=\"1\" data-e=\"2\">1</mark>\n<mark class=\"fig fig-count\" data-s=\"0\" data-e=\"2\">2次</mark>\n\n乙"
        );
        assert_eq!(h.split('\n').count(), t.split('\n').count(), "one HTML line per text line");
    }

    #[test]
    fn a_slice_is_marked_as_if_it_were_the_whole_text() {
        let t = "甲12次\n乙34次丙";
        let r = report(vec![fig(1, 4), fig(6, 9)], vec![], vec![]);
        // From inside the first figure to inside the second.
        let h = highlight_slice(t, &r, 2, 8);
        assert_eq!(h, "<mark class=\"fig fig-count\" data-s=\"0\" data-e=\"2\">2次</mark>\n乙<mark class=\"fig fig-count\" data-s=\"1\" data-e=\"3\">34</mark>");
        assert_eq!(highlight_slice(t, &r, 0, 99), highlight_lines(t, &r, 0, usize::MAX));
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let h = highlight("12次", &report(vec![fig(0, 99)], vec![], vec![]));
        assert_eq!(h, "<mark class=\"fig fig-count\" data-s=\"0\" data-e=\"3\">12次</mark>");
    }

    #[test]
    fn document_is_inert() {
        let t = "<img src=x onerror=alert(1)>";
        let r = report(vec![], vec![], vec![Finding { rule: "residue.placeholder".into(), severity: Severity::Error, start: 0, end: 4, message: "<b>".into() }]);
        let d = document("<x>.txt", t, &r);
        assert!(!d.contains("<img") && !d.contains("<x>"));
        assert!(d.contains("&lt;b&gt;"), "the message is escaped too");
        assert!(d.contains("&lt;img</mark> src=x onerror=alert(1)&gt;"), "{d}");
    }
}
