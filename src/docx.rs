//! `.docx` to plain text: the paragraphs of `word/document.xml` in order, one per line, with the list
//! numbers Word generates (一、 （一） 1.) written out — they are not in the XML text, and without them
//! a report's outline would vanish.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Limits against hostile archives: the XML parts we read may not inflate beyond this.
const MAX_PART: u64 = 64 * 1024 * 1024;

#[derive(Debug, PartialEq)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    NotZip(String),
    /// A zip without `word/document.xml` (an .xlsx, .pptx, or another archive).
    NotWord,
    /// A part would inflate beyond `MAX_PART` (a zip bomb, or an absurd document).
    TooLarge,
    /// The archive is encrypted.
    Encrypted,
    /// The XML could not be read.
    BadXml(String),
}

/// One numbering level of `word/numbering.xml`.
#[derive(Clone, Debug)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// `w:num` id → its levels (resolved through `w:abstractNum`).
type Numbering = HashMap<String, Vec<Level>>;

pub fn to_text(bytes: &[u8]) -> Result<String, DocxError> {
    let zip = rawzip::ZipArchive::from_slice(bytes).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let document = read_part(&zip, "word/document.xml")?.ok_or(DocxError::NotWord)?;
    let numbering = match read_part(&zip, "word/numbering.xml")? {
        Some(xml) => parse_numbering(&xml)?,
        None => Numbering::new(),
    };
    paragraphs(&document, &numbering)
}

/// One part of the archive, inflated with a hard limit (the sizes in the headers can lie).
fn read_part(zip: &rawzip::ZipSliceArchive<&[u8]>, name: &str) -> Result<Option<String>, DocxError> {
    let bad = |e: rawzip::Error| DocxError::NotZip(e.to_string());
    let mut entries = zip.entries();
    let header = loop {
        match entries.next_entry().map_err(bad)? {
            Some(h) if h.file_path().as_ref() == name.as_bytes() => break h,
            Some(_) => continue,
            None => return Ok(None),
        }
    };
    if header.flags().is_encrypted() {
        return Err(DocxError::Encrypted);
    }
    let entry = zip.get_entry(header.wayfinder()).map_err(bad)?;
    let raw = match header.compression_method() {
        rawzip::CompressionMethod::STORE if entry.data().len() as u64 > MAX_PART => return Err(DocxError::TooLarge),
        rawzip::CompressionMethod::STORE => entry.data().to_vec(),
        rawzip::CompressionMethod::DEFLATE => match miniz_oxide::inflate::decompress_to_vec_with_limit(entry.data(), MAX_PART as usize) {
            Ok(v) => v,
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => return Err(DocxError::TooLarge),
            Err(e) => return Err(DocxError::NotZip(format!("{name}: {:?}", e.status))),
        },
        other => return Err(DocxError::NotZip(format!("{name}: compression method {} is not supported", other.as_u16()))),
    };
    String::from_utf8(raw).map(Some).map_err(|_| DocxError::BadXml(format!("{name} is not UTF-8")))
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == local).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn parse_numbering(xml: &str) -> Result<Numbering, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let (mut cur_abs, mut cur_num): (Option<String>, Option<String>) = (None, None);
    let mut level: Option<(usize, Level)> = None;
    loop {
        let ev = reader.read_event().map_err(|e| DocxError::BadXml(e.to_string()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => match local(e).as_str() {
                "abstractNum" => cur_abs = attr(e, "abstractNumId"),
                "lvl" => {
                    let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0usize);
                    level = Some((ilvl, Level { fmt: "decimal".into(), text: String::new(), start: 1 }));
                }
                "start" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                        l.start = v.parse().unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                        l.fmt = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(e, "val")) {
                        l.text = v;
                    }
                }
                "num" => cur_num = attr(e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(v)) = (cur_num.clone(), attr(e, "val")) {
                        nums.push((n, v));
                    }
                }
                _ => {}
            },
            Event::End(ref e) => match e.local_name().as_ref() {
                "lvl" => {
                    if let (Some(a), Some((i, l))) = (cur_abs.as_ref(), level.take()) {
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= i && i < 9 {
                            levels.resize(i + 1, Level { fmt: "decimal".into(), text: String::new(), start: 1 });
                        }
                        if i < levels.len() {
                            levels[i] = l;
                        }
                    }
                }
                "abstractNum" => cur_abs = None,
                "num" => cur_num = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(nums.into_iter().filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone()))).collect())
}

/// Formats one counter value as Word's `numFmt` does, for the formats reports use.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting" | "chineseCountingThousand" | "chineseLegalSimplified" | "ideographTraditional" | "taiwaneseCounting" => {
            chinese(n)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "upperRoman" => roman(n),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五: Word's chineseCounting.
fn chinese(n: u32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        return format!("十{}", if n == 10 { String::new() } else { D[(n % 10) as usize].to_string() });
    }
    if n < 100 {
        let ones = if n % 10 == 0 { String::new() } else { D[(n % 10) as usize].to_string() };
        return format!("{}十{ones}", D[(n / 10) as usize]);
    }
    if n < 1000 {
        let rest = n % 100;
        let tail = match rest {
            0 => String::new(),
            1..=9 => format!("零{}", D[rest as usize]),
            10..=19 => format!("一{}", chinese(rest)),
            _ => chinese(rest),
        };
        return format!("{}百{tail}", D[(n / 100) as usize]);
    }
    n.to_string()
}

fn letters(n: u32, base: u8) -> String {
    let c = (base + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Walks the body: paragraphs become lines; numbered paragraphs get their generated label.
fn paragraphs(xml: &str, numbering: &Numbering) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut para = String::new();
    let mut in_text = false;
    let (mut num_id, mut ilvl): (Option<String>, usize) = (None, 0);
    let mut counters: HashMap<String, [u32; 9]> = HashMap::new();
    let mut skip_depth = 0usize; // inside deleted text, field instructions
    loop {
        let ev = reader.read_event().map_err(|e| DocxError::BadXml(e.to_string()))?;
        match ev {
            Event::Start(ref e) => match local(e).as_str() {
                "p" => {
                    para.clear();
                    num_id = None;
                    ilvl = 0;
                }
                "t" => in_text = true,
                "del" | "instrText" | "delText" => skip_depth += 1,
                _ => {}
            },
            Event::Empty(ref e) => match local(e).as_str() {
                "numId" => num_id = attr(e, "val").filter(|v| v != "0"),
                "ilvl" => ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
                "tab" if skip_depth == 0 => para.push('\t'),
                "br" | "cr" if skip_depth == 0 => para.push('\n'),
                _ => {}
            },
            Event::Text(ref e) if in_text && skip_depth == 0 => para.push_str(&e.xml10_content()),
            Event::GeneralRef(ref r) if in_text && skip_depth == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.push(c);
                } else {
                    para.push_str(match r.as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::CData(ref e) if in_text && skip_depth == 0 => para.push_str(&e.xml10_content()),
            Event::End(ref e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" | "instrText" | "delText" => skip_depth = skip_depth.saturating_sub(1),
                "p" => {
                    if let Some(label) = num_id.as_ref().and_then(|id| label(numbering, &mut counters, id, ilvl)) {
                        out.push_str(&label);
                    }
                    out.push_str(&para);
                    out.push('\n');
                    para.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The generated label of a numbered paragraph, advancing its counters (deeper levels restart).
fn label(numbering: &Numbering, counters: &mut HashMap<String, [u32; 9]>, id: &str, ilvl: usize) -> Option<String> {
    let levels = numbering.get(id)?;
    let lvl = levels.get(ilvl)?;
    let c = counters.entry(id.to_string()).or_insert([0; 9]);
    c[ilvl] = if c[ilvl] == 0 { lvl.start } else { c[ilvl] + 1 };
    for deeper in c.iter_mut().skip(ilvl + 1) {
        *deeper = 0;
    }
    if lvl.fmt == "bullet" || lvl.fmt == "none" {
        return None;
    }
    let mut s = lvl.text.clone();
    for k in (0..=ilvl).rev() {
        let v = if c[k] == 0 { levels.get(k).map_or(1, |l| l.start) } else { c[k] };
        let f = levels.get(k).map_or("decimal", |l| l.fmt.as_str());
        s = s.replace(&format!("%{}", k + 1), &format_number(v, f));
    }
    Some(s)
}

#[cfg(test)]
#[path = "../tests/support/zip.rs"]
mod test_zip;

#[cfg(test)]
pub(crate) mod tests {
    use super::test_zip::zip_of;
    use super::*;

    /// A minimal .docx with the given document.xml body and numbering.xml (tests build their files).
    pub fn make_docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut parts = vec![
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_string()),
            ("word/document.xml", doc),
        ];
        if let Some(n) = numbering {
            parts.push(("word/numbering.xml", format!(r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{n}</w:numbering>"#)));
        }
        zip_of(&parts)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn numbered(text: &str, ilvl: u32) -> String {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

    #[test]
    fn paragraphs_in_order_with_entities_tabs_and_breaks() {
        let body = format!("{}{}<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙&amp;&#20013;</w:t><w:br/><w:t>丙</w:t></w:r></w:p>", p("标题"), p("正文12次。"));
        let text = to_text(&make_docx(&body, None)).unwrap();
        assert_eq!(text, "标题\n正文12次。\n甲\t乙&中\n丙\n");
    }

    #[test]
    fn word_numbering_is_written_out() {
        let body = [numbered("主要工作", 0), numbered("抓项目", 1), numbered("细则", 2), numbered("抓环境", 1), numbered("存在问题", 0), numbered("短板", 1)].concat();
        let text = to_text(&make_docx(&body, Some(NUMBERING))).unwrap();
        assert_eq!(text, "一、主要工作\n（一）抓项目\n1.细则\n（二）抓环境\n二、存在问题\n（一）短板\n");
    }

    #[test]
    fn deleted_text_and_field_codes_are_skipped() {
        let body = "<w:p><w:r><w:t>留下</w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>";
        assert_eq!(to_text(&make_docx(body, None)).unwrap(), "留下\n");
    }

    #[test]
    fn not_a_word_file() {
        let xlsx = zip_of(&[("xl/workbook.xml", "<x/>".to_string())]);
        assert_eq!(to_text(&xlsx), Err(DocxError::NotWord));
        assert!(matches!(to_text(b"PK\x03\x04garbage"), Err(DocxError::NotZip(_))));
    }

    #[test]
    fn zip_bomb_is_refused() {
        // 80 MB of one repeated paragraph compresses to well under a megabyte.
        let body = p("重复").repeat(80 * 1024 * 1024 / 40);
        let bytes = make_docx(&body, None);
        assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
        assert_eq!(to_text(&bytes), Err(DocxError::TooLarge));
    }

    #[test]
    fn chinese_counting_formats() {
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(20, "chineseCounting"), "二十");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(110, "chineseCounting"), "一百一十");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }
}
