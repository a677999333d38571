//! Checks on the outline: numbering gaps and duplicates, skipped levels, mixed styles, empty sections.

use crate::normalise::{is_han, Doc};
use crate::outline::{self, ENUM_LEVEL};
use crate::report::Heading;
use crate::words::{FastMap, FastSet};
use crate::rules::{
    Findings, ENUM_NUMBER_GAP, OUTLINE_EMPTY_SECTION, OUTLINE_LEVEL_SKIP, OUTLINE_NUMBER_DUPLICATE, OUTLINE_NUMBER_GAP,
    OUTLINE_STYLE_MIXED,
};

pub fn check(doc: &Doc, outline: &[Heading], findings: &mut Findings) {
    let parents = outline::parents(outline);
    heading_numbers(outline, &parents, findings);
    enum_numbers(doc, outline, findings);
    level_skips(outline, &parents, findings);
    mixed_styles(outline, findings);
    empty_sections(doc, outline, findings);
}

/// A Chinese numeral for an ordinal (1–999).
pub fn to_cn(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                // 一百一十 keeps its 一 after 百.
                10..=19 => format!("一{}", to_cn(rest)),
                _ => to_cn(rest),
            };
            format!("{}百{tail}", D[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

/// The marker a heading of this style would have at ordinal `n` (“三、”, “（三）”, “3.”, “三是”).
pub fn marker_for(style: &str, n: u32) -> String {
    if style.contains('一') {
        style.replacen('一', &to_cn(n), 1)
    } else if style.contains('1') {
        style.replacen('1', &n.to_string(), 1)
    } else {
        style.to_string()
    }
}

fn quoted_markers(style: &str, from: u32, to: u32) -> String {
    // A long run of missing numbers is named by its ends only.
    if to - from > 3 {
        return format!("“{}”至“{}”", marker_for(style, from), marker_for(style, to));
    }
    (from..=to).map(|k| format!("“{}”", marker_for(style, k))).collect()
}

/// How many nested restarts of one level are remembered (a list inside a list inside a section).
const OPEN_SERIES: usize = 4;

/// The last ordinals of a level's open series, innermost last, held inline (there are at most
/// [`OPEN_SERIES`]).
#[derive(Default)]
struct OpenSeries {
    len: usize,
    at: [u32; OPEN_SERIES + 1],
}

impl std::ops::Deref for OpenSeries {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.at[..self.len]
    }
}

impl std::ops::DerefMut for OpenSeries {
    fn deref_mut(&mut self) -> &mut [u32] {
        &mut self.at[..self.len]
    }
}

impl OpenSeries {
    /// Opens a series, forgetting the outermost when more than [`OPEN_SERIES`] are open.
    fn push(&mut self, ordinal: u32) {
        self.at[self.len] = ordinal;
        self.len += 1;
        if self.len > OPEN_SERIES {
            self.at.copy_within(1..self.len, 0);
            self.len -= 1;
        }
    }

    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }
}

fn marker_end(h: &Heading) -> usize {
    h.start + h.marker.chars().count()
}

/// `outline.number-gap` and `outline.number-duplicate`: per level within one parent (（一） restarts
/// under each 一、). A series that goes back to 1 starts afresh: merged documents number each part.
fn heading_numbers(outline: &[Heading], parents: &[Option<usize>], findings: &mut Findings) {
    // (parent, level, unit of a level-0 heading) → the last ordinals of the open series, innermost
    // last: a short list numbered 一、二、三、 inside a section must not break the section numbering
    // around it, so 二、 after that list continues the outer series.
    let mut open: FastMap<(Option<usize>, u8, &str), OpenSeries> = FastMap::default();
    for (i, h) in outline.iter().enumerate() {
        if h.level >= ENUM_LEVEL {
            continue;
        }
        let unit = if h.level == 0 { &*h.style } else { "" };
        let stack = open.entry((parents[i], h.level, unit)).or_default();
        let (a, b) = (h.start, marker_end(h));
        let resumes = stack.len() > 1
            && h.ordinal != 1
            && stack.last().is_some_and(|&p| h.ordinal != p + 1)
            && stack.iter().rev().take(OPEN_SERIES).any(|&p| h.ordinal == p + 1);
        if resumes {
            while stack.last().is_some_and(|&p| h.ordinal != p + 1) {
                stack.pop();
            }
        }
        let prev = stack.last().copied();
        match (prev, h.ordinal) {
            (Some(_), 1) => stack.push(1),
            (None, o) => stack.push(o),
            (Some(_), o) => {
                if let Some(top) = stack.last_mut() {
                    *top = o;
                }
            }
        }
        match prev {
            None if h.ordinal > 1 && parents[i].is_some() => findings.add(
                &OUTLINE_NUMBER_GAP,
                a,
                b,
                format!("本级第一个标题是“{}”，缺少{}，请检查是否漏了一节或序号没有重排。", h.marker, quoted_markers(&h.style, 1, h.ordinal - 1)),
            ),
            Some(p) if h.ordinal > p + 1 => findings.add(
                &OUTLINE_NUMBER_GAP,
                a,
                b,
                format!(
                    "标题序号跳号：“{}”之后是“{}”，缺少{}，请检查是否漏了一节或序号没有重排。",
                    marker_for(&h.style, p),
                    h.marker,
                    quoted_markers(&h.style, p + 1, h.ordinal - 1)
                ),
            ),
            // 一、 again always starts a new series (a list inside a section, or a second part).
            Some(p) if h.ordinal == p && h.ordinal != 1 => findings.add(
                &OUTLINE_NUMBER_DUPLICATE,
                a,
                b,
                format!("标题序号重复：同一级已经有“{}”，这里又是“{}”，调整结构后请重排序号。", marker_for(&h.style, p), h.marker),
            ),
            Some(p) if h.ordinal < p && h.ordinal != 1 => findings.add(
                &OUTLINE_NUMBER_DUPLICATE,
                a,
                b,
                format!("标题序号倒退：“{}”之后又出现“{}”，该序号已用过，请重排序号。", marker_for(&h.style, p), h.marker),
            ),
            _ => {}
        }
    }
}

/// `enum.number-gap`: 一是、二是、四是 within one series.
fn enum_numbers(doc: &Doc, outline: &[Heading], findings: &mut Findings) {
    for series in outline::enum_series(doc, outline).iter() {
        for w in series.windows(2) {
            let (p, h) = (&outline[w[0]], &outline[w[1]]);
            // Only written ordinals can skip; 首先/其次 and —— are counted, not written.
            if !matches!(&*h.style, "一是" | "一要" | "第一") {
                continue;
            }
            let msg = if h.ordinal > p.ordinal + 1 {
                format!("列举序号跳号：“{}”之后是“{}”，缺少{}，请检查是否漏了一项或序号没有重排。", p.marker, h.marker, quoted_markers(&h.style, p.ordinal + 1, h.ordinal - 1))
            } else if h.ordinal == p.ordinal {
                format!("列举序号重复：“{}”之后又是“{}”，请重排序号。", p.marker, h.marker)
            } else if h.ordinal < p.ordinal {
                format!("列举序号倒退：“{}”之后是“{}”，请重排序号。", p.marker, h.marker)
            } else {
                continue;
            };
            findings.add(&ENUM_NUMBER_GAP, h.start, marker_end(h), msg);
        }
    }
}

/// `outline.level-skip`: a heading two or more levels below its parent (1. right under 一、), once
/// per parent and level; and the first heading that comes before any heading of the document's top
/// level (（一） before any 一、).
fn level_skips(outline: &[Heading], parents: &[Option<usize>], findings: &mut Findings) {
    let top = outline.iter().map(|h| h.level).filter(|&l| (1..ENUM_LEVEL).contains(&l)).min();
    let mut flagged: FastSet<(usize, u8)> = FastSet::default();
    let mut orphan_flagged = false;
    let mut seen_top = false;
    for (i, h) in outline.iter().enumerate() {
        if top == Some(h.level) {
            seen_top = true;
        }
        if h.level < 2 || h.level >= ENUM_LEVEL {
            continue;
        }
        let parent = parents[i].filter(|&p| outline[p].level >= 1);
        match parent {
            Some(p) if h.level > outline[p].level + 1 => {
                if !flagged.insert((p, h.level)) {
                    continue;
                }
                let between = marker_for(level_style(outline[p].level + 1), 1);
                findings.add(
                    &OUTLINE_LEVEL_SKIP,
                    h.start,
                    h.end,
                    format!("标题层级跳级：“{}”之下直接出现“{}”，中间缺少“{}”一级；按GB/T 9704-2012，层次依次为“一、”“（一）”“1.”“（1）”。", outline[p].marker, h.marker, between),
                );
            }
            None if !orphan_flagged && !seen_top && top.is_some_and(|t| t < h.level) => {
                orphan_flagged = true;
                let t = top.unwrap_or(1);
                findings.add(
                    &OUTLINE_LEVEL_SKIP,
                    h.start,
                    h.end,
                    format!("标题层级跳级：“{}”出现在任何“{}”级标题之前，请检查是否漏了上一级标题或层级用错。", h.marker, marker_for(level_style(t), 1)),
                );
            }
            _ => {}
        }
    }
}

/// The standard style of a level (GB/T 9704-2012).
fn level_style(level: u8) -> &'static str {
    match level {
        1 => "一、",
        2 => "（一）",
        3 => "1.",
        _ => "（1）",
    }
}

/// `outline.style-mixed`: one finding per minority style of a level, at its first use.
fn mixed_styles(outline: &[Heading], findings: &mut Findings) {
    for level in 1..ENUM_LEVEL {
        // (style, count, first index), in order of first use.
        let mut styles: Vec<(&str, usize, usize)> = Vec::new();
        for (i, h) in outline.iter().enumerate().filter(|(_, h)| h.level == level) {
            match styles.iter_mut().find(|s| s.0 == h.style) {
                Some(s) => s.1 += 1,
                None => styles.push((&h.style, 1, i)),
            }
        }
        let Some(major) = styles.iter().enumerate().max_by_key(|(k, s)| (s.1, std::cmp::Reverse(*k))).map(|(_, s)| *s) else { continue };
        for s in styles.iter().filter(|s| s.0 != major.0) {
            let h = &outline[s.2];
            let others = if s.1 > 1 { format!("及另外{}处", s.1 - 1) } else { String::new() };
            findings.add(
                &OUTLINE_STYLE_MIXED,
                h.start,
                marker_end(h),
                format!("同级序号格式混用：本级标题有{}处写作“{}”，这里{}写作“{}”，同级序号请统一格式。", major.1, marker_for(major.0, 1), others, marker_for(s.0, 1)),
            );
        }
    }
}

/// `outline.empty-section`: a heading followed, with nothing but blanks between, by a heading of the
/// same or a higher level, or by the end of the text.
fn empty_sections(doc: &Doc, outline: &[Heading], findings: &mut Findings) {
    // Han chars and digits count as text; letters alone are site markers (##paidend##). The ranges
    // between consecutive headings do not overlap, so looking at each once keeps the pass linear.
    let has_text = |a: usize, b: usize| {
        let b = b.min(doc.len());
        doc.chars[a.min(b)..b].iter().any(|&c| is_han(c) || c.is_ascii_digit())
    };
    let heads: Vec<usize> = (0..outline.len()).filter(|&i| outline[i].level < ENUM_LEVEL).collect();
    for (k, &i) in heads.iter().enumerate() {
        let h = &outline[i];
        let (next_start, next_level) = match heads.get(k + 1) {
            Some(&j) => (outline[j].start, outline[j].level),
            None => (doc.len(), 0),
        };
        // A heading line that ends like a sentence (一、新建道路12条。) is a complete item, not an
        // empty title.
        let complete = h.end > h.start && crate::segment::is_sentence_end(doc.chars[h.end - 1]);
        if next_level <= h.level && !complete && !has_text(h.end, next_start) {
            let what = if heads.get(k + 1).is_some() { "下一个同级或上级标题" } else { "全文结尾" };
            findings.add(
                &OUTLINE_EMPTY_SECTION,
                h.start,
                h.end,
                format!("空节：标题“{}{}”之后没有正文就到了{}，请补写内容或删去该标题。", h.marker, h.title, what),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let d = Doc::new(text);
        let o = outline::detect(&d);
        let mut f = Findings::new();
        check(&d, &o, &mut f);
        f.into_sorted().into_iter().map(|f| (f.rule.into_owned(), d.slice(f.start, f.end).to_string())).collect()
    }

    fn rules(text: &str) -> Vec<String> {
        run(text).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn open_series_forget_the_outermost() {
        let mut s = OpenSeries::default();
        for o in 1..=6 {
            s.push(o);
        }
        assert_eq!(&*s, [3, 4, 5, 6]);
        s.pop();
        s[1] = 9;
        assert_eq!(&*s, [3, 9, 5]);
    }

    #[test]
    fn numerals_and_markers() {
        let cases = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"), (101, "一百零一"), (110, "一百一十")];
        for (n, s) in cases {
            assert_eq!(to_cn(n), s);
        }
        assert_eq!(marker_for("（一）", 3), "（三）");
        assert_eq!(marker_for("1、", 12), "12、");
        assert_eq!(marker_for("第一部分", 2), "第二部分");
    }

    #[test]
    fn number_gap_per_parent() {
        let f = run("一、甲\n正文。\n（一）子\n正文。\n（三）子\n正文。\n二、乙\n正文。\n（一）子\n正文。\n（二）子\n正文。\n四、丁\n正文。");
        assert_eq!(f, [("outline.number-gap".to_string(), "（三）".to_string()), ("outline.number-gap".to_string(), "四、".to_string())]);
    }

    #[test]
    fn gap_message_names_the_missing_marker() {
        let d = Doc::new("一、甲\n正文。\n二、乙\n正文。\n四、丁\n正文。");
        let mut f = Findings::new();
        check(&d, &outline::detect(&d), &mut f);
        assert!(f.iter().next().unwrap().message.contains("缺少“三、”"));
    }

    #[test]
    fn duplicates_and_restarts() {
        assert_eq!(rules("一、甲\n正文。\n二、乙\n正文。\n二、丙\n正文。"), ["outline.number-duplicate"]);
        // A second part numbered from 一 again is a restart, not a duplicate.
        assert!(rules("一、甲\n正文。\n二、乙\n正文。\n一、丙\n正文。\n二、丁\n正文。").is_empty());
        // A list numbered 一、二、三、 on lines of its own inside section 一 does not break 一、二、.
        assert!(rules("一、主要工作\n分三步推进：\n一、摸底排查；\n二、集中整治；\n三、巩固提升。\n二、存在问题\n不足。\n三、下一步\n努力。").is_empty());
        assert_eq!(rules("一、甲\n正文。\n一、子。\n二、子。\n三、子。\n五、乙\n正文。"), ["outline.number-gap"]);
    }

    #[test]
    fn first_child_must_be_one() {
        assert_eq!(rules("一、甲\n（二）乙\n正文。"), ["outline.number-gap"]);
        // An excerpt that starts at 三、 has no parent to be measured against.
        assert!(rules("三、甲\n正文。\n四、乙\n正文。").is_empty());
    }

    #[test]
    fn enum_gaps() {
        assert_eq!(run("一是加强学习；二是完善制度；四是强化监督。"), [("enum.number-gap".to_string(), "四是".to_string())]);
        assert_eq!(rules("一是甲；二是乙；二是丙。"), ["enum.number-gap"]);
        assert!(rules("一是甲；二是乙。一是丙；二是丁。").is_empty(), "a series restarts at 一是");
        assert!(rules("首先，甲。其次，乙。最后，丙。").is_empty());
        assert!(rules("一是甲。\n二是乙。\n三是丙。").is_empty(), "a series runs on across paragraphs");
        assert_eq!(rules("一是甲。\n二是乙。\n四是丙。"), ["enum.number-gap"]);
    }

    #[test]
    fn level_skip_once_per_run() {
        let f = run("一、主要工作\n1.甲。正文。\n2.乙。正文。\n二、问题\n1.丙。正文。");
        assert_eq!(f, [("outline.level-skip".to_string(), "1.甲。".to_string()), ("outline.level-skip".to_string(), "1.丙。".to_string())]);
        assert_eq!(rules("（一）甲\n正文。\n一、乙\n正文。\n（一）丙\n正文。"), ["outline.level-skip"]);
        assert!(rules("一、甲\n（一）乙\n1.丙。正文。\n（1）丁。正文。").is_empty());
        assert!(rules("第一部分 总体\n（一）甲\n正文。").is_empty(), "level 0 may hold level 2 directly");
        assert!(rules("第一章 总则\n（一）甲\n正文。\n第二章 管理\n1.乙\n正文。").is_empty(), "after a top-level heading, level 0 may hold any level");
        assert!(rules("（一）甲\n正文。\n（二）乙\n正文。").is_empty(), "a document whose top level is （一）");
    }

    #[test]
    fn mixed_styles_once_per_minority_style() {
        let f = run("1.甲\n正文。\n2、乙\n正文。\n3.丙\n正文。\n4、丁\n正文。\n5.戊\n正文。");
        assert_eq!(f, [("outline.style-mixed".to_string(), "2、".to_string())]);
        assert_eq!(rules("（一）甲\n正文。\n(二)乙\n正文。"), ["outline.style-mixed"]);
        assert!(rules("一、甲\n（一）乙\n正文。\n1.丙\n正文。").is_empty(), "different levels may differ");
    }

    #[test]
    fn empty_sections() {
        assert_eq!(run("一、主要工作\n二、存在问题\n仍有不足。"), [("outline.empty-section".to_string(), "一、主要工作".to_string())]);
        assert!(rules("一、主要工作\n（一）学习\n认真学习。\n二、问题\n不足。").is_empty(), "a child heading is content");
        assert!(rules("一、主要工作。全年召开会议。\n二、问题\n不足。").is_empty(), "a run-in heading has its text");
        assert_eq!(rules("一、甲\n正文。\n二、乙\n##paidend##"), ["outline.empty-section"]);
        assert!(rules("一、新建道路12条。\n二、改造小区45个。").is_empty(), "one-line items are complete");
    }

    /// 100 level-1 sections (一、 … 一百、) of nine （一）…（九） each: 1,000 headings.
    fn thousand_headings(skip: Option<(u32, u32)>) -> String {
        let mut t = String::from("2023年工作总结\n");
        for a in 1..=100 {
            t.push_str(&format!("{}、第{a}项工作\n", to_cn(a)));
            for b in 1..=9 {
                if skip == Some((a, b)) {
                    continue;
                }
                t.push_str(&format!("（{}）子项{b}。完成任务{b}项。\n", to_cn(b)));
            }
        }
        t
    }

    #[test]
    fn a_thousand_headings() {
        let text = thousand_headings(None);
        let d = Doc::new(&text);
        let o = outline::detect(&d);
        assert_eq!(o.len(), 1000);
        assert_eq!(o.iter().filter(|h| h.level == 1).map(|h| h.ordinal).collect::<Vec<_>>(), (1..=100).collect::<Vec<_>>());
        assert!(run(&text).is_empty());
        let f = run(&thousand_headings(Some((73, 4))));
        assert_eq!(f, [("outline.number-gap".to_string(), "（五）".to_string())]);
    }

    #[test]
    fn clean_outline_has_no_findings() {
        let text = "一、主要工作\n（一）加强学习。认真学习。\n1.读原著。每周一次。\n2.写体会。每月一篇。\n（二）完善制度。制定办法。\n二、存在问题\n一是学习不深；二是调研不足。\n三、下一步打算\n继续努力。";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }
}
