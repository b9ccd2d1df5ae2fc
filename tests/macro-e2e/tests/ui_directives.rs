//! Every directive error is a compile error that names the directive, at its token; a block
//! that was never generated says what to add to build.rs. `TRYBUILD=overwrite` re-blesses.

#[test]
fn directive_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
