//! Pass 3b — Rust names for everything that is not an overload.
//!
//! Names stay as in C++; Rust keywords become raw identifiers (`r#type`), and the four names a
//! raw identifier cannot carry (`self`, `Self`, `super`, `crate`) get a trailing `_`.
//! Invariant after this pass: every bound item and field has a valid Rust identifier, and no two
//! items of one module share a Rust name in the same namespace (types or values); a later
//! declaration that would clash is skipped with the reason.

use std::collections::HashSet;

use crate::model::{Item, ItemKind, Skipped};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A valid Rust identifier for the C++ name `name`.
pub fn rust_ident(name: &str) -> String {
    if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

pub fn run(items: Vec<Item>, skipped: &mut Vec<Skipped>) -> Vec<Item> {
    let mut items = items;
    super::overloads::assign(&mut items);
    let mut types: HashSet<(String, String)> = HashSet::new();
    let mut values: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for mut item in items {
        let module = item.ns.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("::");
        let base = if item.rust_name.is_empty() { item.name.clone() } else { item.rust_name.clone() };
        item.rust_name = rust_ident(&base);
        let key = (module, item.rust_name.clone());
        // Structs with named fields live in the type namespace; our enum newtypes are tuple
        // structs and so also take the value namespace; functions take only values.
        let (in_types, in_values) = match &item.kind {
            ItemKind::Function(_) => (false, true),
            ItemKind::Enum(_) => (true, true),
            _ => (true, false),
        };
        if (in_types && types.contains(&key)) || (in_values && values.contains(&key)) {
            skipped.push(Skipped {
                loc: item.loc.clone(),
                name: item.qualified(),
                reason: format!("its Rust name `{}` is already taken in this module", item.rust_name),
            });
            continue;
        }
        if in_types {
            types.insert(key.clone());
        }
        if in_values {
            values.insert(key);
        }
        if let ItemKind::Struct(s) = &mut item.kind {
            for f in &mut s.fields {
                f.rust_name = rust_ident(&f.name);
            }
        }
        out.push(item);
    }
    out
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
