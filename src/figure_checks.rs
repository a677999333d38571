//! Checks on the figures: unit outliers, double approximations, mixed styles, impossible shares,
//! template-like round numbers. Each check reads the figures once (plus, for the % style, the text
//! once) and looks at most a few characters or a few neighbouring figures around each one.

use std::collections::HashMap;
use std::sync::LazyLock;


use crate::figures::{self, word_sections, Anatomy, WordList};
use crate::normalise::Doc;
use crate::numerals;
use crate::report::{Figure, FigureKind};
use crate::rules::{
    Findings, FIGURE_DOUBLE_APPROX, FIGURE_NUMERAL_STYLE_MIXED, FIGURE_PERCENT_STYLE_MIXED,
    FIGURE_ROUND_PLACEHOLDER, FIGURE_SHARE_OVER_100, FIGURE_UNIT_OUTLIER,
};
use crate::segment::{is_clause_end, Range};
use crate::words::{FastMap, Words};

struct Lists {
    share: Words,
    not_share: Words,
    per_unit: WordList,
    /// The per-unit words, then the target words: both are looked for in the clause before each
    /// figure, in one pass.
    clause: Words,
    /// How many of `clause`'s words are per-unit words.
    clause_per_unit: usize,
}

static WORDS: LazyLock<Lists> = LazyLock::new(|| {
    let shares = word_sections(include_str!("../data/figure-shares.txt"));
    let subject = word_sections(include_str!("../data/figure-subject.txt"));
    let words = word_sections(include_str!("../data/figure-words.txt"));
    let list = |m: &HashMap<&'static str, Vec<&'static str>>, k: &str| m.get(k).cloned().unwrap_or_default();
    let per_unit = list(&subject, "per-unit");
    let clause = [per_unit.clone(), list(&words, "target")].concat();
    Lists {
        share: Words::new(&list(&shares, "share")),
        not_share: Words::new(&list(&shares, "not-share")),
        per_unit: WordList::new(&per_unit),
        clause: Words::new(&clause),
        clause_per_unit: per_unit.len(),
    }
});

pub fn check(doc: &Doc, figures: &[Figure], findings: &mut Findings) {
    // Only the figures are at hand: read again, from each one's own chars, how it was written.
    let anatomy: Vec<Anatomy> = figures
        .iter()
        .map(|f| if needs_anatomy(f) { figures::anatomy(own_chars(doc, f)).unwrap_or_default() } else { Anatomy::default() })
        .collect();
    check_with_anatomy(doc, figures, &anatomy, findings);
}

/// [`check`] for figures from [`figures::detect_with_anatomy`], given the anatomy it read with them:
/// the same findings without reading every figure a second time.
pub fn check_with_anatomy(doc: &Doc, figures: &[Figure], anatomy: &[Anatomy], findings: &mut Findings) {
    check_magnitudes(doc, figures, anatomy, findings);
    check_writing(doc, figures, anatomy, findings);
}

/// The half of [`check_with_anatomy`] that compares figures' sizes (unit outliers, round
/// placeholders) — the costlier half, which reads each figure's clause. The two halves are
/// independent, so `analyze` may run them side by side.
pub fn check_magnitudes(doc: &Doc, figures: &[Figure], anatomy: &[Anatomy], findings: &mut Findings) {
    let facts = Facts::new(doc, figures);
    unit_outliers(doc, figures, &facts, findings);
    round_placeholders(doc, figures, anatomy, &facts, findings);
}

/// The half of [`check_with_anatomy`] that reads how figures are written: approximation words,
/// % and numeral styles, shares over 100%.
pub fn check_writing(doc: &Doc, figures: &[Figure], anatomy: &[Anatomy], findings: &mut Findings) {
    double_approx(doc, figures, anatomy, findings);
    percent_style(doc, figures, findings);
    numeral_style(figures, anatomy, findings);
    shares_over_100(doc, figures, findings);
}

/// How many chars before a figure its clause is read for per-unit and target words.
const CLAUSE_WINDOW: usize = 30;

/// What several checks read about each figure, index for index with the figures, computed once.
struct Facts {
    /// A per-unit word (人均, 每, 单价) in the clause before the figure, across earlier figures.
    per_unit_before: Vec<bool>,
    /// A target word (力争, 计划) in the clause before the figure.
    target_before: Vec<bool>,
}

impl Facts {
    fn new(doc: &Doc, figures: &[Figure]) -> Facts {
        let clauses = clauses_before(doc, figures, CLAUSE_WINDOW);
        let w = &*WORDS;
        let [per_unit_before, target_before] =
            windows_with_words(&w.clause, &doc.chars, &clauses, [0..w.clause_per_unit, w.clause_per_unit..usize::MAX]);
        Facts {
            per_unit_before,
            target_before,
        }
    }
}

/// Whether a check reads the figure's anatomy: the approximation words and vagueness of approximate
/// figures ([`double_approx`], [`round_placeholders`]) and how counts are written ([`numeral_style`]).
/// Re-reading a figure costs most of the checks' time; for the others the default (no approximation
/// words, not vague) is what reading would give, as a test holds.
fn needs_anatomy(f: &Figure) -> bool {
    f.approx || f.kind == FigureKind::Count
}

/// The number as written ([`numerals::written_number`]): read only for the figures a check looks at
/// it for, the round-number candidates and the neighbours of a unit outlier.
fn written(doc: &Doc, f: &Figure) -> Option<f64> {
    numerals::written_number(own_chars(doc, f))
}

/// The figure's own folded chars: its text as the detector read it, without building a new `Doc`.
fn own_chars<'d>(doc: &'d Doc, f: &Figure) -> &'d [char] {
    doc.chars.get(f.start..f.end).unwrap_or(&[])
}

/// For each window (a char range of `chars`) and each of `N` sets of `words` (ranges of their
/// indices), whether a word of the set lies wholly inside the window. The windows of neighbouring
/// figures overlap, so instead of one search per window and set this makes one overlapping pass over
/// the union of the windows and answers each window from the occurrences found: a window holds a word
/// when some occurrence ending inside it starts inside it too.
fn windows_with_words<const N: usize>(
    words: &Words,
    chars: &[char],
    windows: &[(usize, usize)],
    sets: [std::ops::Range<usize>; N],
) -> [Vec<bool>; N] {
    // The figures' clause windows come in order already (each starts and ends no earlier than the one
    // before): checking that costs a fraction of sorting them again.
    let in_order = windows.windows(2).all(|w| w[0] <= w[1] && w[0].1 <= w[1].1);
    let mut by_start: Vec<usize> = (0..windows.len()).collect();
    if !in_order {
        crate::order::by_key(&mut by_start, |&k| windows[k]);
    }
    // (end, start, set) of every occurrence inside a window, in order of end.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut k = 0;
    while k < by_start.len() {
        let (lo, mut hi) = windows[by_start[k]];
        while k < by_start.len() && windows[by_start[k]].0 <= hi {
            hi = hi.max(windows[by_start[k]].1);
            k += 1;
        }
        for (start, end, k) in words.all(chars, Range { start: lo, end: hi }) {
            if let Some(set) = sets.iter().position(|s| s.contains(&k)) {
                found.push((end, start, set));
            }
        }
    }
    // Only the order of ends matters below (each set keeps its latest start).
    crate::order::by_key(&mut found, |f| f.0);
    let mut by_end = by_start;
    if !in_order {
        crate::order::by_key(&mut by_end, |&k| windows[k].1);
    }
    let mut out: [Vec<bool>; N] = std::array::from_fn(|_| vec![false; windows.len()]);
    let (mut next, mut latest_start) = (0, [None; N]);
    for k in by_end {
        let (lo, hi) = windows[k];
        while next < found.len() && found[next].0 <= hi {
            let (_, start, set) = found[next];
            latest_start[set] = latest_start[set].max(Some(start));
            next += 1;
        }
        for set in 0..N {
            out[set][k] = latest_start[set].is_some_and(|s| s >= lo);
        }
    }
    out
}

/// The clause text right before a figure, at most `max` chars, not reaching into the previous figure.
fn lead_in<'d>(doc: &'d Doc, figures: &[Figure], k: usize, max: usize) -> &'d [char] {
    let floor = if k == 0 { 0 } else { figures[k - 1].end };
    let (lo, start) = clause_before(doc, figures[k].start, floor, max);
    &doc.chars[lo..start]
}

/// The clause before `start` as a char range, back to `floor` or at most `max` chars.
fn clause_before(doc: &Doc, start: usize, floor: usize, max: usize) -> (usize, usize) {
    let start = start.min(doc.len());
    // Searched as a slice from its far end: a char-by-char walk with three bounds per step costs
    // twice as much.
    let from = floor.max(start.saturating_sub(max)).min(start);
    let lo = doc.chars[from..start].iter().rposition(|&c| ends_clause(c)).map_or(from, |k| from + k + 1);
    (lo, start)
}

/// [`clause_before`] each figure (back to the text's start), in one pass: the figures are sorted, so
/// each scan stops at the previous figure's start and, when no clause ends in between, takes the
/// previous clause's start (the windows of close figures overlap, and this reads each char once).
fn clauses_before(doc: &Doc, figures: &[Figure], max: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(figures.len());
    for f in figures {
        let start = f.start.min(doc.len());
        let window = match out.last() {
            Some(&(prev_lo, prev)) if prev <= start => match clause_before(doc, start, prev, max) {
                // No clause end between the two starts: this clause began where the previous one did,
                // unless that is more than `max` back.
                (lo, _) if lo == prev => (prev_lo.max(start.saturating_sub(max)), start),
                w => w,
            },
            _ => clause_before(doc, start, 0, max),
        };
        out.push(window);
    }
    out
}

/// A clause end or a line break. Every one of them lies outside U+3003–U+FEFF, where the Han chars
/// that make up most of the text are: one comparison answers for those.
#[inline]
fn ends_clause(c: char) -> bool {
    !('\u{3003}'..'\u{FF00}').contains(&c) && (is_clause_end(c) || c == '\n')
}

/// Quotes a list of figures: “50亿元”“35亿元”.
// Pushed into one string: a `format!` per figure and a join cost several times more.
fn quoted<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts {
        out.push('“');
        out.push_str(t);
        out.push('”');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// figure.unit-outlier

/// The magnitude word a figure was written with: 亿, 万 or none. 150元 among 亿元 figures lost its 亿.
fn scale_word(text: &str) -> &'static str {
    if text.contains('亿') {
        "亿"
    } else if text.contains('万') {
        "万"
    } else {
        ""
    }
}

/// How many neighbours on each side a figure is compared with.
const NEIGHBOURS: usize = 3;
/// Orders of magnitude between a figure and its neighbours' median that make it an outlier. A dropped
/// 万 alone is four orders; three leave room for 12元 among 3.2万元 figures, and the written-size and
/// magnitude-word conditions below keep real small amounts out.
const OUTLIER_ORDERS: f64 = 3.0;
/// Neighbours that themselves spread over more orders than this give no reference magnitude.
const NEIGHBOUR_SPREAD: f64 = 3.0;
/// How far (orders) the number as written may be from its neighbours' written numbers for the
/// figure to read as theirs with a magnitude word dropped.
const WRITTEN_ORDERS: f64 = 1.5;

fn unit_outliers(doc: &Doc, figures: &[Figure], facts: &Facts, findings: &mut Findings) {
    // Totals of the same kind and base unit, in text order; per-head and unit prices are no totals.
    // Each member keeps its log10 value, taken in this pass in text order: reading it later group
    // by group would jump about the figures, which for a large text are far more than the cache.
    // The groups are numbered as they first occur (`order::grouped` lays them out).
    let mut ids: FastMap<(&str, &str), usize> = FastMap::default();
    let (mut group_of, mut comparable_figures): (Vec<usize>, Vec<(usize, f64)>) = Default::default();
    for (k, f) in figures.iter().enumerate() {
        let comparable = matches!(f.kind, FigureKind::Money | FigureKind::Count)
            && !f.unit.is_empty()
            // (A byte test: `str::contains` calls memchr, which costs more on a unit of a few bytes.)
            && !f.unit.bytes().any(|b| b == b'/')
            && f.value.is_finite()
            && f.value > 0.0
            // The whole clause, across earlier figures: 人均可支配收入分别达到4.6万元和2.1万元.
            && !facts.per_unit_before[k]
            && !WORDS.per_unit.occurs_in(&f.subject);
        if comparable {
            let next = ids.len();
            let group = *ids.entry((f.kind.as_str(), &*f.unit)).or_insert(next);
            group_of.push(group);
            comparable_figures.push((k, f.value.log10()));
        }
    }
    for members in crate::order::grouped(ids.len(), &group_of).iter() {
        let member = |m: usize| comparable_figures[members[m]];
        for j in 0..members.len() {
            let (k, log) = member(j);
            let near = (j.saturating_sub(NEIGHBOURS)..j).chain(j + 1..members.len().min(j + 1 + NEIGHBOURS));
            let mut neighbours = Neighbours::default();
            for m in near {
                let (k, log) = member(m);
                neighbours.push(k, log);
            }
            if let Some(msg) = outlier_message(doc, figures, k, log, &neighbours) {
                findings.add(&FIGURE_UNIT_OUTLIER, figures[k].start, figures[k].end, msg);
            }
        }
    }
}

/// The figures a figure is compared with (at most [`NEIGHBOURS`] on each side) and their log10
/// values, without allocating.
#[derive(Default)]
struct Neighbours {
    len: usize,
    index: [usize; 2 * NEIGHBOURS],
    log: [f64; 2 * NEIGHBOURS],
}

impl Neighbours {
    fn push(&mut self, k: usize, log: f64) {
        if self.len < self.index.len() {
            self.index[self.len] = k;
            self.log[self.len] = log;
            self.len += 1;
        }
    }

    fn indices(&self) -> &[usize] {
        &self.index[..self.len]
    }
}

fn outlier_message(doc: &Doc, figures: &[Figure], k: usize, own_log: f64, near: &Neighbours) -> Option<String> {
    if near.len < 2 {
        return None;
    }
    let f = &figures[k];
    // Most figures are near all their neighbours, so near their median: no outlier, whatever the
    // spread (the margin keeps this clear of the rounding of the median and the gap below).
    let near_logs = &near.log[..near.len];
    const NEAR: f64 = OUTLIER_ORDERS - 0.5;
    if near_logs.iter().all(|&l| (l - own_log).abs() < NEAR) {
        return None;
    }
    let mut logs = near.log;
    let logs = &mut logs[..near.len];
    crate::order::by(logs, f64::total_cmp);
    let spread = logs[logs.len() - 1] - logs[0];
    let median = if logs.len() % 2 == 1 {
        logs[logs.len() / 2]
    } else {
        (logs[logs.len() / 2 - 1] + logs[logs.len() / 2]) / 2.0
    };
    let gap = median - own_log;
    if spread > NEIGHBOUR_SPREAD || gap.abs() < OUTLIER_ORDERS {
        return None;
    }
    let near = near.indices();
    // A dropped 亿 leaves the number as written the size of its neighbours' (150 among 50, 35, 300);
    // a real small amount is written at another size (节约经费38650元 next to 5亿元).
    let written = |k: usize| written(doc, &figures[k]).filter(|v| *v > 0.0).map(f64::log10);
    let mut near_written: Vec<f64> = near.iter().filter_map(|&m| written(m)).collect();
    crate::order::by(&mut near_written, f64::total_cmp);
    let own_written = written(k)?;
    let typical = *near_written.get(near_written.len() / 2)?;
    if (own_written - typical).abs() > WRITTEN_ORDERS {
        return None;
    }
    // Only when the written magnitude word differs from most neighbours': a dropped or doubled
    // 亿/万 is the error this rule is for; 3人 next to 3000人 is just a different quantity.
    let own = scale_word(&f.text);
    let differing = near.iter().filter(|&&m| scale_word(&figures[m].text) != own).count();
    if differing * 2 <= near.len() {
        return None;
    }
    let hint = if gap > 0.0 { "请核对是否漏写了“亿”或“万”" } else { "请核对是否多写了“亿”或“万”，或数字本身有误" };
    Some(format!(
        "“{}”与前后同类数字{}相差约{}个数量级，{}。",
        f.text,
        quoted(near.iter().map(|&m| figures[m].text.as_str())),
        // Whole orders, as an integer: float formatting would add 20 KB to the page's wasm.
        gap.abs().round() as i64,
        hint
    ))
}

// ---------------------------------------------------------------------------------------------
// figure.double-approx

fn double_approx(doc: &Doc, figures: &[Figure], anatomy: &[Anatomy], findings: &mut Findings) {
    for (f, a) in figures.iter().zip(anatomy) {
        if a.approx_words.len() < 2 {
            continue;
        }
        let own = own_chars(doc, f);
        let words: Vec<String> = a.approx_words.iter().map(|k| figures::approx_word(own, k)).collect();
        let words = quoted(words.iter().map(String::as_str)).replace("”“", "”和“");
        findings.add(
            &FIGURE_DOUBLE_APPROX,
            f.start,
            f.end,
            format!("“{}”同时用了{}两个表示约数的词，语义重复（GB/T 15835-2011），请只保留一个。", f.text, words),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// figure.percent-style-mixed

fn percent_style(doc: &Doc, figures: &[Figure], findings: &mut Findings) {
    let signs: Vec<(usize, bool)> = percent_signs(doc).map(|i| (i, doc.orig(i) == '％')).collect();
    let full = signs.iter().filter(|s| s.1).count();
    let half = signs.len() - full;
    if full == 0 || half == 0 {
        return;
    }
    // The less used style is the odd one; on a tie, the one that appears second.
    let odd_is_full = match full.cmp(&half) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => !signs[0].1,
    };
    let (odd, usual) = if odd_is_full { ("％", "%") } else { ("%", "％") };
    for &(i, is_full) in &signs {
        if is_full != odd_is_full {
            continue;
        }
        let k = figures.partition_point(|f| f.end <= i);
        let (s, e) = match figures.get(k) {
            Some(f) if f.start <= i => (f.start, f.end),
            _ => (i, i + 1),
        };
        findings.add(
            &FIGURE_PERCENT_STYLE_MIXED,
            s,
            e,
            format!(
                "全文半角“%”用了{half}处、全角“％”用了{full}处；此处的“{odd}”与多数写法“{usual}”不一致，请全文统一。"
            ),
        );
    }
}

/// Char offsets of the '%' in the folded text: every % and ％ of the input (a rare char: whole
/// blocks of chars are tested at once).
fn percent_signs<'d>(doc: &'d Doc) -> impl Iterator<Item = usize> + 'd {
    crate::figures::rare_chars(&doc.chars, |c| c == '%')
}

// ---------------------------------------------------------------------------------------------
// figure.numeral-style-mixed

fn numeral_style(figures: &[Figure], anatomy: &[Anatomy], findings: &mut Findings) {
    // Per count unit: how many figures are written in Arabic and in Chinese numerals, and the first
    // of each. 一次/一项 are idiomatic and vague numbers (三五次, 十几次) are written in Chinese by
    // rule, so neither takes part.
    #[derive(Default)]
    struct Styles {
        arabic: usize,
        chinese: usize,
        first_arabic: usize,
        first_chinese: usize,
    }
    let counted = |f: &Figure, a: &Anatomy| !(f.kind != FigureKind::Count || f.approx || a.lone_yi || a.range || f.unit.is_empty());
    let mut by_unit: FastMap<&str, Styles> = FastMap::default();
    for (k, (f, a)) in figures.iter().zip(anatomy).enumerate() {
        if !counted(f, a) {
            continue;
        }
        let s = by_unit.entry(&*f.unit).or_default();
        let (n, first) = if a.chinese { (&mut s.chinese, &mut s.first_chinese) } else { (&mut s.arabic, &mut s.first_arabic) };
        if *n == 0 {
            *first = k;
        }
        *n += 1;
    }
    for (f, a) in figures.iter().zip(anatomy) {
        if !counted(f, a) {
            continue;
        }
        let s = &by_unit[&*f.unit];
        // Flag the less used style; on a tie the Chinese one (GB/T 15835-2011 prefers Arabic for counts).
        if s.arabic == 0 || s.chinese == 0 || a.chinese != (s.arabic >= s.chinese) {
            continue;
        }
        let (a_eg, c_eg) = (&figures[s.first_arabic].text, &figures[s.first_chinese].text);
        findings.add(
            &FIGURE_NUMERAL_STYLE_MIXED,
            f.start,
            f.end,
            format!(
                "“{}”在文中既写作阿拉伯数字（{}处，如“{a_eg}”）又写作汉字数字（{}处，如“{c_eg}”）；\
                 此处“{}”宜与全文统一，计数一般用阿拉伯数字（GB/T 15835-2011）。",
                f.unit, s.arabic, s.chinese, f.text
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// figure.share-over-100

/// How far before a percentage its share word may stand (占比持续保持在…).
const SHARE_WINDOW: usize = 16;

fn shares_over_100(doc: &Doc, figures: &[Figure], findings: &mut Findings) {
    for (k, f) in figures.iter().enumerate() {
        let over = f.value > 100.0 || f.value_max.is_some_and(|m| m > 100.0);
        if f.unit != "%" || !over {
            continue;
        }
        let lead = lead_in(doc, figures, k, SHARE_WINDOW);
        let Some(word) = share_word(lead) else { continue };
        findings.add(
            &FIGURE_SHARE_OVER_100,
            f.start,
            f.end,
            format!(
                "“{word}…{}”：{word}是部分占整体的比例，不会超过100%。请核对数字，或是否把增幅、完成率写成了占比。",
                f.text
            ),
        );
    }
}

/// The share word governing a percentage from the clause text before it, unless a change or
/// over-fulfilment word stands between them (占比同比提高…, 完成率…).
fn share_word(lead: &[char]) -> Option<String> {
    let all = |to: usize| Range { start: 0, end: to };
    let (word, after) = match WORDS.share.leftmost_longest(lead, all(lead.len())).last() {
        Some((start, end, _)) => (lead[start..end].iter().collect(), &lead[end..]),
        // 占全市的60%: 占 … 的 right before the figure.
        None => {
            let p = lead.iter().rposition(|&c| c == '占')?;
            if lead.last() != Some(&'的') {
                return None;
            }
            ("占…的".to_string(), &lead[p..])
        }
    };
    // A change word followed by 到/至 gives the new level, still a share (占比提高到120%).
    let change = WORDS
        .not_share
        .leftmost_longest(after, all(after.len()))
        .any(|(_, end, _)| !matches!(after.get(end), Some('到' | '至')));
    (!change).then_some(word)
}

// ---------------------------------------------------------------------------------------------
// figure.round-placeholder

/// Fewest metric figures for the share of round numbers to mean anything.
const ROUND_MIN_FIGURES: usize = 10;
/// Share of round numbers (multiples of ten as written) from which a text looks like a template.
const ROUND_SHARE: f64 = 0.7;

/// `v % 10.0 == 0.0` for a whole number `v`, without the call to `fmod` where `v` fits an integer
/// (where it does, both are exact).
fn multiple_of_ten(v: f64) -> bool {
    if v.abs() < 9.0e18 {
        (v as i64) % 10 == 0
    } else {
        v % 10.0 == 0.0
    }
}

fn round_placeholders(doc: &Doc, figures: &[Figure], anatomy: &[Anatomy], facts: &Facts, findings: &mut Findings) {
    // Reported figures only: targets (力争50亿元) are round by nature.
    let mut metric: Vec<usize> = Vec::with_capacity(figures.len());
    metric.extend((0..figures.len()).filter(|&k| figures[k].kind != FigureKind::Date && !facts.target_before[k]));
    // Vague numbers (几千, 数十) are approximations by form, not numbers someone forgot to fill in.
    let is_round = |k: usize| {
        !anatomy[k].vague && written(doc, &figures[k]).is_some_and(|v| v != 0.0 && v.fract() == 0.0 && multiple_of_ten(v))
    };
    let n = metric.len();
    if n < ROUND_MIN_FIGURES {
        return;
    }
    // Reading the numbers stops once too many are not round for the share to be reached.
    let mut not_round = 0;
    for &k in &metric {
        if !is_round(k) {
            not_round += 1;
            if ((n - not_round) as f64) < ROUND_SHARE * n as f64 {
                return;
            }
        }
    }
    let round: Vec<&Figure> = metric.iter().filter(|&&k| is_round(k)).map(|&k| &figures[k]).collect();
    let m = round.len();
    let first = round[0];
    let examples = quoted(round.iter().take(5).map(|f| f.text.as_str()));
    findings.add(
        &FIGURE_ROUND_PLACEHOLDER,
        first.start,
        first.end,
        format!(
            "全文{n}个计量数字中{m}个是整十整百（占{}%，如{examples}）。真实统计很少这样整齐，\
             请逐一核实是否为模板中没有替换的示意数字。",
            whole_percent(m, n)
        ),
    );
}

/// `m / n` as a whole percentage, halves to even — what `{:.0}` prints for `m * 100.0 / n`, in
/// integers: float formatting would add some 8 KB to the page's wasm for this one number.
fn whole_percent(m: usize, n: usize) -> usize {
    let (q, r) = (m * 100 / n.max(1), m * 100 % n.max(1));
    match (2 * r).cmp(&n) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + q % 2,
        std::cmp::Ordering::Less => q,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_percent_rounds_as_float_formatting_does() {
        for n in 1..=300 {
            for m in 0..=n {
                assert_eq!(whole_percent(m, n).to_string(), format!("{:.0}", m as f64 * 100.0 / n as f64), "{m}/{n}");
            }
        }
    }

    /// `rule | text of the span` for every figure finding.
    fn hits(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let figs = figures::detect(&doc);
        let mut f = Findings::new();
        check(&doc, &figs, &mut f);
        f.into_sorted().into_iter().map(|x| format!("{} | {}", x.rule, doc.slice(x.start, x.end))).collect()
    }

    fn rule_hits(text: &str, rule: &str) -> Vec<String> {
        hits(text).into_iter().filter(|h| h.starts_with(rule)).map(|h| h[rule.len() + 3..].to_string()).collect()
    }

    /// Random texts over an alphabet of numerals, units, approximation words, quotes and brackets: the
    /// detector and every check must never panic and keep every span inside the text.
    #[test]
    fn never_panics_on_random_figure_soup() {
        let alphabet: Vec<char> = "0123456789１２,，.。、%％—-~至到约近超过余多左右以上第一二两三四五六七八九十百千万亿几数点\
                                   元亿次项个人名年月日成倍番翻百分之“”《》（）()\n 占比满意度的届会议"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..3000 {
            let len = (next() % 60) as usize + round % 3;
            let text: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let doc = Doc::new(&text);
            let figs = figures::detect(&doc);
            for w in figs.windows(2) {
                assert!(w[0].end <= w[1].start, "overlap in {text:?}");
            }
            let mut f = Findings::new();
            check(&doc, &figs, &mut f);
            for x in f.iter() {
                assert!(x.start <= x.end && x.end <= doc.len(), "{text:?}");
            }
            for g in &figs {
                assert!(g.start < g.end && g.end <= doc.len() && g.value.is_finite(), "{text:?}: {g:?}");
            }
        }
    }

    /// [`needs_anatomy`] skips the figures that are not approximate: read on their own, they must
    /// show no approximation word and no vague number either.
    #[test]
    fn figures_not_approximate_read_alone_have_no_approximation() {
        let texts = figures::fixtures_and_soup("0123456789,，.。、%％—-~至到约近超过余多左右以上上下第一二两三四五六七八九十百千万亿几数点元人次年月日米个来番翻", 2000, 30, 0x9e37_79b9_7f4a_7c15u64);
        let mut checked = 0;
        for text in &texts {
            let doc = Doc::new(text);
            for f in figures::detect(&doc).iter().filter(|f| !f.approx) {
                let a = figures::anatomy(own_chars(&doc, f)).unwrap_or_default();
                assert!(!a.vague && a.approx_words.is_empty(), "{text:?}: {}", f.text);
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} figures checked");
    }

    /// Texts made of the words figures are built from (numerals, units, approximation, range, period
    /// and lead words) and some prose, so that rare combinations (不超过千余人, 近三年多来) come up.
    fn word_soup(n: usize, mut seed: u64) -> Vec<String> {
        let words: Vec<&str> = "约 大约 近 将近 接近 逾 超 超过 不足 不到 不超过 不少于 不低于 余 多 来 左右 上下 以上 以下 以内 有余 开外 \
            前 最近 以来 — —— - ~ 至 到 第 上 数 人数 翻 翻了 番 之 百分之 千分之 个 项 次 人 人次 名 年 年度 月 日 号 季度 个月 天 \
            小时 元 万元 亿元 万 亿 千 百 十 成 倍 % ％ 个百分点 米 千米 平方米 公里 元/人 / 一 二 两 三 五 八 九 零 〇 几 点 \
            0 1 2 3 5 8 12 2023 3.5 1,234 ， 。 、 和 “ ” 《 》 届 的 占比 达到 完成 工作 人民 期间 级"
            .split_whitespace()
            .collect();
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let len = 1 + (seed % 12) as usize;
                (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        words[(seed % words.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect()
    }

    /// What detection knows of each figure's anatomy is what reading the figure alone gives, for
    /// every figure a check reads it of: so [`check_with_anatomy`] and [`check`] agree.
    #[test]
    fn anatomy_from_detection_is_the_anatomy_read_alone() {
        let mut texts = figures::fixtures_and_soup("0123456789,，.。、%％—-~至到约近超过余多左右以上上下第一二两三四五六七八九十百千万亿几数点元人次年月日米个来番翻", 3000, 30, 0x51_7cc1_b727_220au64);
        texts.extend(word_soup(60_000, 0x2545_f491_4f6c_dd1du64));
        let (mut compared, mut flagged) = (0, 0);
        for text in &texts {
            let doc = Doc::new(text);
            let (figs, anatomy) = figures::detect_with_anatomy(&doc);
            assert_eq!(figs, figures::detect(&doc));
            for (f, a) in figs.iter().zip(&anatomy).filter(|(f, _)| needs_anatomy(f)) {
                assert_eq!(*a, figures::anatomy(own_chars(&doc, f)).unwrap_or_default(), "{text:?}: {}", f.text);
                compared += 1;
            }
            let (mut reread, mut given) = (Findings::new(), Findings::new());
            check(&doc, &figs, &mut reread);
            check_with_anatomy(&doc, &figs, &anatomy, &mut given);
            let (reread, given) = (reread.into_sorted(), given.into_sorted());
            flagged += usize::from(given.iter().any(|x| x.rule == "figure.double-approx"));
            assert_eq!(reread, given, "{text:?}");
        }
        assert!(compared > 5000 && flagged > 100, "{compared} anatomies compared, {flagged} texts with a double approximation");
    }

    #[test]
    fn clauses_before_in_one_pass_are_each_figures_clause() {
        let mut texts = figures::fixtures_and_soup("0123456789。，,：:；;！\n次人元约近第一二十百千万", 2000, 60, 0x3c6e_f372_fe94_f82bu64);
        texts.extend(word_soup(5000, 0x1f83_d9ab_fb41_bd6bu64));
        let mut compared = 0;
        for text in &texts {
            let doc = Doc::new(text);
            let figs = figures::detect(&doc);
            for max in [3, CLAUSE_WINDOW] {
                let each: Vec<(usize, usize)> = figs.iter().map(|f| clause_before(&doc, f.start, 0, max)).collect();
                assert_eq!(clauses_before(&doc, &figs, max), each, "{text:?}");
                compared += each.len();
            }
        }
        assert!(compared > 5000, "{compared} windows compared");
    }

    #[test]
    fn the_clause_end_shortcut_is_exact() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(ends_clause(c), is_clause_end(c) || c == '\n', "{c:?}");
        }
    }

    #[test]
    fn unit_outlier_flags_a_dropped_yi() {
        let t = "全县一般公共预算收入完成18.6亿元，争取上级补助资金9.2亿元，拨付乡镇运转保障资金260元，发行债券20亿元。";
        assert_eq!(rule_hits(t, "figure.unit-outlier"), ["260元"]);
        // a dropped 万 among 万元 figures, and a doubled 亿 among 元 figures
        let t = "发放补贴3.2万元，慰问金5.6万元，购置设备12元，维修费2.8万元。";
        assert_eq!(rule_hits(t, "figure.unit-outlier"), ["12元"]);
        let t = "收取工本费350元，培训费280元，资料费300亿元，差旅费410元。";
        assert_eq!(rule_hits(t, "figure.unit-outlier"), ["300亿元"]);
    }

    #[test]
    fn unit_outlier_spares_per_head_figures_and_mixed_magnitudes() {
        for t in [
            // per capita and standards are not totals
            "全县一般公共预算收入完成18.6亿元，争取资金9.2亿元，人均补助1500元，发行债券20亿元。",
            "财政收入50亿元，支出30亿元，补助标准为每人800元，债务20亿元。",
            // neighbours that disagree among themselves give no reference magnitude
            "投入资金5亿元，奖励12元，补贴3万元，收入80元。",
            // same magnitude word: a small count among big ones is just a different count
            "培训干部3000人，表彰先进5人，走访群众20000人。",
            // only two figures: no neighbours to compare with
            "争取资金50亿元，支出150元。",
            // a real small amount is written at another size than the totals around it
            "争取上级资金5亿元，完成投资12亿元，全年节约办公经费38650元，发行债券8亿元。",
            // prices and amounts per head or per unit
            "完成投资12亿元，发行债券8亿元，电价每千瓦时降低3元，争取资金5亿元。",
            // the second of two coordinated per-capita figures is per capita too
            "生产总值1286亿元，消费500亿元，居民人均可支配收入分别达到4.6万元和2.1万元，投资300亿元。",
        ] {
            assert_eq!(rule_hits(t, "figure.unit-outlier"), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn double_approx_needs_two_words_on_one_figure() {
        assert_eq!(rule_hits("全年开展专项督查超过5余次。", "figure.double-approx"), ["超过5余次"]);
        assert_eq!(rule_hits("约50人左右参加。", "figure.double-approx"), ["约50人左右"]);
        assert_eq!(rule_hits("近300多人。", "figure.double-approx"), ["近300多人"]);
        assert_eq!(rule_hits("超过100人以上。", "figure.double-approx"), ["超过100人以上"]);
        assert_eq!(rule_hits("开展20余次左右。", "figure.double-approx"), ["20余次左右"]);
        for t in ["近三年来成效明显。", "多次召开会议。", "超过5次。", "20余次。", "一年多来。", "约3年。"] {
            assert_eq!(rule_hits(t, "figure.double-approx"), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn percent_style_flags_the_less_used_sign() {
        let t = "完成率95%，覆盖率90%，满意度98％。";
        assert_eq!(rule_hits(t, "figure.percent-style-mixed"), ["98％"]);
        assert_eq!(rule_hits("完成率95%，覆盖率90%。", "figure.percent-style-mixed"), Vec::<String>::new());
        assert_eq!(rule_hits("支出进度达到50%，项目完成率达到90％。", "figure.percent-style-mixed"), ["90％"]);
    }

    #[test]
    fn numeral_style_flags_the_odd_count() {
        assert_eq!(rule_hits("召开会议12次，督查8次，开展检查十二次。", "figure.numeral-style-mixed"), ["十二次"]);
        for t in [
            "召开会议12次，开展一次集中检查。",   // 一次 is idiomatic
            "召开会议12次，走访三五次。",         // vague numbers are Chinese by rule
            "召开会议12次，培训十几次。",
            "召开会议12次，表彰十二人。",         // different units
        ] {
            assert_eq!(rule_hits(t, "figure.numeral-style-mixed"), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn share_over_100_only_for_shares() {
        assert_eq!(rule_hits("民生支出占比达到120%。", "figure.share-over-100"), ["120%"]);
        assert_eq!(rule_hits("群众满意度达到105%。", "figure.share-over-100"), ["105%"]);
        assert_eq!(rule_hits("占全市总量的130%。", "figure.share-over-100"), ["130%"]);
        assert_eq!(rule_hits("民生支出占比提高到120%。", "figure.share-over-100"), ["120%"]);
        for t in [
            "年度任务完成率达到120%。",     // over-fulfilment is possible
            "同比增长150%。",
            "占比同比提高120%。",
            "覆盖率达到98%。",
            "出口增速达到110%，占比35%。",
        ] {
            assert_eq!(rule_hits(t, "figure.share-over-100"), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn round_placeholder_once_with_counts() {
        let t = "开展培训10次，覆盖干部200人，走访企业30家，解决问题40个，督查20次，通报10期，签订承诺书50份，\
                 整改问题60项，新建项目10个，投入资金100万元。";
        let doc = Doc::new(t);
        let figs = figures::detect(&doc);
        let mut f = Findings::new();
        check(&doc, &figs, &mut f);
        let v: Vec<_> = f.iter().filter(|x| x.rule == "figure.round-placeholder").collect();
        assert_eq!(v.len(), 1);
        assert_eq!(doc.slice(v[0].start, v[0].end), "10次");
        assert!(v[0].message.contains("全文10个计量数字中10个"), "{}", v[0].message);
        // 3.5万 and 八成 are not round as written; 12 and 35 are not round at all.
        let t2 = "开展培训10次，覆盖干部3.5万人，走访企业30家，解决问题40个，督查20次，通报12期，签订承诺书50份，\
                  整改问题35项，新建项目10个，占比八成。";
        assert_eq!(rule_hits(t2, "figure.round-placeholder"), Vec::<String>::new());
        // Targets are round by nature and are left out: the same figures fire as reported results and
        // do not as targets.
        let results = "新建项目10个，培训干部200人，走访企业30家，解决问题40个，督查20次，通报10期，\
                       签订承诺书50份，整改问题60项，投入资金100万元，开展培训12次，覆盖干部236人，走访企业31家。";
        assert_eq!(rule_hits(results, "figure.round-placeholder"), ["10个"]);
        let targets = "力争新建项目10个，计划培训干部200人，确保走访企业30家，目标解决问题40个，预计督查20次，\
                       力争通报10期，计划签订承诺书50份，确保整改问题60项，力争投入资金100万元，\
                       开展培训12次，覆盖干部236人，走访企业31家。";
        assert_eq!(rule_hits(targets, "figure.round-placeholder"), Vec::<String>::new());
        // Fewer than ten figures: no verdict.
        assert_eq!(rule_hits("开展培训10次，走访企业30家，督查20次。", "figure.round-placeholder"), Vec::<String>::new());
    }
}
