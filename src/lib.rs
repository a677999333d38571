//! # reportlens — 报告透镜
//!
//! Reads a Chinese official report (述职述廉述责报告, 工作总结, 政府工作报告, 对照检查材料…) and reports
//! three things: its **figures** (every quantity with its unit, normalised), its **slogans** (提法,
//! 排比, filler) and its **structure** (the outline and what is missing from it), with findings —
//! rule hits with a stable id, a severity and a message in Chinese.
//!
//! ```
//! let report = reportlens::analyze("一、主要工作\n全年召开会议12次，争取资金50亿元。");
//! assert_eq!(report.figures.len(), 2);
//! assert_eq!(report.figures[1].value, 5e9);
//! assert_eq!(report.outline[0].marker, "一、");
//! ```
//!
//! The core is pure: text in, [`Report`] out — no I/O, no web types. Data flows one way:
//! text → [`normalise`] → detectors ([`figures`], [`slogans`], [`outline`], [`residue`], independent of
//! each other) → checks on each detector's output → [`sections`] and [`gaps`] (which read the
//! detectors' output) → [`Report`] → renderers in [`render`]. The page (`web`, wasm only) and the CLI
//! (`src/bin`) are thin bindings around [`analyze`] and [`render`].

pub mod report;
pub mod rules;
pub mod offsets;
pub mod render;
pub mod input;
#[doc(hidden)]
pub mod docx;

#[doc(hidden)]
pub mod normalise;
#[doc(hidden)]
pub mod segment;
#[doc(hidden)]
pub mod lexicon;
#[doc(hidden)]
pub mod numerals;
#[doc(hidden)]
pub mod figures;
#[doc(hidden)]
pub mod figure_checks;
#[doc(hidden)]
pub mod slogans;
#[doc(hidden)]
pub mod slogan_checks;
#[doc(hidden)]
pub mod outline;
#[doc(hidden)]
pub mod outline_checks;
#[doc(hidden)]
pub mod doc_kind;
#[doc(hidden)]
pub mod residue;
#[doc(hidden)]
pub mod words;
#[doc(hidden)]
pub mod sections;
#[doc(hidden)]
pub mod gaps;

#[cfg(target_arch = "wasm32")]
mod web;

pub use report::{
    DocInfo, Figure, FigureKind, Finding, Heading, Report, Section, Severity, Slogan, SloganKind,
    SCHEMA,
};

use normalise::Doc;
use rules::Findings;

/// Analyses a report. Never panics; linear in the length of `text`.
///
/// ```
/// let r = reportlens::analyze("全年开展专项督查超过5余次。");
/// assert_eq!(r.findings[0].rule, "figure.double-approx");
/// assert_eq!((r.findings[0].start, r.findings[0].end), (8, 13)); // char offsets of 超过5余次
/// ```
pub fn analyze(text: &str) -> Report {
    let doc = Doc::new(text);
    let mut findings = Findings::new();

    // Detectors: each reads only the text.
    let (figures, anatomy) = figures::detect_with_anatomy(&doc);
    let slogans = slogans::detect(&doc);
    let outline = outline::detect(&doc);
    let (title, kind) = doc_kind::detect(&doc);

    // Checks on one detector's output each.
    figure_checks::check_with_anatomy(&doc, &figures, &anatomy, &mut findings);
    slogan_checks::check(&doc, &slogans, &mut findings);
    outline_checks::check(&doc, &outline, &mut findings);
    residue::check(&doc, &mut findings);

    // Cross-detector: sections and gaps read what the detectors found.
    let (sections, substance) = sections::build_with_substance(&doc, &outline, &figures, &slogans);
    sections::check(&doc, &sections, &mut findings);
    gaps::check(
        &gaps::Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &slogans },
        &mut findings,
    );

    Report {
        schema: SCHEMA,
        doc: DocInfo { title, kind: kind.name().to_string(), chars: doc.len(), substance },
        figures,
        slogans,
        outline,
        sections,
        findings: findings.into_sorted(),
    }
}
