//! `relocxx inspect HEADER..`: what the generator sees and decides, without writing anything —
//! every type with its layout and relocatability verdict, every bound function and method with
//! its Rust path and whether it is `unsafe`, and every skipped declaration with its reason.
//! `--why NAME` answers for one name: bound as what, skipped why, or never selected (and what
//! would select it).
//!
//! It parses once and keeps the names of everything parsed before the analysis drops what is
//! not selected, so "not selected" and "not declared" can be told apart.

use std::io::Write;

use crate::analyze::signatures::reprs;
use crate::emit::abi::{is_unsafe, module_path, Sig};
use crate::model::{Item, ItemKind, Loc, MethodKind, Model, Repr, Type};
use crate::{Error, Options, Result};

/// A declaration the parse saw: its qualified name, where, and whether a given header (not
/// one it includes) declares it.
struct Declared {
    name: String,
    loc: Loc,
    in_given_header: bool,
}

pub fn run(opts: &Options, why: Option<&str>) -> Result<()> {
    let parsed = crate::parse::parse(opts)?;
    let declared = declared(&parsed.items);
    let model = crate::analyze::run(parsed, opts)?;
    let out = match why {
        Some(name) => explain(name, &model, &declared, opts),
        None => listing(&model)?,
    };
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| Error::io("writing to stdout", e))
}

fn declared(items: &[Item]) -> Vec<Declared> {
    let mut out = Vec::new();
    for item in items {
        let q = item.qualified();
        if let ItemKind::Record(r) = &item.kind {
            for m in r.ctors.iter().chain(&r.methods) {
                out.push(Declared {
                    name: format!("{q}::{}", m.name),
                    loc: m.loc.clone(),
                    in_given_header: item.in_given_header,
                });
            }
        }
        out.push(Declared {
            name: q,
            loc: item.loc.clone(),
            in_given_header: item.in_given_header,
        });
    }
    out
}

/// One line per bound function, constructor and method: C++ declaration -> Rust path.
fn bound_calls(model: &Model) -> Vec<(String, String)> {
    let reprs = reprs(&model.items);
    let mut out = Vec::new();
    for item in &model.items {
        let path: Vec<String> = module_path(item);
        match &item.kind {
            ItemKind::Function(f) => {
                let safety = if is_unsafe(&Sig::of_function(f), &reprs) {
                    "unsafe fn"
                } else {
                    "fn"
                };
                let rust = path.iter().chain([&item.rust_name]).cloned();
                let ns = item.qualified();
                let ns = ns.strip_suffix(&item.name).unwrap_or("");
                out.push((
                    format!("{ns}{}", f.display),
                    format!("{safety} {}", rust.collect::<Vec<_>>().join("::")),
                ));
            }
            ItemKind::Record(r) => {
                let q = item.qualified();
                let self_ty = Type::Record(q.clone());
                let ty: Vec<String> = path.iter().chain([&item.rust_name]).cloned().collect();
                for m in r.ctors.iter().chain(&r.methods) {
                    let ret = if m.kind == MethodKind::Constructor {
                        &self_ty
                    } else {
                        &m.ret
                    };
                    let safety = if is_unsafe(&Sig::of_method(m, ret, r.repr()), &reprs) {
                        "unsafe fn"
                    } else {
                        "fn"
                    };
                    out.push((
                        format!("{q}::{}", m.display),
                        format!("{safety} {}::{}", ty.join("::"), m.rust_name),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn listing(m: &Model) -> Result<String> {
    let mut out = String::new();
    let loaded = crate::clang::discover::ensure_loaded()?;
    out += &format!("libclang: {} ({})\n", loaded.version, loaded.path.display());
    out += &format!("standard library: {}\n", m.env.stdlib.name());
    out += "\nTYPES\n";
    out += &format!(
        "{:<28} {:>6} {:>6}  {:<12} {:<12} {}\n",
        "type", "size", "align", "verdict", "source", "reason"
    );
    for item in &m.items {
        let (size, align, verdict, source, reason) = match &item.kind {
            ItemKind::Record(r) => {
                let v = r.verdict.as_ref();
                let verdict = match r.repr() {
                    Repr::Pod => "pod",
                    Repr::Relocatable => "relocatable",
                    Repr::Pinned => "pinned",
                };
                (
                    r.size.to_string(),
                    r.align.to_string(),
                    verdict,
                    v.map(|v| v.source.as_str()).unwrap_or("-").to_string(),
                    v.map(|v| match &v.warning {
                        Some(w) => format!("{} -- WARNING: {w}", v.reason),
                        None => v.reason.clone(),
                    })
                    .unwrap_or_default(),
                )
            }
            ItemKind::Enum(e) => {
                let t = crate::emit::cpp::types::prim(e.underlying);
                (
                    "-".into(),
                    "-".into(),
                    "enum",
                    "-".into(),
                    format!(
                        "#[repr(transparent)] over `{t}`, {} constants",
                        e.variants.len()
                    ),
                )
            }
            ItemKind::Typedef(_) => ("-".into(), "-".into(), "alias", "-".into(), String::new()),
            _ => continue,
        };
        out += &format!(
            "{:<28} {:>6} {:>6}  {:<12} {:<12} {}\n",
            item.qualified(),
            size,
            align,
            verdict,
            source,
            reason
        );
    }
    out += "\nFUNCTIONS AND METHODS\n";
    for (cpp, rust) in bound_calls(m) {
        out += &format!("{cpp:<32} -> {rust}\n");
    }
    out += &format!("\nSKIPPED ({})\n", m.skipped.len());
    for s in &m.skipped {
        out += &format!("{s}\n");
    }
    Ok(out)
}

/// Whether `query` names `qualified`: the whole qualified name, or its trailing segments
/// (`area` and `geo::area` both name `geo::area`).
fn names(query: &str, qualified: &str) -> bool {
    let query = query.trim().trim_start_matches("::");
    // `ns::f(int)` names `ns::f(int)` and, without the parameters, every overload of `ns::f`.
    let bare = qualified.split('(').next().unwrap_or(qualified);
    let qualified = if query.contains('(') { qualified } else { bare };
    qualified == query || qualified.ends_with(&format!("::{query}"))
}

/// What became of every declaration `query` names, and what would change it.
fn explain(query: &str, model: &Model, declared: &[Declared], opts: &Options) -> String {
    let mut out = String::new();
    for (cpp, rust) in bound_calls(model).iter().filter(|(c, _)| names(query, c)) {
        out += &format!("`{cpp}` is bound: {rust}\n");
    }
    for item in model.items.iter().filter(|i| names(query, &i.qualified())) {
        if !matches!(item.kind, ItemKind::Function(_)) {
            let path: Vec<String> = module_path(item)
                .into_iter()
                .chain([item.rust_name.clone()])
                .collect();
            let what = match &item.kind {
                ItemKind::Record(r) => match r.repr() {
                    Repr::Pod => "plain data (by value, fields public)",
                    Repr::Relocatable => "relocatable (held and moved by value)",
                    Repr::Pinned => "pinned (constructed in place, never moved)",
                },
                ItemKind::Enum(_) => "an enum",
                ItemKind::Typedef(_) => "a type alias",
                ItemKind::Constant(_) => "a constant",
                ItemKind::Opaque => "an opaque handle (behind pointers and references)",
                _ => "an item",
            };
            out += &format!(
                "`{}` ({}) is bound as `{}`: {what}\n",
                item.qualified(),
                item.loc,
                path.join("::")
            );
        }
    }
    for s in model.skipped.iter().filter(|s| names(query, &s.name)) {
        out += &format!(
            "`{}` ({}) is skipped: {}\n{}",
            s.name,
            s.loc,
            s.reason,
            hint(&s.reason)
        );
    }
    if !out.is_empty() {
        return out;
    }
    let matching: Vec<&Declared> = declared.iter().filter(|d| names(query, &d.name)).collect();
    if matching.is_empty() {
        out += &format!("no declaration named `{query}` in the parsed headers\n");
        let last = query.rsplit("::").next().unwrap_or(query).to_lowercase();
        let mut near: Vec<&str> = declared
            .iter()
            .map(|d| d.name.as_str())
            .filter(|n| !n.starts_with("relocxx::"))
            .filter(|n| {
                let tail = n.rsplit("::").next().unwrap_or(n).to_lowercase();
                !last.is_empty()
                    && (tail.contains(&last) || last.contains(&tail) || distance(&tail, &last) <= 2)
            })
            .collect();
        near.sort_unstable();
        near.dedup();
        for n in near.iter().take(10) {
            out += &format!("  did you mean `{n}`?\n");
        }
        return out;
    }
    for d in matching {
        let why = if opts.allow.is_empty() && !d.in_given_header {
            format!(
                "it is declared in a header the given headers include, and only what they declare is bound; add `--allow '{}'` (Builder::allow, include_cpp!'s generate!)",
                d.name
            )
        } else if !opts.allow.is_empty() {
            format!(
                "no `allow` pattern matches it; add `--allow '{}'` (Builder::allow, include_cpp!'s generate!)",
                d.name
            )
        } else {
            "it is blocked, or nothing selected uses it".to_string()
        };
        out += &format!("`{}` ({}) is not selected: {why}\n", d.name, d.loc);
    }
    out
}

/// What would bind a skipped declaration, for the reasons with a known remedy.
fn hint(reason: &str) -> String {
    let remedy = if reason.contains("blocked") {
        "remove the `block` pattern that matches what it uses"
    } else if reason.contains("pinned") && reason.contains("by value") {
        "a pinned class cannot cross by value: take it by reference in a C++ wrapper, or promise `relocatable` if it is"
    } else if reason.contains("exception") || reason.contains("noexcept") {
        "mark it `fallible` (Builder::fallible, --fallible, include_cpp!'s fallible!) to get a Result"
    } else {
        return String::new();
    };
    format!("  to bind it: {remedy}\n")
}

/// Edit distance (insertions, deletions, substitutions) between two short names, for "did you
/// mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
