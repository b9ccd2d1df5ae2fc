//! One exported call in C++: the `extern "C"` declaration of the function the macro wrote (its
//! parameters are the runtime's `FromCpp::Abi` types, the result an out-pointer to
//! `IntoCpp::Abi`), and the inline C++ function or member that converts the arguments, calls
//! it and throws what Rust reported.

use std::fmt::Write;

use super::header::{cpp, doc_lines, Types, RT};
use super::syntax::{Func, Receiver, Ret, Ty};

/// The call to lower: a free function, or a member of a plain struct (its C++ name, its
/// qualified C++ name, how the method takes `self`).
pub struct Callee<'a> {
    pub symbol: String,
    pub func: &'a Func,
    pub member: Option<(&'a str, &'a str, Option<Receiver>)>,
    /// The C++ name (keyword-escaped).
    pub name: String,
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
            Receiver::Value => {
                abi.push(qualified.to_string());
                args.push("*this".to_string());
                qualifier = " const";
            }
        }
    }
    for p in &f.params {
        let n = super::header::cpp_ident(&p.name);
        abi.push(abi_param(&p.ty, types)?);
        match &p.ty {
            Ty::Option(_) => {
                let t = cpp(&p.ty, true, types)?;
                params.push(format!("const {t}& {n}"));
                let _ = writeln!(
                    setup,
                    "    auto {n}_abi = {RT}::detail::Abi<{t}>::from({n});"
                );
                args.push(format!("&{n}_abi"));
            }
            Ty::Ref { .. } => {
                params.push(format!("{} {n}", cpp(&p.ty, true, types)?));
                args.push(format!("&{n}"));
            }
            t => {
                params.push(format!("{} {n}", cpp(t, true, types)?));
                args.push(n);
            }
        }
    }
    let result = match &f.ret {
        Ret::Unit | Ret::Result(None) => None,
        Ret::Value(t) | Ret::Result(Some(t)) => Some(cpp(t, false, types)?),
    };
    if let Some(r) = &result {
        abi.push(format!("{RT}::detail::Abi<{r}>::type* out"));
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
            args.push("out.ptr()".into());
            let _ = writeln!(
                def,
                "    {RT}::detail::Out<{r}> out;\n    {RT}::detail::check({symbol}({}));\n    return out.take();",
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
