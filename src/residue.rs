//! Template and copy-paste residue: placeholders, document-site markers, duplicated sentences.

use crate::normalise::Doc;
use crate::rules::Findings;

pub fn check(_doc: &Doc, _findings: &mut Findings) {}
