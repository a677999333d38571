//! What people paste: random text made of report-like pieces (property tests), and pathological
//! inputs. `analyze` must never panic, must keep every span inside the text, and must stay roughly
//! linear — the real speed figures are in `examples/bench.rs`; here only a generous bound.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use reportlens::{analyze, Report};

/// Everything a report must satisfy whatever the input.
fn check_invariants(text: &str, r: &Report) {
    let n = text.chars().count();
    assert_eq!(r.doc.chars, n);
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for f in &r.figures {
        assert!(f.start < f.end && f.end <= n, "figure span {}..{} of {n}", f.start, f.end);
        assert_eq!(slice(f.start, f.end), f.text, "figure text is the span");
        assert!(f.value.is_finite(), "figure value {}", f.value);
    }
    assert!(r.figures.windows(2).all(|w| w[0].end <= w[1].start), "figures sorted and disjoint");
    for s in &r.slogans {
        assert!(s.start < s.end && s.end <= n);
        assert_eq!(slice(s.start, s.end), s.text, "slogan text is the span");
    }
    assert!(r.slogans.windows(2).all(|w| w[0].start <= w[1].start), "slogans sorted");
    for h in &r.outline {
        assert!(h.start < h.end && h.end <= n);
    }
    for s in &r.sections {
        assert!(s.start <= s.end && s.end <= n);
        assert!((0.0..=1.0).contains(&s.formula_share), "share {}", s.formula_share);
    }
    for f in &r.findings {
        assert!(f.start <= f.end && f.end <= n, "{} at {}..{} of {n}", f.rule, f.start, f.end);
        assert!(reportlens::rules::rule(&f.rule).is_some(), "unknown rule {}", f.rule);
        assert!(!f.message.is_empty());
    }
    assert!(r.findings.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)), "findings sorted");
    assert!((0.0..=1.0).contains(&r.doc.substance));
    let json = reportlens::render::json::render(r);
    let back: Report = serde_json::from_str(&json).expect("the JSON report parses");
    assert_eq!(&back, r, "JSON round-trips");
}

/// Pieces that real reports are made of, so random combinations hit the detectors' edges.
const PIECES: &[&str] = &[
    "一、", "二、", "四、", "十一、", "（一）", "(二)", "（三）", "1.", "2、", "3．", "（1）", "第一部分", "一是", "二是", "四是", "首先，",
    "其次，", "最后，", "——", "\n", "\r\n", "\r", "　　", " ", "\t", "。", "，", "；", "、", "：", "“", "”", "《", "》", "（", "）",
    "12", "３", "1,234.5", "3.5", "0", "十二", "两千五百", "三百亿", "八成", "百分之三十", "约", "近", "超过", "余", "多", "左右", "以上",
    "次", "项", "个", "名", "亿元", "万元", "元", "%", "％", "个百分点", "倍", "公里", "2023年", "1—10月", "12月31日", "—", "~", "至",
    "两个维护", "四个意识", "道路自信", "理论自信", "一岗双责", "三会一课", "四风", "政治判断力", "切实", "扎实", "进一步", "同谋划",
    "同部署", "同推进", "XX", "××", "○○", "某某", "A", "##paidbegin##", "下载后可编辑", "存在的问题", "下一步打算", "招商引资",
    "成效显著", "圆满完成", "述职述廉述责报告", "工作总结", "占比", "达到", "完成", "全年", "召开会议", "𠀀", "😀", "\u{202E}",
    "\u{FFFD}", "<script>", "&amp;", "\"", "'",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    // Failing cases are kept beside this file (the default looks for a lib.rs next to it, and warns).
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/robustness.proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn report_like_text_keeps_every_invariant(text in report_like()) {
        check_invariants(&text, &analyze(&text));
    }

    #[test]
    fn any_unicode_keeps_every_invariant(text in "\\PC{0,300}") {
        check_invariants(&text, &analyze(&text));
    }

    /// A large text's figures are read in two parts on two threads; joined, they must be exactly
    /// the one pass's, wherever the text is cut.
    #[test]
    fn figures_read_in_two_parts_join_into_the_whole(text in report_like()) {
        use reportlens::{figures, normalise::Doc};
        let doc = Doc::new(&text);
        let whole = figures::detect_with_anatomy(&doc);
        for at in doc.lines.iter().map(|l| l.start).chain([figures::halves(&doc)]) {
            let joined = figures::join(&doc, figures::detect_part(&doc, 0, at), figures::detect_part(&doc, at, doc.len()));
            prop_assert_eq!(&joined.0, &whole.0);
            prop_assert_eq!(&joined.1, &whole.1);
        }
    }
}

fn ordinary(len: usize) -> String {
    let sample = include_str!("../data/sample-report.txt");
    let mut s = String::with_capacity(len + sample.len());
    while s.len() < len {
        s.push_str(sample);
    }
    s
}

fn timed(text: &str) -> (Duration, Report) {
    let t = Instant::now();
    let r = analyze(text);
    (t.elapsed(), r)
}

/// Each pathological input of ~`len` bytes must finish within a generous multiple of ordinary text
/// of the same size (the bench reports the real ratios; 2× is the target there).
fn pathological(name: &str, text: String) {
    let base = ordinary(text.len());
    let (tb, _) = timed(&base);
    let (tp, r) = timed(&text);
    check_invariants(&text, &r);
    let bound = tb.mul_f64(20.0) + Duration::from_millis(500);
    assert!(tp <= bound, "{name}: {tp:?} against {tb:?} for ordinary text of the same size");
}

#[test]
fn one_megabyte_on_one_line_without_punctuation() {
    pathological("one line", "全面推进各项工作落实到位".repeat(1_000_000 / 36));
}

#[test]
fn a_hundred_thousand_headings() {
    // Numbered 1-999 over and over (real outlines never reach four digits): every line a heading,
    // and the restarts give the numbering checks plenty to report.
    let text: String = (0..100_000).map(|i| format!("{}.标题\n", i % 999 + 1)).collect();
    let r = analyze(&text);
    assert_eq!(r.outline.iter().filter(|h| h.level == 3).count(), 100_000, "every numbered line is a heading");
    pathological("headings", text);
}

#[test]
fn a_hundred_thousand_digits_in_a_row() {
    pathological("digits", "1234567890".repeat(10_000));
}

#[test]
fn fifty_thousand_nested_brackets() {
    pathological("brackets", format!("{}{}", "（".repeat(50_000), "）".repeat(50_000)));
    pathological("quotes", format!("{}{}", "“".repeat(50_000), "”".repeat(50_000)));
}

#[test]
fn only_whitespace_and_only_quotes() {
    let r = analyze(&" \t\u{3000}\n\r\n".repeat(100_000));
    assert!(r.figures.is_empty() && r.slogans.is_empty() && r.outline.is_empty() && r.findings.is_empty());
    pathological("quotes", "“”‘’\"'《》".repeat(50_000));
}

#[test]
fn mixed_line_endings_give_the_same_report_as_plain_ones() {
    let lf = include_str!("../data/sample-report.txt");
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let a = analyze(lf);
    for other in [&crlf, &cr] {
        let b = analyze(other);
        let rules = |r: &Report| r.findings.iter().map(|f| f.rule.clone()).collect::<Vec<_>>();
        assert_eq!(rules(&a), rules(&b), "same findings whatever the line endings");
        assert_eq!(a.figures.iter().map(|f| &f.text).collect::<Vec<_>>(), b.figures.iter().map(|f| &f.text).collect::<Vec<_>>());
        assert_eq!(a.outline.len(), b.outline.len());
        check_invariants(other, &b);
    }
    // All three at once.
    let mixed: String = lf.split('\n').enumerate().map(|(i, l)| format!("{l}{}", ["\n", "\r\n", "\r"][i % 3])).collect();
    check_invariants(&mixed, &analyze(&mixed));
}

#[test]
fn replacement_chars_from_lone_surrogates_are_text() {
    // A browser string with lone surrogates reaches Rust with U+FFFD in their place.
    let text = "一、\u{FFFD}总体情况\n全年召开会议12次\u{FFFD}，投入资金3亿元。";
    let r = analyze(text);
    check_invariants(text, &r);
    assert_eq!(r.figures.len(), 2);
}

#[test]
fn full_and_half_width_digits_read_the_same() {
    let a = analyze("全年召开会议12次，支出进度50%。");
    let b = analyze("全年召开会议１２次，支出进度５０％。");
    let values = |r: &Report| r.figures.iter().map(|f| (f.value, f.unit.clone())).collect::<Vec<_>>();
    assert_eq!(values(&a), values(&b));
}

#[test]
fn empty_text_is_an_empty_report() {
    let r = analyze("");
    assert_eq!((r.doc.chars, r.figures.len(), r.findings.len(), r.doc.kind.as_str()), (0, 0, 0, "其他"));
}
