//! libclang AST -> `model::Model`.
//!
//! One parse of a synthetic file that `#include`s every header. Declarations from system headers
//! are never items; every other declaration becomes an item (bindable or `Unsupported` with its
//! reason) in declaration order, each kept once (redeclarations are merged by USR).

// libclang constants are matched by their C names.
#![allow(non_upper_case_globals)]

mod ast_traits;
mod comments;
mod constants;
mod decls;
mod instantiate;
pub mod library;
mod probe;
mod shown_path;
mod types;

use std::collections::HashSet;
use std::path::PathBuf;

use crate::clang::sys::*;
use crate::clang::toolchain::{self, Compiler};
use crate::clang::{Cursor, SourcePos, TranslationUnit};
use crate::error::{Error, Result};
use crate::model::{Item, ItemKind, Loc, Model, NsSeg, StdLib};
use crate::options::{absolute, display_path, Options};
use crate::timings;

pub use types::qualified_name;

/// Parses the headers of `options` into a model (no selection applied yet).
pub fn parse(options: &Options) -> Result<Model> {
    parse_with(options, ProbeWay::Auto)
}

/// How [`parse_with`] asks the compiler probe (the tests compare the ways).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeWay {
    /// As [`parse`]: only about what the AST does not settle; on top of the first parse saved
    /// as a precompiled header when that parse took long enough for this to pay
    /// ([`PROBE_ON_TOP_FROM`]), else by re-parsing. Both give the same answers.
    Auto,
    /// About every record and macro, on top of a precompiled header (an error if it cannot).
    AllOnTop,
    /// About every record and macro, by re-parsing.
    AllReparsed,
}

/// A first parse at least this long has the probe run on top of it saved as a precompiled
/// header; a quicker one is re-parsed with the probe instead (saving and loading the header
/// cost more than parsing a small one again: zstd.h 17.8 ms against 15.4 ms, yaml-cpp 468 ms
/// against 615 ms). The answers are the same either way, so the output does not depend on
/// the machine's speed.
pub const PROBE_ON_TOP_FROM: std::time::Duration = std::time::Duration::from_millis(50);

/// `parse`, asking the probe the `way` given.
#[doc(hidden)]
pub fn parse_with(options: &Options, way: ProbeWay) -> Result<Model> {
    let force_probe = way != ProbeWay::Auto;
    options.validate()?;
    let compiler = options.compiler.clone().unwrap_or_else(Compiler::from_env);
    // The compiler runs while libclang loads (both take milliseconds the first time).
    let ask = || toolchain::system_includes(&compiler, &options.std, &options.flags);
    let (loaded, sys) = timings::phase("load libclang, ask the compiler", || {
        if crate::clang::discover::is_loaded() {
            (crate::clang::discover::ensure_loaded(), ask())
        } else {
            std::thread::scope(|s| {
                let asking = s.spawn(ask);
                let loaded = crate::clang::discover::ensure_loaded();
                let asked = asking.join();
                (
                    loaded,
                    asked.unwrap_or_else(|p| std::panic::resume_unwind(p)),
                )
            })
        }
    });
    let loaded = loaded?;
    let mut notes = loaded.notes.clone();
    notes.extend(sys.note.clone());

    let mut args = options.clang_args();
    let mut roots: Vec<PathBuf> = sys.dirs.clone();
    roots.extend(options.include_dirs.iter().cloned());
    roots.extend(include_dirs_in(
        options.flags.iter().chain(&options.parse_flags),
    ));
    args.extend(sys.args);
    let headers: Vec<PathBuf> = options.headers.iter().map(|h| absolute(h)).collect();
    let mut main = String::new();
    for h in &headers {
        main.push_str(&format!("#include \"{}\"\n", h.display()));
    }
    main.push_str(&instantiate::declarations(&options.instantiate));
    main.push_str(probe::PARSED);
    let main_name = std::env::temp_dir().join(format!("relocxx-{}-input.cc", options.name));
    let started = std::time::Instant::now();
    let mut tu = timings::phase("parse", || {
        TranslationUnit::parse(&main_name.to_string_lossy(), &main, &args)
    })?;
    let probe_at = match way {
        ProbeWay::Auto if started.elapsed() >= PROBE_ON_TOP_FROM => probe::Where::OnTopIfPossible,
        ProbeWay::Auto | ProbeWay::AllReparsed => probe::Where::Reparsed,
        ProbeWay::AllOnTop => probe::Where::OnTop,
    };

    let errors: Vec<String> = tu
        .diagnostics()
        .into_iter()
        .filter(|d| d.is_error)
        .map(|d| format!("{}: error: {}", pos_string(&d.pos), d.message))
        .collect();
    if !errors.is_empty() {
        return Err(Error::Parse(errors));
    }

    let graph = library::canonical(tu.inclusion_graph());
    let lib = library::files(&headers, &graph, &roots);
    let mut walker = Walker {
        seen: HashSet::new(),
        items: Vec::new(),
        macros: Vec::new(),
        literals: Vec::new(),
        stdlib: None,
    };
    let instances = timings::phase("walk", || {
        library::with_library(lib, || {
            shown_path::with_headers(&headers, || {
                types::collect_typedef_names(tu.cursor());
                walker.walk(tu.cursor(), &mut Vec::new());
                let instances = instantiate::items(&tu, &options.instantiate);
                types::clear_typedef_names();
                instances
            })
        })
    });
    let main_abs = absolute(&main_name);
    let mut dependencies: Vec<PathBuf> = graph
        .into_iter()
        .map(|i| i.file)
        .filter(|p| *p != main_abs)
        .collect();
    dependencies.sort();
    dependencies.dedup();
    let mut items = walker.items;
    mark_hidden_names(&mut items);
    for mut inst in instances {
        inst.order = items.len();
        items.push(inst);
    }

    // One re-parse answers the compiler-trait questions for every record the AST did not
    // settle (`ast_traits`), and evaluates the macros; with neither left, and the environment
    // read off the AST, there is no second parse.
    let records: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| match &i.kind {
            ItemKind::Record(r) => force_probe || !r.traits_from_ast,
            _ => false,
        })
        .map(|(k, _)| k)
        .collect();
    let spellings: Vec<String> = records.iter().map(|&k| items[k].cpp_path()).collect();
    // Macros whose one literal token settles them are not asked (`constants::literal`).
    let probed_macros: Vec<usize> = (0..walker.macros.len())
        .filter(|&k| force_probe || walker.literals[k].is_none())
        .collect();
    let macro_names: Vec<String> = probed_macros
        .iter()
        .map(|&k| walker.macros[k].name.clone())
        .collect();
    let known_env = probe::env_from_ast(walker.stdlib, &args, loaded.major);
    let (env, traits, macro_values) = match known_env {
        Some(env) if spellings.is_empty() && macro_names.is_empty() && !force_probe => {
            (env, Vec::new(), Vec::new())
        }
        _ => timings::phase("probe", || {
            probe::run(
                &mut tu,
                &main_name.to_string_lossy(),
                &main,
                &spellings,
                &macro_names,
                loaded.major,
                probe_at,
            )
        })?,
    };
    let mut values = std::mem::take(&mut walker.literals);
    for (k, v) in probed_macros.into_iter().zip(macro_values) {
        values[k] = v;
    }
    for (mut m, value) in walker.macros.into_iter().zip(values) {
        if let Some(k) = value.and_then(|(ty, v)| constants::constant(ty, Some(v))) {
            m.kind = ItemKind::Constant(crate::model::Constant {
                cpp: format!("({})", m.name),
                ..k
            });
            m.order = items.len();
            items.push(m);
        }
    }
    for (&k, t) in records.iter().zip(traits) {
        if let ItemKind::Record(r) = &mut items[k].kind {
            r.traits = t;
        }
    }
    Ok(Model {
        items,
        skipped: Vec::new(),
        dependencies,
        notes,
        env,
    })
}

/// The directories that `-I`, `-isystem`, `-iquote` and `-idirafter` flags name (joined or
/// separate).
pub(crate) fn include_dirs_in<'a>(flags: impl Iterator<Item = &'a String>) -> Vec<PathBuf> {
    const FLAGS: [&str; 4] = ["-isystem", "-iquote", "-idirafter", "-I"];
    let mut out = Vec::new();
    let mut pending = false;
    for f in flags {
        if pending {
            out.push(PathBuf::from(f));
            pending = false;
        } else if let Some(flag) = FLAGS.iter().find(|p| f.starts_with(*p)) {
            let rest = &f[flag.len()..];
            if rest.is_empty() {
                pending = true;
            } else {
                out.push(PathBuf::from(rest));
            }
        }
    }
    out
}

/// Records whose name a function of the same scope hides (`struct stat` / `stat()`).
fn mark_hidden_names(items: &mut [Item]) {
    let functions: HashSet<String> = items
        .iter()
        .filter(|i| {
            matches!(&i.kind, ItemKind::Function(_))
                || matches!(&i.kind, ItemKind::Unsupported { what, .. } if what == "function")
        })
        .map(|i| i.qualified())
        .collect();
    for item in items.iter_mut() {
        let q = item.qualified();
        if let ItemKind::Record(r) = &mut item.kind {
            r.name_hidden = functions.contains(&q);
        }
    }
}

fn pos_string(pos: &SourcePos) -> String {
    let file = pos
        .file
        .as_deref()
        .map(display_path)
        .unwrap_or_else(|| "<command line>".into());
    format!("{file}:{}:{}", pos.line, pos.column)
}

pub(crate) fn loc_of(c: Cursor<'_>) -> Loc {
    let pos = c.location();
    let (file, shown) = match (c.file(), pos.file.as_deref()) {
        (Some(id), Some(path)) => {
            library::file_names(id, || (display_path(path), shown_path::shown(path)))
        }
        _ => Default::default(),
    };
    Loc {
        file,
        line: pos.line,
        column: pos.column,
        shown,
    }
}

struct Walker {
    /// USRs already turned into items (C++ allows redeclaration).
    seen: HashSet<String>,
    items: Vec<Item>,
    /// Object-like macros that may be constants, for the probe to evaluate.
    macros: Vec<Item>,
    /// Per macro: its value when its one token settles it (`constants::literal`).
    literals: Vec<Option<(crate::model::Type, crate::clang::Evaluated)>>,
    /// The standard library whose macro the parse defined (`_LIBCPP_VERSION` wins).
    stdlib: Option<StdLib>,
}

impl Walker {
    fn in_given_header(&self, c: Cursor<'_>) -> bool {
        c.file().is_some_and(library::contains_file)
    }

    fn walk(&mut self, parent: Cursor<'_>, ns: &mut Vec<NsSeg>) {
        for c in parent.children() {
            // The standard library's own macro says which it is (`probe::env_from_ast`).
            if c.kind() == CXCursor_MacroDefinition && self.stdlib != Some(StdLib::LibCxx) {
                match c.spelling().as_str() {
                    "_LIBCPP_VERSION" => self.stdlib = Some(StdLib::LibCxx),
                    "__GLIBCXX__" => self.stdlib = Some(StdLib::LibStdCxx),
                    _ => {}
                }
            }
            if library::is_system(c)
                || c.file().is_none()
                || c.spelling().starts_with("relocxx_instantiate_")
            {
                continue;
            }
            match c.kind() {
                CXCursor_Namespace => {
                    let name = c.spelling();
                    if name.is_empty() || c.is_anonymous() {
                        self.push_unsupported(c, ns, "(anonymous namespace)", "namespace", "anonymous namespaces have internal linkage; their contents cannot be called from another translation unit");
                        continue;
                    }
                    ns.push(NsSeg {
                        name,
                        inline: c.is_inline_namespace(),
                    });
                    self.walk(c, ns);
                    ns.pop();
                }
                // `extern "C" {` (libclang 14 reports it as an unexposed declaration).
                CXCursor_LinkageSpec | CXCursor_UnexposedDecl => self.walk(c, ns),
                CXCursor_FunctionDecl if c.specialized_template().is_some() => self.push(
                    c,
                    ns,
                    ItemKind::Unsupported {
                        what: "function".into(),
                        reason: "explicit specializations of function templates are not bound"
                            .into(),
                    },
                ),
                CXCursor_FunctionDecl => self.push(c, ns, decls::function(c)),
                CXCursor_EnumDecl | CXCursor_StructDecl | CXCursor_ClassDecl
                | CXCursor_UnionDecl
                    if c.is_definition() =>
                {
                    self.tag(c, ns)
                }
                // Declared but defined nowhere in this parse: an opaque handle.
                CXCursor_StructDecl | CXCursor_ClassDecl | CXCursor_UnionDecl
                    if c.definition().is_none()
                        && c.specialized_template().is_none()
                        && !c.spelling().is_empty() =>
                {
                    if let Ok((qns, name)) = qualified_name(c) {
                        self.push_named(c, &qns, name, ItemKind::Opaque);
                    }
                }
                CXCursor_TypedefDecl | CXCursor_TypeAliasDecl => {
                    if !self.is_tag_alias(c, ns) {
                        self.push(c, ns, decls::typedef(c));
                    }
                }
                CXCursor_ClassTemplate | CXCursor_ClassTemplatePartialSpecialization => {
                    let reason = "class templates are bound only for the specializations named with instantiate(\"ns::T<args>\")";
                    self.push(
                        c,
                        ns,
                        ItemKind::Unsupported {
                            what: "template".into(),
                            reason: reason.into(),
                        },
                    )
                }
                CXCursor_FunctionTemplate | CXCursor_TypeAliasTemplateDecl => {
                    let reason = "function and alias templates are not bound";
                    self.push(
                        c,
                        ns,
                        ItemKind::Unsupported {
                            what: "template".into(),
                            reason: reason.into(),
                        },
                    )
                }
                CXCursor_VarDecl => {
                    let cpp = format!("::{}", crate::model::qualify(ns, &c.spelling()));
                    self.push(c, ns, constants::variable(c, cpp))
                }
                CXCursor_MacroDefinition if constants::is_candidate_macro(c) => {
                    // Evaluated by the probe; kept only if it is a constant.
                    let name = c.spelling();
                    if self.seen.insert(format!("macro {name}")) {
                        self.literals.push(constants::literal(c));
                        self.macros.push(Item {
                            ns: Vec::new(),
                            name,
                            loc: loc_of(c),
                            doc: comments::doc(c),
                            in_given_header: self.in_given_header(c),
                            kind: ItemKind::Opaque,
                            rust_name: String::new(),
                            order: 0,
                        });
                    }
                }
                CXCursor_UsingDeclaration => {
                    let kind = ItemKind::Unsupported {
                        what: "using-declaration".into(),
                        reason:
                            "using-declarations are not followed; bind the original declaration"
                                .into(),
                    };
                    self.push(c, ns, kind)
                }
                // Forward declarations, using-directives, static_asserts, namespace aliases and
                // macros declare nothing to bind.
                _ => {}
            }
        }
    }

    /// A record or enum definition, at namespace scope or nested in a class (`Outer::Inner`,
    /// also when defined out of line as `class Outer::Inner {..}`); public nested types of a
    /// record are walked after it.
    fn tag(&mut self, c: Cursor<'_>, ns: &[NsSeg]) {
        let is_enum = c.kind() == CXCursor_EnumDecl;
        let (what, anon) = if is_enum {
            ("enum", "(anonymous enum)")
        } else {
            ("struct", "(anonymous record)")
        };
        let anonymous =
            c.spelling().is_empty() || c.is_anonymous() || c.spelling().contains("(unnamed");
        if anonymous && qualified_name(c).is_err() {
            // A nested unnamed type is part of its enclosing record's layout, not an API.
            if c.semantic_parent().kind() == CXCursor_Namespace
                || c.semantic_parent().is_translation_unit()
            {
                self.push_unsupported(
                    c,
                    ns,
                    anon,
                    what,
                    &format!("anonymous {what}s are not supported (give the type a name)"),
                );
            }
            return;
        }
        if let Some(t) = c.specialized_template() {
            let name = c.spelling();
            let reason = format!("explicit specialization or instantiation of class template `{}`: bind it with instantiate(\"{}<...>\")", t.spelling(), crate::model::qualify(ns, &name));
            self.push(
                c,
                ns,
                ItemKind::Unsupported {
                    what: "template".into(),
                    reason,
                },
            );
            return;
        }
        let (qns, name) = match qualified_name(c) {
            Ok(q) => q,
            Err(why) => {
                self.push(
                    c,
                    ns,
                    ItemKind::Unsupported {
                        what: what.into(),
                        reason: why,
                    },
                );
                return;
            }
        };
        let kind = if is_enum {
            decls::enumeration(c)
        } else {
            decls::record(c, &crate::model::qualify(&qns, &name), loc_of)
        };
        self.push_named(c, &qns, name, kind);
        if !is_enum {
            for m in c.children() {
                let nested = matches!(
                    m.kind(),
                    CXCursor_EnumDecl
                        | CXCursor_StructDecl
                        | CXCursor_ClassDecl
                        | CXCursor_UnionDecl
                );
                if nested && m.is_definition() && m.access() == CX_CXXPublic {
                    self.tag(m, ns);
                }
            }
        }
    }

    /// `typedef struct S S;` names the same entity twice; the struct itself is the binding.
    fn is_tag_alias(&self, c: Cursor<'_>, ns: &[NsSeg]) -> bool {
        let under = c.typedef_underlying().named();
        if under.kind() != CXType_Record && under.kind() != CXType_Enum {
            return false;
        }
        match qualified_name(under.declaration()) {
            Ok((uns, uname)) => uname == c.spelling() && uns == ns,
            Err(_) => false,
        }
    }

    fn push_unsupported(
        &mut self,
        c: Cursor<'_>,
        ns: &[NsSeg],
        name: &str,
        what: &str,
        reason: &str,
    ) {
        let key = format!("{}:{}", what, loc_of(c));
        if self.seen.insert(key) {
            self.items.push(Item {
                ns: ns.to_vec(),
                name: name.into(),
                loc: loc_of(c),
                doc: String::new(),
                in_given_header: self.in_given_header(c),
                kind: ItemKind::Unsupported {
                    what: what.into(),
                    reason: reason.into(),
                },
                rust_name: String::new(),
                order: self.items.len(),
            });
        }
    }

    fn push(&mut self, c: Cursor<'_>, ns: &[NsSeg], kind: ItemKind) {
        self.push_named(c, ns, c.spelling(), kind)
    }

    fn push_named(&mut self, c: Cursor<'_>, ns: &[NsSeg], name: String, kind: ItemKind) {
        let usr = c.usr();
        let key = if usr.is_empty() {
            format!("{}@{}", c.spelling(), loc_of(c))
        } else {
            usr
        };
        if !self.seen.insert(key) {
            return;
        }
        self.items.push(Item {
            ns: ns.to_vec(),
            name,
            loc: loc_of(c),
            doc: comments::doc(c),
            in_given_header: self.in_given_header(c),
            kind,
            rust_name: String::new(),
            order: self.items.len(),
        });
    }
}
