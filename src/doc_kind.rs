//! The document's title and kind.

use crate::normalise::Doc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    ShuZhiShuLianShuZe,
    ShuZhi,
    ShuLian,
    WorkSummary,
    GovernmentWork,
    SelfExamination,
    Other,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::ShuZhiShuLianShuZe => "述职述廉述责报告",
            DocKind::ShuZhi => "述职报告",
            DocKind::ShuLian => "述廉报告",
            DocKind::WorkSummary => "工作总结",
            DocKind::GovernmentWork => "政府工作报告",
            DocKind::SelfExamination => "对照检查材料",
            DocKind::Other => "其他",
        }
    }
}

pub fn detect(_doc: &Doc) -> (String, DocKind) {
    (String::new(), DocKind::Other)
}
