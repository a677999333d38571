//! Checks on the figures: unit outliers, double approximations, mixed styles, impossible shares.

use crate::normalise::Doc;
use crate::report::Figure;
use crate::rules::Findings;

pub fn check(_doc: &Doc, _figures: &[Figure], _findings: &mut Findings) {}
