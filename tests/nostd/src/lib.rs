//! Bindings in a `#![no_std]` crate, with the runtime's `std` feature off. `cargo xtask test`
//! builds this package alone (`cargo build -p relocxx-nostd`), so no other member turns the
//! feature back on.
#![no_std]

relocxx::include_bindings!("basics");
relocxx::include_bindings!("classes");
relocxx::include_bindings!("stdtypes");
