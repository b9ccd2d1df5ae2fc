//! What the generator does with shapes from real libraries (tests/fixtures/include/realworld.h;
//! tests/e2e calls what is bound): names, skip reasons, and the shim spellings that used to
//! break the build.

mod common;

use relocxx_gen::model::{ItemKind, Model};
use relocxx_gen::{generate, Generated, Options};

fn realworld() -> Generated {
    generate(&Options {
        name: "realworld".into(),
        headers: vec![common::fixture("include/realworld.h")],
        include_dirs: vec![common::fixture("include")],
        ..Options::default()
    })
    .expect("generate")
}

fn kinds(m: &Model, name: &str) -> Vec<&'static str> {
    m.items
        .iter()
        .filter(|i| i.qualified() == name)
        .map(|i| i.kind_name())
        .collect()
}

#[test]
fn nested_types_keep_their_enclosing_class() {
    let g = realworld();
    assert_eq!(kinds(&g.model, "rw::Doc::Cursor"), ["class"]);
    assert_eq!(kinds(&g.model, "rw::Doc::Pos"), ["struct"]);
    assert_eq!(kinds(&g.model, "rw::Doc::Kind"), ["enum"]);
    assert!(
        kinds(&g.model, "rw::Cursor").is_empty(),
        "not hoisted to the namespace"
    );
    assert!(g.files.cc.contains("::rw::Doc::Cursor"));
    assert!(g.files.rs.contains("pub struct Doc_Cursor"));
}

#[test]
fn specializations_are_skipped_with_a_reason() {
    let g = realworld();
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    let header = std::fs::read_to_string(common::fixture("include/realworld.h")).unwrap();
    let line_of = |text: &str| {
        1 + header
            .lines()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} not in the fixture"))
    };
    for (line, what) in [
        (line_of("struct is_char<char>"), "rw::is_char"),
        (line_of("int kind<short>();"), "rw::kind"),
        (line_of("extern template struct Box<int>;"), "rw::Box"),
    ] {
        assert!(
            skipped
                .iter()
                .any(|s| s.contains(&format!("realworld.h:{line}:")) && s.contains(what)),
            "{what} at line {line}: {skipped:#?}"
        );
    }
    // Nothing is bound under the bare template name.
    assert!(!g.files.cc.contains("::rw::is_char*"));
    assert!(!g.files.cc.contains("::rw::kind("));
}

#[test]
fn shim_spellings() {
    let g = realworld();
    // Arrays behind pointers and references, through an alias that composes.
    assert!(g
        .files
        .h
        .contains("::relocxx::detail::array_t<std::uint32_t, 4> const* a0"));
    // A record hidden by a same-named function keeps its keyword.
    assert!(g.files.cc.contains("sizeof(struct ::rw::probe)"));
    // Constants are re-checked by value.
    assert!(g
        .files
        .cc
        .contains("(RW_FLAGS) == static_cast<std::remove_cv_t<decltype((RW_FLAGS))>>(17ULL)"));
    assert!(g
        .files
        .rs
        .contains("pub const RW_FLAGS: ::core::ffi::c_uint = 17;"));
    // `typedef uint8_t u8;` would be `pub type u8 = u8;`.
    assert!(!g.files.rs.contains("pub type u8"));
    // Opaque handles, and default-argument variants.
    assert_eq!(kinds(&g.model, "rw::Engine"), ["opaque type"]);
    assert!(g
        .files
        .rs
        .contains("pub fn scaled_with_defaults(v: ::core::ffi::c_int)"));
}

#[test]
fn users_of_a_type_skipped_for_a_name_clash_are_skipped_too() {
    let g = realworld();
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("skipped `rw::Table::Cell`") && s.contains("already taken")),
        "{skipped:#?}"
    );
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("skipped `rw::cell_value`") && s.contains("rw::Table::Cell")),
        "{skipped:#?}"
    );
    // Only the uncallable stub that names the reason (emit/rust/unbound.rs), no binding.
    assert!(
        !g.files.rs.contains("relocxx_realworld_2rw10cell_value"),
        "{}",
        g.files.rs
    );
    assert!(
        g.files
            .rs
            .contains("pub fn cell_value<'relocxx, A0>(_: A0) -> !"),
        "{}",
        g.files.rs
    );
}

#[test]
fn declared_names_win_over_derived_nested_names() {
    let g = realworld();
    let real = g
        .files
        .rs
        .split("pub struct Table_Cell {")
        .nth(1)
        .unwrap_or("");
    assert!(
        real.split('}').next().unwrap_or("").contains("pub w:"),
        "the real struct"
    );
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("`rw::Table::Cell`") && s.contains("already taken")),
        "{skipped:#?}"
    );
}

#[test]
fn size_t_through_cstdio_is_usize() {
    let dir = common::scratch("realworld-size-t");
    let header = dir.join("size.h");
    std::fs::write(
        &header,
        "#include <cstdio>
size_t plain_size();
",
    )
    .unwrap();
    let g = generate(&Options {
        name: "size".into(),
        headers: vec![header],
        ..Options::default()
    })
    .expect("generate");
    assert!(
        g.files.rs.contains("pub fn plain_size() -> usize"),
        "{}",
        g.files.rs
    );
}

#[test]
fn rename_reaches_operators_and_one_of_a_const_pair() {
    let g = generate(&Options {
        name: "realworld".into(),
        headers: vec![common::fixture("include/realworld.h")],
        include_dirs: vec![common::fixture("include")],
        rename: vec![
            (
                "rw::Table::operator[](const char *)".into(),
                "by_key".into(),
            ),
            ("rw::Table::at(int) const".into(), "get".into()),
        ],
        ..Options::default()
    })
    .expect("generate");
    assert!(
        g.files.rs.contains("pub unsafe fn by_key("),
        "operator renamed"
    );
    assert!(
        g.files.rs.contains("pub fn get(&self"),
        "const overload renamed"
    );
    assert!(
        g.files.rs.contains("pub fn at_mut(&mut self"),
        "its twin keeps its name"
    );
}

#[test]
fn ambiguous_default_variants_and_long_long_pointers_are_left_out() {
    let g = realworld();
    assert!(
        !g.files.rs.contains("pick_with_defaults"),
        "the C++ call would be ambiguous"
    );
    assert!(g.files.rs.contains("pub fn pick_int("));
    let skipped: Vec<String> = g.model.skipped.iter().map(|s| s.to_string()).collect();
    assert!(
        skipped.iter().any(|s| s.contains("rw::boxed_long_long")),
        "long long is not the runtime's int64_t here: {skipped:#?}"
    );
}

#[test]
fn default_arguments_leave_no_defaulted_parameter() {
    let g = realworld();
    for item in &g.model.items {
        if let ItemKind::Function(f) = &item.kind {
            if f.with_defaults {
                assert!(f.params.iter().all(|p| !p.has_default), "{}", item.name);
            }
        }
    }
}
