//! Renderers: a [`Report`] (and the text it was made from) to JSON, CSV, lint-style
//! terminal lines and HTML. They read the report only; none of them analyses anything.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;

use crate::report::Report;

/// A share (0..=1) as a whole percentage. Integer formatting rather than `{:.0}` on a float: float
/// formatting would add some 14 KB of code to the page's wasm for two numbers.
pub(crate) fn percent(share: f64) -> u32 {
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}

impl Report {
    /// Index into `sections` of the innermost section holding char offset `pos`.
    ///
    /// Sections are in text order with a parent before its children, and a child runs to its next
    /// sibling, so the innermost holder is the last section starting at or before `pos`, or one of
    /// its few ancestors: the walk back is bounded by the nesting depth, not by the section count.
    pub fn section_of(&self, pos: usize) -> Option<usize> {
        let k = self.sections.partition_point(|s| s.start <= pos);
        (k.saturating_sub(8)..k).rev().find(|&i| pos < self.sections[i].end)
    }
}
