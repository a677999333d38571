//! A file's bytes to the text to analyse, for the page and the CLI alike: plain text in UTF-8,
//! UTF-16 (with a byte order mark) or GB18030/GBK, and `.docx`. Everything else gets a clear refusal
//! that says what the file is and what to do — never a garbled text.
//!
//! GB18030 tables are large, and every platform already has them: the caller passes a strict
//! GB18030 decoder (`encoding_rs` in the CLI, the browser's `TextDecoder` in the page), so the core
//! stays small and pure.
//!
//! ```
//! use reportlens::input::{open, Encoding};
//! let no_gb18030 = |_: &[u8]| None;
//! let opened = open("a.txt", "全年召开会议12次。".as_bytes(), Encoding::Auto, &no_gb18030).unwrap();
//! assert_eq!((opened.text.as_str(), opened.format), ("全年召开会议12次。", "UTF-8"));
//! ```

use std::fmt;

use crate::docx::{self, DocxError};

/// Largest input accepted, in bytes (a report is rarely over 1 MB; 50 MB leaves room for archives of
/// them pasted together while keeping the page alive).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A byte order mark decides; else valid UTF-8 is UTF-8; else GB18030 if it decodes cleanly.
    Auto,
    Utf8,
    Gb18030,
    /// UTF-16, little endian unless a byte order mark says otherwise.
    Utf16,
}

#[derive(Debug)]
pub struct Opened {
    pub text: String,
    /// What the bytes were: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "docx".
    pub format: &'static str,
}

#[derive(Debug, PartialEq)]
pub enum OpenError {
    TooLarge(usize),
    /// Old binary Office/WPS formats (an OLE container), which also holds encrypted .docx files.
    LegacyOffice,
    Pdf,
    Rtf,
    OtherArchive,
    Docx(DocxError),
    /// Not text in any encoding we read.
    Binary,
    BadEncoding(&'static str),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            OpenError::TooLarge(n) => {
                // Tenths of a MB in integers: float formatting would cost the page's wasm ~14 KB.
                let tenths = (*n as u64 * 10 + (1 << 19)) >> 20;
                write!(f, "文件太大（{}.{} MB），最多 {} MB (file too large)", tenths / 10, tenths % 10, MAX_BYTES / 1048576)
            }
            OpenError::LegacyOffice => f.write_str("这是旧版 Word/WPS 文件（.doc/.wps）或加密的文档，无法直接读取：请在 Word 或 WPS 中另存为 .docx 或 .txt 后再打开 (legacy .doc/.wps or encrypted document)"),
            OpenError::Pdf => f.write_str("这是 PDF 文件，无法读取其中的文字：请从 PDF 中复制文字粘贴进来，或另存为 .docx/.txt (PDF is not supported)"),
            OpenError::Rtf => f.write_str("这是 RTF 文件：请在 Word 或 WPS 中另存为 .docx 或 .txt (RTF is not supported)"),
            OpenError::OtherArchive => f.write_str("这是压缩包或其他 Office 文件，不是 Word 文档 (.docx) (an archive, not a .docx)"),
            OpenError::Docx(DocxError::Encrypted) => f.write_str("文档已加密，请先在 Word/WPS 中取消密码 (encrypted document)"),
            OpenError::Docx(DocxError::TooLarge) => f.write_str("文档解压后过大，可能已损坏或是恶意文件 (document inflates too far)"),
            OpenError::Docx(DocxError::NotWord) => f.write_str("这个压缩文件里没有 Word 正文（word/document.xml），不是 .docx 文档 (not a Word document)"),
            OpenError::Docx(DocxError::NotZip(e)) => write!(f, ".docx 文件已损坏，无法解压 (damaged .docx: {e})"),
            OpenError::Docx(DocxError::BadXml(e)) => write!(f, ".docx 文件内容已损坏 (damaged .docx: {e})"),
            OpenError::Binary => f.write_str("不是文本文件：可读取 UTF-8、UTF-16（带 BOM）、GB18030/GBK 文本和 .docx 文档 (not a text file)"),
            OpenError::BadEncoding(what) => f.write_str(what),
        }
    }
}

impl std::error::Error for OpenError {}

/// A strict GB18030 decoder: `None` when the bytes are not valid GB18030.
pub type Gb18030 = dyn Fn(&[u8]) -> Option<String>;

/// Opens a file's bytes. `name` only breaks ties (a `.docx` name on a damaged zip gets the docx
/// message); the bytes themselves decide what the file is.
pub fn open(name: &str, bytes: &[u8], encoding: Encoding, gb18030: &Gb18030) -> Result<Opened, OpenError> {
    if bytes.len() > MAX_BYTES {
        return Err(OpenError::TooLarge(bytes.len()));
    }
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") || lower.ends_with(".docx") {
        return match docx::to_text(bytes) {
            Ok(text) => Ok(Opened { text, format: "docx" }),
            Err(DocxError::NotWord) if !lower.ends_with(".docx") => Err(OpenError::OtherArchive),
            Err(e) => Err(OpenError::Docx(e)),
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(OpenError::LegacyOffice);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(OpenError::Pdf);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(OpenError::Rtf);
    }
    decode(bytes, encoding, gb18030)
}

/// Bytes of plain text to a string, strictly: a byte sequence that is not valid in the chosen
/// encoding is an error, not a replacement character.
pub fn decode(bytes: &[u8], encoding: Encoding, gb18030: &Gb18030) -> Result<Opened, OpenError> {
    let utf8 = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let ok = |text: String, format| Ok(Opened { text, format });
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some("UTF-8")
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16LE")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16BE")
    } else {
        None
    };
    match (encoding, bom) {
        (Encoding::Auto | Encoding::Utf8, Some("UTF-8")) => utf8(&bytes[3..])
            .map_or(Err(OpenError::BadEncoding("字节顺序标记之后不是有效的 UTF-8 (not valid UTF-8 after its byte order mark)")), |t| ok(t, "UTF-8")),
        (Encoding::Auto | Encoding::Utf16, Some(be @ ("UTF-16LE" | "UTF-16BE"))) => utf16(&bytes[2..], be == "UTF-16BE")
            .map_or(Err(OpenError::BadEncoding("字节顺序标记之后不是有效的 UTF-16 (not valid UTF-16 after its byte order mark)")), |t| ok(t, be)),
        (Encoding::Utf16, _) => utf16(bytes, false)
            .map_or(Err(OpenError::BadEncoding("不是有效的 UTF-16LE 文本 (not valid UTF-16LE, and no byte order mark)")), |t| ok(t, "UTF-16LE")),
        (Encoding::Utf8, _) => utf8(bytes).map_or(
            Err(OpenError::BadEncoding("不是有效的 UTF-8 文本；如果是 GBK/GB18030 文件，请用 --encoding gb18030 或 auto (not valid UTF-8)")),
            |t| ok(t, "UTF-8"),
        ),
        (Encoding::Gb18030, _) => gb18030(bytes).map_or(Err(OpenError::BadEncoding("不是有效的 GB18030 文本 (not valid GB18030)")), |t| ok(t, "GB18030")),
        (Encoding::Auto, _) => {
            if let Ok(s) = std::str::from_utf8(bytes) {
                return if s.contains('\0') { Err(OpenError::Binary) } else { ok(s.to_string(), "UTF-8") };
            }
            if bytes.contains(&0) {
                return Err(OpenError::Binary);
            }
            match gb18030(bytes) {
                // Random bytes often decode as GB18030: accept only text that is mostly CJK,
                // ASCII and common punctuation.
                Some(s) if plausible(&s) => ok(s, "GB18030"),
                _ => Err(OpenError::Binary),
            }
        }
    }
}

fn utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|c| if big_endian { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

/// At least 95% of the chars are Han, ASCII, CJK punctuation or full-width forms.
fn plausible(s: &str) -> bool {
    let (mut ok, mut all) = (0usize, 0usize);
    for c in s.chars() {
        all += 1;
        let common = c.is_ascii()
            || crate::normalise::is_han(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x206F | 0x00B7 | 0x00D7 | 0x25CB | 0x2460..=0x24FF);
        ok += common as usize;
    }
    all == 0 || ok * 100 >= all * 95
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(b: &[u8]) -> Option<String> {
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(b).map(|c| c.into_owned())
    }

    fn open(name: &str, bytes: &[u8], e: Encoding) -> Result<Opened, OpenError> {
        super::open(name, bytes, e, &gb)
    }

    #[test]
    fn utf8_utf16_and_gb18030() {
        let t = "县财政局工作总结：全年召开会议12次，占比５０％。";
        assert_eq!(open("a.txt", t.as_bytes(), Encoding::Auto).unwrap().text, t);
        let (gb, _, _) = encoding_rs::GB18030.encode(t);
        let o = open("a.txt", &gb, Encoding::Auto).unwrap();
        assert_eq!((o.text.as_str(), o.format), (t, "GB18030"));
        let mut le = vec![0xFF, 0xFE];
        t.encode_utf16().for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
        assert_eq!(open("a.txt", &le, Encoding::Auto).unwrap().format, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        t.encode_utf16().for_each(|u| be.extend_from_slice(&u.to_be_bytes()));
        assert_eq!(open("a.txt", &be, Encoding::Auto).unwrap().text, t);
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(t.as_bytes());
        assert_eq!(open("a.txt", &bom8, Encoding::Auto).unwrap().text, t, "the BOM is not part of the text");
    }

    #[test]
    fn refusals_say_what_the_file_is() {
        assert_eq!(open("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], Encoding::Auto).unwrap_err(), OpenError::LegacyOffice);
        assert_eq!(open("a.pdf", b"%PDF-1.7\n%\xE2\xE3", Encoding::Auto).unwrap_err(), OpenError::Pdf);
        assert_eq!(open("a.rtf", b"{\\rtf1\\ansi", Encoding::Auto).unwrap_err(), OpenError::Rtf);
        assert_eq!(open("a.bin", &[1, 0, 2, 0, 0xFF, 0xFE, 0x80], Encoding::Auto).unwrap_err(), OpenError::Binary);
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8 | 0x80).collect();
        assert_eq!(open("x.txt", &noise, Encoding::Auto).unwrap_err(), OpenError::Binary, "random high bytes are not GB18030 text");
        assert!(matches!(open("a.docx", b"not a zip at all", Encoding::Auto).unwrap_err(), OpenError::Docx(_)));
        let msg = OpenError::LegacyOffice.to_string();
        assert!(msg.contains("另存为 .docx"), "{msg}");
    }

    #[test]
    fn docx_is_read() {
        let body = "<w:p><w:r><w:t>一、主要工作</w:t></w:r></w:p><w:p><w:r><w:t>召开会议12次。</w:t></w:r></w:p>";
        let bytes = crate::docx::tests::make_docx(body, None);
        let o = open("报告.docx", &bytes, Encoding::Auto).unwrap();
        assert_eq!((o.text.as_str(), o.format), ("一、主要工作\n召开会议12次。\n", "docx"));
    }

    #[test]
    fn too_large_is_refused_before_reading() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(open("big.txt", &big, Encoding::Auto).unwrap_err(), OpenError::TooLarge(MAX_BYTES + 1));
    }
}
