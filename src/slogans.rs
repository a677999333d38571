//! Slogans: formulations (提法), quoted formulas, 排比 lists and filler.

use crate::normalise::Doc;
use crate::report::Slogan;

pub fn detect(_doc: &Doc) -> Vec<Slogan> {
    Vec::new()
}
