//! `relocxx::Exception`: what a `fallible!` C++ function threw.

use alloc::string::String;
use core::ffi::{c_char, c_void};
use core::fmt;

/// A C++ exception caught at the boundary of a function marked `fallible!`: its `what()` text
/// (or a note that it was not a `std::exception`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    what: String,
}

impl Exception {
    /// The `what()` text.
    pub fn what(&self) -> &str {
        &self.what
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

impl core::error::Error for Exception {}

/// Called by a fallible thunk's catch block: stores the message in the `Option<Exception>`
/// that `ctx` points to.
///
/// # Safety
/// `ctx` is the `*mut Option<Exception>` the generated wrapper passed; `what` points to `len`
/// readable bytes.
#[doc(hidden)]
pub unsafe extern "C" fn __relocxx_set_exception(
    ctx: *mut c_void,
    what: *const c_char,
    len: usize,
) {
    let bytes = core::slice::from_raw_parts(what as *const u8, len);
    let slot = &mut *(ctx as *mut Option<Exception>);
    *slot = Some(Exception {
        what: String::from_utf8_lossy(bytes).into_owned(),
    });
}
