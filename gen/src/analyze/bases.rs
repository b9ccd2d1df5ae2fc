//! Pass 0 — bases: what a class gets from its public bases (DESIGN §6).
//!
//! - Every public method of a public base (transitively) is callable on the derived class
//!   under its own name, unless the derived class declares a member of that name (C++ name
//!   hiding: one declaration hides every base overload of the name). The thunk calls it on
//!   the derived object, so C++ resolves and dispatches it exactly as a C++ caller's call.
//!   Constructors and operators are not inherited.
//! - Every unambiguous public ancestor is listed in `Record::ancestors`: the class converts to
//!   it (`AsRef`, the shim does the `static_cast`, adjusting the address under multiple
//!   inheritance), and a polymorphic ancestor converts back with `dynamic_cast`. An ancestor
//!   reached through two non-virtual paths is ambiguous in C++ and is left out, with its
//!   methods.
//!
//! Runs before `select`, over every parsed record, so inherited methods take part in resolving,
//! naming and every later rule like the class's own.
//!
//! Invariant after this pass: a record's methods include its inherited ones (each with
//! `inherited_from`), and `ancestors` holds only unambiguous, public, known records.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Ancestor, Item, ItemKind, MemberType, Method, Record};

/// Whether `q`'s destructor is virtual: declared so, or inherited from any base.
pub fn virtual_dtor(q: &str, all: &HashMap<String, Record>, depth: u32) -> bool {
    all.get(q).is_some_and(|r| {
        r.virtual_dtor
            || (depth < 32
                && r.bases.iter().any(
                    |(_, t)| matches!(t, MemberType::Record(b) if virtual_dtor(b, all, depth + 1)),
                ))
    })
}

pub fn run(items: &mut [Item], all: &HashMap<String, Record>) {
    for item in items.iter_mut() {
        let ItemKind::Record(r) = &mut item.kind else {
            continue;
        };
        let paths = ancestor_paths(r, all);
        let ancestors: Vec<String> = paths
            .iter()
            .filter(|(_, (non_virtual, virtual_))| *non_virtual + usize::from(*virtual_ > 0) == 1)
            .map(|(q, _)| q.clone())
            .collect();
        // Which unambiguous ancestors declare each method name the class does not declare.
        let own: HashSet<&str> = r
            .methods
            .iter()
            .chain(&r.ctors)
            .map(|m| m.name.as_str())
            .collect();
        let mut declared: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in breadth_first(r, all)
            .into_iter()
            .filter(|a| ancestors.contains(a))
        {
            let Some(b) = all.get(&a) else { continue };
            for m in b
                .methods
                .iter()
                .filter(|m| m.op.is_none() && !own.contains(m.name.as_str()))
            {
                let list = declared.entry(m.name.clone()).or_default();
                if !list.contains(&a) {
                    list.push(a.clone());
                }
            }
        }
        // Each declaring class's own ancestors, computed once per class.
        let mut above: HashMap<&String, BTreeMap<String, (usize, usize)>> = HashMap::new();
        for c in declared.values().flatten() {
            above.entry(c).or_insert_with(|| {
                all.get(c)
                    .map(|r| ancestor_paths(r, all))
                    .unwrap_or_default()
            });
        }
        let q = crate::model::qualify(&item.ns, &item.name);
        let mut inherited: Vec<Method> = Vec::new();
        for (name, decls) in &declared {
            // A declaration in a class hides those of its own ancestors; what remains must be
            // one class, or the C++ call is ambiguous.
            let nearest: Vec<&String> = decls
                .iter()
                .filter(|c| !decls.iter().any(|o| o != *c && above[o].contains_key(*c)))
                .collect();
            match nearest.as_slice() {
                [from] => {
                    let b = &all[*from];
                    for m in b
                        .methods
                        .iter()
                        .filter(|m| m.name == *name && m.op.is_none())
                    {
                        let mut m = m.clone();
                        m.inherited_from = Some((*from).clone());
                        inherited.push(m);
                    }
                }
                many => {
                    let first = b_loc(all, many[0], name);
                    r.skipped_members.push(crate::model::Skipped {
                        callable: None,
                        loc: first,
                        name: format!("{q}::{name}"),
                        reason: format!(
                            "declared in several bases ({}): calling it on this class is ambiguous in C++",
                            many.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                        ),
                    });
                }
            }
        }
        r.methods.extend(inherited);
        r.ancestors = ancestors
            .into_iter()
            .map(|a| Ancestor {
                polymorphic: all.get(&a).is_some_and(|b| b.is_polymorphic),
                virtual_dtor: virtual_dtor(&a, all, 0),
                name: a,
            })
            .collect();
    }
}

/// Where base `q` declares `name` (for the diagnostic).
fn b_loc(all: &HashMap<String, Record>, q: &str, name: &str) -> crate::model::Loc {
    all.get(q)
        .and_then(|b| b.methods.iter().find(|m| m.name == name))
        .map(|m| m.loc.clone())
        .unwrap_or_default()
}

/// Every public ancestor with how many non-virtual and virtual paths reach it.
fn ancestor_paths(r: &Record, all: &HashMap<String, Record>) -> BTreeMap<String, (usize, usize)> {
    fn walk(
        r: &Record,
        all: &HashMap<String, Record>,
        out: &mut BTreeMap<String, (usize, usize)>,
        depth: u32,
    ) {
        if depth > 32 {
            return;
        }
        for (q, is_virtual) in &r.public_bases {
            let e = out.entry(q.clone()).or_insert((0, 0));
            if *is_virtual {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
            if let Some(b) = all.get(q) {
                walk(b, all, out, depth + 1);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(r, all, &mut out, 0);
    out.retain(|q, _| all.contains_key(q));
    out
}

/// Public ancestors, nearest first (declaration order within a level), each once.
fn breadth_first(r: &Record, all: &HashMap<String, Record>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut level: Vec<String> = r.public_bases.iter().map(|(q, _)| q.clone()).collect();
    while !level.is_empty() && out.len() < 256 {
        let mut next = Vec::new();
        for q in level {
            if out.contains(&q) {
                continue;
            }
            if let Some(b) = all.get(&q) {
                next.extend(b.public_bases.iter().map(|(q, _)| q.clone()));
            }
            out.push(q);
        }
        level = next;
    }
    out
}
