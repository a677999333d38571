//! The outline: headings (一、（一）1.（1）第一部分) and inline enumerations (一是, 首先).

use crate::normalise::Doc;
use crate::report::Heading;

pub fn detect(_doc: &Doc) -> Vec<Heading> {
    Vec::new()
}
