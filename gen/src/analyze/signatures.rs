//! Pass 4 — signatures: with every record's representation known, drop the calls that cannot be
//! expressed soundly and say why: a pinned object cannot be passed by value (Rust could not give
//! it up without moving it), types that cannot be destroyed or are abstract are never
//! constructed, and operators map to Rust traits only in the shapes those traits have.
//!
//! Invariant after this pass: every remaining function, constructor and method can be lowered by
//! `emit::abi` without moving a pinned object.

use std::collections::HashMap;

use crate::emit::abi::runtime_vector_element;
use crate::model::{
    Item, ItemKind, Method, MethodKind, Operator, Param, Repr, Skipped, StdType, Type,
};
use crate::options::{matches_any, Selection};

pub fn run(items: &mut Vec<Item>, sel: &Selection, skipped: &mut Vec<Skipped>) {
    let reprs = reprs(items);
    let externs = super::extern_types::names(items);
    mark_fallible(items, sel);
    items.retain(|item| match &item.kind {
        ItemKind::Function(f) => match by_value_pinned(&f.params, &reprs)
            .or_else(|| fallible_problem(f.fallible, &f.ret, &reprs))
            .or_else(|| std_problem(&f.params, &f.ret, &reprs))
            .or_else(|| super::extern_types::container_problem(&f.params, &f.ret, &externs))
        {
            Some(reason) => {
                skipped.push(Skipped {
                    callable: Some(crate::model::Callable::function(f.params.len())),
                    loc: item.loc.clone(),
                    name: item.qualified(),
                    reason,
                });
                false
            }
            None => true,
        },
        _ => true,
    });
    for item in items.iter_mut() {
        let q = item.qualified();
        let (name, loc) = (item.name.clone(), item.loc.clone());
        let ItemKind::Record(r) = &mut item.kind else {
            continue;
        };
        let repr = r.repr();
        let self_ty = Type::Record(q.clone());
        let constructible = !r.is_abstract && r.traits.destructible != Some(false);
        let mut drop_member = |m: &Method, reason: String| {
            skipped.push(Skipped::member(&q, m, reason));
        };
        // An implicit (or defaulted-argument) default constructor is still a constructor.
        let synthesize = constructible
            && r.traits.default_constructible == Some(true)
            && !r.ctors.iter().any(|c| c.params.is_empty());
        if synthesize {
            r.ctors.insert(
                0,
                Method {
                    name: name.clone(),
                    display: format!("{name}()"),
                    params: Vec::new(),
                    ret: Type::Void,
                    kind: MethodKind::Constructor,
                    noexcept: false,
                    fallible: false,
                    op: None,
                    loc: loc.clone(),
                    doc: String::new(),
                    rust_name: String::new(),
                    borrows: Default::default(),
                    with_defaults: false,
                    omitted_borrows: Vec::new(),
                    deprecated: false,
                    inherited_from: None,
                },
            );
        }
        r.ctors.retain(|m| {
            let why = if !constructible {
                Some(
                    "the class is abstract or cannot be destroyed, so it is never constructed"
                        .to_string(),
                )
            } else {
                by_value_pinned(&m.params, &reprs)
                    .or_else(|| fallible_problem(m.fallible, &self_ty, &reprs))
                    .or_else(|| std_problem(&m.params, &self_ty, &reprs))
                    .or_else(|| {
                        super::extern_types::container_problem(&m.params, &self_ty, &externs)
                    })
            };
            why.map(|w| drop_member(m, w)).is_none()
        });
        r.methods.retain(|m| {
            let why = by_value_pinned(&m.params, &reprs)
                .or_else(|| fallible_problem(m.fallible, &m.ret, &reprs))
                .or_else(|| std_problem(&m.params, &m.ret, &reprs))
                .or_else(|| super::extern_types::container_problem(&m.params, &m.ret, &externs))
                .or_else(|| {
                    m.op.and_then(|op| operator_problem(op, m, &q, repr, &reprs))
                });
            why.map(|w| drop_member(m, w)).is_none()
        });
    }
}

/// Sets `fallible` on the functions, constructors and methods the user named.
fn mark_fallible(items: &mut [Item], sel: &Selection) {
    if sel.fallible.is_empty() {
        return;
    }
    for item in items.iter_mut() {
        let (q, v) = (item.qualified(), item.qualified_visible());
        match &mut item.kind {
            ItemKind::Function(f) => f.fallible = matches_any(&sel.fallible, &[&q, &v]),
            ItemKind::Record(r) => {
                for m in r.ctors.iter_mut().chain(r.methods.iter_mut()) {
                    let (mq, mv) = (format!("{q}::{}", m.name), format!("{v}::{}", m.name));
                    m.fallible = matches_any(&sel.fallible, &[&mq, &mv]);
                }
            }
            _ => {}
        }
    }
}

/// A pinned result is constructed later, where the caller places it: no `Result` to return.
fn fallible_problem(fallible: bool, ret: &Type, reprs: &HashMap<String, Repr>) -> Option<String> {
    let pinned = matches!(ret, Type::Record(q) if reprs.get(q) == Some(&Repr::Pinned));
    (fallible && pinned).then(|| {
        "fallible! is not supported for calls that construct a pinned type in place".to_string()
    })
}

/// Standard-library types in shapes the runtime supports: vector elements it has operations
/// for (views and what they borrow from are `borrows`' business).
fn std_problem(params: &[Param], ret: &Type, reprs: &HashMap<String, Repr>) -> Option<String> {
    fn element_problem(t: &Type, reprs: &HashMap<String, Repr>) -> Option<String> {
        let pinned = |q: &String| reprs.get(q) == Some(&Repr::Pinned);
        let named = |t: &Type| crate::emit::cpp::types::cpp_type(t);
        match t {
            Type::Std(StdType::UniquePtr(e)) => match &**e {
                Type::Record(_) | Type::Std(StdType::String) => None,
                Type::Prim(p) if runtime_builtin(*p) || *p == crate::model::Prim::Bool => None,
                _ => Some(format!("{} is supported for classes, std::string and fixed-width builtins only", named(t))),
            },
            Type::Std(StdType::SharedPtr(e)) => match &**e {
                Type::Record(_) => None,
                _ => Some(format!("{} is supported for classes only", named(t))),
            },
            Type::Std(StdType::Optional(e)) => match &**e {
                Type::Prim(_) | Type::Enum(_) | Type::Std(StdType::String) => None,
                Type::Record(q) if !pinned(q) => None,
                _ => Some(format!("{} is not supported (pinned or unsupported element)", named(t))),
            },
            Type::Std(StdType::Span { elem, is_const }) => match &**elem {
                Type::Prim(_) | Type::Enum(_) => None,
                Type::Record(q) if *is_const || !pinned(q) => None,
                _ => Some(format!("{} is not supported", named(t))),
            },
            Type::Std(StdType::Vector(e)) => match &**e {
                Type::Prim(p) if runtime_builtin(*p) => None,
                Type::Record(q) if reprs.get(q) != Some(&Repr::Pinned) => None,
                Type::Std(StdType::String) => None,
                other => Some(format!(
                    "std::vector<{}> is not supported (elements: integers, floats, std::string, plain-data and relocatable classes)",
                    crate::emit::cpp::types::cpp_type(other)
                )),
            },
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => element_problem(pointee, reprs),
            // Rust calls (or is called through) it as `extern "C"`: only values whose C ABI
            // Rust reproduces. A class with a non-trivial copy or destructor, a std type, is
            // passed differently by C++ (invisible reference, ownership).
            Type::FnPtr { ret, params } => {
                let c_abi = |t: &Type| match t {
                    Type::Void | Type::Prim(_) | Type::Enum(_) | Type::Pointer { .. } => true,
                    Type::Ref { .. } | Type::FnPtr { .. } => true,
                    Type::Record(q) => reprs.get(q) == Some(&Repr::Pod),
                    _ => false,
                };
                let all = || std::iter::once(&**ret).chain(params.iter());
                match all().find(|t| !c_abi(t)) {
                    Some(bad) => Some(format!(
                        "the function pointer type {} passes {} by value, which Rust cannot pass as C++ does (only C types: scalars, enums, pointers, references, plain data)",
                        named(t),
                        named(bad)
                    )),
                    None => all().find_map(|e| element_problem(e, reprs)),
                }
            }
            _ => None,
        }
    }
    if let Some(p) = params
        .iter()
        .map(|p| &p.ty)
        .chain([ret])
        .find_map(|t| element_problem(t, reprs))
    {
        return Some(p);
    }
    if let Some(p) = params
        .iter()
        .find(|p| matches!(p.ty, Type::Std(StdType::Optional(_))))
    {
        return Some(format!(
            "parameter `{}`: std::optional is mapped as a return type only",
            p.name
        ));
    }
    None
}

/// Whether the runtime's fixed-width instantiations (`std::vector<std::int64_t>`,
/// `std::unique_ptr<std::int64_t>`...) are this very C++ type. `long long` is not
/// `std::int64_t` where `long` is 64-bit (LP64: Linux, macOS), so it is skipped there rather
/// than failing the shim's `static_assert`.
fn runtime_builtin(p: crate::model::Prim) -> bool {
    use crate::model::Prim::{LongLong, ULongLong};
    let lp64 = std::mem::size_of::<std::ffi::c_long>() == 8;
    runtime_vector_element(p).is_some() && !(lp64 && matches!(p, LongLong | ULongLong))
}

/// Qualified name -> representation, for every bound record.
pub fn reprs(items: &[Item]) -> HashMap<String, Repr> {
    items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) => Some((i.qualified(), r.repr())),
            _ => None,
        })
        .collect()
}

fn by_value_pinned(params: &[Param], reprs: &HashMap<String, Repr>) -> Option<String> {
    params.iter().find_map(|p| match &p.ty {
        Type::Record(q) if reprs.get(q) == Some(&Repr::Pinned) => Some(format!(
            "parameter `{}` takes pinned type `{q}` by value (Rust cannot give up a pinned object without moving it)",
            p.name
        )),
        _ => None,
    })
}

/// Whether `ty` is `T`, `const T&` or `T&` for the record `q`.
fn is_self_operand(ty: &Type, q: &str) -> bool {
    match ty {
        Type::Record(n) => n == q,
        Type::Ref {
            pointee,
            is_const: true,
        } => matches!(&**pointee, Type::Record(n) if n == q),
        _ => false,
    }
}

fn operator_problem(
    op: Operator,
    m: &Method,
    q: &str,
    repr: Repr,
    reprs: &HashMap<String, Repr>,
) -> Option<String> {
    let operand = m.params.first().map(|p| &p.ty);
    let is_const = matches!(m.kind, MethodKind::Instance { is_const: true });
    match op {
        Operator::Index => None,
        Operator::Eq | Operator::Ne | Operator::Lt | Operator::Gt | Operator::Le | Operator::Ge => {
            if !is_const
                || !operand.is_some_and(|t| is_self_operand(t, q))
                || m.ret != Type::Prim(crate::model::Prim::Bool)
            {
                Some("comparison operators map to PartialEq/PartialOrd only as `bool op(const T&) const`".into())
            } else {
                None
            }
        }
        Operator::Add | Operator::Sub | Operator::Mul | Operator::Div => {
            let by_value = |t: &Type| match t {
                Type::Record(n) => reprs.get(n).is_some_and(|r| *r != Repr::Pinned),
                Type::Prim(_) | Type::Enum(_) => true,
                _ => false,
            };
            if repr == Repr::Pinned {
                Some("arithmetic operators map to std::ops only for types held by value".into())
            } else if !is_const
                || !operand.is_some_and(|t| is_self_operand(t, q))
                || !by_value(&m.ret)
            {
                Some("arithmetic operators map to std::ops only as `R op(const T&) const` with R held by value".into())
            } else {
                None
            }
        }
    }
}
