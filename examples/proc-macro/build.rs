fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::from_rust_source("src/main.rs")
        .include_dir("include")
        .source("src/inventory.cpp")
        .build_all()?;
    Ok(())
}
