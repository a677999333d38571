//! Structural gaps: what is missing from the report, read from what the detectors found.
//!
//! First the report is cut into parts by role — the problems part (存在的问题), the causes part
//! (原因剖析) and the measures part (下一步打算 / 整改措施) — from heading titles and from sentences that
//! open a part inside a section (针对存在的问题，将…). Then:
//! - `gap.missing-section`: the parts a report of this kind should have (`data/templates.tsv`);
//! - `gap.unaddressed-problem`: each listed problem that shares no key term with any measure;
//! - `gap.measure-off-topic`: a measure about a field the report never mentions elsewhere;
//! - `gap.no-figures` and `gap.unsupported-claim`: long sections and result claims without figures
//!   (the problems and measures parts are exempt: aims are not claims).

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::LazyLock;

use crate::doc_kind::{self, DocKind};
use crate::normalise::{is_han, Doc};
use crate::outline::{self, ENUM_LEVEL};
use crate::report::{Figure, FigureKind, Heading, Section, Slogan};
use crate::residue::has_content_chars;
use crate::words::{FastMap, PairBits, Phrases, Words};
use crate::rules::{Findings, GAP_MEASURE_OFF_TOPIC, GAP_MISSING_SECTION, GAP_NO_FIGURES, GAP_UNADDRESSED_PROBLEM, GAP_UNSUPPORTED_CLAIM};
use crate::segment::{self, Range};

/// Everything the gap checks read.
pub struct Input<'a> {
    pub doc: &'a Doc<'a>,
    pub kind: DocKind,
    pub outline: &'a [Heading],
    pub sections: &'a [Section],
    pub figures: &'a [Figure],
    pub slogans: &'a [Slogan],
}

/// A section shorter than this (content chars) is not expected to hold figures.
pub const NO_FIGURES_MIN_CHARS: usize = 150;
/// Sections that belong to no named part and hold at least this much text make the freely titled
/// "main work" part present.
const FREE_PART_MIN_CHARS: usize = 50;
/// A heading title longer than this is a run-in work item, not the title of a part.
const PART_TITLE_MAX_CHARS: usize = 30;
/// Gaps inside cue and claim patterns (存在…问题, 取得了…成绩).
const CUE_GAP: usize = 8;
/// How many key terms a finding names.
const NAMED_TERMS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    None,
    Problems,
    Causes,
    Measures,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        match s {
            "problems" => Some(Role::Problems),
            "causes" => Some(Role::Causes),
            "measures" => Some(Role::Measures),
            _ => None,
        }
    }

    /// Parts where figures and result claims are not expected.
    fn is_exempt(self) -> bool {
        self != Role::None
    }
}

// ---------------------------------------------------------------------------------------------
// Data

struct TemplatePart {
    kind: DocKind,
    name: String,
    role: String,
    cues: Phrases,
    cue_words: Vec<String>,
    when: Vec<String>,
}

static TEMPLATES: LazyLock<Vec<TemplatePart>> = LazyLock::new(|| parse_templates(include_str!("../data/templates.tsv")));

fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn split_bar(s: &str) -> Vec<String> {
    s.split('|').map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect()
}

fn parse_templates(src: &str) -> Vec<TemplatePart> {
    data_lines(src)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let kind = DocKind::from_name(cols.first()?.trim())?;
            let cue_words = split_bar(cols.get(3)?);
            Some(TemplatePart {
                kind,
                name: cols.get(1)?.trim().to_string(),
                role: cols.get(2)?.trim().to_string(),
                cues: Phrases::new(&cue_words, CUE_GAP, true),
                cue_words,
                when: cols.get(4).map(|w| split_bar(w)).unwrap_or_default(),
            })
        })
        .collect()
}

struct Cues {
    /// Heading cues per role, in the order roles are tried (causes before problems: 问题的原因).
    heading: Vec<(Role, Phrases)>,
    problems_lead: Phrases,
    causes_lead: Phrases,
    measures_lead: Phrases,
    problems_intro: Phrases,
    measures_intro: Phrases,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| parse_cues(include_str!("../data/gap-cues.tsv")));

fn parse_cues(src: &str) -> Cues {
    let mut rows: Vec<(Role, String, Vec<String>)> = Vec::new();
    for l in data_lines(src) {
        let cols: Vec<&str> = l.split('\t').collect();
        if let (Some(role), Some(w), Some(c)) = (cols.first().and_then(|r| Role::parse(r.trim())), cols.get(1), cols.get(2)) {
            rows.push((role, w.trim().to_string(), split_bar(c)));
        }
    }
    let get = |role: Role, w: &str| -> Vec<String> {
        rows.iter().filter(|r| r.0 == role && r.1 == w).flat_map(|r| r.2.clone()).collect()
    };
    Cues {
        heading: [Role::Causes, Role::Problems, Role::Measures]
            .into_iter()
            .map(|r| (r, Phrases::new(&get(r, "heading"), CUE_GAP, true)))
            .collect(),
        problems_lead: Phrases::new(&get(Role::Problems, "lead"), CUE_GAP, true),
        causes_lead: Phrases::new(&get(Role::Causes, "lead"), CUE_GAP, true),
        measures_lead: Phrases::new(&get(Role::Measures, "lead"), CUE_GAP, true),
        problems_intro: Phrases::new(&get(Role::Problems, "intro"), CUE_GAP, true),
        measures_intro: Phrases::new(&get(Role::Measures, "intro"), CUE_GAP, true),
    }
}

static STOPWORDS: LazyLock<Words> = LazyLock::new(|| {
    let words: Vec<&str> = data_lines(include_str!("../data/gap-stopwords.txt")).map(str::trim).collect();
    Words::new(&words)
});

struct Topics {
    matcher: Words,
    /// Per word: its topic and whether it may make a measure off-topic.
    words: Vec<(usize, bool, String)>,
    count: usize,
}

static TOPICS: LazyLock<Topics> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut count = 0;
    for l in data_lines(include_str!("../data/gap-topics.txt")) {
        for w in l.split_whitespace() {
            let (trigger, w) = match w.strip_prefix('~') {
                Some(rest) => (false, rest),
                None => (true, w),
            };
            words.push((count, trigger, w.to_string()));
        }
        count += 1;
    }
    let matcher = Words::new(&words.iter().map(|w| w.2.as_str()).collect::<Vec<_>>());
    Topics { matcher, words, count }
});

struct Claims {
    claims: Phrases,
    negations: Vec<String>,
    aims: Vec<String>,
    back_references: Vec<String>,
}

static CLAIMS: LazyLock<Claims> = LazyLock::new(|| {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for l in data_lines(include_str!("../data/claims.txt")) {
        let l = l.trim();
        if let Some(name) = l.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            sections.push((name.to_string(), Vec::new()));
        } else if let Some(s) = sections.last_mut() {
            s.1.push(l.to_string());
        }
    }
    let get = |k: &str| sections.iter().filter(|s| s.0 == k).flat_map(|s| s.1.clone()).collect::<Vec<_>>();
    Claims {
        claims: Phrases::new(&get("claims"), CUE_GAP, true),
        negations: get("negations"),
        aims: get("aims"),
        back_references: get("back-references"),
    }
});

// ---------------------------------------------------------------------------------------------
// Text

/// The paragraphs of the text and their sentences, segmented once for all the checks that read them.
struct Text<'d> {
    paragraphs: &'d [Range],
    /// The sentences of all paragraphs, in text order.
    sentences: &'d [Range],
    /// Per paragraph, its sentences as indices into `sentences`.
    spans: Vec<std::ops::Range<usize>>,
}

impl<'d> Text<'d> {
    fn new(doc: &'d Doc) -> Text<'d> {
        let paragraphs = doc.paragraphs();
        // Sentences end at line breaks, so segmenting the whole text once gives each paragraph's
        // sentences (as segmenting paragraph by paragraph would) without a Vec per paragraph.
        let sentences = doc.sentences();
        let mut spans = Vec::with_capacity(paragraphs.len());
        let mut k = 0;
        for p in paragraphs {
            while k < sentences.len() && sentences[k].start < p.start {
                k += 1;
            }
            let from = k;
            while k < sentences.len() && sentences[k].start < p.end {
                k += 1;
            }
            spans.push(from..k);
        }
        Text { paragraphs, sentences, spans }
    }

    /// Each paragraph with its sentences.
    fn iter(&self) -> impl Iterator<Item = (Range, &[Range])> {
        self.paragraphs.iter().zip(&self.spans).map(|(p, k)| (*p, &self.sentences[k.clone()]))
    }
}

// ---------------------------------------------------------------------------------------------
// Parts

/// A sentence with the role of the part it belongs to.
#[derive(Debug, Clone, Copy)]
struct Sent {
    range: Range,
    role: Role,
}

/// A run of consecutive sentences of one role: `Parts::sents[from..to]` (one vector for all the
/// regions, rather than one each).
#[derive(Debug, Clone, Copy)]
struct Region {
    role: Role,
    from: usize,
    to: usize,
}

/// The report cut into parts.
struct Parts {
    /// Role per char.
    roles: Vec<Role>,
    regions: Vec<Region>,
    /// The regions' sentences, region after region.
    sents: Vec<Range>,
    /// Role per outline entry (levels 0–4): its own title's, else its parent's.
    heading_roles: Vec<Role>,
    /// Where each outline entry starts. The items of a part are found by binary search over these:
    /// over the headings themselves each step was a cache miss for a long text (a heading takes 100
    /// bytes), and the searches took a third of the gap checks' time for 10 MB.
    heading_starts: Vec<usize>,
}

fn has(p: &Phrases, doc: &Doc, r: Range) -> bool {
    p.any(doc, r)
}

/// The role a heading's title names, if it is short enough to be the title of a part.
fn title_role(doc: &Doc, h: &Heading) -> Role {
    let r = Range { start: h.start + h.marker.chars().count(), end: h.end };
    if r.is_empty() || segment::content_len(doc, r) > PART_TITLE_MAX_CHARS {
        return Role::None;
    }
    CUES.heading.iter().find(|(_, p)| has(p, doc, r)).map_or(Role::None, |(role, _)| *role)
}

impl Parts {
    fn find(doc: &Doc, text: &Text, outline: &[Heading]) -> Parts {
        let n = doc.len();
        let ends = outline::section_ends(doc, outline);
        let parents = outline::parents(outline);
        let mut paint = vec![Role::None; n];
        let mut heading_roles = vec![Role::None; outline.len()];
        for (i, h) in outline.iter().enumerate() {
            if h.level >= ENUM_LEVEL {
                continue;
            }
            let own = title_role(doc, h);
            heading_roles[i] = if own != Role::None { own } else { parents[i].map_or(Role::None, |p| heading_roles[p]) };
            if own != Role::None {
                // Sections nest and come parent first, so a sub-section repaints its own part.
                let (a, b) = (h.end.min(n), ends[i].min(n));
                for r in &mut paint[a.min(b)..b] {
                    *r = own;
                }
            }
        }
        let sents = Self::sentence_roles(doc, text, outline, &paint);
        let mut roles = vec![Role::None; n];
        let mut regions: Vec<Region> = Vec::new();
        let mut kept: Vec<Range> = Vec::new();
        for s in &sents {
            for r in &mut roles[s.range.start..s.range.end] {
                *r = s.role;
            }
            // Runs of no role only separate the others and are dropped below: they keep no sentences.
            if s.role != Role::None {
                kept.push(s.range);
            }
            match regions.last_mut() {
                // The last region's sentences are the last ones kept.
                Some(g) if g.role == s.role => g.to = kept.len(),
                _ => regions.push(Region { role: s.role, from: kept.len() - usize::from(s.role != Role::None), to: kept.len() }),
            }
        }
        regions.retain(|g| g.role != Role::None);
        let heading_starts = outline.iter().map(|h| h.start).collect();
        Parts { roles, regions, sents: kept, heading_roles, heading_starts }
    }

    /// The sentences of each region of a role, region by region.
    fn of_role(&self, role: Role) -> impl Iterator<Item = &[Range]> {
        self.regions.iter().filter(move |g| g.role == role).map(|g| &self.sents[g.from..g.to])
    }

    /// Gives every sentence a role: the painted role of its place, changed by sentences that open a
    /// part inside a section.
    fn sentence_roles(doc: &Doc, text: &Text, outline: &[Heading], paint: &[Role]) -> Vec<Sent> {
        let heads: Vec<&Heading> = outline.iter().filter(|h| h.level < ENUM_LEVEL).collect();
        let starts: Vec<usize> = heads.iter().map(|h| h.start).collect();
        let next_heading = |pos: usize| {
            let k = starts.partition_point(|&s| s <= pos);
            starts.get(k).copied().unwrap_or(doc.len())
        };
        let mut out = Vec::with_capacity(text.sentences.len());
        let mut mode: Option<(Role, usize)> = None;
        let mut hk = 0;
        for (p, sents) in text.iter() {
            let last = sents.len().saturating_sub(1);
            for (k, &s) in sents.iter().enumerate() {
                if mode.is_some_and(|(_, until)| s.start >= until) {
                    mode = None;
                }
                while hk < heads.len() && heads[hk].end <= s.start {
                    hk += 1;
                }
                let in_heading = heads.get(hk).is_some_and(|h| h.start <= s.start && s.start < h.end);
                if in_heading {
                    // A heading's title belongs to the part around it; its own part starts after it.
                    let role = paint.get(heads[hk].start).copied().unwrap_or(Role::None);
                    out.push(Sent { range: s, role: mode.map_or(role, |m| m.0) });
                    continue;
                }
                let base = paint.get(s.start).copied().unwrap_or(Role::None);
                let mut role = mode.map_or(base, |m| m.0);
                if role != Role::Measures && (k == 0 || role == Role::Problems) && has(&CUES.measures_lead, doc, s) {
                    mode = Some((Role::Measures, next_heading(s.start)));
                    role = Role::Measures;
                } else if role == Role::Problems && has(&CUES.causes_lead, doc, s) {
                    mode = Some((Role::Causes, next_heading(s.start)));
                    role = Role::Causes;
                } else if role == Role::None && has(&CUES.problems_lead, doc, s) && !has(&CUES.measures_lead, doc, s) {
                    let until = if k == last && ends_with_colon(doc, s) { next_heading(s.start) } else { p.end };
                    mode = Some((Role::Problems, until));
                    role = Role::Problems;
                }
                out.push(Sent { range: s, role });
            }
        }
        out
    }

    fn role_at(&self, i: usize) -> Role {
        self.roles.get(i).copied().unwrap_or(Role::None)
    }
}

fn ends_with_colon(doc: &Doc, s: Range) -> bool {
    s.end > s.start && matches!(doc.chars[s.end - 1], '：' | ':')
}

// ---------------------------------------------------------------------------------------------
// Items of a part and their key terms

/// One listed problem or measure: the text to show and the text to read terms from.
#[derive(Debug, Clone, Copy)]
struct Item {
    span: Range,
}

fn contains_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.contains(w.as_str()))
}

/// Splits a part into its items: at enumeration markers and sub-headings when it has them (the text
/// before the first is an introduction), else at sentences (skipping an introductory first sentence).
fn items<'a>(doc: &'a Doc, outline: &'a [Heading], parts: &Parts, region: &'a [Range], intro: &'a Phrases) -> impl Iterator<Item = Item> + 'a {
    let r = Range { start: region.first().map_or(0, |s| s.start), end: region.last().map_or(0, |s| s.end) };
    let starts = &parts.heading_starts;
    let first = starts.partition_point(|&s| s < r.start);
    let markers = &outline[first..first + starts[first..].partition_point(|&s| s < r.end)];
    let by_marker = markers.iter().enumerate().map(move |(k, m)| {
        let end = markers.get(k + 1).map_or(r.end, |n| n.start);
        Range { start: m.start + m.marker.chars().count(), end }
    });
    let sentences = if markers.is_empty() { region } else { &[] };
    let by_sentence = sentences.iter().enumerate().filter_map(move |(k, s)| {
        let colon = (s.start..s.end).rev().find(|&i| matches!(doc.chars[i], '：' | ':'));
        match colon {
            Some(c) => Some(Range { start: c + 1, end: s.end }),
            None if k == 0 && sentences.len() > 1 && has(intro, doc, *s) => None,
            None => Some(*s),
        }
    });
    by_marker.chain(by_sentence).filter_map(move |body| clean_item(doc, body)).map(|span| Item { span })
}

/// The item without separators, closing punctuation and a trailing 等等.
fn clean_item(doc: &Doc, r: Range) -> Option<Range> {
    let mut s = r.start;
    let mut e = r.end.min(doc.len());
    while s < e && (doc.chars[s].is_whitespace() || matches!(doc.chars[s], '，' | ',' | '：' | ':' | '、')) {
        s += 1;
    }
    loop {
        while e > s && (doc.chars[e - 1].is_whitespace() || segment::is_clause_end(doc.chars[e - 1]) || doc.chars[e - 1] == '、') {
            e -= 1;
        }
        if e > s && doc.chars[e - 1] == '等' {
            e -= 1;
            continue;
        }
        break;
    }
    has_content_chars(doc, Range { start: s, end: e }, 4).then_some(Range { start: s, end: e })
}

/// The key terms of a text: what is left of its Han runs once generic words are cut out, in runs of
/// at least two chars.
fn key_terms(doc: &Doc, r: Range, out: &mut Vec<Range>) {
    let mut runs_between = |a: usize, b: usize| {
        let mut i = a;
        while i < b {
            if !is_han(doc.chars[i]) {
                i += 1;
                continue;
            }
            let s = i;
            while i < b && is_han(doc.chars[i]) {
                i += 1;
            }
            if i - s >= 2 {
                out.push(Range { start: s, end: i });
            }
        }
    };
    // The generic words come in text order and never overlap: the terms are the runs between them.
    let mut at = r.start;
    for (s, e, _) in STOPWORDS.leftmost_longest(&doc.chars, r) {
        runs_between(at, s);
        at = e;
    }
    runs_between(at, r.end.min(doc.len()));
}

fn bigrams<'d>(doc: &'d Doc<'d>, r: Range) -> impl Iterator<Item = (char, char)> + 'd {
    (r.start..r.end.saturating_sub(1)).map(move |i| (doc.chars[i], doc.chars[i + 1]))
}

/// Two chars as one key.
fn pair(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

/// How far apart two chars of a measure may stand and still match a problem's two-char piece:
/// 调研 is addressed by 调查研究, 信访 by 信访接待.
const SKIP: usize = 3;

/// Pairs of Han chars of `r` at most [`SKIP`] apart, without crossing punctuation, whose first char
/// passes `first`.
fn skip_bigrams(doc: &Doc, r: Range, first: impl Fn(char) -> bool, mut visit: impl FnMut(char, char)) {
    let end = r.end.min(doc.len());
    let chars = &doc.chars[r.start.min(end)..end];
    for (k, &a) in chars.iter().enumerate() {
        // The first-char test comes first: it fails for most chars, and answers in one load.
        if first(a) && han(a) {
            // The pairs end at the first char that is not Han: none crosses punctuation.
            for &b in chars[k + 1..(k + 1 + SKIP).min(chars.len())].iter().take_while(|&&b| han(b)) {
                visit(a, b);
            }
        }
    }
}

/// The pairs of the problems' key terms, numbered, with a quick test in front of the map: most pairs
/// of the measures are not wanted (their first chars are tested before, in [`measure_pairs`]).
struct WantedPairs {
    quick: Box<PairBits>,
    index: FastMap<u64, usize>,
}

impl WantedPairs {
    fn new() -> WantedPairs {
        WantedPairs { quick: PairBits::new(), index: FastMap::default() }
    }

    fn insert(&mut self, (a, b): (char, char)) {
        self.quick.insert(a, b);
        let n = self.index.len();
        self.index.entry(pair(a, b)).or_insert(n);
    }

    fn get(&self, a: char, b: char) -> Option<usize> {
        if !self.quick.may_contain(a, b) {
            return None;
        }
        self.index.get(&pair(a, b)).copied()
    }
}

/// [`is_han`] with the common block tested first: most chars of a report are in it.
fn han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || is_han(c)
}

fn quote(doc: &Doc, r: Range, max: usize) -> String {
    let s: String = doc.slice(r.start, r.end).chars().take(max).collect();
    if r.len() > max {
        format!("{s}…")
    } else {
        s
    }
}

fn named_terms(doc: &Doc, terms: &[Range]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for t in terms {
        let w = doc.slice(t.start, t.end);
        if !seen.contains(&w) && seen.len() < NAMED_TERMS {
            seen.push(w);
        }
    }
    seen.iter().map(|w| format!("“{w}”")).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks

/// All the gap checks, one after another: [`prepare`], then [`check_problems`], [`check_measures`]
/// and [`check_coverage`] (which `analyze` runs as separate tasks).
pub fn check(input: &Input, findings: &mut Findings) {
    let parts = prepare(input.doc, input.outline);
    check_problems(input, &parts, findings);
    check_measures(input, &parts, findings);
    check_coverage(input, &parts, findings);
}

/// What every gap check reads besides the detectors' output: the paragraphs with their sentences,
/// and the report cut into parts. Needs only the outline, so it can be found beside the sections.
pub struct Prepared<'d> {
    text: Text<'d>,
    parts: Parts,
}

pub fn prepare<'d>(doc: &'d Doc, outline: &[Heading]) -> Prepared<'d> {
    let text = Text::new(doc);
    let parts = Parts::find(doc, &text, outline);
    Prepared { text, parts }
}

/// `gap.unaddressed-problem`.
pub fn check_problems(input: &Input, prepared: &Prepared, findings: &mut Findings) {
    unaddressed_problems(input.doc, input.outline, &prepared.parts, findings);
}

/// `gap.measure-off-topic`.
pub fn check_measures(input: &Input, prepared: &Prepared, findings: &mut Findings) {
    // A government work report's plan legitimately opens new fields of work.
    if input.kind != DocKind::GovernmentWork {
        measures_off_topic(input.doc, input.outline, &prepared.parts, findings);
    }
}

/// `gap.missing-section`, `gap.no-figures` and `gap.unsupported-claim`.
pub fn check_coverage(input: &Input, prepared: &Prepared, findings: &mut Findings) {
    let Prepared { text, parts } = prepared;
    missing_sections(input, text, parts, findings);
    no_figures(input, parts, findings);
    unsupported_claims(input, text, parts, findings);
}

/// `gap.missing-section`: one finding naming every expected part that is absent.
fn missing_sections(input: &Input, text: &Text, parts: &Parts, findings: &mut Findings) {
    let doc = input.doc;
    if input.kind == DocKind::Other {
        return;
    }
    let classified = doc_kind::classify(doc);
    let cue_text = classified.cue.map_or(Cow::Borrowed(""), |r| doc.norm_slice(r.start, r.end));
    let expected: Vec<&TemplatePart> = TEMPLATES
        .iter()
        .filter(|p| p.kind == input.kind && (p.when.is_empty() || contains_any(&cue_text, &p.when)))
        .collect();
    if expected.is_empty() {
        return;
    }
    let heads: Vec<&Heading> = input.outline.iter().filter(|h| h.level < ENUM_LEVEL).collect();
    // Where a part announces itself: heading titles and the first sentence of each paragraph; in a
    // text without headings, any sentence.
    let mut places: Vec<Range> = heads.iter().map(|h| Range { start: h.start, end: h.end }).collect();
    for (_, sents) in text.iter() {
        let take = if heads.is_empty() { sents.len() } else { 1 };
        places.extend(sents.iter().take(take));
    }
    // The title and the announcing sentence name the kind (述职述廉报告), not a part of it.
    let naming = [classified.title, classified.cue];
    places.retain(|r| !naming.iter().flatten().any(|n| n.start < r.end && r.start < n.end));
    let present = |part: &TemplatePart| {
        places.iter().any(|r| has(&part.cues, doc, *r))
            || Role::parse(&part.role).is_some_and(|role| parts.regions.iter().any(|g| g.role == role))
    };
    let free = free_text(input, parts, &expected);
    let missing: Vec<&&TemplatePart> = expected
        .iter()
        .filter(|p| {
            let free_part = matches!(p.role.as_str(), "work" | "review");
            !present(p) && (!free_part || free < FREE_PART_MIN_CHARS)
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: String = missing
        .iter()
        .map(|p| {
            let cues: String = p.cue_words.iter().take(3).map(|w| format!("“{}”", w.replace('…', ""))).collect();
            format!("“{}”部分（标题或段首应有{}等字样）", p.name, cues)
        })
        .collect::<Vec<_>>()
        .join("和");
    let at = classified.title.or_else(|| text.iter().next().and_then(|(_, sents)| sents.first().copied()));
    let at = at.unwrap_or(Range { start: 0, end: 0 });
    findings.add(
        &GAP_MISSING_SECTION,
        at.start,
        at.end,
        format!("按{}的一般结构，未找到{}，请核对是否漏写。", input.kind.name(), names),
    );
}

/// Content chars of the top-level sections (or, without headings, paragraphs) that belong to no
/// expected part: the freely titled main-work part (坚持…为根本要务).
fn free_text(input: &Input, parts: &Parts, expected: &[&TemplatePart]) -> usize {
    let doc = input.doc;
    let named = |r: Range| expected.iter().any(|p| has(&p.cues, doc, r));
    let top = input.sections.iter().filter(|s| s.heading.is_some()).map(|s| s.level).min();
    input
        .sections
        .iter()
        .filter(|s| match (top, s.heading) {
            (Some(t), Some(i)) => s.level == t && input.outline.get(i).is_some_and(|h| !named(Range { start: h.start, end: h.end })),
            (None, None) => {
                let first = segment::first_sentence(doc, Range { start: s.start, end: s.end });
                first.is_some_and(|f| !named(f)) && !parts.role_at(s.start).is_exempt()
            }
            _ => false,
        })
        .map(|s| s.chars)
        .sum()
}

/// `gap.unaddressed-problem`: a listed problem none of whose key terms shares a two-char piece with
/// the measures part.
fn unaddressed_problems(doc: &Doc, outline: &[Heading], parts: &Parts, findings: &mut Findings) {
    // The problems' key terms come first: they are few, and the measures part, which may be long, is
    // then only looked up in them instead of being put in a set pair by pair.
    // Each problem with its terms, `terms[from..to]`.
    let mut problems: Vec<(Item, usize, usize)> = Vec::new();
    let mut terms: Vec<Range> = Vec::new();
    let mut wanted = WantedPairs::new();
    for g in parts.of_role(Role::Problems) {
        for it in items(doc, outline, parts, g, &CUES.problems_intro) {
            let from = terms.len();
            key_terms(doc, it.span, &mut terms);
            if terms.len() == from {
                continue;
            }
            for t in &terms[from..] {
                bigrams(doc, *t).for_each(|p| wanted.insert(p));
            }
            problems.push((it, from, terms.len()));
        }
    }
    if problems.is_empty() {
        return;
    }
    let Some(addressed) = measure_pairs(doc, parts, &wanted) else { return };
    for (it, from, to) in problems {
        let terms = &terms[from..to];
        if terms.iter().any(|t| bigrams(doc, *t).any(|(a, b)| wanted.get(a, b).is_some_and(|k| addressed[k]))) {
            continue;
        }
        findings.add(
            &GAP_UNADDRESSED_PROBLEM,
            it.span.start,
            it.span.end,
            format!(
                "问题“{}”在下一步打算/整改措施中没有对应的举措（{}等关键词都没有出现），请补充针对性措施。",
                quote(doc, it.span, 30),
                named_terms(doc, terms)
            ),
        );
    }
}

/// Which of the `wanted` pairs the measures part holds (see [`skip_bigrams`]), by number; `None` when
/// the measures part holds no pair at all.
fn measure_pairs(doc: &Doc, parts: &Parts, wanted: &WantedPairs) -> Option<Vec<bool>> {
    let measures = || parts.of_role(Role::Measures).flatten();
    let has_pair = |s: &Range| (s.start..s.end.saturating_sub(1)).any(|i| han(doc.chars[i]) && han(doc.chars[i + 1]));
    if !measures().any(has_pair) {
        return None;
    }
    let mut found = vec![false; wanted.index.len()];
    let mut missing = found.len();
    // A first char stops being looked for once every wanted pair it starts has been found, so that
    // most of a long measures part soon passes the first test at fewer chars. The set and the count
    // of pairs still open are kept per bit (the low 16 bits of the char, as in `CharSet`): chars that
    // share a bit leave it set until all their pairs are found.
    let bit = |c: u64| (c & 0xFFFF) as usize;
    let firsts: Vec<Cell<u64>> = vec![Cell::new(0); 1024];
    let mut open: FastMap<usize, u32> = FastMap::default();
    let mut bit_of = vec![0usize; found.len()];
    for (&key, &k) in &wanted.index {
        let b = bit(key >> 32);
        firsts[b >> 6].set(firsts[b >> 6].get() | 1 << (b & 63));
        *open.entry(b).or_insert(0) += 1;
        bit_of[k] = b;
    }
    let looked_for = |a: char| {
        let b = bit(a as u64);
        firsts[b >> 6].get() >> (b & 63) & 1 == 1
    };
    for s in measures() {
        if missing == 0 {
            break;
        }
        skip_bigrams(doc, *s, looked_for, |a, b| {
            if let Some(k) = wanted.get(a, b) {
                if !found[k] {
                    found[k] = true;
                    missing -= 1;
                    let b = bit_of[k];
                    let left = open.entry(b).or_insert(1);
                    *left -= 1;
                    if *left == 0 {
                        firsts[b >> 6].set(firsts[b >> 6].get() & !(1 << (b & 63)));
                    }
                }
            }
        });
    }
    Some(found)
}

/// `gap.measure-off-topic`: a measure that names a field of work (`data/gap-topics.txt`) that appears
/// nowhere outside the measures part.
fn measures_off_topic(doc: &Doc, outline: &[Heading], parts: &Parts, findings: &mut Findings) {
    let topics = &*TOPICS;
    // The measures that name a field of work come first: most reports have few, and when none does,
    // the rest of the text need not be read at all.
    // The items that name a field, each with its words: `words[from..to]`.
    let mut named: Vec<(Item, usize, usize)> = Vec::new();
    let mut words: Vec<usize> = Vec::new();
    let mut needed = vec![false; topics.count];
    let mut matches = TopicMatches::new(topics.matcher.leftmost_longest(&doc.chars, Range { start: 0, end: doc.len() }));
    for g in parts.of_role(Role::Measures) {
        for it in items(doc, outline, parts, g, &CUES.measures_intro) {
            let trigger = |m: &(usize, usize, usize)| Some(m.2).filter(|&k| topics.words[k].1);
            let from = words.len();
            match matches.within(it.span) {
                Some(inside) => words.extend(inside.iter().filter_map(trigger)),
                None => words.extend(topics.matcher.leftmost_longest(&doc.chars, it.span).filter_map(|m| trigger(&m))),
            };
            for &k in &words[from..] {
                needed[topics.words[k].0] = true;
            }
            if words.len() > from {
                named.push((it, from, words.len()));
            }
        }
    }
    if named.is_empty() {
        return;
    }
    let present = present_topics(parts, &needed, &mut matches);
    for (it, from, to) in named {
        let mut off: Vec<&str> = Vec::new();
        for &k in &words[from..to] {
            let (topic, _, word) = &topics.words[k];
            if !present[*topic] && !off.contains(&word.as_str()) {
                off.push(word);
            }
        }
        if off.is_empty() {
            continue;
        }
        let words: String = off.iter().map(|w| format!("“{w}”")).collect();
        findings.add(
            &GAP_MEASURE_OFF_TOPIC,
            it.span.start,
            it.span.end,
            format!("措施中的{words}在报告其他部分从未出现，与本单位的工作和查摆的问题对不上，请核对是否照搬了别的报告。"),
        );
    }
}

/// Which topics occur outside the measures part. Only the `needed` ones are answered for sure: the
/// scan stops as soon as all of them have been seen.
fn present_topics<I: Iterator<Item = (usize, usize, usize)>>(parts: &Parts, needed: &[bool], matches: &mut TopicMatches<I>) -> Vec<bool> {
    let topics = &*TOPICS;
    let mut present = vec![false; topics.count];
    let mut unseen = needed.iter().filter(|&&n| n).count();
    let mut i = 0;
    while let Some((start, _, k)) = matches.get(i) {
        if unseen == 0 {
            break;
        }
        let topic = topics.words[k].0;
        if !present[topic] && parts.role_at(start) != Role::Measures {
            present[topic] = true;
            if needed[topic] {
                unseen -= 1;
            }
        }
        i += 1;
    }
    present
}

/// The leftmost-longest matches of the topic words over the whole text, read only as far as asked
/// and kept: the measures' items and the presence scan both read them, so that the measures part,
/// most of some reports, is matched once rather than twice.
struct TopicMatches<I> {
    /// Fused: once the text is read to its end, asking again costs nothing.
    iter: std::iter::Fuse<I>,
    seen: Vec<(usize, usize, usize)>,
    /// Where the last span's matches began in `seen`: spans come in text order, so the next search
    /// steps on from here. (A binary search over all the matches read missed the cache at every
    /// step for a long text: a tenth of the gap checks' time for 10 MB.)
    from: usize,
}

impl<I: Iterator<Item = (usize, usize, usize)>> TopicMatches<I> {
    fn new(iter: I) -> TopicMatches<I> {
        TopicMatches { iter: iter.fuse(), seen: Vec::new(), from: 0 }
    }

    /// The `i`-th match of the text, reading on as far as needed.
    fn get(&mut self, i: usize) -> Option<(usize, usize, usize)> {
        while self.seen.len() <= i {
            self.seen.push(self.iter.next()?);
        }
        Some(self.seen[i])
    }

    /// The matches of `span` alone, taken from those of the whole text. The two agree when no match
    /// of the whole text runs across either end of the span: both then find, from its start, the
    /// leftmost longest word, and so on, each ending inside it. `None` when one does.
    fn within(&mut self, span: Range) -> Option<&[(usize, usize, usize)]> {
        // Read until a match starting at the span's end or later (or the end of the text).
        while !matches!(self.seen.last(), Some(m) if m.0 >= span.end) {
            let Some(m) = self.iter.next() else { break };
            self.seen.push(m);
        }
        let seen = &self.seen;
        let mut first = self.from.min(seen.len());
        if first > 0 && seen[first - 1].0 >= span.start {
            // A span before the last one: search from the start.
            first = seen.partition_point(|m| m.0 < span.start);
        }
        while first < seen.len() && seen[first].0 < span.start {
            first += 1;
        }
        self.from = first;
        let mut last = first;
        while last < seen.len() && seen[last].0 < span.end {
            last += 1;
        }
        let across_start = first > 0 && self.seen[first - 1].1 > span.start;
        let across_end = last > first && self.seen[last - 1].1 > span.end;
        (!across_start && !across_end).then(|| &self.seen[first..last])
    }
}

/// `gap.no-figures`: a long top-level or second-level section without one metric figure; its
/// sub-sections are not flagged again, and the problems/causes/measures parts are exempt.
fn no_figures(input: &Input, parts: &Parts, findings: &mut Findings) {
    let mut flagged: Vec<Range> = Vec::new();
    for s in input.sections {
        let Some(i) = s.heading else { continue };
        let Some(h) = input.outline.get(i) else { continue };
        if h.level >= ENUM_LEVEL || s.chars < NO_FIGURES_MIN_CHARS || s.figures > 0 {
            continue;
        }
        if parts.heading_roles.get(i).is_some_and(|r| r.is_exempt()) || parts.role_at(h.end).is_exempt() {
            continue;
        }
        // Flagged sections never overlap and come in text order: only the last can hold this one.
        if flagged.last().is_some_and(|f| f.start <= s.start && s.end <= f.end) {
            continue;
        }
        flagged.push(Range { start: s.start, end: s.end });
        findings.add(
            &GAP_NO_FIGURES,
            h.start,
            h.end,
            format!("“{}{}”一节约{}字，没有一个计量数字（数量、金额、比例等），工作实绩难以判断，建议补充可核查的数据。", h.marker, quote_title(&h.title), s.chars),
        );
    }
}

fn quote_title(t: &str) -> String {
    let s: String = t.chars().take(20).collect();
    if t.chars().count() > 20 {
        format!("{s}…")
    } else {
        s
    }
}

/// `gap.unsupported-claim`: a result claim in a paragraph without a metric figure, outside the
/// problems and measures parts, and not negated or stated as an aim.
fn unsupported_claims(input: &Input, text: &Text, parts: &Parts, findings: &mut Findings) {
    let doc = input.doc;
    let mut metric: Vec<usize> = Vec::with_capacity(input.figures.len());
    metric.extend(input.figures.iter().filter(|f| f.kind != FigureKind::Date).map(|f| f.start));
    crate::order::by_key(&mut metric, |&s| s);
    let figures_in = |a: usize, b: usize| metric.partition_point(|&s| s < b) - metric.partition_point(|&s| s < a);
    // Paragraphs come in text order, so the first figure, list start and section at or after each
    // one are found by cursors that only move forward instead of a binary search per paragraph.
    let (mut next_figure, mut next_list, mut next_section) = (0, 0, 0);
    // A list introduced by an aim (力争实现以下目标：) states aims, item by item.
    let mut aim_list = false;
    let mut list_starts: Vec<usize> = input.outline.iter().map(|h| h.start).collect();
    crate::order::by_key(&mut list_starts, |&s| s);
    // A claim in a heading (（一）党建引领成效显著) is supported by figures anywhere in its section:
    // (start, end) of each section, by start.
    let ends = outline::section_ends(doc, input.outline);
    let mut sections: Vec<(usize, usize)> =
        input.outline.iter().zip(&ends).filter(|(h, _)| h.level < ENUM_LEVEL).map(|(h, &e)| (h.start, e)).collect();
    crate::order::by_key(&mut sections, |s| s.0);
    // Where the innermost section of each place starts (0 before the first heading).
    let mut heading_starts: Vec<usize> = vec![0];
    heading_starts.extend(input.outline.iter().filter(|h| h.level < ENUM_LEVEL).map(|h| h.start));
    for &p in text.paragraphs {
        while next_list < list_starts.len() && list_starts[next_list] < p.start {
            next_list += 1;
        }
        while next_section < sections.len() && sections[next_section].0 < p.start {
            next_section += 1;
        }
        while next_figure < metric.len() && metric[next_figure] < p.start {
            next_figure += 1;
        }
        let is_item = list_starts.get(next_list) == Some(&p.start) || matches!(doc.chars[p.start], '—' | '―');
        let under_aim = aim_list && is_item;
        if !is_item {
            aim_list = ends_with_colon(doc, p) && contains_any(&doc.norm_slice(p.start, p.end), &CLAIMS.aims);
        }
        // Cheapest first: most paragraphs have a figure of their own, most others no claim; only
        // then does a summing-up paragraph widen the range its figures may come from.
        // The section this paragraph opens, if any: the last of those that start here.
        let opened = sections[next_section..].iter().take_while(|s| s.0 == p.start).last();
        let end = opened.map_or(p.end, |s| s.1.max(p.end));
        if metric.get(next_figure).is_some_and(|&f| f < end) || under_aim {
            continue;
        }
        let hits = CLAIMS.claims.find(doc, p);
        if hits.is_empty() {
            continue;
        }
        if sums_up(doc, p) {
            let start = heading_starts[heading_starts.partition_point(|&s| s <= p.start).saturating_sub(1)].min(p.start);
            if figures_in(start, end) > 0 {
                continue;
            }
        }
        for hit in hits {
            if parts.role_at(hit.start).is_exempt() || is_negated(doc, p, hit.start) || is_aim(doc, p, hit.start) {
                continue;
            }
            let claim = doc.slice(hit.start, hit.end);
            findings.add(
                &GAP_UNSUPPORTED_CLAIM,
                hit.start,
                hit.end,
                format!("“{claim}”是对成效的断言，但所在段落没有任何计量数字支撑，请补充可核查的数据（数量、金额、比例等）或删去断言。"),
            );
        }
    }
}

/// The paragraph opens by summing up what came before (通过以上工作，…).
fn sums_up(doc: &Doc, p: Range) -> bool {
    let first = segment::first_clause(doc, p);
    first.is_some_and(|c| contains_any(&doc.norm_slice(c.start, c.end), &CLAIMS.back_references))
}

fn is_negated(doc: &Doc, p: Range, at: usize) -> bool {
    let before = doc.norm_slice(at.saturating_sub(3).max(p.start), at);
    CLAIMS.negations.iter().any(|w| before.contains(w.as_str()))
}

fn is_aim(doc: &Doc, p: Range, at: usize) -> bool {
    let mut s = at;
    while s > p.start && !segment::is_clause_end(doc.chars[s - 1]) && at - s < 40 {
        s -= 1;
    }
    contains_any(&doc.norm_slice(s, at), &CLAIMS.aims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(doc: &Doc, text: &str, kind: FigureKind) -> Figure {
        let folded = doc.folded();
        let start = crate::normalise::char_of_byte(&folded, folded.find(text).expect("figure text in doc"));
        Figure {
            start,
            end: start + text.chars().count(),
            text: text.into(),
            value: 1.0,
            value_max: None,
            unit: "".into(),
            kind,
            approx: false,
            subject: "".into(),
        }
    }

    /// Runs the gap checks with figures placed by hand (the figures detector is someone else's).
    fn run_with(text: &str, figs: &[(&str, FigureKind)]) -> Vec<(String, String, String)> {
        let doc = Doc::new(text);
        let outline = outline::detect(&doc);
        let (_, kind) = doc_kind::detect(&doc);
        let figures: Vec<Figure> = figs.iter().map(|(t, k)| fig(&doc, t, *k)).collect();
        let sections = crate::sections::build(&doc, &outline, &figures, &[]);
        let mut f = Findings::new();
        check(&Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &[] }, &mut f);
        f.into_sorted().into_iter().map(|f| (f.rule.into_owned(), doc.slice(f.start, f.end).to_string(), f.message)).collect()
    }

    fn spans(text: &str, figs: &[(&str, FigureKind)], rule: &str) -> Vec<String> {
        run_with(text, figs).into_iter().filter(|f| f.0 == rule).map(|f| f.1).collect()
    }

    const COUNT: FigureKind = FigureKind::Count;

    #[test]
    fn missing_parts_are_named_at_the_title() {
        let text = "2024年度述职述廉报告\n一、履职情况\n全年召开会议12次。\n二、存在的问题\n学习不够深入。";
        let f: Vec<_> = run_with(text, &[("12次", COUNT)]).into_iter().filter(|f| f.0 == "gap.missing-section").collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "2024年度述职述廉报告");
        assert!(f[0].2.contains("廉洁自律") && f[0].2.contains("下一步打算"), "{}", f[0].2);
        assert!(!f[0].2.contains("主体责任"), "a 述职述廉报告 is not expected to have a 述责 part: {}", f[0].2);
    }

    #[test]
    fn a_complete_report_with_freely_titled_work_sections_has_no_missing_part() {
        let body = "坚持把学习贯彻党的创新理论作为首要政治任务，全年组织集中学习12次，开展专题研讨4次，撰写调研报告3篇，推动理论学习走深走实。";
        let text = format!(
            "2023年度述职述廉述责报告\n一、坚持政治引领为根本要务\n{body}\n二、坚持廉洁自律\n严格落实中央八项规定精神。\n三、坚持落实主体责任\n履行第一责任人职责。\n四、存在的不足\n学习不够深入。\n五、下一步打算\n加强学习。"
        );
        let f = spans(&text, &[("12次", COUNT)], "gap.missing-section");
        assert!(f.is_empty(), "{:?}", run_with(&text, &[("12次", COUNT)]));
    }

    #[test]
    fn a_de_neng_qin_ji_lian_report_has_its_integrity_part() {
        let body = "认真履行岗位职责，全年牵头完成重点工作任务12项，推动各项工作落地见效，得到上级部门和服务对象的一致肯定。";
        let text = format!("2023年度个人述职述廉报告\n一、德\n{body}\n二、能\n{body}\n三、勤\n{body}\n四、绩\n{body}\n五、廉\n{body}\n六、存在的不足\n调研不够深入。\n七、今后努力方向\n加强调查研究。");
        assert!(spans(&text, &[("12项", COUNT)], "gap.missing-section").is_empty());
    }

    #[test]
    fn other_kinds_expect_nothing() {
        assert!(spans("关于老旧小区改造的调研报告\n一、基本情况\n小区很多。", &[], "gap.missing-section").is_empty());
    }

    #[test]
    fn unaddressed_problems_by_key_terms() {
        let text = "一、存在的问题\n一是招商引资工作相对滞后；二是信访维稳压力较大；三是后备干部力量不足。\n二、下一步打算\n一是加大招商引资力度，全年引进项目10个；二是加强领导干部作风建设。";
        assert_eq!(spans(text, &[("10个", COUNT)], "gap.unaddressed-problem"), ["信访维稳压力较大", "后备干部力量不足"]);
    }

    #[test]
    fn problems_inside_a_mixed_section_after_an_intro() {
        let text = "三、存在的不足和努力方向\n一年来虽做了一些工作，但仍存在一些问题。主要表现为：科技创新投入偏少；营商环境还需优化；应急处置能力不强。针对存在的问题，下一步将做好以下工作：\n一是加大科技投入，完善研发补助办法；二是持续优化营商环境。";
        let got = spans(text, &[], "gap.unaddressed-problem");
        assert_eq!(got, ["应急处置能力不强"], "the intro sentence and the measures lead are not problems");
    }

    #[test]
    fn causes_after_the_problems_are_not_problems() {
        let text = "一、存在的问题\n信访积案较多。究其原因，主要是思想解放不够。\n二、下一步打算\n化解信访积案。";
        assert!(spans(text, &[], "gap.unaddressed-problem").is_empty());
    }

    #[test]
    fn generic_words_alone_do_not_address_a_problem() {
        let text = "一、存在的问题\n干部队伍建设方面还存在薄弱环节。\n二、下一步打算\n加强领导干部廉洁自律，推动经济社会发展。";
        assert_eq!(spans(text, &[], "gap.unaddressed-problem"), ["干部队伍建设方面还存在薄弱环节"]);
        let text = "一、存在的问题\n一是调研不够深入；二是信访积案较多。\n二、下一步打算\n加强调查研究；做好信访接待工作。";
        assert!(spans(text, &[], "gap.unaddressed-problem").is_empty(), "调研 is addressed by 调查研究");
        let text = "一、存在的问题\n理论学习不够深入。\n二、下一步打算\n加强理论武装。";
        assert!(spans(text, &[], "gap.unaddressed-problem").is_empty(), "理论 is shared");
    }

    #[test]
    fn work_sections_that_mention_problems_are_not_the_problems_part() {
        let text = "一、主要工作\n（一）缩小城乡收入差距。农民收入增长8%。\n（二）解决群众急难愁盼问题。办结民生实事20件。针对检查中存在的问题：逐项整改到位。\n二、存在的问题\n信访积案较多。\n三、下一步打算\n化解信访积案。";
        assert!(spans(text, &[("8%", FigureKind::Percent), ("20件", COUNT)], "gap.unaddressed-problem").is_empty());
    }

    #[test]
    fn no_measures_part_means_no_unaddressed_findings() {
        let text = "一、主要工作\n做了工作。\n二、存在的问题\n信访维稳压力较大。";
        assert!(spans(text, &[], "gap.unaddressed-problem").is_empty());
    }

    #[test]
    fn off_topic_measures() {
        let text = "一、主要工作\n全年组织财政收入50亿元，压减一般性支出10%。\n二、存在的问题\n财政收支矛盾突出。\n三、下一步打算\n一是强化财政收支管理；二是大力发展设施农业和乡村旅游。";
        let f = spans(text, &[("50亿元", FigureKind::Money), ("10%", FigureKind::Percent)], "gap.measure-off-topic");
        assert_eq!(f, ["大力发展设施农业和乡村旅游"]);
        // 教育 has other senses (警示教育): it never makes a measure off-topic by itself.
        let text = "一、主要工作\n全年组织财政收入50亿元。\n二、下一步打算\n加强警示教育。";
        assert!(spans(text, &[("50亿元", FigureKind::Money)], "gap.measure-off-topic").is_empty());
    }

    #[test]
    fn no_figures_on_long_sections_only_once_and_not_in_problems() {
        let long = "坚持以党的创新理论武装头脑，认真落实各项决策部署，持续加强班子自身建设，推动各项工作取得积极成效。".repeat(4);
        let text = format!("一、主要工作\n（一）加强学习\n{long}\n（二）完善制度\n{long}\n二、存在的问题\n{long}\n三、下一步打算\n{long}");
        assert_eq!(spans(&text, &[], "gap.no-figures"), ["一、主要工作"], "the parent only; problems and measures exempt");
        let text = format!("一、主要工作\n（一）加强学习\n{long}全年学习12次。\n（二）完善制度\n{long}");
        assert_eq!(spans(&text, &[("12次", COUNT)], "gap.no-figures"), ["（二）完善制度"]);
        let text = format!("一、主要工作\n{long}2023年12月。");
        assert_eq!(spans(&text, &[("2023年12月", FigureKind::Date)], "gap.no-figures").len(), 1, "dates are not metric figures");
    }

    #[test]
    fn unsupported_claims() {
        assert_eq!(spans("经过努力，各项工作成效显著，群众满意度明显提升。", &[], "gap.unsupported-claim"), ["成效显著", "明显提升"]);
        assert!(spans("全年新增就业1200人，群众满意度明显提升。", &[("1200人", COUNT)], "gap.unsupported-claim").is_empty());
        assert!(spans("经过努力，工作取得了明显成效。", &[], "gap.unsupported-claim").len() == 1);
        let text = "一、党建引领成效显著\n全年发展党员36名。";
        assert!(spans(text, &[("36名", COUNT)], "gap.unsupported-claim").is_empty(), "the section supports its heading");
        let text = "一、主要工作\n全年发展党员36名。\n通过以上工作，党建工作取得了明显成效。";
        assert!(spans(text, &[("36名", COUNT)], "gap.unsupported-claim").is_empty(), "a summing-up paragraph");
        let text = "一、主要工作\n全年发展党员36名。\n二、其他\n通过以上工作，党建工作取得了明显成效。";
        assert_eq!(spans(text, &[("36名", COUNT)], "gap.unsupported-claim"), ["取得了明显成效"], "only its own section counts");
        let text = "一、党建引领成效显著\n发展了一批党员。";
        assert_eq!(spans(text, &[], "gap.unsupported-claim"), ["成效显著"]);
        for text in [
            "确保圆满完成全年目标任务。",
            "工作效果不明显，服务水平有待明显提升。",
            "学习教育未取得明显成效。",
            "力争实现以下目标：\n——机关效能明显提升。\n——群众满意度大幅提高。",
            "一、存在的问题\n虽然取得了一定成绩，但仍有差距。\n二、下一步打算\n力争各项指标大幅增长。",
        ] {
            assert!(spans(text, &[], "gap.unsupported-claim").is_empty(), "{text}");
        }
    }

    /// The seed report users paste (shared/, beside the repository; not part of it). The figures
    /// detector is someone else's, so metric figures are placed here by a plain pattern: Arabic
    /// numbers followed by a unit, approximation words included (超过2余次).
    #[test]
    fn seed_report() {
        let candidates = [
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed-report.txt"),
            std::path::PathBuf::from("/work/shared/seed-report.txt"),
        ];
        let Some(text) = candidates.iter().find_map(|p| std::fs::read_to_string(p).ok()) else {
            eprintln!("seed report not found; skipped");
            return;
        };
        let doc = Doc::new(&text);
        let folded = doc.folded();
        let re = regex::Regex::new(r"(超过|约|近)?\d+(\.\d+)?余?(万|亿)?(个工作日|人次|亿元|万元|个|次|件|条|份|期|名|元|%|项)").unwrap();
        let figures: Vec<Figure> = re
            .find_iter(&folded)
            .map(|m| {
                let start = crate::normalise::char_of_byte(&folded, m.start());
                Figure {
                    start,
                    end: crate::normalise::char_of_byte(&folded, m.end()),
                    text: m.as_str().into(),
                    value: 1.0,
                    value_max: None,
                    unit: "".into(),
                    kind: COUNT,
                    approx: false,
                    subject: "".into(),
                }
            })
            .collect();
        let outline = outline::detect(&doc);
        let level = |l: u8| outline.iter().filter(|h| h.level == l).map(|h| h.ordinal).collect::<Vec<_>>();
        assert_eq!(level(1), [1, 2, 3, 4, 5]);
        assert_eq!(level(2).len(), 12);
        let (title, kind) = doc_kind::detect(&doc);
        assert_eq!((title.as_str(), kind), ("2023年个人述职述廉述责报告", DocKind::ShuZhiShuLianShuZe));

        let sections = crate::sections::build(&doc, &outline, &figures, &[]);
        let mut f = Findings::new();
        crate::outline_checks::check(&doc, &outline, &mut f);
        crate::residue::check(&doc, &mut f);
        check(&Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &[] }, &mut f);
        let f = f.into_sorted();
        let of = |rule: &str| f.iter().filter(|x| x.rule == rule).map(|x| doc.slice(x.start, x.end).to_string()).collect::<Vec<_>>();
        assert!(of("outline.number-gap").is_empty() && of("gap.missing-section").is_empty());
        assert_eq!(of("residue.paywall-marker"), ["##paidbegin##", "##paidend##"]);
        assert_eq!(of("residue.placeholder"), ["A", "A", "A", "A"]);
        let problems = of("gap.unaddressed-problem");
        for term in ["招商引资", "信访维稳", "后备干部"] {
            assert!(problems.iter().any(|p| p.contains(term)), "{term}: {problems:?}");
        }
        assert_eq!(problems.len(), 4, "the first problem (创新) has no measure either: {problems:?}");
        let off = of("gap.measure-off-topic");
        assert_eq!(off.len(), 1);
        assert!(off[0].contains("农业农村工作"));
        let no_figures = of("gap.no-figures");
        assert_eq!(no_figures.len(), 1, "{no_figures:?}");
        assert!(no_figures[0].starts_with("三、"));
    }

    /// [`Text`] segments the whole text at once: it must give what segmenting each paragraph gives.
    #[test]
    fn topic_matches_of_a_span_are_those_of_the_span_alone() {
        // Spans of every length at every start of texts dense with topic words, including spans
        // that cut a word in two: where `within` answers, it answers as matching the span would.
        // In text order, as the checks ask, and backwards.
        let texts = [include_str!("../tests/fixtures/gaps-gov.txt"), "农业农村农业设施农业种植业，财政预算税收金融银行。"];
        let mut answered = 0;
        for (text, backwards) in texts.iter().flat_map(|t| [(t, false), (t, true)]) {
            let doc = Doc::new(text);
            let all = Range { start: 0, end: doc.len() };
            let mut matches = TopicMatches::new(TOPICS.matcher.leftmost_longest(&doc.chars, all));
            let mut starts: Vec<usize> = (0..doc.len()).step_by(3).collect();
            if backwards {
                starts.reverse();
            }
            for start in starts {
                for len in [1, 2, 3, 5, 8, 13, 40] {
                    let span = Range { start, end: (start + len).min(doc.len()) };
                    let want: Vec<_> = TOPICS.matcher.leftmost_longest(&doc.chars, span).collect();
                    if let Some(got) = matches.within(span) {
                        assert_eq!(got, &want[..], "{span:?} of {text}");
                        answered += 1;
                    }
                }
            }
        }
        assert!(answered > 600, "the shortcut should answer for many spans, answered {answered}");
    }

    #[test]
    fn text_sentences_are_the_paragraphs_sentences() {
        let texts = [
            include_str!("../tests/fixtures/gaps-gov.txt"),
            include_str!("../tests/fixtures/outline-defects.txt"),
            "  甲。乙！”  \r\n\r\n丙；；“丁”……戊\r己。。\n\n  \t\n庚",
            "。。；\n“”\n  一、\n…",
            "",
        ];
        for text in texts {
            let doc = Doc::new(text);
            let t = Text::new(&doc);
            let got: Vec<(Range, Vec<Range>)> = t.iter().map(|(p, s)| (p, s.to_vec())).collect();
            let want: Vec<(Range, Vec<Range>)> = segment::paragraphs(&doc).into_iter().map(|p| (p, segment::sentences(&doc, p))).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn never_panics() {
        for text in ["", "一、", "一、存在的问题", "二、下一步打算\n一是", "存在…问题：", "：：：", "一是；二是；"] {
            let _ = run_with(text, &[]);
        }
    }
}
