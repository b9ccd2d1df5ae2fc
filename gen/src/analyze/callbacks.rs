//! Callbacks: `std::function<R(Args...)>` parameters take Rust closures (DESIGN §6).
//!
//! A parameter of type `std::function<F>` or `const std::function<F>&` becomes
//! `impl FnMut(Args...) -> R + Send + 'static` in Rust: C++ may keep the function (so
//! `'static`), copy it (the copies share the closure), and call it from any thread (so `Send`;
//! calls never overlap, the runtime aborts if two would, so `Sync` is not needed). Its
//! arguments and result cross as for a virtual implemented in Rust (`subclass::param`/`ret`).
//!
//! C-style pairs — a function pointer with a `void*` argument and the `void*` the function
//! passes to it — in a function the user marked `callback!` take
//! `impl FnMut(Args...) -> R + Send` (the `void*` argument and parameter disappear): the user
//! promised the function calls it only before returning, so the closure may borrow and is
//! freed when the call returns. C calls the Rust function directly, so only values whose C ABI
//! Rust reproduces cross (scalars, enums, pointers, references, plain-data records by value).
//! Unmarked function pointers are `Option<unsafe extern "C" fn(..)>` in an `unsafe fn`.
//!
//! Invariant after this pass: a `std::function` appears only as such a parameter, with
//! `Param::callback` set; a call using one anywhere else (a result, a non-const reference, inside
//! another template), or whose closure arguments cannot cross, is skipped with the reason; every
//! function marked `callback!` has its pair set (`Callback::c_pair`, `Param::is_context`) or is
//! skipped with the reason.

use super::subclass::{self, up_reprs, Reprs};
use super::upcall_safety::{self, RawFields};
use crate::model::{
    CPair, Callback, Item, ItemKind, Param, Repr, Skipped, StdType, Type, UpParam, UpRet,
};
use crate::options::{matches_any, Selection};

pub fn run(items: &mut Vec<Item>, sel: &Selection, skipped: &mut Vec<Skipped>) {
    let reprs = up_reprs(items);
    let raw = super::borrows::raw_pointer_fields(items);
    items.retain_mut(|item| {
        let q = item.qualified();
        let v = item.qualified_visible();
        let marked = |name: &str| {
            let names = [format!("{q}{name}"), format!("{v}{name}")];
            matches_any(&sel.callback, &[names[0].as_str(), names[1].as_str()])
        };
        match &mut item.kind {
            ItemKind::Function(f) => match check(&mut f.params, &f.ret, &reprs, &raw)
                .and_then(|()| c_pair(&mut f.params, marked(""), &reprs, &raw))
            {
                Ok(()) => true,
                Err(reason) => {
                    skipped.push(Skipped {
                        callable: Some(crate::model::Callable::function(f.params.len())),
                        loc: item.loc.clone(),
                        name: q,
                        reason,
                    });
                    false
                }
            },
            ItemKind::Record(r) => {
                for list in [&mut r.ctors, &mut r.methods] {
                    list.retain_mut(|m| {
                        match check(&mut m.params, &m.ret, &reprs, &raw).and_then(|()| {
                            c_pair(
                                &mut m.params,
                                marked(&format!("::{}", m.name)),
                                &reprs,
                                &raw,
                            )
                        }) {
                            Ok(()) => true,
                            Err(reason) => {
                                skipped.push(Skipped::member(&q, m, reason));
                                false
                            }
                        }
                    });
                }
                true
            }
            _ => true,
        }
    });
}

/// The callback of a parameter type, if it is one a closure can be given for.
pub fn callback_type(ty: &Type) -> Option<(&Type, &[Type])> {
    match ty {
        Type::Std(StdType::Function { ret, params }) => Some((ret, params)),
        Type::Ref {
            is_const: true,
            pointee,
        } => match &**pointee {
            Type::Std(StdType::Function { ret, params }) => Some((ret, params)),
            _ => None,
        },
        _ => None,
    }
}

fn has_function(ty: &Type) -> bool {
    match ty {
        Type::Std(StdType::Function { .. }) => true,
        Type::Std(s) => s.inner().into_iter().any(has_function),
        Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => has_function(pointee),
        Type::Array { elem, .. } => has_function(elem),
        _ => false,
    }
}

fn check(params: &mut [Param], ret: &Type, reprs: &Reprs, raw: &RawFields) -> Result<(), String> {
    if has_function(ret) {
        return Err("returns a `std::function`: only parameters take Rust closures".into());
    }
    for p in params.iter_mut() {
        let Some((r, args)) = callback_type(&p.ty) else {
            if has_function(&p.ty) {
                return Err(format!(
                    "parameter `{}`: a `std::function` takes a Rust closure only by value or by const reference",
                    p.name
                ));
            }
            continue;
        };
        let params = args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                subclass::param(a, reprs)
                    .map_err(|e| format!("parameter `{}`: the callback's argument {i} {e}", p.name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let ret = subclass::ret(r, reprs)
            .map_err(|e| format!("parameter `{}`: the callback {e}", p.name))?;
        let values: Vec<_> = args.iter().zip(params.iter().copied()).collect();
        let unsafe_impl = upcall_safety::implementing(&values, r, raw);
        p.callback = Some(Callback {
            params,
            ret,
            c_pair: None,
            unsafe_impl,
        });
    }
    Ok(())
}

fn is_void_ptr(t: &Type) -> bool {
    matches!(t, Type::Pointer { is_const: false, pointee } if **pointee == Type::Void)
}

/// Pairs the function pointer and its context in a function marked `callback!`.
fn c_pair(
    params: &mut [Param],
    marked: bool,
    reprs: &Reprs,
    raw: &RawFields,
) -> Result<(), String> {
    if !marked {
        return Ok(());
    }
    let fns: Vec<usize> = (0..params.len())
        .filter(|&i| matches!(&params[i].ty, Type::FnPtr { params, .. } if params.iter().filter(|t| is_void_ptr(t)).count() == 1))
        .collect();
    let contexts: Vec<usize> = (0..params.len())
        .filter(|&i| is_void_ptr(&params[i].ty))
        .collect();
    let (&[f], &[c]) = (fns.as_slice(), contexts.as_slice()) else {
        return Err(format!(
            "marked callback!, but it has {} function pointer parameter(s) with one `void*` argument and {} `void*` parameter(s); exactly one of each makes the pair",
            fns.len(),
            contexts.len()
        ));
    };
    let Type::FnPtr { ret, params: args } = &params[f].ty else {
        unreachable!("checked above")
    };
    let arg = args.iter().position(is_void_ptr).expect("checked above");
    let mut ups = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if i == arg {
            ups.push(UpParam::Value);
            continue;
        }
        // C calls the Rust function itself: only values with the same C ABI in Rust.
        let up = match a {
            Type::Record(n) if reprs.get(n).is_some_and(|r| r.0 == Repr::Pod) => Ok(UpParam::Value),
            Type::Ref { .. } | Type::Prim(_) | Type::Enum(_) | Type::Pointer { .. } => {
                subclass::param(a, reprs)
            }
            _ => Err("has a type C cannot pass to Rust directly".to_string()),
        };
        ups.push(up.map_err(|e| {
            format!(
                "parameter `{}`: the callback's argument {i} {e}",
                params[f].name
            )
        })?);
    }
    let up_ret = match &**ret {
        Type::Void => UpRet::Void,
        Type::Prim(_) | Type::Enum(_) | Type::Pointer { .. } => UpRet::Value,
        Type::Record(n) if reprs.get(n).is_some_and(|r| r.0 == Repr::Pod) => UpRet::Value,
        _ => {
            return Err(format!(
                "parameter `{}`: the callback returns a type C cannot take from Rust directly",
                params[f].name
            ))
        }
    };
    let values: Vec<_> = args.iter().zip(ups.iter().copied()).collect();
    let unsafe_impl = upcall_safety::implementing(&values, ret, raw);
    params[f].callback = Some(Callback {
        params: ups,
        ret: up_ret,
        c_pair: Some(CPair { arg, param: c }),
        unsafe_impl,
    });
    params[c].is_context = true;
    Ok(())
}
