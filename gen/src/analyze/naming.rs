//! Pass 5 — naming: Rust names for everything (overloads by the rule in `overloads`).
//!
//! Names stay as in C++; Rust keywords become raw identifiers (`r#type`), and the four names a
//! raw identifier cannot carry (`self`, `Self`, `super`, `crate`) get a trailing `_`.
//! Invariant after this pass: every bound item and field has a valid Rust identifier, and no two
//! items of one module share a Rust name in the same namespace (types or values); a later
//! declaration that would clash is skipped with the reason.

use std::collections::HashSet;

use super::overloads::{assign, Entry};
use crate::model::{qualify, Item, ItemKind, Method, MethodKind, Operator, Record, Skipped};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// A valid Rust identifier for the C++ name `name` (template specializations are spelled with
/// `_` between the words: `Grid<int>` -> `Grid_int`).
pub fn rust_ident(name: &str) -> String {
    if name.contains(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let words: Vec<&str> = name
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        return words.join("_");
    }
    if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// Rust names for a call's parameters: distinct (an unnamed C++ parameter is `arg<i>`, which a
/// named one may also be), and never one of the names generated code declares beside them
/// (`ret`, `this`).
pub fn param_names(params: &[crate::model::Param]) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut n = rust_ident(&p.name);
            if matches!(n.as_str(), "ret" | "this") || used.contains(&n) {
                n = format!("arg{i}");
            }
            while used.contains(&n) {
                n.push('_');
            }
            used.insert(n.clone());
            n
        })
        .collect()
}

/// Rust's primitive type names: an alias spelled like one would shadow or cycle.
const RUST_PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char", "str",
];

pub fn run(
    items: Vec<Item>,
    renames: &[(String, String)],
    skipped: &mut Vec<Skipped>,
) -> Vec<Item> {
    let mut items = items;
    name_functions(&mut items, renames);
    // Names C++ declares win over names relocxx derives (`Outer::Inner` -> `Outer_Inner`), so
    // adding a nested type never renames or drops a real `Outer_Inner`; output keeps
    // declaration order.
    items.sort_by_key(|i| (i.name.contains("::"), i.order));
    let mut types: HashSet<(String, String)> = HashSet::new();
    let mut values: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for mut item in items {
        let module = item
            .ns
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("::");
        let q = item.qualified();
        let base = if item.rust_name.is_empty() {
            renames
                .iter()
                .find(|(k, _)| k.trim_start_matches("::") == q)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| item.name.replace("::", "_"))
        } else {
            item.rust_name.clone()
        };
        item.rust_name = rust_ident(&base);
        if matches!(item.kind, ItemKind::Typedef(_))
            && RUST_PRIMITIVES.contains(&item.rust_name.as_str())
        {
            // `pub type u8 = u8;` would be a cycle; uses of the alias name the primitive.
            skipped.push(Skipped {
                callable: None,
                loc: item.loc.clone(),
                name: q,
                reason: format!("an alias named like the Rust primitive `{}` is not emitted (its uses are bound as the type it aliases)", item.rust_name),
            });
            continue;
        }
        let key = (module, item.rust_name.clone());
        // Structs live in the type namespace; our enum newtypes are tuple structs and so also
        // take the value namespace; functions take only values.
        let (in_types, in_values) = match &item.kind {
            ItemKind::Function(_) | ItemKind::Constant(_) => (false, true),
            ItemKind::Enum(_) => (true, true),
            _ => (true, false),
        };
        if (in_types && types.contains(&key)) || (in_values && values.contains(&key)) {
            skipped.push(Skipped {
                callable: None,
                loc: item.loc.clone(),
                name: q,
                reason: format!(
                    "its Rust name `{}` is already taken in this module",
                    item.rust_name
                ),
            });
            continue;
        }
        if in_types {
            types.insert(key.clone());
        }
        if in_values {
            values.insert(key);
        }
        if let ItemKind::Record(r) = &mut item.kind {
            if let Ok(fields) = &mut r.pod {
                for f in fields {
                    f.rust_name = rust_ident(&f.name);
                }
            }
            name_members(&q, r, renames, skipped);
        }
        out.push(item);
    }
    out.sort_by_key(|i| i.order);
    out
}

/// Free functions: overload rule per namespace (see `overloads`).
fn name_functions(items: &mut [Item], renames: &[(String, String)]) {
    let idx: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i].kind, ItemKind::Function(_)))
        .collect();
    let names = {
        let entries: Vec<Entry<'_>> = idx
            .iter()
            .map(|&i| {
                let it = &items[i];
                let ItemKind::Function(f) = &it.kind else {
                    unreachable!("filtered above")
                };
                let scope = qualify(&it.ns, "");
                let (base, keys) = if f.with_defaults {
                    let base = format!("{}_with_defaults", it.name);
                    (base.clone(), vec![format!("{scope}{base}")])
                } else {
                    (
                        it.name.clone(),
                        vec![it.qualified(), format!("{scope}{}", f.display)],
                    )
                };
                Entry {
                    scope: scope.clone(),
                    base,
                    params: &f.params,
                    keys,
                    is_mut: false,
                    always_mut: false,
                }
            })
            .collect();
        assign(&entries, renames)
    };
    for (i, n) in idx.into_iter().zip(names) {
        items[i].rust_name = n;
    }
}

/// Constructors (`new`, `new_<suffix>`), methods (overload rule), `[]` (`index` /
/// `index_mut`); comparison and arithmetic operators become trait impls and need no name.
fn name_members(q: &str, r: &mut Record, renames: &[(String, String)], skipped: &mut Vec<Skipped>) {
    let class = q.rsplit("::").next().unwrap_or(q).to_string();
    fn entry<'m>(q: &str, m: &'m Method, base: &str, scope: String) -> Entry<'m> {
        let is_const = matches!(m.kind, MethodKind::Instance { is_const: true });
        let mut keys = vec![format!("{q}::{}", m.name), format!("{q}::{}", m.display)];
        if is_const {
            keys.push(format!("{q}::{} const", m.display));
        }
        let base = if m.with_defaults {
            let base = format!("{base}_with_defaults");
            keys = vec![format!("{q}::{base}")];
            base
        } else {
            base.to_string()
        };
        Entry {
            scope,
            base,
            params: &m.params,
            keys,
            is_mut: matches!(m.kind, MethodKind::Instance { is_const: false }),
            always_mut: m.op == Some(Operator::Index),
        }
    }
    let ctor_names = assign(
        &r.ctors
            .iter()
            .map(|m| entry(q, m, "new", format!("{q}::{class}")))
            .collect::<Vec<_>>(),
        renames,
    );
    // Plain methods, and `operator[]` (named `index` by the same rule).
    let plain: Vec<usize> = (0..r.methods.len())
        .filter(|&i| matches!(r.methods[i].op, None | Some(Operator::Index)))
        .collect();
    let method_names = assign(
        &plain
            .iter()
            .map(|&i| {
                let m = &r.methods[i];
                let base = if m.op.is_some() {
                    "index"
                } else {
                    m.name.as_str()
                };
                entry(q, m, base, q.to_string())
            })
            .collect::<Vec<_>>(),
        renames,
    );
    for (m, n) in r.ctors.iter_mut().zip(ctor_names) {
        m.rust_name = rust_ident(&n);
    }
    for (i, n) in plain.into_iter().zip(method_names) {
        r.methods[i].rust_name = rust_ident(&n);
    }
    // One inherent namespace per type: a later member whose name is taken is skipped.
    let mut taken: HashSet<String> = HashSet::new();
    let mut keep = |m: &Method| {
        if m.op.is_some() && m.op != Some(Operator::Index) {
            return true;
        }
        if taken.insert(m.rust_name.clone()) {
            return true;
        }
        skipped.push(Skipped::member(
            q,
            m,
            format!(
                "its Rust name `{}` is already taken in this type (use rename)",
                m.rust_name
            ),
        ));
        false
    };
    r.ctors.retain(&mut keep);
    r.methods.retain(&mut keep);
}

#[cfg(test)]
mod tests {
    use super::rust_ident;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(rust_ident("self"), "self_");
        assert_eq!(rust_ident("area"), "area");
    }
}
