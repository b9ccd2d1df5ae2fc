fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::new()
        .header("include/shapes.h")
        .include_dir("include")
        .source("src/shapes.cpp")
        .build("shapes")?;
    Ok(())
}
