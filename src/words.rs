//! Char-level word matching shared by the detectors: bitmap quick tests ([`CharSet`], [`PairBits`]),
//! word lists matched against `Doc::chars` ([`Words`]), phrases with gaps ([`Phrases`]) and a cheap
//! hasher for maps keyed by text ([`FastHasher`]).
//!
//! Why not a byte automaton (aho-corasick): on Han text every char is three bytes whose lead byte is
//! one of a few, so its prefilters rule out nothing, and the matches then need byte → char offsets.
//! Matching chars against a first-char bitmap rules out almost every position with one load.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::normalise::Doc;
use crate::segment::{is_sentence_end, Range};

/// An exact set of chars: a bitmap over the Basic Multilingual Plane, where the lexicons' chars live,
/// and a sorted list for anything above it. One load and a bit test per lookup, no hashing. Unlike
/// [`CharSet`], which may answer yes for a char it does not hold, its answers are final.
#[derive(Debug, Clone)]
pub struct CharBits {
    bmp: Box<[u64; 1024]>,
    astral: Vec<char>,
}

impl CharBits {
    #[inline(always)]
    pub fn contains(&self, c: &char) -> bool {
        let u = *c as usize;
        match self.bmp.get(u / 64) {
            Some(w) => w & (1 << (u % 64)) != 0,
            None => self.astral.binary_search(c).is_ok(),
        }
    }
}

impl FromIterator<char> for CharBits {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> CharBits {
        let mut bits = CharBits { bmp: Box::new([0; 1024]), astral: Vec::new() };
        for c in chars {
            let u = c as usize;
            if u < 0x10000 {
                bits.bmp[u / 64] |= 1 << (u % 64);
            } else {
                bits.astral.push(c);
            }
        }
        crate::order::by_key(&mut bits.astral, |&c| c as usize);
        bits.astral.dedup();
        bits
    }
}

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

/// A set of char pairs as a bitmap over a hash of the pair: like [`CharSet`], a quick test that may
/// answer yes for a pair it does not hold. `N` 64-bit words (a power of two): the default 65,536 bits
/// say yes wrongly about one time in a hundred for a few hundred pairs; the figures' small word lists
/// keep 4,096 bits inline (`PairBits<64>`), one cache line's worth of loads per test.
pub struct PairBits<const N: usize = 1024>([u64; N]);

impl<const N: usize> PairBits<N> {
    /// The hash's top bits, as many as index `N * 64` bits.
    const SHIFT: u32 = 64 - (N * 64).trailing_zeros();

    pub fn empty() -> PairBits<N> {
        PairBits([0; N])
    }

    pub fn new() -> Box<PairBits<N>> {
        Box::new(Self::empty())
    }

    #[inline(always)]
    fn bit(a: char, b: char) -> usize {
        // Multiplicative hashing: the top bits of the product depend on every bit of both chars.
        ((((a as u64) << 21) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> Self::SHIFT) as usize
    }

    pub fn insert(&mut self, a: char, b: char) {
        let k = Self::bit(a, b);
        self.0[k >> 6] |= 1 << (k & 63);
    }

    #[inline(always)]
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
        crate::order::by(&mut list, |(a, i), (b, j)| (low16(a[0]), a[0], b.len(), i).cmp(&(low16(b[0]), b[0], a.len(), j)));
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

    /// Every match inside `within`, overlapping ones too, by start then longest first:
    /// (start, end, index).
    pub fn all<'s>(&'s self, chars: &'s [char], within: Range) -> impl Iterator<Item = (usize, usize, usize)> + 's {
        let end = within.end.min(chars.len());
        self.candidates(chars, within.start, end).flat_map(move |i| self.at(chars, i, end).map(move |(k, n)| (i, i + n, k)))
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
        crate::order::by_key(&mut hits, |h| (h.group, h.start));
        let mut out: Vec<PhraseHit> = Vec::new();
        for together in hits.chunk_by(|a, b| a.group == b.group && a.start == b.start) {
            // The longest of those that start together (the first pattern on a tie).
            let Some(&h) = together.iter().min_by_key(|h| (std::cmp::Reverse(h.end), h.pattern)) else { continue };
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
    use crate::segment;

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
                let folded = d.folded();
                let at = |b| crate::normalise::char_of_byte(&folded, b);
                let want: Vec<(usize, usize)> = ac.find_iter(&folded).map(|m| (at(m.start()), at(m.end()))).collect();
                let got: Vec<(usize, usize)> =
                    ours.leftmost_longest(&d.chars, Range { start: 0, end: d.len() }).map(|m| (m.0, m.1)).collect();
                assert!(!want.is_empty());
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn char_bits_are_exact_inside_and_outside_the_bmp() {
        let set: CharBits = "、，两𠀀".chars().collect();
        for c in ['、', '，', '两', '𠀀'] {
            assert!(set.contains(&c), "{c}");
        }
        // Chars sharing low bits with members (U+1xxxx vs U+0xxxx) are not in the set.
        for c in ['\u{2000}', '𠀁', '𐀀', 'a', '三'] {
            assert!(!set.contains(&c), "{c}");
        }
    }

    /// `all` replaced an overlapping byte automaton in the figure checks: the same matches.
    #[test]
    fn all_matches_like_an_overlapping_automaton() {
        let words = ["农业", "农业农村", "农村", "村", "旅游业", "人均", "每"];
        let ours = Words::new(&words);
        let ac = aho_corasick::AhoCorasick::new(words).unwrap();
        for text in sample_texts() {
            let d = Doc::new(&text);
            let folded = d.folded();
            let at = |b| crate::normalise::char_of_byte(&folded, b);
            let mut want: Vec<(usize, usize, usize)> =
                ac.find_overlapping_iter(&folded).map(|m| (at(m.start()), at(m.end()), m.pattern().as_usize())).collect();
            let mut got: Vec<_> = ours.all(&d.chars, Range { start: 0, end: d.len() }).collect();
            want.sort_unstable();
            got.sort_unstable();
            assert!(!want.is_empty());
            assert_eq!(got, want);
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
}
