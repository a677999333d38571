//! Writing zip archives for tests: the .docx files the docx reader's unit tests and the browser
//! test's file inputs are made of. Shared by path (`#[path]`), so it is written once.

use std::io::Write;

/// A zip archive of deflated parts, as Word writes them.
pub fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut archive = rawzip::ZipArchiveWriter::new(&mut out);
    for (name, content) in parts {
        let (mut entry, config) = archive.new_file(name).compression_method(rawzip::CompressionMethod::DEFLATE).start().unwrap();
        let encoder = flate2::write::DeflateEncoder::new(&mut entry, flate2::Compression::default());
        let mut writer = config.wrap(encoder);
        writer.write_all(content.as_bytes()).unwrap();
        let (encoder, descriptor) = writer.finish().unwrap();
        encoder.finish().unwrap();
        entry.finish(descriptor).unwrap();
    }
    archive.finish().unwrap();
    out
}
