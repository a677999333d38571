//! Data files compiled into the binary (formulations, filler words, numeral exceptions, report
//! templates) and their parsing.
//!
//! Each file is parsed once, on first use, into a `LazyLock`. Malformed lines are skipped rather than
//! fatal, so that a slip in a data file can never make `analyze` panic; the unit tests below check that
//! every line of every file parses, so such a slip fails the build's tests instead.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::normalise::fold;
use crate::words::{CharBits, FastMap};

/// The formulations lexicon: see the header of `data/formulas.tsv` for the format.
pub const FORMULAS_TSV: &str = include_str!("../data/formulas.tsv");
/// Filler adverbs and stock phrases: see the header of `data/intensifiers.txt`.
pub const INTENSIFIERS_TXT: &str = include_str!("../data/intensifiers.txt");
/// Word lists for numbered formulations, lists and 排比: see the header of `data/slogan-grammar.txt`.
pub const SLOGAN_GRAMMAR_TXT: &str = include_str!("../data/slogan-grammar.txt");

/// The most items a formulation may have: the comparison keeps the items it has matched in a
/// 64-bit mask. (The longest list in the lexicon, 社会主义核心价值观, has twelve.)
pub const MAX_ITEMS: usize = 64;

/// One formulation (提法).
#[derive(Debug, Clone)]
pub struct Formula {
    /// Canonical name: 四个自信.
    pub name: String,
    /// Other spellings of the name.
    pub aliases: Vec<String>,
    /// The component items in canonical order; each item's accepted variants, canonical first.
    pub items: Vec<Vec<String>>,
    /// Whether official texts always list the items in this order.
    pub ordered: bool,
    pub category: String,
    /// Where the formulation is stated (document, year).
    pub source: String,
    /// Longer words that contain the name but are not the formulation (两重性 for 两重).
    pub not_in: Vec<String>,
    /// The same words as chars, for matching against the folded text.
    pub not_in_chars: Vec<Vec<char>>,
    /// `items` as chars: `item_chars[k][v]` is variant `v` of item `k`.
    pub item_chars: Vec<Vec<Vec<char>>>,
    /// (item, variant) pairs, longest variant first, so that a long variant claims its text before a
    /// shorter one can.
    pub longest_first: Vec<(usize, usize)>,
    /// The prefix and the suffix all canonical items share (…意识 of 四个意识), and the length of the
    /// longest canonical item: what a written piece needs to continue the list.
    pub canonical_prefix: Vec<char>,
    pub canonical_suffix: Vec<char>,
    pub longest_canonical: usize,
}

impl Formula {
    /// The canonical wording of item `k`.
    pub fn canonical(&self, k: usize) -> &str {
        self.items.get(k).and_then(|v| v.first()).map_or("", |s| s.as_str())
    }

    /// The canonical items joined the way official texts write them: 道路自信、理论自信….
    pub fn canonical_list(&self) -> String {
        (0..self.items.len()).map(|k| self.canonical(k)).collect::<Vec<_>>().join("、")
    }
}

/// Folds a word the way the analysed text is folded, so that words written with full-width
/// brackets or digits match the text the detectors read.
fn folded(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Splits a field on `sep`, dropping empties; `-` alone means an empty list.
fn list(field: &str, sep: char) -> Vec<String> {
    let field = field.trim();
    if field == "-" || field.is_empty() {
        return Vec::new();
    }
    field.split(sep).map(str::trim).filter(|s| !s.is_empty()).map(folded).collect()
}

/// Parses one TSV line; `None` for comments, blank and malformed lines.
pub fn parse_formula_line(line: &str) -> Option<Formula> {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 7 {
        return None;
    }
    let name = folded(cols[0].trim());
    let source = cols[5].trim().to_string();
    if name.is_empty() || source.is_empty() || source == "-" {
        return None;
    }
    let items: Vec<Vec<String>> = list(cols[2], '；').iter().map(|item| list(item, '|')).collect();
    if items.iter().any(|v| v.is_empty()) || items.len() > MAX_ITEMS {
        return None;
    }
    let item_chars: Vec<Vec<Vec<char>>> =
        items.iter().map(|vs| vs.iter().map(|v| v.chars().collect()).collect()).collect();
    let mut longest_first: Vec<(usize, usize)> =
        item_chars.iter().enumerate().flat_map(|(k, vs)| (0..vs.len()).map(move |v| (k, v))).collect();
    crate::order::by(&mut longest_first, |a, b| item_chars[b.0][b.1].len().cmp(&item_chars[a.0][a.1].len()).then(a.cmp(b)));
    let not_in = list(cols[6], '|');
    let canon: Vec<&[char]> = item_chars.iter().map(|vs| vs[0].as_slice()).collect();
    let canonical_prefix = canon.iter().skip(1).fold(canon.first().map(|c| c.to_vec()).unwrap_or_default(), |acc, c| {
        acc.iter().zip(c.iter()).take_while(|(a, b)| a == b).map(|(a, _)| *a).collect()
    });
    let canonical_suffix = canon.iter().skip(1).fold(canon.first().map(|c| c.to_vec()).unwrap_or_default(), |acc, c| {
        let k = acc.iter().rev().zip(c.iter().rev()).take_while(|(a, b)| a == b).count();
        acc[acc.len() - k..].to_vec()
    });
    let longest_canonical = canon.iter().map(|c| c.len()).max().unwrap_or(0);
    Some(Formula {
        name,
        aliases: list(cols[1], '|'),
        items,
        ordered: cols[3].trim() == "ordered",
        category: cols[4].trim().to_string(),
        source,
        not_in_chars: not_in.iter().map(|w| w.chars().collect()).collect(),
        not_in,
        item_chars,
        longest_first,
        canonical_prefix,
        canonical_suffix,
        longest_canonical,
    })
}

/// The formulations and the word sets that find them.
pub struct Lexicon {
    pub formulas: Vec<Formula>,
    /// Every name and alias; word `i` belongs to `name_owner[i]`.
    pub names: WordSet,
    pub name_owner: Vec<usize>,
    /// Every item variant; word `i` is item `(formula, item)` of each owner (one variant can belong
    /// to several formulations: 保基本民生 is in 三保 and 六保).
    pub items: WordSet,
    pub item_owners: Vec<Vec<(usize, usize)>>,
    by_name: FastMap<String, usize>,
}

impl Lexicon {
    /// The formulation with this canonical name or alias.
    pub fn get(&self, name: &str) -> Option<&Formula> {
        self.by_name.get(name).map(|&i| &self.formulas[i])
    }

    /// Whether `text` is one of the formulation's names rather than a spelled-out list.
    pub fn is_name_of(&self, text: &str, f: &Formula) -> bool {
        f.name == text || f.aliases.iter().any(|a| a == text)
    }
}

/// A dictionary of words matched against `&[char]`, leftmost-longest.
///
/// Why not an aho-corasick automaton over the UTF-8 text: every word is Chinese, so every pattern
/// starts with one of a handful of UTF-8 lead bytes and the byte automaton cannot skip anything; it
/// steps three bytes per char and then needs a byte→char offset search per match. Here almost every
/// position is dismissed by one bit test on a hash of the char and the next one (does any word start
/// with these two chars?), and only the words sharing the first two chars are compared.
#[derive(Debug, Clone)]
pub struct WordSet {
    words: Vec<Vec<char>>,
    /// Bit `pair_hash(c0, c1)` is set for the first two chars of every word of two chars or more.
    pairs: Box<[u64; PAIR_BITS / 64]>,
    /// First chars of the one-char words (usually none).
    singles: CharBits,
    has_one_char_words: bool,
    /// Open-addressed table from the first two chars (the second is [`WordSet::ONE_CHAR`] for a
    /// one-char word) to a range of `order`; `u64::MAX` marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    /// Word indices grouped by their first two chars, longest first, then in the order given.
    order: Vec<u32>,
}

impl WordSet {
    /// Stands for the second char of a one-char word: no char has this code.
    const ONE_CHAR: u64 = 0x1F_FFFF;

    /// Empty words are dropped: they would match everywhere.
    pub fn new(words: &[String]) -> WordSet {
        let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let key = |w: &[char]| Self::key(w[0], w.get(1).map_or(Self::ONE_CHAR, |&c| c as u64));
        let mut order: Vec<u32> = (0..words.len() as u32).filter(|&i| !words[i as usize].is_empty()).collect();
        crate::order::by(&mut order, |&a, &b| {
            let (wa, wb) = (&words[a as usize], &words[b as usize]);
            key(wa).cmp(&key(wb)).then(wb.len().cmp(&wa.len())).then(a.cmp(&b))
        });
        let same_group = |a: &u32, b: &u32| key(&words[*a as usize]) == key(&words[*b as usize]);
        let cap = (2 * order.chunk_by(same_group).count()).next_power_of_two().max(16);
        let mut slots = vec![(u64::MAX, 0u32, 0u32); cap];
        let mut start = 0;
        for group in order.chunk_by(same_group) {
            let k = key(&words[group[0] as usize]);
            let mut h = Self::slot_of(k, cap);
            while slots[h].0 != u64::MAX {
                h = (h + 1) & (cap - 1);
            }
            slots[h] = (k, start as u32, (start + group.len()) as u32);
            start += group.len();
        }
        let mut pairs = Box::new([0u64; PAIR_BITS / 64]);
        for w in words.iter().filter(|w| w.len() >= 2) {
            let h = pair_hash(w[0], w[1]);
            pairs[h / 64] |= 1 << (h % 64);
        }
        WordSet {
            pairs,
            singles: words.iter().filter(|w| w.len() == 1).map(|w| w[0]).collect(),
            has_one_char_words: words.iter().any(|w| w.len() == 1),
            words,
            slots,
            order,
        }
    }

    /// Whether a word may start at `text[i]`: no false negatives, few false positives.
    #[inline(always)]
    pub fn may_start_at(&self, text: &[char], i: usize) -> bool {
        let pair = text.get(i + 1).is_some_and(|&c1| self.has_pair(text[i], c1));
        pair || (self.has_one_char_words && self.singles.contains(&text[i]))
    }

    /// Whether some word of two chars or more may start with `c0 c1`.
    #[inline(always)]
    fn has_pair(&self, c0: char, c1: char) -> bool {
        let h = pair_hash(c0, c1);
        self.pairs[h / 64] & (1 << (h % 64)) != 0
    }

    fn key(c0: char, c1: u64) -> u64 {
        (c0 as u64) << 21 | c1
    }

    /// Fibonacci hashing: the keys are pairs of nearby CJK code points, which a plain modulo would
    /// pile into a few slots.
    fn slot_of(key: u64, cap: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - cap.trailing_zeros())) as usize
    }

    /// The words starting with these two chars (second [`WordSet::ONE_CHAR`]: the one-char words),
    /// longest first.
    fn group(&self, c0: char, c1: u64) -> &[u32] {
        let k = Self::key(c0, c1);
        let cap = self.slots.len();
        let mut h = Self::slot_of(k, cap);
        loop {
            let (sk, a, b) = self.slots[h];
            if sk == k {
                return &self.order[a as usize..b as usize];
            }
            if sk == u64::MAX {
                return &[];
            }
            h = (h + 1) & (cap - 1);
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &[char] {
        &self.words[i]
    }

    /// The first position at or after `from` where a word may start (`text.len()` if none): one
    /// bit test per char, the loop that dismisses most of the text.
    #[inline]
    pub fn next_candidate(&self, text: &[char], from: usize) -> usize {
        let mut i = from;
        while i < text.len() && !self.may_start_at(text, i) {
            i += 1;
        }
        i
    }

    /// The longest word starting at `text[i]`, as (word, its length in chars).
    #[inline]
    pub fn longest_at(&self, text: &[char], i: usize) -> Option<(usize, usize)> {
        if i >= text.len() || !self.may_start_at(text, i) {
            return None;
        }
        self.longest_from(text, i, text[i])
    }

    fn longest_from(&self, text: &[char], i: usize, c0: char) -> Option<(usize, usize)> {
        let longer = match text.get(i + 1) {
            Some(&c1) => self.group(c0, c1 as u64),
            None => &[],
        };
        let rest = &text[i..];
        let found = longer.iter().map(|&w| w as usize).find(|&w| starts_with(rest, &self.words[w]));
        let found = match found {
            None if self.has_one_char_words => self.group(c0, Self::ONE_CHAR).first().map(|&w| w as usize),
            f => f,
        };
        found.map(|w| (w, self.words[w].len()))
    }

    /// Leftmost-longest, non-overlapping matches in `text`, as (start, end, word).
    pub fn find_iter<'a>(&'a self, text: &'a [char]) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut i = 0;
        std::iter::from_fn(move || loop {
            i = self.next_candidate(text, i);
            let &c0 = text.get(i)?;
            if let Some((w, len)) = self.longest_from(text, i, c0) {
                let start = i;
                i += len;
                return Some((start, i, w));
            }
            i += 1;
        })
    }

    /// [`WordSet::find_iter`] visiting only `starts`, ascending positions that include every
    /// position where a word of this set starts (see [`WordSet::union`]).
    pub fn find_iter_at<'a>(&'a self, text: &'a [char], starts: &'a [u32]) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut next = 0;
        starts.iter().filter_map(move |&p| {
            let p = p as usize;
            if p < next {
                return None;
            }
            let (w, len) = self.longest_at(text, p)?;
            next = p + len;
            Some((p, next, w))
        })
    }

    /// A set of all the words of `sets`, used only for [`WordSet::starts`]: one pass over the text
    /// finds the candidate positions of several sets.
    pub fn union(sets: &[&WordSet]) -> WordSet {
        let words: Vec<String> = sets.iter().flat_map(|s| s.words.iter().map(|w| w.iter().collect())).collect();
        WordSet::new(&words)
    }

    /// Every position where a word may start, in one pass.
    pub fn starts(&self, text: &[char]) -> Vec<u32> {
        let single = |c: char| self.has_one_char_words && self.singles.contains(&c);
        let mut out = Vec::new();
        for (i, pair) in text.windows(2).enumerate() {
            if self.has_pair(pair[0], pair[1]) || single(pair[0]) {
                out.push(i as u32);
            }
        }
        if text.last().is_some_and(|&c| single(c)) {
            out.push(text.len() as u32 - 1);
        }
        out
    }
}

/// Size of the bitmap of first-char pairs: a few hundred pairs in 65,536 bits leave about one
/// position in a hundred to look up for nothing.
const PAIR_BITS: usize = 1 << 16;

/// A 16-bit hash of two chars (so that it indexes the bitmap without a bounds check).
#[inline(always)]
fn pair_hash(c0: char, c1: char) -> usize {
    let h = (c0 as u32).wrapping_mul(0x9E37_79B1) ^ (c1 as u32);
    (h.wrapping_mul(0x85EB_CA77) >> 16) as usize
}

/// Whether `text` starts with `w`. A plain loop: the words are a few chars long, too short for a
/// call to `memcmp` to pay off.
#[inline]
fn starts_with(text: &[char], w: &[char]) -> bool {
    text.len() >= w.len() && text.iter().zip(w).all(|(a, b)| a == b)
}

fn build_lexicon() -> Lexicon {
    let formulas: Vec<Formula> = FORMULAS_TSV.lines().filter_map(parse_formula_line).collect();
    let mut by_name = FastMap::default();
    let mut name_patterns = Vec::new();
    let mut name_owner = Vec::new();
    for (i, f) in formulas.iter().enumerate() {
        for n in std::iter::once(&f.name).chain(&f.aliases) {
            if by_name.insert(n.clone(), i).is_none() {
                name_patterns.push(n.clone());
                name_owner.push(i);
            }
        }
    }
    let mut item_index: HashMap<String, usize> = HashMap::new();
    let mut item_patterns = Vec::new();
    let mut item_owners: Vec<Vec<(usize, usize)>> = Vec::new();
    for (i, f) in formulas.iter().enumerate() {
        for (k, variants) in f.items.iter().enumerate() {
            for v in variants {
                let p = *item_index.entry(v.clone()).or_insert_with(|| {
                    item_patterns.push(v.clone());
                    item_owners.push(Vec::new());
                    item_patterns.len() - 1
                });
                if !item_owners[p].contains(&(i, k)) {
                    item_owners[p].push((i, k));
                }
            }
        }
    }
    Lexicon {
        names: WordSet::new(&name_patterns),
        name_owner,
        items: WordSet::new(&item_patterns),
        item_owners,
        by_name,
        formulas,
    }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(build_lexicon);

/// Parses a file of `[section]` blocks into section name → its non-comment lines.
pub fn sections(text: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            out.entry(name.trim().to_string()).or_default();
        } else if let Some(c) = &current {
            out.entry(c.clone()).or_default().push(line.to_string());
        }
    }
    out
}

/// All whitespace-separated tokens of a section.
fn tokens(s: &HashMap<String, Vec<String>>, name: &str) -> Vec<String> {
    s.get(name)
        .map(|lines| lines.iter().flat_map(|l| l.split_whitespace().map(folded)).collect())
        .unwrap_or_default()
}

fn chars_of(s: &HashMap<String, Vec<String>>, name: &str) -> CharBits {
    tokens(s, name).iter().flat_map(|t| t.chars()).collect()
}

/// As char vectors, longest first, so that the first match of a scan is the most specific (，即：
/// before ：).
fn longest_first(v: Vec<String>) -> Vec<Vec<char>> {
    let mut v: Vec<Vec<char>> = v.iter().map(|w| w.chars().collect()).collect();
    crate::order::by(&mut v, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

/// The word lists of `data/slogan-grammar.txt`.
pub struct Grammar {
    pub numerals: CharBits,
    pub classifiers: CharBits,
    pub separators: CharBits,
    pub connectors: Vec<Vec<char>>,
    /// First chars of the connectors, to skip most positions without comparing words.
    pub connector_firsts: CharBits,
    pub not_connectors: Vec<Vec<char>>,
    pub introducers: Vec<Vec<char>>,
    pub closers: CharBits,
    pub etc: Vec<Vec<char>>,
    pub short_item_followers: Vec<Vec<char>>,
    weak_affixes: Vec<Vec<char>>,
    pub weak_infixes: CharBits,
    pub shapeless_verbs: CharBits,
}

impl Grammar {
    /// Whether a shared prefix or suffix is too weak to make a 排比 (市, 工作, 项目…). A short list
    /// compared without hashing: this runs for every list that is tried.
    pub fn is_weak_affix(&self, affix: &[char]) -> bool {
        self.weak_affixes.iter().any(|w| w.len() == affix.len() && w.iter().zip(affix).all(|(a, b)| a == b))
    }
}

fn build_grammar() -> Grammar {
    let s = sections(SLOGAN_GRAMMAR_TXT);
    let connectors = longest_first(tokens(&s, "connectors"));
    Grammar {
        numerals: chars_of(&s, "numerals"),
        classifiers: chars_of(&s, "classifiers"),
        separators: chars_of(&s, "separators"),
        connector_firsts: connectors.iter().filter_map(|c| c.first().copied()).collect(),
        connectors,
        not_connectors: longest_first(tokens(&s, "not-connectors")),
        introducers: longest_first(tokens(&s, "introducers")),
        closers: chars_of(&s, "closers"),
        etc: longest_first(tokens(&s, "etc")),
        short_item_followers: longest_first(tokens(&s, "short-item-followers")),
        weak_affixes: longest_first(tokens(&s, "weak-affixes")),
        weak_infixes: chars_of(&s, "weak-infixes"),
        shapeless_verbs: chars_of(&s, "shapeless-verbs"),
    }
}

pub static GRAMMAR: LazyLock<Grammar> = LazyLock::new(build_grammar);

/// Filler words with their not-contexts, and the negators that turn them into substance.
pub struct Intensifiers {
    pub words: Vec<String>,
    /// Per word, its not-contexts as chars.
    pub not_in: Vec<Vec<Vec<char>>>,
    pub negators: Vec<Vec<char>>,
    pub set: WordSet,
}

/// Parses one `[words]` line: the word, then `!not-context`s.
pub fn parse_intensifier_line(line: &str) -> Option<(String, Vec<String>)> {
    let mut parts = line.split_whitespace();
    let word = parts.next()?;
    if word.starts_with('!') {
        return None;
    }
    let not_in: Option<Vec<String>> =
        parts.map(|p| p.strip_prefix('!').filter(|w| w.contains(word)).map(folded)).collect();
    Some((folded(word), not_in?))
}

fn build_intensifiers() -> Intensifiers {
    let s = sections(INTENSIFIERS_TXT);
    let mut words = Vec::new();
    let mut not_in = Vec::new();
    for line in s.get("words").map(Vec::as_slice).unwrap_or_default() {
        if let Some((w, n)) = parse_intensifier_line(line) {
            if !words.contains(&w) {
                words.push(w);
                not_in.push(n.iter().map(|x| x.chars().collect()).collect());
            }
        }
    }
    Intensifiers {
        set: WordSet::new(&words),
        words,
        not_in,
        negators: longest_first(tokens(&s, "negators")),
    }
}

pub static INTENSIFIERS: LazyLock<Intensifiers> = LazyLock::new(build_intensifiers);

#[cfg(test)]
mod tests {
    use super::*;

    fn data_lines(text: &str) -> impl Iterator<Item = &str> {
        text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    }

    #[test]
    fn every_formula_line_parses_and_names_a_source() {
        for line in data_lines(FORMULAS_TSV) {
            let f = parse_formula_line(line).unwrap_or_else(|| panic!("malformed line: {line}"));
            assert!(!f.source.is_empty(), "{} has no source", f.name);
            assert!(f.items.is_empty() || f.items.len() >= 2, "{}: a list has at least two items", f.name);
            assert!(!f.category.is_empty() && f.category != "-", "{} has no category", f.name);
            assert!(!f.ordered || !f.items.is_empty(), "{}: only a list can be ordered", f.name);
            for n in &f.not_in {
                assert!(
                    n.contains(&f.name) || f.aliases.iter().any(|a| n.contains(a.as_str())),
                    "{}: not-in context {n} does not contain the name",
                    f.name
                );
            }
        }
    }

    #[test]
    fn the_lexicon_has_at_least_eighty_entries_with_unique_names() {
        let lex = &*LEXICON;
        assert!(lex.formulas.len() >= 80, "only {} formulations", lex.formulas.len());
        let mut names: Vec<&str> = lex.formulas.iter().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate canonical name");
        assert_eq!(lex.name_owner.len(), lex.formulas.iter().map(|f| 1 + f.aliases.len()).sum::<usize>(), "an alias is shared");
    }

    #[test]
    fn lookups_by_name_and_alias() {
        let lex = &*LEXICON;
        assert_eq!(lex.get("五大发展理念").map(|f| f.name.as_str()), Some("新发展理念"));
        let f = lex.get("四个自信").unwrap();
        assert_eq!(f.canonical_list(), "道路自信、理论自信、制度自信、文化自信");
        assert!(f.ordered);
        assert!(!lex.get("三保").unwrap().ordered, "official texts vary the order of 三保");
        assert!(lex.get("不存在的提法").is_none());
    }

    #[test]
    fn malformed_lines_are_rejected_not_fatal() {
        assert!(parse_formula_line("只有名字").is_none());
        assert!(parse_formula_line("名\t-\t-\t-\t类\t-\t-").is_none(), "a source is required");
        assert!(parse_formula_line("名\t-\t甲；；乙|\t-\t类\t某文件\t-").is_some(), "empty pieces are dropped");
        assert!(parse_formula_line("# 注释").is_none());
        let too_many = (0..=MAX_ITEMS).map(|k| format!("项{k}")).collect::<Vec<_>>().join("；");
        assert!(parse_formula_line(&format!("名\t-\t{too_many}\t-\t类\t某文件\t-")).is_none(), "more than MAX_ITEMS items");
    }

    #[test]
    fn every_intensifier_line_parses() {
        let s = sections(INTENSIFIERS_TXT);
        for line in &s["words"] {
            assert!(parse_intensifier_line(line).is_some(), "malformed line: {line}");
        }
        let i = &*INTENSIFIERS;
        assert!(i.words.len() >= 40);
        assert!(i.words.iter().any(|w| w == "进一步"));
        assert!(i.negators.iter().any(|w| *w == ['不', '够']));
        assert_eq!(parse_intensifier_line("积极 !消极"), None, "a not-context must contain the word");
    }

    /// (start, end, word) of each match.
    type Matches = Vec<(usize, usize, String)>;

    fn matches(words: &[&str], text: &str) -> Matches {
        let set = WordSet::new(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let t: Vec<char> = text.chars().collect();
        set.find_iter(&t).map(|(s, e, w)| (s, e, set.word(w).iter().collect())).collect()
    }

    #[test]
    fn word_sets_match_leftmost_longest_without_overlaps() {
        let m = |s: usize, e: usize, w: &str| (s, e, w.to_string());
        let cases: &[(&[&str], &str, Matches)] = &[
            // The longest word at a position wins, and the next search starts after it.
            (&["全力", "全力以赴", "以赴"], "要全力以赴地干", vec![m(1, 5, "全力以赴")]),
            // Leftmost beats longest: 深入 starts first, so 入浅出 is not seen.
            (&["深入", "入浅出地"], "深入浅出地", vec![m(0, 2, "深入")]),
            // One-char words, two words sharing their first two chars, a word at the very end.
            (&["党", "政治意识", "政治三力"], "党的政治三力", vec![m(0, 1, "党"), m(2, 6, "政治三力")]),
            (&["自信"], "道路自信", vec![m(2, 4, "自信")]),
            // A prefix of a word at the end of the text is no match; astral chars work like others.
            (&["四个意识"], "增强四个意", vec![]),
            (&["𠀀𠀁"], "甲𠀀𠀁", vec![m(1, 3, "𠀀𠀁")]),
            (&["", "和"], "", vec![]),
        ];
        for (words, text, want) in cases {
            assert_eq!(&matches(words, text), want, "{words:?} in {text}");
        }
    }

    #[test]
    fn word_sets_agree_with_a_naive_leftmost_longest_search() {
        let words = ["不断", "不断档", "持续", "可持续", "深入", "入", "推进", "进一步", "一步"];
        let text = "不断档持续推进一步可持续深入进一步入不断";
        let chars: Vec<char> = text.chars().collect();
        let mut want = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let best = words
                .iter()
                .filter(|w| chars[i..].starts_with(&w.chars().collect::<Vec<_>>()))
                .max_by_key(|w| w.chars().count());
            match best {
                Some(w) => {
                    let e = i + w.chars().count();
                    want.push((i, e, w.to_string()));
                    i = e;
                }
                None => i += 1,
            }
        }
        assert_eq!(matches(&words, text), want);

        // Searching only the positions where a word of a union of sets may start finds the same.
        let set = WordSet::new(&words.map(String::from));
        let other = WordSet::new(&["档持".to_string(), "步可".to_string()]);
        let starts = WordSet::union(&[&set, &other]).starts(&chars);
        assert!(starts.len() < chars.len(), "most positions are dismissed: {starts:?}");
        assert_eq!(set.find_iter_at(&chars, &starts).collect::<Vec<_>>(), set.find_iter(&chars).collect::<Vec<_>>());
    }

    #[test]
    fn grammar_sections_are_all_present() {
        let s = sections(SLOGAN_GRAMMAR_TXT);
        for name in [
            "numerals", "classifiers", "separators", "connectors", "not-connectors", "introducers",
            "closers", "etc", "short-item-followers", "weak-affixes", "weak-infixes", "shapeless-verbs",
        ] {
            assert!(s.get(name).is_some_and(|v| !v.is_empty()), "section [{name}] is missing or empty");
        }
        let g = &*GRAMMAR;
        assert!(g.numerals.contains(&'两') && g.separators.contains(&'、'));
        assert_eq!(g.introducers.first().map(Vec::len), Some(3), "longest introducer first");
    }
}
