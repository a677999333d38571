//! Slogans: formulations (提法), quoted formulas, 排比 lists and filler.
//!
//! Four detectors run over the folded text, each linear in its length, and their spans are then
//! merged by priority (formula > quoted > parallel > intensifier):
//! - **formula** — names and aliases of `data/formulas.tsv` found by one leftmost-longest automaton;
//!   lists that spell out most items of one formulation (政治判断力、政治领悟力、政治执行力 → 政治三力);
//!   quoted numbered names that are not in the lexicon (“四个一”).
//! - **quoted** — other short quoted phrases (“躺平”).
//! - **parallel** — 排比: three or more short items in one sentence that share a frame.
//! - **intensifier** — the filler words of `data/intensifiers.txt`.
//!
//! Spans never overlap, except that a formula or an intensifier may sit inside a parallel list. Spans
//! exclude the quotation marks around a quoted phrase.

use std::borrow::Cow;

use compact_str::CompactString;
use std::sync::LazyLock;

use crate::lexicon::{Formula, Grammar, WordSet, GRAMMAR, INTENSIFIERS, LEXICON};
use crate::normalise::{is_han, Doc};
use crate::report::{Slogan, SloganKind};
use crate::segment::{self, Range};

/// Items of a 排比 list are short phrases; longer pieces are clauses, not list items.
pub const MAX_ITEM_CHARS: usize = 8;
/// Quoted phrases longer than this are quoted speech, not slogans.
pub const MAX_QUOTED_CHARS: usize = 16;
/// A spelled-out formulation never runs longer than this; longer windows are ordinary prose.
const MAX_LIST_CHARS: usize = 400;
/// Name of the frame of a 排比 made of three-char verb–object items with nothing shared.
const SHAPELESS_FRAME: &str = "三字动宾";

/// A detected span before it becomes a [`Slogan`].
#[derive(Debug, Clone, PartialEq)]
struct Span {
    start: usize,
    end: usize,
    kind: SloganKind,
    name: Name,
}

/// What a span is called in the report. Kept symbolic until the overlaps are resolved, so that only
/// the spans that are reported allocate their name.
#[derive(Debug, Clone, PartialEq)]
enum Name {
    /// The formulation `LEXICON.formulas[i]`.
    Formula(usize),
    /// The intensifier `INTENSIFIERS.words[i]`.
    Intensifier(usize),
    /// The span's own text (a quoted phrase).
    Written,
    /// The frame a 排比 list shares.
    Frame(Frame),
}

impl Span {
    fn new(start: usize, end: usize, kind: SloganKind, name: Name) -> Span {
        Span { start, end, kind, name }
    }

    fn into_slogan(self, doc: &Doc) -> Slogan {
        let text = CompactString::from(doc.slice(self.start, self.end));
        let name = match self.name {
            Name::Formula(i) => Cow::Borrowed(LazyLock::force(&LEXICON).formulas[i].name.as_str()),
            Name::Intensifier(i) => Cow::Borrowed(LazyLock::force(&INTENSIFIERS).words[i].as_str()),
            Name::Written => Cow::Owned(text.to_string()),
            Name::Frame(f) => Cow::Owned(f.name(&doc.chars)),
        };
        Slogan { start: self.start, end: self.end, text, kind: self.kind, name }
    }
}

/// All slogans of the text, sorted by start (a containing parallel list before what it contains).
pub fn detect(doc: &Doc) -> Vec<Slogan> {
    let sentences = doc.sentences();
    let starts = ANY_WORD.starts(&doc.chars);
    let lists = spelled_lists(doc, sentences, &starts);
    let names = lexicon_names(doc, &starts);
    let (numbered, quoted) = quoted_phrases(doc);
    let parallel = parallels(doc, sentences);
    let fillers = intensifiers(doc, &starts);
    let spans = resolve(lists, names, numbered, quoted, parallel, fillers);
    spans.into_iter().map(|s| s.into_slogan(doc)).collect()
}

/// Every name, item and intensifier: one pass over the text finds where any of them may start,
/// and the three searches visit only those positions.
static ANY_WORD: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::union(&[&LEXICON.names, &LEXICON.items, &INTENSIFIERS.set]));

// ---------------------------------------------------------------------------------------------
// Shared char helpers

#[cfg(test)]
pub(crate) fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Whether two char slices are equal. A plain loop: the slices compared here are words of a few
/// chars, and `==` on `[char]` calls `memcmp`, which costs more than the comparison itself.
#[inline]
pub(crate) fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Index of the first char of `s` for which `hit` holds. Tests sixteen chars at a time without
/// branching, which the compiler turns into vector code: the chars looked for (quotes, 、) are rare,
/// and a branch per char costs more than the test.
#[inline]
fn find_char(s: &[char], hit: impl Fn(char) -> bool) -> Option<usize> {
    let mut base = 0;
    for chunk in s.chunks(16) {
        if chunk.iter().fold(false, |any, &c| any | hit(c)) {
            return chunk.iter().position(|&c| hit(c)).map(|k| base + k);
        }
        base += chunk.len();
    }
    None
}

#[inline]
pub(crate) fn starts_with_at(text: &[char], i: usize, w: &[char]) -> bool {
    !w.is_empty() && text.get(i..i + w.len()).is_some_and(|t| same(t, w))
}

fn find_from(text: &[char], from: usize, to: usize, w: &[char]) -> Option<usize> {
    let to = to.min(text.len());
    if w.is_empty() || to < w.len() {
        return None;
    }
    (from..=to - w.len()).find(|&i| text[i] == w[0] && same(&text[i..i + w.len()], w))
}

/// Whether `text[s..e]` is part of one of the longer words `not_in` (两重 in 两重性).
pub(crate) fn inside_longer_word(text: &[char], s: usize, e: usize, not_in: &[Vec<char>]) -> bool {
    let m = &text[s..e];
    not_in.iter().any(|w| {
        (0..w.len().saturating_sub(m.len()) + 1).any(|k| {
            w.get(k..k + m.len()).is_some_and(|x| same(x, m))
                && s >= k
                && text.get(s - k..s - k + w.len()).is_some_and(|t| same(t, w))
        })
    })
}

/// Length of the connector word (和, 及, 以及…) at `i`, unless it belongs to a word like 和谐.
pub(crate) fn connector_at(text: &[char], i: usize, g: &Grammar) -> Option<usize> {
    if !text.get(i).is_some_and(|c| g.connector_firsts.contains(c)) {
        return None;
    }
    g.connectors
        .iter()
        .find(|c| starts_with_at(text, i, c))
        .filter(|c| !inside_longer_word(text, i, i + c.len(), &g.not_connectors))
        .map(|c| c.len())
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Han chars only, no numeral followed by a classifier (十次): the stuff list items are made of.
fn is_wordy(text: &[char], g: &Grammar) -> bool {
    !text.is_empty()
        && text.iter().all(|&c| is_han(c))
        && !text.windows(2).any(|w| g.numerals.contains(&w[0]) && g.classifiers.contains(&w[1]))
}

fn trim_range(text: &[char], mut r: Range) -> Range {
    let junk = |c: char| {
        // Most chars are Han, never junk: answer for them before the Unicode whitespace table.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return false;
        }
        c.is_whitespace()
            || segment::is_sentence_end(c)
            || matches!(c, '“' | '”' | '‘' | '’' | '(' | ')' | '《' | '》' | '「' | '」')
    };
    while r.start < r.end && junk(text[r.start]) {
        r.start += 1;
    }
    while r.end > r.start && junk(text[r.end - 1]) {
        r.end -= 1;
    }
    r
}

/// Splits `r` on the chars for which `cut` holds, trimming each part, into `out` (cleared first: the
/// callers reuse one buffer). Empty parts are kept so that positions stay meaningful (two
/// separators in a row mean an empty item).
fn split_into(text: &[char], r: Range, cut: impl Fn(char) -> bool, out: &mut Vec<Range>) {
    out.clear();
    let mut start = r.start;
    for i in r.start..r.end {
        if cut(text[i]) {
            out.push(trim_range(text, Range { start, end: i }));
            start = i + 1;
        }
    }
    out.push(trim_range(text, Range { start, end: r.end }));
}

// ---------------------------------------------------------------------------------------------
// Formulas from the lexicon

/// A numbered name (两重) glued to a preceding numeral (十两重…) is part of a number, not the name.
fn continues_a_number(text: &[char], s: usize, g: &Grammar) -> bool {
    let first_is_numeral = text.get(s).is_some_and(|c| g.numerals.contains(c));
    first_is_numeral && s > 0 && (g.numerals.contains(&text[s - 1]) || is_digit(text[s - 1]))
}

/// Names and aliases of the lexicon; `starts` holds every position where one may start.
fn lexicon_names(doc: &Doc, starts: &[u32]) -> Vec<Span> {
    let lex = &*LEXICON;
    let g = &*GRAMMAR;
    let text = &doc.chars;
    let mut out = Vec::new();
    // A rejected name lets a shorter one start at the next char; an accepted one hides the text it
    // covers.
    let mut next = 0;
    for &s in starts {
        let s = s as usize;
        if s < next {
            continue;
        }
        let Some((w, len)) = lex.names.longest_at(text, s) else { continue };
        let e = s + len;
        let fi = lex.name_owner[w];
        if !inside_longer_word(text, s, e, &lex.formulas[fi].not_in_chars) && !continues_a_number(text, s, g) {
            out.push(Span::new(s, e, SloganKind::Formula, Name::Formula(fi)));
            next = e;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Comparing a written list with a formulation's items

/// How a written item was matched to a canonical one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// An accepted variant appears in the written item (坚定道路自信 → 道路自信).
    Exact,
    /// A factored form: the written item is the head or tail of a variant (道路、理论、制度、文化自信).
    Abbrev,
    /// One char off from the canonical item (政治领导力 for 政治领悟力).
    Misworded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the canonical item.
    pub item: usize,
    pub start: usize,
    pub end: usize,
    pub kind: HitKind,
}

/// A written list compared with a formulation's canonical items.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// In text order; each canonical item at most once.
    pub hits: Vec<Hit>,
    /// Written pieces that match no item.
    pub extras: Vec<Range>,
    /// The list ends with 等: it does not claim to be complete.
    pub etc: bool,
}

impl Comparison {
    /// Canonical items with no hit, in canonical order.
    pub fn missing<'a>(&'a self, f: &Formula) -> impl Iterator<Item = usize> + 'a {
        (0..f.items.len()).filter(|&k| !self.hits.iter().any(|h| h.item == k))
    }
    /// Items matched exactly or in factored form.
    pub fn sure(&self) -> usize {
        self.hits.iter().filter(|h| h.kind != HitKind::Misworded).count()
    }
    pub fn misworded(&self) -> impl Iterator<Item = &Hit> {
        self.hits.iter().filter(|h| h.kind == HitKind::Misworded)
    }
    /// Whether the items appear out of the canonical order.
    pub fn out_of_order(&self, f: &Formula) -> bool {
        f.ordered && self.hits.windows(2).any(|w| w[0].item > w[1].item)
    }
    /// From the first hit to the last.
    pub fn hit_range(&self) -> Option<Range> {
        let start = self.hits.iter().map(|h| h.start).min()?;
        let end = self.hits.iter().map(|h| h.end).max()?;
        Some(Range { start, end })
    }
}

/// Longest common subsequence length of two short strings (the rows live on the stack for strings
/// up to [`LCS_STACK`] chars, which is every item of the lexicon).
fn lcs(a: &[char], b: &[char]) -> usize {
    if b.len() >= LCS_STACK {
        return lcs_rows(a, b, &mut vec![0; b.len() + 1], &mut vec![0; b.len() + 1]);
    }
    let (mut prev, mut cur) = ([0u16; LCS_STACK], [0u16; LCS_STACK]);
    lcs_rows(a, b, &mut prev[..b.len() + 1], &mut cur[..b.len() + 1])
}

const LCS_STACK: usize = 64;

fn lcs_rows<'a>(a: &[char], b: &[char], mut prev: &'a mut [u16], mut cur: &'a mut [u16]) -> usize {
    prev.fill(0);
    cur.fill(0);
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j].saturating_add(1) } else { prev[j].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// The best window of `piece` that is one char away from `canon` (a substitution, an insertion or a
/// deletion), as (start, end); windows are the whole piece or its head or tail.
/// `present` holds the chars of a region containing the piece.
fn near_miss(text: &[char], piece: Range, canon: &[char], present: &CharBloom) -> Option<Range> {
    let n = canon.len();
    if n < 3 || piece.len() > n + 6 {
        return None;
    }
    // Cheap tests first: a near miss shares all but one of the canonical chars, so the region
    // holds them, and so does the piece.
    if canon.iter().filter(|&&c| present.may_contain(c)).count() + 1 < n {
        return None;
    }
    let p = &text[piece.start..piece.end];
    if canon.iter().filter(|c| p.contains(c)).count() + 1 < n {
        return None;
    }
    let heads_and_tails = (n.saturating_sub(1)..=n + 1).filter(|&len| len > 0 && len < piece.len()).flat_map(|len| {
        [Range { start: piece.start, end: piece.start + len }, Range { start: piece.end - len, end: piece.end }]
    });
    std::iter::once(piece)
        .chain(heads_and_tails)
        .filter(|w| w.len() + 1 >= n && w.len() <= n + 1)
        .filter(|w| lcs(&text[w.start..w.end], canon) + 1 >= n.max(w.len()))
        .min_by_key(|w| (w.len().abs_diff(n), w.start))
}

/// Whether a one- or two-char item ends where a list item ends (创新、 / 创新发展), not inside a
/// longer word (农民工).
fn short_item_ends_well(text: &[char], e: usize, region_end: usize, g: &Grammar) -> bool {
    if e >= region_end {
        return true;
    }
    let c = text[e];
    g.separators.contains(&c)
        || g.closers.contains(&c)
        || matches!(c, '”' | '’' | ')' | '」')
        || connector_at(text, e, g).is_some()
        || g.short_item_followers.iter().chain(&g.etc).any(|w| starts_with_at(text, e, w))
}

/// Compares the written list in `region` with the items of `f`.
pub fn compare(text: &[char], region: Range, f: &Formula) -> Comparison {
    let mut cmp = Comparison::default();
    compare_into(text, region, f, &mut cmp);
    cmp
}

/// [`compare`] into a comparison whose vectors are reused (what was in it is dropped).
pub fn compare_into(text: &[char], region: Range, f: &Formula, cmp: &mut Comparison) {
    let g = &*GRAMMAR;
    let region = Range { start: region.start.min(text.len()), end: region.end.min(text.len()) };
    cmp.hits.clear();
    cmp.extras.clear();
    cmp.etc = false;
    if region.is_empty() || f.items.is_empty() {
        return;
    }
    // Items already matched, as a bitmask: a formulation has at most `lexicon::MAX_ITEMS` items.
    let mut hit_items: u64 = 0;
    let present = CharBloom::of(&text[region.start..region.end]);

    // Exact variants, longest first over all items, so that a long variant claims its text first.
    for &(k, vi) in &f.longest_first {
        if hit_items & 1 << k != 0 {
            continue;
        }
        let v = &f.item_chars[k][vi];
        if !present.may_contain_all(v) {
            continue;
        }
        let mut from = region.start;
        while let Some(p) = find_from(text, from, region.end, v) {
            let e = p + v.len();
            if !overlaps_hit(&cmp.hits, p, e) && (v.len() > 2 || short_item_ends_well(text, e, region.end, g)) {
                hit_items |= 1 << k;
                cmp.hits.push(Hit { item: k, start: p, end: e, kind: HitKind::Exact });
                break;
            }
            from = p + 1;
        }
    }
    let exact = cmp.hits.len();

    // Written pieces that no variant touched: factored forms, near misses, or extras.
    for piece in list_pieces(text, region, g) {
        // 等 closing a piece, unless an item ends with it (平等 in 社会主义核心价值观).
        let piece = if overlaps_hit(&cmp.hits[..exact], piece.end - 1, piece.end) {
            piece
        } else if let Some(p) = strip_etc(text, piece, g, &mut cmp.etc) {
            p
        } else {
            continue;
        };
        if overlaps_hit(&cmp.hits[..exact], piece.start, piece.end) {
            continue;
        }
        if let Some((k, r)) = factored(text, piece, f, hit_items) {
            hit_items |= 1 << k;
            cmp.hits.push(Hit { item: k, start: r.start, end: r.end, kind: HitKind::Abbrev });
            continue;
        }
        let near = (0..f.items.len())
            .filter(|&k| hit_items & 1 << k == 0)
            .find_map(|k| near_miss(text, piece, &f.item_chars[k][0], &present).map(|w| (k, w)));
        match near {
            Some((k, w)) => {
                hit_items |= 1 << k;
                cmp.hits.push(Hit { item: k, start: w.start, end: w.end, kind: HitKind::Misworded });
            }
            None => cmp.extras.push(piece),
        }
    }
    crate::order::by_key(&mut cmp.hits, |h| (h.start, h.end));
}

/// The chars of a stretch of text as a 1024-bit set (a char may share its bit with others): most of
/// a formulation's variants are absent from a list, and one char missing from the set shows it
/// without searching the text.
struct CharBloom([u64; 16]);

impl CharBloom {
    fn of(chars: &[char]) -> CharBloom {
        let mut bits = [0u64; 16];
        for &c in chars {
            let b = Self::bit(c);
            bits[b >> 6] |= 1 << (b & 63);
        }
        CharBloom(bits)
    }

    #[inline]
    fn bit(c: char) -> usize {
        ((c as u32).wrapping_mul(0x9E37_79B1) >> 22) as usize
    }

    #[inline]
    fn may_contain(&self, c: char) -> bool {
        let b = Self::bit(c);
        self.0[b >> 6] & (1 << (b & 63)) != 0
    }

    fn may_contain_all(&self, w: &[char]) -> bool {
        w.iter().all(|&c| self.may_contain(c))
    }
}

/// Whether `[s, e)` overlaps one of `hits`: the text the exact variants have claimed (a handful of
/// hits, cheaper to scan than a per-char map of the region).
fn overlaps_hit(hits: &[Hit], s: usize, e: usize) -> bool {
    hits.iter().any(|h| h.start < e && s < h.end)
}

/// A factored item in `piece`: the piece is the head or the tail of a variant of an item not yet
/// found (道路 of 道路自信, 领悟力 of 政治领悟力), or ends with such a head after the words that open
/// the list (增强道路). Returns the item and the written range.
fn factored(text: &[char], piece: Range, f: &Formula, hit: u64) -> Option<(usize, Range)> {
    let p = &text[piece.start..piece.end];
    let open = (0..f.items.len()).filter(|&k| hit & 1 << k == 0);
    let whole = open.clone().find(|&k| {
        p.len() >= 2
            && f.item_chars[k]
                .iter()
                .any(|v| v.len() > p.len() && (same(&v[..p.len()], p) || same(&v[v.len() - p.len()..], p)))
    });
    if let Some(k) = whole {
        return Some((k, piece));
    }
    // The longest tail of the piece that opens a variant (and is shorter than the variant) — only
    // for a piece that more of the list follows: a list does not end with a head.
    let g = &*GRAMMAR;
    let followed = text.get(piece.end).is_some_and(|c| g.separators.contains(c)) || connector_at(text, piece.end, g).is_some();
    if !followed {
        return None;
    }
    let longest = f.item_chars.iter().flatten().map(Vec::len).max().unwrap_or(0);
    (2..p.len().min(longest)).rev().find_map(|len| {
        let tail = &p[p.len() - len..];
        open.clone()
            .find(|&k| f.item_chars[k].iter().any(|v| v.len() > len && same(&v[..len], tail)))
            .map(|k| (k, Range { start: piece.end - len, end: piece.end }))
    })
}

/// Pieces of a list: split on separators and connectors, trimmed, non-empty.
pub(crate) fn list_pieces<'a>(text: &'a [char], region: Range, g: &'a Grammar) -> impl Iterator<Item = Range> + 'a {
    let mut start = region.start;
    let mut i = region.start;
    let mut done = false;
    let next_piece = move || {
        while i < region.end {
            let sep = g.separators.contains(&text[i]);
            let cut = if sep { Some(1) } else { connector_at(text, i, g) };
            match cut {
                Some(len) if i > start || sep => {
                    let piece = Range { start, end: i };
                    i = (i + len).min(region.end);
                    start = i;
                    return Some(trim_range(text, piece));
                }
                _ => i += 1,
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(trim_range(text, Range { start, end: region.end }))
    };
    std::iter::from_fn(next_piece).filter(|r| !r.is_empty())
}

/// The piece without a trailing 等 (after at least two chars: 平等 is a word); `None` when nothing
/// is left.
fn strip_etc(text: &[char], mut piece: Range, g: &Grammar, etc: &mut bool) -> Option<Range> {
    for w in &g.etc {
        if piece.len() >= w.len() + 2 && text[piece.end - w.len()..piece.end] == w[..] {
            piece.end -= w.len();
            *etc = true;
            break;
        }
    }
    let piece = trim_range(text, piece);
    (!piece.is_empty()).then_some(piece)
}

// ---------------------------------------------------------------------------------------------
// Formulas spelled out as lists, without their name

/// One maximal run of a formulation's items in a sentence.
struct Candidate {
    formula: usize,
    span: Range,
    sure: usize,
}

/// The fewest items a bare list needs to count as the formulation (see [`is_spelled_formula`]).
fn min_list_items(n: usize) -> usize {
    if n <= 2 {
        n
    } else {
        n.min(3.max((2 * n).div_ceil(3)))
    }
}

/// Whether a nameless list is (most of) the formulation: every item, with at most one of them one
/// char off; or at least three items and two thirds of them. A list that shares two words with an
/// entry is not enough.
pub fn is_spelled_formula(cmp: &Comparison, f: &Formula) -> bool {
    let n = f.items.len();
    let sure = cmp.sure();
    let near = cmp.misworded().count();
    let complete = if n == 2 { sure == 2 } else { sure + near == n && sure + 1 >= n && near <= 1 };
    complete || (sure >= 3 && 3 * sure >= 2 * n)
}

fn spelled_lists(doc: &Doc, sentences: &[Range], starts: &[u32]) -> Vec<Span> {
    let lex = &*LEXICON;
    let text = &doc.chars;
    // (start, end, pattern) of every item variant, in text order.
    let matches: Vec<(usize, usize, usize)> = lex.items.find_iter_at(text, starts).collect();
    let mut candidates = Vec::new();
    let mut scratch = ListScratch::default();
    let mut next = 0;
    for sentence in sentences {
        while next < matches.len() && matches[next].0 < sentence.start {
            next += 1;
        }
        let first = next;
        while next < matches.len() && matches[next].1 <= sentence.end {
            next += 1;
        }
        if next > first {
            sentence_lists(text, *sentence, &matches[first..next], &mut scratch, &mut candidates);
        }
    }
    // Where two formulations claim the same list (三保 and 六保 share 保基本民生), the one with more
    // items wins.
    crate::order::by_key(&mut candidates, |c| (usize::MAX - c.sure, c.span.start));
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Span> = Vec::new();
    for c in candidates {
        // Kept spans are disjoint, so only the one starting last before this end can overlap it.
        let clash = taken.range(..c.span.end).next_back().is_some_and(|(_, &end)| end > c.span.start);
        if !clash {
            taken.insert(c.span.start, c.span.end);
            kept.push(Span::new(c.span.start, c.span.end, SloganKind::Formula, Name::Formula(c.formula)));
        }
    }
    crate::order::by_key(&mut kept, |s| s.start);
    kept
}

/// Buffers reused from sentence to sentence by [`sentence_lists`], so that the sentences with an
/// item (a good part of a report) do not each allocate their own.
#[derive(Default)]
struct ListScratch {
    pieces: Vec<Range>,
    formulas: Vec<usize>,
    /// (first piece, last piece, item) of each item of one formulation.
    owned: Vec<(usize, usize, usize)>,
    cmp: Comparison,
}

/// The lists of one sentence that spell out a formulation, added to `out`.
fn sentence_lists(
    text: &[char],
    sentence: Range,
    matches: &[(usize, usize, usize)],
    scratch: &mut ListScratch,
    out: &mut Vec<Candidate>,
) {
    let lex = &*LEXICON;
    let g = &*GRAMMAR;
    let ListScratch { pieces, formulas, owned, cmp } = scratch;
    split_into(text, sentence, |c| g.separators.contains(&c), pieces);
    let pieces = &*pieces;
    let piece_of = |pos: usize| pieces.partition_point(|p| p.end <= pos).min(pieces.len().saturating_sub(1));
    formulas.clear();
    formulas.extend(matches.iter().flat_map(|m| lex.item_owners[m.2].iter().map(|&(f, _)| f)));
    crate::order::by_key(formulas, |&f| f);
    formulas.dedup();

    for &fi in formulas.iter() {
        let f = &lex.formulas[fi];
        // (first piece, last piece) of each item of this formulation: a variant may itself contain
        // a separator (毫不动摇鼓励、支持、引导非公有制经济发展) and so span several pieces.
        owned.clear();
        owned.extend(matches.iter().filter_map(|m| {
            let &(_, k) = lex.item_owners[m.2].iter().find(|&&(o, _)| o == fi)?;
            Some((piece_of(m.0), piece_of(m.1.saturating_sub(1).max(m.0)), k))
        }));
        let owned = &*owned;
        // Whether a piece is where an item starts (`owned` is in text order).
        let is_start = |p: usize| owned.binary_search_by_key(&p, |o| o.0).is_ok();
        // Windows of pieces holding items, allowing one piece between two of them (a misworded item).
        let mut w = 0;
        while w < owned.len() {
            let mut last = w;
            let mut p1 = owned[w].1;
            while last + 1 < owned.len() && owned[last + 1].0 <= p1 + 2 {
                last += 1;
                p1 = p1.max(owned[last].1);
            }
            let p0 = owned[w].0;
            // Short pieces around the window may hold factored (道路、理论、制度、文化自信) or
            // misworded items; borrow up to n-1 of them on each side, never one of another window.
            let borrowable = |p: usize| pieces[p].len() <= MAX_ITEM_CHARS + 4 && !is_start(p);
            let reach = f.items.len().saturating_sub(1);
            let mut lo = p0;
            while lo > 0 && p0 - lo < reach && borrowable(lo - 1) {
                lo -= 1;
            }
            let mut hi = p1;
            while hi + 1 < pieces.len() && hi - p1 < reach && borrowable(hi + 1) {
                hi += 1;
            }
            let region = Range { start: pieces[lo].start, end: pieces[hi].end };
            // Each piece without an item can add at most one (factored or misworded): skip windows
            // that could not reach a list even so, which is most single-word mentions.
            let items = owned[w..=last].iter().fold(0u64, |m, o| m | 1 << o.2).count_ones() as usize;
            let spare = (lo..=hi).filter(|&p| !is_start(p)).count();
            if items + spare >= min_list_items(f.items.len()) && region.len() <= MAX_LIST_CHARS {
                out.extend(spelled_candidate(text, region, fi, f, cmp));
            }
            w = last + 1;
        }
    }
}

fn spelled_candidate(text: &[char], region: Range, fi: usize, f: &Formula, cmp: &mut Comparison) -> Option<Candidate> {
    compare_into(text, region, f, cmp);
    keep_chained_hits(text, cmp);
    if !is_spelled_formula(cmp, f) {
        return None;
    }
    let span = cmp.hit_range()?;
    Some(Candidate { formula: fi, span, sure: cmp.sure() })
}

/// Keeps the exact hits and the factored or misworded hits chained to them: a hit joins the list
/// when nothing but one separator or connector lies between it and a hit already in it. Borrowed
/// pieces that are not chained this way are the sentence's own words, not list items.
pub fn keep_chained_hits(text: &[char], cmp: &mut Comparison) {
    let g = &*GRAMMAR;
    let joined = |a: &Hit, b: &Hit| {
        let (l, r) = if a.end <= b.start { (a, b) } else { (b, a) };
        let gap = &text[l.end.min(r.start)..r.start];
        gap.is_empty()
            || (gap.len() == 1 && g.separators.contains(&gap[0]))
            || connector_at(text, l.end, g).is_some_and(|len| len == gap.len())
    };
    // A bit per hit: each item has at most one hit, and a formulation at most 64 items.
    debug_assert!(cmp.hits.len() <= 64);
    let bit = |i: usize| 1u64 << (i % 64);
    let mut keep = cmp.hits.iter().enumerate().filter(|(_, h)| h.kind == HitKind::Exact).fold(0u64, |m, (i, _)| m | bit(i));
    let kept = |keep: u64, i: usize| keep & bit(i) != 0;
    // Hits are in text order: spread membership left to right, then right to left.
    for _ in 0..2 {
        for i in 1..cmp.hits.len() {
            if kept(keep, i - 1) && !kept(keep, i) && joined(&cmp.hits[i - 1], &cmp.hits[i]) {
                keep |= bit(i);
            }
        }
        for i in (1..cmp.hits.len()).rev() {
            if kept(keep, i) && !kept(keep, i - 1) && joined(&cmp.hits[i - 1], &cmp.hits[i]) {
                keep |= bit(i - 1);
            }
        }
    }
    let mut i = 0;
    cmp.hits.retain(|_| {
        i += 1;
        kept(keep, i - 1)
    });
}

// ---------------------------------------------------------------------------------------------
// Quoted phrases

fn closing_quote(c: char) -> Option<char> {
    match c {
        '“' => Some('”'),
        '‘' => Some('’'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' => Some('"'),
        _ => None,
    }
}

/// Content ranges of short quotations: the closing mark must come within the length limit, on the
/// same line, before another opening mark of the same kind.
fn quotations(text: &[char]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = find_char(&text[i..], |c| closing_quote(c).is_some()) {
        i += k;
        let Some(close) = closing_quote(text[i]) else { break };
        let limit = (i + MAX_QUOTED_CHARS + 2).min(text.len());
        let found = (i + 1..limit)
            .take_while(|&j| !matches!(text[j], '\n' | '\r') && (text[j] != text[i] || close == text[i]))
            .find(|&j| text[j] == close);
        match found {
            Some(j) => {
                out.push(Range { start: i + 1, end: j });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A figure or mostly digits (“12345”热线, “3年行动”): never a slogan.
fn is_figure_like(t: &[char], g: &Grammar) -> bool {
    let digits = t.iter().filter(|c| is_digit(**c)).count();
    if digits * 2 >= t.len() {
        return true;
    }
    // A number followed by a word is a quantity (15分钟, 3年), whatever the unit.
    let digit_then_unit = t.windows(2).any(|w| is_digit(w[0]) && (is_han(w[1]) || g.classifiers.contains(&w[1])));
    let numeral_then_unit = t.len() >= 2 && g.numerals.contains(&t[0]) && {
        let k = t.iter().take_while(|c| g.numerals.contains(c)).count();
        t.get(k).is_some_and(|c| g.classifiers.contains(c))
    };
    digit_then_unit || numeral_then_unit
}

/// A numbered name: numerals, then 个 and a phrase (四个一, 五个坚持) or a Han phrase with more numerals
/// (两学一做, 三去一降一补, 双碳).
fn is_numbered_name(t: &[char], g: &Grammar) -> bool {
    if t.len() > 10 || !t.first().is_some_and(|c| g.numerals.contains(c)) || !t.iter().all(|&c| is_han(c)) {
        return false;
    }
    let k = t.iter().take_while(|c| g.numerals.contains(c)).count();
    match t.get(k) {
        None => false,
        Some('个') => t.len() > k + 1,
        Some(c) => !g.classifiers.contains(c),
    }
}

/// Quoted numbered names (formula) and other quoted phrases (quoted).
fn quoted_phrases(doc: &Doc) -> (Vec<Span>, Vec<Span>) {
    let g = &*GRAMMAR;
    let text = &doc.chars;
    let (mut numbered, mut quoted) = (Vec::new(), Vec::new());
    for q in quotations(text) {
        let t = &text[q.start..q.end];
        let fits = t.len() >= 2
            && t.len() <= MAX_QUOTED_CHARS
            && t.iter().any(|&c| is_han(c))
            && !t.iter().any(|&c| segment::is_sentence_end(c) || matches!(c, '“' | '”' | '‘' | '’' | '「' | '」'))
            && !t[0].is_whitespace()
            && !t[t.len() - 1].is_whitespace();
        if !fits || is_figure_like(t, g) {
            continue;
        }
        if is_numbered_name(t, g) {
            numbered.push(Span::new(q.start, q.end, SloganKind::Formula, Name::Written));
        } else {
            quoted.push(Span::new(q.start, q.end, SloganKind::Quoted, Name::Written));
        }
    }
    (numbered, quoted)
}

// ---------------------------------------------------------------------------------------------
// 排比

/// What the items of a list share. Affixes are located in the text (`Range`) rather than copied,
/// so that the frames of the many lists that are tried and dropped never allocate.
#[derive(Debug, Clone, PartialEq)]
enum Frame {
    Prefix(Range),
    Suffix(Range),
    Infix(char),
    Shapeless,
}

impl Frame {
    fn name(&self, text: &[char]) -> String {
        let chars = |r: &Range| text[r.start..r.end].iter().collect::<String>();
        match self {
            Frame::Prefix(p) => format!("{}…", chars(p)),
            Frame::Suffix(s) => format!("…{}", chars(s)),
            Frame::Infix(c) => format!("…{c}…"),
            Frame::Shapeless => SHAPELESS_FRAME.to_string(),
        }
    }
}

/// The position of a char that equal-length items share inside them (守好职、尽好责、干好事), outside
/// any prefix or suffix they share (重点项目、民生项目 share 项目, not an infix 项).
fn infix<'a>(items: impl Iterator<Item = &'a [char]> + Clone, g: &Grammar) -> Option<usize> {
    let first = items.clone().next()?;
    let p = common_prefix_len(items.clone());
    let s = common_suffix_len(items.clone());
    (p.max(1)..first.len().saturating_sub(s.max(1)))
        .find(|&k| items.clone().all(|w| w[k] == first[k]) && !g.weak_infixes.contains(&first[k]))
}

/// Length of the prefix all `words` share (0 for no words).
fn common_prefix_len<'a>(mut words: impl Iterator<Item = &'a [char]>) -> usize {
    let Some(first) = words.next() else { return 0 };
    words.fold(first.len(), |n, w| first[..n].iter().zip(w).take_while(|(a, b)| a == b).count())
}

/// Length of the suffix all `words` share (0 for no words).
fn common_suffix_len<'a>(mut words: impl Iterator<Item = &'a [char]>) -> usize {
    let Some(first) = words.next() else { return 0 };
    words.fold(first.len(), |n, w| first[first.len() - n..].iter().rev().zip(w.iter().rev()).take_while(|(a, b)| a == b).count())
}

/// The most frequent length (the longer one on a tie); items are at most [`MAX_ITEM_CHARS`] long.
fn most_common_len(lens: impl Iterator<Item = usize>) -> usize {
    let mut counts = [0usize; MAX_ITEM_CHARS + 2];
    for l in lens {
        counts[l.min(MAX_ITEM_CHARS + 1)] += 1;
    }
    (0..counts.len()).max_by_key(|&l| (counts[l], l)).unwrap_or(0)
}

/// Whether no two items are the same words (a repeated word is not a 排比). Lists are short, and
/// comparing pairs is cheaper than hashing for them; a long run (a line of 同谋划、同谋划…) is hashed.
fn all_distinct<'a>(items: impl Iterator<Item = &'a [char]> + Clone) -> bool {
    if items.clone().count() <= 16 {
        return items.clone().enumerate().all(|(i, a)| items.clone().skip(i + 1).all(|b| !same(a, b)));
    }
    let mut seen = std::collections::HashSet::new();
    items.into_iter().all(|w| seen.insert(w))
}

/// A list whose first and last items are still embedded in their segments: `first` ends with the
/// first item, `last` starts with the last one, and the `cores` between are whole items (the
/// middle segments, then the part of the last segment before a connector, if it was split there).
struct RawList<'a> {
    first: Range,
    middles: &'a [Range],
    split: Option<Range>,
    last: Range,
}

impl RawList<'_> {
    fn cores(&self) -> impl Iterator<Item = Range> + Clone + '_ {
        self.middles.iter().copied().chain(self.split)
    }
}

/// Buffers reused from sentence to sentence, so that splitting allocates only while they grow.
#[derive(Default)]
struct Pieces {
    clauses: Vec<Range>,
    segs: Vec<Range>,
}

fn parallels(doc: &Doc, sentences: &[Range]) -> Vec<Span> {
    let g = &*GRAMMAR;
    let text = &doc.chars;
    let mut out = Vec::new();
    let mut buf = Pieces::default();
    for &sentence in sentences {
        // A list needs a 、 or three clauses (two clause separators). Most sentences have neither,
        // and counting both over the sentence, without a branch per char, costs a fraction of
        // splitting it into clauses.
        let (separators, enumerated) = text[sentence.start..sentence.end]
            .iter()
            .fold((0u32, 0u32), |(s, e), &c| (s + is_clause_separator(c) as u32, e + (c == '、') as u32));
        if enumerated == 0 && separators < 2 {
            continue;
        }
        split_into(text, sentence, is_clause_separator, &mut buf.clauses);
        if enumerated > 0 {
            for &clause in &buf.clauses {
                if find_char(&text[clause.start..clause.end], |c| c == '、').is_some() {
                    split_into(text, clause, |c| c == '、', &mut buf.segs);
                    enumeration_lists(text, &buf.segs, g, &mut out);
                }
            }
        }
        // A list of whole clauses needs three of them.
        if buf.clauses.len() >= 3 {
            comma_lists(text, &buf.clauses, g, &mut out);
        }
    }
    out
}

/// What separates the clauses of a sentence, which may be the items of a 排比.
#[inline]
fn is_clause_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// 排比 lists separated by 、 inside one clause, split into `segs`.
fn enumeration_lists(text: &[char], segs: &[Range], g: &Grammar, out: &mut Vec<Span>) {
    let mut i = 0;
    // A middle segment must be a whole item; one that is not closes the run and opens the next.
    for j in 1..segs.len() {
        let middle_ok = is_item(&text[segs[j].start..segs[j].end], g);
        if j + 1 == segs.len() || !middle_ok {
            if let Some(raw) = raw_list(text, &segs[i..=j], g) {
                out.extend(framed_list(text, &raw, g));
            }
            i = j;
        }
    }
}

fn is_item(t: &[char], g: &Grammar) -> bool {
    t.len() >= 2 && t.len() <= MAX_ITEM_CHARS && is_wordy(t, g)
}

/// Splits the last segment at a connector (效能型机关和清廉型机关) when what precedes it is an item.
fn raw_list<'a>(text: &[char], segs: &'a [Range], g: &Grammar) -> Option<RawList<'a>> {
    let (first, rest) = segs.split_first()?;
    let (last, middles) = rest.split_last()?;
    let mut raw = RawList { first: *first, middles, split: None, last: *last };
    let split = (last.start + 2..(last.start + MAX_ITEM_CHARS + 1).min(last.end))
        .find_map(|p| connector_at(text, p, g).map(|len| (p, len)));
    if let Some((p, len)) = split {
        if is_item(&text[last.start..p], g) && p + len < last.end {
            raw.split = Some(Range { start: last.start, end: p });
            raw.last = trim_range(text, Range { start: p + len, end: last.end });
        }
    }
    (raw.cores().next().is_some() && !first.is_empty() && !raw.last.is_empty()).then_some(raw)
}

/// The list's items under the best frame, as one span.
fn framed_list(text: &[char], raw: &RawList, g: &Grammar) -> Option<Span> {
    let word = |r: Range| &text[r.start..r.end];
    let cores = raw.cores().map(word);
    let lmin = cores.clone().map(<[char]>::len).min()?;
    let lmax = cores.clone().map(<[char]>::len).max()?;
    let typical = most_common_len(cores.clone().map(<[char]>::len));
    let first_core = raw.cores().next()?;
    // The item ends at the end of `first`: a tail of the typical length unless the segment is short.
    let tail = |len: usize| Range { start: raw.first.end - len.min(raw.first.len()), end: raw.first.end };
    let head = |len: usize| Range { start: raw.last.start, end: raw.last.start + len.min(raw.last.len()) };
    // An edge segment no longer than the typical item is the item; a longer one carries the
    // clause's own words (即政治意识, 不断增强党支部组织力), cut to the typical length.
    let whole_or = |seg: Range, len: usize, f: &dyn Fn(usize) -> Range| {
        if seg.len() <= len { seg } else { f(len) }
    };
    let fits = |r: Range| r.len() + 1 >= lmin.max(2) && r.len() <= (lmax + 1).min(MAX_ITEM_CHARS);
    let affix_ok = |len: usize, at: Range| len > 0 && lmin > len && !g.is_weak_affix(word(at));

    // (shared affix length, frame, first item, last item); at most one frame of each kind.
    let mut options: [Option<(usize, Frame, Range, Range)>; 3] = [None, None, None];
    if lmax - lmin <= 2 {
        let p = common_prefix_len(cores.clone().chain([word(raw.last)]));
        let prefix = Range { start: first_core.start, end: first_core.start + p };
        if affix_ok(p, prefix) {
            // The first item starts at the last occurrence of the prefix in its segment.
            let start = (raw.first.start..raw.first.end.saturating_sub(p))
                .rev()
                .find(|&i| starts_with_at(text, i, word(prefix)));
            if let Some(start) = start {
                let first = Range { start, end: raw.first.end };
                options[0] = Some((p, Frame::Prefix(prefix), first, whole_or(raw.last, typical, &head)));
            }
        }
        let s = common_suffix_len(cores.clone().chain([word(raw.first)]));
        let suffix = Range { start: first_core.end - s, end: first_core.end };
        if affix_ok(s, suffix) {
            // The last item ends at the first occurrence of the suffix in its segment.
            let end = find_from(text, raw.last.start, raw.last.end, word(suffix)).map(|p| p + s);
            if let Some(end) = end {
                let last = Range { start: raw.last.start, end };
                options[1] = Some((s, Frame::Suffix(suffix), whole_or(raw.first, typical, &tail), last));
            }
        }
    }
    if lmin == lmax {
        let (first, last) = (tail(lmin), head(lmin));
        let all = std::iter::once(word(first)).chain(cores.clone()).chain([word(last)]);
        if all.clone().all(|w| w.len() == lmin) {
            if let Some(k) = infix(all.clone(), g) {
                options[2] = Some((0, Frame::Infix(text[first.start + k]), first, last));
            } else if lmin == 3
                && all.clone().count() >= 4
                && all.clone().filter(|w| g.shapeless_verbs.contains(&w[0])).count() + 1 >= all.clone().count()
            {
                options[2] = Some((0, Frame::Shapeless, first, last));
            }
        }
    }
    // Longest shared affix first (the prefix on a tie); infix and shapeless frames only when
    // nothing longer is shared.
    crate::order::by(&mut options, |a, b| b.as_ref().map(|o| o.0).cmp(&a.as_ref().map(|o| o.0)));
    options.into_iter().flatten().find_map(|(_, frame, first, last)| {
        let items = std::iter::once(word(first)).chain(cores.clone()).chain([word(last)]);
        let ok = fits(first) && fits(last) && items.clone().all(|w| is_item(w, g)) && all_distinct(items);
        ok.then(|| Span::new(first.start, last.end, SloganKind::Parallel, Name::Frame(frame)))
    })
}

/// 排比 lists whose items are whole clauses separated by ，(立足新起点，谋划新发展，展现新作为).
fn comma_lists(text: &[char], clauses: &[Range], g: &Grammar, out: &mut Vec<Span>) {
    let mut i = 0;
    while i < clauses.len() {
        let mut j = i;
        while j < clauses.len() && is_item(&text[clauses[j].start..clauses[j].end], g) {
            j += 1;
        }
        if j - i >= 3 {
            out.extend(whole_item_list(text, &clauses[i..j], g));
        }
        i = j + 1;
    }
}

fn whole_item_list(text: &[char], items: &[Range], g: &Grammar) -> Option<Span> {
    let words = items.iter().map(|r| &text[r.start..r.end]);
    let lmin = words.clone().map(<[char]>::len).min()?;
    let lmax = words.clone().map(<[char]>::len).max()?;
    if !all_distinct(words.clone()) {
        return None;
    }
    let affix_ok = |at: Range| !at.is_empty() && lmin > at.len() && !g.is_weak_affix(&text[at.start..at.end]);
    let first = items[0];
    let p = Range { start: first.start, end: first.start + common_prefix_len(words.clone()) };
    let s = Range { start: first.end - common_suffix_len(words.clone()), end: first.end };
    let frame = if lmax - lmin <= 2 && (affix_ok(p) || affix_ok(s)) {
        if affix_ok(p) && (p.len() >= s.len() || !affix_ok(s)) { Frame::Prefix(p) } else { Frame::Suffix(s) }
    } else if lmin == lmax {
        match infix(words.clone(), g) {
            Some(k) => Frame::Infix(text[first.start + k]),
            None if lmin == 3
                && items.len() >= 4
                && words.clone().filter(|w| g.shapeless_verbs.contains(&w[0])).count() + 1 >= items.len() =>
            {
                Frame::Shapeless
            }
            None => return None,
        }
    } else {
        return None;
    };
    Some(Span::new(items[0].start, items[items.len() - 1].end, SloganKind::Parallel, Name::Frame(frame)))
}

// ---------------------------------------------------------------------------------------------
// Intensifiers

fn intensifiers(doc: &Doc, starts: &[u32]) -> Vec<Span> {
    let words = &*INTENSIFIERS;
    let text = &doc.chars;
    let negators = &words.negators;
    let mut out = Vec::new();
    for (s, e, w) in words.set.find_iter_at(text, starts) {
        let negated = negators.iter().any(|n| s >= n.len() && same(&text[s - n.len()..s], n));
        if !negated && !inside_longer_word(text, s, e, &words.not_in[w]) {
            out.push(Span::new(s, e, SloganKind::Intensifier, Name::Intensifier(w)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Merging

/// Index of the first span of a sorted, non-overlapping list that ends after `s`.
fn first_ending_after(spans: &[Span], s: usize) -> usize {
    spans.partition_point(|x| x.end <= s)
}

fn overlaps_any(spans: &[Span], s: usize, e: usize) -> bool {
    spans.get(first_ending_after(spans, s)).is_some_and(|x| x.start < e)
}

/// Whether every span of `spans` that overlaps `[s, e)` lies inside it.
fn only_contains(spans: &[Span], s: usize, e: usize) -> bool {
    spans[first_ending_after(spans, s)..].iter().take_while(|x| x.start < e).all(|x| x.start >= s && x.end <= e)
}

/// Whether one span of `spans` contains all of `[s, e)`.
fn inside_one(spans: &[Span], s: usize, e: usize) -> bool {
    spans.get(first_ending_after(spans, s)).is_some_and(|x| x.start <= s && e <= x.end)
}

/// Keeps the spans of `add` that overlap nothing in `base` (both sorted), merging them in.
fn merge_disjoint(base: Vec<Span>, add: Vec<Span>) -> Vec<Span> {
    let kept: Vec<Span> = add.into_iter().filter(|a| !overlaps_any(&base, a.start, a.end)).collect();
    let mut all = base;
    all.extend(kept);
    crate::order::by_key(&mut all, |s| s.start);
    all
}

fn resolve(
    lists: Vec<Span>,
    names: Vec<Span>,
    numbered: Vec<Span>,
    quoted: Vec<Span>,
    parallel: Vec<Span>,
    fillers: Vec<Span>,
) -> Vec<Span> {
    let formulas = merge_disjoint(merge_disjoint(lists, names), numbered);
    let quoted: Vec<Span> = quoted.into_iter().filter(|q| !overlaps_any(&formulas, q.start, q.end)).collect();
    let parallel: Vec<Span> = parallel
        .into_iter()
        .filter(|p| only_contains(&formulas, p.start, p.end) && !overlaps_any(&quoted, p.start, p.end))
        .filter(|p| !inside_one(&formulas, p.start, p.end))
        .collect();
    let fillers: Vec<Span> = fillers
        .into_iter()
        .filter(|f| !overlaps_any(&formulas, f.start, f.end) && !overlaps_any(&quoted, f.start, f.end))
        .filter(|f| {
            let k = first_ending_after(&parallel, f.start);
            parallel.get(k).map_or(true, |p| p.start >= f.end || (p.start <= f.start && f.end <= p.end))
        })
        .collect();
    let mut all: Vec<Span> = formulas.into_iter().chain(quoted).chain(parallel).chain(fillers).collect();
    crate::order::by_key(&mut all, |s| (s.start, usize::MAX - s.end));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(SloganKind, String, String)> {
        let d = Doc::new(text);
        detect(&d).into_iter().map(|s| (s.kind, s.text.into(), s.name.into_owned())).collect()
    }

    fn of_kind(text: &str, kind: SloganKind) -> Vec<(String, String)> {
        found(text).into_iter().filter(|s| s.0 == kind).map(|s| (s.1, s.2)).collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn every_entry_matches_its_own_name_alone_and_in_quotes() {
        for f in &LEXICON.formulas {
            for text in [f.name.clone(), format!("“{}”", f.name), format!("坚持{}。", f.name)] {
                let d = Doc::new(&text);
                let hits: Vec<_> = detect(&d).into_iter().filter(|s| s.kind == SloganKind::Formula).collect();
                assert!(
                    hits.iter().any(|s| s.name == f.name && s.text == f.name),
                    "{} not found in {text}: {hits:?}",
                    f.name
                );
                assert!(!detect(&d).iter().any(|s| s.kind == SloganKind::Quoted), "{text}: a formula is not a quoted phrase");
            }
            for alias in &f.aliases {
                assert!(of_kind(alias, SloganKind::Formula).iter().any(|s| s.1 == f.name), "alias {alias} of {}", f.name);
            }
        }
    }

    #[test]
    fn no_entry_matches_inside_its_longer_words() {
        for f in &LEXICON.formulas {
            for word in &f.not_in {
                let hits = of_kind(&format!("这是{word}的问题"), SloganKind::Formula);
                assert!(!hits.iter().any(|s| s.1 == f.name), "{} matched inside {word}: {hits:?}", f.name);
            }
        }
    }

    #[test]
    fn names_glued_to_numbers_are_not_names() {
        assert!(of_kind("共计二十四风险点", SloganKind::Formula).is_empty());
        assert!(of_kind("第14四风", SloganKind::Formula).is_empty());
    }

    #[test]
    fn a_placeholder_before_the_thought_keeps_the_formula() {
        for text in ["用A新时代中国特色社会主义思想武装头脑", "用XX新时代中国特色社会主义思想武装头脑"] {
            assert_eq!(
                of_kind(text, SloganKind::Formula),
                pairs(&[("新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想")]),
                "{text}"
            );
        }
        assert_eq!(
            of_kind("学习习近平新时代中国特色社会主义思想", SloganKind::Formula),
            pairs(&[("习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想")])
        );
    }

    #[test]
    fn spelled_out_lists_are_named_formulas() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("不断提高政治判断力、政治领悟力、政治执行力。", &[("政治判断力、政治领悟力、政治执行力", "政治三力")]),
            ("在重大决策、人事任免、项目安排和大额资金使用等方面", &[("重大决策、人事任免、项目安排和大额资金使用", "三重一大")]),
            ("坚定道路自信、制度自信、理论自信、文化自信。", &[("道路自信、制度自信、理论自信、文化自信", "四个自信")]),
            ("提高政治判断力、政治领导力、政治执行力。", &[("政治判断力、政治领导力、政治执行力", "政治三力")]),
            ("统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设。", &[("经济建设、政治建设、文化建设、社会建设、生态文明建设", "五位一体")]),
            ("增强道路、理论、制度、文化自信。", &[("道路、理论、制度、文化自信", "四个自信")]),
        ];
        for (text, want) in cases {
            assert_eq!(of_kind(text, SloganKind::Formula), pairs(want), "{text}");
        }
    }

    #[test]
    fn lists_sharing_two_words_with_an_entry_are_not_formulas() {
        for text in [
            "推进农业、农村、水利基础设施建设。",
            "做好农业、农村、农民工工作。",
            "抓好创新、协调两篇文章。",
            "提高政治判断力和工作水平。",
            "道路自信、理论自信两个方面。",
        ] {
            assert!(of_kind(text, SloganKind::Formula).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn quoted_numbered_names_not_in_the_lexicon_are_formulas() {
        assert_eq!(
            of_kind("严格落实“四个一”制度，坚持“五个坚持”，推行“一把手”负责。", SloganKind::Formula),
            pairs(&[("四个一", "四个一"), ("五个坚持", "五个坚持"), ("一把手", "一把手")])
        );
    }

    #[test]
    fn quoted_phrases_are_slogans_but_figures_and_speech_are_not() {
        assert_eq!(
            of_kind("拒绝“躺平”式干部，整治“不作为慢作为乱作为懒作为”，以“线上＋线下”形式。", SloganKind::Quoted),
            pairs(&[("躺平", "躺平"), ("不作为慢作为乱作为懒作为", "不作为慢作为乱作为懒作为"), ("线上＋线下", "线上＋线下")])
        );
        for text in [
            "拨打“12345”热线。",
            "打造“15分钟便民生活圈”。",
            "实施“3年行动”计划。",
            "开展“三年攻坚”行动。",
            "他说：“我们一定要把这项工作做好，绝不辜负组织的信任。”",
            "学习《中国共产党支部工作条例（试行）》。",
            "“A”级",
            "“ 空格 ”",
        ] {
            let v = found(text);
            assert!(v.iter().all(|s| s.0 != SloganKind::Quoted && s.0 != SloganKind::Formula), "{text}: {v:?}");
        }
    }

    #[test]
    fn unbalanced_quotes_do_not_swallow_text() {
        let text = "坚持“两个维护，推动“躺平”问题整改。";
        assert_eq!(of_kind(text, SloganKind::Quoted), pairs(&[("躺平", "躺平")]));
        assert_eq!(of_kind(text, SloganKind::Formula), pairs(&[("两个维护", "两个维护")]));
    }

    #[test]
    fn parallel_frames() {
        let cases: &[(&str, &str, &str)] = &[
            ("坚持党建和业务同谋划、同部署、同推进、同考核，确保落实。", "同谋划、同部署、同推进、同考核", "同…"),
            ("着力建设政治型机关、服务型机关、效能型机关和清廉型机关。", "政治型机关、服务型机关、效能型机关和清廉型机关", "…型机关"),
            ("不断增强党支部组织力、凝聚力、战斗力。", "组织力、凝聚力、战斗力", "…力"),
            ("自觉净化社交圈、生活圈、朋友圈。", "社交圈、生活圈、朋友圈", "…圈"),
            ("做到守好职、尽好责、干好事。", "守好职、尽好责、干好事", "…好…"),
            ("着力在把方向、统班子、做决策、解难题、抓落实上下功夫。", "把方向、统班子、做决策、解难题、抓落实", "三字动宾"),
            ("立足新起点，谋划新发展，展现新作为。", "立足新起点，谋划新发展，展现新作为", "…新…"),
        ];
        for (text, span, frame) in cases {
            assert_eq!(of_kind(text, SloganKind::Parallel), pairs(&[(span, frame)]), "{text}");
        }
    }

    #[test]
    fn no_parallel_over_figures_or_plain_noun_lists() {
        for text in [
            "假期督查通报20期，工作督办通报30期，检查通报20期。",
            "通报20期、督办30期、检查20期。",
            "召开会议十二次、座谈会八次、推进会六次。",
            "着重从招商引资、服务企业、乡村振兴、社会保障等方面入手。",
            "市委、市政府、市人大、市政协领导出席。",
            "重点项目、民生项目、招商项目全面推进。",
            "廉洁从政，克己奉公，勤政为民。",
            "成为宣传教育的主渠道、联系群众的连心桥、锤炼作风的练兵场。",
            "梳理整体情况、潜在风险和应对举措。",
        ] {
            assert!(of_kind(text, SloganKind::Parallel).is_empty(), "{text}: {:?}", of_kind(text, SloganKind::Parallel));
        }
    }

    #[test]
    fn intensifiers_and_their_exceptions() {
        assert_eq!(
            of_kind("切实提高认识，进一步扎实推进，坚定不移抓落实。", SloganKind::Intensifier),
            pairs(&[("切实", "切实"), ("进一步", "进一步"), ("扎实", "扎实"), ("坚定不移", "坚定不移")])
        );
        for text in ["调动干部积极性。", "证件有效期三年。", "推动可持续发展。", "学习不够深入，落实不扎实。", "发展不平衡不充分。", "防止层层加码。"] {
            assert!(of_kind(text, SloganKind::Intensifier).is_empty(), "{text}: {:?}", of_kind(text, SloganKind::Intensifier));
        }
    }

    #[test]
    fn overlaps_follow_the_priorities() {
        // 全面 inside 全面从严治党 is part of the formula, not filler.
        assert!(of_kind("推进全面从严治党。", SloganKind::Intensifier).is_empty());
        // A formula inside a parallel list stays; the list spans it.
        let v = found("增强政治意识、大局意识、核心意识、看齐意识和责任意识。");
        assert!(v.iter().any(|s| s.0 == SloganKind::Formula && s.2 == "四个意识"), "{v:?}");
        // The list is the formula itself: no parallel on top of it.
        let v = found("不断提高政治判断力、政治领悟力、政治执行力。");
        assert!(!v.iter().any(|s| s.0 == SloganKind::Parallel), "{v:?}");
        let d = Doc::new("切实做到同谋划、同部署、同推进，认真抓好落实。");
        let s = detect(&d);
        for w in s.windows(2) {
            assert!(w[0].start <= w[1].start);
            let nested = w[0].kind == SloganKind::Parallel && w[1].end <= w[0].end;
            assert!(w[0].end <= w[1].start || nested, "{:?} overlaps {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn hostile_inputs_never_panic_and_spans_stay_inside() {
        let long_digits = "9".repeat(100_000);
        let long_line = "同谋划、".repeat(20_000);
        let quotes = "“".repeat(5_000) + &"”".repeat(5_000);
        let mixed = "、，和及与等“”‘’（）".repeat(2_000);
        let binary: String = (0u32..5_000).filter_map(|i| char::from_u32(i * 37 % 0x2FFFF)).collect();
        for text in ["", "、", "和", "“", "”“", "四个自信即", "“四个一", &long_digits, &long_line, &quotes, &mixed, &binary] {
            let d = Doc::new(text);
            for s in detect(&d) {
                assert!(s.start < s.end && s.end <= d.len(), "{s:?}");
            }
        }
    }

    #[test]
    fn compare_reports_missing_extra_misworded_and_order() {
        let f = LEXICON.get("四个自信").unwrap();
        let check = |t: &str| {
            let c = chars(t);
            compare(&c, Range { start: 0, end: c.len() }, f)
        };
        let c = check("道路自信、理论自信、制度自信");
        assert_eq!(c.missing(f).collect::<Vec<_>>(), vec![3]);
        let c = check("道路自信、制度自信、理论自信、文化自信");
        assert!(c.out_of_order(f) && c.missing(f).next().is_none());
        let c = check("道路自信、理论自信、制度自信、文化自觉");
        assert_eq!(c.misworded().map(|h| h.item).collect::<Vec<_>>(), vec![3]);
        let c = check("道路自信、理论自信、制度自信、文化自信、历史自信");
        assert_eq!(c.extras.len(), 1);
        let c = check("道路、理论、制度、文化自信");
        assert!(c.missing(f).next().is_none() && !c.out_of_order(f) && c.extras.is_empty(), "{c:?}");
        let c = check("道路自信、理论自信等");
        assert!(c.etc);
        let f = LEXICON.get("社会主义核心价值观").unwrap();
        let c = chars("富强、民主、文明、和谐、自由、平等");
        assert!(!compare(&c, Range { start: 0, end: c.len() }, f).etc, "平等 is an item, not 等");
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use std::time::Instant;

    /// Throughput of `detect` on ~10 MB made of the slogan fixtures. Prints MB/s; asserts only that
    /// the work was done, never a time.
    #[test]
    #[ignore = "benchmark: cargo test --release --lib bench_detect -- --ignored --nocapture"]
    fn bench_detect() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut sample = String::new();
        for name in ["slogans-formulas", "slogans-expansion", "slogans-parallel", "slogans-density"] {
            sample += &std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
        }
        let copies = 10_000_000 / sample.len() + 1;
        let text = sample.repeat(copies);
        let doc = Doc::new(&text);
        let per_copy = detect(&Doc::new(&sample)).len();
        let t = Instant::now();
        let found = detect(&doc);
        let secs = t.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!("slogans::detect: {mb:.1} MB, {} slogans in {secs:.3} s = {:.1} MB/s", found.len(), mb / secs);
        assert_eq!(found.len(), per_copy * copies, "every copy yields the same slogans");
    }
}
