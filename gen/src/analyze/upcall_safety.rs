//! Which calls from C++ into Rust (virtuals implemented in Rust, closures given for callbacks)
//! need an `unsafe` promise, and why (SAFETY.md rules 16 and 21). The one place of this rule;
//! `subclass::check` and `callbacks` record the answers, the emitters only spell them.
//!
//! - **Implementing** is a promise Rust cannot check when the implementation hands C++ a raw
//!   pointer C++ will use: it returns one (directly, or in a plain-data record's public
//!   fields), or writes one through a mutable reference C++ reads afterwards (`T*&`, a
//!   `std::vector<T*>&`, plain data with pointer fields). Safe code could hand C++ any address,
//!   so the trait is `unsafe trait` (the closure's function `unsafe fn`), with this text.
//! - **Calling the C++ implementation** (`<method>_base`, and the default that forwards to it)
//!   with raw pointers, or with plain data carrying raw pointers, lets safe code hand C++ any
//!   address: those are `unsafe fn` (`# Safety`: the pointers are valid for what the C++
//!   function does), as the same C++ function called from Rust would be.
//!
//! Raw pointers C++ passes *to* Rust need no promise: dereferencing them is Rust's `unsafe`.

use std::collections::HashMap;

use crate::model::{Param, Type, UpParam};

/// Plain-data records with public raw-pointer fields, with the field's path
/// (`borrows::raw_pointer_fields`).
pub type RawFields = HashMap<String, String>;

/// Whether a value of `ty` (held, not behind a pointer) carries a raw pointer Rust code can set.
fn carries_pointer(ty: &Type, raw: &RawFields) -> Option<String> {
    if ty.has_pointer() {
        return Some("a raw pointer".into());
    }
    let mut named = Vec::new();
    ty.by_value_records(&mut named);
    named.into_iter().find_map(|n| {
        raw.get(n)
            .map(|f| format!("`{n}` (raw pointer field `{f}`)"))
    })
}

/// Why implementing a call from C++ with these values is a promise (`None`: safe).
pub fn implementing(params: &[(&Type, UpParam)], ret: &Type, raw: &RawFields) -> Option<String> {
    let mut why = Vec::new();
    if let Some(what) = carries_pointer(ret, raw) {
        why.push(format!("returns {what} C++ uses"));
    }
    for (i, (ty, up)) in params.iter().enumerate() {
        let written = match (ty, up) {
            (
                Type::Ref {
                    is_const: false,
                    pointee,
                },
                UpParam::Ref { .. },
            ) => carries_pointer(pointee, raw),
            _ => None,
        };
        if let Some(what) = written {
            why.push(format!("can store {what} C++ reads through argument {i}"));
        }
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Why calling the C++ implementation with these parameters is a promise (`None`: safe).
pub fn forwarding(params: &[Param], raw: &RawFields) -> Option<String> {
    let names: Vec<String> = params
        .iter()
        .filter(|p| {
            let inner = match &p.ty {
                Type::Ref { pointee, .. } => pointee,
                t => t,
            };
            carries_pointer(inner, raw).is_some()
        })
        .map(|p| format!("`{}`", p.name))
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "The raw pointers in {} go to the C++ implementation unchecked: they must be valid \
             for what the C++ function does with them.",
            names.join(", ")
        )
    })
}
