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

use std::sync::OnceLock;

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
    // Independent work comes in two rounds of tasks, which a large text has run on two threads, each
    // thread taking the next task not yet taken. The findings' order does not depend on which thread
    // ran what: they are sorted by span and rule in the end, and each rule is checked within one task.
    let parallel = text.len() >= PARALLEL_FROM;

    // Detectors: each reads only the text. The costliest first, so the last to finish is a small one.
    let figures = OnceLock::new();
    let slogans = OnceLock::new();
    let outline = OnceLock::new();
    let residue = OnceLock::new();
    let kind = OnceLock::new();
    run_tasks(
        parallel,
        &[
            &|| {
                let _ = figures.set(figures::detect_with_anatomy(&doc));
            },
            &|| {
                let _ = slogans.set(slogans::detect(&doc));
            },
            &|| {
                let outline_found = outline::detect(&doc);
                let mut found = Findings::new();
                outline_checks::check(&doc, &outline_found, &mut found);
                let _ = outline.set((outline_found, found));
            },
            &|| {
                let mut found = Findings::new();
                residue::check(&doc, &mut found);
                let _ = residue.set(found);
            },
            &|| {
                let _ = kind.set(doc_kind::detect(&doc));
            },
            &|| {
                doc.paragraphs(); // for the sections
            },
        ],
    );
    let (figures, anatomy) = taken(figures);
    let slogans = taken(slogans);
    let (outline, mut findings) = taken(outline);
    findings.append(taken(residue));
    let (title, kind) = taken(kind);

    // Checks on each detector's output, and the sections and gaps, which read what the detectors found.
    let sections = OnceLock::new();
    let slogan_found = OnceLock::new();
    let magnitude_found = OnceLock::new();
    let writing_found = OnceLock::new();
    run_tasks(
        parallel,
        &[
            &|| {
                let mut found = Findings::new();
                let (sections_found, substance) = sections::build_with_substance(&doc, &outline, &figures, &slogans);
                sections::check(&doc, &sections_found, &mut found);
                gaps::check(
                    &gaps::Input { doc: &doc, kind, outline: &outline, sections: &sections_found, figures: &figures, slogans: &slogans },
                    &mut found,
                );
                let _ = sections.set((sections_found, substance, found));
            },
            &|| {
                let mut found = Findings::new();
                slogan_checks::check(&doc, &slogans, &mut found);
                let _ = slogan_found.set(found);
            },
            &|| {
                let mut found = Findings::new();
                figure_checks::check_magnitudes(&doc, &figures, &anatomy, &mut found);
                let _ = magnitude_found.set(found);
            },
            &|| {
                let mut found = Findings::new();
                figure_checks::check_writing(&doc, &figures, &anatomy, &mut found);
                let _ = writing_found.set(found);
            },
        ],
    );
    let (sections, substance, found) = taken(sections);
    findings.append(found);
    findings.append(taken(slogan_found));
    findings.append(taken(magnitude_found));
    findings.append(taken(writing_found));

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

/// The value a task set. Every task runs before its results are taken (`run_tasks` returns only when
/// all have run, and passes a task's panic on), so each is set.
fn taken<T>(cell: OnceLock<T>) -> T {
    cell.into_inner().expect("run_tasks runs every task")
}

/// From this size up (bytes) `analyze` runs on two threads: below it, starting a thread costs more
/// than the work it takes over (a 64 KB report is analysed in about 2 ms).
const PARALLEL_FROM: usize = 64 * 1024;

/// Runs every task once: on two threads when `parallel` and the platform has threads, each thread
/// taking the next task not yet taken (so the two share the work whatever each task costs on this
/// text: a text of figures only has a heavy figure detector and light others); else one after another.
fn run_tasks(parallel: bool, tasks: &[&(dyn Fn() + Sync)]) {
    #[cfg(not(target_arch = "wasm32"))]
    if parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let work = || {
            while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
                task();
            }
        };
        std::thread::scope(|s| {
            let other = s.spawn(work);
            work();
            // A panic in a task is a bug; it is passed on as it would be without the thread.
            other.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        });
        return;
    }
    let _ = parallel;
    for task in tasks {
        task();
    }
}
