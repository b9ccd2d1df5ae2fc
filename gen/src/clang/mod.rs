//! The only module that touches clang-sys.
//!
//! - `discover`: find and load libclang at run time (highest version, `LIBCLANG_PATH` wins).
//! - `toolchain`: make libclang see the same system headers as the C++ compiler.
//! - `tu`: one parse (skipping function bodies), its diagnostics and the files it opened.
//! - `cursor`: read-only views of cursors and types, tied to the translation unit's lifetime.
//!
//! Everything above this module works on `crate::model`, never on raw libclang handles.

pub mod cursor;
pub mod discover;
pub mod toolchain;
pub mod tu;

pub use clang_sys as sys;
pub use cursor::{Cursor, Evaluated, SourcePos, Ty};
pub use tu::{ClangDiagnostic, Inclusion, TranslationUnit};
