//! Every rule, in one table: id, severity, and its documentation in three parts (作用 / 为什么 / 示例).
//!
//! The README's rule list, the CLI's `--rules` and the page's tooltips are all generated from
//! [`RULES`]; each rule's `example` is also its test case (`tests/rules.rs` checks that analysing the
//! example yields a finding of that rule).

use std::borrow::Cow;

use crate::report::{Finding, Severity};

#[derive(Debug)]
pub struct Rule {
    /// Stable id, `area.name`.
    pub id: &'static str,
    pub severity: Severity,
    /// Short Chinese name for lists and legends.
    pub title: &'static str,
    /// 作用: what it finds.
    pub what: &'static str,
    /// 为什么: why a reviewer cares.
    pub why: &'static str,
    /// 示例: a minimal text on which the rule fires.
    pub example: &'static str,
}

impl Rule {
    /// The part of the id before the dot: figure, slogan, outline, enum, gap, residue.
    pub fn area(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }
}

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident, $title:literal, $what:literal, $why:literal, $ex:literal;)*) => {
        $(pub static $name: Rule = Rule {
            id: $id, severity: Severity::$sev, title: $title, what: $what, why: $why, example: $ex,
        };)*
        /// All rules, grouped by area.
        pub static RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    FIGURE_UNIT_OUTLIER = "figure.unit-outlier", Error, "数额量级异常",
        "一笔金额或数量与前后同类、同单位的数字（人均、每…、标准、单价类除外）相差三个数量级以上，而写出的数字本身与它们相当、只是量级用字（亿、万）不同——像漏写或多写了“亿”“万”。",
        "“拨付运转资金260元”夹在一串以亿元计的数字中间，多半是漏写了“亿”或“万”。",
        "全县一般公共预算收入完成18.6亿元，争取上级补助资金9.2亿元，拨付乡镇运转保障资金260元。";
    FIGURE_DOUBLE_APPROX = "figure.double-approx", Warning, "重复约数",
        "一个数字上同时用了两个表示约数的词（超过…余、约…左右、近…多）。",
        "GB/T 15835-2011：约数词只用一个；“超过5余次”语义重复，属常见语病。",
        "全年开展专项督查超过5余次。";
    FIGURE_PERCENT_STYLE_MIXED = "figure.percent-style-mixed", Info, "百分号混用",
        "同一文档中半角 % 与全角 ％ 混用。",
        "同类符号应全文统一，混用往往是多人拼稿、复制粘贴留下的痕迹。",
        "支出进度达到50%，项目完成率达到90％。";
    FIGURE_NUMERAL_STYLE_MIXED = "figure.numeral-style-mixed", Info, "数字写法混用",
        "同一类计数（如“次”）在文中既用阿拉伯数字又用汉字数字（12次与十二次），标出用得较少的一种。“一次”“一项”等习惯用法和“三五次”“十几次”等约数不算。",
        "GB/T 15835-2011：计量和计数用阿拉伯数字，同类数字全文写法应一致。",
        "召开专题会议12次，开展督查检查十二次。";
    FIGURE_SHARE_OVER_100 = "figure.share-over-100", Error, "占比超过100%",
        "“占比”“比重”“占…的”“覆盖率”“合格率”“满意度”“入学率”之类部分占整体的比例写成了超过100%。完成率、执行率、增长、增速、同比不在此列：超额完成和成倍增长都可以超过100%。",
        "部分不会大于整体，多半是数字写错，或把增幅、完成率写成了占比。",
        "民生支出占比达到120%。";
    FIGURE_ROUND_PLACEHOLDER = "figure.round-placeholder", Info, "整数过多",
        "全文计量数字中按写法是10的整倍数的（20份、50亿元；3.5万、八成不算）比例异常高（至少10个数字中七成以上），全文提示一次。",
        "真实统计很少全是整十整百；大量整数常是模板里没有替换的示意数字，请逐一核实。",
        "开展培训10次，覆盖干部200人，走访企业30家，解决问题40个，督查20次，通报10期，签订承诺书50份，整改问题60项，新建项目10个，投入资金100万元。";
    SLOGAN_EXPANSION_MISMATCH = "slogan.expansion-mismatch", Error, "提法表述不规范",
        "展开列举的编号提法（四个自信、政治三力等）条目缺失、多出、错字或顺序与规范表述不一致。",
        "规范提法的条目和顺序是固定的，写错属于政治性差错，审核时必须纠正。",
        "坚定“四个自信”，即道路自信、理论自信、制度自信。";
    SLOGAN_DENSITY = "slogan.density", Info, "套话密度高",
        "某一节（无标题时为某一段）中提法、排比和修饰性套话覆盖的字数超过四成。",
        "这一节主要由固定表述组成，缺少具体做法和数据，读者难以判断实际工作。",
        "切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，不断提高政治判断力、政治领悟力、政治执行力。";
    OUTLINE_NUMBER_GAP = "outline.number-gap", Error, "标题序号跳号",
        "同一级标题序号不连续（一、二、四、缺三）。",
        "跳号说明删改时漏了一节或序号没有重排。",
        "一、主要工作\n做了大量工作。\n二、存在问题\n仍有不足。\n四、下一步打算\n继续努力。";
    ENUM_NUMBER_GAP = "enum.number-gap", Error, "列举序号跳号",
        "段内“一是、二是……”或“首先、其次……”的序号不连续。",
        "跳号说明删改时漏了一项或序号没有重排。",
        "一是加强理论学习；二是完善工作制度；四是强化监督检查。";
    OUTLINE_NUMBER_DUPLICATE = "outline.number-duplicate", Error, "标题序号重复",
        "同一级标题出现重复序号（二、之后又是二、）。",
        "重复序号说明调整结构后没有重排。",
        "一、主要工作\n做了大量工作。\n二、存在问题\n仍有不足。\n二、下一步打算\n继续努力。";
    OUTLINE_LEVEL_SKIP = "outline.level-skip", Warning, "标题层级跳级",
        "下级标题跳过了中间层级（“一、”之下直接出现“1.”），或在全文已有“一、”时“（一）”出现在任何“一、”之前。",
        "GB/T 9704-2012 规定结构层次依次为“一、”“（一）”“1.”“（1）”。",
        "一、主要工作\n1.加强理论学习。认真学习。\n2.完善工作制度。逐步完善。";
    OUTLINE_STYLE_MIXED = "outline.style-mixed", Info, "同级序号格式混用",
        "同一层级混用不同写法（“1.”与“1、”，“（一）”与“(一)”）。",
        "同级标题格式应一致，混用常是拼接多份材料留下的痕迹。",
        "1.加强理论学习\n认真学习。\n2、完善工作制度\n逐步完善。";
    OUTLINE_EMPTY_SECTION = "outline.empty-section", Warning, "空节",
        "标题之后没有任何正文或下级标题就进入了同级或上级的下一个标题。",
        "空节往往是提纲写好后忘了填内容。",
        "一、主要工作\n二、存在问题\n工作中仍有不足。";
    GAP_MISSING_SECTION = "gap.missing-section", Warning, "缺少应有部分",
        "按文种（述职述廉述责报告、工作总结、对照检查材料等）应有的部分没有出现。",
        "缺少“述廉”“存在问题”“下一步打算”等部分的报告不完整，审阅时需要退回补充。",
        "2024年度述职述廉报告\n一、履职情况\n全年召开会议12次。\n二、存在的问题\n学习不够深入。";
    GAP_UNADDRESSED_PROBLEM = "gap.unaddressed-problem", Warning, "问题无对应措施",
        "“存在问题”部分列出的某个问题，在“下一步打算/整改措施”部分找不到对应的举措。",
        "查摆出的问题应当逐项有整改措施，否则问题清单只是摆设。",
        "一、存在的问题\n一是招商引资工作相对滞后；二是信访维稳压力较大。\n二、下一步打算\n一是加大招商引资力度，全年引进项目10个。";
    GAP_MEASURE_OFF_TOPIC = "gap.measure-off-topic", Info, "措施与正文无关",
        "“下一步打算”中的某项措施的关键词在报告其他部分从未出现。",
        "与本单位工作无关的措施，常是从别的报告里照搬来的。",
        "一、主要工作\n全年组织财政收入50亿元，压减一般性支出10%。\n二、存在的问题\n财政收支矛盾突出。\n三、下一步打算\n一是强化财政收支管理；二是大力发展设施农业和乡村旅游。";
    GAP_NO_FIGURES = "gap.no-figures", Info, "整节无数据",
        "篇幅不短（150字以上）的一级或二级标题节中没有一个计量数字。",
        "通篇只有定性表述、没有数据支撑的部分，难以判断工作实绩。",
        "一、主要工作\n坚持以党的创新理论武装头脑，认真落实各项决策部署，持续加强班子自身建设，推动各项工作取得积极成效。坚持把学习贯彻党的创新理论作为首要政治任务，健全完善学习制度，丰富学习形式，推动理论学习走深走实。坚持民主集中制原则，重大事项集体研究决定，班子团结协作、运转高效。坚持把纪律和规矩挺在前面，持续加强作风建设，营造风清气正的良好氛围。\n二、存在的问题\n学习不够深入。";
    GAP_UNSUPPORTED_CLAIM = "gap.unsupported-claim", Info, "成效无数据支撑",
        "声称成效（成效显著、明显提升、圆满完成、大幅增长等）的段落里没有任何计量数字。",
        "只说成效不给数字，读者无法核实；请补充可核查的数据或删去断言。",
        "经过努力，各项工作成效显著，群众满意度明显提升。";
    RESIDUE_PLACEHOLDER = "residue.placeholder", Error, "模板占位符",
        "没有替换的占位符：XX、××、○○、某某，或夹在汉字间代替名字的单个拉丁字母（A新时代、A总书记）。",
        "占位符说明文稿从模板改来而没有改完，正式报送前必须补全。",
        "深入学习XX同志在调研时的重要讲话精神，用A新时代中国特色社会主义思想武装头脑。";
    RESIDUE_PAYWALL_MARKER = "residue.paywall-marker", Error, "网站残留标记",
        "从文档网站复制时带入的标记或声明：##paidbegin##、##paidend##、“下载后可编辑”“本文档由…提供”“仅供参考”等。",
        "这类残留一眼就能看出文稿来自网络下载，正式材料中必须删除。",
        "##paidbegin##二、主要工作\n全年召开会议12次。\n##paidend##";
    RESIDUE_DUPLICATE_SENTENCE = "residue.duplicate-sentence", Warning, "重复句子",
        "同一个较长的句子在文中出现了两次以上（逐句重复的整段只报一处，范围覆盖整段）。",
        "整句重复多是复制粘贴时没有删净，或不同段落互相抄写。",
        "坚持把纪律和规矩挺在前面，持续加强作风建设。全年召开会议12次。坚持把纪律和规矩挺在前面，持续加强作风建设。";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// The rule list in Markdown, one block per rule (the README embeds it; `tests/readme.rs` keeps the
/// two equal, so the README is generated from this registry).
pub fn markdown() -> String {
    let mut out = String::new();
    for r in RULES {
        out.push_str(&format!("#### `{}` — {} ({})\n", r.id, r.title, r.severity.as_str()));
        out.push_str(&format!("- 作用：{}\n- 为什么：{}\n", r.what, r.why));
        out.push_str("- 示例：\n\n  ```text\n");
        for line in r.example.lines() {
            out.push_str(&format!("  {line}\n"));
        }
        out.push_str("  ```\n\n");
    }
    out
}

/// Where detectors and checks put their findings: the severity always comes from the registry, so a
/// rule cannot be reported at two severities.
#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    pub fn new() -> Findings {
        Findings(Vec::new())
    }

    pub fn add(&mut self, rule: &Rule, start: usize, end: usize, message: impl Into<String>) {
        self.0.push(Finding {
            rule: Cow::Borrowed(rule.id),
            severity: rule.severity,
            start,
            end: end.max(start),
            message: message.into(),
        });
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Moves `other`'s findings after these.
    pub fn append(&mut self, mut other: Findings) {
        self.0.append(&mut other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter()
    }

    /// Sorted by position, then rule id, duplicates (same rule, same span) dropped.
    pub fn into_sorted(mut self) -> Vec<Finding> {
        crate::order::by(&mut self.0, |a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        self.0.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule == b.rule);
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            let (area, name) = id.split_once('.').expect("area.name");
            assert!(!area.is_empty() && !name.is_empty(), "{id}");
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '-' || c.is_ascii_digit()), "{id}");
        }
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule id");
    }

    #[test]
    fn severity_comes_from_the_registry() {
        let mut f = Findings::new();
        f.add(&RESIDUE_PLACEHOLDER, 3, 1, "x");
        let v = f.into_sorted();
        assert_eq!(v[0].severity, Severity::Error);
        assert_eq!((v[0].start, v[0].end), (3, 3), "end never before start");
    }

    #[test]
    fn findings_sort_by_position_and_drop_exact_duplicates() {
        let mut f = Findings::new();
        f.add(&GAP_NO_FIGURES, 9, 12, "b");
        f.add(&RESIDUE_PLACEHOLDER, 2, 4, "a");
        f.add(&RESIDUE_PLACEHOLDER, 2, 4, "a again");
        let v = f.into_sorted();
        assert_eq!(v.iter().map(|f| f.start).collect::<Vec<_>>(), [2, 9]);
    }
}
