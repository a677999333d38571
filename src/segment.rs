//! Paragraphs, sentences and clauses as char ranges: the units that checks reason about
//! ("the same sentence twice", "a claim in a paragraph with no figure", "the clause a figure counts").

use crate::normalise::{is_content, Doc};

/// A half-open char range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

impl Range {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, i: usize) -> bool {
        self.start <= i && i < self.end
    }
}

/// Ends a sentence.
#[inline(always)]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…')
}

/// Ends a clause inside a sentence.
#[inline(always)]
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':')
}

/// Non-blank lines, trimmed of surrounding whitespace.
pub fn paragraphs(doc: &Doc) -> Vec<Range> {
    doc.lines
        .iter()
        .filter_map(|l| trim(doc, Range { start: l.start, end: l.end }))
        .collect()
}

/// Sentences of `within`, each trimmed, closing punctuation and closing quotes included. Line breaks
/// end sentences too.
pub fn sentences(doc: &Doc, within: Range) -> Vec<Range> {
    split(doc, within, is_sentence_end).collect()
}

/// The first of [`sentences`], found without segmenting the rest.
pub fn first_sentence(doc: &Doc, within: Range) -> Option<Range> {
    split(doc, within, is_sentence_end).next()
}

/// Clauses of `within`: split on sentence ends and on ，：.
pub fn clauses(doc: &Doc, within: Range) -> Vec<Range> {
    split(doc, within, is_clause_end).collect()
}

/// The first of [`clauses`], found without segmenting the rest.
pub fn first_clause(doc: &Doc, within: Range) -> Option<Range> {
    split(doc, within, is_clause_end).next()
}

/// Generic over `is_end` rather than taking a `fn` pointer, so that the test is inlined into the loop
/// over every char; an iterator, so that a caller who wants the first piece only reads that far.
fn split<'d, F: Fn(char) -> bool>(doc: &'d Doc<'d>, within: Range, is_end: F) -> Split<'d, F> {
    let end = within.end.min(doc.len());
    Split { doc, start: within.start, i: within.start, end, is_end, done: false }
}

struct Split<'d, F> {
    doc: &'d Doc<'d>,
    /// Where the current piece starts.
    start: usize,
    /// The next char to read.
    i: usize,
    end: usize,
    is_end: F,
    /// The piece after the last break has been given.
    done: bool,
}

impl<F: Fn(char) -> bool> Iterator for Split<'_, F> {
    type Item = Range;

    fn next(&mut self) -> Option<Range> {
        let doc = self.doc;
        let chars = &doc.chars[..self.end];
        while self.i < chars.len() {
            // Skip to the next char that breaks a line or ends a piece, in a tight loop: most chars
            // are Han, which do neither, and take one range test.
            let breaks = |c: char| !('\u{4E00}'..='\u{9FFF}').contains(&c) && (c == '\n' || c == '\r' || (self.is_end)(c));
            let Some(k) = chars[self.i..].iter().position(|&c| breaks(c)) else {
                self.i = chars.len();
                break;
            };
            let i = self.i + k;
            let piece_end = if chars[i] == '\n' || chars[i] == '\r' {
                // A line break is part of no piece.
                self.i = i + 1;
                i
            } else {
                // Keep runs of enders (。” ！！ ……) with the sentence they close.
                let mut j = i + 1;
                while j < chars.len() && ((self.is_end)(chars[j]) || matches!(chars[j], '”' | '’' | '）' | ')' | '」' | '』')) {
                    j += 1;
                }
                self.i = j;
                j
            };
            let piece = trim(doc, Range { start: self.start, end: piece_end });
            self.start = self.i;
            if piece.is_some() {
                return piece;
            }
        }
        if self.done {
            return None;
        }
        self.done = true;
        trim(doc, Range { start: self.start, end: self.end })
    }
}

/// `r` without leading and trailing whitespace; `None` when nothing of content is left.
pub fn trim(doc: &Doc, r: Range) -> Option<Range> {
    let mut s = r.start;
    let mut e = r.end.min(doc.len());
    while s < e && is_space(doc.chars[s]) {
        s += 1;
    }
    while e > s && is_space(doc.chars[e - 1]) {
        e -= 1;
    }
    if doc.chars[s.min(e)..e].iter().any(|&c| is_content(c)) {
        Some(Range { start: s, end: e })
    } else {
        None
    }
}

/// `char::is_whitespace`, without its table lookup for the Han chars and CJK punctuation most of a
/// report is made of (no whitespace char lies above U+3000).
#[inline]
fn is_space(c: char) -> bool {
    c <= '\u{3000}' && c.is_whitespace()
}

/// Content chars (Han, letters, digits) in a range.
pub fn content_len(doc: &Doc, r: Range) -> usize {
    doc.chars[r.start.min(doc.len())..r.end.min(doc.len())].iter().filter(|c| is_content(**c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Doc, v: Vec<Range>) -> Vec<String> {
        v.into_iter().map(|r| doc.slice(r.start, r.end).to_string()).collect()
    }

    #[test]
    fn sentences_keep_their_closing_marks() {
        let d = Doc::new("他说：“好。”再议！  \n第三句；第四句");
        let all = Range { start: 0, end: d.len() };
        assert_eq!(texts(&d, sentences(&d, all)), ["他说：“好。”", "再议！", "第三句；", "第四句"]);
    }

    #[test]
    fn clauses_split_on_commas_and_colons() {
        let d = Doc::new("一是加强学习，提高本领：好。");
        let all = Range { start: 0, end: d.len() };
        assert_eq!(texts(&d, clauses(&d, all)), ["一是加强学习，", "提高本领：", "好。"]);
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let d = Doc::new("　　甲段。\r\n\r\n   \n乙段");
        assert_eq!(texts(&d, paragraphs(&d)), ["甲段。", "乙段"]);
    }

    #[test]
    fn punctuation_only_is_not_a_sentence() {
        let d = Doc::new("。。；\n“”");
        assert!(sentences(&d, Range { start: 0, end: d.len() }).is_empty());
    }
}
