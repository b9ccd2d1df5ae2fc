//! How each value crosses the `extern "C"` boundary — the one place both emitters ask.
//!
//! Scalars and raw pointers pass by value with identical types on both sides. Enums pass as
//! their underlying integer (the Rust newtype is `repr(transparent)`). Structs pass by pointer
//! (C++ copies from it) and return through an out-pointer the thunk constructs into, so no
//! by-value struct ever relies on two compilers agreeing about aggregate calling conventions.
//! References pass as pointers. A returned reference becomes a Rust borrow only when its
//! lifetime is unambiguous (exactly one reference parameter, and `&mut` only from `&mut`);
//! otherwise the function returns a raw pointer and is `unsafe`.

use crate::analyze::naming::rust_ident;
use crate::model::{Function, Item, Type};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Pass {
    Value,
    Enum,
    ByPtr,
    Ref { is_const: bool },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ret {
    Void,
    Value,
    Enum,
    OutPtr,
    /// Borrow of the single reference argument.
    Borrow { is_const: bool },
    /// Reference with no lifetime we can state: returned as a raw pointer.
    RawRef { is_const: bool },
}

pub fn param(ty: &Type) -> Pass {
    match ty {
        Type::Enum(_) => Pass::Enum,
        Type::Record(_) => Pass::ByPtr,
        Type::Ref { is_const, .. } => Pass::Ref { is_const: *is_const },
        _ => Pass::Value,
    }
}

pub fn ret(f: &Function) -> Ret {
    match &f.ret {
        Type::Void => Ret::Void,
        Type::Enum(_) => Ret::Enum,
        Type::Record(_) => Ret::OutPtr,
        Type::Ref { is_const, .. } => {
            let refs: Vec<bool> = f
                .params
                .iter()
                .filter_map(|p| match &p.ty {
                    Type::Ref { is_const, .. } => Some(*is_const),
                    _ => None,
                })
                .collect();
            let sound = refs.len() == 1 && (*is_const || !refs[0]);
            if sound {
                Ret::Borrow { is_const: *is_const }
            } else {
                Ret::RawRef { is_const: *is_const }
            }
        }
        _ => Ret::Value,
    }
}

/// Raw pointers in the signature, or a returned reference we cannot tie to a borrow.
pub fn is_unsafe(f: &Function) -> bool {
    f.ret.has_pointer() || f.params.iter().any(|p| p.ty.has_pointer()) || matches!(ret(f), Ret::RawRef { .. })
}

/// `relocxx_<binding>_<len><segment>...`: length-prefixed segments keep `a_b::c` and `a::b_c`
/// apart, and the binding name keeps two binding sets in one program apart.
pub fn thunk_name(binding: &str, item: &Item) -> String {
    let mut s = format!("relocxx_{binding}_");
    for seg in item.ns.iter().map(|n| n.name.as_str()).chain([item.rust_name.trim_start_matches("r#")]) {
        s.push_str(&seg.len().to_string());
        s.push_str(seg);
    }
    s
}

/// Rust module path segments of an item's namespaces.
pub fn module_path(item: &Item) -> Vec<String> {
    item.ns.iter().map(|s| rust_ident(&s.name)).collect()
}
