//! Pass 3b — allocation: which classes must be heap-allocated by their own `operator new`.
//!
//! C++ `new T` uses a class-specific `operator new` found in `T` or its bases (a class that
//! pools or counts its objects relies on it). `CppBox<T>` must do the same, so each bound
//! record learns whether such a function applies (declared here or inherited) and whether it
//! is callable (public, not deleted, one `size_t` parameter, not ambiguous between bases).
//!
//! Invariant after this pass: `Record::alloc` describes the class as a whole, bases included;
//! a record with `declares_new && !usable_new` gets no `relocxx::BoxAlloc` (no `CppBox`).

use std::collections::HashMap;

use crate::model::{ClassAlloc, Item, ItemKind, MemberType, Record};

pub fn run(items: &mut [Item], all: &HashMap<String, Record>) {
    for item in items.iter_mut() {
        if let ItemKind::Record(r) = &mut item.kind {
            r.alloc = effective(r, all, 0);
        }
    }
}

fn effective(r: &Record, all: &HashMap<String, Record>, depth: u32) -> ClassAlloc {
    if r.alloc.declares_new || depth > 32 {
        return r.alloc.clone();
    }
    let inherited: Vec<ClassAlloc> = r
        .bases
        .iter()
        .filter_map(|(_, t)| match t {
            MemberType::Record(q) => all.get(q),
            _ => None,
        })
        .map(|b| effective(b, all, depth + 1))
        .filter(|a| a.declares_new)
        .collect();
    match inherited.as_slice() {
        [] => ClassAlloc {
            unusable_delete: r.alloc.unusable_delete,
            ..ClassAlloc::default()
        },
        [one] => ClassAlloc {
            unusable_delete: one.unusable_delete || r.alloc.unusable_delete,
            ..one.clone()
        },
        // Found in two bases: `T::operator new` is ambiguous, as `new T` would be.
        _ => ClassAlloc {
            declares_new: true,
            usable_new: false,
            unusable_delete: r.alloc.unusable_delete,
        },
    }
}
