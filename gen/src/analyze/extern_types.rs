//! Pass 1b — extern types: classes another binding already bound (`extern_type("ns::T",
//! "crate_a::ffi::ns::T")`, in another crate or another `include_cpp!` block), so one C++ class
//! is one Rust type everywhere.
//!
//! Invariant after this pass: every class named by an `extern_type` is a root carrying
//! `Record::extern_path`, with no members left to bind (its owner bound them); its layout and
//! relocatability are still decided here (later passes), since they decide how this binding
//! passes it, and the emitted code checks them at compile time against the owner's binding
//! (`relocxx::CppType`), so a path naming another class, or the same class bound with another
//! layout or representation, does not compile. Uses that would need runtime trait impls for
//! the class (std containers of it) are skipped by `signatures`: only its owner can implement
//! those traits (Rust's orphan rule).

use crate::model::{ItemKind, Param, StdType, Type};
use crate::options::Selection;

use super::select::Selected;

pub fn run(selected: &mut Selected, sel: &Selection, notes: &mut Vec<String>) {
    for (cpp, path) in &sel.extern_types {
        let names = |i: &crate::model::Item| i.qualified() == *cpp || i.qualified_visible() == *cpp;
        if let Some(at) = selected.pool.iter().position(|i| names(i)) {
            let item = selected.pool.remove(at);
            selected.roots.push(item);
        }
        let Some(item) = selected.roots.iter_mut().find(|i| names(i)) else {
            notes.push(format!(
                "`extern_type` `{cpp}` names no class of the headers (write its qualified name, e.g. `ns::Thing`)"
            ));
            continue;
        };
        match &mut item.kind {
            ItemKind::Record(r) => {
                r.extern_path = Some(path.clone());
                r.ctors.clear();
                r.methods.clear();
                r.skipped_members.clear();
                r.interface = None;
            }
            _ => notes.push(format!(
                "`extern_type` `{cpp}`: only classes can be extern types; it is bound here"
            )),
        }
    }
    // Members the selection already reported for these classes are their owner's business.
    let externs: Vec<String> = selected
        .roots
        .iter()
        .filter(|i| matches!(&i.kind, ItemKind::Record(r) if r.extern_path.is_some()))
        .map(|i| format!("{}::", i.qualified()))
        .collect();
    selected
        .skipped
        .retain(|s| !externs.iter().any(|e| s.name.starts_with(e.as_str())));
}

/// The classes another binding owns.
pub fn names(items: &[crate::model::Item]) -> Vec<String> {
    items
        .iter()
        .filter(|i| matches!(&i.kind, ItemKind::Record(r) if r.extern_path.is_some()))
        .map(|i| i.qualified())
        .collect()
}

/// Why a signature cannot be bound here: it holds an extern class in a std container, whose
/// runtime traits (`VectorElement`, `UniquePtrTarget`, ...) only the class's owner can
/// implement.
pub fn container_problem(params: &[Param], ret: &Type, externs: &[String]) -> Option<String> {
    fn find<'a>(t: &'a Type, externs: &[String], inside: bool) -> Option<&'a str> {
        match t {
            Type::Record(q) if inside && externs.contains(q) => Some(q),
            Type::Std(StdType::Vector(e) | StdType::UniquePtr(e) | StdType::SharedPtr(e)) => {
                find(e, externs, true)
            }
            Type::Std(StdType::Optional(e)) => find(e, externs, true),
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => {
                find(pointee, externs, inside)
            }
            _ => None,
        }
    }
    if externs.is_empty() {
        return None;
    }
    let q = params
        .iter()
        .map(|p| &p.ty)
        .chain([ret])
        .find_map(|t| find(t, externs, false))?;
    Some(format!(
        "`{q}` is bound by another binding (extern_type): a std container of it is usable only in the binding that owns it"
    ))
}
