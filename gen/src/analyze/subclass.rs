//! Interfaces implemented in Rust (`subclass!`, DESIGN §6): which virtual functions a Rust type
//! implements, how their values cross from C++ into Rust, and their trait method names.
//!
//! Two steps, because the second needs what later passes decide:
//! - `collect` (after `select`, before `resolve`): for each class named by `subclass!`, the
//!   final overriders of every virtual function it has (its own and its bases'), so `resolve`
//!   pulls in the types they use. A class no Rust type could implement is refused with the
//!   reason (not polymorphic, `final`, no constructor a derived class can call without
//!   arguments, destructor not public and virtual, a pure virtual that cannot be represented).
//!   Non-pure virtuals that cannot be overridden (`final`, private with an implementation the
//!   default could not call, unrepresentable) keep their C++ behaviour and are listed.
//! - `check` (after `naming`): each parameter and result gets its C++ -> Rust crossing
//!   (`UpParam`/`UpRet`, read by both emitters); a pure virtual that cannot cross refuses the
//!   class, a non-pure one is listed and keeps its C++ implementation. Trait methods are named
//!   by the overload rule (`overloads`) over the interface's virtuals.
//!
//! Invariant after `check`: `Record::interface` is `Some` only for a class C++ can derive from,
//! default-construct and delete through its own pointer type, and its `methods` are exactly the
//! virtuals the generated C++ class overrides, each with a crossing for every value.

use std::collections::HashMap;

use super::naming::rust_ident;
use super::overloads::{assign, Entry};
use super::upcall_safety;
use crate::model::{
    Access, Interface, InterfaceMethod, Item, ItemKind, Record, Repr, Skipped, StdType, Type,
    UpParam, UpRet,
};

/// Finds the virtuals of each class named by `subclass!`; refuses the ones C++ cannot derive
/// from as needed.
pub fn collect(
    roots: &mut [Item],
    all: &HashMap<String, Record>,
    names: &[String],
    skipped: &mut Vec<Skipped>,
) {
    let norm = |s: &str| s.trim().trim_start_matches("::").to_string();
    let names: Vec<String> = names.iter().map(|n| norm(n)).collect();
    let mut found = Vec::new();
    for item in roots.iter_mut() {
        let (q, v) = (item.qualified(), item.qualified_visible());
        if !names.contains(&q) && !names.contains(&v) {
            continue;
        }
        found.push(q.clone());
        found.push(v);
        let refuse = |skipped: &mut Vec<Skipped>, why: String| {
            skipped.push(Skipped {
                callable: None,
                loc: item.loc.clone(),
                name: format!("subclass!(\"{q}\")"),
                reason: why,
            })
        };
        let ItemKind::Record(r) = &mut item.kind else {
            refuse(skipped, "not a class".into());
            continue;
        };
        match refusal(&q, r, all) {
            Some(why) => refuse(skipped, why),
            None => match methods(&q, r, all, skipped) {
                Ok(methods) => {
                    r.interface = Some(Interface {
                        methods,
                        unsafe_impl: None,
                    })
                }
                Err(why) => refuse(skipped, why),
            },
        }
    }
    for n in names.iter().filter(|n| !found.contains(n)) {
        skipped.push(Skipped {
            callable: None,
            loc: Default::default(),
            name: format!("subclass!(\"{n}\")"),
            reason: "no class of that name is declared by the headers (or it is blocked)".into(),
        });
    }
}

/// Why C++ could not derive from, construct or delete the class, if so.
fn refusal(q: &str, r: &Record, all: &HashMap<String, Record>) -> Option<String> {
    if !r.is_polymorphic {
        return Some("it has no virtual functions: there is nothing to implement".into());
    }
    if r.is_final {
        return Some("it is `final`: C++ cannot derive from it".into());
    }
    if !r.derived_default_ctor {
        return Some("it has no public or protected constructor callable without arguments".into());
    }
    if !r.dtor_public || !super::bases::virtual_dtor(q, all, 0) {
        return Some(format!(
            "its destructor is not public and virtual, so C++ cannot delete the Rust-backed object through `{q}*`"
        ));
    }
    None
}

/// The final overrider of every virtual the class has, most derived first.
fn methods(
    q: &str,
    r: &Record,
    all: &HashMap<String, Record>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<InterfaceMethod>, String> {
    // Breadth-first over all bases (a private base's virtuals are overridable too); the first
    // declaration of a signature is its final overrider as seen from `q`. The flag: reached
    // through a private base of `q` or of one of its bases, so the generated class (deriving
    // from `q`) cannot call its implementation.
    let mut order: Vec<(String, &Record, bool)> = vec![(q.to_string(), r, false)];
    let mut i = 0;
    while i < order.len() && order.len() < 256 {
        let (_, rec, hidden) = order[i];
        for (_, t) in &rec.bases {
            let crate::model::MemberType::Record(b) = t else {
                continue;
            };
            if let Some(br) = all.get(b) {
                if !order.iter().any(|(n, _, _)| n == b) {
                    order.push((b.clone(), br, hidden || rec.private_bases.contains(b)));
                }
            }
        }
        i += 1;
    }
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (decl_in, rec, hidden) in &order {
        for v in &rec.virtuals {
            if seen.contains(&v.key) {
                continue;
            }
            seen.push(v.key.clone());
            let not_overridden = |why: &str| Skipped {
                callable: None,
                loc: v.loc.clone(),
                name: format!("{q}::{} (implemented in Rust)", v.display),
                reason: format!("{why}; the C++ implementation stays"),
            };
            if v.is_final {
                skipped.push(not_overridden("declared `final`"));
                continue;
            }
            if *hidden && !v.pure {
                skipped.push(not_overridden(
                    "declared in a private base, so the Rust default could not call the C++ implementation",
                ));
                continue;
            }
            if v.access == Access::Private && !v.pure {
                skipped.push(not_overridden(
                    "private, so the Rust default could not call the C++ implementation",
                ));
                continue;
            }
            match &v.method {
                Ok(m) => out.push(InterfaceMethod {
                    method: m.clone(),
                    pure: v.pure,
                    declared_in: decl_in.clone(),
                    params: Vec::new(),
                    ret: UpRet::Void,
                    unsafe_call: None,
                    base_name: String::new(),
                }),
                Err(why) if v.pure => {
                    return Err(format!(
                        "its pure virtual `{}` cannot be represented: {why}",
                        v.display
                    ))
                }
                Err(why) => skipped.push(not_overridden(why)),
            }
        }
    }
    Ok(out)
}

/// Crossings and names; refuses classes whose pure virtuals cannot cross.
pub fn check(items: &mut [Item], renames: &[(String, String)], skipped: &mut Vec<Skipped>) {
    let reprs = up_reprs(items);
    let raw = super::borrows::raw_pointer_fields(items);
    for item in items.iter_mut() {
        let q = item.qualified();
        let ItemKind::Record(r) = &mut item.kind else {
            continue;
        };
        let Some(iface) = &mut r.interface else {
            continue;
        };
        let mut refused = None;
        iface.methods.retain_mut(|m| {
            let crossing = m
                .method
                .params
                .iter()
                .map(|p| param(&p.ty, &reprs).map_err(|e| format!("parameter `{}` {e}", p.name)))
                .collect::<Result<Vec<_>, _>>()
                .and_then(|ps| Ok((ps, ret(&m.method.ret, &reprs)?)));
            match crossing {
                Ok((ps, rt)) => {
                    m.params = ps;
                    m.ret = rt;
                    true
                }
                Err(why) if m.pure => {
                    refused
                        .get_or_insert(format!("its pure virtual `{}`: {why}", m.method.display));
                    false
                }
                Err(why) => {
                    skipped.push(Skipped {
                        callable: None,
                        loc: m.method.loc.clone(),
                        name: format!("{q}::{} (implemented in Rust)", m.method.display),
                        reason: format!("{why}; the C++ implementation stays"),
                    });
                    false
                }
            }
        });
        if let Some(why) = refused {
            skipped.push(Skipped {
                callable: None,
                loc: item.loc.clone(),
                name: format!("subclass!(\"{q}\")"),
                reason: why,
            });
            r.interface = None;
            continue;
        }
        let mut promises = Vec::new();
        for m in iface.methods.iter_mut() {
            let values: Vec<_> = m
                .method
                .params
                .iter()
                .map(|p| &p.ty)
                .zip(m.params.iter().copied())
                .collect();
            if let Some(why) = upcall_safety::implementing(&values, &m.method.ret, &raw) {
                promises.push(format!("`{}` {why}", m.method.display));
            }
            if !m.pure {
                m.unsafe_call = upcall_safety::forwarding(&m.method.params, &raw);
            }
        }
        iface.unsafe_impl = (!promises.is_empty()).then(|| {
            format!(
                "{}: what the implementation hands C++ must be valid for what `{q}`'s callers do \
                 with it (see the C++ documentation), e.g. a `c\"...\"` literal for a name.",
                promises.join("; ")
            )
        });
        let entries: Vec<Entry<'_>> = iface
            .methods
            .iter()
            .map(|m| {
                let display = m.method.display.replace(' ', "");
                let konst = if m.is_const() { " const" } else { "" };
                Entry {
                    scope: q.clone(),
                    base: m.method.name.clone(),
                    params: &m.method.params,
                    keys: vec![
                        format!("{q}::{}", m.method.name),
                        format!("{q}::{display}"),
                        format!("{q}::{display}{konst}"),
                    ],
                    is_mut: !m.is_const(),
                    always_mut: false,
                }
            })
            .collect();
        let names = assign(&entries, renames);
        for (m, n) in iface.methods.iter_mut().zip(names) {
            m.method.rust_name = rust_ident(&n);
        }
        let mut taken: Vec<String> = iface
            .methods
            .iter()
            .map(|m| m.method.rust_name.trim_start_matches("r#").to_string())
            .collect();
        for m in iface.methods.iter_mut().filter(|m| !m.pure) {
            let mut b = format!("{}_base", m.method.rust_name.trim_start_matches("r#"));
            while taken.contains(&b) {
                b.push('_');
            }
            taken.push(b.clone());
            m.base_name = b;
        }
    }
}

impl InterfaceMethod {
    pub fn is_const(&self) -> bool {
        matches!(
            self.method.kind,
            crate::model::MethodKind::Instance { is_const: true }
        )
    }
}

/// What the crossing rules need of each bound record: its representation, whether it can be
/// move-constructed, and whether its tail padding may hold a derived class's members
/// (`Record::tail_shared`).
pub type Reprs = HashMap<String, (Repr, bool, bool)>;

pub fn up_reprs(items: &[Item]) -> Reprs {
    items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) => Some((
                i.qualified(),
                (
                    r.repr(),
                    r.traits.move_constructible != Some(false),
                    r.tail_shared(),
                ),
            )),
            ItemKind::Enum(_) => Some((i.qualified(), (Repr::Pod, true, false))),
            _ => None,
        })
        .collect()
}

/// A value C++ hands to a Rust implementation (of a virtual, or a closure: `callbacks`).
pub fn param(ty: &Type, reprs: &Reprs) -> Result<UpParam, String> {
    match ty {
        Type::Prim(_) | Type::Pointer { .. } | Type::Enum(_) => Ok(UpParam::Value),
        Type::Ref { is_const, pointee } => match &**pointee {
            Type::Prim(_)
            | Type::Enum(_)
            | Type::Pointer { .. }
            | Type::Std(StdType::String | StdType::Vector(_)) => Ok(UpParam::Ref {
                is_const: *is_const,
                pinned: false,
            }),
            // Possibly a base subobject sharing its tail: no `&mut` (SAFETY.md rule 20).
            Type::Record(n) if !*is_const && reprs.get(n).is_some_and(|r| r.2) => {
                Ok(UpParam::RawMut)
            }
            Type::Record(n) => Ok(UpParam::Ref {
                is_const: *is_const,
                pinned: reprs.get(n).is_none_or(|r| r.0 == Repr::Pinned),
            }),
            _ => Err("is a reference to a type not passed from C++ to Rust yet".into()),
        },
        Type::Record(n) => match reprs.get(n) {
            Some((Repr::Pod, _, _)) => Ok(UpParam::Copy),
            Some((Repr::Relocatable, true, _)) => Ok(UpParam::Move),
            _ => Err(format!(
                "takes `{n}` by value, which is pinned (it would have to move into Rust)"
            )),
        },
        Type::Std(StdType::String) => Ok(UpParam::String),
        Type::Std(StdType::StringView) => Ok(UpParam::View),
        _ => Err("has a type not passed from C++ to Rust yet".into()),
    }
}

/// A value a Rust implementation hands back to C++.
pub fn ret(ty: &Type, reprs: &Reprs) -> Result<UpRet, String> {
    match ty {
        Type::Void => Ok(UpRet::Void),
        Type::Prim(_) | Type::Pointer { .. } | Type::Enum(_) => Ok(UpRet::Value),
        Type::Record(n) => match reprs.get(n) {
            Some((Repr::Pod, _, _)) | Some((Repr::Relocatable, true, _)) => Ok(UpRet::Out),
            _ => Err(format!("returns the pinned `{n}` by value")),
        },
        Type::Std(StdType::String) => Ok(UpRet::String),
        Type::Ref { .. } => Err("returns a reference: nothing would say how long what a Rust implementation points to lives".into()),
        _ => Err("returns a type not passed from Rust to C++ yet".into()),
    }
}
