//! Pass 1 — selection: which declarations the user asked for.
//!
//! Invariant after this pass: `Selected::roots` holds, in declaration order, every bindable item
//! that is in a given header (or matches `allow`) and is not `block`ed; every *unbindable* item
//! so selected has become a `Skipped` entry; everything else waits in `pool`, where the resolve
//! pass may pull a record or enum from when a selected declaration uses it.

use crate::model::{Item, ItemKind, Skipped};
use crate::options::Selection;

pub struct Selected {
    pub roots: Vec<Item>,
    pub pool: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Qualified names the user blocked, so users of them can say why they are skipped.
    pub blocked: Vec<String>,
    /// Warnings: selection patterns that name no declaration at all.
    pub notes: Vec<String>,
}

pub fn run(items: Vec<Item>, sel: &Selection) -> Selected {
    let mut out = Selected {
        roots: Vec::new(),
        pool: Vec::new(),
        skipped: Vec::new(),
        blocked: Vec::new(),
        notes: unmatched(&items, sel),
    };
    for mut item in items {
        let (q, v) = (item.qualified(), item.qualified_visible());
        let names = [q.as_str(), v.as_str()];
        if sel.is_blocked(&names) {
            out.blocked.push(q);
            continue;
        }
        // A named template instantiation is always wanted: the user asked for it by name.
        let instantiation = item.name.contains('<');
        let subclassed = sel.subclass.iter().any(|s| names.contains(&s.as_str()));
        let wanted = instantiation
            || subclassed
            || if sel.allow.is_empty() {
                item.in_given_header
            } else {
                sel.is_allowed(&names)
            };
        if !wanted {
            out.pool.push(item);
            continue;
        }
        match &mut item.kind {
            ItemKind::Unsupported { reason, .. } => {
                out.skipped.push(Skipped {
                    callable: None,
                    loc: item.loc.clone(),
                    name: q,
                    reason: reason.clone(),
                });
                // Kept in the pool so users of this declaration can quote why it is unbound.
                out.pool.push(item);
            }
            ItemKind::Record(r) => {
                out.skipped.append(&mut r.skipped_members);
                out.roots.push(item);
            }
            _ => out.roots.push(item),
        }
    }
    out
}

/// The type and selection patterns (`allow`, `block`, `relocatable`, `not_relocatable`, `send`,
/// `sync`) that match no declaration the headers declare, as warnings: a typo would otherwise
/// surface only as a missing item in Rust ("cannot find `geo`"). Member-level patterns
/// (`owning`, `fallible`, `callback`, `rename`) name functions and methods, reported where
/// they are applied.
fn unmatched(items: &[Item], sel: &Selection) -> Vec<String> {
    let names: Vec<(String, String)> = items
        .iter()
        .map(|i| (i.qualified(), i.qualified_visible()))
        .collect();
    let mut notes = Vec::new();
    for (what, patterns) in [
        ("allow", &sel.allow),
        ("block", &sel.block),
        ("relocatable", &sel.relocatable),
        ("not_relocatable", &sel.not_relocatable),
        ("send", &sel.send),
        ("sync", &sel.sync),
    ] {
        for p in patterns {
            if !names.iter().any(|(q, v)| p.is_match(q) || p.is_match(v)) {
                let text = p.as_str();
                let text = text
                    .strip_prefix("^(?:")
                    .and_then(|t| t.strip_suffix(")$"))
                    .unwrap_or(text);
                notes.push(format!(
                    "`{what}` pattern `{text}` matches no declaration of the headers (patterns match whole qualified names, e.g. `ns::Class`)"
                ));
            }
        }
    }
    notes
}
