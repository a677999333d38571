//! The text every detector reads: the input with full-width forms folded char for char, so that a
//! detector looks for `1` and `%` once, and offsets into the normalised text are offsets into the input.
//!
//! Folding is strictly one char to one char — that is what keeps offsets exact without a mapping
//! table. Detectors that judge *style* (％ vs %, 1． vs 1.) read the original char via [`Doc::orig`].

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::segment::{self, Range};

/// Folds one char: full-width ASCII (`１` `％` `（` `．` `Ａ`) to ASCII and odd spaces to a plain space.
/// Chinese punctuation that has no ASCII twin in running text (，。、：；“”) is kept, because the
/// detectors treat it differently from its ASCII look-alike.
#[inline(always)]
pub fn fold(c: char) -> char {
    // Everything below U+00A0 and the Han block is kept as is: one test for most chars of a report.
    if c < '\u{A0}' || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    match c {
        // Full-width digits, letters and the symbols that appear inside figures and markers.
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '％' => '%',
        '．' => '.',
        '（' => '(',
        '）' => ')',
        '～' => '~',
        '－' => '-',
        '＋' => '+',
        '＝' => '=',
        '＃' => '#',
        '＜' => '<',
        '＞' => '>',
        '／' => '/',
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        _ => c,
    }
}

/// A line of the input: `[start, end)` in chars, without its terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// The analysed text. Built once per `analyze` call in linear time.
pub struct Doc<'a> {
    /// The exact input.
    pub text: &'a str,
    /// Folded chars, one per input char.
    pub chars: Vec<char>,
    /// Byte offset in `text` of every [`STRIDE`]th char (the end of the text counting as a char).
    /// The offsets of the chars between are found by stepping over the bytes of at most
    /// `STRIDE - 1` chars: a table of every char's offset took 4 bytes per char (with a folded copy
    /// of the text, since dropped, the largest share of the memory a large text's analysis streams
    /// through).
    orig_at: Vec<u32>,
    /// Lines split on `\n`, `\r\n` and a lone `\r`.
    pub lines: Vec<Line>,
    /// The sentences of the whole text, segmented on first use: several checks read them, and
    /// segmenting is a pass over every char.
    sentences: OnceLock<Vec<Range>>,
    /// The paragraphs, likewise.
    paragraphs: OnceLock<Vec<Range>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let n = text.chars().count();
        let mut chars = Vec::with_capacity(n);
        let mut orig_at = Vec::with_capacity(n / STRIDE + 1);
        // A block of STRIDE chars at a time, the offset taken once per block: `char_indices` with a
        // stride test per char ran at about half this speed in the page's wasm. Decoding by hand
        // (checking each code point again) was as fast there, and natively took a third more
        // instructions than the standard decoder.
        let mut rest = text.chars();
        while !rest.as_str().is_empty() {
            orig_at.push((text.len() - rest.as_str().len()) as u32);
            chars.extend(rest.by_ref().take(STRIDE).map(fold));
        }
        if chars.len() % STRIDE == 0 {
            orig_at.push(text.len() as u32);
        }

        let mut lines = Vec::new();
        let mut start = 0;
        // From terminator to terminator with a plain search, the tightest loop over the chars.
        while let Some(k) = chars[start..].iter().position(|&c| c == '\n' || c == '\r') {
            let at = start + k;
            lines.push(Line { start, end: at });
            start = at + 1;
            if chars[at] == '\r' && chars.get(start) == Some(&'\n') {
                start += 1;
            }
        }
        if start < chars.len() || chars.is_empty() {
            lines.push(Line { start, end: chars.len() });
        }
        Doc { text, chars, orig_at, lines, sentences: OnceLock::new(), paragraphs: OnceLock::new() }
    }

    /// `segment::sentences` of the whole text, computed once per Doc.
    pub fn sentences(&self) -> &[Range] {
        self.sentences.get_or_init(|| segment::sentences(self, Range { start: 0, end: self.len() }))
    }

    /// `segment::paragraphs`, computed once per Doc.
    pub fn paragraphs(&self) -> &[Range] {
        self.paragraphs.get_or_init(|| segment::paragraphs(self))
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The original char at `i` (before folding).
    pub fn orig(&self, i: usize) -> char {
        // Folding only ever yields ASCII, so any other char is its own original and the input need
        // not be decoded again.
        match self.chars.get(i) {
            Some(&c) if !c.is_ascii() => c,
            _ => {
                let b = byte_of(self.text, &self.orig_at, i);
                self.text[b..].chars().next().unwrap_or('\0')
            }
        }
    }

    /// The exact input between two char offsets.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.len());
        let start = start.min(end);
        let (from, to) = span_of(self.text, &self.orig_at, start, end);
        &self.text[from..to]
    }

    /// The folded text between two char offsets: the input itself where no char in between folds
    /// (folding always shortens a char's UTF-8, so equal lengths mean none did), else a copy.
    pub fn norm_slice(&self, start: usize, end: usize) -> Cow<'a, str> {
        let end = end.min(self.len());
        let start = start.min(end);
        let orig = self.slice(start, end);
        let chars = &self.chars[start..end];
        if chars.iter().map(|c| c.len_utf8()).sum::<usize>() == orig.len() {
            Cow::Borrowed(orig)
        } else {
            Cow::Owned(chars.iter().collect())
        }
    }

    /// 0-based index of the line holding char `i`.
    pub fn line_of(&self, i: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&i)) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        }
    }

    pub fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }
}

#[cfg(test)]
impl Doc<'_> {
    /// The whole folded text, for tests that run byte automata over it.
    pub(crate) fn folded(&self) -> String {
        self.chars.iter().collect()
    }
}

/// The char offset of byte `b` of `s` (a char boundary), for tests that match bytes.
#[cfg(test)]
pub(crate) fn char_of_byte(s: &str, b: usize) -> usize {
    s[..b].chars().count()
}

/// Every how many chars [`Doc`] keeps their byte offsets.
const STRIDE: usize = 8;

/// The byte offset in `s` of char `i`, from the offsets of every [`STRIDE`]th char.
#[inline(always)]
fn byte_of(s: &str, table: &[u32], i: usize) -> usize {
    let at = table[i / STRIDE] as usize;
    at + bytes_of(s, at, i % STRIDE)
}

/// The byte offsets in `s` of chars `start` and `end` (`start <= end`): a short span by stepping
/// on from its start (most slices are a word or a figure), a long one through the table.
#[inline]
fn span_of(s: &str, table: &[u32], start: usize, end: usize) -> (usize, usize) {
    let from = byte_of(s, table, start);
    if end - start < STRIDE {
        (from, from + bytes_of(s, from, end - start))
    } else {
        (from, byte_of(s, table, end))
    }
}

/// How many bytes the `n` chars of `s` from byte `at` take (fewer at the end of `s`).
#[inline(always)]
fn bytes_of(s: &str, at: usize, n: usize) -> usize {
    let bytes = s.as_bytes();
    let mut b = at;
    for _ in 0..n {
        match bytes.get(b) {
            Some(&lead) => b += utf8_width(lead),
            None => break,
        }
    }
    b - at
}

/// The length of a UTF-8 char from its first byte.
#[inline(always)]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// A CJK ideograph (the unified blocks and their extensions, compatibility ideographs) or 〇.
#[inline]
pub fn is_han(c: char) -> bool {
    // The common block alone, first: one test answers for most chars of a report, where a `matches!`
    // over all the ranges compiles to a search through them.
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || matches!(c,
            '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '\u{30000}'..='\u{3134F}' | '〇')
}

/// Characters that carry content: Han, letters and digits. Used for every share and density so that
/// punctuation and whitespace do not dilute them.
#[inline]
pub fn is_content(c: char) -> bool {
    // Fast paths first: `char::is_alphanumeric` is a table lookup that dominates a pass over text
    // that is mostly CJK punctuation.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_han(c) {
        return true;
    }
    match c as u32 {
        0x2000..=0x206F | 0x2190..=0x21FF | 0x2500..=0x25FF | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets() {
        let d = Doc::new("支出１２３亿元，占比５０％");
        assert_eq!(d.len(), 13);
        assert_eq!(d.folded(), "支出123亿元，占比50%");
        assert_eq!(d.slice(2, 5), "１２３");
        assert_eq!(d.norm_slice(2, 5), "123");
        assert_eq!(d.orig(12), '％');
        assert_eq!(d.orig(2), '１');
        assert_eq!(d.orig(0), '支');
        // Nothing folds: the input itself, not a copy.
        assert!(matches!(d.norm_slice(5, 9), Cow::Borrowed("亿元，占")));
    }

    #[test]
    fn offsets_from_the_sparse_table_are_every_chars_offsets() {
        // Chars of 1 to 4 bytes, folds that shrink (１, 　) and lengths around the stride.
        for text in ["", "a", "𠀀", "支出１２３亿元，占比５０％　　a𠀀b。", "１２３４５６７８", "一二三四五六七八九", "ab𠀀cd１ef甲乙丙丁戊己庚辛", "é\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{7F}"] {
            let d = Doc::new(text);
            // The hand decoder reads every char as `str::chars` does.
            assert_eq!(d.chars, text.chars().map(fold).collect::<Vec<_>>(), "{text:?}");
            let folded = d.folded();
            let orig: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let norm: Vec<usize> = folded.char_indices().map(|(b, _)| b).chain([folded.len()]).collect();
            for i in 0..=d.len() {
                for j in i..=d.len() {
                    assert_eq!(d.slice(i, j), &text[orig[i]..orig[j]], "{text:?} {i}..{j}");
                    assert_eq!(d.norm_slice(i, j), &folded[norm[i]..norm[j]], "{text:?} {i}..{j}");
                }
                if i < d.len() {
                    assert_eq!(d.orig(i), text[orig[i]..].chars().next().unwrap());
                }
            }
        }
    }

    #[test]
    fn lines_split_on_every_terminator() {
        let d = Doc::new("甲\r\n乙\r丙\n\n丁");
        let l: Vec<_> = d.lines.iter().map(|l| d.slice(l.start, l.end)).collect();
        assert_eq!(l, ["甲", "乙", "丙", "", "丁"]);
        assert_eq!(d.line_of(d.len() - 1), 4);
    }

    #[test]
    fn astral_chars_count_once() {
        // 𠀀 is outside the BMP: one char, two UTF-16 units, four UTF-8 bytes.
        let d = Doc::new("𠀀一二");
        assert_eq!(d.len(), 3);
        assert!(is_han(d.chars[0]));
        assert_eq!(d.slice(1, 3), "一二");
    }

    #[test]
    fn content_chars() {
        for c in ['甲', '〇', 'a', 'Z', '7', '𠀀', 'é', 'ж', '①'] {
            assert!(is_content(c), "{c}");
        }
        for c in ['，', '。', '“', '”', '、', '（', '—', '…', ' ', '\u{3000}', '%', '％', '·', '■'] {
            assert!(!is_content(c), "{c}");
        }
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let d = Doc::new("");
        assert!(d.is_empty());
        assert_eq!(d.lines, vec![Line { start: 0, end: 0 }]);
    }
}
