//! Model -> output text. Split by output language and, inside each, by family of mapping rules
//! (functions, enums, structs); `abi` is the single place that decides how a value crosses the
//! boundary, so the Rust and C++ halves cannot disagree.

pub mod abi;
pub mod cpp;
pub mod rust;

use crate::error::Result;
use crate::model::Model;
use crate::options::Options;

/// The three generated files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Files {
    pub rs: String,
    pub h: String,
    pub cc: String,
}

pub fn emit(model: &Model, options: &Options) -> Result<Files> {
    let includes: Vec<String> = options
        .headers
        .iter()
        .map(|h| options.include_spelling(h))
        .collect();
    let names: Vec<String> = options
        .headers
        .iter()
        .map(|h| {
            h.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let sel = options.selection()?;
    let rs = rust::emit(&options.name, model, &names, &sel)?;
    let shim = cpp::emit(&options.name, model, &includes);
    Ok(Files {
        rs,
        h: shim.h,
        cc: shim.cc,
    })
}
