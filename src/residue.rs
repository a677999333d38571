//! Template and copy-paste residue: placeholders, document-site markers, duplicated sentences.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalise::{is_han, Doc};
use crate::outline;
use crate::rules::{Findings, RESIDUE_DUPLICATE_SENTENCE, RESIDUE_PAYWALL_MARKER, RESIDUE_PLACEHOLDER};
use crate::segment::{self, is_sentence_end, Range};

/// Phrases that may have gaps: `本文档由…提供` is the parts 本文档由 and 提供 with up to `gap` chars
/// between them, never across a line break (nor, when `same_sentence`, a sentence end).
pub struct Phrases {
    ac: Option<AhoCorasick>,
    /// Per pattern, its parts after the first.
    rest: Vec<Vec<String>>,
    gap: usize,
    same_sentence: bool,
}

/// A phrase found in the text: char span and the pattern's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl Phrases {
    pub fn new<S: AsRef<str>>(patterns: &[S], gap: usize, same_sentence: bool) -> Phrases {
        let mut firsts = Vec::new();
        let mut rest = Vec::new();
        for p in patterns {
            // Patterns are matched against the folded text, so they are folded too (（可编辑） → (可编辑)).
            let folded: String = p.as_ref().chars().map(crate::normalise::fold).collect();
            let mut parts = folded.split('…').filter(|s| !s.is_empty()).map(str::to_string);
            firsts.push(parts.next().unwrap_or_default());
            rest.push(parts.collect());
        }
        // Every occurrence of every first part, so that 取得…成效 and 取得…成绩 both get their chance.
        let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&firsts).ok();
        Phrases { ac, rest, gap, same_sentence }
    }

    /// Matches inside `within`, leftmost first, longest among those that start together, never
    /// overlapping.
    pub fn find(&self, doc: &Doc, within: Range) -> Vec<PhraseHit> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let (a, b) = (doc.norm_byte_of(within.start), doc.norm_byte_of(within.end));
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(&doc.norm[a..b]) {
            let start = doc.char_of_norm_byte(a + m.start());
            let mut end = doc.char_of_norm_byte(a + m.end());
            let mut ok = true;
            for part in &self.rest[m.pattern().as_usize()] {
                match self.find_part(doc, end, within.end, part) {
                    Some(e) => end = e,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && end > start {
                hits.push(PhraseHit { start, end, pattern: m.pattern().as_usize() });
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<PhraseHit> = Vec::new();
        for h in hits {
            if out.last().map_or(true, |l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }

    /// End of `part` when it starts within `gap` chars of `from`.
    fn find_part(&self, doc: &Doc, from: usize, limit: usize, part: &str) -> Option<usize> {
        let first = part.chars().next()?;
        let n = part.chars().count();
        let mut i = from;
        while i < limit && i - from <= self.gap {
            let c = doc.chars[i];
            if c == '\n' || c == '\r' || (self.same_sentence && is_sentence_end(c)) {
                return None;
            }
            if c == first && i + n <= limit && doc.norm_slice(i, i + n) == part {
                return Some(i + n);
            }
            i += 1;
        }
        None
    }
}

struct Lists {
    paywall: Phrases,
    paywall_line: Phrases,
    placeholder_runs: Vec<(char, usize)>,
    /// Exempt words as char vectors and the index of their letter slot.
    letter_words: Vec<(Vec<char>, usize)>,
}

const PAYWALL_GAP: usize = 30;
/// A [paywall-line] phrase counts only on a line with at most this many other content chars.
const LINE_EXTRA: usize = 8;
/// Sentences shorter than this (content chars) may repeat: 谢谢大家。 is not copy-paste.
pub const DUPLICATE_MIN_CHARS: usize = 10;

static LISTS: LazyLock<Lists> = LazyLock::new(|| parse_lists(include_str!("../data/residue.txt")));

fn parse_lists(src: &str) -> Lists {
    let mut sections: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = String::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_string();
            continue;
        }
        sections.entry(current.clone()).or_default().push(line.to_string());
    }
    let get = |k: &str| sections.get(k).cloned().unwrap_or_default();
    let placeholder_runs = get("placeholder")
        .iter()
        .filter_map(|l| {
            let (c, n) = l.split_once(' ')?;
            Some((crate::normalise::fold(c.chars().next()?), n.trim().parse().ok()?))
        })
        .collect();
    let letter_words = get("letter-words")
        .iter()
        .filter_map(|w| {
            let chars: Vec<char> = w.chars().map(|c| c.to_ascii_uppercase()).collect();
            let slot = chars.iter().position(|c| *c == '?' || c.is_ascii_alphabetic())?;
            Some((chars, slot))
        })
        .collect();
    Lists {
        paywall: Phrases::new(&get("paywall"), PAYWALL_GAP, false),
        paywall_line: Phrases::new(&get("paywall-line"), 0, false),
        placeholder_runs,
        letter_words,
    }
}

pub fn check(doc: &Doc, findings: &mut Findings) {
    for line in &doc.lines {
        site_markers(doc, line.start, line.end, findings);
        paywall_phrases(doc, Range { start: line.start, end: line.end }, findings);
        placeholders(doc, line.start, line.end, findings);
    }
    duplicate_sentences(doc, findings);
}

fn site_markers(doc: &Doc, start: usize, end: usize, findings: &mut Findings) {
    let mut i = start;
    while i + 1 < end {
        if let Some(e) = outline::site_marker_end(doc, i, end) {
            let m = doc.slice(i, e);
            findings.add(&RESIDUE_PAYWALL_MARKER, i, e, format!("文档网站残留标记“{m}”，是从网上复制时带入的，正式材料中请删除。"));
            i = e;
        } else {
            i += 1;
        }
    }
}

fn paywall_phrases(doc: &Doc, line: Range, findings: &mut Findings) {
    for h in LISTS.paywall.find(doc, line) {
        let m = doc.slice(h.start, h.end);
        findings.add(&RESIDUE_PAYWALL_MARKER, h.start, h.end, format!("文档网站残留声明“{m}”，是从网上下载时带入的，正式材料中请删除。"));
    }
    let line_chars = segment::content_len(doc, line);
    for h in LISTS.paywall_line.find(doc, line) {
        let own = segment::content_len(doc, Range { start: h.start, end: h.end });
        if line_chars - own > LINE_EXTRA {
            continue;
        }
        let m = doc.slice(h.start, h.end);
        findings.add(&RESIDUE_PAYWALL_MARKER, h.start, h.end, format!("文档网站残留声明“{m}”单独成行，是从网上下载时带入的，正式材料中请删除。"));
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '《')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '》')
}

fn placeholders(doc: &Doc, start: usize, end: usize, findings: &mut Findings) {
    let mut depth = 0u32;
    let mut i = start;
    while i < end {
        let c = doc.chars[i];
        if is_open_quote(c) {
            depth += 1;
        } else if is_close_quote(c) {
            depth = depth.saturating_sub(1);
        }
        if let Some(&(_, min)) = LISTS.placeholder_runs.iter().find(|(p, _)| *p == c) {
            let mut j = i;
            while j < end && doc.chars[j] == c {
                j += 1;
            }
            let glued = (i > start && doc.chars[i - 1].is_ascii_alphanumeric()) || (j < end && doc.chars[j].is_ascii_alphanumeric());
            if j - i >= min && !glued {
                let m = doc.slice(i, j);
                findings.add(&RESIDUE_PLACEHOLDER, i, j, format!("疑似未替换的模板占位符“{m}”，请补全为实际内容。"));
            }
            i = j;
            continue;
        }
        if c == '某' && depth == 0 && doc.chars.get(i + 1) == Some(&'某') {
            let mut j = i;
            while j < end && doc.chars[j] == '某' {
                j += 1;
            }
            let m = doc.slice(i, j);
            findings.add(&RESIDUE_PLACEHOLDER, i, j, format!("疑似未替换的模板占位符“{m}”，请补全为实际的单位或人名。"));
            i = j;
            continue;
        }
        // Template fill-ins are capitals (A新时代); lower-case letters name apps and brands (i深圳, e企办).
        if c.is_ascii_uppercase() && is_stray_letter(doc, i, start, end) {
            let ctx = doc.slice(i.saturating_sub(2).max(start), (i + 4).min(end));
            findings.add(
                &RESIDUE_PLACEHOLDER,
                i,
                i + 1,
                format!("单个字母“{}”夹在汉字之间（…{ctx}…），疑似模板中代替人名或称谓的占位符，请核对补全。", doc.slice(i, i + 1)),
            );
        }
        i += 1;
    }
}

/// A lone Latin letter with Han text on both sides (A新时代, 学习A总书记), not part of a real word.
fn is_stray_letter(doc: &Doc, i: usize, start: usize, end: usize) -> bool {
    let prev = if i > start { doc.chars[i - 1] } else { '\0' };
    let next = if i + 1 < end { doc.chars[i + 1] } else { '\0' };
    if !is_han(next) || !(is_han(prev) || matches!(prev, '“' | '《' | '(' | '，' | '、' | '：')) {
        return false;
    }
    !LISTS.letter_words.iter().any(|(w, slot)| {
        i >= start + slot
            && i - slot + w.len() <= end
            && w.iter().enumerate().all(|(k, &wc)| {
                let c = doc.chars[i - slot + k].to_ascii_uppercase();
                if k == *slot {
                    wc == '?' || wc == c
                } else {
                    wc == c
                }
            })
    })
}

/// The same sentence (at least [`DUPLICATE_MIN_CHARS`] content chars, whitespace ignored) more than
/// once: every later occurrence is flagged, pointing back at the first.
fn duplicate_sentences(doc: &Doc, findings: &mut Findings) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in segment::sentences(doc, Range { start: 0, end: doc.len() }) {
        if segment::content_len(doc, s) < DUPLICATE_MIN_CHARS {
            continue;
        }
        let mut e = s.end;
        while e > s.start && (is_sentence_end(doc.chars[e - 1]) || matches!(doc.chars[e - 1], '，' | ',' | '、')) {
            e -= 1;
        }
        let key: String = doc.chars[s.start..e].iter().filter(|c| !c.is_whitespace()).collect();
        match seen.get(&key) {
            Some(&first) => {
                let line = doc.line_of(first) + 1;
                let quote: String = doc.slice(s.start, e).chars().take(20).collect();
                let more = if e - s.start > 20 { "…" } else { "" };
                findings.add(
                    &RESIDUE_DUPLICATE_SENTENCE,
                    s.start,
                    s.end,
                    format!("句子“{quote}{more}”与第{line}行的句子完全相同，多为复制粘贴未删净，请删去或改写其中一处。"),
                );
            }
            None => {
                seen.insert(key, s.start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let d = Doc::new(text);
        let mut f = Findings::new();
        check(&d, &mut f);
        f.into_sorted().into_iter().map(|f| (f.rule, d.slice(f.start, f.end).to_string())).collect()
    }

    fn spans(text: &str, rule: &str) -> Vec<String> {
        run(text).into_iter().filter(|f| f.0 == rule).map(|f| f.1).collect()
    }

    #[test]
    fn placeholders() {
        let cases: &[(&str, &[&str])] = &[
            ("深入学习XX同志讲话精神。", &["XX"]),
            ("xx县召开会议。", &["xx"]),
            ("ＸＸＸ局长出席。", &["ＸＸＸ"]),
            ("在××乡开展调研。", &["××"]),
            ("○○同志讲话。", &["○○"]),
            ("某某单位负责人。", &["某某"]),
            ("用A新时代思想武装头脑，学习A总书记讲话。", &["A", "A"]),
            ("我在“某某”的位置上。", &[]),
            ("二〇二三年工作总结。", &[]),
            ("A股市场，B超检查，X光片，T恤衫，K线图，C位出道，Q版形象。", &[]),
            ("创建国家4A级景区，获评AAA级信用企业。", &[]),
            ("维生素C的作用。", &[]),
            ("拍摄X射线片，在B区登记。", &[]),
            ("推广“i深圳”和e企办平台。", &[]),
            ("面积3×4米。", &[]),
            ("XXL号服装。", &[]),
            ("APP下载量。", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(spans(text, "residue.placeholder"), *want, "{text}");
        }
    }

    #[test]
    fn paywall_markers() {
        let cases: &[(&str, &[&str])] = &[
            ("##paidbegin##二、主要工作", &["##paidbegin##"]),
            ("正文。##paidend##", &["##paidend##"]),
            ("##vip##", &["##vip##"]),
            ("本文档由某文库用户提供。", &["本文档由某文库用户提供"]),
            ("（下载后可编辑）", &["下载后可编辑"]),
            ("仅供参考", &["仅供参考"]),
            ("以上意见是我们在调研中形成的一些初步想法，不一定成熟，仅供参考。", &[]),
            ("# 标题 #", &[]),
            ("编号##", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(spans(text, "residue.paywall-marker"), *want, "{text}");
        }
    }

    #[test]
    fn duplicate_sentences_flag_the_later_one_with_the_first_line() {
        let text = "坚持把纪律和规矩挺在前面。\n全年召开会议12次。\n坚持把纪律 和规矩挺在前面；另起一句话。";
        let d = Doc::new(text);
        let mut f = Findings::new();
        check(&d, &mut f);
        let v = f.into_sorted();
        assert_eq!(v.len(), 1);
        assert_eq!(d.slice(v[0].start, v[0].end), "坚持把纪律 和规矩挺在前面；");
        assert!(v[0].message.contains("第1行"), "{}", v[0].message);
        assert!(spans("谢谢大家。谢谢大家。", "residue.duplicate-sentence").is_empty(), "short sentences may repeat");
        assert!(spans("加强学习提高本领不断前进。加强学习提高本领继续前进。", "residue.duplicate-sentence").is_empty());
    }

    #[test]
    fn gapped_phrases_stay_within_their_window() {
        let p = Phrases::new(&["取得…成效"], 8, true);
        let d = Doc::new("取得了明显成效。取得进展。下一句成效。");
        let hits = p.find(&d, Range { start: 0, end: d.len() });
        assert_eq!(hits.iter().map(|h| d.slice(h.start, h.end)).collect::<Vec<_>>(), ["取得了明显成效"]);
    }

    #[test]
    fn never_panics() {
        for text in ["", "#", "##", "###", "##a", "某", "X", "A", "“某某", "”某某", "××××", "\r\n##x##\r"] {
            let _ = run(text);
        }
        let _ = run(&"某".repeat(10_000));
        let _ = run(&"##".repeat(10_000));
    }
}
