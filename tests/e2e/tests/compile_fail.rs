//! What must not compile: moving a pinned object, sending or sharing a C++ type that was not
//! opted in, keeping a returned reference past its object. `TRYBUILD=overwrite` re-blesses.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
