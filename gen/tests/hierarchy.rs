//! Public bases in the generator (tests/fixtures/include/hierarchy.h; tests/e2e calls them):
//! what is inherited, what private bases keep hidden, what is ambiguous.

mod common;

use relocxx_gen::{generate, Options};

#[test]
fn private_bases_stay_hidden_and_ambiguous_names_are_skipped() {
    let dir = common::scratch("hierarchy-gen");
    let header = dir.join("amb.h");
    std::fs::write(
        &header,
        "namespace a {\n\
         struct L { int f() const { return 1; } int only_l() const { return 2; } };\n\
         struct R { int f() const { return 3; } };\n\
         struct Both : L, R {};\n\
         struct V { int v() const { return 4; } };\n\
         struct P : private V { int p() const { return v(); } };\n\
         }\n",
    )
    .unwrap();
    let g = generate(&Options {
        name: "amb".into(),
        headers: vec![header],
        ..Options::default()
    })
    .expect("generate");
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("`a::Both::f`") && s.contains("ambiguous")),
        "{skipped:#?}"
    );
    assert!(g
        .files
        .rs
        .contains("impl ::core::convert::AsRef<super::a::L> for Both"));
    assert!(
        !g.files.rs.contains("AsRef<super::a::V> for P"),
        "private base"
    );
    // `only_l` is inherited, `f` is not, and P gets nothing from its private base.
    let both = &g.files.rs[g.files.rs.find("impl Both").unwrap()..];
    let both = &both[..both.find("\n    }").unwrap()];
    assert!(both.contains("pub fn only_l("), "{both}");
    assert!(!both.contains("pub fn f("), "{both}");
    let p = &g.files.rs[g.files.rs.find("impl P {").unwrap()..];
    let p = &p[..p.find("\n    }").unwrap()];
    assert!(!p.contains("pub fn v("), "{p}");
}
