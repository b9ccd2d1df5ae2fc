//! Errors that stop generation. Per-declaration problems are not errors: they become
//! `model::Skipped` entries and generation goes on.

use std::path::PathBuf;

/// What stopped generation.
///
/// `Debug` prints the same text as `Display`: a build script's `fn main() -> Result<(), E>`
/// (with `E` this or `Box<dyn Error>`) reports the error with `{:?}`, and a user should read
/// the message there, not a struct dump.
#[derive(thiserror::Error)]
pub enum Error {
    /// libclang could not be found or loaded; the message names LIBCLANG_PATH and the package.
    #[error("relocxx: {0}")]
    Libclang(String),
    #[error("relocxx: header not found: {}", .0.display())]
    HeaderNotFound(PathBuf),
    /// The headers do not compile; each entry is `file:line:col: error: message`.
    #[error("relocxx: the headers do not compile:\n{}", .0.join("\n"))]
    Parse(Vec<String>),
    #[error("relocxx: invalid {what} regex `{pattern}`: {message}")]
    Regex {
        what: &'static str,
        pattern: String,
        message: String,
    },
    /// Misuse of the API or CLI (exit code 2).
    #[error("relocxx: {0}")]
    Usage(String),
    #[error("relocxx: {context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("relocxx: compiling the shim failed: {0}")]
    Compile(String),
    #[error("relocxx: internal error while formatting generated Rust: {0}")]
    Format(String),
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// CLI exit code: 2 for usage errors, 1 for everything about the input or environment.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Regex { .. } => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
