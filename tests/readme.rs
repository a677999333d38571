//! The README's rule list is generated from the registry: this test fails when they drift apart, and
//! `BLESS=1 cargo test --test readme` rewrites the README's section from the registry.

#[test]
fn readme_rule_list_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("<!-- rules:begin -->\n", "<!-- rules:end -->");
    let a = readme.find(begin).expect("README has a rules:begin marker") + begin.len();
    let b = readme.find(end).expect("README has a rules:end marker");
    let want = reportlens::rules::markdown();
    if readme[a..b] != want {
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(path, format!("{}{}{}", &readme[..a], want, &readme[b..])).unwrap();
            return;
        }
        panic!("README's rule list differs from src/rules.rs; run `BLESS=1 cargo test --test readme`");
    }
}
