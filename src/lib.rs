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

#[cfg(not(target_arch = "wasm32"))]
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
    run_tasks! { parallel;
        figures = || figures::detect_with_anatomy(&doc),
        slogans = || slogans::detect(&doc),
        outline = || {
            let outline = outline::detect(&doc);
            let mut found = Findings::new();
            outline_checks::check(&doc, &outline, &mut found);
            (outline, found)
        },
        residue = || {
            let mut found = Findings::new();
            residue::check(&doc, &mut found);
            found
        },
        kind = || doc_kind::detect(&doc),
        _paragraphs = || doc.paragraphs(), // split now, for the sections
    }
    let ((figures, anatomy), (outline, mut findings), (title, kind)) = (figures, outline, kind);
    findings.append(residue);

    // Checks on each detector's output, and the sections and gaps, which read what the detectors found.
    run_tasks! { parallel;
        sections = || {
            let mut found = Findings::new();
            let (sections, substance) = sections::build_with_substance(&doc, &outline, &figures, &slogans);
            sections::check(&doc, &sections, &mut found);
            gaps::check(&gaps::Input { doc: &doc, kind, outline: &outline, sections: &sections, figures: &figures, slogans: &slogans }, &mut found);
            (sections, substance, found)
        },
        slogan_found = || {
            let mut found = Findings::new();
            slogan_checks::check(&doc, &slogans, &mut found);
            found
        },
        magnitude_found = || {
            let mut found = Findings::new();
            figure_checks::check_magnitudes(&doc, &figures, &anatomy, &mut found);
            found
        },
        writing_found = || {
            let mut found = Findings::new();
            figure_checks::check_writing(&doc, &figures, &anatomy, &mut found);
            found
        },
    }
    let (sections, substance, found) = sections;
    findings.append(found);
    findings.append(slogan_found);
    findings.append(magnitude_found);
    findings.append(writing_found);

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

/// Runs every task once and binds each result to the task's name: on two threads when `parallel` and
/// the platform has threads, each thread taking the next task not yet taken (so the two share the
/// work whatever each task costs on this text: a text of figures only has a heavy figure detector and
/// light others); else one after another. The page's wasm has no threads and calls the tasks directly
/// (through `dyn` the size-optimised wasm grew by 4 KB gzipped).
macro_rules! run_tasks {
    ($parallel:expr; $($name:ident = $task:expr),+ $(,)?) => {
        $(#[cfg(not(target_arch = "wasm32"))] let $name = Slot::new($task);)+
        #[cfg(not(target_arch = "wasm32"))]
        run_slots($parallel, &[$(&$name),+]);
        $(#[cfg(not(target_arch = "wasm32"))] let $name = $name.into_inner();)+
        #[cfg(target_arch = "wasm32")]
        let _ = $parallel;
        $(#[cfg(target_arch = "wasm32")] let $name = ($task)();)+
    };
}
use run_tasks;

/// A task of [`run_tasks!`] and, once it has run, its result.
#[cfg(not(target_arch = "wasm32"))]
struct Slot<T, F> {
    task: F,
    result: OnceLock<T>,
}

#[cfg(not(target_arch = "wasm32"))]
trait Run: Sync {
    fn run(&self);
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync, F: Fn() -> T + Sync> Slot<T, F> {
    fn new(task: F) -> Self {
        Slot { task, result: OnceLock::new() }
    }

    /// The result. `run_slots` returns only when every task has run (a task's panic is passed on), so
    /// there is one.
    fn into_inner(self) -> T {
        self.result.into_inner().expect("run_slots runs every task")
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync, F: Fn() -> T + Sync> Run for Slot<T, F> {
    fn run(&self) {
        let _ = self.result.set((self.task)());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run_slots(parallel: bool, tasks: &[&dyn Run]) {
    if parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let work = || {
            while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
                task.run();
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
    for task in tasks {
        task.run();
    }
}
