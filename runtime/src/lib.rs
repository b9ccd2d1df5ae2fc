//! relocxx runtime: what code using generated bindings depends on.
//!
//! Bring generated bindings into a crate with [`include_bindings!`]:
//!
//! ```ignore
//! // build.rs: relocxx_gen::Builder::new().header("include/geometry.h").build("geometry")?;
//! relocxx::include_bindings!("geometry"); // declares `pub mod geometry`
//! let a = geometry::geo::area(&geometry::geo::Point { x: 2, y: 3 });
//! ```

#![no_std]

pub use relocxx_macro::include_bindings;
