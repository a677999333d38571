//! Integration fixtures: every `tests/fixtures/*.txt` is analysed and compared with its `.expect`.
//!
//! An `.expect` file holds sections; each lists, one per line and in text order, exactly the items
//! of one kind that the report must contain — no more, no fewer:
//!
//! ```text
//! [doc]                     kind = …   /  title = …
//! [figures]                 text | kind | value unit[..max] | approx|exact | subject
//! [figures money]           the same, only figures of that kind
//! [slogans]  [slogans formula]     kind | text | name
//! [outline]  [outline 1]           level | marker | ordinal | title     (optionally one level)
//! [findings] [findings figure.]    rule | the text the finding spans   (optionally a rule prefix)
//! ```
//! A section that is absent is not checked. Blank lines and lines starting with `#` are ignored.
//! Run with `FIXTURE=name` to check one fixture.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use reportlens::{analyze, Report};

fn number(v: f64) -> String {
    reportlens::render::csv::number(v)
}

fn span(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect::<String>().replace('\n', "⏎")
}

/// The actual lines of one section.
fn actual(section: &str, filter: &str, text: &str, r: &Report) -> Vec<String> {
    match section {
        "doc" => vec![format!("kind = {}", r.doc.kind), format!("title = {}", r.doc.title)],
        "figures" => r
            .figures
            .iter()
            .filter(|f| filter.is_empty() || f.kind.as_str() == filter)
            .map(|f| {
                let max = f.value_max.map(|m| format!("..{}", number(m))).unwrap_or_default();
                format!(
                    "{} | {} | {}{} {} | {} | {}",
                    f.text,
                    f.kind.as_str(),
                    number(f.value),
                    max,
                    f.unit,
                    if f.approx { "approx" } else { "exact" },
                    f.subject
                )
            })
            .collect(),
        "slogans" => r
            .slogans
            .iter()
            .filter(|s| filter.is_empty() || s.kind.as_str() == filter)
            .map(|s| format!("{} | {} | {}", s.kind.as_str(), s.text, s.name))
            .collect(),
        "outline" => r
            .outline
            .iter()
            .filter(|h| filter.is_empty() || h.level.to_string() == filter)
            .map(|h| format!("{} | {} | {} | {}", h.level, h.marker, h.ordinal, h.title))
            .collect(),
        "findings" => r
            .findings
            .iter()
            .filter(|f| f.rule.starts_with(filter))
            .map(|f| format!("{} | {}", f.rule, span(text, f.start, f.end)))
            .collect(),
        other => panic!("unknown section [{other}]"),
    }
}

fn parse(expect: &str) -> Vec<((String, String), Vec<String>)> {
    let mut out: Vec<((String, String), Vec<String>)> = Vec::new();
    for line in expect.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(h) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (name, filter) = h.split_once(' ').unwrap_or((h, ""));
            out.push(((name.to_string(), filter.trim().to_string()), Vec::new()));
        } else {
            let last = out.last_mut().expect("a line before any [section]");
            last.1.push(line.trim().to_string());
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    found: usize,
    expected: usize,
    correct: usize,
}

#[test]
fn fixtures_match_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let only = std::env::var("FIXTURE").ok();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut failures = String::new();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut checked = 0;
    for txt in names {
        let stem = txt.file_stem().unwrap().to_string_lossy().to_string();
        if only.as_ref().is_some_and(|o| o != &stem) {
            continue;
        }
        let expect_path = txt.with_extension("expect");
        let expect = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{} has no .expect file", txt.display()));
        let text = std::fs::read_to_string(&txt).unwrap();
        let report = analyze(&text);
        checked += 1;
        for ((section, filter), want) in parse(&expect) {
            // Lines compare trimmed, as the expectation lines are (an empty last field leaves "| ").
        let got: Vec<String> = actual(&section, &filter, &text, &report).into_iter().map(|l| l.trim_end().to_string()).collect();
            // Precision and recall per section kind, as multisets of lines.
            let t = tallies.entry(section.clone()).or_default();
            t.found += got.len();
            t.expected += want.len();
            let mut pool = got.clone();
            for w in &want {
                if let Some(k) = pool.iter().position(|g| g == w) {
                    pool.swap_remove(k);
                    t.correct += 1;
                }
            }
            if got != want {
                let _ = writeln!(failures, "\n=== {stem} [{section}{}{filter}]", if filter.is_empty() { "" } else { " " });
                for w in want.iter().filter(|w| !got.contains(w)) {
                    let _ = writeln!(failures, "  missing:    {w}");
                }
                for g in got.iter().filter(|g| !want.contains(g)) {
                    let _ = writeln!(failures, "  unexpected: {g}");
                }
                if want.iter().all(|w| got.contains(w)) && got.iter().all(|g| want.contains(g)) {
                    let _ = writeln!(failures, "  (same lines, different order or count)\n  got:\n    {}", got.join("\n    "));
                }
            }
        }
    }
    assert!(checked > 0, "no fixtures found in {}", dir.display());
    println!("fixtures checked: {checked}");
    for (section, t) in &tallies {
        let p = if t.found == 0 { 1.0 } else { t.correct as f64 / t.found as f64 };
        let r = if t.expected == 0 { 1.0 } else { t.correct as f64 / t.expected as f64 };
        println!(
            "{section:<9} expected {:>4}  found {:>4}  correct {:>4}  precision {:.3}  recall {:.3}",
            t.expected, t.found, t.correct, p, r
        );
    }
    assert!(failures.is_empty(), "fixtures differ from their expectations:{failures}");
}
