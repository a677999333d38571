//! The outline: headings (第一部分 一、（一）1.（1）) and inline enumerations (一是, 首先, ——).
//!
//! Headings are only looked for at the start of a line, after whitespace and copy-paste junk
//! (`##paidbegin##`), so a 一、 in the middle of running text is never a heading. Inline enumerations
//! are looked for at clause starts inside paragraphs; a series restarts in each paragraph unless the
//! next paragraph itself starts with the next marker.

use std::borrow::Cow;

use crate::order::Grouped;

use crate::normalise::{is_han, Doc, Line};
use crate::words::CharSet;
use crate::report::Heading;
use crate::segment::is_sentence_end;

/// The level of inline enumerations.
pub const ENUM_LEVEL: u8 = 5;

/// The longest Chinese numeral read as an ordinal (九十九 is three chars; 一百二十 four).
const MAX_CN_NUMERAL: usize = 4;
/// Arabic heading ordinals have at most this many digits, so 2023年 never reads as a heading.
const MAX_DIGITS: usize = 3;

pub fn detect(doc: &Doc) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut enums = Vec::new();
    for (k, line) in doc.lines.iter().enumerate() {
        let body = body_start(doc, *line);
        if body >= line.end {
            continue;
        }
        let mut enum_body = body;
        if let Some(h) = line_heading_at(doc, body, line.end) {
            // A heading's own text may hold an enumeration: （1）一要…，二要…。
            enum_body = title_start(doc, body + h.marker.chars().count(), line.end);
            out.push(h);
        }
        scan_enums(doc, k, enum_body, enum_body, line.end, &mut enums);
    }
    merge(out, resolve_enums(doc, enums))
}

/// Merges two lists of headings, each in order of (start, level), into one in that order: cheaper
/// than sorting the lot, which moves every heading several times.
fn merge(a: Vec<Heading>, b: Vec<Heading>) -> Vec<Heading> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for h in a {
        while let Some(e) = b.next_if(|e| (e.start, e.level) < (h.start, h.level)) {
            out.push(e);
        }
        out.push(h);
    }
    out.extend(b);
    out
}

/// Where a line's text starts: after spaces, tabs and site markers such as `##paidbegin##`.
pub fn body_start(doc: &Doc, line: Line) -> usize {
    let mut i = line.start;
    loop {
        while i < line.end && doc.chars[i].is_whitespace() {
            i += 1;
        }
        match site_marker_end(doc, i, line.end) {
            Some(e) => i = e,
            None => return i,
        }
    }
}

/// End of a `##word##` marker starting at `i`.
pub fn site_marker_end(doc: &Doc, i: usize, end: usize) -> Option<usize> {
    if i + 1 >= end || doc.chars[i] != '#' || doc.chars[i + 1] != '#' {
        return None;
    }
    let mut j = i + 2;
    while j < end && j - i < 40 && (doc.chars[j].is_ascii_alphanumeric() || doc.chars[j] == '_') {
        j += 1;
    }
    (j > i + 2 && j + 1 < end && doc.chars[j] == '#' && doc.chars[j + 1] == '#').then_some(j + 2)
}

/// Value of a Chinese numeral digit.
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || c == '十' || c == '百'
}

/// Reads a Chinese numeral (一, 十一, 二十, 九十九, 一百零一) at `i`: (value, chars read).
pub fn cn_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut n = 0;
    while i + n < chars.len() && n < MAX_CN_NUMERAL + 1 && is_cn_numeral(chars[i + n]) {
        n += 1;
    }
    if n == 0 || n > MAX_CN_NUMERAL {
        return None;
    }
    let s = &chars[i..i + n];
    // 两 only counts as a numeral on its own (两、 is rare, 两个 is never an ordinal).
    if s.contains(&'两') && n > 1 {
        return None;
    }
    let (mut total, mut digit, mut last_unit) = (0u32, None::<u32>, 1000u32);
    for &c in s {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            _ => {
                if digit.is_some() && digit != Some(0) {
                    return None; // 一二 is a list of digits, not a number
                }
                digit = cn_digit(c);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        // 十一 has no digit before 十; 零十 is not a numeral.
        total += match digit {
            None => 1,
            Some(0) => return None,
            Some(d) => d,
        } * unit;
        digit = None;
        last_unit = unit;
    }
    total += digit.unwrap_or(0);
    (total > 0).then_some((total, n))
}

/// Reads 1–3 Arabic digits at `i`.
fn arabic_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut n = 0;
    let mut v = 0u32;
    while i + n < chars.len() && chars[i + n].is_ascii_digit() {
        if n == MAX_DIGITS {
            return None;
        }
        v = v * 10 + chars[i + n].to_digit(10).unwrap_or(0);
        n += 1;
    }
    (n > 0 && v > 0).then_some((v, n))
}

/// A heading marker read at the start of a line.
struct Marker {
    level: u8,
    ordinal: u32,
    /// Chars of the marker, from the line's body start.
    len: usize,
    style: &'static str,
}

fn read_marker(doc: &Doc, i: usize, end: usize) -> Option<Marker> {
    let c = &doc.chars[..end];
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    let full = |k: usize| doc.orig(k) != doc.chars[k];
    match at(i) {
        '第' => {
            let (v, n) = cn_number(c, i + 1).or_else(|| arabic_number(c, i + 1))?;
            let j = i + 1 + n;
            let units = [("部分", "第一部分"), ("章", "第一章"), ("节", "第一节"), ("篇", "第一篇"), ("编", "第一编")];
            let (unit, style) = units.into_iter().find(|u| u.0.chars().enumerate().all(|(k, uc)| at(j + k) == uc))?;
            let ulen = unit.chars().count();
            Some(Marker { level: 0, ordinal: v, len: 1 + n + ulen, style })
        }
        '(' => {
            if let Some((v, n)) = cn_number(c, i + 1) {
                (at(i + 1 + n) == ')').then(|| Marker {
                    level: 2,
                    ordinal: v,
                    len: n + 2,
                    style: if full(i) { "（一）" } else { "(一)" },
                })
            } else {
                let (v, n) = arabic_number(c, i + 1)?;
                (at(i + 1 + n) == ')').then(|| Marker {
                    level: 4,
                    ordinal: v,
                    len: n + 2,
                    style: if full(i) { "（1）" } else { "(1)" },
                })
            }
        }
        d if d.is_ascii_digit() => {
            let (v, n) = arabic_number(c, i)?;
            let p = i + n;
            let style = match at(p) {
                '.' if full(p) => "1．",
                '.' => "1.",
                '、' => "1、",
                _ => return None,
            };
            // 1.5亿元, 3、4月份: a digit after the separator makes it a number, not a marker.
            if at(p + 1).is_ascii_digit() {
                return None;
            }
            Some(Marker { level: 3, ordinal: v, len: n + 1, style })
        }
        d if is_cn_numeral(d) => {
            let (v, n) = cn_number(c, i)?;
            let p = i + n;
            let style = match at(p) {
                '、' => "一、",
                '.' => "一.",
                _ => return None,
            };
            // 一、二级公路 / 三、四季度: a numeral list, not a heading.
            if is_cn_numeral(at(p + 1)) && "、级类等档批期届季".contains(at(p + 2)) {
                return None;
            }
            Some(Marker { level: 1, ordinal: v, len: n + 1, style })
        }
        _ => None,
    }
}

/// A table-of-contents line (`一、主要工作……3`) is not a heading: its section is elsewhere.
fn is_toc_line(doc: &Doc, start: usize, end: usize) -> bool {
    let mut e = end;
    while e > start && doc.chars[e - 1].is_whitespace() {
        e -= 1;
    }
    let digits_end = e;
    while e > start && doc.chars[e - 1].is_ascii_digit() {
        e -= 1;
    }
    if e == digits_end {
        return false;
    }
    while e > start && doc.chars[e - 1] == ' ' {
        e -= 1;
    }
    let mut leaders = 0;
    while e > start && matches!(doc.chars[e - 1], '.' | '…' | '·' | '-' | '—') {
        e -= 1;
        leaders += 1;
    }
    leaders >= 2
}

/// The heading that starts the line at `body`, if any.
pub fn line_heading_at(doc: &Doc, body: usize, end: usize) -> Option<Heading> {
    let m = read_marker(doc, body, end)?;
    if is_toc_line(doc, body, end) {
        return None;
    }
    let t = title_start(doc, body + m.len, end);
    let (title_end, heading_end) = first_sentence(doc, t, end);
    Some(Heading {
        start: body,
        end: heading_end.max(body + m.len),
        level: m.level,
        marker: doc.slice(body, body + m.len).into(),
        ordinal: m.ordinal,
        title: doc.slice(t, title_end.max(t)).into(),
        style: Cow::Borrowed(m.style),
    })
}

/// Where a heading's title starts after its marker: 第一部分、总体情况 / （一）、 — a separator after the
/// marker belongs to neither.
fn title_start(doc: &Doc, from: usize, end: usize) -> usize {
    let mut t = from;
    while t < end && (doc.chars[t].is_whitespace() || matches!(doc.chars[t], '、' | '：' | ':' | '，')) {
        t += 1;
    }
    t
}

/// From `t`, the end of the title (without closing punctuation) and the end of the heading (with it):
/// the first sentence for a run-in heading, else the rest of the line.
fn first_sentence(doc: &Doc, t: usize, end: usize) -> (usize, usize) {
    let mut i = t;
    while i < end && !is_sentence_end(doc.chars[i]) {
        i += 1;
    }
    let mut heading_end = i;
    while heading_end < end && is_sentence_end(doc.chars[heading_end]) {
        heading_end += 1;
    }
    let mut title_end = i;
    while title_end > t && (doc.chars[title_end - 1].is_whitespace() || matches!(doc.chars[title_end - 1], '：' | ':' | '，' | ',')) {
        title_end -= 1;
    }
    while heading_end > t && doc.chars[heading_end - 1].is_whitespace() {
        heading_end -= 1;
    }
    (title_end, heading_end)
}

/// The kind of an inline enumeration marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnumWord {
    /// 一是 / 一要 / 第一，: the ordinal is written.
    Numbered(u32),
    First,
    Second,
    Third,
    Last,
    Dash,
}

#[derive(Debug, Clone)]
struct EnumCandidate {
    start: usize,
    marker_end: usize,
    end: usize,
    /// Index of the line, and whether the marker opens it.
    line: usize,
    at_line_start: bool,
    word: EnumWord,
    style: &'static str,
}

fn is_clause_start(doc: &Doc, body: usize, i: usize) -> bool {
    if i == body {
        return true;
    }
    // A bounded look-back keeps a line of a million spaces linear.
    let mut k = i;
    while k > body && i - k < 4 && doc.chars[k - 1] == ' ' {
        k -= 1;
    }
    k > body && matches!(doc.chars[k - 1], '。' | '；' | ';' | '：' | ':' | '，' | ',' | '！' | '？' | '!' | '?')
}

fn starts_with(doc: &Doc, i: usize, end: usize, s: &str) -> bool {
    let n = s.chars().count();
    i + n <= end && doc.chars[i..i + n].iter().copied().eq(s.chars())
}

/// Reads an inline enumeration marker at a clause start: (word, style, marker length).
fn read_enum(doc: &Doc, i: usize, end: usize) -> Option<(EnumWord, &'static str, usize)> {
    let c = &doc.chars[..end];
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    if at(i) == '第' {
        let (v, n) = cn_number(c, i + 1)?;
        // 第一，… but not 第一时间 / 第一责任人.
        return matches!(at(i + 1 + n), '，' | ',' | '、' | '：' | ':').then_some((EnumWord::Numbered(v), "第一", n + 1));
    }
    if let Some((v, n)) = cn_number(c, i) {
        let style = match at(i + n) {
            '是' => "一是",
            '要' => "一要",
            _ => return None,
        };
        // 一是否 is a question, not a marker.
        if at(i + n + 1) == '否' {
            return None;
        }
        return Some((EnumWord::Numbered(v), style, n + 1));
    }
    for (w, word) in CONNECTIVES {
        if starts_with(doc, i, end, w) {
            return Some((word, "首先", 2));
        }
    }
    None
}

/// The connectives that count a series without writing its ordinals.
const CONNECTIVES: [(&str, EnumWord); 4] =
    [("首先", EnumWord::First), ("其次", EnumWord::Second), ("再次", EnumWord::Third), ("最后", EnumWord::Last)];

/// The chars [`read_enum`] can find a marker at: 第, the numerals and the first chars of the
/// [`CONNECTIVES`].
static ENUM_OPENERS: CharSet =
    CharSet::new(&['第', '首', '其', '再', '最', '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百']);

/// Whether [`read_enum`] may find a marker at `c`: a quick test that spares almost every char of a
/// paragraph the look-back of [`is_clause_start`].
fn may_open_enum(c: char) -> bool {
    ENUM_OPENERS.may_contain(c)
}

/// End of the enumeration item's title: the end of its clause.
fn clause_end(doc: &Doc, from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end && !crate::segment::is_clause_end(doc.chars[i]) {
        i += 1;
    }
    i
}

fn scan_enums(doc: &Doc, line: usize, body: usize, from: usize, end: usize, out: &mut Vec<EnumCandidate>) {
    if from >= end {
        return;
    }
    // Dash leads: ——经济保持平稳增长。 at the start of a line.
    if from == body && matches!(doc.chars[body], '—' | '―') {
        let mut m = body;
        while m < end && matches!(doc.chars[m], '—' | '―') {
            m += 1;
        }
        if m < end && is_han(doc.chars[m]) {
            let (t_end, _) = first_sentence(doc, m, end);
            out.push(EnumCandidate { start: body, marker_end: m, end: t_end, line, at_line_start: true, word: EnumWord::Dash, style: "——" });
        }
        return;
    }
    let mut i = from;
    while i < end {
        // Skip to the next char that may open a marker: most chars cannot.
        let Some(k) = doc.chars[i..end].iter().position(|&c| may_open_enum(c)) else { break };
        i += k;
        if is_clause_start(doc, body, i) {
            if let Some((word, style, n)) = read_enum(doc, i, end) {
                let mut t = i + n;
                while t < end && matches!(doc.chars[t], '，' | ',' | '：' | ':' | ' ') {
                    t += 1;
                }
                let t_end = clause_end(doc, t, end);
                out.push(EnumCandidate { start: i, marker_end: i + n, end: t_end, line, at_line_start: i == body, word, style });
                i += n;
                continue;
            }
        }
        i += 1;
    }
}

/// Index of each line among the non-blank lines, to tell consecutive paragraphs.
fn paragraph_numbers(doc: &Doc) -> Vec<usize> {
    let mut k = 0;
    doc.lines
        .iter()
        .map(|l| {
            if (l.start..l.end).any(|i| !doc.chars[i].is_whitespace()) {
                k += 1;
            }
            k
        })
        .collect()
}

/// Groups enumeration markers into series: one style, one paragraph, restarting at 一是/首先, or
/// running on into the next paragraph when that paragraph opens with the next marker.
fn group<T>(items: &[T], para: &[usize], key: impl Fn(&T) -> (&str, usize, bool, bool)) -> Grouped {
    // The series of each item, and the last item of each series.
    let mut of: Vec<usize> = Vec::with_capacity(items.len());
    let mut last: Vec<usize> = Vec::new();
    // The open series per style: (style, series).
    let mut open: Vec<(&str, usize)> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let (style, line, at_start, restarts) = key(it);
        let slot = open.iter().position(|(s, _)| *s == style);
        let continues = slot.is_some_and(|p| {
            let (_, last_line, _, _) = key(&items[last[open[p].1]]);
            !restarts && (last_line == line || (at_start && para[line] == para[last_line] + 1))
        });
        let series = match (slot, continues) {
            (Some(p), true) => open[p].1,
            (Some(p), false) => {
                open[p].1 = last.len();
                last.len()
            }
            (None, _) => {
                open.push((style, last.len()));
                last.len()
            }
        };
        if series == last.len() {
            last.push(k);
        }
        last[series] = k;
        of.push(series);
    }
    crate::order::grouped(last.len(), &of)
}

fn resolve_enums(doc: &Doc, cands: Vec<EnumCandidate>) -> Vec<Heading> {
    let para = paragraph_numbers(doc);
    let series = group(&cands, &para, |c| {
        let restarts = matches!(c.word, EnumWord::Numbered(1) | EnumWord::First);
        (c.style, c.line, c.at_line_start, restarts)
    });
    // The ordinal of each candidate that is a marker; candidates come in text order, and so will the
    // headings.
    let mut ordinals: Vec<Option<u32>> = vec![None; cands.len()];
    for s in series.iter() {
        let first = &cands[s[0]];
        // A lone dash line is a subtitle or an attribution (——习近平), and a lone 首先 a manner of
        // speaking (首先，我代表局党组…): neither is a list.
        if matches!(first.word, EnumWord::Dash | EnumWord::First) && s.len() < 2 {
            continue;
        }
        let mut last = 0u32;
        for &k in s {
            let c = &cands[k];
            let ordinal = match c.word {
                EnumWord::Numbered(v) => v,
                EnumWord::First => 1,
                EnumWord::Dash => last + 1,
                // 其次/最后 without 首先 are plain connectives; 再次 right after 首先 means "again".
                EnumWord::Second if last == 1 => 2,
                EnumWord::Third if last == 2 => 3,
                EnumWord::Last if last >= 1 => last + 1,
                _ => continue,
            };
            last = ordinal;
            ordinals[k] = Some(ordinal);
        }
    }
    cands
        .iter()
        .zip(ordinals)
        .filter_map(|(c, ordinal)| {
            Some(Heading {
                start: c.start,
                end: c.end.max(c.marker_end),
                level: ENUM_LEVEL,
                marker: doc.slice(c.start, c.marker_end).into(),
                ordinal: ordinal?,
                title: doc.slice(first_content(doc, c.marker_end, c.end), c.end).into(),
                style: Cow::Borrowed(c.style),
            })
        })
        .collect()
}

fn first_content(doc: &Doc, from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end && matches!(doc.chars[i], '，' | ',' | '：' | ':' | ' ') {
        i += 1;
    }
    i
}

/// The series of inline enumerations, as indices into `outline`, grouped as [`detect`] grouped them.
pub(crate) fn enum_series(doc: &Doc, outline: &[Heading]) -> Grouped {
    let para = paragraph_numbers(doc);
    let idx: Vec<usize> = (0..outline.len()).filter(|&i| outline[i].level == ENUM_LEVEL).collect();
    // Body start of the last line seen: a line of many markers is measured once.
    let mut body: Option<(usize, usize)> = None;
    let items: Vec<(&Heading, usize, bool)> = idx
        .iter()
        .map(|&i| {
            let h = &outline[i];
            let line = doc.line_of(h.start);
            let b = match body {
                Some((l, b)) if l == line => b,
                _ => body_start(doc, doc.lines[line]),
            };
            body = Some((line, b));
            (h, line, b == h.start)
        })
        .collect();
    let mut series = group(&items, &para, |(h, line, at_start)| (&*h.style, *line, *at_start, h.ordinal == 1));
    for m in &mut series.items {
        *m = idx[*m];
    }
    series
}

/// For each heading of levels 0–4, the index of its parent: the nearest earlier heading of a
/// higher (smaller) level. Inline enumerations get none.
pub fn parents(outline: &[Heading]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut out = vec![None; outline.len()];
    for (i, h) in outline.iter().enumerate() {
        if h.level >= ENUM_LEVEL {
            continue;
        }
        while stack.last().is_some_and(|&p| outline[p].level >= h.level) {
            stack.pop();
        }
        out[i] = stack.last().copied();
        stack.push(i);
    }
    out
}

/// For each heading of levels 0–4, where its section ends: the start of the next heading of the
/// same or a higher level, else the end of the text.
pub fn section_ends(doc: &Doc, outline: &[Heading]) -> Vec<usize> {
    let mut out = vec![doc.len(); outline.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in outline.iter().enumerate() {
        if h.level >= ENUM_LEVEL {
            out[i] = h.end;
            continue;
        }
        while let Some(&p) = stack.last() {
            if outline[p].level >= h.level {
                out[p] = h.start;
                stack.pop();
            } else {
                break;
            }
        }
        stack.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Vec<(u8, String, u32, String)> {
        let d = Doc::new(text);
        detect(&d).into_iter().map(|h| (h.level, h.marker.into(), h.ordinal, h.title.into())).collect()
    }

    fn one(text: &str) -> Option<(u8, String, u32, String)> {
        outline(text).into_iter().next()
    }

    #[test]
    fn chinese_numerals() {
        let cases = [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100), ("一百零一", 101)];
        for (s, v) in cases {
            let c: Vec<char> = s.chars().collect();
            assert_eq!(cn_number(&c, 0), Some((v, c.len())), "{s}");
        }
        for s in ["一二", "十十", "两十", "〇"] {
            let c: Vec<char> = s.chars().collect();
            assert_eq!(cn_number(&c, 0), None, "{s}");
        }
    }

    #[test]
    fn heading_styles() {
        let cases: &[(&str, u8, &str, u32, &str, &str)] = &[
            ("一、主要工作", 1, "一、", 1, "主要工作", "一、"),
            ("十一、其他", 1, "十一、", 11, "其他", "一、"),
            ("二十一、附则", 1, "二十一、", 21, "附则", "一、"),
            ("（一）加强学习", 2, "（一）", 1, "加强学习", "（一）"),
            ("(三)完善制度", 2, "(三)", 3, "完善制度", "(一)"),
            ("1.加强理论学习", 3, "1.", 1, "加强理论学习", "1."),
            ("2．完善制度", 3, "2．", 2, "完善制度", "1．"),
            ("12、强化监督", 3, "12、", 12, "强化监督", "1、"),
            ("（3）抓好落实", 4, "（3）", 3, "抓好落实", "（1）"),
            ("第二部分 存在问题", 0, "第二部分", 2, "存在问题", "第一部分"),
            ("第三章、附则", 0, "第三章", 3, "附则", "第一章"),
        ];
        for &(text, level, marker, ordinal, title, style) in cases {
            let d = Doc::new(text);
            let h = detect(&d);
            assert_eq!(h.len(), 1, "{text}");
            assert_eq!((h[0].level, h[0].marker.as_str(), h[0].ordinal, h[0].title.as_str(), &*h[0].style), (level, marker, ordinal, title, style), "{text}");
            assert_eq!((h[0].start, h[0].end), (0, d.len()), "{text}");
        }
    }

    #[test]
    fn leading_space_and_junk_do_not_hide_a_heading() {
        assert_eq!(one("　　二、存在问题").map(|h| h.1), Some("二、".into()));
        assert_eq!(one("\t三、下一步").map(|h| h.2), Some(3));
        let d = Doc::new("##paidbegin##二、坚持发展");
        let h = detect(&d);
        assert_eq!((h[0].start, h[0].ordinal, h[0].title.as_str()), (13, 2, "坚持发展"));
    }

    #[test]
    fn run_in_heading_title_is_its_first_sentence() {
        let d = Doc::new("（一）学深悟透理论，入脑入心。坚持读原著，一是每周学习；二是每月交流。");
        let h = detect(&d);
        assert_eq!(h[0].title, "学深悟透理论，入脑入心");
        assert_eq!(d.slice(h[0].start, h[0].end), "（一）学深悟透理论，入脑入心。");
        let enums: Vec<_> = h[1..].iter().map(|h| (h.level, h.ordinal, h.title.as_str())).collect();
        assert_eq!(enums, [(5, 1, "每周学习"), (5, 2, "每月交流")]);
    }

    #[test]
    fn numbers_and_mid_line_markers_are_not_headings() {
        for text in [
            "1.5亿元用于民生。",
            "2023年全市经济平稳。",
            "3、4月份开展督查。",
            "工作分为三步：一、摸底；二、整改。",
            "一、二级公路通车里程增加。",
            "第一时间赶赴现场。",
            "一、主要工作……………3",
            "统一是前提。",
        ] {
            let o = outline(text);
            assert!(o.iter().all(|h| h.0 == ENUM_LEVEL), "{text}: {o:?}");
            assert!(o.is_empty(), "{text}: {o:?}");
        }
    }

    #[test]
    fn inline_enumerations() {
        let o = outline("一是加强学习，提高本领；二是完善制度；三是强化监督。");
        assert_eq!(o.iter().map(|h| (h.2, h.3.as_str())).collect::<Vec<_>>(), [(1, "加强学习"), (2, "完善制度"), (3, "强化监督")]);
        let o = outline("首先，要统一思想。其次，要明确责任。再次，要加强督查。最后，要严格考核。");
        assert_eq!(o.iter().map(|h| h.2).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!(o[0].3, "要统一思想");
        let o = outline("第一，提高站位；第二，压实责任。");
        assert_eq!(o.iter().map(|h| (h.1.as_str(), h.2)).collect::<Vec<_>>(), [("第一", 1), ("第二", 2)]);
    }

    #[test]
    fn enumerations_inside_a_heading() {
        let o = outline("（1）一要严格审批，二要落实资金。\n（2）其他。");
        assert_eq!(o.iter().map(|h| (h.0, h.2, h.3.as_str())).collect::<Vec<_>>(), [(4, 1, "一要严格审批，二要落实资金"), (5, 1, "严格审批"), (5, 2, "落实资金"), (4, 2, "其他")]);
    }

    #[test]
    fn every_marker_start_passes_the_quick_test() {
        for (w, _) in CONNECTIVES {
            assert!(w.chars().next().is_some_and(may_open_enum), "{w}");
        }
        for c in ('\u{0}'..='\u{FFFF}').chain(['第']) {
            if is_cn_numeral(c) || c == '第' {
                assert!(may_open_enum(c), "{c}");
            }
        }
    }

    #[test]
    fn connectives_without_a_series_are_not_markers() {
        assert!(outline("其次，会议还研究了其他事项。").is_empty());
        assert!(outline("首先要学习。再次强调纪律。").iter().all(|h| h.2 == 1));
        assert!(outline("——习近平").is_empty(), "a lone dash line is an attribution");
        assert!(outline("首先，我代表局党组向大家表示感谢。").is_empty());
    }

    #[test]
    fn dash_leads_form_a_series() {
        let o = outline("——经济保持平稳增长。\n——民生持续改善。");
        assert_eq!(o.iter().map(|h| (h.0, h.2, h.3.as_str())).collect::<Vec<_>>(), [(5, 1, "经济保持平稳增长"), (5, 2, "民生持续改善")]);
    }

    #[test]
    fn series_restart_per_paragraph_but_run_on_when_paragraphs_open_with_markers() {
        let d = Doc::new("一是甲；二是乙。\n一是丙。\n二是丁。\n\n三是戊。");
        let o = detect(&d);
        let s = enum_series(&d, &o);
        assert_eq!(s.iter().map(|s| s.len()).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn parents_and_section_ends() {
        let d = Doc::new("一、甲\n（一）乙\n1.丙\n（二）丁\n二、戊");
        let o = detect(&d);
        assert_eq!(parents(&o), [None, Some(0), Some(1), Some(0), None]);
        let e = section_ends(&d, &o);
        assert_eq!(e[0], o[4].start);
        assert_eq!(e[1], o[3].start);
        assert_eq!(e[4], d.len());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", "一", "（", "（一", "第", "第一", "##", "##a#", "——", "1", "１．", "一是", "9".repeat(100_000).as_str(), "\u{0}\r\r\n"] {
            let _ = detect(&Doc::new(text));
        }
    }
}
