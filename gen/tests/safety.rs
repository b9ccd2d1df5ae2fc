//! The safety rules as the generator decides them (SAFETY.md): what is `unsafe` and why, what
//! a returned borrow is tied to, and the warnings a user sees. tests/e2e calls the same
//! fixture for real.

mod common;

use relocxx_gen::model::{BorrowFrom, ItemKind, Model};
use relocxx_gen::{generate, Generated, Options};

fn safety() -> Generated {
    let options = Options {
        name: "safety".into(),
        headers: vec![common::fixture("include/safety.h")],
        include_dirs: vec![common::fixture("include")],
        relocatable: vec!["safety::Named".into()],
        ..Options::default()
    };
    generate(&options).expect("generate")
}

fn function<'a>(m: &'a Model, name: &str) -> &'a relocxx_gen::model::Function {
    m.items
        .iter()
        .find_map(|i| match &i.kind {
            ItemKind::Function(f) if i.qualified() == name => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name} not bound"))
}

#[test]
fn retained_borrows_make_calls_unsafe_with_a_reason() {
    let g = safety();
    let retains = |n: &str| function(&g.model, n).borrows.retains.clone();
    let why = retains("safety::slice_of").expect("slice_of retains");
    assert!(why.contains("`s`") && why.contains("data_"), "{why}");
    assert!(retains("safety::point_at").is_some());
    assert!(
        retains("safety::joined").is_none(),
        "owning result stays safe"
    );
    assert!(retains("safety::plain_add").is_none());
    // Review cases: a default's temporary, a C struct member, a cycle through containers.
    let with_defaults = g
        .model
        .items
        .iter()
        .find_map(|i| match &i.kind {
            ItemKind::Function(f) if i.qualified() == "safety::slice_or" && f.with_defaults => {
                Some(f.borrows.retains.clone())
            }
            _ => None,
        })
        .flatten()
        .expect("slice_or_with_defaults bound, and unsafe: it may keep its default's temporary");
    assert!(
        with_defaults.contains("the default of `s`"),
        "{with_defaults}"
    );
    assert!(retains("safety::make_a").is_some());
    assert!(
        retains("safety::make_b").is_some(),
        "B holds A, which holds a pointer"
    );
    let member = |class: &str, name: &str| {
        g.model
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Record(r) if i.qualified() == class => r
                    .ctors
                    .iter()
                    .chain(&r.methods)
                    .find(|m| m.name == name)
                    .map(|m| m.borrows.retains.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{class}::{name} not bound"))
    };
    let iov = member("safety::IoBuf", "IoBuf").expect("iovec holds a pointer");
    assert!(iov.contains("iovec"), "{iov}");
    let cache = member("safety::Cache", "remember").expect("mutable member");
    assert!(cache.contains("mutable member `last_`"), "{cache}");
    // Status owns its pointer, but only the user can say so.
    assert!(retains("safety::check_not_empty").is_some());
    let promised = generate(&Options {
        name: "safety".into(),
        headers: vec![common::fixture("include/safety.h")],
        include_dirs: vec![common::fixture("include")],
        owning: vec!["safety::Status".into()],
        ..Options::default()
    })
    .expect("generate");
    assert!(function(&promised.model, "safety::check_not_empty")
        .borrows
        .retains
        .is_none());
    let raw = retains("safety::buffer_sum").expect("raw pointer field");
    assert!(raw.contains("`data`"), "{raw}");
    // The reason is the generated `# Safety` section.
    assert!(g.files.rs.contains("# Safety"));
    assert!(g.files.rs.contains("pub unsafe fn slice_of"));
    assert!(g.files.rs.contains("pub fn joined"));
}

#[test]
fn lifetimebound_and_views_by_reference() {
    let g = safety();
    assert_eq!(
        function(&g.model, "safety::longer").borrows.ret_from,
        Some(BorrowFrom::Tied {
            receiver: false,
            params: vec![0, 1]
        })
    );
    assert_eq!(
        function(&g.model, "safety::first_word").borrows.ret_from,
        Some(BorrowFrom::Elided)
    );
    // `const std::string_view&` crosses as a view (pointer and length), never as `&&[u8]`.
    assert!(!g.files.rs.contains("&&[u8]"));
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    let reset = skipped
        .iter()
        .find(|s| s.contains("safety::view_reset"))
        .expect("view_reset skipped");
    let header = std::fs::read_to_string(common::fixture("include/safety.h")).unwrap();
    let line = 1 + header
        .lines()
        .position(|l| l.contains("void view_reset"))
        .unwrap();
    assert!(reset.contains(&format!("safety.h:{line}:")), "{reset}");
    assert!(
        !skipped.iter().any(|s| s.contains("safety::Handle")),
        "{skipped:?}"
    );
    // A pointer to a forward-declared type is an opaque handle: the struct keeps its fields.
    assert!(g.files.rs.contains("pub struct Impl {"));
}

#[test]
fn disproved_relocatable_promise_is_a_warning_naming_the_member() {
    let g = safety();
    let note = g
        .model
        .notes
        .iter()
        .find(|n| n.contains("relocatable(\"safety::Named\")"))
        .expect("warning note");
    assert!(
        note.contains("`name_`") && note.contains("libstdc++"),
        "{note}"
    );
    assert!(note.contains("safety.h:"), "{note}");
    // `inspect` shows it beside the verdict.
    let out = common::relocxx(
        &[
            "inspect",
            common::fixture("include/safety.h").to_str().unwrap(),
            "-I",
            common::fixture("include").to_str().unwrap(),
            "--relocatable",
            "safety::Named",
        ],
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("safety::Named"))
        .expect("Named listed");
    assert!(line.contains("WARNING") && line.contains("name_"), "{line}");
}

#[test]
fn class_specific_operator_new_is_found_in_bases() {
    let g = safety();
    let alloc = |n: &str| {
        g.model
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Record(r) if i.qualified() == n => Some(r.alloc.clone()),
                _ => None,
            })
            .unwrap()
    };
    assert!(alloc("safety::Pooled").usable_new);
    assert!(alloc("safety::PooledChild").usable_new, "inherited");
    let no_heap = alloc("safety::NoHeap");
    assert!(no_heap.declares_new && !no_heap.usable_new);
    assert!(!g.files.rs.contains("BoxAlloc for NoHeap"));
    assert!(g.files.cc.contains("class_new<::safety::PooledChild>"));
}
