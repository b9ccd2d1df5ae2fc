//! Generates every include_cpp! block of src/lib.rs and the modules it declares.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::from_rust_source("src/lib.rs")
        .include_dir("../fixtures/include")
        .source("../fixtures/errors.cc")
        .source("../fixtures/basics.cc")
        .source("../fixtures/interfaces.cc")
        .build_all()?;
    Ok(())
}
