//! The binding of shared.h; relocxx-multi-b's binding uses its classes (one C++ class, one
//! Rust type across crates).
relocxx::include_bindings!("shared");
