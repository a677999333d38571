//! Sections of the report and how much of each is figures and how much formula.
//!
//! A section is a heading of one of the two topmost heading levels the document uses, running to the
//! next heading of the same or a higher level (so a level-1 section contains its level-2 sections).
//! Text before the first heading is a preamble section. A text with no headings is cut into its
//! paragraphs instead, so that "how much of this is formula" still has an answer per part.

use crate::normalise::{is_content, Doc};
use crate::report::{Figure, FigureKind, Heading, Section, Slogan};
use crate::rules::{Findings, SLOGAN_DENSITY};
use crate::segment::Range;

/// Above this share of slogan-covered chars, a section is "mostly formula".
///
/// Calibrated on hand-written paragraphs of the kinds reports mix (tests below): paragraphs made of
/// nothing but formulations, 排比 and filler score 0.46–0.76 even though stock phrases the lexicon
/// does not list (风清气正, 正风肃纪) stay uncovered; paragraphs of concrete work and figures score
/// 0–0.05; a paragraph that opens with a formula sentence and goes on to at least as much concrete
/// work scores 0.2–0.35. 0.4 fires only where formula clearly outweighs the rest (a formula sentence
/// followed by one short line of activity counts scores about 0.43, and fires).
pub const DENSITY_THRESHOLD: f64 = 0.4;
/// Sections shorter than this (content chars) are not judged for density: a one-line heading that is
/// itself a formula says nothing about the section.
pub const DENSITY_MIN_CHARS: usize = 30;

/// Content chars and slogan-covered content chars before each of a few points of the text: the
/// points where sections start and end. Counting only at those points takes one pass over the chars
/// and no per-char table, and each section's shares are then two lookups.
struct Coverage {
    /// Sorted, without duplicates.
    points: Vec<usize>,
    content: Vec<u32>,
    covered: Vec<u32>,
}

impl Coverage {
    /// `points` need not be sorted; each is clamped to the text.
    fn new(doc: &Doc, slogans: &[Slogan], mut points: Vec<usize>) -> Coverage {
        let n = doc.len();
        for p in &mut points {
            *p = (*p).min(n);
        }
        crate::order::by_key(&mut points, |&p| p);
        points.dedup();
        // Slogan spans merged into disjoint runs, so that overlapping spans (an intensifier inside a
        // parallel list) count once. Merging needs them in order of start only, the order
        // `slogans::detect` gives (the sort finds it so and stops); sorting them by start and end,
        // which reorders every list and what it contains, took most of the sections' time for a
        // long text.
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(slogans.len());
        spans.extend(slogans.iter().map(|s| (s.start.min(n), s.end.min(n))).filter(|(a, b)| a < b));
        crate::order::by_key(&mut spans, |s| s.0);
        let mut runs: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match runs.last_mut() {
                Some(r) if a <= r.1 => r.1 = r.1.max(b),
                _ => runs.push((a, b)),
            }
        }
        let mut content = Vec::with_capacity(points.len());
        let mut covered = Vec::with_capacity(points.len());
        let (mut c, mut v) = (0u32, 0u32);
        let (mut pos, mut k) = (0, 0);
        for &to in &points {
            // Walk to the point in pieces that are wholly inside or wholly outside a run.
            while pos < to {
                while k < runs.len() && runs[k].1 <= pos {
                    k += 1;
                }
                let (piece_end, in_run) = match runs.get(k) {
                    Some(&(a, b)) if a <= pos => (b.min(to), true),
                    Some(&(a, _)) => (a.min(to), false),
                    None => (to, false),
                };
                let m = doc.chars[pos..piece_end].iter().filter(|&&ch| is_content(ch)).count() as u32;
                c += m;
                if in_run {
                    v += m;
                }
                pos = piece_end;
            }
            content.push(c);
            covered.push(v);
        }
        Coverage { points, content, covered }
    }

    /// Index of a point given to [`Coverage::new`].
    fn at(&self, p: usize) -> usize {
        let k = self.points.partition_point(|&q| q < p);
        debug_assert_eq!(self.points.get(k), Some(&p), "not a point of this coverage");
        k.min(self.points.len() - 1)
    }

    fn content(&self, r: Range) -> usize {
        (self.content[self.at(r.end)] - self.content[self.at(r.start)]) as usize
    }

    fn covered(&self, r: Range) -> usize {
        (self.covered[self.at(r.end)] - self.covered[self.at(r.start)]) as usize
    }
}

/// Builds the sections, in text order (a parent before its children).
pub fn build(doc: &Doc, outline: &[Heading], figures: &[Figure], slogans: &[Slogan]) -> Vec<Section> {
    build_with_substance(doc, outline, figures, slogans).0
}

/// The sections and the substance score (see [`substance`]) from one coverage pass.
pub fn build_with_substance(doc: &Doc, outline: &[Heading], figures: &[Figure], slogans: &[Slogan]) -> (Vec<Section>, f64) {
    let plan = plan(doc, outline);
    let cov = Coverage::new(doc, slogans, points(&plan, doc.len()));
    (sections(&cov, plan, figures), substance_of(&cov, doc))
}

/// Every start and end of the planned sections, and the ends of the text, sorted. Sections of one
/// level follow one another without overlapping, so the starts of all and the ends of each level
/// come in text order: merging those few lists is linear, where sorting all the points together
/// (ends of the top level far ahead of the ends of their sub-sections) was not.
fn points(plan: &[Planned], n: usize) -> Vec<usize> {
    let mut lists: Vec<Vec<usize>> = vec![vec![0, n], Vec::with_capacity(plan.len())];
    let mut ends: Vec<(u8, Vec<usize>)> = Vec::new();
    for p in plan {
        lists[1].push(p.range.start);
        match ends.iter_mut().find(|(level, _)| *level == p.level) {
            Some((_, e)) => e.push(p.range.end),
            None => ends.push((p.level, vec![p.range.end])),
        }
    }
    lists.extend(ends.into_iter().map(|(_, e)| e));
    crate::order::merged(lists)
}

fn substance_of(cov: &Coverage, doc: &Doc) -> f64 {
    let all = Range { start: 0, end: doc.len() };
    match cov.content(all) {
        0 => 0.0,
        chars => 1.0 - cov.covered(all) as f64 / chars as f64,
    }
}

/// A section before its counts are known.
struct Planned {
    range: Range,
    heading: Option<usize>,
    level: u8,
    title: String,
    /// The preamble: kept only when it has content.
    preamble: bool,
}

/// Where the sections are, in text order.
fn plan(doc: &Doc, outline: &[Heading]) -> Vec<Planned> {
    let n = doc.len();
    // The two highest levels present (levels 0-4 make sections): which levels occur is a pass over
    // the outline, where sorting the levels of 100,000 headings took a third of the sections' time.
    let mut present = [false; 5];
    for h in outline {
        if let Some(p) = present.get_mut(h.level as usize) {
            *p = true;
        }
    }
    let top: Vec<u8> = (0..5u8).filter(|&l| present[l as usize]).take(2).collect();

    if top.is_empty() {
        let mut out = Vec::with_capacity(doc.paragraphs().len());
        for &p in doc.paragraphs() {
            let title: String = doc.slice(p.start, p.end).chars().take(20).collect();
            out.push(Planned { range: p, heading: None, level: 1, title, preamble: false });
        }
        return out;
    }

    let heads: Vec<usize> = (0..outline.len()).filter(|&i| top.contains(&outline[i].level)).collect();
    let mut out = Vec::with_capacity(heads.len() + 1);
    if let Some(&first) = heads.first() {
        let range = Range { start: 0, end: outline[first].start };
        out.push(Planned { range, heading: None, level: top[0], title: String::new(), preamble: true });
    }
    for (k, &i) in heads.iter().enumerate() {
        let h = &outline[i];
        let end = heads[k + 1..]
            .iter()
            .map(|&j| &outline[j])
            .find(|o| o.level <= h.level)
            .map_or(n, |o| o.start);
        out.push(Planned { range: Range { start: h.start, end }, heading: Some(i), level: h.level, title: h.title.to_string(), preamble: false });
    }
    out
}

fn sections(cov: &Coverage, plan: Vec<Planned>, figures: &[Figure]) -> Vec<Section> {
    // Metric figure starts, sorted, to count figures per range by binary search.
    let mut fig_starts: Vec<usize> = Vec::with_capacity(figures.len());
    fig_starts.extend(figures.iter().filter(|f| f.kind != FigureKind::Date).map(|f| f.start));
    crate::order::by_key(&mut fig_starts, |&s| s);
    let count_figs = |r: Range| {
        fig_starts.partition_point(|&s| s < r.end) - fig_starts.partition_point(|&s| s < r.start)
    };
    // Sized up front: a filtered iterator gives `collect` no length, and it would grow the vector
    // step by step.
    let mut out = Vec::with_capacity(plan.len());
    let sections = plan
        .into_iter()
        .filter(|p| !p.preamble || cov.content(p.range) > 0)
        .map(|p| {
            let r = p.range;
            let chars = cov.content(r);
            let figures = count_figs(r);
            Section {
                start: r.start,
                end: r.end,
                heading: p.heading,
                level: p.level,
                title: p.title,
                chars,
                figures,
                formula_share: if chars == 0 { 0.0 } else { cov.covered(r) as f64 / chars as f64 },
                figure_density: if chars == 0 { 0.0 } else { figures as f64 * 1000.0 / chars as f64 },
            }
        });
    out.extend(sections);
    out
}

/// `slogan.density` on sections that have no sub-sections (and on paragraphs of a text without
/// headings): a parent's share is the mix of its children's, so judging leaves says it once, where
/// it is.
pub fn check(doc: &Doc, sections: &[Section], findings: &mut Findings) {
    for (k, s) in sections.iter().enumerate() {
        let has_child = sections[k + 1..].iter().take_while(|c| c.start < s.end).any(|c| c.heading.is_some() && c.level > s.level);
        if has_child || s.chars < DENSITY_MIN_CHARS || s.formula_share <= DENSITY_THRESHOLD {
            continue;
        }
        // Point at the heading when there is one, not at the whole section.
        let (start, end) = match s.heading {
            Some(_) => {
                let line = doc.lines[doc.line_of(s.start)];
                (s.start, line.end.min(s.end))
            }
            None => (s.start, s.end),
        };
        let what = if s.heading.is_some() { "本节" } else { "本段" };
        // Say "no figures" only when that is true: a section may have figures and still be mostly formula.
        let advice = if s.figures == 0 {
            "且没有一个具体数据，建议补充实际工作内容和数据"
        } else {
            "具体做法偏少，建议压缩套话、充实实际工作内容"
        };
        findings.add(
            &SLOGAN_DENSITY,
            start,
            end,
            format!(
                "{what}约{}%的文字是提法、排比或修饰性套话（{}字中{}字），{advice}。",
                // Integers, not rounded floats: float formatting would add 20 KB to the page's wasm.
                (s.formula_share * 100.0).round() as i64,
                s.chars,
                (s.formula_share * s.chars as f64).round() as i64
            ),
        );
    }
}

/// The substance score (0–1): the share of the text's content chars (Han, letters, digits) that no
/// slogan covers. 1 means no formula at all; an empty text scores 0.
pub fn substance(doc: &Doc, slogans: &[Slogan]) -> f64 {
    substance_of(&Coverage::new(doc, slogans, vec![0, doc.len()]), doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SloganKind;

    fn heading(start: usize, end: usize, level: u8, ordinal: u32) -> Heading {
        Heading { start, end, level, marker: Default::default(), ordinal, title: format!("h{start}").into(), style: Default::default() }
    }

    fn slogan(start: usize, end: usize) -> Slogan {
        Slogan { start, end, text: Default::default(), kind: SloganKind::Formula, name: "".into() }
    }

    #[test]
    fn sections_nest_and_count_content_chars() {
        // 0         1
        // 0123456 7890123456
        // 一、甲\n（一）乙丙丁。
        let d = Doc::new("一、甲\n（一）乙丙丁。");
        let outline = vec![heading(0, 3, 1, 1), heading(4, 8, 2, 1)];
        let s = build(&d, &outline, &[], &[slogan(8, 10)]);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].start, s[0].end, s[0].chars), (0, d.len(), 6), "、（）。 and the newline are not content");
        assert_eq!((s[1].start, s[1].end, s[1].chars), (4, d.len(), 4));
        assert!((s[1].formula_share - 0.5).abs() < 1e-9);
    }

    #[test]
    fn overlapping_slogans_count_once() {
        let d = Doc::new("切实做到两个维护");
        let s = build(&d, &[], &[], &[slogan(0, 8), slogan(0, 2)]);
        assert_eq!(s.len(), 1, "one paragraph section");
        assert_eq!(s[0].formula_share, 1.0);
        assert_eq!(substance(&d, &[slogan(0, 8), slogan(0, 2)]), 0.0);
    }

    #[test]
    fn density_fires_on_leaves_only() {
        let text = format!("一、甲\n{}\n二、乙\n{}", "两个维护".repeat(10), "做了实事".repeat(10));
        let d = Doc::new(&text);
        let outline = vec![heading(0, 3, 1, 1), heading(45, 48, 1, 2)];
        let sl: Vec<_> = (0..10).map(|k| slogan(4 + 4 * k, 8 + 4 * k)).collect();
        let sections = build(&d, &outline, &[], &sl);
        let mut f = Findings::new();
        check(&d, &sections, &mut f);
        let v = f.into_sorted();
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].start, v[0].end), (0, 3), "points at the heading line");
        assert!(v[0].message.contains("本节"));
    }

    /// Paragraph density with the real slogan detector: (text, should fire).
    #[test]
    fn density_fires_on_formula_paragraphs_only() {
        let cases: &[(&str, bool)] = &[
            ("坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义，切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，不断提高政治判断力、政治领悟力、政治执行力。", true),
            ("坚持党建工作与业务工作同谋划、同部署、同推进、同考核，认真落实全面从严治党主体责任，扎实推进党风廉政建设，着力建设政治型机关、服务型机关、效能型机关和清廉型机关。", true),
            ("深入开展主题教育，认真落实中央八项规定及其实施细则精神，持之以恒纠治“四风”，驰而不息正风肃纪，不断巩固风清气正的良好政治生态。", true),
            ("全年组织党组理论学习中心组集中学习12次，开展专题研讨4次，班子成员讲党课8次，撰写调研报告6篇，其中2篇获市委主要领导批示。", false),
            ("针对老旧小区加装电梯审批慢的问题，联合住建、规划、市场监管部门建立并联审批机制，把审批时限由45天压缩到15天，全年加装电梯120部。", false),
            ("我们坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，扎实办好十项民生实事，城镇新增就业2.1万人，新建幼儿园8所，改造农村公路136公里。", false),
            ("坚持以习近平新时代中国特色社会主义思想为指导，切实增强“四个意识”、坚定“四个自信”。全年组织集中学习12次，开展专题研讨4次，班子成员讲党课8次，走访企业36家，解决问题21个。", false),
            ("认真落实全面从严治党主体责任，全年约谈下级党组织书记15人次，对3个履责不力的支部进行通报，推动整改问题42个。", false),
            ("学习贯彻党的创新理论还不够深入，联系实际不够紧密，有时满足于读原文、记笔记，研究解决问题的能力有待提高。", false),
        ];
        for (text, fire) in cases {
            let d = Doc::new(text);
            let slogans = crate::slogans::detect(&d);
            let sections = build(&d, &[], &[], &slogans);
            let mut f = Findings::new();
            check(&d, &sections, &mut f);
            assert_eq!(!f.is_empty(), *fire, "share {:.2}: {text}", sections[0].formula_share);
        }
    }

    #[test]
    fn the_message_mentions_missing_figures_only_when_there_are_none() {
        let text = "两个维护".repeat(10);
        let d = Doc::new(&text);
        let sl: Vec<_> = (0..10).map(|k| slogan(4 * k, 4 * k + 4)).collect();
        let fig = Figure {
            start: 0,
            end: 1,
            text: "".into(),
            value: 1.0,
            value_max: None,
            unit: "次".into(),
            kind: FigureKind::Count,
            approx: false,
            subject: "".into(),
        };
        for (figs, says_none) in [(vec![], true), (vec![fig], false)] {
            let sections = build(&d, &[], &figs, &sl);
            let mut f = Findings::new();
            check(&d, &sections, &mut f);
            let v = f.into_sorted();
            assert_eq!(v.len(), 1);
            assert_eq!(v[0].message.contains("没有一个具体数据"), says_none, "{}", v[0].message);
        }
    }

    #[test]
    fn empty_text_scores_zero_and_has_no_sections() {
        let d = Doc::new("");
        assert!(build(&d, &[], &[], &[]).is_empty());
        assert_eq!(substance(&d, &[]), 0.0);
    }
}
