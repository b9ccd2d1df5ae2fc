//! A header that does not compile is reported at the `#include` line of the block. The block is
//! generated for real (it fails), then compiled with RELOCXX_BRIDGE_DIR pointing at the result.

#[test]
fn header_error_is_reported_at_the_include_line() {
    let bridge = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-header-bridge");
    let _ = std::fs::remove_dir_all(&bridge);
    let generated = relocxx_gen::Builder::from_rust_source("tests/ui_header/bad_header.rs")
        .include_dir("../fixtures/bad")
        .out_dir(&bridge)
        .generate_only()
        .build_all()
        .expect("the build script itself does not fail");
    assert!(generated.is_empty(), "the broken block generates nothing");
    let error = std::fs::read_to_string(bridge.join("broken.error.txt"))
        .expect("error recorded for the macro");
    assert!(
        error.contains("syntax_error.h:5:29: error: expected ';'"),
        "{error}"
    );
    // SAFETY: set before trybuild spawns cargo; no other thread reads the environment here.
    unsafe { std::env::set_var("RELOCXX_BRIDGE_DIR", &bridge) };
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui_header/*.rs");
}
