//! The command line: reads files, picks a renderer, sets the exit status. No analysis here.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use reportlens::render::{csv, html, json, markdown, terminal};
use reportlens::{analyze, input, rules, Report, Severity};

#[derive(Parser, Debug)]
#[command(
    name = "reportlens",
    version,
    about = "报告透镜：找出中文公文报告中的数字、提法套话和结构缺口",
    long_about = "报告透镜 (reportlens) reads Chinese official reports and prints their findings as lint lines.\n\
                  Exit status: 0 no finding at or above --fail-on, 1 some, 2 usage or input error."
)]
struct Cli {
    /// Files (.txt in UTF-8/UTF-16/GB18030, or .docx) or directories (searched for .txt and .docx);
    /// none or "-" reads standard input.
    paths: Vec<PathBuf>,

    /// Output: lint lines, the JSON report, JSON Lines (one report per file), the figures CSV, an
    /// annotated HTML page, or a Markdown review (审阅意见).
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Exit with status 1 when any finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Text encoding of the input; auto accepts UTF-8, UTF-16 with a BOM, and GB18030/GBK.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    encoding: Encoding,

    /// Colours in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// Prefix CSV output with a UTF-8 byte order mark (for Excel and WPS).
    #[arg(long)]
    bom: bool,

    /// List every rule (id, severity, name) and exit.
    #[arg(long)]
    rules: bool,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
    Html,
    Markdown,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum Encoding {
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Gb18030,
    #[value(name = "utf-16")]
    Utf16,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.rules {
        let mut out = String::new();
        for r in rules::RULES {
            out.push_str(&format!("{:<30} {:<8} {}\n", r.id, r.severity.as_str(), r.title));
        }
        return emit(&out);
    }
    match run(&cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("reportlens: {msg}");
            ExitCode::from(2)
        }
    }
}

fn emit(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`reportlens … | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reportlens: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, String> {
    let inputs = collect_inputs(&cli.paths)?;
    let many = inputs.len() > 1;
    let fail_on = match cli.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let opts = Render { format: cli.format, many, color };

    if !many {
        let (out, report) = process(&inputs[0], cli.encoding, &opts)?;
        let mut text = String::new();
        if cli.format == Format::Csv {
            if cli.bom {
                text.push_str(csv::BOM);
            }
            text.push_str(csv::HEADER);
            text.push_str("\r\n");
        }
        text.push_str(&out);
        let code = emit(&text);
        let failed = fail_on.is_some_and(|min| report.findings.iter().any(|f| f.severity >= min));
        return Ok(if code != ExitCode::SUCCESS { code } else if failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }

    // Many files: analysed on all cores, printed in input order, with a progress bar on a terminal.
    let started = std::time::Instant::now();
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份 {per_sec} 剩余 {eta}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<Result<(String, bool, usize), String>> = inputs
        .par_iter()
        .map(|input| {
            let r = process(input, cli.encoding, &opts).map(|(out, report)| {
                let failed = fail_on.is_some_and(|min| report.findings.iter().any(|f| f.severity >= min));
                (out, failed, report.doc.chars)
            });
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let mut text = String::new();
    if cli.format == Format::Csv {
        if cli.bom {
            text.push_str(csv::BOM);
        }
        text.push_str("file,");
        text.push_str(csv::HEADER);
        text.push_str("\r\n");
    }
    let (mut failed, mut errors, mut chars) = (false, 0usize, 0usize);
    for r in &results {
        match r {
            Ok((out, f, n)) => {
                text.push_str(out);
                failed |= *f;
                chars += n;
            }
            Err(msg) => {
                eprintln!("reportlens: {msg}");
                errors += 1;
            }
        }
    }
    let code = emit(&text);
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "reportlens: {} 份文件（{} 份无法读取），{} 字，用时 {:.2} 秒：{:.0} 份/秒",
        results.len(),
        errors,
        chars,
        secs,
        results.len() as f64 / secs.max(1e-9)
    );
    Ok(if code != ExitCode::SUCCESS || errors > 0 {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

struct Render {
    format: Format,
    many: bool,
    color: bool,
}

/// One input: read, analyse, render. Returns the rendered text (CSV without its header) and the report.
fn process(input: &Input, encoding: Encoding, opts: &Render) -> Result<(String, Report), String> {
    let (name, text) = read_input(input, encoding)?;
    let report: Report = analyze(&text);
    let out = match opts.format {
        Format::Text => {
            let t = terminal::Options { color: opts.color, min_severity: Severity::Info };
            terminal::render(&name, &text, &report, &t)
        }
        Format::Json if !opts.many => json::render(&report) + "\n",
        Format::Json | Format::Jsonl => json::render_line(&name, &report) + "\n",
        Format::Csv => {
            let table = csv::render(&text, &report);
            let body = table.split_once("\r\n").map_or("", |(_, b)| b);
            if opts.many {
                // A file column in front, so rows of different files stay apart.
                let mut file = String::new();
                csv::field(&mut file, &name);
                body.split_inclusive("\r\n").map(|row| format!("{file},{row}")).collect()
            } else {
                body.to_string()
            }
        }
        Format::Html => html::document(&name, &text, &report),
        Format::Markdown => markdown::render(&name, &text, &report) + "\n",
    };
    Ok((out, report))
}

enum Input {
    Stdin,
    File(PathBuf),
}

fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files).map_err(|e| format!("{}: cannot read directory: {e}", p.display()))?;
            if files.is_empty() {
                return Err(format!("{}: no .txt or .docx files in this directory", p.display()));
            }
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("docx")) {
            files.push(path);
        }
    }
    Ok(())
}

fn read_input(input: &Input, encoding: Encoding) -> Result<(String, String), String> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map_err(|e| format!("cannot read standard input: {e}"))?;
            ("-".to_string(), b)
        }
        Input::File(p) => {
            let name = p.display().to_string();
            let b = std::fs::read(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("{name}: no such file"),
                _ => format!("{name}: cannot read: {e}"),
            })?;
            (name, b)
        }
    };
    let encoding = match encoding {
        Encoding::Auto => input::Encoding::Auto,
        Encoding::Utf8 => input::Encoding::Utf8,
        Encoding::Gb18030 => input::Encoding::Gb18030,
        Encoding::Utf16 => input::Encoding::Utf16,
    };
    let gb18030 = |b: &[u8]| {
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(b).map(|c| c.into_owned())
    };
    let opened = input::open(&name, &bytes, encoding, &gb18030).map_err(|e| format!("{name}: {e}"))?;
    Ok((name, opened.text))
}
