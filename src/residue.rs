//! Template and copy-paste residue: placeholders, document-site markers, duplicated sentences.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use crate::normalise::{is_content, is_han, Doc};
use crate::outline;
use crate::rules::{Findings, RESIDUE_DUPLICATE_SENTENCE, RESIDUE_PAYWALL_MARKER, RESIDUE_PLACEHOLDER};
use crate::segment::{self, is_sentence_end, Range};
use crate::words::{CharSet, FastMap, PhraseHit, Phrases};

struct Lists {
    /// The [paywall] phrases as group 0, the [paywall-line] ones as group [`PAYWALL_LINE`].
    paywall: Phrases,
    placeholder_runs: Vec<(char, usize)>,
    /// The chars at which [`placeholders`] has something to do: quotes, placeholder chars, 某 and
    /// capital letters.
    triggers: Box<CharSet>,
    /// Exempt words as char vectors and the index of their letter slot.
    letter_words: Vec<(Vec<char>, usize)>,
}

const PAYWALL_GAP: usize = 30;
/// The group of the [paywall-line] phrases in [`Lists::paywall`]; the [paywall] ones are group 0.
const PAYWALL_LINE: usize = 1;
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
    let placeholder_runs: Vec<(char, usize)> = get("placeholder")
        .iter()
        .filter_map(|l| {
            let (c, n) = l.split_once(' ')?;
            Some((crate::normalise::fold(c.chars().next()?), n.trim().parse().ok()?))
        })
        .collect();
    let mut triggers = Box::new(CharSet::new(&OPEN_QUOTES));
    for c in CLOSE_QUOTES.into_iter().chain(placeholder_runs.iter().map(|r| r.0)).chain(['某']).chain('A'..='Z') {
        triggers.insert(c);
    }
    let letter_words = get("letter-words")
        .iter()
        .filter_map(|w| {
            let chars: Vec<char> = w.chars().map(|c| c.to_ascii_uppercase()).collect();
            let slot = chars.iter().position(|c| *c == '?' || c.is_ascii_alphabetic())?;
            Some((chars, slot))
        })
        .collect();
    Lists {
        // In the order of the group numbers.
        paywall: Phrases::grouped(&[(&get("paywall")[..], PAYWALL_GAP), (&get("paywall-line")[..], 0)], false),
        placeholder_runs,
        triggers,
        letter_words,
    }
}

pub fn check(doc: &Doc, findings: &mut Findings) {
    for line in &doc.lines {
        site_markers(doc, line.start, line.end, findings);
        placeholders(doc, line.start, line.end, findings);
    }
    paywall_phrases(doc, findings);
    duplicate_sentences(doc, findings);
}

fn site_markers(doc: &Doc, start: usize, end: usize, findings: &mut Findings) {
    // Most lines have no # at all: one plain search settles them.
    let Some(first) = doc.chars[start..end].iter().position(|&c| c == '#') else { return };
    let mut i = start + first;
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

/// Paywall phrases, both kinds read in one pass over the whole text: no phrase crosses a line break,
/// so this finds what a pass per line would, without the cost of a call per line.
fn paywall_phrases(doc: &Doc, findings: &mut Findings) {
    for h in LISTS.paywall.find(doc, Range { start: 0, end: doc.len() }) {
        let m = doc.slice(h.start, h.end);
        if h.group != PAYWALL_LINE {
            findings.add(&RESIDUE_PAYWALL_MARKER, h.start, h.end, format!("文档网站残留声明“{m}”，是从网上下载时带入的，正式材料中请删除。"));
        } else if fills_its_line(doc, h) {
            findings.add(&RESIDUE_PAYWALL_MARKER, h.start, h.end, format!("文档网站残留声明“{m}”单独成行，是从网上下载时带入的，正式材料中请删除。"));
        }
    }
}

/// At most [`LINE_EXTRA`] other content chars share the phrase's line.
fn fills_its_line(doc: &Doc, h: PhraseHit) -> bool {
    let line = doc.lines[doc.line_of(h.start)];
    let all = segment::content_len(doc, Range { start: line.start, end: line.end });
    let own = segment::content_len(doc, Range { start: h.start, end: h.end });
    all.saturating_sub(own) <= LINE_EXTRA
}

const OPEN_QUOTES: [char; 5] = ['“', '‘', '「', '『', '《'];
const CLOSE_QUOTES: [char; 5] = ['”', '’', '」', '』', '》'];

fn is_open_quote(c: char) -> bool {
    OPEN_QUOTES.contains(&c)
}

fn is_close_quote(c: char) -> bool {
    CLOSE_QUOTES.contains(&c)
}

fn placeholders(doc: &Doc, start: usize, end: usize, findings: &mut Findings) {
    let lists = &*LISTS;
    let mut depth = 0u32;
    let mut i = start;
    while i < end {
        // Nothing happens at almost every char (Han chars, digits, most punctuation): skip to the
        // next one where something may, with one bit test each.
        match doc.chars[i..end].iter().position(|&c| lists.triggers.may_contain(c)) {
            Some(n) => i += n,
            None => break,
        }
        let c = doc.chars[i];
        if is_open_quote(c) {
            depth += 1;
        } else if is_close_quote(c) {
            depth = depth.saturating_sub(1);
        }
        if let Some(&(_, min)) = lists.placeholder_runs.iter().find(|(p, _)| *p == c) {
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
/// once: every later occurrence is flagged, pointing back at the first. A run of sentences that repeats
/// a run of the text in the same order (a paragraph or a whole part pasted twice) is one finding over
/// the repeated passage, not one per sentence: the reviewer has one thing to delete.
fn duplicate_sentences(doc: &Doc, findings: &mut Findings) {
    // First occurrence of each sentence: its line (0-based) and its number among the sentences
    // compared, which tells whether two duplicates repeat neighbouring sentences.
    // Not sized up front: a text that repeats itself keeps few distinct sentences.
    let mut seen: FastMap<SentenceKey, (usize, usize)> = FastMap::default();
    let mut run: Option<Run> = None;
    // Sentences come in text order, so their lines are found by walking the lines along with them.
    let mut line = 0;
    let mut ordinal = 0;
    for &s in doc.sentences() {
        if !has_content_chars(doc, s, DUPLICATE_MIN_CHARS) {
            continue;
        }
        while doc.lines.get(line + 1).is_some_and(|l| l.start <= s.start) {
            line += 1;
        }
        let mut e = s.end;
        while e > s.start && (is_sentence_end(doc.chars[e - 1]) || matches!(doc.chars[e - 1], '，' | ',' | '、')) {
            e -= 1;
        }
        match seen.entry(SentenceKey::new(&doc.chars[s.start..e])) {
            Entry::Occupied(first) => {
                let (first_line, first_ordinal) = *first.get();
                match &mut run {
                    Some(r) if r.ordinal + 1 == ordinal && r.first_ordinal + 1 == first_ordinal => {
                        r.end = s.end;
                        r.ordinal = ordinal;
                        r.first_ordinal = first_ordinal;
                        r.sentences += 1;
                    }
                    _ => {
                        if let Some(r) = run.take() {
                            r.report(doc, findings);
                        }
                        run = Some(Run { start: s.start, quote_end: e, end: s.end, first_line, ordinal, first_ordinal, sentences: 1 });
                    }
                }
            }
            Entry::Vacant(v) => {
                v.insert((line, ordinal));
            }
        }
        ordinal += 1;
    }
    if let Some(r) = run {
        r.report(doc, findings);
    }
}

/// Later sentences that repeat earlier ones in the same order.
struct Run {
    start: usize,
    /// The end of the first sentence's words (without its punctuation), for the quote.
    quote_end: usize,
    end: usize,
    /// The line of the first occurrence of the first sentence (0-based).
    first_line: usize,
    /// The last sentence's number, and its first occurrence's.
    ordinal: usize,
    first_ordinal: usize,
    sentences: usize,
}

impl Run {
    fn report(&self, doc: &Doc, findings: &mut Findings) {
        let quote = doc.slice(self.start, self.quote_end.min(self.start + 20));
        let more = if self.quote_end - self.start > 20 { "…" } else { "" };
        let mut digits = [0; 20];
        let line = decimal(self.first_line + 1, &mut digits);
        // Built by concatenation: a text pasted in twice has many of these, and `format!` cost more
        // than finding the duplicates.
        let message = if self.sentences == 1 {
            concat(&["句子“", quote, more, "”与第", line, "行的句子完全相同，多为复制粘贴未删净，请删去或改写其中一处。"])
        } else {
            concat(&[
                "自“",
                quote,
                more,
                "”起连续",
                decimal(self.sentences, &mut [0; 20]),
                "句与第",
                line,
                "行起的内容逐句相同，多为整段复制粘贴未删净，请删去或改写其中一处。",
            ])
        };
        findings.add(&RESIDUE_DUPLICATE_SENTENCE, self.start, self.end, message);
    }
}

/// `n` in decimal, written into `buf` instead of a String of its own.
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut k = buf.len();
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[k..]).unwrap_or("")
}

/// The parts joined, with one allocation of the exact size.
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// Whether `r` holds at least `n` content chars; stops counting there.
pub fn has_content_chars(doc: &Doc, r: Range, n: usize) -> bool {
    // The common Han block first: `is_content` reaches it only after several other tests.
    let content = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || is_content(c);
    let end = r.end.min(doc.len());
    n == 0 || doc.chars[r.start.min(end)..end].iter().filter(|&&c| content(c)).nth(n - 1).is_some()
}

/// A sentence as a hash key: its chars with whitespace ignored. It borrows the text instead of
/// copying it into a String, and carries its hash, computed once.
struct SentenceKey<'a> {
    chars: &'a [char],
    hash: u64,
    /// Whether any char is whitespace: two keys without any compare as plain slices.
    spaced: bool,
}

impl<'a> SentenceKey<'a> {
    fn new(chars: &'a [char]) -> SentenceKey<'a> {
        // FxHash-style mixing per char, then a full avalanche so that every bit of the result depends on
        // every char (the table takes its bucket from the low bits).
        let mut h = 0u64;
        let mut spaced = false;
        for &c in chars {
            if is_space(c) {
                spaced = true;
                continue;
            }
            h = (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        SentenceKey { chars, hash: h, spaced }
    }

    fn text(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.iter().copied().filter(|&c| !is_space(c))
    }
}

impl PartialEq for SentenceKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && if self.spaced || other.spaced { self.text().eq(other.text()) } else { self.chars == other.chars }
    }
}

impl Eq for SentenceKey<'_> {}

impl Hash for SentenceKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// `char::is_whitespace`, without its table lookup for the Han chars most of a report is made of (no
/// whitespace char lies above U+3000).
fn is_space(c: char) -> bool {
    c <= '\u{3000}' && c.is_whitespace()
}


#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let d = Doc::new(text);
        let mut f = Findings::new();
        check(&d, &mut f);
        f.into_sorted().into_iter().map(|f| (f.rule.into_owned(), d.slice(f.start, f.end).to_string())).collect()
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
    fn a_passage_pasted_twice_is_one_finding() {
        let para = "坚持把纪律和规矩挺在前面。持续加强干部作风建设工作。全年召开专题会议十二次。";
        let text = format!("{para}\n另起一段说明有关情况。\n{para}\n坚持把纪律和规矩挺在前面。");
        let d = Doc::new(&text);
        let mut f = Findings::new();
        check(&d, &mut f);
        let v = f.into_sorted();
        assert_eq!(v.len(), 2, "{v:?}");
        // The second copy of the paragraph: one finding over its three sentences.
        assert_eq!(d.slice(v[0].start, v[0].end), para);
        assert!(v[0].message.contains("连续3句与第1行起"), "{}", v[0].message);
        // The last sentence repeats the first one again, on its own.
        assert_eq!(d.slice(v[1].start, v[1].end), "坚持把纪律和规矩挺在前面。");
        assert!(v[1].message.starts_with("句子“坚持把纪律和规矩挺在前面”与第1行"), "{}", v[1].message);
        // Repeats of sentences that are not neighbours in the first place stay separate.
        let shuffled = "坚持把纪律和规矩挺在前面。全年召开专题会议十二次。持续加强干部作风建设工作。\n坚持把纪律和规矩挺在前面。持续加强干部作风建设工作。";
        assert_eq!(spans(shuffled, "residue.duplicate-sentence").len(), 2);
    }

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 123, 4_000_000, usize::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
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
