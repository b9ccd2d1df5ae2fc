//! The analysis, as an ordered list of passes over the parsed model. Each pass is one file
//! and states its invariant at the top.
//!
//! 0. `bases`          — methods of public bases callable on the derived class; its ancestors.
//! 1. `select`         — what the user asked for (headers, allow, block); unbindable picks are listed.
//!    `extern_types`   — classes another binding owns: used under its path, not bound again.
//! 2. `resolve`        — pull in the records/enums those use; skip users of unsupported types.
//! 3. `relocatability` — per record: plain data, relocatable by value, or pinned; which source
//!                        decided and why.
//!    `allocation`     — which classes a `CppBox` must allocate with their own `operator new`.
//! 4. `signatures`     — drop calls that would move a pinned object; check operator shapes.
//!    `callbacks`      — `std::function` parameters take closures; how their values cross.
//!    `defaults`       — `<name>_with_defaults` for calls with default arguments.
//! 5. `borrows`        — views cross by value; what a returned reference borrows from; which
//!                        calls may keep a borrowed pointer (those are `unsafe fn`).
//!    `subclass`       — (collect, after `select`) the virtuals of each `subclass!` class;
//!                        (check, after `naming`) how their values cross into Rust, trait names.
//!    `upcall_safety`  — (asked by `callbacks` and `subclass::check`) which Rust implementations
//!                        and calls of C++ implementations need an `unsafe` promise.
//! 6. `naming`         — Rust identifiers (`overloads` holds the overload rule), renames,
//!                        keyword escaping, clash detection; then `resolve` once more, so
//!                        the users of a type skipped for a clash go with it.
//!
//! The result holds only bindable items, each with its Rust name, plus every skipped
//! declaration with its reason.

pub mod allocation;
pub mod bases;
pub mod borrows;
pub mod callbacks;
pub mod defaults;
pub mod extern_types;
pub mod naming;
pub mod overloads;
pub mod relocatability;
pub mod resolve;
pub mod select;
pub mod signatures;
pub mod subclass;
pub mod upcall_safety;

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{ItemKind, Model, Record};
use crate::options::Options;

/// Runs every pass; `model.items` afterwards holds exactly what will be emitted.
pub fn run(model: Model, options: &Options) -> Result<Model> {
    let selection = options.selection()?;
    let Model {
        items,
        skipped: mut all_skipped,
        dependencies,
        mut notes,
        env,
    } = model;
    let all_records: HashMap<String, Record> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) => Some((i.qualified(), r.clone())),
            _ => None,
        })
        .collect();
    let mut items = items;
    bases::run(&mut items, &all_records);
    let mut selected = select::run(items, &selection);
    notes.append(&mut selected.notes);
    extern_types::run(&mut selected, &selection, &mut notes);
    subclass::collect(
        &mut selected.roots,
        &all_records,
        &selection.subclass,
        &mut selected.skipped,
    );
    let (mut bound, mut skipped) = resolve::run(selected);
    relocatability::run(&mut bound, &all_records, &selection, &env, &mut notes);
    allocation::run(&mut bound, &all_records);
    signatures::run(&mut bound, &selection, &mut skipped);
    callbacks::run(&mut bound, &selection, &mut skipped);
    defaults::run(&mut bound);
    borrows::run(&mut bound, &all_records, &selection, &mut skipped);

    let items = naming::run(bound, &options.rename, &mut skipped);
    // A type naming had to skip (a clash) takes its users with it: resolve again, with
    // nothing left to pull in.
    let (items, mut cascade) = resolve::run(select::Selected {
        roots: items,
        pool: Vec::new(),
        skipped: Vec::new(),
        blocked: Vec::new(),
        notes: Vec::new(),
    });
    skipped.append(&mut cascade);
    let mut items = items;
    subclass::check(&mut items, &options.rename, &mut skipped);
    all_skipped.append(&mut skipped);
    all_skipped.sort();
    all_skipped.dedup();
    Ok(Model {
        items,
        skipped: all_skipped,
        dependencies,
        notes,
        env,
    })
}
