//! The document's title and kind.
//!
//! The title is the first short line that reads as one (not a heading, not a sentence, not a date);
//! the kind comes from cue words in the title (`data/outline-kinds.tsv`), else from the opening
//! sentence that announces the report (现将…述职述廉报告如下).

use std::sync::LazyLock;

use crate::normalise::{is_content, Doc};
use crate::outline;
use crate::residue::has_content_chars;
use crate::segment::{self, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    ShuZhiShuLianShuZe,
    ShuZhi,
    ShuLian,
    WorkSummary,
    GovernmentWork,
    SelfExamination,
    Other,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::ShuZhiShuLianShuZe => "述职述廉述责报告",
            DocKind::ShuZhi => "述职报告",
            DocKind::ShuLian => "述廉报告",
            DocKind::WorkSummary => "工作总结",
            DocKind::GovernmentWork => "政府工作报告",
            DocKind::SelfExamination => "对照检查材料",
            DocKind::Other => "其他",
        }
    }

    pub fn from_name(name: &str) -> Option<DocKind> {
        [
            DocKind::ShuZhiShuLianShuZe,
            DocKind::ShuZhi,
            DocKind::ShuLian,
            DocKind::WorkSummary,
            DocKind::GovernmentWork,
            DocKind::SelfExamination,
            DocKind::Other,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// A line longer than this (content chars) is body text, not a title.
const MAX_TITLE_CHARS: usize = 60;
/// Shorter lines (a name, 附件1) are skipped when looking for the title.
const MIN_TITLE_CHARS: usize = 4;
/// How many non-blank lines at the top may hold the title, and how many paragraphs may announce the kind.
const TITLE_LINES: usize = 3;
const INTRO_PARAGRAPHS: usize = 3;

struct KindCues {
    kind: DocKind,
    /// Alternatives, each a list of words that must all appear.
    cues: Vec<Vec<String>>,
}

static KINDS: LazyLock<Vec<KindCues>> = LazyLock::new(|| parse_kinds(include_str!("../data/outline-kinds.tsv")));

fn parse_kinds(src: &str) -> Vec<KindCues> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let kind = DocKind::from_name(cols.next()?.trim())?;
            let cues = cols.map(|c| c.split('+').map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect::<Vec<_>>()).filter(|c| !c.is_empty()).collect();
            Some(KindCues { kind, cues })
        })
        .collect()
}

/// The kind named by cue words in `text`, with the cue that matched.
pub fn kind_of(text: &str) -> Option<DocKind> {
    KINDS.iter().find(|k| k.cues.iter().any(|cue| cue.iter().all(|w| text.contains(w.as_str())))).map(|k| k.kind)
}

/// What the title and kind detection found, with where.
#[derive(Debug, Clone)]
pub struct Classified {
    pub title: Option<Range>,
    pub kind: DocKind,
    /// The text that named the kind (the title or an announcing sentence).
    pub cue: Option<Range>,
}

pub fn detect(doc: &Doc) -> (String, DocKind) {
    let c = classify(doc);
    let title = c.title.map(|r| doc.slice(r.start, r.end).to_string()).unwrap_or_default();
    (title, c.kind)
}

pub fn classify(doc: &Doc) -> Classified {
    let title = find_title(doc);
    if let Some(t) = title {
        if let Some(kind) = kind_of(&doc.norm_slice(t.start, t.end)) {
            return Classified { title, kind, cue: Some(t) };
        }
    }
    // The opening paragraphs only, taken lazily: segmenting the whole text for three of them would
    // cost more than everything else here.
    let opening = doc.lines.iter().filter_map(|l| segment::trim(doc, Range { start: l.start, end: l.end }));
    // Tested on the chars before segmenting or copying anything: a text of one line is one long
    // paragraph, and usually one long sentence.
    let announces = |r: Range| doc.chars[r.start..r.end].windows(2).any(|w| w == ['如', '下']);
    for p in opening.take(INTRO_PARAGRAPHS).filter(|&p| announces(p)) {
        for s in segment::sentences(doc, p) {
            if !announces(s) {
                continue;
            }
            if let Some(kind) = kind_of(&doc.norm_slice(s.start, s.end)) {
                return Classified { title, kind, cue: Some(s) };
            }
        }
    }
    Classified { title, kind: DocKind::Other, cue: None }
}

/// The title: among the first non-blank lines, the first short one that is not a heading, does not
/// end like a sentence and is not just a date.
pub fn find_title(doc: &Doc) -> Option<Range> {
    let mut seen = 0;
    for line in &doc.lines {
        let start = outline::body_start(doc, *line);
        let Some(r) = segment::trim(doc, Range { start, end: line.end }) else { continue };
        seen += 1;
        if seen > TITLE_LINES {
            return None;
        }
        // Counted only as far as the limits: the first line may be a whole text without line breaks.
        let too_long = has_content_chars(doc, r, MAX_TITLE_CHARS + 1);
        if too_long || outline::line_heading_at(doc, r.start, r.end).is_some() {
            return None;
        }
        if !has_content_chars(doc, r, MIN_TITLE_CHARS) || is_date_line(doc, r) || matches!(doc.chars[r.start], '—' | '―') {
            continue;
        }
        let last = doc.chars[r.end - 1];
        if segment::is_clause_end(last) || matches!(last, '、' | '”') {
            continue;
        }
        return Some(r);
    }
    None
}

/// 2023年12月20日 / 2024.1.5: a date line, often above or below the title.
fn is_date_line(doc: &Doc, r: Range) -> bool {
    (r.start..r.end).all(|i| {
        let c = doc.chars[i];
        c.is_ascii_digit() || "年月日号〇零一二三四五六七八九十.-/ ".contains(c) || !is_content(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_title() {
        let cases = [
            ("2023年个人述职述廉述责报告\n正文。", DocKind::ShuZhiShuLianShuZe, "2023年个人述职述廉述责报告"),
            ("2024年度述职述廉报告\n正文。", DocKind::ShuZhiShuLianShuZe, "2024年度述职述廉报告"),
            ("  个人述职报告  \n正文。", DocKind::ShuZhi, "个人述职报告"),
            ("局领导班子2023年度述廉报告", DocKind::ShuLian, "局领导班子2023年度述廉报告"),
            ("市财政局2023年工作总结和2024年工作打算", DocKind::WorkSummary, "市财政局2023年工作总结和2024年工作打算"),
            ("2024年市政府工作报告", DocKind::GovernmentWork, "2024年市政府工作报告"),
            ("主题教育专题民主生活会个人对照检查材料", DocKind::SelfExamination, "主题教育专题民主生活会个人对照检查材料"),
            ("关于推进老旧小区改造的调研报告", DocKind::Other, "关于推进老旧小区改造的调研报告"),
        ];
        for (text, kind, title) in cases {
            let d = Doc::new(text);
            assert_eq!(detect(&d), (title.to_string(), kind), "{text}");
        }
    }

    #[test]
    fn kind_from_the_announcing_sentence() {
        let d = Doc::new("尊敬的各位领导：\n一年来，在局党组领导下做了一些工作。现将本人述职述廉情况报告如下：\n一、履职情况");
        assert_eq!(detect(&d), (String::new(), DocKind::ShuZhiShuLianShuZe));
    }

    #[test]
    fn no_title_when_the_text_starts_with_a_heading_or_a_sentence() {
        for text in ["一、主要工作\n正文", "今年以来，全局上下团结一心，各项工作稳步推进。", "", "。。。", "2023年12月20日"] {
            assert_eq!(detect(&Doc::new(text)).0, "", "{text}");
        }
    }

    #[test]
    fn a_name_or_date_line_above_the_title_is_skipped() {
        let d = Doc::new("附件1\n\n2023年度个人述职报告\n张三\n");
        assert_eq!(detect(&d).0, "2023年度个人述职报告");
        let d = Doc::new("##paidbegin##2023年工作总结\n正文。");
        assert_eq!(detect(&d), ("2023年工作总结".to_string(), DocKind::WorkSummary));
    }

    #[test]
    fn body_text_mentioning_a_kind_does_not_make_the_kind() {
        let d = Doc::new("学习体会\n会上听取了述职报告的有关情况，大家很受启发。");
        assert_eq!(detect(&d).1, DocKind::Other);
    }
}
