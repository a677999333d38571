//! The analysis cut into its stages, each runnable alone on a prepared text: what the benchmarks time
//! (`examples/bench.rs` natively, `tools/bench-wasm.mjs` in wasm). Nothing in [`analyze`](crate::analyze)
//! goes through here.
//!
//! Timing a stage alone and timing the stages one after another are different measurements: a stage
//! run again and again keeps its code and tables in the CPU's caches, and the stages of one analysis
//! evict each other's. The difference is what a small text pays over a large one (see the README).
//!
//! ```
//! use reportlens::stages::Stages;
//! let stages = Stages::new("一、主要工作\n全年召开会议12次，切实增强“四个意识”。");
//! for k in 0..Stages::NAMES.len() {
//!     stages.run(k); // each stage once, in the order the analysis runs them
//! }
//! assert_eq!(Stages::NAMES[1], "figures");
//! ```

use crate::doc_kind::{self, DocKind};
use crate::normalise::Doc;
use crate::rules::Findings;
use crate::{figure_checks, figures, gaps, outline, outline_checks, residue, sections, slogan_checks, slogans};
use crate::{Figure, Heading, Section, Slogan};

/// A text with every detector's output computed once, so that each stage can be run on its own.
pub struct Stages<'t> {
    text: &'t str,
    doc: Doc<'t>,
    figures: Vec<Figure>,
    slogans: Vec<Slogan>,
    outline: Vec<Heading>,
    kind: DocKind,
    sections: Vec<Section>,
}

impl<'t> Stages<'t> {
    /// The stages, in the order [`crate::analyze`] runs their parts: each detector with the checks on
    /// its output, then the sections and gaps that read them all.
    pub const NAMES: [&'static str; 6] = ["normalise", "figures", "slogans", "outline", "residue", "gaps"];

    pub fn new(text: &'t str) -> Stages<'t> {
        let doc = Doc::new(text);
        let figures = figures::detect(&doc);
        let slogans = slogans::detect(&doc);
        let outline = outline::detect(&doc);
        let (_, kind) = doc_kind::detect(&doc);
        let sections = sections::build(&doc, &outline, &figures, &slogans);
        Stages { text, doc, figures, slogans, outline, kind, sections }
    }

    /// Runs stage `k` (an index into [`Stages::NAMES`]) once; nothing for any other `k`. Returns how
    /// many things it found, so that the work cannot be optimised away.
    ///
    /// Never inlined: in wasm a function is compiled anew, optimised, only for its next call, so a
    /// timing loop must call the stage rather than hold it.
    #[inline(never)]
    pub fn run(&self, k: usize) -> usize {
        let doc = &self.doc;
        let mut found = Findings::new();
        let n = match k {
            // Sentences and paragraphs are split once per Doc and shared by the stages after it, so
            // they are timed here, and the stages below reuse them as `analyze` does.
            0 => {
                let d = Doc::new(self.text);
                d.sentences().len() + d.paragraphs().len()
            }
            // As `analyze` runs them: the checks take the figures' anatomy from detection.
            1 => {
                let (f, anatomy) = figures::detect_with_anatomy(doc);
                figure_checks::check_with_anatomy(doc, &f, &anatomy, &mut found);
                f.len()
            }
            2 => {
                let s = slogans::detect(doc);
                slogan_checks::check(doc, &s, &mut found);
                s.len()
            }
            3 => {
                let o = outline::detect(doc);
                outline_checks::check(doc, &o, &mut found);
                std::hint::black_box(doc_kind::detect(doc));
                o.len()
            }
            4 => {
                residue::check(doc, &mut found);
                0
            }
            5 => {
                let s = sections::build(doc, &self.outline, &self.figures, &self.slogans);
                sections::check(doc, &s, &mut found);
                let input = gaps::Input {
                    doc,
                    kind: self.kind,
                    outline: &self.outline,
                    sections: &self.sections,
                    figures: &self.figures,
                    slogans: &self.slogans,
                };
                gaps::check(&input, &mut found);
                s.len()
            }
            _ => 0,
        };
        n + found.into_sorted().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stage finds what the whole analysis finds for its part: the stages are the analysis,
    /// not something else that happens to be timed. (`run` counts what a stage found: its items and
    /// its findings.)
    #[test]
    fn the_stages_find_what_the_analysis_finds() {
        // Between them these have findings of every stage.
        let texts = [
            include_str!("../tests/fixtures/figures-template.txt"),
            include_str!("../tests/fixtures/slogans-expansion.txt"),
            include_str!("../tests/fixtures/outline-defects.txt"),
            include_str!("../tests/fixtures/gaps-residue.txt"),
            include_str!("../tests/fixtures/gaps-shuzhi.txt"),
        ];
        let mut seen = [0; 6];
        for text in texts {
            let report = crate::analyze(text);
            let stages = Stages::new(text);
            let doc = Doc::new(text);
            let findings = |stage: usize| {
                report
                    .findings
                    .iter()
                    .filter(|f| {
                        let of = match f.rule.split('.').next() {
                            Some("figure") => 1,
                            Some("slogan") if f.rule == "slogan.density" => 5,
                            Some("slogan") => 2,
                            Some("outline" | "enum") => 3,
                            Some("residue") => 4,
                            _ => 5,
                        };
                        of == stage
                    })
                    .count()
            };
            assert_eq!(stages.run(0), doc.sentences().len() + doc.paragraphs().len());
            assert_eq!(stages.run(1), report.figures.len() + findings(1));
            assert_eq!(stages.run(2), report.slogans.len() + findings(2));
            assert_eq!(stages.run(3), report.outline.len() + findings(3));
            assert_eq!(stages.run(4), findings(4));
            assert_eq!(stages.run(5), report.sections.len() + findings(5));
            assert_eq!(stages.run(Stages::NAMES.len()), 0);
            for (k, n) in seen.iter_mut().enumerate() {
                *n += findings(k);
            }
        }
        assert!(seen[1..].iter().all(|&n| n > 0), "findings per stage: {seen:?}");
    }

    #[test]
    fn empty_text_runs_every_stage() {
        let stages = Stages::new("");
        let total: usize = (0..Stages::NAMES.len()).map(|k| stages.run(k)).sum();
        assert_eq!(total, 0);
    }
}
