//! The traits the AST settles (`parse::ast_traits`, so the probe's second parse can be skipped)
//! are the probe's own answers: every fixture parsed both ways, every record compared. And the
//! probe answers the same on top of the first parse saved as a precompiled header as when it
//! re-parses (`parse::probe`).

mod common;

use relocxx_gen::model::{ItemKind, Model, Traits};
use relocxx_gen::parse::{parse_with, ProbeWay};
use relocxx_gen::Options;

/// The constants the macros became, as text (name and value), in order.
fn macro_constants(m: &relocxx_gen::model::Model) -> Vec<String> {
    m.items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Constant(k) if k.cpp.starts_with('(') => Some(format!("{} {:?}", i.name, k)),
            _ => None,
        })
        .collect()
}

const FIXTURES: [&str; 13] = [
    "basics",
    "classes",
    "stdtypes",
    "spans",
    "templates",
    "safety",
    "realworld",
    "hierarchy",
    "interfaces",
    "errors",
    "docs",
    "shared",
    "users",
];

fn fixture_options(fixture: &str) -> Options {
    Options {
        name: fixture.into(),
        std: if fixture == "spans" { "c++20" } else { "c++17" }.into(),
        headers: vec![common::fixture(&format!("include/{fixture}.h"))],
        include_dirs: vec![
            common::fixture("include"),
            common::repo_tests().join("../cpp/include"),
        ],
        ..Options::default()
    }
}

fn settled(t: &Traits) -> [Option<bool>; 6] {
    [
        t.trivially_copyable,
        t.destructible,
        t.default_constructible,
        t.copy_constructible,
        t.move_constructible,
        t.tail_reused,
    ]
}

#[test]
fn ast_traits_agree_with_the_probe() {
    let mut decided = 0;
    for fixture in FIXTURES {
        let options = fixture_options(fixture);
        let fast = parse_with(&options, ProbeWay::Auto).unwrap();
        let probed = parse_with(&options, ProbeWay::AllOnTop).unwrap();
        assert_eq!(
            format!("{:?}", fast.env),
            format!("{:?}", probed.env),
            "{fixture}: environment"
        );
        for (a, b) in fast.items.iter().zip(&probed.items) {
            if let (ItemKind::Record(ra), ItemKind::Record(rb)) = (&a.kind, &b.kind) {
                assert_eq!(a.qualified(), b.qualified());
                if ra.traits_from_ast {
                    decided += 1;
                    assert_eq!(
                        settled(&ra.traits),
                        settled(&rb.traits),
                        "{fixture}: {} settled from the AST differs from the probe",
                        a.qualified()
                    );
                }
            }
        }
    }
    assert!(decided >= 10, "only {decided} records settled from the AST");
}

/// The same on installed real libraries (C structs and C++ classes mixed), where present
/// (`cargo xtask test` installs them for the corpus).
#[test]
fn ast_traits_agree_with_the_probe_on_installed_libraries() {
    let (mut decided, mut macros) = (0, 0);
    for header in [
        "/usr/include/sqlite3.h",
        "/usr/include/zstd.h",
        "/usr/include/tinyxml2.h",
        "/usr/include/pugixml.hpp",
        "/usr/include/leveldb/c.h",
    ] {
        let path = std::path::Path::new(header);
        if !path.is_file() {
            continue;
        }
        let options = Options {
            name: "lib".into(),
            headers: vec![path.to_path_buf()],
            ..Options::default()
        };
        let fast = parse_with(&options, ProbeWay::Auto).unwrap();
        let probed = parse_with(&options, ProbeWay::AllOnTop).unwrap();
        let constants = macro_constants(&probed);
        assert_eq!(
            macro_constants(&fast),
            constants,
            "{header}: macro constants"
        );
        macros += constants.len();
        for (a, b) in fast.items.iter().zip(&probed.items) {
            if let (ItemKind::Record(ra), ItemKind::Record(rb)) = (&a.kind, &b.kind) {
                if ra.traits_from_ast {
                    decided += 1;
                    assert_eq!(
                        settled(&ra.traits),
                        settled(&rb.traits),
                        "{header}: {}",
                        a.qualified()
                    );
                }
            }
        }
    }
    eprintln!(
        "records settled from the AST and checked: {decided}; macro constants compared: {macros}"
    );
}

/// Every record's traits, the macro constants and the environment, as text.
fn answers(m: &Model) -> Vec<String> {
    let mut out = vec![format!("{:?}", m.env)];
    out.extend(m.items.iter().filter_map(|i| match &i.kind {
        ItemKind::Record(r) => Some(format!("{} {:?}", i.qualified(), r.traits)),
        _ => None,
    }));
    out.extend(macro_constants(m));
    out
}

/// The probe on top of a precompiled header and the probe by re-parsing give the same answers:
/// every fixture, and the installed libraries (C++ classes of yaml-cpp, leveldb, re2, pugixml;
/// the C macros of sqlite3 and zstd).
#[test]
fn the_probe_answers_the_same_on_top_and_reparsed() {
    let mut records = 0;
    let mut cases: Vec<Options> = FIXTURES
        .iter()
        .map(|fixture| fixture_options(fixture))
        .collect();
    for header in [
        "/usr/include/yaml-cpp/yaml.h",
        "/usr/include/leveldb/db.h",
        "/usr/include/re2/re2.h",
        "/usr/include/pugixml.hpp",
        "/usr/include/sqlite3.h",
        "/usr/include/zstd.h",
    ] {
        if std::path::Path::new(header).is_file() {
            cases.push(Options {
                name: "lib".into(),
                headers: vec![header.into()],
                ..Options::default()
            });
        }
    }
    for options in &cases {
        let on_top = parse_with(options, ProbeWay::AllOnTop).unwrap();
        let reparsed = parse_with(options, ProbeWay::AllReparsed).unwrap();
        let (a, b) = (answers(&on_top), answers(&reparsed));
        assert_eq!(a, b, "{:?}", options.headers);
        records += a.len();
    }
    assert!(records > 300, "only {records} answers compared");
}

/// A macro whose value depends on where or when it is expanded is no constant, named directly
/// or through another macro; the others are, whichever way the probe runs.
#[test]
fn macros_that_depend_on_where_or_when_are_not_constants() {
    let dir = std::env::temp_dir().join(format!("relocxx-where-when-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = dir.join("where_when.h");
    std::fs::write(
        &header,
        "#pragma once\n#define HERE_LINE __LINE__\n#define HERE_FILE __FILE__\n\
         #define TODAY __DATE__\n#define VIA_LINE HERE_LINE\n#define VIA_COUNTER (__COUNTER__ + 0)\n\
         #define PLAIN (1 << 5)\n#define PLAIN_TEXT \"text\"\n",
    )
    .unwrap();
    let options = Options {
        name: "where_when".into(),
        headers: vec![header],
        ..Options::default()
    };
    for way in [ProbeWay::Auto, ProbeWay::AllOnTop, ProbeWay::AllReparsed] {
        let model = parse_with(&options, way).unwrap();
        let names: Vec<&str> = model
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Constant(_)))
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(names, ["PLAIN", "PLAIN_TEXT"], "{way:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
