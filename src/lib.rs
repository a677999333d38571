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
    // Several detectors read the sentences: split once, before they run.
    doc.sentences();
    // Independent work comes in two rounds of two groups of about equal cost, which a large text has
    // run side by side on two threads. The findings' order does not depend on the grouping: they are
    // sorted by span and rule in the end, and each rule is checked within one group.
    let parallel = text.len() >= PARALLEL_FROM;

    // Detectors: each reads only the text.
    let (slogans, ((figures, anatomy), outline, (title, kind), mut findings)) = side_by_side(
        parallel,
        || {
            let slogans = slogans::detect(&doc);
            doc.paragraphs(); // for the sections
            slogans
        },
        || {
            let mut found = Findings::new();
            let figures = figures::detect_with_anatomy(&doc);
            let outline = outline::detect(&doc);
            outline_checks::check(&doc, &outline, &mut found);
            residue::check(&doc, &mut found);
            (figures, outline, doc_kind::detect(&doc), found)
        },
    );

    // Checks on each detector's output, and the sections and gaps, which read what the detectors found.
    let (more, (sections, substance)) = side_by_side(
        parallel,
        || {
            let mut found = Findings::new();
            slogan_checks::check(&doc, &slogans, &mut found);
            figure_checks::check_magnitudes(&doc, &figures, &anatomy, &mut found);
            found
        },
        || {
            figure_checks::check_writing(&doc, &figures, &anatomy, &mut findings);
            let (sections, substance) = sections::build_with_substance(&doc, &outline, &figures, &slogans);
            sections::check(&doc, &sections, &mut findings);
            gaps::check(
                &gaps::Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &slogans },
                &mut findings,
            );
            (sections, substance)
        },
    );
    findings.append(more);

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

/// From this size up (bytes) `analyze` runs on two threads: below it, starting a thread costs more
/// than the work it takes over (a 64 KB report is analysed in about 2 ms).
const PARALLEL_FROM: usize = 64 * 1024;

/// Runs `a` and `b`, on two threads when `parallel` and the platform has threads, and returns both
/// results.
fn side_by_side<A: Send, B: Send>(parallel: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    if parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        return std::thread::scope(|s| {
            let other = s.spawn(a);
            let rb = b();
            // A panic in `a` is a bug; it is passed on as it would be without the thread.
            let ra = other.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (ra, rb)
        });
    }
    let _ = parallel;
    (a(), b())
}
