//! The Builder reports bad input as errors (never panics) and writes outputs only on change.

mod common;

use relocxx_gen::{Builder, Error};

#[test]
fn missing_header_is_an_error() {
    let out = common::scratch("builder-missing");
    let err = Builder::new()
        .header("no/such.h")
        .out_dir(&out)
        .generate_only()
        .build("x")
        .unwrap_err();
    assert!(matches!(err, Error::HeaderNotFound(_)), "{err}");
}

#[test]
fn invalid_regex_is_an_error() {
    let out = common::scratch("builder-regex");
    let err = Builder::new()
        .header(common::fixture("bad/allow_block.h"))
        .allow("lib::[")
        .out_dir(&out)
        .generate_only()
        .build("x")
        .unwrap_err();
    assert!(
        err.to_string().contains("invalid allow regex `lib::[`"),
        "{err}"
    );
}

#[test]
fn bad_binding_name_is_an_error() {
    let err = Builder::new()
        .header(common::fixture("bad/allow_block.h"))
        .generate_only()
        .out_dir("/tmp")
        .build("no spaces")
        .unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err}");
}

#[test]
fn syntax_error_names_file_and_line() {
    let out = common::scratch("builder-syntax");
    let err = Builder::new()
        .header(common::fixture("bad/syntax_error.h"))
        .out_dir(&out)
        .generate_only()
        .build("x")
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("syntax_error.h:5:29: error:"), "{msg}");
}

#[test]
fn outputs_are_rewritten_only_when_they_change() {
    let out = common::scratch("builder-unchanged");
    let build = || {
        Builder::new()
            .header(common::fixture("include/basics.h"))
            .include_dir(common::fixture("include"))
            .out_dir(&out)
            .generate_only()
            .build("basics")
            .unwrap()
    };
    build();
    let stamp = |f: &str| std::fs::metadata(out.join(f)).unwrap().modified().unwrap();
    let before = (stamp("basics.rs"), stamp("basics.cc"), stamp("basics.h"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    build();
    assert_eq!(
        before,
        (stamp("basics.rs"), stamp("basics.cc"), stamp("basics.h"))
    );
}

/// The Builder has the CLI's `--compile-commands` and `--fallible` (parity): the layout comes
/// from the translation unit's flags, and a fallible function returns a `Result`.
#[test]
fn builder_takes_compile_commands_and_fallible() {
    let out = common::scratch("builder-compdb");
    let fixtures = common::fixture("");
    let db = out.join("compile_commands.json");
    let entry = format!(
        r#"[{{"directory": "{}", "file": "configured.cc", "arguments": ["c++", "-Iinclude", "-DRELOCXX_TEST_LEN=9", "-DRELOCXX_TEST_SCALE=1", "-c", "configured.cc"]}}]"#,
        fixtures.display()
    );
    std::fs::write(&db, entry).unwrap();
    Builder::new()
        .header(common::fixture("include/configured.h"))
        .compile_commands(&db)
        .fallible(".*")
        .out_dir(&out)
        .generate_only()
        .build("cfg")
        .unwrap();
    let rs = std::fs::read_to_string(out.join("cfg.rs")).unwrap();
    assert!(rs.contains("pub data: [::core::ffi::c_uchar; 9]"), "{rs}");
    assert!(rs.contains("relocxx::Exception>"), "fallible: {rs}");
}
