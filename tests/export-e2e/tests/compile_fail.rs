//! Signatures `#[relocxx::export]` refuses, each with a clear error at the token.
#[test]
fn unexportable_signatures() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
