//! The corpus report: how `relocxx gen`'s skip lines and generated modules are counted, and
//! the Markdown table written to `tests/corpus/REPORT.md`.

use std::collections::BTreeMap;
use std::process::Command;

use super::{Outcome, Step, TOP_REASONS, TOP_REASONS_OVERALL};

/// The reason of a `file:line: warning: skipped `name`: reason` line, names normalised.
pub(super) fn skip_reason(line: &str) -> Option<String> {
    let (_, rest) = line.split_once(": warning: skipped `")?;
    let (_, reason) = rest.split_once("`: ")?;
    Some(normalise(reason))
}

/// Every backquoted or double-quoted span becomes `` `…` `` / `"…"`, so reasons group by their
/// text alone.
pub(super) fn normalise(reason: &str) -> String {
    let mut out = String::new();
    let mut rest = reason;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..open + 1];
        let Some(len) = rest[open + 1..].find(quote) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(quote);
        out.push('…');
        out.push_str(quote);
        rest = &rest[open + 1 + len + 1..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Bound declarations: public items of the generated module outside `mod __ffi` — each
/// `pub fn` / `pub unsafe fn` (function, method, constructor), `pub struct`, `pub enum`,
/// `pub union`, `pub type`, `pub const` (enumerators), `pub static` and `pub trait`. Namespaces
/// (`pub mod`), re-exports (`pub use`), fields and trait impls are not counted.
pub(super) fn count_bound(rs: &str) -> usize {
    let mut ffi_indent: Option<usize> = None;
    let mut n = 0;
    for line in rs.lines() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some(i) = ffi_indent {
            if indent == i && t.starts_with('}') {
                ffi_indent = None;
            }
            continue;
        }
        if t.starts_with("mod __ffi {") {
            ffi_indent = Some(indent);
            continue;
        }
        let Some(item) = t.strip_prefix("pub ") else {
            continue;
        };
        let item = item.strip_prefix("unsafe ").unwrap_or(item);
        // The uncallable stubs of skipped declarations (gen's emit/rust/unbound.rs) and their
        // traits are not bound items.
        if item.contains("<'relocxx")
            || item.starts_with("trait __relocxx_unbound")
            || item.starts_with("trait Sealed")
        {
            continue;
        }
        if [
            "fn ", "struct ", "enum ", "union ", "type ", "const ", "static ", "trait ",
        ]
        .iter()
        .any(|k| item.starts_with(k))
        {
            n += 1;
        }
    }
    n
}

/// Markdown: the command of each library, the table, the overall skip reasons, every failure.
pub(super) fn report(outcomes: &[Outcome], clangxx: &str) -> String {
    let version = |c: &str| {
        Command::new(c)
            .arg("--version")
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "?".into())
    };
    let mut r = String::new();
    r.push_str("# Real C++ libraries through relocxx\n\n");
    r.push_str(
        "Written by `cargo xtask corpus` (xtask/src/corpus.rs); do not edit. For each library \
         the generator runs as a user would run it (commands below), the shim is compiled with \
         `-std=c++17 -c -I <out> -I <out>/include` by both compilers, and the Rust modules are \
         checked with `cargo check` in one crate depending on `relocxx` (each module alone when \
         the crate fails). The target (issue 15): 0 panics, every shim and Rust module compiles.\n\n",
    );
    r.push_str(&format!(
        "Compilers: `{}`; `{}`.\n\n",
        version("g++"),
        version(clangxx)
    ));
    r.push_str(
        "- **bound**: public items of the generated module outside `mod __ffi`: each `pub fn` / \
         `pub unsafe fn` (functions, methods, constructors), `pub struct`, `pub enum`, `pub union`, \
         `pub type`, `pub const` (enumerators), `pub static`, `pub trait`. Namespaces (`pub mod`), \
         re-exports, fields and trait impls (`Drop`, `Clone`, operators) are not counted.\n\
         - **skipped**: the `warning: skipped` lines `relocxx gen` printed.\n\
         - **top skip reasons**: the text after ``skipped `name`: ``, every backquoted or \
         double-quoted name replaced by `` `…` `` / `\"…\"`, with its count.\n\n",
    );
    let cell = |s: &str| s.replace('|', "\\|");
    r.push_str("| library | kind | package | version | headers | bound | skipped | gen | g++ | clang++ | Rust | top skip reasons |\n");
    r.push_str("|---|---|---|---|---|---:|---:|---|---|---|---|---|\n");
    let mut all_reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        let reasons = count_reasons(&o.skipped);
        for (reason, n) in &reasons {
            *all_reasons.entry(reason).or_default() += n;
        }
        let top: Vec<String> = top(&reasons, TOP_REASONS)
            .into_iter()
            .map(|(reason, n)| format!("{n}× {}", cell(reason)))
            .collect();
        r.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            o.lib.name,
            o.lib.kind,
            o.lib.package,
            o.version,
            o.lib
                .headers
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join("<br>"),
            match o.bound {
                None => "—".to_string(),
                Some(0) => "**0**".to_string(),
                Some(n) => n.to_string(),
            },
            o.skipped.len(),
            o.gen.cell(),
            o.gxx.cell(),
            o.clangxx.cell(),
            o.rust.cell(),
            top.join("<br>"),
        ));
    }
    let total_bound: usize = outcomes.iter().filter_map(|o| o.bound).sum();
    let total_skipped: usize = outcomes.iter().map(|o| o.skipped.len()).sum();
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let n = outcomes.len();
    r.push_str(&format!(
        "\n**Totals**: {n} libraries, {total_bound} bound, {total_skipped} skipped; \
         panics {}; generator ok {}/{n}; shims ok with g++ {}/{n}, with clang++ {}/{n}; \
         Rust modules ok {}/{n}; nothing bound: {}.\n",
        count(&|o| o.panicked),
        count(&|o| !o.gen.failed()),
        count(&|o| !o.gxx.failed()),
        count(&|o| !o.clangxx.failed()),
        count(&|o| !o.rust.failed()),
        {
            let empty: Vec<&str> = outcomes
                .iter()
                .filter(|o| o.bound == Some(0))
                .map(|o| o.lib.name)
                .collect();
            if empty.is_empty() {
                "none".to_string()
            } else {
                empty.join(", ")
            }
        },
    ));

    r.push_str(&format!(
        "\n## Top {TOP_REASONS_OVERALL} skip reasons overall\n\n| count | reason |\n|---:|---|\n"
    ));
    for (reason, n) in top(&all_reasons, TOP_REASONS_OVERALL) {
        r.push_str(&format!("| {n} | {} |\n", cell(reason)));
    }

    r.push_str("\n## Failures\n\nThe first error lines of every failing step.\n");
    let mut any = false;
    for o in outcomes {
        for (what, step) in [
            ("generator", &o.gen),
            ("shim, g++", &o.gxx),
            ("shim, clang++", &o.clangxx),
            ("Rust module", &o.rust),
        ] {
            if let Step::Failed(how, lines) = step {
                any = true;
                r.push_str(&format!(
                    "\n### {} — {what} ({how})\n\n```\n{}\n```\n",
                    o.lib.name,
                    lines.join("\n")
                ));
            }
        }
    }
    if !any {
        r.push_str("\nNone.\n");
    }

    r.push_str("\n## Commands\n\n```sh\n");
    for o in outcomes {
        let lib = o.lib;
        let mut cmd = String::from("relocxx gen");
        for h in lib.headers {
            cmd.push_str(&format!(" --header {h}"));
        }
        cmd.push_str(&format!(" --std {}", lib.std));
        if let Some(allow) = lib.allow {
            cmd.push_str(&format!(" --allow '{allow}'"));
        }
        cmd.push_str(&format!(
            " --out-dir target/corpus/{0} --name {0}",
            lib.name
        ));
        if !lib.args.is_empty() {
            cmd.push_str(&format!(" -- {}", lib.args.join(" ")));
        }
        r.push_str(&cmd);
        r.push('\n');
    }
    r.push_str("```\n");
    r
}

pub(super) fn count_reasons(reasons: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for reason in reasons {
        *m.entry(reason.as_str()).or_default() += 1;
    }
    m
}

/// The `k` most frequent reasons, most frequent first, ties by text.
pub(super) fn top<'a>(counts: &BTreeMap<&'a str, usize>, k: usize) -> Vec<(&'a str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(r, n)| (*r, *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(k);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_reasons_group_without_names() {
        let line = "/usr/include/re2/re2.h:790:30: warning: skipped `re2::Parse3ary<void>`: \
                    explicit specialization of `re2::Parse3ary`: bind it with \
                    instantiate(\"re2::Parse3ary<...>\")";
        assert_eq!(
            skip_reason(line).as_deref(),
            Some("explicit specialization of `…`: bind it with instantiate(\"…\")")
        );
        assert_eq!(normalise("unbalanced `quote"), "unbalanced `quote");
        assert_eq!(skip_reason("relocxx: note: something"), None);
    }

    #[test]
    fn bound_items_outside_ffi() {
        let rs = "mod __ffi {\n    unsafe extern \"C\" {\n        pub fn thunk();\n    }\n}\n\
                  pub mod ns {\n    pub struct S {\n        pub x: i32,\n    }\n    \
                  impl S {\n        pub fn new() -> S { S { x: 0 } }\n        \
                  pub unsafe fn raw(p: *mut S) {}\n        pub const A: S = S { x: 1 };\n    }\n    \
                  pub type T = S;\n    impl Drop for S {\n        fn drop(&mut self) {}\n    }\n}\n";
        assert_eq!(count_bound(rs), 5);
    }
}
