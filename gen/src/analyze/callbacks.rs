//! Callbacks: `std::function<R(Args...)>` parameters take Rust closures (DESIGN §6).
//!
//! A parameter of type `std::function<F>` or `const std::function<F>&` becomes
//! `impl FnMut(Args...) -> R + Send + 'static` in Rust: C++ may keep the function (so
//! `'static`), copy it (the copies share the closure), and call it from any thread (so `Send`;
//! calls never overlap, the runtime aborts if two would, so `Sync` is not needed). Its
//! arguments and result cross as for a virtual implemented in Rust (`subclass::param`/`ret`).
//!
//! Invariant after this pass: a `std::function` appears only as such a parameter, with
//! `Param::callback` set; a call using one anywhere else (a result, a non-const reference, inside
//! another template), or whose closure arguments cannot cross, is skipped with the reason.

use super::subclass::{self, up_reprs, Reprs};
use crate::model::{Callback, Item, ItemKind, Param, Skipped, StdType, Type};

pub fn run(items: &mut Vec<Item>, skipped: &mut Vec<Skipped>) {
    let reprs = up_reprs(items);
    items.retain_mut(|item| {
        let q = item.qualified();
        match &mut item.kind {
            ItemKind::Function(f) => match check(&mut f.params, &f.ret, &reprs) {
                Ok(()) => true,
                Err(reason) => {
                    skipped.push(Skipped {
                        loc: item.loc.clone(),
                        name: q,
                        reason,
                    });
                    false
                }
            },
            ItemKind::Record(r) => {
                for list in [&mut r.ctors, &mut r.methods] {
                    list.retain_mut(|m| match check(&mut m.params, &m.ret, &reprs) {
                        Ok(()) => true,
                        Err(reason) => {
                            skipped.push(Skipped::member(&q, m, reason));
                            false
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

fn check(params: &mut [Param], ret: &Type, reprs: &Reprs) -> Result<(), String> {
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
        p.callback = Some(Callback { params, ret });
    }
    Ok(())
}
