//! The relocatability verdict of every class fixture: representation, deciding source, reason;
//! and the shim re-checks the compiler trait that decided.

mod common;

use relocxx_gen::model::{ItemKind, Record, Repr, Source, StdLib};
use relocxx_gen::{generate, Generated, Options};

fn classes() -> Generated {
    let options = Options {
        name: "classes".into(),
        headers: vec![common::fixture("include/classes.h")],
        include_dirs: vec![
            common::fixture("include"),
            common::repo_tests().join("../cpp/include"),
        ],
        relocatable: vec!["cls::OptIn".into()],
        not_relocatable: vec!["cls::OptOut".into()],
        ..Options::default()
    };
    generate(&options).expect("generate")
}

fn record<'a>(g: &'a Generated, name: &str) -> &'a Record {
    g.model
        .items
        .iter()
        .find_map(|i| match &i.kind {
            ItemKind::Record(r) if i.qualified() == name => Some(r),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name} not bound"))
}

fn verdict(g: &Generated, name: &str) -> (Repr, Source, String) {
    let v = record(g, name).verdict.clone().expect("classified");
    (v.repr, v.source, v.reason)
}

#[test]
fn every_source_decides_as_documented() {
    let g = classes();
    assert_eq!(
        g.model.env.stdlib,
        StdLib::LibStdCxx,
        "the default toolchain here uses libstdc++"
    );
    assert_eq!(verdict(&g, "cls::Counters").0, Repr::Pod);
    let (repr, source, _) = verdict(&g, "cls::Plain");
    assert_eq!((repr, source), (Repr::Relocatable, Source::Compiler));
    let (repr, source, why) = verdict(&g, "cls::Tracked");
    assert_eq!((repr, source), (Repr::Relocatable, Source::Marker));
    assert!(why.contains("RELOCXX_RELOCATABLE"), "{why}");
    let (repr, source, why) = verdict(&g, "cls::Handle");
    assert_eq!((repr, source), (Repr::Relocatable, Source::Marker));
    assert!(why.contains("trivial_abi"), "{why}");
    let (repr, source, why) = verdict(&g, "cls::Owner");
    assert_eq!((repr, source), (Repr::Relocatable, Source::Composition));
    assert!(
        why.contains("std::unique_ptr") && why.contains("std::vector"),
        "{why}"
    );
    let (repr, _, why) = verdict(&g, "cls::Named");
    assert_eq!(repr, Repr::Pinned);
    assert!(
        why.contains("member `name_` is std::basic_string, not relocatable in libstdc++"),
        "{why}"
    );
    let (repr, source, why) = verdict(&g, "cls::SelfRef");
    assert_eq!((repr, source), (Repr::Pinned, Source::Default));
    assert!(
        why.contains("user-provided copy or move constructor"),
        "{why}"
    );
    assert_eq!(verdict(&g, "cls::Shape").0, Repr::Pinned, "abstract");
    let (repr, source, why) = verdict(&g, "cls::NoMove");
    assert_eq!(
        (repr, source),
        (Repr::Pinned, Source::Compiler),
        "trivially copyable but not movable"
    );
    assert!(why.contains("not move-constructible"), "{why}");
    // clang >= 21 answers through __builtin_is_cpp_trivially_relocatable, older ones by composition.
    let (repr, source, _) = verdict(&g, "cls::Square");
    assert_eq!(repr, Repr::Relocatable, "polymorphic and final");
    assert!(matches!(source, Source::Compiler | Source::Composition));
    let (repr, _, why) = verdict(&g, "cls::Rect");
    assert_eq!(repr, Repr::Pinned, "polymorphic, may be a base subobject");
    assert!(why.contains("not `final`"), "{why}");
    assert_eq!(verdict(&g, "cls::OptIn").1, Source::User);
    assert_eq!(
        verdict(&g, "cls::OptOut"),
        (
            Repr::Pinned,
            Source::User,
            "not_relocatable: pinned by the user".into()
        )
    );
}

#[test]
fn shim_rechecks_layout_and_the_deciding_trait() {
    let g = classes();
    let cc = &g.files.cc;
    assert!(
        cc.contains("static_assert(sizeof(::cls::Owner) == 32"),
        "{cc}"
    );
    assert!(
        cc.contains("static_assert(std::is_trivially_copyable<::cls::Plain>::value"),
        "{cc}"
    );
    assert!(cc.contains("#if __has_builtin(__is_trivially_relocatable)\nstatic_assert(__is_trivially_relocatable(::cls::Handle)"), "{cc}");
    assert!(
        cc.contains("::relocxx::restart_lifetime(self)->value()"),
        "relocatable receivers restart their lifetime"
    );
    assert!(
        cc.contains("::relocxx::detail::destroy_on_exit<::cls::Tracked> g0"),
        "by-value relocatable parameters are destroyed after the call"
    );
}

#[test]
fn special_members_follow_the_compiler() {
    let g = classes();
    let rs = &g.files.rs;
    assert!(
        rs.contains("impl ::core::clone::Clone for Tracked"),
        "copy constructor -> Clone"
    );
    assert!(
        !rs.contains("impl ::core::clone::Clone for Handle"),
        "move-only: no Clone"
    );
    assert!(
        !rs.contains("impl ::core::clone::Clone for Owner"),
        "unique_ptr member: no Clone"
    );
    assert!(rs.contains("impl ::core::default::Default for Tracked"));
    assert!(rs.contains("other: &super::cls::SelfRef,\n        ) -> impl ::relocxx::Ctor<Output = super::cls::SelfRef>"), "pinned copy is an in-place Ctor");
    assert!(
        !rs.contains("impl Shape {\n        pub fn new"),
        "abstract classes are never constructed"
    );
    assert!(rs.contains("unsafe impl ::relocxx::Relocatable for Owner"));
    assert!(!rs.contains("unsafe impl ::relocxx::Relocatable for SelfRef"));
}
