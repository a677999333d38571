//! The report as JSON: the documented contract (see README "The report").
//!
//! Every form is written by one serialiser — compact, into [`compact`]'s writer — and the pretty
//! form is that text indented. serde_json's pretty printer compiled every `Serialize` of the report a
//! second time; in the page's wasm that was 3 KB (gzipped) for output already in hand.

use crate::report::Report;

/// Pretty-printed JSON of the report (two-space indent, as `serde_json::to_string_pretty`).
pub fn render(report: &Report) -> String {
    indent(&compact(report))
}

/// One line of JSON (for JSON Lines output), with the file name the report came from first.
pub fn render_line(file: &str, report: &Report) -> String {
    let body = compact(report);
    // The report is an object with fields, so `body` is `{"schema":…}`.
    let name = serde_json::to_string(file).unwrap_or_else(|_| "\"\"".to_string());
    format!("{{\"file\":{name},{}", &body[1..])
}

/// The report as compact JSON. serde_json writes most of it a byte at a time (quotes, colons,
/// commas); under the page's size-optimised dependencies each of those was a call to
/// `Vec::extend_from_slice`, so single bytes are pushed instead (1 MB in Node: 29.5 → 22.4 ms).
pub fn compact(report: &Report) -> String {
    struct Out(Vec<u8>);
    impl std::io::Write for Out {
        #[inline(always)]
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.write_all(buf)?;
            Ok(buf.len())
        }
        #[inline(always)]
        fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
            match buf {
                [b] => self.0.push(*b),
                _ => self.0.extend_from_slice(buf),
            }
            Ok(())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Out(Vec::new());
    // Serialising plain structs of strings and numbers cannot fail; f64 NaN would, and the core never
    // produces one (shares of empty sections are 0).
    if let Err(e) = serde_json::to_writer(&mut out, report) {
        return format!("{{\"error\":\"{e}\"}}");
    }
    // serde_json writes valid UTF-8 only.
    String::from_utf8(out.0).unwrap_or_default()
}

/// Compact JSON indented the way serde_json's pretty printer writes it: a line per member and per
/// element, two spaces a level, `": "` after keys, and `{}` / `[]` for empty ones. Works on bytes:
/// no byte of a multi-byte UTF-8 char is ASCII, so none is taken for punctuation.
fn indent(json: &str) -> String {
    let b = json.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + b.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let (mut in_string, mut escaped) = (false, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => {
                in_string = true;
                out.push(c);
            }
            b'{' | b'[' => {
                out.push(c);
                let close = if c == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            b',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(c),
        }
    }
    // Only ASCII was added to valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trips() {
        let r = crate::analyze("一、总体情况\n全年召开会议12次。");
        let back: Report = serde_json::from_str(&render(&r)).unwrap();
        assert_eq!(back, r);
        let line = render_line("a.txt", &r);
        assert!(!line.contains('\n'));
        assert!(line.starts_with("{\"file\":\"a.txt\",\"schema\":1"));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["file"], "a.txt");
        assert_eq!(back["schema"], 1);
    }

    /// The indented report is byte for byte what serde_json's pretty printer writes, on every
    /// fixture (quotes, brackets and colons inside strings, empty lists, nested objects).
    #[test]
    fn indented_as_serde_json_pretty_prints() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let r = crate::analyze(&std::fs::read_to_string(&path).unwrap());
                assert_eq!(render(&r), serde_json::to_string_pretty(&r).unwrap(), "{}", path.display());
                n += 1;
            }
        }
        assert!(n >= 20, "only {n} fixtures");
        let empty = crate::analyze("");
        assert_eq!(render(&empty), serde_json::to_string_pretty(&empty).unwrap());
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z\"\\\\{}\\[\\]:, 一\n]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map("[a-z:{\"]{0,3}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn indent_matches_serde_json_on_any_value(v in value()) {
            let compact = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(indent(&compact), serde_json::to_string_pretty(&v).unwrap());
        }
    }
}
