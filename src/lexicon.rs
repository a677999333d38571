//! Data files compiled into the binary (formulations, filler words, numeral exceptions, report
//! templates) and their parsing.
//!
//! Each file is parsed once, on first use, into a `LazyLock`. Malformed lines are skipped rather than
//! fatal, so that a slip in a data file can never make `analyze` panic; the unit tests below check that
//! every line of every file parses, so such a slip fails the build's tests instead.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::normalise::fold;

/// The formulations lexicon: see the header of `data/formulas.tsv` for the format.
pub const FORMULAS_TSV: &str = include_str!("../data/formulas.tsv");
/// Filler adverbs and stock phrases: see the header of `data/intensifiers.txt`.
pub const INTENSIFIERS_TXT: &str = include_str!("../data/intensifiers.txt");
/// Word lists for numbered formulations, lists and 排比: see the header of `data/slogan-grammar.txt`.
pub const SLOGAN_GRAMMAR_TXT: &str = include_str!("../data/slogan-grammar.txt");

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
    if items.iter().any(|v| v.is_empty()) {
        return None;
    }
    let item_chars: Vec<Vec<Vec<char>>> =
        items.iter().map(|vs| vs.iter().map(|v| v.chars().collect()).collect()).collect();
    let mut longest_first: Vec<(usize, usize)> =
        item_chars.iter().enumerate().flat_map(|(k, vs)| (0..vs.len()).map(move |v| (k, v))).collect();
    longest_first.sort_by(|a, b| item_chars[b.0][b.1].len().cmp(&item_chars[a.0][a.1].len()).then(a.cmp(b)));
    let not_in = list(cols[6], '|');
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
    })
}

/// The formulations and the automata that find them.
pub struct Lexicon {
    pub formulas: Vec<Formula>,
    /// Every name and alias, leftmost-longest; pattern `i` belongs to `name_owner[i]`.
    pub names: AhoCorasick,
    pub name_owner: Vec<usize>,
    /// Every item variant, leftmost-longest; pattern `i` is item `(formula, item)` of each owner
    /// (one variant can belong to several formulations: 保基本民生 is in 三保 and 六保).
    pub items: AhoCorasick,
    pub item_owners: Vec<Vec<(usize, usize)>>,
    by_name: HashMap<String, usize>,
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

fn automaton(patterns: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the compiled-in word lists are small enough for an automaton")
}

fn build_lexicon() -> Lexicon {
    let formulas: Vec<Formula> = FORMULAS_TSV.lines().filter_map(parse_formula_line).collect();
    let mut by_name = HashMap::new();
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
        names: automaton(&name_patterns),
        name_owner,
        items: automaton(&item_patterns),
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

/// A small set of chars, looked up by binary search: faster than hashing for the handful of
/// separators and numerals that the scanners test at every position.
#[derive(Debug, Clone, Default)]
pub struct CharSet(Vec<char>);

impl CharSet {
    pub fn contains(&self, c: &char) -> bool {
        self.0.binary_search(c).is_ok()
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> CharSet {
        let mut v: Vec<char> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        CharSet(v)
    }
}

fn chars_of(s: &HashMap<String, Vec<String>>, name: &str) -> CharSet {
    tokens(s, name).iter().flat_map(|t| t.chars()).collect()
}

/// As char vectors, longest first, so that the first match of a scan is the most specific (，即：
/// before ：).
fn longest_first(v: Vec<String>) -> Vec<Vec<char>> {
    let mut v: Vec<Vec<char>> = v.iter().map(|w| w.chars().collect()).collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

/// The word lists of `data/slogan-grammar.txt`.
pub struct Grammar {
    pub numerals: CharSet,
    pub classifiers: CharSet,
    pub separators: CharSet,
    pub connectors: Vec<Vec<char>>,
    /// First chars of the connectors, to skip most positions without comparing words.
    pub connector_firsts: CharSet,
    pub not_connectors: Vec<Vec<char>>,
    pub introducers: Vec<Vec<char>>,
    pub closers: CharSet,
    pub etc: Vec<Vec<char>>,
    pub short_item_followers: Vec<Vec<char>>,
    pub weak_affixes: HashSet<String>,
    pub weak_infixes: CharSet,
    pub shapeless_verbs: CharSet,
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
        weak_affixes: tokens(&s, "weak-affixes").into_iter().collect(),
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
    pub automaton: AhoCorasick,
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
        automaton: automaton(&words),
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
