//! Checks on the outline: numbering gaps and duplicates, skipped levels, mixed styles, empty sections.

use crate::normalise::Doc;
use crate::report::Heading;
use crate::rules::Findings;

pub fn check(_doc: &Doc, _outline: &[Heading], _findings: &mut Findings) {}
