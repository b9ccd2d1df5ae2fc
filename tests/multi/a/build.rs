//! Binds shared.h: this crate owns the Rust types of `shr::Thing` and `shr::Registry`.
fn main() -> Result<(), relocxx_gen::Error> {
    relocxx_gen::Builder::new()
        .header("../../fixtures/include/shared.h")
        .include_dir("../../fixtures/include")
        .source("../../fixtures/shared.cc")
        .build("shared")?;
    Ok(())
}
