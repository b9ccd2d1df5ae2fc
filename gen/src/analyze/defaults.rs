//! Pass 4b — defaults: calls with default arguments get a second binding that leaves them out.
//!
//! Rust has no default arguments. A function, constructor or method whose trailing parameters
//! have defaults (`int parse(const char* text, int base = 10)`) keeps its full binding and also
//! gets `<name>_with_defaults` taking only the leading parameters; its thunk calls C++ with
//! those, so C++ evaluates the defaults exactly as a C++ caller's call would. The variant is
//! left out when another overload already takes exactly those parameters (the C++ call would be
//! ambiguous).
//!
//! Invariant after this pass: every `with_defaults` call has no defaulted parameter left and a
//! full twin in the same scope.

use crate::model::{Item, ItemKind, Method, Param, Type};

pub fn run(items: &mut Vec<Item>) {
    let mut out = Vec::with_capacity(items.len());
    let free: Vec<(usize, String, Vec<Param>)> = items
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match &i.kind {
            ItemKind::Function(f) => Some((k, i.qualified(), f.params.clone())),
            _ => None,
        })
        .collect();
    for (k, mut item) in items.drain(..).enumerate() {
        let q = item.qualified();
        let variant = match &mut item.kind {
            ItemKind::Function(f) => leading(&f.params).filter(|&n| {
                !free
                    .iter()
                    .any(|(j, g, ps)| *j != k && *g == q && callable_with(ps, &f.params[..n]))
            }),
            ItemKind::Record(r) => {
                r.ctors = with_variants(std::mem::take(&mut r.ctors));
                r.methods = with_variants(std::mem::take(&mut r.methods));
                None
            }
            _ => None,
        }
        .map(|n| {
            let mut v = item.clone();
            if let ItemKind::Function(g) = &mut v.kind {
                g.omitted_borrows = borrowed_names(&g.params[n..]);
                g.params.truncate(n);
                g.with_defaults = true;
            }
            v
        });
        out.push(item);
        out.extend(variant);
    }
    *items = out;
}

/// How many parameters remain when the trailing defaulted ones are left out, if any are.
fn leading(params: &[Param]) -> Option<usize> {
    let n = params.len() - params.iter().rev().take_while(|p| p.has_default).count();
    (n < params.len()).then_some(n)
}

/// The parameters whose default is a temporary the call could keep a pointer to.
fn borrowed_names(params: &[Param]) -> Vec<String> {
    params
        .iter()
        .filter(|p| {
            super::borrows::borrowed(&p.ty).is_some() || matches!(p.ty, Type::Pointer { .. })
        })
        .map(|p| p.name.clone())
        .collect()
}

/// Whether an overload taking `params` could also be called with arguments of `leading`'s
/// types (the rest of its parameters defaulted): then the short C++ call is ambiguous.
fn callable_with(params: &[Param], leading: &[Param]) -> bool {
    params.len() >= leading.len()
        && params[leading.len()..].iter().all(|p| p.has_default)
        && params.iter().zip(leading).all(|(x, y)| x.ty == y.ty)
}

/// `members` with a `_with_defaults` variant after each member that has defaults.
fn with_variants(members: Vec<Method>) -> Vec<Method> {
    let mut out = Vec::with_capacity(members.len());
    for (k, m) in members.iter().enumerate() {
        out.push(m.clone());
        let Some(n) = leading(&m.params) else {
            continue;
        };
        let clash = members.iter().enumerate().any(|(j, o)| {
            j != k
                && o.name == m.name
                && o.kind == m.kind
                && callable_with(&o.params, &m.params[..n])
        });
        if !clash {
            let mut v = m.clone();
            v.omitted_borrows = borrowed_names(&v.params[n..]);
            v.params.truncate(n);
            v.with_defaults = true;
            out.push(v);
        }
    }
    out
}
