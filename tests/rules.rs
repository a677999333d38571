//! Each rule's documented example (rules.rs, shown in the README and the page) is also its test:
//! analysing it must yield a finding of that rule.

use reportlens::{analyze, rules::RULES};

#[test]
fn every_rule_fires_on_its_own_example() {
    let mut missing = Vec::new();
    for rule in RULES {
        let report = analyze(rule.example);
        let hit = report.findings.iter().find(|f| f.rule == rule.id);
        match hit {
            Some(f) => {
                assert_eq!(f.severity, rule.severity, "{}", rule.id);
                assert!(!f.message.is_empty(), "{} has an empty message", rule.id);
                assert!(f.end <= report.doc.chars, "{} spans past the end", rule.id);
            }
            None => missing.push(rule.id),
        }
    }
    assert!(missing.is_empty(), "rules that do not fire on their example: {missing:?}");
}

#[test]
fn the_registry_documents_every_rule() {
    for rule in RULES {
        assert!(!rule.title.is_empty() && !rule.what.is_empty() && !rule.why.is_empty(), "{}", rule.id);
    }
}
