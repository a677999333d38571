//! `analyze` on arbitrary text: never panics, every span inside the text and on char boundaries,
//! findings sorted, and the JSON report parses back to the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is the CLI's business (it refuses it); the core takes text.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let r = reportlens::analyze(text);
    let n = text.chars().count();
    assert_eq!(r.doc.chars, n);
    let chars: Vec<char> = text.chars().collect();
    for f in &r.figures {
        assert!(f.start < f.end && f.end <= n);
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
    }
    for s in &r.slogans {
        assert!(s.start < s.end && s.end <= n);
    }
    for h in &r.outline {
        assert!(h.start < h.end && h.end <= n);
    }
    for f in &r.findings {
        assert!(f.start <= f.end && f.end <= n);
    }
    assert!(r.findings.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    let json = reportlens::render::json::render(&r);
    let back: reportlens::Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
});
