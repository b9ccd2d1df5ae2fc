//! Binds users.h; its shr::Thing and shr::Registry are relocxx-multi-a's Rust types.
fn main() -> Result<(), relocxx_gen::Error> {
    relocxx_gen::Builder::new()
        .header("../../fixtures/include/users.h")
        .include_dir("../../fixtures/include")
        .allow("usr::.*")
        .extern_type("shr::Thing", "relocxx_multi_a::shared::shr::Thing")
        .extern_type("shr::Registry", "relocxx_multi_a::shared::shr::Registry")
        .source("../../fixtures/users.cc")
        .build("users")?;
    Ok(())
}
