//! relocxx-gen: reads C++ headers through libclang and generates safe Rust bindings plus the
//! matching C++ shim. See ARCHITECTURE.md for the pipeline:
//! `clang` (libclang) -> `parse` -> `model` -> `analyze` (passes) -> `emit` (Rust, C++).
//!
//! Front-ends are thin: [`Builder`] for build.rs, the `relocxx` CLI (`cli`), and later the
//! `include_cpp!` scanner all fill one [`Options`] and call [`generate`].

pub mod analyze;
mod builder;
pub mod cache;
pub mod clang;
#[cfg(feature = "cli")]
pub mod cli;
pub mod compile_commands;
pub mod emit;
mod error;
pub mod export;
pub mod model;
pub mod options;
pub mod output;
mod parallel;
pub mod parse;
pub mod rust_source;
pub mod timings;

use std::path::PathBuf;

pub use builder::Builder;
pub use cache::Bindings;
pub use emit::Files;
pub use error::{Error, Result};
pub use model::Skipped;
pub use options::Options;

/// Everything one generation produced.
#[derive(Clone, Debug)]
pub struct Generated {
    pub files: Files,
    /// The analysed model (bound items with Rust names), for `inspect`.
    pub model: model::Model,
    /// Every file the parse opened (headers and what they include).
    pub dependencies: Vec<PathBuf>,
}

impl Generated {
    pub fn skipped(&self) -> &[Skipped] {
        &self.model.skipped
    }
}

/// Parses, analyses and emits. Deterministic: the same inputs give byte-identical files.
/// Always parses; [`cache::generate`] answers unchanged inputs from a cache instead (what the
/// Builder and the CLI's `gen` use).
pub fn generate(options: &Options) -> Result<Generated> {
    let parsed = parse::parse(options)?;
    let dependencies = parsed.dependencies.clone();
    let model = timings::phase("analyze", || analyze::run(parsed, options))?;
    let files = timings::phase("emit", || emit::emit(&model, options))?;
    Ok(Generated {
        files,
        model,
        dependencies,
    })
}
