//! Pass 2 — resolve: every type a bound declaration uses is itself bound.
//!
//! Records and enums that selected declarations use are pulled in from the pool (unless
//! blocked), transitively. A declaration that uses something unsupported, blocked or only
//! forward-declared is skipped with the reason; skipping can cascade (a struct that is dropped
//! drops the functions that take it), so the pass runs to a fixed point.
//!
//! Invariant after this pass: every `Type::Record` / `Type::Enum` inside a bound item names a
//! bound `Struct` / `Enum`, and no bound item contains `Type::Unsupported`.

use std::collections::{BTreeSet, HashMap};

use super::select::Selected;
use crate::model::{Item, ItemKind, Skipped, Type};

pub fn run(selected: Selected) -> (Vec<Item>, Vec<Skipped>) {
    let Selected { roots: mut bound, pool, mut skipped, blocked } = selected;
    let blocked: BTreeSet<String> = blocked.into_iter().collect();
    let mut pool: HashMap<String, Item> = pool
        .into_iter()
        .filter(|i| matches!(i.kind, ItemKind::Struct(_) | ItemKind::Enum(_) | ItemKind::Unsupported { .. }))
        .map(|i| (i.qualified(), i))
        .collect();
    loop {
        let known: HashMap<String, bool> = bound
            .iter()
            .filter_map(|i| match i.kind {
                ItemKind::Struct(_) => Some((i.qualified(), true)),
                ItemKind::Enum(_) => Some((i.qualified(), false)),
                _ => None,
            })
            .collect();
        let mut changed = false;
        let mut kept = Vec::with_capacity(bound.len());
        let mut wanted = BTreeSet::new();
        for item in bound.drain(..) {
            match check(&item, &known, &pool, &blocked) {
                Ok(needs) => {
                    wanted.extend(needs);
                    kept.push(item);
                }
                Err(reason) => {
                    skipped.push(Skipped { loc: item.loc.clone(), name: item.qualified(), reason });
                    changed = true;
                }
            }
        }
        for n in wanted {
            if let Some(mut dep) = pool.remove(&n) {
                if let ItemKind::Struct(s) = &mut dep.kind {
                    skipped.append(&mut s.skipped_members);
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

/// Ok(declarations to pull in) or Err(reason to skip `item`).
fn check(
    item: &Item,
    known: &HashMap<String, bool>,
    pool: &HashMap<String, Item>,
    blocked: &BTreeSet<String>,
) -> Result<Vec<String>, String> {
    let mut uses: Vec<(String, &Type)> = Vec::new();
    match &item.kind {
        ItemKind::Function(f) => {
            for p in &f.params {
                if matches!(p.ty, Type::Void | Type::Array { .. }) {
                    return Err(format!("parameter `{}` has an unsupported type", p.name));
                }
                uses.push((format!("parameter `{}`", p.name), &p.ty));
            }
            if matches!(f.ret, Type::Array { .. }) {
                return Err("returns an array".into());
            }
            uses.push(("return type".into(), &f.ret));
        }
        ItemKind::Struct(s) => {
            for fl in &s.fields {
                if matches!(fl.ty, Type::Ref { .. } | Type::Void) {
                    return Err(format!("field `{}` is a reference; structs with reference fields are not bound", fl.name));
                }
                uses.push((format!("field `{}`", fl.name), &fl.ty));
            }
        }
        ItemKind::Typedef(t) => {
            match t.target {
                Type::Ref { .. } => return Err("aliases of reference types have no Rust equivalent".into()),
                Type::Void => return Err("aliases of `void` are not bound".into()),
                _ => {}
            }
            uses.push(("aliased type".into(), &t.target));
        }
        ItemKind::Enum(_) => {}
        ItemKind::Unsupported { reason, .. } => return Err(reason.clone()),
    }
    let mut needs = Vec::new();
    for (what, ty) in uses {
        if let Some((spelling, why)) = ty.first_unsupported() {
            return Err(format!("{what} has type `{spelling}`: {why}"));
        }
        let mut names = Vec::new();
        ty.named_decls(&mut names);
        for n in names {
            if known.contains_key(n) {
                continue;
            }
            if blocked.contains(n) {
                return Err(format!("{what} uses `{n}`, which is blocked"));
            }
            match pool.get(n).map(|i| &i.kind) {
                Some(ItemKind::Struct(_) | ItemKind::Enum(_)) => needs.push(n.to_string()),
                Some(ItemKind::Unsupported { reason, .. }) => {
                    return Err(format!("{what} uses `{n}`, which cannot be bound: {reason}"))
                }
                _ => return Err(format!("{what} uses `{n}`, which is only forward-declared (incomplete type)")),
            }
        }
    }
    Ok(needs)
}
