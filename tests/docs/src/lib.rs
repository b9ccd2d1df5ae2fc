//! Generated bindings as a user's documented crate sees them: `cargo xtask test` runs
//! `RUSTDOCFLAGS="-D warnings" cargo doc -p relocxx-docs` (no broken intra-doc links, HTML
//! tags or bare URLs from C++ comments or relocxx's own lines) and `cargo test --doc` (no
//! generated doc block is a Rust doctest), and `missing_docs` is denied here.
#![deny(missing_docs)]

relocxx::include_bindings!("docs");
relocxx::include_bindings!("basics");
relocxx::include_bindings!("classes");
relocxx::include_bindings!("stdtypes");
relocxx::include_bindings!("templates");
relocxx::include_bindings!("spans");
relocxx::include_bindings!("safety");
relocxx::include_bindings!("realworld");
relocxx::include_bindings!("hierarchy");
relocxx::include_bindings!("interfaces");
