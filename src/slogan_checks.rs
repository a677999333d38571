//! Checks on slogans: numbered formulations spelled out with the wrong items.

use crate::normalise::Doc;
use crate::report::Slogan;
use crate::rules::Findings;

pub fn check(_doc: &Doc, _slogans: &[Slogan], _findings: &mut Findings) {}
