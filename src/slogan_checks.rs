//! Checks on slogans: numbered formulations spelled out with the wrong items.
//!
//! A formulation's items are spelled out in two ways, and each gets the checks it can bear without
//! false alarms:
//! - **right after its name** (“四个自信”即…, “政治三力”（…）, 三会一课：…): the writer states the full
//!   list, so missing, extra, misworded and out-of-order items are all reported — missing ones only
//!   when at most one is missing and the list does not end with 等 (a partial mention is not an
//!   expansion);
//! - **as a bare list** that the detector recognised as the formulation (道路自信、制度自信、…): only
//!   what is wrong whatever the writer meant — the order, and an item one char off when every other
//!   item is there. A bare list with fewer items may be a deliberate selection.
//!
//! Accepted variants (三重一大: 人事任免 for 重要干部任免) and factored forms (道路、理论、制度、文化自信)
//! never fire.

use crate::lexicon::{Formula, GRAMMAR, LEXICON};
use crate::normalise::Doc;
use crate::report::{Slogan, SloganKind};
use crate::rules::{Findings, SLOGAN_EXPANSION_MISMATCH};
use crate::segment::Range;
use crate::slogans::{compare_into, keep_chained_hits, list_pieces, starts_with_at, Comparison, HitKind};

/// How far after a name its spelled-out list may run: the longest expansions in the lexicon (四个服从,
/// 十个坚持 with 坚持 before each item) take about 80 chars.
const MAX_EXPANSION_CHARS: usize = 160;
/// Pieces longer than the longest item by more than this are prose, never an extra item.
const EXTRA_SLACK_CHARS: usize = 4;

pub fn check(doc: &Doc, slogans: &[Slogan], findings: &mut Findings) {
    let lex = &*LEXICON;
    // Comparisons reused from slogan to slogan.
    let mut scratch: [Comparison; 2] = Default::default();
    for s in slogans.iter().filter(|s| s.kind == SloganKind::Formula) {
        let Some(f) = lex.get(&s.name).filter(|f| !f.items.is_empty()) else { continue };
        if lex.is_name_of(&doc.norm_slice(s.start, s.end), f) {
            named_expansion(doc, s, f, findings, &mut scratch);
        } else {
            bare_list(doc, s, f, findings, &mut scratch[0]);
        }
    }
}

/// The list spelled out after the name, if an introducer (即, ：, （…) follows it.
fn expansion_after(doc: &Doc, name_end: usize) -> Option<Range> {
    let g = &*GRAMMAR;
    let text = &doc.chars;
    let mut i = name_end;
    while i < text.len() && matches!(text[i], '”' | '’' | '」' | '』' | '"' | ' ') {
        i += 1;
    }
    let intro = g.introducers.iter().find(|w| starts_with_at(text, i, w))?;
    let paren = intro.last() == Some(&'(');
    let start = i + intro.len();
    let limit = (start + MAX_EXPANSION_CHARS).min(text.len());
    let end = (start..limit)
        .find(|&j| matches!(text[j], '\n' | '\r') || if paren { text[j] == ')' } else { g.closers.contains(&text[j]) })
        .unwrap_or(limit);
    Some(Range { start, end })
}

/// Whether a piece without an item still continues the list: it shares the frame of the canonical
/// items (责任意识 among …意识), is item-sized, and is joined to the list by 、 or 和 — after a ，
/// the sentence has moved on.
fn continues_list(text: &[char], p: &Range, f: &Formula) -> bool {
    let g = &*GRAMMAR;
    let (prefix, suffix, longest) = (&f.canonical_prefix, &f.canonical_suffix, f.longest_canonical);
    let w = &text[p.start..p.end];
    let framed = (!prefix.is_empty() && w.starts_with(prefix)) || (!suffix.is_empty() && w.ends_with(suffix));
    let joined = p.start > 0
        && (text[p.start - 1] == '、'
            || g.connectors.iter().any(|c| p.start >= c.len() && text[p.start - c.len()..p.start] == c[..]));
    framed && joined && w.len() <= longest + EXTRA_SLACK_CHARS
}

/// Cuts the region to the list itself: from its first piece holding an item to the last piece that
/// holds one or continues the list, stopping where two pieces in a row do neither (the sentence has
/// moved on).
fn list_extent(text: &[char], region: Range, cmp: &Comparison, f: &Formula) -> Option<Range> {
    let g = &*GRAMMAR;
    let holds_item = |p: &Range| cmp.hits.iter().any(|h| h.start < p.end && p.start < h.end);
    let mut pieces = list_pieces(text, region, g);
    let first = pieces.by_ref().find(holds_item)?;
    let mut end = first.end;
    let mut idle = 0;
    for p in pieces {
        if holds_item(&p) || continues_list(text, &p, f) {
            end = p.end;
            idle = 0;
        } else {
            idle += 1;
            if idle == 2 {
                break;
            }
        }
    }
    Some(Range { start: first.start, end })
}

fn quote(doc: &Doc, r: Range) -> String {
    format!("“{}”", doc.slice(r.start, r.end))
}

fn named_expansion(doc: &Doc, s: &Slogan, f: &Formula, findings: &mut Findings, scratch: &mut [Comparison; 2]) {
    let text = &doc.chars;
    let Some(region) = expansion_after(doc, s.end) else { return };
    let [in_region, in_list] = scratch;
    compare_into(text, region, f, in_region);
    let Some(list) = list_extent(text, region, in_region, f) else { return };
    // Often the list is the whole region, and comparing it again would give the same result.
    let cmp: &Comparison = if list == region {
        in_region
    } else {
        compare_into(text, list, f, in_list);
        in_list
    };
    let n = f.items.len();
    let longest = f.longest_canonical;
    let extras: Vec<Range> = cmp.extras.iter().copied().filter(|e| e.len() <= longest + EXTRA_SLACK_CHARS).collect();
    // An expansion names at least two items (one of a pair), more items than strays, and at least
    // one item in full or two in factored form (判断力、领悟力、执行力).
    let abbrev = cmp.hits.iter().filter(|h| h.kind == HitKind::Abbrev).count();
    let exact = cmp.hits.iter().filter(|h| h.kind == HitKind::Exact).count();
    let enough = cmp.hits.len() >= if n == 2 { 1 } else { 2 } && cmp.hits.len() >= extras.len() && (exact >= 1 || abbrev >= 2);
    if !enough {
        return;
    }
    report_misworded(doc, f, cmp, findings);
    for e in extras {
        findings.add(
            &SLOGAN_EXPANSION_MISMATCH,
            e.start,
            e.end,
            format!(
                "{}不属于“{}”，“{}”的规范表述为“{}”，请核实是否多列或误写。",
                quote(doc, e),
                f.name,
                f.name,
                f.canonical_list()
            ),
        );
    }
    let missing: Vec<usize> = cmp.missing(f).collect();
    if !missing.is_empty() && !cmp.etc && cmp.hits.len() + 1 >= n {
        let missing: Vec<String> = missing.iter().map(|&k| format!("“{}”", f.canonical(k))).collect();
        findings.add(
            &SLOGAN_EXPANSION_MISMATCH,
            s.start,
            list.end,
            format!(
                "“{}”的规范表述为“{}”，此处缺少{}，请补全。",
                f.name,
                f.canonical_list(),
                missing.join("、")
            ),
        );
    }
    report_order(doc, f, cmp, findings);
}

fn bare_list(doc: &Doc, s: &Slogan, f: &Formula, findings: &mut Findings, cmp: &mut Comparison) {
    compare_into(&doc.chars, Range { start: s.start, end: s.end }, f, cmp);
    keep_chained_hits(&doc.chars, cmp);
    let complete = cmp.hits.len() == f.items.len();
    if complete {
        report_misworded(doc, f, cmp, findings);
    }
    report_order(doc, f, cmp, findings);
}

fn report_misworded(doc: &Doc, f: &Formula, cmp: &Comparison, findings: &mut Findings) {
    for h in cmp.misworded() {
        findings.add(
            &SLOGAN_EXPANSION_MISMATCH,
            h.start,
            h.end,
            format!(
                "{}与规范提法不符，“{}”中应为“{}”（规范表述为“{}”）。",
                quote(doc, Range { start: h.start, end: h.end }),
                f.name,
                f.canonical(h.item),
                f.canonical_list()
            ),
        );
    }
}

fn report_order(doc: &Doc, f: &Formula, cmp: &Comparison, findings: &mut Findings) {
    if !cmp.out_of_order(f) {
        return;
    }
    let Some(span) = cmp.hit_range() else { return };
    let written: Vec<String> = cmp
        .hits
        .iter()
        .map(|h| if h.kind == HitKind::Exact { f.canonical(h.item).to_string() } else { doc.slice(h.start, h.end).to_string() })
        .collect();
    findings.add(
        &SLOGAN_EXPANSION_MISMATCH,
        span.start,
        span.end,
        format!(
            "“{}”的条目顺序与规范表述不一致：此处为“{}”，规范顺序为“{}”。",
            f.name,
            written.join("、"),
            f.canonical_list()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slogans;

    /// (span text, message) of every finding.
    fn findings(text: &str) -> Vec<(String, String)> {
        let d = Doc::new(text);
        let s = slogans::detect(&d);
        let mut f = Findings::new();
        check(&d, &s, &mut f);
        f.into_sorted().into_iter().map(|x| (d.slice(x.start, x.end).to_string(), x.message)).collect()
    }

    fn spans(text: &str) -> Vec<String> {
        findings(text).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn mismatches_fire_with_the_item_and_the_canonical_form() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Missing the fourth item right after the name.
            ("坚定“四个自信”，即道路自信、理论自信、制度自信。", "四个自信”，即道路自信、理论自信、制度自信", &["缺少“文化自信”", "道路自信、理论自信、制度自信、文化自信"]),
            // 政治判断力 missing from 政治三力, in brackets.
            ("不断提高“政治三力”（政治领悟力、政治执行力）。", "政治三力”（政治领悟力、政治执行力", &["缺少“政治判断力”"]),
            // Out of order in a bare list.
            ("坚定道路自信、制度自信、理论自信、文化自信。", "道路自信、制度自信、理论自信、文化自信", &["顺序", "规范顺序为“道路自信、理论自信、制度自信、文化自信”"]),
            // Misworded in a bare list.
            ("提高政治判断力、政治领导力、政治执行力。", "政治领导力", &["“政治领导力”与规范提法不符", "应为“政治领悟力”"]),
            // An extra item after the name.
            ("增强“四个意识”即政治意识、大局意识、核心意识、看齐意识、责任意识。", "责任意识", &["“责任意识”不属于“四个意识”"]),
        ];
        for (text, span, words) in cases {
            let got = findings(text);
            let hit = got.iter().find(|f| f.0 == *span).unwrap_or_else(|| panic!("{text}: no finding on {span}: {got:?}"));
            for w in *words {
                assert!(hit.1.contains(w), "{text}: message {:?} lacks {w}", hit.1);
            }
        }
    }

    #[test]
    fn correct_and_accepted_wordings_never_fire() {
        for text in [
            "坚定“四个自信”，即道路自信、理论自信、制度自信、文化自信。",
            "增强“四个意识”（政治意识、大局意识、核心意识、看齐意识）。",
            "增强道路、理论、制度、文化自信。",
            "不断提高政治判断力、政治领悟力、政治执行力。",
            "对重大决策、人事任免、项目安排和大额资金使用一律实行集体研究。",
            "落实“三会一课”：支部党员大会、支委会、党小组会和党课。",
            "坚持“三保”，即保工资、保运转、保基本民生。",
            "坚定“四个自信”，即道路自信、理论自信等，推动工作。",
            "落实“三会一课”：按时召开支部党员大会和支委会。",
            "坚定“四个自信”，即道路自信、理论自信、制度自信、文化自信，推动各项工作落地见效。",
            "提高政治判断力、政治执行力。",
            "增强道路自信、理论自信、制度自信。",
            "“四个意识”（2016年提出）是重要政治要求。",
            "做到“两个维护”，即坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
            "推进农业、农村、水利建设。",
        ] {
            assert!(findings(text).is_empty(), "{text}: {:?}", findings(text));
        }
    }

    #[test]
    fn garbage_after_a_name_is_not_an_expansion() {
        for text in [
            "“两个维护”即".repeat(50),
            "“四个自信”：".repeat(50),
            "坚定“四个自信”，即要求我们把握方向。".to_string(),
            "“政治三力”（判断力）".to_string(),
        ] {
            assert!(findings(&text).is_empty(), "{text}: {:?}", findings(&text));
        }
    }

    #[test]
    fn the_rule_example_fires() {
        assert!(!spans(crate::rules::SLOGAN_EXPANSION_MISMATCH.example).is_empty());
    }

    #[test]
    fn one_finding_per_problem_even_when_name_and_list_both_see_it() {
        let got = findings("提高“政治三力”，即政治判断力、政治领导力、政治执行力。");
        assert_eq!(got.iter().filter(|f| f.0 == "政治领导力").count(), 1, "{got:?}");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
