//! The C++ header of a crate's exports: enums and plain structs first (dependencies before
//! users), the `extern "C"` declarations of the functions the macro wrote, then one inline
//! C++ function per export that converts its arguments, calls Rust and turns a reported error
//! into an exception (`relocxx::rust::detail::check`). Every spelling mirrors the runtime's
//! `FromCpp`/`IntoCpp` `Abi` type of the same Rust type (runtime/src/export.rs).

use std::collections::HashMap;
use std::fmt::Write;

use super::calls::{self, Callee};
use super::layout::Layouts;
use super::syntax::{self, Enum, Export, Opaque, Plain, Prim, Ty};
use super::Found;

/// What an exported name refers to, for `Ty::Named`.
pub(super) enum Kind<'a> {
    Plain(&'a Plain, &'a [String]),
    Enum(&'a Enum, &'a [String]),
    /// With the size and alignment of its storage, when the compiled crate gave them.
    Opaque(&'a Opaque, &'a [String], Option<(u64, u64)>),
}

pub(super) struct Types<'a> {
    by_name: HashMap<String, Kind<'a>>,
}

impl<'a> Types<'a> {
    pub(super) fn get(&self, path: &[String]) -> Option<&Kind<'a>> {
        self.by_name.get(path.last()?)
    }

    /// The qualified C++ name of an exported type.
    fn qualified(&self, path: &[String]) -> Option<String> {
        let (ident, ns) = match self.get(path)? {
            Kind::Plain(p, ns) => (p.ident.to_string(), *ns),
            Kind::Enum(e, ns) => (e.ident.to_string(), *ns),
            Kind::Opaque(o, ns, Some(_)) => (o.ident.to_string(), *ns),
            Kind::Opaque(_, _, None) => return None,
        };
        Some(qualify(ns, &cpp_ident(&ident)))
    }

    /// The C layout of a plain struct: (size, align), or `None` when it depends on the
    /// target's pointer size (`isize`/`usize` fields).
    fn layout(&self, p: &Plain, depth: u32) -> Option<(usize, usize)> {
        syntax::plain_layout(p, &|path| match self.get(path)? {
            Kind::Plain(inner, _) if depth < 16 => self.layout(inner, depth + 1),
            _ => None,
        })
    }
}

fn qualify(ns: &[String], name: &str) -> String {
    let mut s = String::new();
    for n in ns {
        s.push_str("::");
        s.push_str(n);
    }
    s.push_str("::");
    s.push_str(name);
    s
}

/// C++ keywords an exported Rust name may be: such names get a trailing `_`.
const CPP_KEYWORDS: &[&str] = &[
    "alignas",
    "alignof",
    "and",
    "asm",
    "auto",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "constexpr",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "nullptr",
    "operator",
    "or",
    "private",
    "protected",
    "public",
    "register",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "template",
    "this",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
    "xor",
    // C++20, and macros compilers predefine in their GNU modes.
    "char8_t",
    "char16_t",
    "char32_t",
    "co_await",
    "co_return",
    "co_yield",
    "concept",
    "consteval",
    "constinit",
    "requires",
    "static_assert",
    "thread_local",
    "wchar_t",
    "unix",
    "linux",
    "i386",
];

pub fn cpp_ident(rust: &str) -> String {
    let n = rust.trim_start_matches("r#");
    if CPP_KEYWORDS.contains(&n) {
        format!("{n}_")
    } else {
        n.to_string()
    }
}

fn prim(p: Prim) -> &'static str {
    match p {
        Prim::I8 => "std::int8_t",
        Prim::I16 => "std::int16_t",
        Prim::I32 => "std::int32_t",
        Prim::I64 => "std::int64_t",
        Prim::U8 => "std::uint8_t",
        Prim::U16 => "std::uint16_t",
        Prim::U32 => "std::uint32_t",
        Prim::U64 => "std::uint64_t",
        Prim::Isize => "std::ptrdiff_t",
        Prim::Usize => "std::size_t",
        Prim::F32 => "float",
        Prim::F64 => "double",
        Prim::Bool => "bool",
    }
}

pub(super) const RT: &str = "::relocxx::rust";

/// The C++ type of a value (a parameter when `param`, else a result or element).
pub(super) fn cpp(ty: &Ty, param: bool, types: &Types<'_>) -> Result<String, String> {
    Ok(match ty {
        Ty::Prim(p) => prim(*p).to_string(),
        Ty::Str => format!("{RT}::Str"),
        Ty::String if param => format!("{RT}::Str"),
        Ty::String => format!("{RT}::String"),
        Ty::Slice { elem, mutable } => {
            let e = cpp(elem, false, types)?;
            if *mutable {
                format!("{RT}::Slice<{e}>")
            } else {
                format!("{RT}::Slice<const {e}>")
            }
        }
        Ty::Vec(e) if param => format!("{RT}::Slice<const {}>", cpp(e, false, types)?),
        Ty::Vec(e) => format!("{RT}::Vec<{}>", cpp(e, false, types)?),
        Ty::Option(inner) => format!("std::optional<{}>", cpp(inner, param, types)?),
        Ty::Ref { inner, mutable } => {
            let t = cpp(inner, false, types)?;
            if *mutable {
                format!("{t}&")
            } else {
                format!("const {t}&")
            }
        }
        // A C++ class bound by relocxx (`export::cpp_types`): its own name.
        Ty::Named(path) if super::is_cpp(path) => format!("::{}", path[1..].join("::")),
        Ty::Named(path) => types.qualified(path).ok_or_else(|| match types.get(path) {
            Some(Kind::Opaque(..)) => format!(
                "uses `{}`, whose size is not known: {UNKNOWN_SIZE}",
                path.join("::")
            ),
            _ => format!(
                "uses `{}`, which no `#[relocxx::export]` item of this crate declares",
                path.join("::")
            ),
        })?,
    })
}

/// Why an opaque type's size may be unknown, and the two ways to give it.
const UNKNOWN_SIZE: &str = "generate the header from the compiled crate (`relocxx gen --rust-lib`, `Builder::rust_lib`; CMake's relocxx_add_crate does), or state it: `#[relocxx::export(size = N, align = M)]` (of `Option<T>`; the attribute checks it and its error names rustc's numbers)";

pub fn write(name: &str, items: &[Found], layouts: &Layouts, refused: &mut Vec<String>) -> String {
    let mut types = Types {
        by_name: HashMap::new(),
    };
    // C++ names one type per name here (functions name types by their last path segment):
    // a name two exports share is refused for both (and left out of `types.by_name`, which is
    // what every later step asks), and so is whatever uses it.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in items {
        if let Export::Plain(_) | Export::Enum(_) | Export::Opaque(_) = &f.export {
            *seen.entry(type_name(&f.export)).or_default() += 1;
        }
    }
    for f in items {
        let ns = f.namespace.as_slice();
        if let Export::Plain(_) | Export::Enum(_) | Export::Opaque(_) = &f.export {
            let n = type_name(&f.export);
            if seen[&n] > 1 {
                refused.push(format!(
                    "{}: `{n}`: two exported types have this name; rename one (the header resolves names, not paths)",
                    f.file.display()
                ));
                continue;
            }
        }
        let kind = match &f.export {
            Export::Plain(p) => Kind::Plain(p, ns),
            Export::Enum(e) => Kind::Enum(e, ns),
            Export::Opaque(o) => {
                let symbol = syntax::symbol(ns, &[&o.ident.to_string()]);
                // rustc's record when the crate is compiled, else the attribute's statement
                // (which the attribute asserts against rustc's).
                Kind::Opaque(o, ns, layouts.get(&symbol).copied().or(f.layout))
            }
            Export::Fn(_) | Export::Impl(_) | Export::Display { .. } => continue,
        };
        types.by_name.insert(type_name(&f.export), kind);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {name}.h: Rust items exported to C++ (`#[relocxx::export]`). Generated by relocxx; do not edit.\n\
         // Errors throw relocxx::rust::Error, panics relocxx::rust::Panic (see relocxx/rust.hpp).\n\
         #pragma once\n\n#include <cstddef>\n#include <cstdint>\n#include <cstring>\n#include <optional>\n#include <ostream>\n#include <string>\n\n#include \"relocxx/rust.hpp\""
    );
    // The headers of the bound C++ classes the signatures pass (`include = ".."`).
    let mut includes: Vec<&String> = items.iter().flat_map(|f| &f.include).collect();
    includes.sort();
    includes.dedup();
    for i in includes {
        let _ = writeln!(out, "#include \"{i}\"");
    }
    out.push('\n');
    // Every call first: members are declared in their class's body.
    let mut decls = String::new();
    let mut defs: Vec<(&[String], String)> = Vec::new();
    let mut members: HashMap<String, String> = HashMap::new();
    for f in items {
        let ns = f.namespace.as_slice();
        let file = f.file.display();
        match &f.export {
            Export::Fn(func) => {
                let callee = Callee {
                    symbol: syntax::symbol(ns, &[&func.ident.to_string()]),
                    func,
                    member: None,
                    name: cpp_ident(&func.ident.to_string()),
                    opaque_member: false,
                    ctor: false,
                };
                match calls::lower(&callee, &types) {
                    Ok(l) => {
                        decls += &l.decl;
                        defs.push((ns, l.def));
                    }
                    Err(why) => refused.push(format!("{file}: fn {}: {why}", func.ident)),
                }
            }
            Export::Impl(imp) => {
                let (class_ns, opaque) = match types.by_name.get(&imp.self_name) {
                    Some(Kind::Plain(_, class_ns)) => (*class_ns, false),
                    Some(Kind::Opaque(_, class_ns, Some(_))) => (*class_ns, true),
                    Some(Kind::Opaque(_, _, None)) => {
                        refused.push(format!(
                            "{file}: impl {}: the size of the type is not known: {UNKNOWN_SIZE}",
                            imp.self_name
                        ));
                        continue;
                    }
                    Some(Kind::Enum(..)) => {
                        refused.push(format!(
                            "{file}: impl {}: a C++ enum has no member functions: export free functions taking the enum instead",
                            imp.self_name
                        ));
                        continue;
                    }
                    None => {
                        refused.push(format!(
                            "{file}: impl {}: the type is not exported",
                            imp.self_name
                        ));
                        continue;
                    }
                };
                let class = cpp_ident(&imp.self_name);
                let qualified = qualify(class_ns, &class);
                for m in &imp.methods {
                    let rust = m.func.ident.to_string();
                    let returns_self = match &m.func.ret {
                        syntax::Ret::Value(Ty::Named(p))
                        | syntax::Ret::Result(Some(Ty::Named(p))) => {
                            p.last() == Some(&imp.self_name)
                        }
                        _ => false,
                    };
                    // `new(&Self)` would be a copy constructor: a static member then.
                    let takes_self = m.func.params.iter().any(|p| match &p.ty {
                        Ty::Named(path) => path.last() == Some(&imp.self_name),
                        Ty::Ref { inner, .. } => {
                            matches!(&**inner, Ty::Named(path) if path.last() == Some(&imp.self_name))
                        }
                        _ => false,
                    });
                    if let Some(Kind::Plain(p, _)) = types.by_name.get(&imp.self_name) {
                        let same = |f: &syn::Ident| cpp_ident(&f.to_string()) == cpp_ident(&rust);
                        if p.fields.iter().any(|(f, _)| same(f)) {
                            refused.push(format!(
                                "{file}: {}::{rust}: a field of the struct has the same name (C++ has one namespace for both)",
                                imp.self_name
                            ));
                            continue;
                        }
                    }
                    let callee = Callee {
                        symbol: syntax::symbol(ns, &[&imp.self_name, &rust]),
                        func: &m.func,
                        member: Some((&class, &qualified, m.receiver)),
                        name: cpp_ident(&rust),
                        opaque_member: opaque,
                        ctor: opaque
                            && rust == "new"
                            && m.receiver.is_none()
                            && returns_self
                            && !takes_self,
                    };
                    match calls::lower(&callee, &types) {
                        Ok(l) => {
                            decls += &l.decl;
                            members
                                .entry(imp.self_name.clone())
                                .or_default()
                                .push_str(&l.member_decl);
                            defs.push((class_ns, l.def));
                        }
                        Err(why) => {
                            refused.push(format!("{file}: {}::{rust}: {why}", imp.self_name))
                        }
                    }
                }
            }
            Export::Display { self_name, .. } => {
                let (Some(q), Some(kind)) = (
                    types.qualified(&[self_name.clone()]),
                    types.by_name.get(self_name),
                ) else {
                    refused.push(format!("{file}: impl Display for {self_name}: the type is not exported (or its size is not known)"));
                    continue;
                };
                // Enums cross by value, structs and opaque objects by address (`Viewed`).
                let (class_ns, param, arg) = match kind {
                    Kind::Enum(_, n) => (*n, q.clone(), "value"),
                    Kind::Plain(_, n) | Kind::Opaque(_, n, _) => {
                        (*n, format!("const {q}*"), "&value")
                    }
                };
                let symbol = syntax::symbol(ns, &[self_name, "to_string"]);
                let _ = writeln!(decls, "{RT}::detail::ErrorBox* {symbol}({param}, {RT}::detail::Abi<{RT}::String>::type* out) noexcept;");
                let name = cpp_ident(self_name);
                defs.push((class_ns, format!(
                    "/// Rust's `Display`.\ninline std::string to_string(const {name}& value) {{\n    {RT}::detail::Out<{RT}::String> out;\n    {RT}::detail::check({symbol}({arg}, out.ptr()));\n    return out.take().str();\n}}\ninline std::ostream& operator<<(std::ostream& os, const {name}& value) {{ return os << to_string(value); }}\n"
                )));
            }
            Export::Plain(_) | Export::Enum(_) | Export::Opaque(_) => {}
        }
    }
    // Enums; every class declared (members may name any); opaque classes; plain structs with
    // the ones they contain first.
    let mut blocks: Vec<(&[String], String)> = Vec::new();
    for f in items {
        if let Export::Enum(e) = &f.export {
            if types.by_name.contains_key(&e.ident.to_string()) {
                blocks.push((&f.namespace, enumeration(e)));
            }
        }
    }
    let mut forward = Vec::new();
    for f in items {
        if !types.by_name.contains_key(&type_name(&f.export)) {
            continue;
        }
        match &f.export {
            Export::Plain(p) => forward.push((
                f.namespace.as_slice(),
                format!("struct {};", cpp_ident(&p.ident.to_string())),
            )),
            Export::Opaque(o) if types.qualified(&[o.ident.to_string()]).is_some() => {
                forward.push((
                    f.namespace.as_slice(),
                    format!("class {};", cpp_ident(&o.ident.to_string())),
                ))
            }
            _ => {}
        }
    }
    blocks.extend(forward);
    let mut abis = String::new();
    let mut special: Vec<(&[String], String)> = Vec::new();
    for f in items {
        let Export::Opaque(o) = &f.export else {
            continue;
        };
        let n = o.ident.to_string();
        if !types.by_name.contains_key(&n) {
            continue;
        }
        match (types.qualified(&[n.clone()]), types.by_name.get(&n)) {
            (Some(q), Some(Kind::Opaque(_, _, Some(layout)))) => {
                let symbol = syntax::symbol(&f.namespace, &[&n]);
                let member_decls = members.get(&n).map(String::as_str).unwrap_or("");
                let [d, class, def, abi] =
                    super::opaque::class(o, &q, &symbol, *layout, member_decls);
                decls += &d;
                blocks.push((&f.namespace, class));
                special.push((&f.namespace, def));
                abis += &abi;
            }
            _ => refused.push(format!(
                "{}: struct {n}: its size is not known: {UNKNOWN_SIZE}",
                f.file.display()
            )),
        }
    }
    let plains: Vec<(&Plain, &[String])> = items
        .iter()
        .filter_map(|f| match &f.export {
            Export::Plain(p) if types.by_name.contains_key(&p.ident.to_string()) => {
                Some((p, f.namespace.as_slice()))
            }
            _ => None,
        })
        .collect();
    let mut done: Vec<String> = Vec::new();
    let mut guard = 0;
    while done.len() < plains.len() && guard <= plains.len() {
        guard += 1;
        for (p, ns) in &plains {
            let n = p.ident.to_string();
            if done.contains(&n) {
                continue;
            }
            let ready = p.fields.iter().all(|(_, t)| match t {
                Ty::Named(path) => match types.get(path) {
                    Some(Kind::Plain(inner, _)) => done.contains(&inner.ident.to_string()),
                    _ => true,
                },
                _ => true,
            });
            if ready || guard > plains.len() {
                match plain(p, &types, members.get(&n).map(String::as_str).unwrap_or("")) {
                    Ok(text) => blocks.push((ns, text)),
                    Err(why) => refused.push(format!("struct {n}: {why}")),
                }
                done.push(n);
            }
        }
    }
    out += &in_namespaces(&blocks);
    out += &abis;
    if !decls.is_empty() {
        let _ = write!(out, "\nextern \"C\" {{\n{decls}}}\n\n");
    }
    special.extend(defs);
    out += &in_namespaces(&special);
    out
}

fn type_name(e: &Export) -> String {
    match e {
        Export::Plain(p) => p.ident.to_string(),
        Export::Enum(x) => x.ident.to_string(),
        Export::Opaque(o) => o.ident.to_string(),
        _ => String::new(),
    }
}

/// The texts in their namespaces, one `namespace` block per run of the same one.
fn in_namespaces(blocks: &[(&[String], String)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < blocks.len() {
        let ns = blocks[i].0;
        let mut body = String::new();
        while i < blocks.len() && blocks[i].0 == ns {
            body += &blocks[i].1;
            body.push('\n');
            i += 1;
        }
        if ns.is_empty() {
            out += &body;
        } else {
            let n = ns.join("::");
            out += &format!("namespace {n} {{\n\n{body}}}  // namespace {n}\n\n");
        }
    }
    out
}

pub(super) fn doc_lines(docs: &[String]) -> String {
    docs.iter().map(|d| format!("///{d}\n")).collect()
}

fn enumeration(e: &Enum) -> String {
    let mut s = doc_lines(&e.docs);
    let _ = writeln!(
        s,
        "enum class {} : {} {{",
        cpp_ident(&e.ident.to_string()),
        prim(e.repr)
    );
    for (v, value) in &e.variants {
        let _ = writeln!(s, "    {} = {value},", cpp_ident(&v.to_string()));
    }
    s.push_str("};\n");
    s
}

fn plain(p: &Plain, types: &Types<'_>, members: &str) -> Result<String, String> {
    let name = cpp_ident(&p.ident.to_string());
    let mut s = doc_lines(&p.docs);
    let _ = writeln!(s, "struct {name} {{");
    for (f, t) in &p.fields {
        let _ = writeln!(
            s,
            "    {} {};",
            cpp(t, false, types)?,
            cpp_ident(&f.to_string())
        );
    }
    if !members.is_empty() {
        let _ = write!(s, "\n{members}");
    }
    if p.partial_eq {
        let _ = writeln!(s, "\n    // `#[derive(PartialEq)]`: field by field.");
        let cmp: Vec<String> = p
            .fields
            .iter()
            .map(|(f, _)| {
                let f = cpp_ident(&f.to_string());
                format!("a.{f} == b.{f}")
            })
            .collect();
        let cmp = if cmp.is_empty() {
            "true".to_string()
        } else {
            cmp.join(" && ")
        };
        let _ = writeln!(
            s,
            "    friend bool operator==(const {name}& a, const {name}& b) {{ return {cmp}; }}\n    friend bool operator!=(const {name}& a, const {name}& b) {{ return !(a == b); }}"
        );
    }
    s.push_str("};\n");
    let _ = writeln!(
        s,
        "static_assert(std::is_trivially_copyable<{name}>::value && std::is_standard_layout<{name}>::value, \"relocxx: {name} is plain data, as in Rust\");"
    );
    if let Some((size, align)) = types.layout(p, 0) {
        let _ = writeln!(
            s,
            "static_assert(sizeof({name}) == {size} && alignof({name}) == {align}, \"relocxx: {name} has the layout of the #[repr(C)] Rust struct\");"
        );
    }
    Ok(s)
}
