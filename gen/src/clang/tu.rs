//! Index and translation unit: one parse of the user's headers.
//!
//! Invariant: the `Index` outlives the `TranslationUnit` (it is owned by it and disposed after
//! it), and a translation unit that reported errors is never handed to the parser.

use std::ffi::CString;
use std::os::raw::{c_char, c_uint, c_void};
use std::path::PathBuf;

use clang_sys::*;

use super::cursor::{file_path, to_string, Cursor, SourcePos};
use super::discover;
use crate::error::Error;

/// A compiler diagnostic from the parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClangDiagnostic {
    pub pos: SourcePos,
    pub message: String,
    pub is_error: bool,
}

/// One `#include` the parse followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inclusion {
    pub file: PathBuf,
    /// The file whose `#include` brought it in (`None` for the main file).
    pub from: Option<PathBuf>,
    /// The line of the `#include` directive in `from` (0 for the main file).
    pub line: u32,
}

pub struct TranslationUnit {
    index: CXIndex,
    tu: CXTranslationUnit,
    /// The arguments it was parsed with (a translation unit on top of this one, built from
    /// it saved as a precompiled header, needs the same).
    args: Vec<String>,
}

impl TranslationUnit {
    /// Parses `contents` as the file `name` with `args`. Function bodies are skipped: bindings
    /// only need declarations, and skipping them is most of the parse time for heavy headers.
    pub fn parse(name: &str, contents: &str, args: &[String]) -> Result<TranslationUnit, Error> {
        discover::ensure_loaded()?;
        let c_name =
            CString::new(name).map_err(|_| Error::Usage("file name contains NUL".into()))?;
        let c_contents =
            CString::new(contents).map_err(|_| Error::Usage("input contains NUL".into()))?;
        let c_args: Vec<CString> = args
            .iter()
            .map(|a| {
                CString::new(a.as_str())
                    .map_err(|_| Error::Usage(format!("argument contains NUL: {a:?}")))
            })
            .collect::<Result<_, _>>()?;
        let arg_ptrs: Vec<*const c_char> = c_args.iter().map(|a| a.as_ptr()).collect();
        let mut unsaved = CXUnsavedFile {
            Filename: c_name.as_ptr(),
            Contents: c_contents.as_ptr(),
            Length: contents.len() as _,
        };
        // No precompiled preamble: measured, building it costs more than the probe re-parse
        // it would save (gen/benches/generate.rs: 467 ms with, 412 ms without).
        // The preprocessing record gives the macro definitions (`#define N 3` constants).
        // `ForSerialization` and `Incomplete` let the unit be saved as a precompiled header for
        // the probe (`save`); they cost the parse nothing measurable. `Incomplete` skips the
        // end-of-file work: instantiating the templates' function definitions and members
        // used (nothing relocxx reads: bodies are skipped, classes are instantiated when
        // used) and the errors only that work would find, which compiling the shim reports.
        let options = CXTranslationUnit_SkipFunctionBodies
            | CXTranslationUnit_KeepGoing
            | CXTranslationUnit_DetailedPreprocessingRecord
            | CXTranslationUnit_ForSerialization
            | CXTranslationUnit_Incomplete;
        unsafe {
            let index = clang_createIndex(0, 0);
            let mut tu: CXTranslationUnit = std::ptr::null_mut();
            let code = clang_parseTranslationUnit2(
                index,
                c_name.as_ptr(),
                arg_ptrs.as_ptr(),
                arg_ptrs.len() as _,
                &mut unsaved,
                1,
                options,
                &mut tu,
            );
            if code != CXError_Success || tu.is_null() {
                clang_disposeIndex(index);
                return Err(Error::Parse(vec![format!(
                    "libclang could not parse the headers (CXErrorCode {code}); arguments: {}",
                    args.join(" ")
                )]));
            }
            Ok(TranslationUnit {
                index,
                tu,
                args: args.to_vec(),
            })
        }
    }

    /// Parses again with new contents for the main file (same arguments). Cursors obtained
    /// before are invalidated, which the `&mut self` borrow enforces.
    pub fn reparse(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        let c_name =
            CString::new(name).map_err(|_| Error::Usage("file name contains NUL".into()))?;
        let c_contents =
            CString::new(contents).map_err(|_| Error::Usage("input contains NUL".into()))?;
        let mut unsaved = CXUnsavedFile {
            Filename: c_name.as_ptr(),
            Contents: c_contents.as_ptr(),
            Length: contents.len() as _,
        };
        let code = unsafe {
            clang_reparseTranslationUnit(
                self.tu,
                1,
                &mut unsaved,
                clang_defaultReparseOptions(self.tu),
            )
        };
        if code != 0 {
            return Err(Error::Parse(vec![format!(
                "libclang could not re-parse the headers for the trait probe (code {code})"
            )]));
        }
        Ok(())
    }

    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// Writes the unit to `path` as a precompiled header: another unit parsed with the same
    /// arguments plus `-include-pch <path>` sees every declaration and macro without parsing
    /// the headers again.
    pub fn save(&self, path: &std::path::Path) -> Result<(), Error> {
        let c_path = CString::new(path.to_string_lossy().as_bytes())
            .map_err(|_| Error::Usage("path contains NUL".into()))?;
        let code = unsafe {
            clang_saveTranslationUnit(self.tu, c_path.as_ptr(), clang_defaultSaveOptions(self.tu))
        };
        if code != CXSaveError_None {
            return Err(Error::Parse(vec![format!(
                "libclang could not save the parse to {} (CXSaveError {code})",
                path.display()
            )]));
        }
        Ok(())
    }

    pub fn cursor(&self) -> Cursor<'_> {
        Cursor::new(unsafe { clang_getTranslationUnitCursor(self.tu) })
    }

    pub fn diagnostics(&self) -> Vec<ClangDiagnostic> {
        let n = unsafe { clang_getNumDiagnostics(self.tu) };
        (0..n)
            .map(|i| unsafe {
                let d = clang_getDiagnostic(self.tu, i);
                let severity = clang_getDiagnosticSeverity(d);
                let loc = clang_getDiagnosticLocation(d);
                let mut file: CXFile = std::ptr::null_mut();
                let (mut line, mut column) = (0 as c_uint, 0 as c_uint);
                clang_getSpellingLocation(
                    loc,
                    &mut file,
                    &mut line,
                    &mut column,
                    std::ptr::null_mut(),
                );
                let message = to_string(clang_getDiagnosticSpelling(d));
                clang_disposeDiagnostic(d);
                ClangDiagnostic {
                    pos: SourcePos {
                        file: file_path(file),
                        line,
                        column,
                    },
                    message,
                    is_error: severity >= CXDiagnostic_Error,
                }
            })
            .collect()
    }

    /// Every inclusion with the file and line of the directive that made it.
    pub fn inclusion_graph(&self) -> Vec<Inclusion> {
        type Raw = Vec<(PathBuf, Option<(PathBuf, u32)>)>;
        extern "C" fn visit(
            file: CXFile,
            stack: *mut CXSourceLocation,
            len: c_uint,
            data: CXClientData,
        ) {
            // SAFETY: `data` is the `&mut Raw` passed below; `stack` has `len` entries.
            let out = unsafe { &mut *(data as *mut Raw) };
            let Some(p) = file_path(file) else { return };
            let from = (len > 0 && !stack.is_null()).then(|| unsafe {
                let mut f: CXFile = std::ptr::null_mut();
                let mut line: c_uint = 0;
                clang_getSpellingLocation(
                    *stack,
                    &mut f,
                    &mut line,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                );
                file_path(f).map(|f| (f, line))
            });
            out.push((p, from.flatten()));
        }
        let mut raw: Raw = Vec::new();
        unsafe { clang_getInclusions(self.tu, visit, &mut raw as *mut _ as *mut c_void) };
        raw.into_iter()
            .map(|(file, from)| Inclusion {
                file,
                line: from.as_ref().map_or(0, |(_, l)| *l),
                from: from.map(|(f, _)| f),
            })
            .collect()
    }
}

impl Drop for TranslationUnit {
    fn drop(&mut self) {
        unsafe {
            clang_disposeTranslationUnit(self.tu);
            clang_disposeIndex(self.index);
        }
    }
}
