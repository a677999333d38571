//! The CLI run as a process: formats, exit statuses, and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use reportlens::rules;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_reportlens"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn reportlens");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("reportlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A text on which an error-severity rule fires (its documented example).
fn with_error() -> &'static str {
    rules::RULES.iter().find(|r| r.severity == reportlens::Severity::Error).unwrap().example
}

#[test]
fn clean_text_exits_zero_and_prints_a_summary() {
    let o = run(&[], Some("本段没有任何需要指出的地方。".as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("-: 0 错误, 0 警告, 0 提示"), "{}", stdout(&o));
}

#[test]
fn an_error_finding_exits_one_with_lint_lines() {
    let ex = with_error();
    let f = tmp("err.txt", ex.as_bytes());
    let o = run(&[f.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    // file:line:col: severity[rule] message
    let name = f.to_str().unwrap();
    assert!(first.starts_with(&format!("{name}:")), "{first}");
    assert!(first.contains(": error["), "{first}");
    let (pos, _) = first[name.len() + 1..].split_once(": ").unwrap();
    let (line, col) = pos.split_once(':').unwrap();
    assert!(line.parse::<usize>().unwrap() >= 1 && col.parse::<usize>().unwrap() >= 1, "{pos}");
    assert!(out.lines().nth(1).unwrap().contains(" | "), "an excerpt follows");
}

#[test]
fn fail_on_sets_the_threshold() {
    let ex = with_error();
    assert_eq!(run(&["--fail-on", "never"], Some(ex.as_bytes())).status.code(), Some(0));
    assert_eq!(run(&["--fail-on", "info"], Some(ex.as_bytes())).status.code(), Some(1));
}

#[test]
fn json_is_the_report() {
    let text = "一、总体情况\n全年召开会议12次。";
    let o = run(&["--format", "json"], Some(text.as_bytes()));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["doc"]["chars"], text.chars().count());
    for key in ["figures", "slogans", "outline", "sections", "findings"] {
        assert!(v[key].is_array(), "{key}");
    }
    let direct = reportlens::analyze(text);
    let back: reportlens::Report = serde_json::from_value(v).unwrap();
    assert_eq!(back, direct, "the CLI reports what the library reports");
}

#[test]
fn csv_has_a_header_and_optional_bom() {
    let o = run(&["--format", "csv"], Some("没有数字。".as_bytes()));
    assert_eq!(stdout(&o), format!("{}\r\n", reportlens::render::csv::HEADER));
    let o = run(&["--format", "csv", "--bom"], Some("没有数字。".as_bytes()));
    assert!(stdout(&o).starts_with('\u{FEFF}'));
}

#[test]
fn html_output_is_a_standalone_page() {
    let o = run(&["--format", "html"], Some("<script>alert(1)</script>".as_bytes()));
    let out = stdout(&o);
    assert!(out.starts_with("<!doctype html>"));
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !out.contains("<script>"));
}

#[test]
fn many_files_give_json_lines() {
    let a = tmp("many-a.txt", "全年召开会议12次。".as_bytes());
    let b = tmp("many-b.txt", "没有数字。".as_bytes());
    let o = run(&["--format", "json", a.to_str().unwrap(), b.to_str().unwrap()], None);
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["file"], a.to_str().unwrap());
}

#[test]
fn a_directory_is_searched_for_text_files() {
    let dir = std::env::temp_dir().join(format!("reportlens-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "甲。").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "乙。").unwrap();
    std::fs::write(dir.join("ignored.bin"), [0u8, 1, 2]).unwrap();
    let o = run(&["--format", "jsonl", dir.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn missing_file_is_a_usage_error() {
    let o = run(&["/no/such/report.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/report.txt: no such file"), "{}", stderr(&o));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    assert_eq!(run(&["--no-such-flag"], None).status.code(), Some(2));
}

#[test]
fn gb18030_is_detected() {
    let text = "县财政局2024年工作总结\n全年召开会议12次。";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let f = tmp("gbk.txt", &bytes);
    let o = run(&["--format", "json", f.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: reportlens::Report = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r, reportlens::analyze(text));
    // Forcing UTF-8 says what is wrong and what to do.
    let o = run(&["--encoding", "utf-8", f.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "全年召开会议12次。";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let o = run(&["--format", "json"], Some(&bytes));
    let r: reportlens::Report = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r.doc.chars, text.chars().count());
}

#[test]
fn binary_input_is_refused_clearly() {
    let bytes: Vec<u8> = (0..2048u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let o = run(&[], Some(&bytes));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("reportlens: -: "), "{}", stderr(&o));
}

#[test]
fn rules_lists_every_rule() {
    let o = run(&["--rules"], None);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), rules::RULES.len());
    for r in rules::RULES {
        assert!(out.contains(r.id), "{}", r.id);
    }
}

#[test]
fn offsets_are_chars_even_outside_the_bmp() {
    let text = "𠀀𠀁全年召开会议12次。";
    let o = run(&["--format", "json"], Some(text.as_bytes()));
    let r: reportlens::Report = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r.doc.chars, 12);
    for f in &r.figures {
        let s: String = text.chars().skip(f.start).take(f.end - f.start).collect();
        assert_eq!(s, f.text);
    }
}

#[test]
fn a_batch_keeps_input_order_reports_unreadable_files_and_says_how_fast() {
    let dir = std::env::temp_dir().join(format!("reportlens-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..40 {
        std::fs::write(dir.join(format!("r{i:02}.txt")), format!("一、第{i}份\n全年召开会议{}次。", i + 1)).unwrap();
    }
    std::fs::write(dir.join("r99.txt"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    let o = run(&["--format", "jsonl", dir.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2), "an unreadable file makes the batch exit 2");
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 40, "every readable file still gets its line");
    for (i, l) in lines.iter().enumerate() {
        assert!(l["file"].as_str().unwrap().ends_with(&format!("r{i:02}.txt")), "input order kept");
        assert_eq!(l["figures"][0]["value"], (i + 1) as f64);
    }
    let err = stderr(&o);
    assert!(err.contains("r99.txt: 这是旧版 Word"), "{err}");
    assert!(err.contains("41 份文件（1 份无法读取）") && err.contains("份/秒"), "{err}");
}

#[test]
fn a_batch_csv_has_one_header_and_a_file_column() {
    let a = tmp("csv-a.txt", "全年召开会议12次，投入资金3亿元。".as_bytes());
    let b = tmp("csv-b.txt", "培训干部200人次。".as_bytes());
    let o = run(&["--format", "csv", a.to_str().unwrap(), b.to_str().unwrap()], None);
    let out = stdout(&o);
    let rows: Vec<&str> = out.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], format!("file,{}", reportlens::render::csv::HEADER));
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[1].starts_with(a.to_str().unwrap()) && rows[3].starts_with(b.to_str().unwrap()), "{out}");
}
