//! Pass 2 — resolve: every type a bound declaration uses is itself bound.
//!
//! Records and enums that selected declarations use are pulled in from the pool (unless
//! blocked), transitively. A function, alias or member that uses something unsupported, blocked
//! or only forward-declared is skipped with the reason; a record never is (it can always be
//! opaque): a record whose public fields cannot be mapped loses its plain-data layout, and
//! that is listed as skipped too (the fields are what the user will look for).
//! Skipping can cascade, so the pass runs to a fixed point.
//!
//! Invariant after this pass: every `Type::Record` / `Type::Enum` inside a bound function, alias,
//! constructor, method or plain-data field names a bound record / enum, and none of them
//! contains `Type::Unsupported`.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::select::Selected;
use crate::model::{Item, ItemKind, Param, Skipped, Type};

struct Lookup<'a> {
    known: HashSet<String>,
    /// Bound or available opaque handle types (forward-declared only).
    opaque: HashSet<String>,
    pool: &'a HashMap<String, Item>,
    blocked: &'a BTreeSet<String>,
}

pub fn run(selected: Selected) -> (Vec<Item>, Vec<Skipped>) {
    let Selected {
        roots: mut bound,
        pool,
        mut skipped,
        blocked,
        notes: _,
    } = selected;
    let blocked: BTreeSet<String> = blocked.into_iter().collect();
    let mut pool: HashMap<String, Item> = pool
        .into_iter()
        .filter(|i| {
            matches!(
                i.kind,
                ItemKind::Record(_)
                    | ItemKind::Enum(_)
                    | ItemKind::Opaque
                    | ItemKind::Unsupported { .. }
            )
        })
        .map(|i| (i.qualified(), i))
        .collect();
    loop {
        let known = bound
            .iter()
            .filter(|i| {
                matches!(
                    i.kind,
                    ItemKind::Record(_) | ItemKind::Enum(_) | ItemKind::Opaque
                )
            })
            .map(|i| i.qualified())
            .collect();
        let opaque = bound
            .iter()
            .chain(pool.values())
            .filter(|i| matches!(i.kind, ItemKind::Opaque))
            .map(|i| i.qualified())
            .collect();
        let lookup = Lookup {
            known,
            opaque,
            pool: &pool,
            blocked: &blocked,
        };
        let mut changed = false;
        let mut kept = Vec::with_capacity(bound.len());
        let mut wanted = BTreeSet::new();
        for mut item in bound.drain(..) {
            match check_item(&mut item, &lookup, &mut skipped) {
                Ok(needs) => {
                    wanted.extend(needs.0);
                    changed |= needs.1;
                    kept.push(item);
                }
                Err(reason) => {
                    skipped.push(Skipped {
                        callable: match &item.kind {
                            crate::model::ItemKind::Function(f) => {
                                Some(crate::model::Callable::function(f.params.len()))
                            }
                            _ => None,
                        },
                        loc: item.loc.clone(),
                        name: item.qualified(),
                        reason,
                    });
                    changed = true;
                }
            }
        }
        for n in wanted {
            if let Some(mut dep) = pool.remove(&n) {
                if let ItemKind::Record(r) = &mut dep.kind {
                    skipped.append(&mut r.skipped_members);
                }
                kept.push(dep);
                changed = true;
            }
        }
        bound = kept;
        if !changed {
            break;
        }
    }
    bound.sort_by_key(|i| i.order);
    skipped.sort();
    skipped.dedup();
    (bound, skipped)
}

/// Ok((declarations to pull in, whether the item changed)) or Err(reason to skip the item).
fn check_item(
    item: &mut Item,
    l: &Lookup<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<(Vec<String>, bool), String> {
    let mut needs = Vec::new();
    match &mut item.kind {
        ItemKind::Function(f) => {
            check_signature(&f.params, &f.ret, l, &mut needs)?;
        }
        ItemKind::Typedef(t) => {
            match t.target {
                Type::Ref { .. } => {
                    return Err("aliases of reference types have no Rust equivalent".into())
                }
                Type::Void => return Err("aliases of `void` are not bound".into()),
                _ => {}
            }
            // An alias may name an opaque handle type itself (`typedef struct S S_t;`).
            match &t.target {
                Type::Record(n) if l.is_opaque(n) => {
                    if !l.known.contains(n) {
                        needs.push(n.clone());
                    }
                }
                target => check_type("aliased type", target, l, &mut needs)?,
            }
        }
        ItemKind::Record(r) => {
            let mut changed = false;
            if let Ok(fields) = &r.pod {
                let mut field_needs = Vec::new();
                let problem = fields.iter().find_map(|f| {
                    if matches!(f.ty, Type::Ref { .. } | Type::Void) {
                        return Some(format!("field `{}` is a reference", f.name));
                    }
                    check_type(&format!("field `{}`", f.name), &f.ty, l, &mut field_needs).err()
                });
                match problem {
                    Some(why) => {
                        // Not silent: the user wrote public fields and will look for them.
                        let q = crate::model::qualify(&item.ns, &item.name);
                        skipped.push(Skipped {
                            callable: None,
                            loc: item.loc.clone(),
                            name: format!("{q} (its public fields)"),
                            reason: format!(
                                "{why}; `{q}` is bound as an opaque type, without field access"
                            ),
                        });
                        r.pod = Err(why);
                        changed = true;
                    }
                    None => needs.extend(field_needs),
                }
            }
            let q = crate::model::qualify(&item.ns, &item.name);
            for list in [&mut r.ctors, &mut r.methods] {
                let before = list.len();
                list.retain(
                    |m| match check_signature(&m.params, &m.ret, l, &mut needs) {
                        Ok(()) => true,
                        Err(reason) => {
                            skipped.push(Skipped::member(&q, m, reason));
                            false
                        }
                    },
                );
                changed |= list.len() != before;
            }
            // The virtuals a Rust type implements (`subclass!`) need their types too; a pure
            // one whose types cannot be bound leaves nothing implementable.
            if let Some(iface) = &mut r.interface {
                let before = iface.methods.len();
                let mut refused = None;
                iface.methods.retain(|m| {
                    match check_signature(&m.method.params, &m.method.ret, l, &mut needs) {
                        Ok(()) => true,
                        Err(reason) => {
                            if m.pure {
                                refused.get_or_insert(format!(
                                    "its pure virtual `{}`: {reason}",
                                    m.method.display
                                ));
                            } else {
                                skipped.push(Skipped {
                                    callable: None,
                                    loc: m.method.loc.clone(),
                                    name: format!(
                                        "{q}::{} (implemented in Rust)",
                                        m.method.display
                                    ),
                                    reason: format!("{reason}; the C++ implementation stays"),
                                });
                            }
                            false
                        }
                    }
                });
                changed |= iface.methods.len() != before;
                if let Some(reason) = refused {
                    skipped.push(Skipped {
                        callable: None,
                        loc: item.loc.clone(),
                        name: format!("subclass!(\"{q}\")"),
                        reason,
                    });
                    r.interface = None;
                }
            }
            return Ok((needs, changed));
        }
        ItemKind::Enum(_) | ItemKind::Opaque => {}
        ItemKind::Constant(k) => check_type("constant", &k.ty, l, &mut needs)?,
        ItemKind::Unsupported { reason, .. } => return Err(reason.clone()),
    }
    Ok((needs, false))
}

fn check_signature(
    params: &[Param],
    ret: &Type,
    l: &Lookup<'_>,
    needs: &mut Vec<String>,
) -> Result<(), String> {
    for p in params {
        if matches!(p.ty, Type::Void | Type::Array { .. }) {
            return Err(format!("parameter `{}` has an unsupported type", p.name));
        }
        check_type(&format!("parameter `{}`", p.name), &p.ty, l, needs)?;
    }
    if matches!(ret, Type::Array { .. }) {
        return Err("returns an array".into());
    }
    check_type("return type", ret, l, needs)
}

impl Lookup<'_> {
    fn is_opaque(&self, n: &str) -> bool {
        self.opaque.contains(n)
    }
}

fn check_type(
    what: &str,
    ty: &Type,
    l: &Lookup<'_>,
    needs: &mut Vec<String>,
) -> Result<(), String> {
    if let Some((spelling, why)) = ty.first_unsupported() {
        return Err(format!("{what} has type `{spelling}`: {why}"));
    }
    let mut by_value = Vec::new();
    ty.by_value_records(&mut by_value);
    if let Some(n) = by_value.into_iter().find(|n| l.is_opaque(n)) {
        return Err(format!(
            "{what} holds `{n}` by value, which is only forward-declared (an incomplete type works behind a pointer or reference only)"
        ));
    }
    let mut names = Vec::new();
    ty.named_decls(&mut names);
    for n in names {
        if l.known.contains(n) {
            continue;
        }
        if l.blocked.contains(n) {
            return Err(format!("{what} uses `{n}`, which is blocked"));
        }
        match l.pool.get(n).map(|i| &i.kind) {
            Some(ItemKind::Record(_) | ItemKind::Enum(_) | ItemKind::Opaque) => {
                needs.push(n.to_string())
            }
            Some(ItemKind::Unsupported { reason, .. }) => {
                return Err(format!(
                    "{what} uses `{n}`, which cannot be bound: {reason}"
                ))
            }
            _ if n.contains('<') => {
                return Err(format!(
                "{what} uses the template specialization `{n}`: bind it with instantiate(\"{n}\")"
            ))
            }
            _ => {
                return Err(format!(
                    "{what} uses `{n}`, which is only forward-declared (incomplete type)"
                ))
            }
        }
    }
    Ok(())
}
