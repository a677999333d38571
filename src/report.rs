//! The report: the one contract between the core, the page, the CLI and any downstream tool.
//!
//! Every span (`start`, `end`) counts Unicode scalar values (Rust `char`s) into the exact text that was
//! analysed, end exclusive. The page converts them to UTF-16 with [`crate::offsets::Utf16Map`].
//! New fields may be added under the same `schema`; a field is never renamed or given a new meaning
//! without bumping it.

use std::borrow::Cow;

use compact_str::CompactString;

use serde::{Deserialize, Serialize};

/// Version of the JSON shape below.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub doc: DocInfo,
    pub figures: Vec<Figure>,
    pub slogans: Vec<Slogan>,
    pub outline: Vec<Heading>,
    /// One entry per level-1/level-2 section (or per paragraph when the text has no headings), in text
    /// order; the page draws its heat strip from these.
    pub sections: Vec<Section>,
    /// Sorted by `start`, then `end`, then rule id.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    /// The first short line when it reads as a title, else empty.
    pub title: String,
    /// One of [`DocKind`](crate::doc_kind::DocKind)'s names: 述职述廉述责报告, 述职报告, 述廉报告, 工作总结, 政府工作报告, 对照检查材料, 其他.
    pub kind: String,
    /// Length of the text in chars.
    pub chars: usize,
    /// Share (0–1) of the text's Han/letter/digit characters that are not formula, filler or
    /// template residue; see README "Substance score".
    pub substance: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Count,
    Percent,
    Ratio,
    Date,
    Measure,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Ratio => "ratio",
            FigureKind::Date => "date",
            FigureKind::Measure => "measure",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    /// The figure as written, approximation words included (超过2余次). Text and subject are compact
    /// strings (up to 24 bytes, eight Chinese chars, held inline): a report has thousands of figures,
    /// and two heap allocations less for each is a tenth of the time of finding them.
    pub text: CompactString,
    /// Normalised to the base unit: 50亿元 → 5e9 (元), 八成 → 80 (%), 3.5万人 → 35000 (人).
    /// For a range, the lower end; see `value_max`.
    pub value: f64,
    /// Upper end of a range (3—5次), else absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// Base unit: 元, 次, 人, %, 个百分点, 倍, 年, 公里… Borrowed from the unit table except for
    /// compound units (元/吨), like [`Finding::rule`].
    pub unit: Cow<'static, str>,
    pub kind: FigureKind,
    /// An approximation word (约, 余, 多, 近, 左右, 超过…) belongs to the figure.
    pub approx: bool,
    /// What the figure counts, from its clause (民生支出, 转移支付资金); may be empty.
    pub subject: CompactString,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SloganKind {
    /// A known or numbered formulation (提法): 两个维护, 四个意识, “五个坚持”.
    Formula,
    /// Another short quoted phrase used as a slogan: “躺平”.
    Quoted,
    /// 排比: three or more items sharing a frame, one span for the whole list.
    Parallel,
    /// Filler adverbs and stock phrases: 切实, 进一步, 高度重视.
    Intensifier,
}

impl SloganKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SloganKind::Formula => "formula",
            SloganKind::Quoted => "quoted",
            SloganKind::Parallel => "parallel",
            SloganKind::Intensifier => "intensifier",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slogan {
    pub start: usize,
    pub end: usize,
    /// As written; a compact string, like [`Figure::text`] (most are a few words).
    pub text: CompactString,
    pub kind: SloganKind,
    /// Canonical name (两个维护) for a formula, the shared frame for a parallel list, the word itself for
    /// an intensifier. Borrowed from the lexicon where it can be, like [`Finding::rule`].
    pub name: Cow<'static, str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// Span of marker and title.
    pub start: usize,
    pub end: usize,
    /// 0 for 第X部分/章/节, 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）, 5 for inline
    /// enumerations (一是, 首先, ——).
    pub level: u8,
    /// The marker as written: 二、, （一）, 1., 一是, 首先. Marker and title are compact strings, like
    /// [`Figure::text`].
    pub marker: CompactString,
    /// 1-based position the marker claims (二 → 2). 首先 → 1, 其次 → 2, 最后 → the count so far + 1.
    pub ordinal: u32,
    /// The heading's text without the marker; for a run-in heading, its first sentence.
    pub title: CompactString,
    /// The numbering style, shared by all markers of one series: "一、", "（一）", "1.", "1、", "（1）",
    /// "第一部分", "一是", "首先", "——". Borrowed from the outline's tables (a report read back from
    /// JSON owns it), like [`Finding::rule`].
    pub style: Cow<'static, str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub start: usize,
    pub end: usize,
    /// Index into `outline` of the heading that opens it; absent for the preamble and for paragraphs
    /// of a text with no headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<usize>,
    pub level: u8,
    pub title: String,
    /// Han, letter and digit characters in the section (punctuation and spaces do not count).
    pub chars: usize,
    /// Metric figures (everything but dates) inside it.
    pub figures: usize,
    /// Share (0–1) of `chars` covered by slogans of any kind.
    pub formula_share: f64,
    /// Metric figures per 1,000 chars.
    pub figure_density: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id, `area.name`; see [`crate::rules::RULES`]. Borrowed from the rule table (a report
    /// read back from JSON owns it): a large text has tens of thousands of findings, and one
    /// allocation less for each shows in the time of `analyze`.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    /// What is wrong and what to check, in Chinese.
    pub message: String,
}
