//! One exported call in C++: the `extern "C"` declaration of the function the macro wrote (its
//! parameters are the runtime's `FromCpp::Abi` types, the result an out-pointer to
//! `IntoCpp::Abi`), and the inline C++ function or member that converts the arguments, calls
//! it and throws what Rust reported.

use std::fmt::Write;

use super::header::{cpp, doc_lines, Kind, Types, RT};
use super::syntax::{Func, Receiver, Ret, Ty};

/// The call to lower: a free function, or a member of a plain struct (its C++ name, its
/// qualified C++ name, how the method takes `self`).
pub struct Callee<'a> {
    pub symbol: String,
    pub func: &'a Func,
    pub member: Option<(&'a str, &'a str, Option<Receiver>)>,
    /// The C++ name (keyword-escaped).
    pub name: String,
    /// The member's class is an opaque type (`self` by value moves out of it).
    pub opaque_member: bool,
    /// `fn new(..) -> Self` of an opaque type: a C++ constructor of the member's class.
    pub ctor: bool,
}

/// Whether a bound C++ class sits inside an `Option`, slice or `Vec` of `ty`.
fn cpp_inside(ty: &Ty) -> bool {
    let is_cpp = |t: &Ty| matches!(t, Ty::Named(path) if super::is_cpp(path));
    match ty {
        Ty::Option(t) | Ty::Vec(t) | Ty::Slice { elem: t, .. } => is_cpp(t) || cpp_inside(t),
        Ty::Ref { inner, .. } => cpp_inside(inner),
        _ => false,
    }
}

/// Whether `ty` is an opaque exported type held by value.
fn opaque(ty: &Ty, types: &Types<'_>) -> bool {
    matches!(ty, Ty::Named(path) if matches!(types.get(path), Some(Kind::Opaque(..))))
}

pub struct Lowered {
    /// In `extern "C" { }`.
    pub decl: String,
    /// In the class body (members only).
    pub member_decl: String,
    /// The inline definition.
    pub def: String,
}

/// The parameter type of the `extern "C"` declaration (the runtime's `FromCpp::Abi`).
fn abi_param(ty: &Ty, types: &Types<'_>) -> Result<String, String> {
    Ok(match ty {
        // The address of the C++ object; Rust takes the value out of it.
        t if opaque(t, types) => format!("{}*", cpp(t, true, types)?),
        Ty::Named(path) if super::is_cpp(path) => {
            format!("{RT}::detail::Relocated<{}>*", cpp(ty, true, types)?)
        }
        Ty::Option(inner) if opaque(inner, types) => {
            format!("{RT}::detail::OptionAbi<{}*>*", cpp(inner, true, types)?)
        }
        Ty::Option(_) => format!("{RT}::detail::Abi<{}>::type*", cpp(ty, true, types)?),
        Ty::Ref { inner, mutable } => {
            let t = cpp(inner, false, types)?;
            if *mutable {
                format!("{t}*")
            } else {
                format!("const {t}*")
            }
        }
        _ => cpp(ty, true, types)?,
    })
}

pub fn lower(c: &Callee<'_>, types: &Types<'_>) -> Result<Lowered, String> {
    let f = c.func;
    let symbol = &c.symbol;
    let mut abi = Vec::new();
    let mut params = Vec::new();
    let mut setup = String::new();
    let mut args = Vec::new();
    let mut qualifier = "";
    let by_value_opaque = c.opaque_member;
    if let Some((_, qualified, Some(r))) = c.member {
        match r {
            Receiver::Ref => {
                abi.push(format!("const {qualified}*"));
                args.push("this".to_string());
                qualifier = " const";
            }
            Receiver::Mut => {
                abi.push(format!("{qualified}*"));
                args.push("this".to_string());
            }
            // An opaque object gives its value up: called on an rvalue, left moved-from.
            Receiver::Value if by_value_opaque => {
                abi.push(format!("{qualified}*"));
                args.push("this".to_string());
                qualifier = " &&";
            }
            Receiver::Value => {
                abi.push(qualified.to_string());
                args.push("*this".to_string());
                qualifier = " const";
            }
        }
    }
    // A bound C++ class by value crosses as itself (moved into storage Rust relocates it out
    // of); inside an `Option`, a slice or a `Vec` argument it has no such storage.
    if f.params.iter().any(|p| cpp_inside(&p.ty)) {
        return Err(
            "a C++ class bound by relocxx crosses by value, by reference or in an `Option` result, not inside an `Option`, slice or `Vec` argument"
                .into(),
        );
    }
    for p in &f.params {
        let n = super::header::cpp_ident(&p.name);
        abi.push(abi_param(&p.ty, types)?);
        // Some arguments cross as the address of a local the wrapper fills first.
        let t = cpp(&p.ty, true, types)?;
        let local = match &p.ty {
            // Moved into a `Relocated`, which Rust empties when it takes the value.
            Ty::Named(path) if super::is_cpp(path) => Some((
                format!("{t} {n}"),
                format!("{RT}::detail::Relocated<{t}>(static_cast<{t}&&>({n}))"),
            )),
            // By value (callers move in); Rust takes the object out of the optional.
            Ty::Option(inner) if opaque(inner, types) => Some((
                format!("{t} {n}"),
                format!("{RT}::detail::option_of_object({n})"),
            )),
            Ty::Option(_) => Some((
                format!("const {t}& {n}"),
                format!("{RT}::detail::Abi<{t}>::from({n})"),
            )),
            _ => None,
        };
        if let Some((param, init)) = local {
            let local = format!("relocxx_a{}", args.len());
            let _ = writeln!(setup, "    auto {local} = {init};");
            params.push(param);
            args.push(format!("&{local}"));
            continue;
        }
        params.push(format!("{t} {n}"));
        // References and opaque objects cross as the object's address.
        if matches!(p.ty, Ty::Ref { .. }) || opaque(&p.ty, types) {
            args.push(format!("&{n}"));
        } else {
            args.push(n);
        }
    }
    let result = match &f.ret {
        Ret::Unit | Ret::Result(None) => None,
        Ret::Value(t) | Ret::Result(Some(t)) => Some(cpp(t, false, types)?),
    };
    if let Some(r) = &result {
        abi.push(format!("{RT}::detail::Abi<{r}>::type* out"));
    }
    if c.ctor {
        let Some((class, qualified, _)) = c.member else {
            unreachable!("a constructor is a member")
        };
        let decl = format!(
            "{RT}::detail::ErrorBox* {symbol}({}) noexcept;\n",
            abi.join(", ")
        );
        let mut doc = doc_lines(&f.docs);
        if matches!(f.ret, Ret::Result(_)) {
            doc += "/// Throws relocxx::rust::Error for an `Err`.\n";
        }
        let indented: String = doc.lines().map(|l| format!("    {l}\n")).collect();
        let params = params.join(", ");
        let explicit = if f.params.len() == 1 { "explicit " } else { "" };
        args.push(format!(
            "reinterpret_cast<{RT}::detail::Abi<{qualified}>::type*>(repr_)"
        ));
        return Ok(Lowered {
            decl,
            member_decl: format!("{indented}    {explicit}{class}({params});\n"),
            def: format!(
                "inline {class}::{class}({params}) {{\n{setup}    {RT}::detail::check({symbol}({}));\n}}\n",
                args.join(", ")
            ),
        });
    }
    let decl = format!(
        "{RT}::detail::ErrorBox* {symbol}({}) noexcept;\n",
        abi.join(", ")
    );
    let ret_ty = result.clone().unwrap_or_else(|| "void".into());
    let mut doc = doc_lines(&f.docs);
    if matches!(f.ret, Ret::Result(_)) {
        doc += "/// Throws relocxx::rust::Error for an `Err`.\n";
    }
    let params = params.join(", ");
    let (member_decl, head) = match c.member {
        None => (
            String::new(),
            format!("{doc}inline {ret_ty} {}({params})", c.name),
        ),
        Some((class, _, recv)) => {
            let stat = if recv.is_none() { "static " } else { "" };
            let indented: String = doc.lines().map(|l| format!("    {l}\n")).collect();
            (
                format!(
                    "{indented}    {stat}{ret_ty} {}({params}){qualifier};\n",
                    c.name
                ),
                format!("inline {ret_ty} {class}::{}({params}){qualifier}", c.name),
            )
        }
    };
    let mut def = format!("{head} {{\n{setup}");
    match &result {
        Some(r) => {
            // `relocxx_`: never the name of a parameter (those are Rust names).
            args.push("relocxx_out.ptr()".into());
            let _ = writeln!(
                def,
                "    {RT}::detail::Out<{r}> relocxx_out;\n    {RT}::detail::check({symbol}({}));\n    return relocxx_out.take();",
                args.join(", ")
            );
        }
        None => {
            let _ = writeln!(
                def,
                "    {RT}::detail::check({symbol}({}));",
                args.join(", ")
            );
        }
    }
    def.push_str("}\n");
    Ok(Lowered {
        decl,
        member_decl,
        def,
    })
}
