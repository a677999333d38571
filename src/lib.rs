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
/// For the benchmarks.
#[doc(hidden)]
pub mod stages;
mod tasks;
mod order;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod web_bench;

pub use report::{
    DocInfo, Figure, FigureKind, Finding, Heading, Report, Section, Severity, Slogan, SloganKind,
    SCHEMA,
};

use normalise::Doc;
use rules::Findings;
use tasks::run_tasks;

/// Analyses a report. Never panics; linear in the length of `text`.
///
/// ```
/// let r = reportlens::analyze("全年开展专项督查超过5余次。");
/// assert_eq!(r.findings[0].rule, "figure.double-approx");
/// assert_eq!((r.findings[0].start, r.findings[0].end), (8, 13)); // char offsets of 超过5余次
/// ```
pub fn analyze(text: &str) -> Report {
    let doc = Doc::new(text);
    // Independent work comes in three rounds of tasks, which a text from 4 KB up has run on two threads,
    // each thread taking the next task not yet taken. The findings' order does not depend on which thread
    // ran what: they are sorted by span and rule in the end, and each rule is checked within one task.
    let parallel = text.len() >= PARALLEL_FROM;
    // The figures are read in two halves, so that a text dense in figures, which has little else to
    // read, keeps both threads busy too.
    // (The page's wasm has one thread: there the figures are one part, and joining is left out of it.)
    let in_halves = parallel && !cfg!(target_arch = "wasm32");
    let figures_cut = if in_halves { figures::halves(&doc) } else { doc.len() };

    // Detectors: each reads only the text. The costliest first, so the last to finish is a small one;
    // slogans first of all, because it splits the sentences (once per Doc, on first use), which residue
    // reads too: meanwhile the other thread detects the figures, which do not read them.
    run_tasks! { parallel;
        slogans = || slogans::detect(&doc),
        figures_before = || figures::detect_part(&doc, 0, figures_cut),
        figures_after = || figures::detect_part(&doc, figures_cut, doc.len()),
        outline = || {
            let outline = outline::detect(&doc);
            let mut found = Findings::new();
            outline_checks::check(&doc, &outline, &mut found);
            (outline, found)
        },
        residue = || found_by(|f| residue::check(&doc, f)),
        kind = || doc_kind::detect(&doc),
        _paragraphs = || doc.paragraphs(), // split now, for the sections
    }
    let (figures, anatomy) = if in_halves { figures::join(&doc, figures_before, figures_after) } else { figures_before.whole() };
    let ((outline, mut findings), (title, kind)) = (outline, kind);
    findings.append(residue);

    // Checks on each detector's output; the sections, and the parts the gap checks read.
    run_tasks! { parallel;
        parts = || gaps::prepare(&doc, &outline),
        sections = || {
            let mut found = Findings::new();
            let (sections, substance) = sections::build_with_substance(&doc, &outline, &figures, &slogans);
            sections::check(&doc, &sections, &mut found);
            (sections, substance, found)
        },
        slogan_found = || found_by(|f| slogan_checks::check(&doc, &slogans, f)),
        magnitude_found = || found_by(|f| figure_checks::check_magnitudes(&doc, &figures, &anatomy, f)),
        writing_found = || found_by(|f| figure_checks::check_writing(&doc, &figures, &anatomy, f)),
    }
    let (sections, substance, found) = sections;
    findings.append(found);
    findings.append(slogan_found);
    findings.append(magnitude_found);
    findings.append(writing_found);

    // The gaps, which read what all of the above found.
    let input = gaps::Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &slogans };
    run_tasks! { parallel;
        measures_found = || found_by(|f| gaps::check_measures(&input, &parts, f)),
        problems_found = || found_by(|f| gaps::check_problems(&input, &parts, f)),
        coverage_found = || found_by(|f| gaps::check_coverage(&input, &parts, f)),
    }
    findings.append(measures_found);
    findings.append(problems_found);
    findings.append(coverage_found);

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

/// The findings a check adds to an empty list.
fn found_by(check: impl FnOnce(&mut Findings)) -> Findings {
    let mut found = Findings::new();
    check(&mut found);
    found
}

/// From this size up (bytes) `analyze` shares its tasks with the helper thread (`tasks.rs`): a 4 KB
/// report takes about 80 µs, waking the helper about 5.
const PARALLEL_FROM: usize = 4 * 1024;
