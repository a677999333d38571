//! Template and copy-paste residue: placeholders, document-site markers, duplicated sentences.

use std::collections::hash_map::{Entry, HashMap};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::LazyLock;

use crate::normalise::{is_content, is_han, Doc};
use crate::outline;
use crate::rules::{Findings, RESIDUE_DUPLICATE_SENTENCE, RESIDUE_PAYWALL_MARKER, RESIDUE_PLACEHOLDER};
use crate::segment::{self, is_sentence_end, Range};

/// A set of chars as a bitmap over the low 16 bits of each char: one load and one bit test, with no
/// branch to mispredict on varied text (a `matches!` over a dozen Han chars is a chain of them). Chars
/// beyond the BMP share bits with BMP chars, so the set may answer yes for a char it does not hold:
/// it is a quick test to run before the exact one.
pub struct CharSet([u64; 1024]);

impl CharSet {
    pub const fn new(chars: &[char]) -> CharSet {
        let mut bits = [0u64; 1024];
        let mut k = 0;
        while k < chars.len() {
            let b = chars[k] as usize & 0xFFFF;
            bits[b >> 6] |= 1 << (b & 63);
            k += 1;
        }
        CharSet(bits)
    }

    pub fn insert(&mut self, c: char) {
        let b = c as usize & 0xFFFF;
        self.0[b >> 6] |= 1 << (b & 63);
    }

    pub fn may_contain(&self, c: char) -> bool {
        let b = c as usize & 0xFFFF;
        self.0[b >> 6] >> (b & 63) & 1 == 1
    }
}

/// A set of char pairs as a bitmap over a 16-bit hash of the pair: like [`CharSet`], a quick test
/// that may answer yes for a pair it does not hold (about one in a hundred for a few hundred pairs).
pub struct PairBits([u64; 1024]);

impl PairBits {
    pub fn new() -> Box<PairBits> {
        Box::new(PairBits([0; 1024]))
    }

    fn bit(a: char, b: char) -> usize {
        // Multiplicative hashing: the top 16 bits of the product depend on every bit of both chars.
        ((((a as u64) << 21) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }

    pub fn insert(&mut self, a: char, b: char) {
        let k = Self::bit(a, b);
        self.0[k >> 6] |= 1 << (k & 63);
    }

    pub fn may_contain(&self, a: char, b: char) -> bool {
        let k = Self::bit(a, b);
        self.0[k >> 6] >> (k & 63) & 1 == 1
    }
}

/// Words matched char by char against `doc.chars`.
///
/// A bitmap of first chars rules out almost every position with one load, so a scan costs about a
/// nanosecond per char. A byte automaton over the UTF-8 text takes three steps for every Han char and
/// gets no help from its prefilters (every Han char starts with one of a few lead bytes), and a
/// `find` on each short slice pays its setup every time.
pub struct Words {
    /// The chars that start a word.
    first: Box<CharSet>,
    /// The first two chars of each word, when no word is a single char. Common chars start many
    /// words (农 starts 农业, 农村, 农产品…) but few pairs do, so this rules out most positions
    /// the first test lets through.
    pairs: Option<Box<PairBits>>,
    /// Per 64-bit word of `first`, how many bits are set before it: a bit's rank then takes one
    /// popcount, and it numbers the bit's slot.
    rank: Vec<u32>,
    /// Per slot, its words: `words[slots[r]..slots[r + 1]]`.
    slots: Vec<u32>,
    /// The words as chars with their index in the list, by slot, then first char, longest first.
    words: Vec<(Vec<char>, usize)>,
}

impl Words {
    /// Empty words are dropped: they would match everywhere.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Words {
        let mut first = Box::new(CharSet::new(&[]));
        let mut list: Vec<(Vec<char>, usize)> = Vec::new();
        for (k, w) in words.iter().enumerate() {
            let chars: Vec<char> = w.as_ref().chars().collect();
            if let Some(&c) = chars.first() {
                first.insert(c);
                list.push((chars, k));
            }
        }
        let pairs = list.iter().all(|(w, _)| w.len() >= 2).then(|| {
            let mut bits = PairBits::new();
            for (w, _) in &list {
                bits.insert(w[0], w[1]);
            }
            bits
        });
        let mut rank = Vec::with_capacity(first.0.len());
        let mut set = 0u32;
        for bits in first.0.iter() {
            rank.push(set);
            set += bits.count_ones();
        }
        let low16 = |c: char| c as u32 & 0xFFFF;
        list.sort_by_key(|(w, k)| (low16(w[0]), w[0], std::cmp::Reverse(w.len()), *k));
        let mut words = Words { first, pairs, rank, slots: vec![0; set as usize + 1], words: Vec::new() };
        for (w, _) in &list {
            if let Some(r) = words.slot(w[0]) {
                words.slots[r + 1] += 1;
            }
        }
        for r in 1..words.slots.len() {
            words.slots[r] += words.slots[r - 1];
        }
        words.words = list;
        words
    }

    /// The positions in `start..end` where a word may start (and end by `end`): the quick tests only.
    fn candidates<'s>(&'s self, chars: &'s [char], start: usize, end: usize) -> impl Iterator<Item = usize> + 's {
        let end = end.min(chars.len());
        let mut from = start.min(end);
        std::iter::from_fn(move || {
            loop {
                // A plain search over the slice for the first test makes the tightest loop.
                let i = from + chars[from..end].iter().position(|&c| self.first.may_contain(c))?;
                from = i + 1;
                let pair_ok = match &self.pairs {
                    Some(pairs) => i + 1 < end && pairs.may_contain(chars[i], chars[i + 1]),
                    None => true,
                };
                if pair_ok {
                    return Some(i);
                }
            }
        })
    }

    /// The slot of the words that may start with `c`.
    fn slot(&self, c: char) -> Option<usize> {
        let b = c as usize & 0xFFFF;
        let bits = self.first.0[b >> 6];
        let bit = b & 63;
        (bits >> bit & 1 == 1).then(|| self.rank[b >> 6] as usize + (bits & ((1u64 << bit) - 1)).count_ones() as usize)
    }

    /// The words that occur at `i` and end by `end`, longest first: (index, length in chars).
    pub fn at<'s>(&'s self, chars: &'s [char], i: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + 's {
        let (lo, hi) = match chars.get(i).and_then(|&c| self.slot(c)) {
            Some(r) => (self.slots[r] as usize, self.slots[r + 1] as usize),
            None => (0, 0),
        };
        let end = end.min(chars.len());
        // The second char settles almost every candidate before a slice compare does.
        let second = chars.get(i + 1).copied();
        self.words[lo..hi]
            .iter()
            .filter(move |(w, _)| i + w.len() <= end && w.get(1).map_or(true, |&c| Some(c) == second) && chars[i..i + w.len()] == w[..])
            .map(|(w, k)| (*k, w.len()))
    }

    /// Leftmost-longest matches inside `within`, never overlapping: (start, end, index).
    pub fn leftmost_longest<'s>(&'s self, chars: &'s [char], within: Range) -> impl Iterator<Item = (usize, usize, usize)> + 's {
        let end = within.end.min(chars.len());
        let mut from = within.start;
        std::iter::from_fn(move || {
            let (i, (k, n)) = self.candidates(chars, from, end).find_map(|i| Some((i, self.at(chars, i, end).next()?)))?;
            from = i + n;
            Some((i, i + n, k))
        })
    }
}

/// Phrases that may have gaps: `本文档由…提供` is the parts 本文档由 and 提供 with up to `gap` chars
/// between them, never across a line break (nor, when `same_sentence`, a sentence end).
///
/// The patterns may come in several groups, each with its own gap, found in one pass over the text
/// and kept apart: as if each group were a `Phrases` of its own.
pub struct Phrases {
    /// The first part of each pattern.
    firsts: Words,
    /// Per pattern, its parts after the first, its group and its group's gap.
    rest: Vec<Vec<Vec<char>>>,
    group: Vec<usize>,
    gap: Vec<usize>,
    same_sentence: bool,
}

/// A phrase found in the text: char span, the pattern's index and its group's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
    pub group: usize,
}

impl Phrases {
    pub fn new<S: AsRef<str>>(patterns: &[S], gap: usize, same_sentence: bool) -> Phrases {
        Phrases::grouped(&[(patterns, gap)], same_sentence)
    }

    /// Groups of patterns, each with its gap; a hit's `group` is the index of its group here.
    pub fn grouped<S: AsRef<str>>(groups: &[(&[S], usize)], same_sentence: bool) -> Phrases {
        let mut firsts = Vec::new();
        let mut rest = Vec::new();
        let (mut group, mut gap) = (Vec::new(), Vec::new());
        for (g, (patterns, g_gap)) in groups.iter().enumerate() {
            for p in patterns.iter() {
                // Patterns are matched against the folded text, so they are folded too (（可编辑） → (可编辑)).
                let folded: String = p.as_ref().chars().map(crate::normalise::fold).collect();
                let mut parts = folded.split('…').filter(|s| !s.is_empty());
                firsts.push(parts.next().unwrap_or_default().to_string());
                rest.push(parts.map(|s| s.chars().collect()).collect());
                group.push(g);
                gap.push(*g_gap);
            }
        }
        Phrases { firsts: Words::new(&firsts), rest, group, gap, same_sentence }
    }

    /// The matches that start at `i` and end by `end`, overlapping ones included: every occurrence of
    /// every first part gets its chance, so that 取得…成效 and 取得…成绩 both do.
    fn hits_at<'s>(&'s self, doc: &'s Doc, i: usize, end: usize) -> impl Iterator<Item = PhraseHit> + 's {
        self.firsts.at(&doc.chars, i, end).filter_map(move |(k, n)| {
            let mut e = i + n;
            for part in &self.rest[k] {
                e = self.find_part(doc, e, end, part, self.gap[k])?;
            }
            (e > i).then_some(PhraseHit { start: i, end: e, pattern: k, group: self.group[k] })
        })
    }

    /// `within` clamped to the text.
    fn bounds(doc: &Doc, within: Range) -> (usize, usize) {
        let end = within.end.min(doc.len());
        (within.start.min(end), end)
    }

    /// Matches inside `within`, group by group; in each group leftmost first, longest among those
    /// that start together, never overlapping.
    pub fn find(&self, doc: &Doc, within: Range) -> Vec<PhraseHit> {
        let (start, end) = Self::bounds(doc, within);
        let mut hits: Vec<PhraseHit> = Vec::new();
        for i in self.firsts.candidates(&doc.chars, start, end) {
            hits.extend(self.hits_at(doc, i, end));
        }
        hits.sort_by_key(|h| (h.group, h.start, std::cmp::Reverse(h.end), h.pattern));
        let mut out: Vec<PhraseHit> = Vec::new();
        for h in hits {
            if out.last().map_or(true, |l| l.group != h.group || h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }

    /// Whether anything matches inside `within`: [`Phrases::find`] is not empty.
    pub fn any(&self, doc: &Doc, within: Range) -> bool {
        let (start, end) = Self::bounds(doc, within);
        self.firsts.candidates(&doc.chars, start, end).any(|i| self.hits_at(doc, i, end).next().is_some())
    }

    /// End of `part` when it starts within `gap` chars of `from`.
    fn find_part(&self, doc: &Doc, from: usize, limit: usize, part: &[char], gap: usize) -> Option<usize> {
        let first = *part.first()?;
        let n = part.len();
        let mut i = from;
        while i < limit && i - from <= gap {
            let c = doc.chars[i];
            if c == '\n' || c == '\r' || (self.same_sentence && is_sentence_end(c)) {
                return None;
            }
            if c == first && i + n <= limit && doc.chars[i..i + n] == *part {
                return Some(i + n);
            }
            i += 1;
        }
        None
    }
}

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
/// once: every later occurrence is flagged, pointing back at the first.
fn duplicate_sentences(doc: &Doc, findings: &mut Findings) {
    // First occurrence of each sentence: its start and its line (0-based).
    let mut seen: FastMap<SentenceKey, (usize, usize)> = FastMap::default();
    // Sentences come in text order, so their lines are found by walking the lines along with them.
    let mut line = 0;
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
                let line = first.get().1 + 1;
                let quote = doc.slice(s.start, e.min(s.start + 20));
                let more = if e - s.start > 20 { "…" } else { "" };
                // Built by concatenation: a text pasted in twice has this finding in every other
                // sentence, and `format!` cost more than finding the duplicates.
                let message = concat(&[
                    "句子“",
                    quote,
                    more,
                    "”与第",
                    decimal(line, &mut [0; 20]),
                    "行的句子完全相同，多为复制粘贴未删净，请删去或改写其中一处。",
                ]);
                findings.add(&RESIDUE_DUPLICATE_SENTENCE, s.start, s.end, message);
            }
            Entry::Vacant(v) => {
                v.insert((s.start, line));
            }
        }
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

/// Multiplicative hashing (as in FxHash) for the maps and sets of the checks: their keys are a
/// text's own sentences, chars and positions, not chosen to collide, and SipHash, the default, cost
/// more than all the work around it.
#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The low bits of a product depend only on the low bits of what was added last, and hash
        // tables take their buckets from the low bits: rotate the well-mixed high bits down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

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

    /// Texts to match word lists against: the fixtures, and a line built to make matches overlap.
    fn sample_texts() -> Vec<String> {
        vec![
            include_str!("../tests/fixtures/gaps-gov.txt").to_string(),
            include_str!("../tests/fixtures/gaps-shuzhi.txt").to_string(),
            include_str!("../tests/fixtures/gaps-missing.txt").to_string(),
            "农业农村农民增收乡村旅游业农业农村工作，𠀀农村、农产品加工；".repeat(3),
        ]
    }

    /// `Words` replaced a byte automaton: its leftmost-longest matches must be the automaton's.
    #[test]
    fn words_match_like_a_leftmost_longest_automaton() {
        let lists = [
            include_str!("../data/gap-topics.txt"),
            include_str!("../data/gap-stopwords.txt"),
        ];
        for list in lists {
            let words: Vec<&str> = list
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .flat_map(|l| l.split_whitespace().map(|w| w.trim_start_matches('~')))
                .collect();
            let ours = Words::new(&words);
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&words)
                .unwrap();
            for text in sample_texts() {
                let d = Doc::new(&text);
                let want: Vec<(usize, usize)> =
                    ac.find_iter(&d.norm).map(|m| (d.char_of_norm_byte(m.start()), d.char_of_norm_byte(m.end()))).collect();
                let got: Vec<(usize, usize)> =
                    ours.leftmost_longest(&d.chars, Range { start: 0, end: d.len() }).map(|m| (m.0, m.1)).collect();
                assert!(!want.is_empty());
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn words_longest_first_and_single_chars() {
        let w = Words::new(&["农业", "农业农村", "的", "农"]);
        let chars: Vec<char> = "农业农村的".chars().collect();
        assert_eq!(w.at(&chars, 0, chars.len()).collect::<Vec<_>>(), [(1, 4), (0, 2), (3, 1)]);
        assert_eq!(w.at(&chars, 0, 3).collect::<Vec<_>>(), [(0, 2), (3, 1)], "words end by `end`");
        let all: Vec<_> = w.leftmost_longest(&chars, Range { start: 0, end: chars.len() }).collect();
        assert_eq!(all, [(0, 4, 1), (4, 5, 2)]);
        assert!(Words::new(&[""; 3]).leftmost_longest(&chars, Range { start: 0, end: 5 }).next().is_none());
    }

    #[test]
    fn phrase_groups_resolve_overlaps_apart() {
        // 本文档仅供 (group 0) and 仅供参考 (group 1) overlap: each group keeps its own.
        let p = Phrases::grouped(&[(&["本文档仅供", "文档"][..], 0), (&["仅供参考"][..], 0)], false);
        let d = Doc::new("本文档仅供参考");
        let hits: Vec<(usize, &str)> = p.find(&d, Range { start: 0, end: d.len() }).iter().map(|h| (h.group, d.slice(h.start, h.end))).collect();
        assert_eq!(hits, [(0, "本文档仅供"), (1, "仅供参考")]);
        assert!(p.any(&d, Range { start: 3, end: d.len() }));
        assert!(!p.any(&d, Range { start: 4, end: d.len() }), "仅供参考 does not fit");
    }

    #[test]
    fn any_agrees_with_find() {
        let p = Phrases::new(&["取得…成效", "存在…问题", "明显提升", "下一步"], 8, true);
        let mut hits = 0;
        for text in sample_texts() {
            let d = Doc::new(&text);
            for s in segment::sentences(&d, Range { start: 0, end: d.len() }) {
                let found = !p.find(&d, s).is_empty();
                assert_eq!(p.any(&d, s), found, "{}", d.slice(s.start, s.end));
                hits += found as usize;
            }
        }
        assert!(hits > 0);
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
