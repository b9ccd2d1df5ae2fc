//! The generator's half of `#[relocxx::export]`: the header it writes for a crate's sources
//! (modules followed, namespaces grouped, plain structs after the ones they hold), what it
//! leaves out and says why, and that the same sources give the same bytes.
//! tests/export-e2e compiles such a header and calls Rust from C++.

mod common;

use std::path::Path;

fn crate_with(name: &str, lib: &str, module: &str) -> std::path::PathBuf {
    let dir = common::scratch(&format!("export-{name}"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"my-{name}\"\nversion = \"0.1.0\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    std::fs::write(dir.join("src/shapes.rs"), module).unwrap();
    dir.join("src/lib.rs")
}

#[test]
fn header_follows_modules_orders_structs_and_lists_refusals() {
    let root = crate_with(
        "shapes",
        "mod shapes;\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         pub fn area(r: shapes::Rect) -> f64 { 0.0 }\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         pub fn name_of(k: Kind) -> String { String::new() }\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         pub fn generic<T>(t: T) {}\n\
         #[relocxx::export]\n\
         pub fn uses_unexported(s: Secret) {}\n",
        "/// A rectangle.\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         #[derive(Clone, Copy)]\n\
         pub struct Rect { pub min: Point, pub max: Point }\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         #[derive(Clone, Copy, PartialEq)]\n\
         pub struct Point { pub x: f32, pub y: f32 }\n\
         #[relocxx::export(namespace = \"geo\")]\n\
         pub enum Kind { Square, Round = 5 }\n",
    );
    let dir = root.parent().unwrap().join("out");
    let w = relocxx_gen::export::write(&root, &dir, None, None).unwrap();
    let header = w.header.expect("a header");
    assert_eq!(header, dir.join("my_shapes.h"));
    let text = std::fs::read_to_string(&header).unwrap();
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("no {s:?} in\n{text}"))
    };
    // The enum, then Point before the Rect holding it, all in one namespace block.
    assert!(pos("enum class Kind : std::int32_t") < pos("struct Point {"));
    assert!(pos("struct Point {") < pos("struct Rect {"));
    assert_eq!(text.matches("namespace geo {").count(), 2, "{text}");
    assert!(text.contains("    Round = 5,"));
    assert!(text.contains("/// A rectangle.\nstruct Rect {"));
    assert!(text.contains("static_assert(sizeof(Rect) == 16 && alignof(Rect) == 4"));
    assert!(text.contains("friend bool operator==(const Point& a, const Point& b)"));
    assert!(text.contains("inline double area(::geo::Rect r) {"));
    assert!(text.contains("inline ::relocxx::rust::String name_of(::geo::Kind k) {"));
    assert!(text.contains("relocxx_rs_3geo4area("));
    // Refused: the generic (at its line) and the function using a type no export declares.
    let lib = root.display().to_string();
    assert!(
        w.refused
            .iter()
            .any(|r| r.starts_with(&format!("{lib}:7: generic functions"))),
        "{:#?}",
        w.refused
    );
    assert!(
        w.refused
            .iter()
            .any(|r| r.contains("fn uses_unexported: uses `Secret`")),
        "{:#?}",
        w.refused
    );
    assert!(!text.contains("uses_unexported"));
    // Deterministic: the same sources give the same bytes.
    let again = relocxx_gen::export::write(&root, &dir.join("again"), None, None).unwrap();
    assert_eq!(
        std::fs::read_to_string(again.header.unwrap()).unwrap(),
        text
    );
}

#[test]
fn no_exports_no_header() {
    let root = crate_with("none", "pub fn plain() {}\n", "");
    let dir = root.parent().unwrap().join("out");
    let w = relocxx_gen::export::write(&root, &dir, Some("x"), None).unwrap();
    assert!(w.header.is_none());
    assert!(!Path::new(&dir.join("x.h")).exists());
}

/// `relocxx gen --rust-source` writes the export header next to the bindings' include dir,
/// with the runtime's `relocxx/rust.hpp`, and warns about what it left out.
#[test]
fn cli_writes_the_export_header() {
    let root = crate_with(
        "cli",
        "#[relocxx::export(namespace = \"c\")]\npub fn twice(x: i32) -> i32 { x * 2 }\n\
         #[relocxx::export]\npub fn bad<'a>(x: &'a str) {}\n",
        "",
    );
    let out = root.parent().unwrap().join("gen");
    let o = common::relocxx(
        &[
            "gen",
            "--rust-source",
            root.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--export-name",
            "cli_rs",
        ],
        &[],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("not exported:") && stderr.contains("generic functions"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(out.join("include/cli_rs.h")).unwrap();
    assert!(
        text.contains("inline std::int32_t twice(std::int32_t x) {"),
        "{text}"
    );
    assert!(out.join("include/relocxx/rust.hpp").is_file());
}

/// Opaque types get their size from the compiled crate: the generator finds the attribute's
/// layout records in the library file (here a file holding two records among other bytes);
/// without it they are left out with the reason.
#[test]
fn opaque_types_take_their_layout_from_the_library() {
    let root = crate_with(
        "opaque",
        "#[relocxx::export(namespace = \"h\")]\n#[derive(Clone)]\npub struct Histogram { bins: Vec<u32> }\n\
         #[relocxx::export(namespace = \"h\")]\nimpl Histogram {\n  pub fn new(n: usize) -> Self { todo!() }\n  pub fn total(&self) -> u64 { 0 }\n  pub fn into_bins(self) -> Vec<u32> { todo!() }\n}\n\
         #[relocxx::export(namespace = \"h\")]\npub fn merged(a: &Histogram, b: Histogram) -> Histogram { b }\n",
        "",
    );
    let dir = root.parent().unwrap().join("out");
    let record = |sym: &str, size: u64, align: u64| {
        let mut r = b"\0RELOCXX-LAYOUT-1\0".to_vec();
        r.extend_from_slice(sym.as_bytes());
        r.push(0);
        r.extend_from_slice(&size.to_le_bytes());
        r.extend_from_slice(&align.to_le_bytes());
        r
    };
    let lib = dir.join("libopaque.a");
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = b"!<arch>\nother bytes".to_vec();
    bytes.extend(record("relocxx_rs_1h9Histogram", 24, 8));
    bytes.extend_from_slice(b"more");
    bytes.extend(record("relocxx_rs_1h9Histogram", 24, 8)); // the same record twice is fine
    std::fs::write(&lib, &bytes).unwrap();
    let w = relocxx_gen::export::write(&root, &dir, Some("op"), Some(&lib)).unwrap();
    let text = std::fs::read_to_string(w.header.unwrap()).unwrap();
    assert!(w.refused.is_empty(), "{:#?}", w.refused);
    assert!(
        text.contains("alignas(8) unsigned char repr_[24];"),
        "{text}"
    );
    assert!(text.contains("static_assert(sizeof(Histogram) == 24 && alignof(Histogram) == 8"));
    assert!(text.contains("    explicit Histogram(std::size_t n);"));
    assert!(text.contains("    Histogram(const Histogram& other);"));
    assert!(text.contains("    ::relocxx::rust::Vec<std::uint32_t> into_bins() &&;"));
    assert!(
        text.contains("inline ::h::Histogram merged(const ::h::Histogram& a, ::h::Histogram b) {")
    );
    // Without the library: left out, and the functions using it too, each with the reason.
    let w = relocxx_gen::export::write(&root, &dir.join("nolib"), Some("op"), None).unwrap();
    let text = std::fs::read_to_string(w.header.unwrap()).unwrap();
    assert!(!text.contains("class RELOCXX_EXPORT_TRIVIAL_ABI Histogram"));
    assert!(
        w.refused
            .iter()
            .any(|r| r.contains("struct Histogram: its size is not known")),
        "{:#?}",
        w.refused
    );
    assert!(
        w.refused.iter().any(|r| r.contains("fn merged")),
        "{:#?}",
        w.refused
    );
    // Two different layouts for one type: an error naming it.
    let mut conflict = bytes.clone();
    conflict.extend(record("relocxx_rs_1h9Histogram", 32, 8));
    std::fs::write(&lib, &conflict).unwrap();
    let e = relocxx_gen::export::write(&root, &dir, Some("op"), Some(&lib))
        .err()
        .expect("an error");
    assert!(e.to_string().contains("two different layouts"), "{e}");
}

/// What the header cannot name unambiguously is refused with the reason: two exported types
/// of one name, a method named like a field; `fn new(&Self) -> Self` stays a static member
/// (as a constructor it would be a copy constructor).
#[test]
fn ambiguous_names_are_refused() {
    let root = crate_with(
        "names",
        "mod shapes;\n\
         #[relocxx::export(namespace = \"a\")]\n#[derive(Clone, Copy)]\npub enum Mode { X }\n\
         #[relocxx::export(namespace = \"a\")]\npub fn mode() -> Mode { Mode::X }\n\
         #[relocxx::export(namespace = \"a\")]\n#[derive(Clone, Copy)]\npub struct Len { pub len: u32 }\n\
         #[relocxx::export(namespace = \"a\")]\nimpl Len { pub fn len(&self) -> u32 { 0 } pub fn twice(&self) -> u32 { 0 } }\n",
        "#[relocxx::export(namespace = \"b\")]\n#[derive(Clone, Copy)]\npub enum Mode { Y }\n",
    );
    let dir = root.parent().unwrap().join("out");
    let w = relocxx_gen::export::write(&root, &dir, Some("n"), None).unwrap();
    let text = std::fs::read_to_string(w.header.unwrap()).unwrap();
    let has = |s: &str| w.refused.iter().any(|r| r.contains(s));
    assert!(
        has("`Mode`: two exported types have this name"),
        "{:#?}",
        w.refused
    );
    assert!(has("fn mode: uses `Mode`"), "{:#?}", w.refused);
    assert!(
        has("Len::len: a field of the struct has the same name"),
        "{:#?}",
        w.refused
    );
    assert!(
        !text.contains("enum class Mode") && !text.contains("mode()"),
        "{text}"
    );
    assert!(text.contains("std::uint32_t twice() const;"), "{text}");
}

/// C++ classes bound by relocxx pass through exported functions by reference and by value: the
/// header finds them through the file's `use` of a binding module (`include_bindings!`) and
/// includes the header the attribute names; inside an `Option` or slice argument they are
/// refused (no storage to relocate them out of).
#[test]
fn bound_cpp_classes_cross_by_reference_and_value() {
    let root = crate_with(
        "roundtrip",
        "relocxx::include_bindings!(\"geo_bridge\");\n\
         use geo_bridge::geo;\n\
         use geo_bridge::geo::Accumulator as Acc;\n\
         #[relocxx::export(namespace = \"r\", include = \"geometry.h\")]\n\
         pub fn sum(v: &geo::Vec, acc: &mut Acc, other: Option<u32>) -> f64 { 0.0 }\n\
         #[relocxx::export(namespace = \"r\", include = \"geometry.h\")]\n\
         pub fn take(v: geo::Vec) -> Option<geo::Vec> { None }\n\
         #[relocxx::export(namespace = \"r\", include = \"geometry.h\")]\n\
         pub fn maybe(v: Option<geo::Vec>) {}\n",
        "",
    );
    let dir = root.parent().unwrap().join("out");
    let w = relocxx_gen::export::write(&root, &dir, Some("rt"), None).unwrap();
    let text = std::fs::read_to_string(w.header.unwrap()).unwrap();
    assert!(text.contains("#include \"geometry.h\"\n"), "{text}");
    assert!(
        text.contains("inline double sum(const ::geo::Vec& v, ::geo::Accumulator& acc,"),
        "{text}"
    );
    assert!(
        text.contains("inline std::optional<::geo::Vec> take(::geo::Vec v) {")
            && text.contains(
                "auto relocxx_a0 = ::relocxx::rust::detail::Relocated<::geo::Vec>(static_cast<::geo::Vec&&>(v));"
            ),
        "{text}"
    );
    assert!(
        w.refused
            .iter()
            .any(|r| r.contains("fn maybe") && r.contains("not inside an `Option`")),
        "{:#?}",
        w.refused
    );
}
