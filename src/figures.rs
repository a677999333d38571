//! Figures: every quantity with its unit, normalised.
//!
//! One left-to-right pass. A figure starts at a numeral — Arabic digits or a run of Chinese numeral
//! characters — and is a figure only when a unit or measure word follows it (`data/units.tsv`); a
//! bare number (12345热线, 〔2023〕5号, 二十大, 一是) never is. Around the number the scanner reads,
//! each within a few characters: approximation words (约, 超过 / 余, 多 / 左右, 以上), magnitude words
//! (3.5万), a range (3—5次), a per-unit tail (元/人), and the rest of a date (2023年12月31日).
//!
//! What keeps names and idioms out, in order: numerals inside short quotes “…”, book titles 《…》 and
//! the few listed names (`data/figure-exceptions.txt`) are skipped; a numeral after 第 is an
//! ordinal; a Chinese numeral must start with a digit, 十 or 几 (so 百年, 千家万户, 万一 are no
//! numbers); a lone 一 before a count is the article "a" (一批, 一次性); a Chinese numeral before a
//! formula-prone measure word (个 项 条 位 种 类) names a formulation (两个维护, 八项规定); a unit
//! followed by the rest of another word is no unit (十一期间, 三年级).
//!
//! Every step looks a bounded number of characters around the current position and the pass never
//! moves backwards, so the whole is linear in the text.

use std::borrow::Cow;

use compact_str::CompactString;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::normalise::{is_han, Doc};
use crate::numerals::{self, Num};
use crate::report::{Figure, FigureKind};
use crate::segment::is_clause_end;
use crate::words::{CharBits, PairBits};

/// Parses the data files' format: `[section]` lines, then words separated by whitespace; `#` starts
/// a comment.
pub(crate) fn word_sections(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim();
            out.entry(section).or_default();
        } else if !line.is_empty() {
            out.entry(section).or_default().extend(line.split_whitespace());
        }
    }
    out
}

/// A map from chars to small values: open addressing on a multiplicative hash, for the lookups the
/// scanner makes at every number (a binary search or SipHash costs several times more).
struct CharMap<V> {
    slots: Vec<Option<(char, V)>>,
    shift: u32,
    /// Bit (c mod 4096) of every key: most lookups miss, and this answers them with one load (kept
    /// inline: the maps are few and static, and a box would add a load to every lookup).
    present: [u64; 64],
}

impl<V> CharMap<V> {
    fn new(entries: Vec<(char, V)>) -> CharMap<V> {
        let bits = (entries.len() * 2).max(2).next_power_of_two().trailing_zeros();
        let mut map =
            CharMap { slots: (0..1usize << bits).map(|_| None).collect(), shift: 32 - bits, present: [0; 64] };
        for (c, v) in entries {
            let b = c as usize & 4095;
            map.present[b >> 6] |= 1 << (b & 63);
            let mut k = map.slot(c);
            while map.slots[k].is_some() {
                k = (k + 1) & (map.slots.len() - 1);
            }
            map.slots[k] = Some((c, v));
        }
        map
    }

    fn slot(&self, c: char) -> usize {
        ((c as u32).wrapping_mul(0x9E37_79B1) >> self.shift) as usize
    }

    /// Whether `c` may be a key: no false negatives, and a miss costs one load.
    #[inline(always)]
    fn may_contain(&self, c: char) -> bool {
        let b = c as usize & 4095;
        self.present[b >> 6] & (1 << (b & 63)) != 0
    }

    fn get(&self, c: char) -> Option<&V> {
        if !self.may_contain(c) {
            return None;
        }
        let mut k = self.slot(c);
        loop {
            match &self.slots[k] {
                Some((d, v)) if *d == c => return Some(v),
                Some(_) => k = (k + 1) & (self.slots.len() - 1),
                None => return None,
            }
        }
    }
}

// `[char]::starts_with` calls memcmp; for words of a few chars a plain loop is several times faster.
#[inline]
fn starts_with(s: &[char], w: &[char]) -> bool {
    s.len() >= w.len() && s.iter().zip(w).all(|(a, b)| a == b)
}

#[inline]
fn ends_with(s: &[char], w: &[char]) -> bool {
    s.len() >= w.len() && s.iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
}

/// Orders `0..n` so that the indices with the same char key are contiguous, keeping the given order
/// inside each group, and maps each key to its group's range in that order.
fn group_by_char(n: usize, key: impl Fn(usize) -> char) -> (Vec<usize>, CharMap<(u32, u32)>) {
    let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
    for k in 0..n {
        match groups.iter_mut().find(|g| g.0 == key(k)) {
            Some(g) => g.1.push(k),
            None => groups.push((key(k), vec![k])),
        }
    }
    let mut order = Vec::with_capacity(n);
    let ranges = groups
        .into_iter()
        .map(|(c, ks)| {
            let lo = order.len() as u32;
            order.extend(ks);
            (c, (lo, order.len() as u32))
        })
        .collect();
    (order, CharMap::new(ranges))
}

/// Words grouped by a char of theirs, each group's words end to end in one buffer: a lookup is one
/// hash probe, then comparisons against contiguous memory (no pointer to chase per word).
struct Grouped {
    chars: Vec<char>,
    /// `(offset into chars, length)` of each word, group after group.
    spans: Vec<(u32, u32)>,
    groups: CharMap<(u32, u32)>,
    /// The key char and the char next to it (inwards) of every word of two chars or more, and bit
    /// (c mod 4096) of every word of one char: common chars start many words (一, 开 …) but the pair
    /// at a position is rarely one of theirs, so this turns most lookups away before any comparison.
    pairs: PairBits<64>,
    singles: [u64; 64],
}

/// Bit `b` of [`Grouped::singles`].
#[inline(always)]
fn has_bit(bits: &[u64; 64], b: usize) -> bool {
    bits[(b >> 6) & 63] & (1 << (b & 63)) != 0
}

impl Grouped {
    /// `words` grouped by `key`, in the given order inside each group; `inner` gives the char next to
    /// the key of a word of two chars or more.
    fn new(words: &[Vec<char>], key: impl Fn(&[char]) -> char, inner: impl Fn(&[char]) -> char) -> Grouped {
        let (order, groups) = group_by_char(words.len(), |k| key(&words[k]));
        let mut chars = Vec::new();
        let mut spans = Vec::with_capacity(order.len());
        let (mut pairs, mut singles) = (PairBits::empty(), [0u64; 64]);
        for k in order {
            let w = &words[k];
            spans.push((chars.len() as u32, w.len() as u32));
            chars.extend_from_slice(w);
            if w.len() >= 2 {
                pairs.insert(key(w), inner(w));
            } else {
                let b = w[0] as usize & 4095;
                singles[b >> 6] |= 1 << (b & 63);
            }
        }
        Grouped { chars, spans, groups, pairs, singles }
    }

    /// Whether a word keyed `c` with `next` beside it (or of the one char `c`) may be in the list: no
    /// false negatives.
    #[inline(always)]
    fn may_hold(&self, c: char, next: Option<char>) -> bool {
        // Most chars key no word at all: the key bitmap turns them away with one load, before the
        // pair's hash and the two bitmaps it needs.
        self.groups.may_contain(c)
            && (next.is_some_and(|d| self.pairs.may_contain(c, d)) || has_bit(&self.singles, c as usize & 4095))
    }

    /// The words whose key is `c`.
    #[inline]
    fn group(&self, c: char) -> impl Iterator<Item = &[char]> {
        let (lo, hi) = self.groups.get(c).copied().unwrap_or((0, 0));
        self.spans[lo as usize..hi as usize].iter().map(|&(o, l)| &self.chars[o as usize..(o + l) as usize])
    }
}

/// A word list for matching at a position: words grouped by their first char (and, separately, by
/// their last char), longest first inside a group, so a lookup is one hash probe and a few
/// comparisons however long the list.
pub(crate) struct WordList {
    #[cfg(test)]
    words: Vec<Vec<char>>,
    by_first: Grouped,
    by_last: Grouped,
}

impl WordList {
    pub(crate) fn new(words: &[&str]) -> WordList {
        let mut words: Vec<Vec<char>> =
            words.iter().map(|w| w.chars().collect::<Vec<char>>()).filter(|w| !w.is_empty()).collect();
        crate::order::by(&mut words, |a, b| b.len().cmp(&a.len()));
        words.dedup();
        let by_first = Grouped::new(&words, |w| w[0], |w| w[1]);
        let by_last = Grouped::new(&words, |w| w[w.len() - 1], |w| w[w.len() - 2]);
        WordList {
            #[cfg(test)]
            words,
            by_first,
            by_last,
        }
    }

    /// Whether a word may start with `c` (a bitmap test, for loops that try most positions: calling
    /// [`WordList::prefix_of`] at each costs several times more).
    #[inline(always)]
    pub(crate) fn may_start_with(&self, c: char) -> bool {
        self.by_first.groups.may_contain(c)
    }

    /// Length of the longest word that `s` starts with.
    // Inlined up to the bitmap test: most lookups miss there, and a call costs more than the test.
    #[inline(always)]
    pub(crate) fn prefix_of(&self, s: &[char]) -> Option<usize> {
        let &c = s.first()?;
        if !self.by_first.may_hold(c, s.get(1).copied()) {
            return None;
        }
        self.prefix_in_group(s, c)
    }

    #[inline(never)]
    fn prefix_in_group(&self, s: &[char], c: char) -> Option<usize> {
        self.by_first.group(c).find(|w| starts_with(s, w)).map(<[char]>::len)
    }

    /// Length of the longest word that `s` ends with.
    #[inline(always)]
    pub(crate) fn suffix_of(&self, s: &[char]) -> Option<usize> {
        let &c = s.last()?;
        if !self.by_last.may_hold(c, s.len().checked_sub(2).map(|k| s[k])) {
            return None;
        }
        self.suffix_in_group(s, c)
    }

    #[inline(never)]
    fn suffix_in_group(&self, s: &[char], c: char) -> Option<usize> {
        self.by_last.group(c).find(|w| ends_with(s, w)).map(<[char]>::len)
    }

    pub(crate) fn contains(&self, s: &[char]) -> bool {
        self.prefix_of(s) == Some(s.len())
    }

    /// Whether any word occurs anywhere in `s` (for short strings, where an automaton's set-up costs
    /// more than this).
    pub(crate) fn occurs_in(&self, s: &str) -> bool {
        let mut at = s.char_indices().peekable();
        while let Some((k, c)) = at.next() {
            if !self.by_first.may_hold(c, at.peek().map(|&(_, d)| d)) {
                continue;
            }
            let found = self.by_first.group(c).any(|w| {
                let mut rest = s[k..].chars();
                w.iter().all(|&d| rest.next() == Some(d))
            });
            if found {
                return true;
            }
        }
        false
    }
}

/// One line of `data/units.tsv`.
#[derive(Debug)]
pub(crate) struct Unit {
    pub kind: FigureKind,
    pub mult: f64,
    pub base: &'static str,
    /// After a Chinese numeral it names a formulation (两个维护, 八项规定).
    pub formula: bool,
    /// A lone 一 before it is a figure (一倍, 一季度).
    pub lone_yi: bool,
    /// A lone 一 before it is a figure only as a period (一年来).
    pub lone_yi_period: bool,
    /// Month or day: continues a date.
    pub date_part: bool,
    /// Only as the continuation of a date (6月5号).
    pub continuation_only: bool,
}

/// The units, grouped by first char and longest first inside a group: a lookup is one hash probe on
/// the first char and a few slice comparisons.
struct UnitTable {
    /// Grouped by first char, longest first inside a group.
    entries: Vec<(Vec<char>, Unit)>,
    by_first: CharMap<(u32, u32)>,
}

impl UnitTable {
    fn new(mut entries: Vec<(Vec<char>, Unit)>) -> UnitTable {
        crate::order::by(&mut entries, |a, b| b.0.len().cmp(&a.0.len()));
        let (order, by_first) = group_by_char(entries.len(), |k| entries[k].0[0]);
        let mut slots: Vec<Option<(Vec<char>, Unit)>> = entries.into_iter().map(Some).collect();
        let entries = order.into_iter().filter_map(|k| slots[k].take()).collect();
        UnitTable { entries, by_first }
    }

    /// The units starting with `c`, longest first.
    #[inline]
    fn group(&self, c: char) -> impl Iterator<Item = &(Vec<char>, Unit)> {
        let (lo, hi) = self.by_first.get(c).copied().unwrap_or((0, 0));
        self.entries[lo as usize..hi as usize].iter()
    }

    /// The longest unit `s` starts with, and its length.
    fn longest(&self, s: &[char]) -> Option<(&Unit, usize)> {
        let c = *s.first()?;
        self.group(c).find(|(w, _)| starts_with(s, w)).map(|(w, u)| (u, w.len()))
    }

    #[cfg(test)]
    fn get(&self, w: &[char]) -> Option<&Unit> {
        self.longest(w).filter(|&(_, l)| l == w.len()).map(|(u, _)| u)
    }
}

struct Tables {
    units: UnitTable,
    blocked: WordList,
    /// Listed names; each starts with a numeral, so they are matched where a number starts.
    names: WordList,
    approx_prefix: WordList,
    approx_infix: Vec<char>,
    approx_suffix: WordList,
    approx_suffix_period: WordList,
    period_prefix: WordList,
    period_suffix: WordList,
    range: WordList,
    ordinal_prefix: WordList,
    shu_nouns: WordList,
    magnitude_lead: WordList,
    /// Verbs and the nouns that contain one ([`Tables::not_verbs`] of them): a match of the latter hides
    /// the verb inside it (占比).
    verbs: WordList,
    not_verbs: WordList,
    noun_suffix: CharBits,
    strip_lead: WordList,
    strip_lead_whole: WordList,
    strip_trail: WordList,
    adverbial_end: WordList,
    comparison_lead: WordList,
    after_stop: CharBits,
    after_cut: CharBits,
    /// Every char that can follow a Chinese numeral in a figure: the first chars of the units, the
    /// approximation infixes (余, 多, 来), the range words and 番. See [`Scanner::nothing_quantifies`].
    quantity_follow: CharBits,
}

fn kind_of(s: &str) -> Option<FigureKind> {
    Some(match s {
        "money" => FigureKind::Money,
        "count" => FigureKind::Count,
        "percent" => FigureKind::Percent,
        "ratio" => FigureKind::Ratio,
        "date" => FigureKind::Date,
        "measure" => FigureKind::Measure,
        _ => return None,
    })
}

fn parse_units(text: &'static str) -> Vec<(Vec<char>, Unit)> {
    let mut units = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let (Some(kind), Some(mult)) = (cols.get(1).and_then(|k| kind_of(k)), cols.get(2).and_then(|m| m.parse().ok()))
        else {
            panic!("data/units.tsv: bad line {line:?}");
        };
        let flags = cols.get(4).copied().unwrap_or("");
        let unit = Unit {
            kind,
            mult,
            base: cols.get(3).copied().unwrap_or(cols[0]),
            formula: flags.contains('f'),
            lone_yi: flags.contains('1'),
            lone_yi_period: flags.contains('p'),
            date_part: flags.contains('m'),
            continuation_only: flags.contains('c'),
        };
        units.push((cols[0].chars().collect(), unit));
    }
    units
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let words = word_sections(include_str!("../data/figure-words.txt"));
    let exc = word_sections(include_str!("../data/figure-exceptions.txt"));
    let subj = word_sections(include_str!("../data/figure-subject.txt"));
    let list = |m: &HashMap<&'static str, Vec<&'static str>>, k: &str| m.get(k).cloned().unwrap_or_default();
    let wl = |m: &HashMap<&'static str, Vec<&'static str>>, k: &str| WordList::new(&list(m, k));
    let units = parse_units(include_str!("../data/units.tsv"));
    let quantity_follow = units
        .iter()
        .filter_map(|(w, _)| w.first().copied())
        .chain(["approx-infix", "range"].iter().flat_map(|k| list(&words, k)).filter_map(|w| w.chars().next()))
        .chain(['番'])
        .collect();
    Tables {
        units: UnitTable::new(units),
        blocked: wl(&exc, "blocked"),
        names: wl(&exc, "names"),
        approx_prefix: wl(&words, "approx-prefix"),
        approx_infix: list(&words, "approx-infix").iter().filter_map(|w| w.chars().next()).collect(),
        approx_suffix: wl(&words, "approx-suffix"),
        approx_suffix_period: wl(&words, "approx-suffix-period"),
        period_prefix: wl(&words, "period-prefix"),
        period_suffix: wl(&words, "period-suffix"),
        range: wl(&words, "range"),
        ordinal_prefix: wl(&words, "ordinal-prefix"),
        shu_nouns: wl(&words, "shu-nouns"),
        magnitude_lead: wl(&words, "magnitude-lead"),
        verbs: WordList::new(&[list(&subj, "verbs"), list(&subj, "not-verbs")].concat()),
        not_verbs: wl(&subj, "not-verbs"),
        noun_suffix: list(&subj, "noun-suffix").iter().filter_map(|w| w.chars().next()).collect(),
        strip_lead: wl(&subj, "strip-lead"),
        strip_lead_whole: wl(&subj, "strip-lead-whole"),
        strip_trail: wl(&subj, "strip-trail"),
        adverbial_end: wl(&subj, "adverbial-end"),
        comparison_lead: wl(&subj, "comparison-lead"),
        after_stop: list(&subj, "after-stop").iter().filter_map(|w| w.chars().next()).collect(),
        after_cut: list(&subj, "after-cut").iter().filter_map(|w| w.chars().next()).collect(),
        quantity_follow,
    }
});

/// How a figure was written, for the checks that judge style rather than value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Anatomy {
    /// Where the approximation words in the span start (超过, 余), in order, in chars from the
    /// figure's start; [`approx_word`] reads each.
    pub approx_words: Spots,
    /// The number is written in Chinese numerals (十二次).
    pub chinese: bool,
    /// The number is a lone 一.
    pub lone_yi: bool,
    /// Vague by form: 三五天, 十几次, 几千.
    pub vague: bool,
    /// Two numbers joined by a range connector.
    pub range: bool,
}

/// A few char positions kept inline, so that reading a figure allocates nothing for them: a figure
/// has at most six approximation words (one before the number, one after each number of a range, one
/// inside the unit, two after it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spots {
    len: u8,
    at: [u32; 8],
}

impl Spots {
    fn push(&mut self, k: usize) {
        if usize::from(self.len) < self.at.len() {
            self.at[usize::from(self.len)] = k as u32;
            self.len += 1;
        }
    }

    fn extend(&mut self, ks: impl IntoIterator<Item = usize>) {
        for k in ks {
            self.push(k);
        }
    }

    fn insert_first(&mut self, k: usize) {
        let rest = *self;
        *self = Spots::default();
        self.push(k);
        self.extend(rest.iter());
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.at[..self.len()].iter().map(|&k| k as usize)
    }
}

/// All figures of the text, sorted by start, non-overlapping.
pub fn detect(doc: &Doc) -> Vec<Figure> {
    detect_with_anatomy(doc).0
}

/// All figures of the text, as [`detect`] finds them, and index for index how each was written: what
/// [`anatomy`] reads from the figure's own chars, for the checks, without reading them again.
pub fn detect_with_anatomy(doc: &Doc) -> (Vec<Figure>, Vec<Anatomy>) {
    detect_part(doc, 0, doc.len()).whole()
}

/// The figures that start from char `from` to char `to`, found as the one pass over the whole text
/// finds them as far as the text before `from` does not change them (when `from` is 0, they are
/// the whole pass's but for the subject of the last, which may look past `to`); [`join`] puts two
/// adjacent parts together exactly. `analyze` reads the two halves of a text on two threads: a text dense in figures has
/// little else for the other thread to do.
pub fn detect_part(doc: &Doc, from: usize, to: usize) -> Part {
    let chars = &doc.chars[..];
    let to = to.min(chars.len());
    let from = from.min(to);
    // Figures are built as the pass yields them (no list of raw figures in between): a subject
    // needs only the previous figure and where the next one starts.
    // Reports run to about one figure in 30 chars; growing the vectors copies them. The first part
    // is made room for the figures of all the parts: `join` appends the others to it.
    let room = if from == 0 { chars.len() } else { to - from } / 24;
    let mut figures: Vec<Figure> = Vec::with_capacity(room);
    let mut anatomies: Vec<Anatomy> = Vec::with_capacity(room);
    // Titles and quotes end at a line break (any of the three), so those of the part are those of
    // its chars.
    let protected: Vec<(usize, usize)> =
        protected_spans(&chars[from..to]).into_iter().map(|(s, e)| (s + from, e + from)).collect();
    let mut pass = Pass { chars, protected, i: from, p: 0, prev_end: from, to };
    read_on(doc, &mut pass, &mut figures, &mut anatomies);
    Part { from, to, figures, anatomies, protected: pass.protected }
}

/// Reads the rest of the pass into figures, each after the ones already there.
fn read_on(doc: &Doc, pass: &mut Pass, figures: &mut Vec<Figure>, anatomies: &mut Vec<Anatomy>) {
    let t = &*TABLES;
    let mut next = pass.next();
    while let Some(r) = next.take() {
        next = pass.next();
        let hi = next.as_ref().map_or(doc.len(), |n| n.start);
        let prev = figures.last().map(|f| (f.end, f.kind));
        let figure = build_figure(doc, t, &r, prev, figures.last(), hi);
        figures.push(figure);
        anatomies.push(r.anatomy);
    }
}

/// Figures found by [`detect_part`] in a stretch of the text.
pub struct Part {
    from: usize,
    to: usize,
    figures: Vec<Figure>,
    anatomies: Vec<Anatomy>,
    protected: Vec<(usize, usize)>,
}

impl Part {
    /// The figures and their anatomies of a part that is the whole text.
    pub fn whole(self) -> (Vec<Figure>, Vec<Anatomy>) {
        debug_assert!(self.from == 0);
        (self.figures, self.anatomies)
    }
}

/// Two adjacent parts (`b` begins where `a` ends) as one, exactly as [`detect_with_anatomy`] finds
/// the figures of both together, provided no title or quote spans the cut ([`halves`] cuts so).
///
/// Where the parts meet, the pass is read again, from the figure before `a`'s last, with the state
/// the whole pass has there, until it finds a figure that `b` found too: from a figure on, the pass
/// goes on the same whatever came before it. Usually that is `b`'s first figure; when the cut fell
/// inside a figure, a later one. The figures read again get their subjects from their true
/// neighbours, and so does the figure met again, with those joined to it (4.6万元和2.1万元).
pub fn join(doc: &Doc, a: Part, b: Part) -> (Vec<Figure>, Vec<Anatomy>) {
    let t = &*TABLES;
    let chars = &doc.chars[..];
    debug_assert_eq!(a.to, b.from);
    if b.from >= chars.len() {
        return (a.figures, a.anatomies); // nothing after a: it was read as the whole pass reads it
    }
    let Part { from, mut figures, mut anatomies, mut protected, .. } = a;
    protected.extend(b.protected);
    // The pass's state after the figure before a's last (or at the start of a).
    figures.truncate(figures.len().saturating_sub(1));
    anatomies.truncate(figures.len());
    let resume = figures.last().map_or(from, |f| f.end);
    let p = protected.partition_point(|s| s.1 <= resume);
    let mut pass = Pass { chars, protected, i: resume, p, prev_end: resume, to: chars.len() };
    let same = |r: &Raw, f: &Figure, an: &Anatomy| {
        r.start == f.start
            && r.end == f.end
            && r.kind == f.kind
            && r.value.to_bits() == f.value.to_bits()
            && r.value_max.map(f64::to_bits) == f.value_max.map(f64::to_bits)
            && r.unit.to_unit_string() == f.unit
            && r.anatomy == *an
    };
    // Read again until a figure of b comes again (k: b's first figure not before the one read).
    let mut again: Vec<Raw> = Vec::new();
    let mut k = 0;
    let met = loop {
        let Some(r) = pass.next() else { break None };
        while k < b.figures.len() && b.figures[k].start < r.start {
            k += 1;
        }
        if k < b.figures.len() && same(&r, &b.figures[k], &b.anatomies[k]) {
            break Some(k);
        }
        again.push(r);
    };
    let next_start = |j: usize| again.get(j + 1).map(|r| r.start).or(met.map(|k| b.figures[k].start)).unwrap_or(chars.len());
    for (j, r) in again.iter().enumerate() {
        let prev = figures.last().map(|f| (f.end, f.kind));
        let figure = build_figure(doc, t, r, prev, figures.last(), next_start(j));
        figures.push(figure);
    }
    anatomies.extend(again.into_iter().map(|r| r.anatomy));
    let Some(k) = met else { return (figures, anatomies) };
    let boundary = figures.len();
    figures.extend(b.figures.into_iter().skip(k));
    anatomies.extend(b.anatomies.into_iter().skip(k));
    for k in boundary..figures.len() {
        let prev = k.checked_sub(1).map(|j| (figures[j].end, figures[j].kind));
        let joined = prev.is_some_and(|(end, kind)| kind == figures[k].kind && only_conjunction(&chars[end..figures[k].start]));
        if k > boundary && !joined {
            break;
        }
        let hi = figures.get(k + 1).map_or(chars.len(), |f| f.start);
        let subject = subject_of(doc, t, &figures[k], prev, k.checked_sub(1).map(|j| &figures[j]), hi);
        figures[k].subject = subject;
    }
    (figures, anatomies)
}

/// Where [`detect_part`] best cuts a text in two: near the middle, after the first line break or
/// sentence or clause end there (where a figure ends, so that [`join`] meets `b`'s first figure
/// again), and never inside a title or quote; the end of the text when it is short.
pub fn halves(doc: &Doc) -> usize {
    const LOOK: usize = 200;
    let chars = &doc.chars[..];
    let n = chars.len();
    if n < 2 {
        return n;
    }
    let mid = n / 2;
    let after_end = chars[mid..(mid + LOOK).min(n)]
        .iter()
        .position(|&c| matches!(c, '\n' | '\r') || is_clause_end(c) || c == '、')
        .map(|k| mid + k + 1);
    let mut cut = after_end.unwrap_or(mid);
    // A title or quote that spans the cut moves it to its end: the parts would not see it.
    // (Spans may overlap, so look again before the new cut.)
    loop {
        let crossing = (cut.saturating_sub(MAX_PROTECTED)..cut).filter_map(|i| protected_at(chars, i)).map(|s| s.1).max();
        match crossing {
            Some(e) if e > cut => cut = e,
            _ => return cut.min(n),
        }
    }
}

fn build_figure(doc: &Doc, t: &Tables, r: &Raw, prev: Option<(usize, FigureKind)>, prev_figure: Option<&Figure>, hi: usize) -> Figure {
    let mut f = Figure {
        start: r.start,
        end: r.end,
        text: doc.slice(r.start, r.end).into(),
        value: r.value,
        value_max: r.value_max,
        unit: r.unit.to_unit_string(),
        kind: r.kind,
        approx: r.anatomy.vague || !r.anatomy.approx_words.is_empty(),
        subject: CompactString::default(),
    };
    f.subject = subject_of(doc, t, &f, prev, prev_figure, hi);
    f
}

/// The subject of a figure, given the figure before it (its end and kind, and itself) and where the
/// next one starts.
fn subject_of(doc: &Doc, t: &Tables, f: &Figure, prev: Option<(usize, FigureKind)>, prev_figure: Option<&Figure>, hi: usize) -> CompactString {
    let chars = &doc.chars[..];
    let lo = prev.map_or(0, |(end, _)| end);
    let joined = prev.is_some_and(|(_, kind)| kind == f.kind) && only_conjunction(&chars[lo..f.start]);
    if f.kind == FigureKind::Date {
        CompactString::default()
    } else if joined {
        // 4.6万元和2.1万元, 增长5.1%和7.4%: a figure joined to the previous one counts the same thing.
        prev_figure.map(|p| p.subject.clone()).unwrap_or_default()
    } else {
        subject(doc, t, f, lo, hi)
    }
}

/// How the figure made of exactly `chars` (folded, as in [`Doc::chars`]) was written, read as if it
/// were the whole text; `None` when those chars alone are no figure. The checks call this for every
/// figure, so it reads only the figure's own chars and computes no subjects.
pub fn anatomy(chars: &[char]) -> Option<Anatomy> {
    // Figures are read in order and do not overlap: one spanning all of `chars` is the first.
    Pass::new(chars).next().filter(|r| r.start == 0 && r.end == chars.len()).map(|r| r.anatomy)
}

/// The approximation word at `k` of a figure made of exactly `chars` (as [`Anatomy::approx_words`]
/// gives it), for messages.
pub fn approx_word(chars: &[char], k: usize) -> String {
    let scanner = Scanner { chars, t: &TABLES, floor: 0, limit: chars.len() };
    let t = scanner.t;
    let all = [&t.approx_prefix, &t.approx_suffix, &t.approx_suffix_period];
    let len = all.iter().filter_map(|w| scanner.word_at(k, w)).max().unwrap_or(1);
    chars[k..(k + len).min(chars.len())].iter().collect()
}

/// The one left-to-right pass over the text, yielding the figures in order as it reads them.
struct Pass<'a> {
    chars: &'a [char],
    protected: Vec<(usize, usize)>,
    /// Where reading continues.
    i: usize,
    /// The first protected span not wholly before `i`.
    p: usize,
    /// End of the last figure read.
    prev_end: usize,
    /// No figure starts from here on (figures may end beyond).
    to: usize,
}

impl<'a> Pass<'a> {
    fn new(chars: &'a [char]) -> Pass<'a> {
        Pass { chars, protected: protected_spans(chars), i: 0, p: 0, prev_end: 0, to: chars.len() }
    }
}

impl Iterator for Pass<'_> {
    type Item = Raw;

    fn next(&mut self) -> Option<Raw> {
        let t = &*TABLES;
        let (chars, protected) = (self.chars, &self.protected);
        let n = chars.len();
        let mut i = self.i;
        while i < self.to {
            let c = chars[i];
            if !could_start_number(c) {
                i += 1;
                continue;
            }
            while self.p < protected.len() && protected[self.p].1 <= i {
                self.p += 1;
            }
            if let Some(&(s, e)) = protected.get(self.p) {
                if s <= i {
                    i = e;
                    continue;
                }
            }
            let limit = protected.get(self.p).map_or(n, |s| s.0);
            if let Some(l) = t.names.prefix_of(&chars[i..limit]) {
                i += l;
                continue;
            }
            let scanner = Scanner { chars, t, floor: self.prev_end, limit };
            if let Some(end) = scanner.nothing_quantifies(i) {
                i = end;
                continue;
            }
            match scanner.figure_at(i) {
                Ok(raw) => {
                    self.prev_end = raw.end;
                    self.i = raw.end;
                    return Some(raw);
                }
                Err(skip) => i = skip.max(i + 1),
            }
        }
        self.i = n;
        None
    }
}

/// Every char that can start a number (the ASCII digits and the Chinese numerals), each in the slot
/// [`numeral_slot`] gives it: a perfect hash, checked when the table is built, so that the main loop
/// tests a char with a multiply, a load and a compare.
const NUMERAL_SLOTS: [u32; 256] = {
    const STARTS: [char; 28] = [
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七',
        '八', '九', '十', '百', '千', '万', '亿', '几',
    ];
    // No char has the value u32::MAX: it marks an empty slot.
    let mut slots = [u32::MAX; 256];
    let mut k = 0;
    while k < STARTS.len() {
        let slot = numeral_slot(STARTS[k]);
        assert!(slots[slot] == u32::MAX, "numeral slots collide: pick another multiplier");
        slots[slot] = STARTS[k] as u32;
        k += 1;
    }
    slots
};

const fn numeral_slot(c: char) -> usize {
    ((c as u32).wrapping_mul(0x85EB_CA6B) >> 24) as usize
}

/// The main loop's test, run on every char: can a number start here?
#[inline]
fn could_start_number(c: char) -> bool {
    NUMERAL_SLOTS[numeral_slot(c)] == c as u32
}

fn only_conjunction(between: &[char]) -> bool {
    !between.is_empty() && between.len() <= 2 && between.iter().all(|c| matches!(c, '和' | '与' | '及' | '、' | '或'))
}

/// Offsets of the chars that `hit` accepts, for chars that are rare: each block of chars is tested
/// as a whole first, with `hit` made branch-free (`|` rather than `||`) so that the test vectorises.
pub(crate) fn rare_chars<'a>(chars: &'a [char], hit: impl Fn(char) -> bool + Copy + 'a) -> impl Iterator<Item = usize> + 'a {
    const BLOCK: usize = 32;
    // A whole block as an array: with its length known, the test unrolls and vectorises fully.
    let any = move |block: &[char]| match <&[char; BLOCK]>::try_from(block) {
        Ok(full) => full.iter().fold(false, |any, &c| any | hit(c)),
        Err(_) => block.iter().fold(false, |any, &c| any | hit(c)),
    };
    chars
        .chunks(BLOCK)
        .enumerate()
        .filter(move |(_, block)| any(block))
        .flat_map(move |(k, block)| block.iter().enumerate().filter(move |(_, &c)| hit(c)).map(move |(j, _)| k * BLOCK + j))
}

/// Spans whose numerals are names, not quantities: book titles 《…》 and short quotes (“两个维护”,
/// “四个一”). Sorted, merged. (Listed names are matched at each number instead.)
fn protected_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // Two tests where four would do: ‘ (U+2018) and “ (U+201C) differ in one bit, 《 (U+300A) and 「
    // (U+300C) in two, which also let in 〈 and 『 (passed over below). Run on every char of the text.
    let opener = |c: char| ((c as u32 | 0x4) == 0x201C) | ((c as u32 | 0x6) == 0x300E);
    spans.extend(rare_chars(chars, opener).filter_map(|i| protected_at(chars, i)));
    // Openers are met in order, so spans are sorted by start; merge nested and overlapping ones.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The longest span [`protected_at`] gives: a title, its marks and a char to spare.
const MAX_PROTECTED: usize = 62;

/// The title or quote that opens at `i`: up to its closing mark, unless another opening mark or a
/// line break comes first or it is too long.
fn protected_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    const MAX_TITLE: usize = 60;
    const MAX_QUOTE: usize = 12;
    let c = chars[i];
    let (close, max) = match c {
        '《' => ('》', MAX_TITLE),
        '“' => ('”', MAX_QUOTE),
        '‘' => ('’', MAX_QUOTE),
        '「' => ('」', MAX_QUOTE),
        _ => return None,
    };
    let end = (i + 1 + max + 1).min(chars.len());
    let k = chars[i + 1..end].iter().position(|&d| d == close || d == c || d == '\n' || d == '\r')?;
    (chars[i + 1 + k] == close).then_some((i, i + k + 2))
}

/// A figure before it becomes a [`Figure`].
struct Raw {
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Base,
    kind: FigureKind,
    anatomy: Anatomy,
}

/// A number as read at one position.
#[derive(Debug, Clone, Copy)]
struct NumTok {
    start: usize,
    end: usize,
    num: Num,
    /// Upper end of a vague number (三五, 十几), unscaled.
    max: Option<f64>,
    vague: bool,
    chinese: bool,
    lone_yi: bool,
    digit_string: bool,
    digits: usize,
    /// Written 百分之三十 (or 千分之五): the number is a percentage (per mille) already.
    percent: Option<&'static str>,
}

/// A unit as matched after a number.
#[derive(Clone, Copy)]
struct UnitHit {
    unit: &'static Unit,
    end: usize,
    /// Position of an approximation word inside the unit (一个多月).
    approx_at: Option<usize>,
    /// A per-unit tail (元/人): the second unit's base.
    per: Option<&'static str>,
}

impl UnitHit {
    fn base(&self) -> Base {
        Base { unit: self.unit.base, per: self.per }
    }
}

/// A figure's base unit as reported: 元, 元/平方米 for a price per unit, % for 百分之三十, or none.
/// Kept as static parts so that reading a figure allocates nothing until it is reported.
#[derive(Clone, Copy, PartialEq)]
struct Base {
    unit: &'static str,
    per: Option<&'static str>,
}

impl Base {
    const NONE: Base = Base { unit: "", per: None };

    /// A plain unit (not a rate) named `unit`.
    fn is(self, unit: &str) -> bool {
        self.per.is_none() && self.unit == unit
    }

    fn to_unit_string(self) -> Cow<'static, str> {
        match self.per {
            Some(per) => Cow::Owned(format!("{}/{}", self.unit, per)),
            None => Cow::Borrowed(self.unit),
        }
    }
}

/// A number or range with its unit, before the words around it are read.
struct Quantity {
    end: usize,
    /// Magnitude (万, 亿) applying to the low end.
    mag: f64,
    /// The high end of a range and its magnitude.
    hi: Option<(NumTok, f64)>,
    unit: Option<UnitHit>,
    base: Base,
    mult: f64,
    kind: FigureKind,
    /// Positions of the approximation words read so far.
    approx: Spots,
}

/// What follows a number: approximation words, magnitudes, the unit.
struct Tail {
    end: usize,
    mag: f64,
    unit: Option<UnitHit>,
    approx: Spots,
}

struct Scanner<'a> {
    chars: &'a [char],
    t: &'static Tables,
    /// Nothing before this belongs to the next figure (the previous figure's end).
    floor: usize,
    /// Nothing at or after this does (the next protected span).
    limit: usize,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<char> {
        if i < self.limit {
            self.chars.get(i).copied()
        } else {
            None
        }
    }

    /// The chars from `i` up to the limit.
    fn ahead(&self, i: usize) -> &[char] {
        let end = self.limit.min(self.chars.len());
        &self.chars[i.min(end)..end]
    }

    /// The longest word of `words` that starts at `i` (and ends before the limit).
    fn word_at(&self, i: usize, words: &WordList) -> Option<usize> {
        words.prefix_of(self.ahead(i))
    }

    /// The longest word of `words` that ends right before `i` (and starts after the floor).
    fn word_before(&self, i: usize, words: &WordList) -> Option<usize> {
        words.suffix_of(&self.chars[self.floor.min(i)..i])
    }

    fn figure_at(&self, i: usize) -> Result<Raw, usize> {
        let a = self.read_number(i)?;
        if self.word_before(a.start, &self.t.ordinal_prefix).is_some() {
            return Err(self.skip_ordinal(a));
        }
        if let Some(raw) = self.doubling(&a) {
            return Ok(raw);
        }
        let mut q = self.quantity(&a)?;
        let end = self.suffixes(&a, &mut q)?;
        let start = self.prefixes(&a, &mut q);
        if self.session_ordinal(start, q.unit) {
            return Err(end);
        }
        Ok(self.raw(&a, q, start, end))
    }

    /// The number or range and its unit from `a` on: 50亿元, 3—5次, 3至5万元, 1.2亿, 百分之三十.
    fn quantity(&self, a: &NumTok) -> Result<Quantity, usize> {
        let tail_a = self.read_tail(a.end);
        let mut approx = tail_a.approx;
        let (tail, hi) = match self.range_after(a, &tail_a) {
            Some((b, tail_b)) => {
                approx.extend(tail_b.approx.iter());
                // 3至5万元: the low end takes the high end's magnitude when it has none of its own.
                let mag = if tail_a.unit.is_none() && tail_a.mag == 1.0 { tail_b.mag } else { tail_a.mag };
                let hi = Some((b, tail_b.mag));
                (Tail { mag, ..tail_b }, hi)
            }
            None => (tail_a, None),
        };
        let (base, mult, kind) = match (tail.unit, a.percent) {
            (None, Some(u)) => (Base { unit: u, per: None }, 1.0, FigureKind::Percent),
            (Some(_), Some(_)) => return Err(a.end),
            (Some(h), None) => (h.base(), h.unit.mult, h.unit.kind),
            // 1.2亿, 300多万: a magnitude with no unit is still a quantity, of unknown unit.
            (None, None) if !a.chinese && tail.mag >= 1e4 => (Base::NONE, 1.0, FigureKind::Count),
            (None, None) => return Err(a.end),
        };
        if let Some(h) = tail.unit {
            self.unit_allowed(a, hi.is_some(), h, tail.end)?;
            approx.extend(h.approx_at);
        }
        if a.digit_string && !(a.digits == 4 && base.is("年")) {
            return Err(a.end); // 二〇二三年 is a year; other digit strings are codes
        }
        Ok(Quantity { end: tail.end, mag: tail.mag, hi, unit: tail.unit, base, mult, kind, approx })
    }

    /// Words after the quantity (3年多, 10次左右, 一年来) and the rest of a date; returns the end.
    fn suffixes(&self, a: &NumTok, q: &mut Quantity) -> Result<usize, usize> {
        let mut end = q.end;
        let is_date = q.kind == FigureKind::Date;
        if is_date || q.kind == FigureKind::Measure {
            if let Some(l) = self.word_at(end, &self.t.approx_suffix_period) {
                q.approx.push(end);
                end += l;
            }
        }
        if let Some(l) = self.word_at(end, &self.t.approx_suffix) {
            // 上下 is approximate only at the end of a phrase: 全市上下联动 is no 50人上下.
            if self.chars[end..end + l] != ['上', '下'] || !self.at(end + l).is_some_and(is_han) {
                q.approx.push(end);
                end += l;
            }
        }
        if is_date {
            if let Some(l) = self.word_at(end, &self.t.period_suffix) {
                end += l;
            } else if q.hi.is_none() && q.approx.is_empty() {
                end = self.date_continuation(end, q.base);
            }
        }
        // 一年 alone is "a year" inside a phrase; 一年来 is the period.
        if a.lone_yi && q.hi.is_none() && q.unit.is_some_and(|h| h.unit.lone_yi_period) && end == q.end {
            return Err(a.end);
        }
        Ok(end)
    }

    /// Words before the number (约300人, 超过2次; 近三年 as a period, not approximate); returns the start.
    fn prefixes(&self, a: &NumTok, q: &mut Quantity) -> usize {
        if q.kind == FigureKind::Date {
            if let Some(l) = self.word_before(a.start, &self.t.period_prefix) {
                return a.start - l;
            }
        }
        match self.word_before(a.start, &self.t.approx_prefix) {
            Some(l) => {
                q.approx.insert_first(a.start - l);
                a.start - l
            }
            None => a.start,
        }
    }

    fn raw(&self, a: &NumTok, q: Quantity, start: usize, end: usize) -> Raw {
        let scale = q.mag * q.mult;
        let value_max = match q.hi {
            Some((b, b_mag)) => Some(b.max.unwrap_or(b.num.value()) * b_mag * q.mult),
            None => a.max.map(|m| m * scale),
        };
        Raw {
            start,
            end,
            value: a.num.times(scale),
            value_max,
            unit: q.base,
            kind: q.kind,
            anatomy: Anatomy {
                // The words as the figure's own chars hold them (see `approx_word`).
                approx_words: {
                    let mut own = Spots::default();
                    own.extend(q.approx.iter().map(|k| k - start));
                    own
                },
                chinese: a.chinese,
                lone_yi: a.lone_yi,
                vague: a.vague || q.hi.is_some_and(|(b, _)| b.vague),
                range: q.hi.is_some(),
            },
        }
    }

    /// Reads the number at `i`; on failure, where to continue.
    fn read_number(&self, i: usize) -> Result<NumTok, usize> {
        if self.chars[i].is_ascii_digit() {
            self.read_arabic(i)
        } else {
            self.read_chinese(i)
        }
    }

    fn read_arabic(&self, i: usize) -> Result<NumTok, usize> {
        let chars = self.chars;
        let a = numerals::parse_arabic(chars, i);
        let end = a.end;
        let mut num = a.num.ok_or(end)?;
        let before = |k: usize| if i >= k { chars.get(i - k).copied() } else { None };
        // Glued to Latin letters (G20, 5G, H7N9) or part of a dotted, timed or dashed code
        // (1.2.3, 8:30, 0371-1234): a code, not a quantity.
        if before(1).is_some_and(|c| c.is_ascii_alphabetic()) || chars.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            return Err(end);
        }
        // (A range's second number starts exactly at the floor and is exempt: 3-5次.)
        if i > self.floor && matches!(before(1), Some('.' | ':' | '/' | '-' | '_')) && before(2).is_some_and(|c| c.is_ascii_digit()) {
            return Err(end);
        }
        if matches!(chars.get(end), Some(':' | '/')) && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit()) {
            return Err(end + 1);
        }
        let mut start = i;
        if i > self.floor && matches!(before(1), Some('-' | '−' | '+')) && !before(2).is_some_and(|c| c.is_ascii_alphanumeric()) {
            start = i - 1;
            if before(1) != Some('+') {
                num.mantissa = -num.mantissa;
            }
        }
        Ok(NumTok {
            start,
            end,
            num,
            max: None,
            vague: false,
            chinese: false,
            lone_yi: false,
            digit_string: false,
            digits: end - i,
            percent: None,
        })
    }

    /// End of the run of Chinese numerals (with a decimal 点) that starts at `i`.
    fn cn_run_end(&self, i: usize) -> usize {
        let mut end = i;
        while let Some(c) = self.at(end) {
            let decimal_point = c == '点' && end > i && self.at(end + 1).and_then(numerals::cn_digit).is_some();
            if !numerals::is_cn_numeral(c) && !decimal_point {
                break;
            }
            end += 1;
        }
        end
    }

    /// The end of the Chinese numeral run at `i` when no reading of it can be a figure, which is
    /// where [`Scanner::figure_at`] would continue too; `None` when the full reading is needed.
    ///
    /// Chinese numerals are common in prose (一是, 进一步, 一、), and most are followed by nothing a
    /// figure could go on with. A Chinese number is a figure only with a unit, an approximation
    /// infix before one (十余人), a range (三至五次), 番 (翻两番) — all of which start right at the
    /// run's end — or as a percentage (百分之三十). Two exceptions start inside the run and are left
    /// to the full reading: a 千 that begins the unit (八千米), and 之 before the run (百分之, 千分之).
    fn nothing_quantifies(&self, i: usize) -> Option<usize> {
        if self.chars[i].is_ascii_digit() || (i > 0 && self.chars[i - 1] == '之') {
            return None;
        }
        let end = self.cn_run_end(i);
        if self.chars[end - 1] == '千' || self.at(end).is_some_and(|c| self.t.quantity_follow.contains(&c)) {
            return None;
        }
        Some(end)
    }

    fn read_chinese(&self, i: usize) -> Result<NumTok, usize> {
        let chars = self.chars;
        let mut end = self.cn_run_end(i);
        let run_end = end;
        let first = chars[i];
        let lead_ok = numerals::cn_digit(first).is_some() || matches!(first, '十' | '几');
        let percent = [(['百', '分', '之'], "%"), (['千', '分', '之'], "‰")]
            .into_iter()
            .find(|(w, _)| i >= self.floor + 3 && chars[i - 3..i] == w[..])
            .map(|(_, u)| u);
        // 数十, 数百万: 数 as "several", unless it ends a noun (人数十余人).
        let shu = percent.is_none()
            && numerals::cn_digit(first).is_none()
            && first != '几'
            && i > self.floor
            && chars[i - 1] == '数'
            && !(i >= 2 && self.t.shu_nouns.contains(&chars[i - 2..i]));
        let hundred = percent.is_some() && first == '百' && end == i + 1;
        // 近千人, 上万人, 千余人: a bare magnitude made approximate by the word before or after it.
        let lead = self.word_before(i, &self.t.magnitude_lead);
        let bare = !lead_ok
            && !shu
            && !hundred
            && end == i + 1
            && matches!(first, '百' | '千' | '万' | '亿')
            && (lead.is_some() || matches!(self.at(end), Some('余' | '多')));
        if !lead_ok && !shu && !hundred && !bare {
            return Err(run_end);
        }
        // 八千米 is 8 公里, not 8000 米: leave a 千 that starts a unit to the unit.
        if end - i > 1 && chars[end - 1] == '千' && self.unit_at(end - 1).is_some_and(|h| h.end > end) {
            end -= 1;
        }
        let run = &chars[i..end];
        let parsed = if hundred {
            numerals::CnNum { num: Num::int(100.0), max: None, approx: false, digit_string: false }
        } else if bare {
            let value = numerals::cn_unit(first).unwrap_or(1.0);
            numerals::CnNum { num: Num::int(value), max: None, approx: true, digit_string: false }
        } else if shu {
            let vague: Vec<char> = std::iter::once('几').chain(run.iter().copied()).collect();
            numerals::parse_chinese(&vague).ok_or(run_end)?
        } else {
            numerals::parse_chinese(run).ok_or(run_end)?
        };
        // The lead word goes into the span here unless the approximation prefixes take it later (上万).
        let own_lead = lead.filter(|&l| bare && self.t.approx_prefix.suffix_of(&chars[i - l..i]) != Some(l));
        let start = match (percent, shu, own_lead) {
            (Some(_), _, _) => i - 3,
            (None, true, _) => i - 1,
            (None, false, Some(l)) => i - l,
            _ => i,
        };
        Ok(NumTok {
            start,
            end,
            num: parsed.num,
            max: parsed.max,
            vague: parsed.approx,
            chinese: true,
            lone_yi: run == ['一'] && !shu,
            digit_string: parsed.digit_string,
            digits: end - i,
            percent,
        })
    }

    /// After 第一/第3: skip the number and a range that continues it (第1—3季度).
    fn skip_ordinal(&self, a: NumTok) -> usize {
        match self.word_at(a.end, &self.t.range) {
            Some(l) => {
                let mut k = a.end + l;
                while self.at(k).is_some_and(|c| c.is_ascii_digit() || numerals::is_cn_numeral(c)) {
                    k += 1;
                }
                k
            }
            None => a.end,
        }
    }

    /// 翻一番 → ×2, 翻两番 → ×4 (unit 倍).
    fn doubling(&self, a: &NumTok) -> Option<Raw> {
        if self.at(a.end) != Some('番') || a.percent.is_some() || a.vague {
            return None;
        }
        let start = [&['翻', '了'][..], &['翻'][..]]
            .iter()
            .find(|w| a.start >= self.floor + w.len() && self.chars[a.start - w.len()..a.start] == w[..])
            .map(|w| a.start - w.len())?;
        let times = a.num.value();
        if !(1.0..=10.0).contains(&times) || times.fract() != 0.0 {
            return None;
        }
        Some(Raw {
            start,
            end: a.end + 1,
            value: 2f64.powi(times as i32),
            value_max: None,
            unit: Base { unit: "倍", per: None },
            kind: FigureKind::Ratio,
            anatomy: Anatomy { chinese: a.chinese, lone_yi: a.lone_yi, ..Anatomy::default() },
        })
    }

    /// What follows a number: [余/多/来] [万/亿…] [余/多] unit.
    fn read_tail(&self, k0: usize) -> Tail {
        let mut k = k0;
        let mut approx = Spots::default();
        let infix = |k: usize| self.at(k).is_some_and(|c| self.t.approx_infix.contains(&c));
        if infix(k) {
            approx.push(k);
            k += 1;
        }
        let mut mag = 1.0;
        let mut unit = self.unit_at(k);
        while unit.is_none() {
            match self.at(k).and_then(numerals::magnitude) {
                Some(m) if mag < 1e16 => {
                    mag *= m;
                    k += 1;
                    unit = self.unit_at(k);
                }
                _ => break,
            }
        }
        if unit.is_none() && approx.is_empty() && mag > 1.0 && infix(k) {
            approx.push(k);
            k += 1;
            unit = self.unit_at(k);
        }
        if unit.is_none() && !approx.is_empty() && mag == 1.0 {
            return Tail { end: k0, mag: 1.0, unit: None, approx: Spots::default() };
        }
        Tail { end: unit.map_or(k, |h| h.end), mag, unit, approx }
    }

    /// The longest unit at `k`, unless the text there continues into another word (期间, 年级).
    fn unit_at(&self, k: usize) -> Option<UnitHit> {
        let t = self.t;
        let s = self.ahead(k);
        let &c = s.first()?;
        // 一个多月, 两个余小时: the approximation word sits inside the unit.
        if c == '个' && s.len() >= 3 && matches!(s[1], '多' | '余') {
            let inner = t.units.group('个').find(|(w, u)| {
                w.len() >= 2 && s[2..].starts_with(&w[1..]) && matches!(u.kind, FigureKind::Date | FigureKind::Measure)
            });
            if let Some((w, u)) = inner {
                return Some(UnitHit { unit: u, end: k + w.len() + 1, approx_at: Some(k + 1), per: None });
            }
        }
        let (u, len) = t.units.longest(s)?;
        if t.blocked.prefix_of(s).is_some_and(|b| b > len) {
            return None;
        }
        let end = k + len;
        // 元/人, 元/平方米: a price or a rate per unit.
        let per = if self.at(end) == Some('/') { t.units.longest(self.ahead(end + 1)) } else { None };
        Some(match per {
            Some((p, l)) => UnitHit { unit: u, end: end + 1 + l, approx_at: None, per: Some(p.base) },
            None => UnitHit { unit: u, end, approx_at: None, per: None },
        })
    }

    /// A second number joined by a range connector: 3—5次, 10%—15%, 3至5万元.
    fn range_after(&self, a: &NumTok, tail_a: &Tail) -> Option<(NumTok, Tail)> {
        if a.percent.is_some() || a.digit_string {
            return None;
        }
        let l = self.word_at(tail_a.end, &self.t.range)?;
        let k = tail_a.end + l;
        let c = self.at(k)?;
        if !c.is_ascii_digit() && !numerals::is_cn_numeral(c) {
            return None;
        }
        let sub = Scanner { floor: k, ..*self };
        let b = sub.read_number(k).ok()?;
        if b.percent.is_some() || b.digit_string || b.start != k {
            return None;
        }
        let tail_b = sub.read_tail(b.end);
        let ub = tail_b.unit?;
        match tail_a.unit {
            None => Some((b, tail_b)),
            Some(ua) if std::ptr::eq(ua.unit, ub.unit) && ua.per == ub.per && tail_a.mag == tail_b.mag => Some((b, tail_b)),
            Some(_) => None,
        }
    }

    /// Rules on the numeral as written before a unit. `Err` where to continue.
    fn unit_allowed(&self, a: &NumTok, range: bool, h: UnitHit, end: usize) -> Result<(), usize> {
        let u = h.unit;
        if u.continuation_only {
            return Err(a.end);
        }
        // 两个维护, 八项规定, 五位一体, 十个坚持: Chinese numerals up to 十 before these measure words
        // name formulations; 十二项 and 十五个 are counts.
        if a.chinese && u.formula && a.num.value() <= 10.0 {
            return Err(h.end);
        }
        // 一批, 一次性, 一项工作: a lone 一 is the article "a".
        if a.lone_yi && !range && !u.lone_yi && !u.lone_yi_period {
            return Err(end);
        }
        Ok(())
    }

    /// 2023年12月31日 and 12月31日 are one date each.
    fn date_continuation(&self, mut end: usize, base: Base) -> usize {
        let mut want = match base {
            _ if base.is("年") => "月",
            _ if base.is("月") => "日",
            _ => return end,
        };
        loop {
            let Some(c) = self.at(end) else { return end };
            if !c.is_ascii_digit() && !numerals::is_cn_numeral(c) {
                return end;
            }
            let sub = Scanner { floor: end, ..*self };
            let Ok(b) = sub.read_number(end) else { return end };
            let Some(h) = sub.unit_at(b.end) else { return end };
            if !h.unit.date_part || h.unit.base != want || b.num.value() < 1.0 || b.num.value() > 31.0 {
                return end;
            }
            end = h.end;
            if want == "日" {
                return end;
            }
            want = "日";
        }
    }

    /// 十四届全国人大二次会议: by convention a session's number, an ordinal without 第.
    fn session_ordinal(&self, start: usize, unit: Option<UnitHit>) -> bool {
        if !unit.is_some_and(|h| h.unit.base == "次") {
            return false;
        }
        let from = start.saturating_sub(12).max(self.floor);
        self.chars[from..start].iter().rev().take_while(|&&c| !is_clause_end(c)).any(|&c| c == '届')
    }
}

/// What the figure counts: the noun phrase of its clause, see `data/figure-subject.txt`.
fn subject(doc: &Doc, t: &Tables, r: &Figure, prev_end: usize, next_start: usize) -> CompactString {
    const BEFORE: usize = 40;
    const AFTER: usize = 12;
    let chars = &doc.chars[..];
    // The clause back to a boundary, at most BEFORE chars and not into the previous figure.
    let from = prev_end.max(r.start.saturating_sub(BEFORE)).min(r.start);
    let lo = chars[from..r.start].iter().rposition(|&c| is_boundary(c)).map_or(from, |k| from + k + 1);
    // 为年度计划的87.5%, 是去年同期的1.5倍, 占支出的八成: the phrase before 的 is the base of the
    // comparison, not what the figure measures.
    if matches!(r.kind, FigureKind::Percent | FigureKind::Ratio) && lo < r.start && chars[r.start - 1] == '的' {
        return CompactString::default();
    }
    let phrase = |a: usize, b: usize| clean(t, chars, a, b);
    // The folded string holds the same chars: one copy instead of a push per char.
    let text = |(a, b): (usize, usize)| CompactString::from(doc.norm_slice(a, b));
    let after = || after_noun(doc, t, r, next_start.min(r.end + AFTER)).map(text);
    let counted = matches!(r.kind, FigureKind::Count | FigureKind::Measure);
    let verbs = verbs_in(doc, t, lo, r.start);
    let Some((vs, ve)) = verbs.last else {
        return match phrase(lo, r.start) {
            Some(p) => text(p),
            None if counted => after().unwrap_or_default(),
            None => CompactString::default(),
        };
    };
    if let Some(p) = phrase(ve, r.start) {
        return text(p);
    }
    if counted {
        if let Some(a) = after() {
            return a;
        }
    }
    if verbs.count > 1 {
        return CompactString::default(); // the phrase before this verb is another verb's object
    }
    match phrase(lo, vs) {
        Some(p) if t.adverbial_end.suffix_of(&chars[p.0..p.1]).is_none() => text(p),
        _ => CompactString::default(),
    }
}

/// The verbs in a stretch of text: how many, the first and the last (char ranges).
#[derive(Default)]
struct Verbs {
    count: usize,
    first: Option<(usize, usize)>,
    last: Option<(usize, usize)>,
}

/// The verbs between two char offsets, without those inside nouns (占比, 党组织, 增加值, 覆盖率).
/// Leftmost-longest and non-overlapping, so a noun that contains a verb hides it.
fn verbs_in(doc: &Doc, t: &Tables, lo: usize, hi: usize) -> Verbs {
    let chars = &doc.chars[lo..hi];
    let mut v = Verbs::default();
    let mut k = 0;
    while k < chars.len() {
        if !t.verbs.may_start_with(chars[k]) {
            k += 1;
            continue;
        }
        let Some(l) = t.verbs.prefix_of(&chars[k..]) else {
            k += 1;
            continue;
        };
        let word = &chars[k..k + l];
        let noun = t.not_verbs.contains(word) || chars.get(k + l).is_some_and(|c| t.noun_suffix.contains(c));
        if !noun {
            let range = (lo + k, lo + k + l);
            v.count += 1;
            v.first.get_or_insert(range);
            v.last = Some(range);
        }
        k += l;
    }
    v
}

// Every boundary lies outside U+300C–U+FEFF, where the Han chars that make up most of the text are:
// one comparison answers for those.
#[inline]
fn is_boundary(c: char) -> bool {
    !('\u{300C}'..'\u{FF00}').contains(&c)
        && (is_clause_end(c) || matches!(c, '\n' | '\r' | '(' | ')' | '（' | '）' | '“' | '”' | '《' | '》'))
}

/// The noun phrase right after a count (召开12次|中心组集中学习): up to a verb, punctuation or `hi`.
fn after_noun(doc: &Doc, t: &Tables, r: &Figure, hi: usize) -> Option<(usize, usize)> {
    let chars = &doc.chars[..];
    let first = *chars.get(r.end)?;
    if !is_han(first) || t.after_stop.contains(&first) || numerals::is_cn_numeral(first) {
        return None;
    }
    let mut end = r.end;
    while end < hi && is_han(chars[end]) && !(end > r.end && t.after_cut.contains(&chars[end])) {
        end += 1;
    }
    let cut = verbs_in(doc, t, r.end, end).first.map_or(end, |v| v.0);
    clean(t, chars, r.end, cut)
}

/// The part of `chars[a..b]` that can be a subject: without scope words, linking words and stray
/// punctuation; `None` when nothing of substance is left or it is too long to be one noun phrase.
fn clean(t: &Tables, chars: &[char], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    const MAX: usize = 16;
    let stray = |c: char| !is_han(c) && !c.is_alphanumeric();
    loop {
        let before = (a, b);
        while a < b && stray(chars[a]) {
            a += 1;
        }
        while b > a && stray(chars[b - 1]) {
            b -= 1;
        }
        match t.strip_lead.prefix_of(&chars[a..b]) {
            Some(l) if a + l < b => a += l,
            Some(_) => b = a,
            None if t.strip_lead_whole.contains(&chars[a..b]) => b = a,
            None => {}
        }
        if let Some(l) = t.strip_trail.suffix_of(&chars[a..b]) {
            b -= l;
        }
        if (a, b) == before {
            break;
        }
    }
    // One char left (全镇现有 → 现) is a fragment, not a noun phrase; 较年初目标少 is a comparison.
    let len = b - a;
    let comparison = t.comparison_lead.prefix_of(&chars[a..b]).is_some();
    (2..=MAX).contains(&len).then_some((a, b)).filter(|_| !comparison && chars[a..b].iter().any(|&c| is_han(c)))
}

/// Test texts for the fast paths that must agree with the full reading: every fixture, and `n`
/// random strings of up to `max_len` chars drawn from `alphabet` (xorshift from `seed`, so that a
/// failure repeats).
#[cfg(test)]
pub(crate) fn fixtures_and_soup(alphabet: &str, n: usize, max_len: u64, mut seed: u64) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let alphabet: Vec<char> = alphabet.chars().collect();
    for _ in 0..n {
        let len = 1 + (seed % max_len) as usize;
        let text: String = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                alphabet[(seed % alphabet.len() as u64) as usize]
            })
            .collect();
        texts.push(text);
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<Figure> {
        detect(&Doc::new(text))
    }

    /// `text | kind | value[..max] unit | approx` of every figure.
    fn lines(text: &str) -> Vec<String> {
        figs(text)
            .iter()
            .map(|f| {
                let max = f.value_max.map(|m| format!("..{m}")).unwrap_or_default();
                format!("{} | {} | {}{} {} | {}", f.text, f.kind.as_str(), f.value, max, f.unit, if f.approx { "~" } else { "=" })
            })
            .collect()
    }

    macro_rules! cases {
        ($($text:expr => [$($want:expr),* $(,)?];)*) => {
            $( assert_eq!(lines($text), vec![$($want.to_string()),*] as Vec<String>, "{}", $text); )*
        };
    }

    #[test]
    fn arabic_figures() {
        cases! {
            "召开会议12次。" => ["12次 | count | 12 次 | ="];
            "争取资金50亿元" => ["50亿元 | money | 5000000000 元 | ="];
            "参训3.5万人" => ["3.5万人 | count | 35000 人 | ="];
            "完成1,234.5万元" => ["1,234.5万元 | money | 12345000 元 | ="];
            "收入1，234元" => ["1，234元 | money | 1234 元 | ="];
            "共计１２３亿元" => ["１２３亿元 | money | 12300000000 元 | ="];
            "增速为-2.5%" => ["-2.5% | percent | -2.5 % | ="];
            "人口1.2亿" => ["1.2亿 | count | 120000000  | ="];
            "单价3000元/吨" => ["3000元/吨 | money | 3000 元/吨 | ="];
            "装机50万千瓦" => ["50万千瓦 | measure | 500000 千瓦 | ="];
            "修路8千米" => ["8千米 | measure | 8 公里 | ="];
        }
    }

    #[test]
    fn ranges() {
        cases! {
            "每年3—5次" => ["3—5次 | count | 3..5 次 | ="];
            "3~5次" => ["3~5次 | count | 3..5 次 | ="];
            "3至5个" => ["3至5个 | count | 3..5 个 | ="];
            "3-5次" => ["3-5次 | count | 3..5 次 | ="];
            "降低10%—15%" => ["10%—15% | percent | 10..15 % | ="];
            "150—200千米" => ["150—200千米 | measure | 150..200 公里 | ="];
            "1—10月" => ["1—10月 | date | 1..10 月 | ="];
            "补助3至5万元" => ["3至5万元 | money | 30000..50000 元 | ="];
            "2021-2023年" => ["2021-2023年 | date | 2021..2023 年 | ="];
        }
    }

    #[test]
    fn chinese_figures() {
        cases! {
            "开展检查十二次" => ["十二次 | count | 12 次 | ="];
            "三百亿元" => ["三百亿元 | money | 30000000000 元 | ="];
            "一百零五人" => ["一百零五人 | count | 105 人 | ="];
            "两千五百户" => ["两千五百户 | count | 2500 户 | ="];
            "一万二千名" => ["一万二千名 | count | 12000 名 | ="];
            "300多万人" => ["300多万人 | count | 3000000 人 | ~"];
            "十几次" => ["十几次 | count | 11..19 次 | ~"];
            "二十余次" => ["二十余次 | count | 20 次 | ~"];
            "几千人" => ["几千人 | count | 2000..9000 人 | ~"];
            "三五天" => ["三五天 | date | 3..5 天 | ~"];
            "数十亿元" => ["数十亿元 | money | 2000000000..9000000000 元 | ~"];
            "零次" => ["零次 | count | 0 次 | ="];
        }
    }

    #[test]
    fn percent_ratio_and_points() {
        cases! {
            "百分之三十" => ["百分之三十 | percent | 30 % | ="];
            "百分之百完成" => ["百分之百 | percent | 100 % | ="];
            "提高2个百分点" => ["2个百分点 | percent | 2 个百分点 | ="];
            "八成左右" => ["八成左右 | ratio | 80 % | ~"];
            "增长3倍" => ["3倍 | ratio | 3 倍 | ="];
            "增长一倍" => ["一倍 | ratio | 1 倍 | ="];
            "实现翻一番" => ["翻一番 | ratio | 2 倍 | ="];
            "翻了两番" => ["翻了两番 | ratio | 4 倍 | ="];
        }
    }

    #[test]
    fn dates_and_periods() {
        cases! {
            "2023年工作" => ["2023年 | date | 2023 年 | ="];
            "2023年度" => ["2023年度 | date | 2023 年 | ="];
            "截至12月31日" => ["12月31日 | date | 12 月 | ="];
            "2023年12月31日" => ["2023年12月31日 | date | 2023 年 | ="];
            "近三年来" => ["近三年来 | date | 3 年 | ="];
            "一年来的工作" => ["一年来 | date | 1 年 | ="];
            "一年多来" => ["一年多来 | date | 1 年 | ~"];
            "前三季度" => ["前三季度 | date | 3 季度 | ="];
            "一季度" => ["一季度 | date | 1 季度 | ="];
            "到二〇三五年" => ["二〇三五年 | date | 2035 年 | ="];
            "用时一个多月" => ["一个多月 | date | 1 个月 | ~"];
            "2020年以来" => ["2020年以来 | date | 2020 年 | ="];
        }
    }

    #[test]
    fn approximation_words_belong_to_the_span() {
        cases! {
            "约300人" => ["约300人 | count | 300 人 | ~"];
            "超过2余次" => ["超过2余次 | count | 2 次 | ~"];
            "20余次左右" => ["20余次左右 | count | 20 次 | ~"];
            "逾百分之五十" => ["逾百分之五十 | percent | 50 % | ~"];
            "50人以上" => ["50人以上 | count | 50 人 | ~"];
            "3年多" => ["3年多 | date | 3 年 | ~"];
            "近300人" => ["近300人 | count | 300 人 | ~"];
            "不足20家" => ["不足20家 | count | 20 家 | ~"];
        }
    }

    #[test]
    fn names_formulas_ordinals_and_words_are_not_figures() {
        for text in [
            "党的二十大", "十九届四中全会", "做到“两个维护”", "落实“一岗双责”", "三会一课", "中央八项规定精神",
            "防止四风反弹", "“十四五”时期", "十四五期间", "二〇三五年远景目标", "共建一带一路", "三农工作",
            "第一责任人", "一是加强学习", "（一）主要工作", "一、总体情况", "1.加强学习", "第五条",
            "统一思想", "一致同意", "一定成绩", "一些问题", "一批问题", "进一步加强", "一道研究", "万一出现",
            "唯一标准", "不一而足", "一起研究", "一线干部", "一流水平", "一体推进", "一直坚持", "一切工作",
            "一样", "同一标准", "一律", "两委班子", "一次性补助", "四个一制度", "五位一体", "两个一百年",
            "拨打12345热线", "〔2023〕5号", "5G基站", "G20峰会", "十一期间", "三年级", "以下几个方面",
            "几次", "百年大计", "千家万户", "十四届全国人大二次会议", "两成员", "三番五次", "电话0371-12345678",
            "8:30开会", "第1—3季度", "《2023年工作要点》", "人数十余", "一年", "一天", "H7N9",
            "拨打“12345”热线", "依照条例第五条", "千方百计", "万众一心", "百尺竿头更进一步", "一五一十",
        ] {
            assert_eq!(lines(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn chinese_numerals_before_plain_counts_are_figures() {
        cases! {
            "三位一体" => [];
            "培训两次" => ["两次 | count | 2 次 | ="];
            "三个方面" => [];
            "3个方面" => ["3个 | count | 3 个 | ="];
            "八项规定" => [];
            "8项规定" => ["8项 | count | 8 项 | ="];
            "十个坚持" => [];
            "实施重点项目十二项" => ["十二项 | count | 12 项 | ="];
            "新开工十五个" => ["十五个 | count | 15 个 | ="];
        }
    }

    #[test]
    fn bare_magnitudes_with_an_approximation_word() {
        cases! {
            "参会近千人" => ["近千人 | count | 1000 人 | ~"];
            "吸引上万人" => ["上万人 | count | 10000 人 | ~"];
            "培训千余人" => ["千余人 | count | 1000 人 | ~"];
            "走访逾百家" => ["逾百家 | count | 100 家 | ~"];
            "投入超亿元" => ["超亿元 | money | 100000000 元 | ~"];
            "成千上万人" => [];
            "千人" => [];
            "百姓" => [];
        }
    }

    #[test]
    fn spans_are_sorted_disjoint_and_exact() {
        let text = "全年召开会议12次、培训8次，争取资金50亿元，覆盖率95%，近三年来新增3—5家。";
        let d = Doc::new(text);
        let f = detect(&d);
        assert_eq!(f.len(), 6);
        for w in f.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for x in &f {
            assert_eq!(x.text, d.slice(x.start, x.end));
        }
    }

    fn subjects(text: &str) -> Vec<String> {
        figs(text).into_iter().filter(|f| f.kind != FigureKind::Date).map(|f| f.subject.into_string()).collect()
    }

    #[test]
    fn subjects_from_the_clause() {
        let cases: &[(&str, &[&str])] = &[
            ("争取中央转移支付资金50亿元。", &["中央转移支付资金"]),
            ("全县卫生健康支出完成3.2亿元。", &["卫生健康支出"]),
            ("先后召开12次中心组集中学习。", &["中心组集中学习"]),
            ("签订廉政承诺书20份。", &["廉政承诺书"]),
            ("调整软弱涣散村党组织书记6名，副书记9名。", &["软弱涣散村党组织书记", "副书记"]),
            ("占比持续保持在八成左右。", &["占比"]),
            ("支出进度50%。", &["支出进度"]),
            ("将30项资金纳入直达管理。", &["资金"]),
            ("剔除不可比因素后增加35亿元。", &[""]),
            ("开展培训10次，覆盖干部200人。", &["培训", "干部"]),
            ("召开会议12次、培训8次。", &["会议", "培训"]),
            ("同比增长8.5%。", &[""]),
            ("发行再融资债券200亿元。", &["再融资债券"]),
            ("在建项目30个。", &["在建项目"]),
            ("人均可支配收入分别达到4.6万元和2.1万元。", &["人均可支配收入", "人均可支配收入"]),
            ("完成年度目标的105%。", &[""]),
            ("是去年同期的1.5倍。", &[""]),
            ("十几个问题久拖未决。", &["问题"]),
            ("为年度计划的87.5%，新建标准化厂房12万平方米。", &["", "标准化厂房"]),
            ("税收占比达到168%。", &["税收占比"]),
            ("约占全市总产值的三成。", &[""]),
            ("预计全年地区生产总值增长7%。", &["地区生产总值"]),
            ("规模以上工业增加值增长8.2%。", &["规模以上工业增加值"]),
            ("行政村光纤覆盖率达到100%。", &["行政村光纤覆盖率"]),
            ("约谈下级党组织负责人27人次。", &["下级党组织负责人"]),
            ("全年实施重点项目12项。", &["重点项目"]),
            ("重点对30项重大政策开展评价。", &["重大政策"]),
            ("全镇现有60岁以上老人3100人。", &["老人", "老人"]),
            ("新签约项目3个，较年初目标少2个。", &["项目", ""]),
            ("12个省市重点项目中有5个未开工。", &["省市重点项目", "省市重点项目"]),
        ];
        for &(text, want) in cases {
            assert_eq!(subjects(text), want, "{text}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long_digits = "1".repeat(100_000);
        let long_cn = "一二三四五六七八九十".repeat(10_000);
        let mixed = "3—".repeat(20_000);
        for text in ["", "一", "第", "“", "《", "3", "3—", "百分之", "翻一", "个多", "数", "\u{0}\u{1}", &long_digits, &long_cn, &mixed] {
            let d = Doc::new(text);
            for f in detect(&d) {
                assert!(f.start < f.end && f.end <= d.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn the_numeral_prefilter_lets_every_numeral_through() {
        for c in ('0'..='9').chain("零〇一二两三四五六七八九十百千万亿几".chars()) {
            assert!(could_start_number(c), "{c}");
        }
        for c in ['a', '文', '人', '%', '点'] {
            assert!(!could_start_number(c), "{c}");
        }
    }

    /// The fast rejection of [`Scanner::nothing_quantifies`] must agree with the full reading: at
    /// every numeral of the fixtures and of numeral soup, whatever the floor and the limit, a
    /// rejected run is one the full reading rejects too, continuing at the same place.
    #[test]
    fn nothing_quantifies_agrees_with_the_full_reading() {
        let texts = fixtures_and_soup("0123456789一二两三四五六七八九十百千万亿几零〇点之分百余多来至到—-~番翻个人次年月日米元项是进步数近约第，、。", 300, 40, 0x2545_f491_4f6c_dd1du64);
        let t = &*TABLES;
        let (mut fast, mut full) = (0, 0);
        for text in &texts {
            let doc = Doc::new(text);
            let chars = &doc.chars[..];
            for i in (0..chars.len()).filter(|&i| could_start_number(chars[i])) {
                for (floor, limit) in [(0, chars.len()), (i, chars.len()), (i.saturating_sub(2), (i + 3).min(chars.len()))] {
                    let s = Scanner { chars, t, floor, limit };
                    match s.nothing_quantifies(i) {
                        Some(end) => {
                            fast += 1;
                            let read = s.figure_at(i).map(|r| (r.start, r.end));
                            assert_eq!(read.map_err(|skip| skip.max(i + 1)), Err(end), "{text:?} at {i}");
                        }
                        None => full += 1,
                    }
                }
            }
        }
        assert!(fast > 1000 && full > 1000, "both paths taken: {fast} fast, {full} full");
    }

    /// The bitmap filters in front of the lookups must let every listed word through: each word is
    /// the longest word it starts and ends with.
    #[test]
    fn every_listed_word_is_found_by_its_own_lookups() {
        let t = &*TABLES;
        let lists = [
            &t.blocked, &t.names, &t.approx_prefix, &t.approx_suffix, &t.approx_suffix_period, &t.period_prefix,
            &t.period_suffix, &t.range, &t.ordinal_prefix, &t.shu_nouns, &t.magnitude_lead, &t.verbs, &t.not_verbs,
            &t.strip_lead, &t.strip_lead_whole, &t.strip_trail, &t.adverbial_end, &t.comparison_lead,
        ];
        let mut checked = 0;
        for list in lists {
            for w in &list.words {
                let text: String = w.iter().collect();
                assert_eq!(list.prefix_of(w), Some(w.len()), "{text}");
                assert_eq!(list.suffix_of(w), Some(w.len()), "{text}");
                assert!(list.occurs_in(&format!("前{text}后")), "{text}");
                checked += 1;
            }
        }
        assert!(checked > 200, "{checked} words checked");
    }

    #[test]
    fn the_boundary_shortcut_is_exact() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let plain = is_clause_end(c) || matches!(c, '\n' | '\r' | '(' | ')' | '（' | '）' | '“' | '”' | '《' | '》');
            assert_eq!(is_boundary(c), plain, "{c:?}");
        }
    }

    #[test]
    fn data_files_parse() {
        let t = &*TABLES;
        assert!(t.units.entries.len() > 80);
        assert!(t.units.get(&['元']).is_some_and(|u| u.kind == FigureKind::Money));
        assert!(t.units.get(&['个']).is_some_and(|u| u.formula));
        assert!(t.units.get(&['个', '月']).is_some_and(|u| u.kind == FigureKind::Date));
        assert!(t.units.get(&['千']).is_none());
        let cs = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(t.approx_prefix.suffix_of(&cs("工作超过")), Some(2), "longest word ending here");
        assert_eq!(t.approx_prefix.suffix_of(&cs("工作不超过")), Some(3));
        assert_eq!(t.range.prefix_of(&cs("——5")), Some(2));
        assert!(t.strip_lead.contains(&cs("全市")) && !t.strip_lead.contains(&cs("全")));
        assert_eq!(t.verbs.prefix_of(&cs("累计完成投资")), Some(4));
        // Names are matched where a number starts, so each must start with one.
        for w in &t.names.words {
            assert!(could_start_number(w[0]), "name {:?} does not start with a numeral", w.iter().collect::<String>());
        }
    }

    /// Both parts of a text joined at `at`, against the one pass over the whole.
    fn assert_joins(text: &str, at: usize) {
        let doc = Doc::new(text);
        let whole = detect_with_anatomy(&doc);
        let joined = join(&doc, detect_part(&doc, 0, at), detect_part(&doc, at, doc.len()));
        assert_eq!(joined.0, whole.0, "figures differ, cut at char {at} of {text:?}");
        assert_eq!(joined.1, whole.1, "anatomies differ, cut at char {at} of {text:?}");
    }

    #[test]
    fn parts_join_into_the_whole_at_every_line_of_every_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut cuts = 0;
        for e in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(e.path()).unwrap();
                let doc = Doc::new(&text);
                for l in &doc.lines {
                    assert_joins(&text, l.start);
                    cuts += 1;
                }
                // And mid-line, at 40 places outside titles and quotes.
                for k in 1..40 {
                    let at = doc.len() * k / 40;
                    if !(at.saturating_sub(MAX_PROTECTED)..at).any(|i| protected_at(&doc.chars, i).is_some_and(|(_, e)| e > at)) {
                        assert_joins(&text, at);
                        cuts += 1;
                    }
                }
            }
        }
        assert!(cuts > 1000, "only {cuts} cuts");
    }

    #[test]
    fn parts_join_where_a_reading_crosses_the_line_break() {
        // Each cut at the start of the second line; the first line's end or the second line's start
        // is read differently with the text before it.
        for text in [
            "第十四届全国人大\n二次会议召开。",   // 届 before the break makes 二次 a session's number
            "召开会议12\n次，参加300人。",
            "完成投资约\n5亿元，增长12%和\n15%。",
            "全年共12次\n和15次会议。",
            "引用《关于\n2024年的通知》3次。",
            "数\n十人参加，百分之\n五十。",
            "\n12次",
            "12次\n",
            "一\n二\n三",
            "4.6万元\n和2.1万元",
        ] {
            let doc = Doc::new(text);
            // Every cut outside a title or quote, not only at line starts.
            for at in 0..=doc.len() {
                if !(0..at).any(|i| protected_at(&doc.chars, i).is_some_and(|(_, e)| e > at)) {
                    assert_joins(text, at);
                }
            }
            assert_joins(text, halves(&doc));
        }
    }

    #[test]
    fn halves_cut_after_a_break_near_the_middle_and_outside_titles() {
        assert_eq!(halves(&Doc::new("aaaa\nbb\ncccccccc")), 8); // the middle, no break after it
        assert_eq!(halves(&Doc::new("aaaaaaaa\nbbbbbbb")), 9); // after the line break at the middle
        assert_eq!(halves(&Doc::new("一二三四五六七八，九十")), 9); // after the comma
        // The middle falls inside the title: the cut moves to its end.
        assert_eq!(halves(&Doc::new("前言。《关于2024年12次会议的通知》后文")), 20);
        assert_eq!(halves(&Doc::new("")), 0);
    }

    /// Run with `cargo test --release -- --ignored --nocapture figure_throughput`.
    #[test]
    #[ignore]
    fn figure_throughput() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut corpus = String::new();
        for e in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "txt") {
                corpus.push_str(&std::fs::read_to_string(e.path()).unwrap());
            }
        }
        assert!(!corpus.is_empty(), "no fixtures to build the corpus from");
        let mut text = String::with_capacity(10 << 20);
        while text.len() < 10 << 20 {
            text.push_str(&corpus);
        }
        let doc = Doc::new(&text);
        let t0 = std::time::Instant::now();
        let n = detect(&doc).len();
        let secs = t0.elapsed().as_secs_f64();
        let mb = text.len() as f64 / (1 << 20) as f64;
        println!("figures::detect: {mb:.1} MB, {n} figures, {secs:.3} s, {:.0} MB/s", mb / secs);
    }
}
