//! Benchmarks, printed as tables (timings live here, never in tests):
//!
//! ```sh
//! cargo run --release --example bench            # corpora of 10 KB … 10 MB, per stage, and pathological inputs
//! cargo run --release --example bench -- --quick # smaller, for a quick look
//! ```
//!
//! Corpora are built by repeating the project's own fixtures (tests/fixtures/*.txt and the sample
//! report) up to each size. Throughput is the best of several runs, in MB/s of UTF-8 input; the
//! growth from 1 MB to 10 MB is a median over rounds that time both sizes side by side (see `growth`).

use std::time::{Duration, Instant};

use reportlens::stages::Stages;
use reportlens::{analyze, render};

fn corpus(target: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut parts: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            let mut v: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
            v.sort();
            v.into_iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
        })
        .unwrap_or_default();
    parts.push(include_str!("../data/sample-report.txt").to_string());
    let mut out = String::with_capacity(target + 4096);
    let mut i = 0;
    while out.len() < target {
        out.push_str(&parts[i % parts.len()]);
        out.push('\n');
        i += 1;
    }
    // Cut at a char boundary near the target so sizes are comparable.
    let mut cut = target.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// Best wall time of at least three runs, more while within about `budget` (up to 1,000: a 10 KB
/// text takes a fifth of a millisecond, and fifty runs of it were over before the CPU settled).
fn best<F: FnMut()>(mut f: F, budget: Duration) -> Duration {
    let mut best = Duration::MAX;
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || (start.elapsed() < budget && runs < 1000) {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// Each stage alone (best of several runs), then the HTML rendering and the whole analysis.
fn stages(text: &str, budget: Duration) -> Vec<(&'static str, Duration)> {
    let stages = Stages::new(text);
    let report = analyze(text);
    let mut times: Vec<(&'static str, Duration)> =
        Stages::NAMES.iter().enumerate().map(|(k, &name)| (name, best(|| { std::hint::black_box(stages.run(k)); }, budget))).collect();
    times.push(("render html", best(|| drop(render::html::highlight(text, &report)), budget)));
    times.push(("analyze (all)", best(|| drop(analyze(text)), budget)));
    times
}

/// How the time grows from 1 MB to 10 MB. The table's "best of several runs" is not fair here: within
/// the same budget a 1 MB text runs ten times as often as a 10 MB one, and on a machine whose speed
/// varies by a third the best of a hundred is further into the lucky tail than the best of ten
/// (measured: 14× that way against 10× from the rounds below). So each round times ten runs of 1 MB
/// and one of 10 MB back to back (the same bytes, the same minute of the machine), and the ratio of
/// the two is taken per round; the median and the range of the rounds are printed.
fn growth(rounds: usize) {
    let small = corpus(1_000_000);
    let large = corpus(10_000_000);
    let runs = large.len() / small.len();
    drop(analyze(&small));
    drop(analyze(&large));
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..runs {
                drop(analyze(&small));
            }
            let small_time = t.elapsed().as_secs_f64() / runs as f64;
            let t = Instant::now();
            drop(analyze(&large));
            t.elapsed().as_secs_f64() / small_time
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "\ngrowth: {:.1} MB took {:.1}× the time of {:.1} MB (median of {rounds} rounds of {runs} × 1 MB beside 1 × 10 MB; range {:.1}–{:.1}×; linear would be {:.1}×)",
        large.len() as f64 / 1e6,
        ratios[rounds / 2],
        small.len() as f64 / 1e6,
        ratios[0],
        ratios[rounds - 1],
        large.len() as f64 / small.len() as f64
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes: &[(usize, &str)] = if quick {
        &[(10_000, "10 KB"), (100_000, "100 KB"), (1_000_000, "1 MB")]
    } else {
        &[(10_000, "10 KB"), (100_000, "100 KB"), (1_000_000, "1 MB"), (10_000_000, "10 MB")]
    };
    let budget = Duration::from_millis(if quick { 300 } else { 1500 });

    println!("reportlens bench — MB/s of UTF-8 input, best of several runs (release build)\n");
    let names: Vec<&str> = stages("一、", budget).iter().map(|s| s.0).collect();
    print!("{:<14}", "stage");
    for (_, label) in sizes {
        print!("{label:>12}");
    }
    println!();
    let mut table: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for &(size, _) in sizes {
        let text = corpus(size);
        for (k, (_, d)) in stages(&text, budget).into_iter().enumerate() {
            table[k].push(mbps(text.len(), d));
        }
    }
    for (k, name) in names.iter().enumerate() {
        print!("{name:<14}");
        for v in &table[k] {
            print!("{v:>12.1}");
        }
        println!();
    }
    if !quick {
        growth(9);
    }

    // Pathological inputs of about 1 MB against ordinary text of the same size.
    let n = if quick { 300_000 } else { 1_000_000 };
    let ordinary = corpus(n);
    let base = best(|| drop(analyze(&ordinary)), budget);
    println!("\npathological inputs (~{:.1} MB each), time relative to ordinary text of the same size ({:.1} ms):", n as f64 / 1e6, base.as_secs_f64() * 1e3);
    let cases: Vec<(&str, String)> = vec![
        ("one line, no punctuation", "全面推进各项工作落实".repeat(n / 30)),
        ("100,000 headings", (1..=100_000).map(|i| format!("{i}.标题\n")).collect::<String>()),
        ("100,000 digits in a row", "1234567890".repeat(10_000)),
        ("50,000 nested brackets", format!("{}{}", "（".repeat(50_000), "）".repeat(50_000))),
        ("only whitespace", " \t\u{3000}\n".repeat(n / 6)),
        ("only quotes", "“”‘’\"".repeat(n / 13)),
        ("mixed CRLF/CR/LF", ordinary.replace("。\n", "。\r\n").replace("；", "；\r")),
        ("numbers everywhere", "第1次12次3.5亿元50％".repeat(n / 30)),
    ];
    for (name, text) in cases {
        let d = best(|| drop(analyze(&text)), budget);
        let norm = d.as_secs_f64() / (base.as_secs_f64() * text.len() as f64 / ordinary.len() as f64);
        println!("  {name:<28} {:>8.1} ms  {:>6.1} MB/s  {:>5.2}× ordinary", d.as_secs_f64() * 1e3, mbps(text.len(), d), norm);
    }
}
