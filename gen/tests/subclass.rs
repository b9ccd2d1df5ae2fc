//! `subclass!` in the generator: which virtuals a Rust type implements (own and inherited,
//! final overriders only, protected and private pure ones included), which it cannot, and which
//! classes are refused with the reason. tests/e2e/tests/subclass.rs calls the generated code.

mod common;

use relocxx_gen::{generate, Generated, Options};

fn gen(name: &str, src: &str, subclass: &[&str]) -> Generated {
    let dir = common::scratch(&format!("subclass-{name}"));
    let header = dir.join(format!("{name}.h"));
    std::fs::write(&header, src).unwrap();
    generate(&Options {
        name: name.into(),
        headers: vec![header],
        subclass: subclass.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    })
    .expect("generate")
}

/// The trait's method list, in order (`fn name(`).
fn trait_methods(rs: &str, trait_name: &str) -> Vec<String> {
    let start = rs
        .find(&format!(" trait {trait_name}"))
        .unwrap_or_else(|| panic!("no trait {trait_name} in\n{rs}"));
    let body = &rs[start..];
    let body = &body[..body.find("\n    }\n").unwrap()];
    body.lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("fn ")
                .or_else(|| l.strip_prefix("unsafe fn "))
        })
        .map(|l| l[..l.find('(').unwrap()].to_string())
        .collect()
}

#[test]
fn virtual_set_is_the_final_overriders_of_the_whole_hierarchy() {
    const CHAIN: &str = "#include <string>\n\
         namespace n {\n\
         struct Base { virtual ~Base(); virtual int a() const = 0; virtual void b(int) {}\n\
                       virtual void b(double) {} virtual void sealed() final {} };\n\
         class Mid : public Base { public: void b(int) override {}\n\
           protected: virtual void hook() {}\n\
           private: virtual int secret() = 0; virtual void hidden() {} };\n\
         }\n";
    let g = gen("chain", CHAIN, &["n::Mid"]);
    assert_eq!(
        trait_methods(&g.files.rs, "MidMethods"),
        [
            "b_int",
            "b_int_base",
            "hook",
            "hook_base",
            "secret",
            "a",
            "b_double",
            "b_double_base"
        ]
    );
    // The default of `b(int)` is Mid's own implementation, `b(double)` Base's.
    assert!(g.files.cc.contains("this->::n::Mid::b("), "{}", g.files.cc);
    assert!(g.files.cc.contains("this->::n::Base::b("), "{}", g.files.cc);
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    let has = |name: &str, why: &str| skipped.iter().any(|s| s.contains(name) && s.contains(why));
    assert!(has("sealed()", "`final`"), "{skipped:#?}");
    assert!(has("hidden()", "private"), "{skipped:#?}");
    // Same input, same output.
    let again = gen("chain", CHAIN, &["n::Mid"]);
    assert_eq!(g.files.rs, again.files.rs);
    assert_eq!(g.files.cc, again.files.cc);
}

#[test]
fn classes_no_rust_type_could_implement_are_refused_with_the_reason() {
    let g = gen(
        "refused",
        "#include <map>\n\
         namespace r {\n\
         struct Plain { int f() const; };\n\
         struct Hidden { virtual void f() = 0; protected: ~Hidden(); };\n\
         struct MapTaker { virtual ~MapTaker(); virtual void f(std::map<int, int> m) = 0; };\n\
         struct NoCtor { NoCtor(const NoCtor&); virtual ~NoCtor(); virtual void f() = 0; };\n\
         struct Ok { virtual ~Ok(); virtual void f(std::map<int, int> m) {} virtual void g() = 0; };\n\
         }\n",
        &[
            "r::Plain",
            "r::Hidden",
            "r::MapTaker",
            "r::NoCtor",
            "::r::Ok",
            "r::Missing",
        ],
    );
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    let refused = |class: &str, why: &str| {
        assert!(
            skipped
                .iter()
                .any(|s| s.contains(&format!("subclass!(\"{class}\")")) && s.contains(why)),
            "{class}: {why}\n{skipped:#?}"
        )
    };
    refused("r::Plain", "no virtual functions");
    refused("r::Hidden", "destructor is not public and virtual");
    refused("r::MapTaker", "pure virtual `f(std::map<int, int>)`");
    refused("r::NoCtor", "no public or protected constructor");
    refused("r::Missing", "no class of that name");
    // A non-pure virtual that cannot cross keeps its C++ implementation; the rest is bound.
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("r::Ok::f(") && s.contains("the C++ implementation stays")),
        "{skipped:#?}"
    );
    assert_eq!(trait_methods(&g.files.rs, "OkMethods"), ["g"]);
    for t in [
        "PlainMethods",
        "HiddenMethods",
        "MapTakerMethods",
        "NoCtorMethods",
    ] {
        assert!(!g.files.rs.contains(t), "{t}");
    }
}

#[test]
fn overriders_match_by_canonical_types_and_unreproducible_virtuals_keep_cpp() {
    const SRC: &str = "#include <string>\n\
         namespace o {\n\
         using Int = int;\n\
         struct P { int v; };\n\
         struct Hidden { virtual ~Hidden(); virtual int secret() { return 1; } };\n\
         struct Base { virtual ~Base(); virtual void f(Int) = 0; virtual Base* clone() const = 0; };\n\
         struct Iface : Base, private Hidden {\n\
           void f(int) override;\n\
           Iface* clone() const override;\n\
           virtual void lvalue_only() & {}\n\
           virtual const int konst() { return 1; }\n\
           virtual void sealed(P p = {}) final {}\n\
         };\n\
         void takes(void (*f)(std::string));\n\
         void takes_c(void (*f)(int, P));\n\
         }\n";
    let g = gen("overrides", SRC, &["o::Iface"]);
    // One `f` (Base's `f(Int)` is overridden by `f(int)`), one covariant `clone`.
    assert_eq!(
        trait_methods(&g.files.rs, "IfaceMethods"),
        ["f", "f_base", "clone", "clone_base"]
    );
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    let has = |name: &str, why: &str| skipped.iter().any(|s| s.contains(name) && s.contains(why));
    assert!(has("lvalue_only()", "`&`/`&&`-qualified"), "{skipped:#?}");
    assert!(
        has("konst()", "result type is cv-qualified"),
        "{skipped:#?}"
    );
    assert!(has("sealed(", "`final`"), "{skipped:#?}");
    assert!(
        has("secret()", "declared in a private base"),
        "{skipped:#?}"
    );
    // A function pointer type passing std::string by value has no C ABI in Rust; plain data has.
    assert!(
        has("o::takes", "passes std::string by value"),
        "{skipped:#?}"
    );
    assert!(
        g.files.rs.contains("pub unsafe fn takes_c("),
        "{}",
        g.files.rs
    );
}
