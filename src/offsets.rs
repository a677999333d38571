//! Char offsets (what the report uses) to UTF-16 offsets (what the DOM and JavaScript strings use).
//!
//! ```
//! use reportlens::offsets::Utf16Map;
//! let m = Utf16Map::new("𠀀12次"); // 𠀀 is one char but two UTF-16 units
//! assert_eq!(m.utf16(1), 2);
//! assert_eq!(m.utf16(4), 5);
//! ```

use crate::report::Report;

/// Maps char offsets of one text to UTF-16 offsets. Texts without characters outside the BMP (almost
/// all reports) take a fast path that stores nothing.
pub struct Utf16Map {
    /// `prefix[i]` = UTF-16 units before char `i`; empty when every char is one unit.
    prefix: Vec<u32>,
}

/// Whether any byte is 0xF0 or more, eight bytes at a time: the page's wasm has no vector
/// instructions, and a byte loop cost about 1% of analysing a 10 KB report there.
fn has_lead_of_four(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        // A byte is 0xF0 or more when its top four bits are all set: AND them down into the top bit.
        if x & (x << 1) & (x << 2) & (x << 3) & HIGH != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&b| b >= 0xF0)
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        // A char outside the BMP is exactly one whose UTF-8 starts with a byte of 0xF0 or more: a byte
        // scan, without decoding every char.
        if !has_lead_of_four(text.as_bytes()) {
            return Utf16Map { prefix: Vec::new() };
        }
        let mut prefix = Vec::with_capacity(text.len() / 2 + 1);
        let mut u = 0u32;
        prefix.push(0);
        for c in text.chars() {
            u += c.len_utf16() as u32;
            prefix.push(u);
        }
        Utf16Map { prefix }
    }

    /// Whether char offsets and UTF-16 offsets are the same (no char outside the BMP).
    pub fn is_identity(&self) -> bool {
        self.prefix.is_empty()
    }

    /// UTF-16 offset of char offset `i` (offsets past the end clamp to the end).
    pub fn utf16(&self, i: usize) -> usize {
        if self.prefix.is_empty() {
            i
        } else {
            self.prefix[i.min(self.prefix.len() - 1)] as usize
        }
    }

    /// Char offset of UTF-16 offset `u` (an offset inside a surrogate pair maps to its char).
    pub fn char_of(&self, u: usize) -> usize {
        if self.prefix.is_empty() {
            u
        } else {
            match self.prefix.binary_search(&(u as u32)) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        }
    }

    /// Rewrites every span of a report from char offsets to UTF-16 offsets.
    pub fn convert(&self, report: &mut Report) {
        if self.prefix.is_empty() {
            return;
        }
        let f = |s: &mut usize, e: &mut usize| {
            *s = self.utf16(*s);
            *e = self.utf16(*e);
        };
        report.figures.iter_mut().for_each(|x| f(&mut x.start, &mut x.end));
        report.slogans.iter_mut().for_each(|x| f(&mut x.start, &mut x.end));
        report.outline.iter_mut().for_each(|x| f(&mut x.start, &mut x.end));
        report.sections.iter_mut().for_each(|x| f(&mut x.start, &mut x.end));
        report.findings.iter_mut().for_each(|x| f(&mut x.start, &mut x.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_byte_leads_found_at_any_place() {
        for len in 0..20 {
            for at in 0..len {
                for b in [0x7F, 0x80, 0xBF, 0xE0, 0xEF, 0xF0, 0xF4, 0xFF] {
                    // Filled with bytes whose top bits are almost those of a four-byte lead.
                    let mut v = vec![0xEF; len];
                    v[at] = b;
                    assert_eq!(has_lead_of_four(&v), b >= 0xF0, "{v:02x?}");
                }
            }
            assert!(!has_lead_of_four(&vec![0xEF; len]));
        }
    }

    #[test]
    fn bmp_text_is_identity() {
        let m = Utf16Map::new("一、总则");
        assert!(m.is_identity());
        assert_eq!((m.utf16(3), m.char_of(3)), (3, 3));
    }

    #[test]
    fn astral_chars_take_two_units() {
        let t = "甲𠀀乙😀丙";
        let m = Utf16Map::new(t);
        assert!(!m.is_identity());
        let js: Vec<u16> = t.encode_utf16().collect();
        // char 4 is 丙: UTF-16 index 6.
        assert_eq!(m.utf16(4), 6);
        assert_eq!(String::from_utf16(&js[m.utf16(4)..m.utf16(5)]).unwrap(), "丙");
        assert_eq!(m.char_of(6), 4);
        assert_eq!(m.char_of(2), 1, "inside the surrogate pair of 𠀀");
        assert_eq!(m.utf16(99), js.len(), "clamps");
    }
}
