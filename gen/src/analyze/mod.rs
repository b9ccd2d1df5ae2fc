//! The analysis, as an ordered list of passes over the parsed model. Each pass is one file
//! and states its invariant at the top.
//!
//! 1. `select`    — what the user asked for (headers, allow, block); unbindable picks are listed.
//! 2. `resolve`   — pull in the records/enums those use; skip what uses unsupported types.
//! 3. `overloads` — names for overloaded functions (called from `naming`).
//! 4. `naming`    — Rust identifiers, keyword escaping, clash detection.
//!
//! The result holds only bindable items, each with its Rust name, plus every skipped
//! declaration with its reason.

pub mod naming;
pub mod overloads;
pub mod resolve;
pub mod select;

use crate::error::Result;
use crate::model::Model;
use crate::options::Options;

/// Runs every pass; `model.items` afterwards holds exactly what will be emitted.
pub fn run(model: Model, options: &Options) -> Result<Model> {
    let selection = options.selection()?;
    let Model { items, skipped: mut all_skipped, dependencies, notes } = model;
    let selected = select::run(items, &selection);
    let (bound, mut skipped) = resolve::run(selected);
    let items = naming::run(bound, &mut skipped);
    all_skipped.append(&mut skipped);
    all_skipped.sort();
    all_skipped.dedup();
    Ok(Model { items, skipped: all_skipped, dependencies, notes })
}
