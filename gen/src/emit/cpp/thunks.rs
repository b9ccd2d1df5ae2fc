//! One `extern "C"` thunk per call. The thunk is `noexcept`: a C++ exception never unwinds into
//! Rust. Calls not declared `noexcept` get a guard that reports `what()` and aborts. Passing
//! follows `emit::abi`; every pointer to a relocatable object living in Rust storage goes
//! through `relocxx::restart_lifetime` before C++ uses it (DESIGN §4).

use crate::emit::abi::{self, Pass, Receiver, Reprs, Ret, Sig};
use crate::model::{StdType, Type};

use super::types::{cpp_type, pointer_to, underlying_of};

/// What the thunk calls.
pub enum Callee {
    /// A free function, `::ns::f`.
    Free(String),
    /// A method called on the receiver, by C++ name (`get`, `operator==`).
    Method(String),
    /// A static member function, `::ns::T::f`.
    Static(String),
    /// A constructor of the record the call returns.
    Ctor,
}

pub struct CppCall<'a> {
    pub sig: Sig<'a>,
    pub thunk: String,
    /// `::ns::T` of the receiver.
    pub self_cpp: Option<String>,
    pub callee: Callee,
    /// Qualified C++ name, for the exception message.
    pub what: String,
    pub noexcept: bool,
}

fn pointee(ty: &Type) -> &Type {
    match ty {
        Type::Ref { pointee, .. } => pointee,
        other => other,
    }
}

/// `p`, or `::relocxx::restart_lifetime(p)` when `p` points at a relocatable record.
pub fn live(p: &str, pointee_ty: &Type, reprs: &Reprs) -> String {
    if abi::is_relocatable(pointee_ty, reprs) {
        format!("::relocxx::restart_lifetime({p})")
    } else {
        p.to_string()
    }
}

/// `extern "C" <ret> <name>(<params>) noexcept` (no trailing `;` or body).
pub fn signature(call: &CppCall<'_>, reprs: &Reprs) -> String {
    let mut params = Vec::new();
    if let Some(t) = &call.self_cpp {
        match call.sig.receiver {
            Receiver::None => {}
            Receiver::Const => params.push(format!("{t} const* self")),
            Receiver::Mut | Receiver::PinMut => params.push(format!("{t}* self")),
        }
    }
    for (i, p) in call.sig.params.iter().enumerate() {
        let ty = match abi::param_of(p, reprs) {
            Pass::Value | Pass::CClosure | Pass::Context => cpp_type(&p.ty),
            Pass::Enum => underlying_of(&p.ty),
            Pass::CopyIn => pointer_to(&p.ty, true),
            Pass::MoveIn => pointer_to(&p.ty, false),
            Pass::Ref { is_const, .. } => pointer_to(pointee(&p.ty), is_const),
            Pass::StringMove => "void*".into(),
            Pass::View => {
                params.push(format!("char const* a{i}_data"));
                params.push(format!("std::size_t a{i}_len"));
                continue;
            }
            Pass::Callback => {
                params.extend(super::upcalls::callback_params(p, i));
                continue;
            }
            Pass::Span { is_const } => {
                let elem = p.ty.std_element().map(cpp_type).unwrap_or_default();
                params.push(format!(
                    "{elem}{}* a{i}_data",
                    if is_const { " const" } else { "" }
                ));
                params.push(format!("std::size_t a{i}_len"));
                continue;
            }
        };
        params.push(format!("{ty} a{i}"));
    }
    let kind = abi::ret(&call.sig, reprs);
    let ret = match kind {
        Ret::Void | Ret::OutPtr | Ret::Ctor | Ret::StringOut | Ret::View | Ret::Span { .. } => {
            "void".to_string()
        }
        Ret::Optional => "bool".to_string(),
        Ret::Value => cpp_type(call.sig.ret),
        Ret::Enum => underlying_of(call.sig.ret),
        Ret::Borrow { is_const, .. } | Ret::RawRef { is_const } => {
            pointer_to(pointee(call.sig.ret), is_const)
        }
    };
    match kind {
        Ret::OutPtr | Ret::Ctor => params.push(format!("{} ret", pointer_to(call.sig.ret, false))),
        Ret::StringOut => params.push("void* ret".into()),
        Ret::View => params.push("::relocxx::detail::raw_view* ret".into()),
        Ret::Span { .. } => params.push("::relocxx::detail::raw_span* ret".into()),
        Ret::Optional => match call.sig.ret.std_element() {
            Some(Type::Std(StdType::String)) => params.push("void* ret".into()),
            Some(e) => params.push(format!("{} ret", pointer_to(e, false))),
            None => {}
        },
        _ => {}
    }
    if call.sig.fallible {
        params.push("void* err".into());
        params.push("void (*set_err)(void*, char const*, std::size_t)".into());
    }
    format!("{ret} {}({}) noexcept", call.thunk, params.join(", "))
}

pub fn definition(call: &CppCall<'_>, reprs: &Reprs) -> String {
    let mut setup = String::new();
    let args: Vec<String> = call
        .sig
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match abi::param_of(p, reprs) {
            Pass::Value | Pass::CClosure | Pass::Context => format!("a{i}"),
            Pass::Enum => format!("static_cast<{}>(a{i})", cpp_type(&p.ty)),
            Pass::CopyIn => format!("*a{i}"),
            Pass::MoveIn => {
                // The Rust side gave up the object: move from it, destroy it after the call.
                setup += &format!(
                    "        ::relocxx::detail::destroy_on_exit<{}> g{i}{{{}}};\n",
                    cpp_type(&p.ty),
                    live(&format!("a{i}"), &p.ty, reprs)
                );
                format!("std::move(*g{i}.object)")
            }
            Pass::Ref { .. } => format!("*{}", live(&format!("a{i}"), pointee(&p.ty), reprs)),
            Pass::StringMove => {
                setup += &format!("        ::relocxx::detail::string_param g{i}{{a{i}}};\n");
                format!("std::move(g{i}.get())")
            }
            Pass::View => format!("std::string_view(a{i}_data, a{i}_len)"),
            Pass::Span { .. } => format!("{}(a{i}_data, a{i}_len)", cpp_type(&p.ty)),
            Pass::Callback => {
                setup += &super::upcalls::callback_setup(p, i);
                format!("std::move(f{i})")
            }
        })
        .collect();
    let args = args.join(", ");
    let self_ty = call
        .self_cpp
        .as_deref()
        .map(|t| Type::Record(t.trim_start_matches("::").to_string()));
    let recv = self_ty
        .as_ref()
        .map(|t| live("self", t, reprs))
        .unwrap_or_default();
    let expr = match &call.callee {
        Callee::Free(path) | Callee::Static(path) => format!("{path}({args})"),
        Callee::Method(name) => format!("{recv}->{name}({args})"),
        Callee::Ctor => String::new(),
    };
    let stmt = match (abi::ret(&call.sig, reprs), &call.callee) {
        (_, Callee::Ctor) => format!(
            "::new (static_cast<void*>(ret)) {}({args});",
            cpp_type(call.sig.ret)
        ),
        (Ret::Void, _) => format!("{expr};"),
        (Ret::Value, _) => format!("return {expr};"),
        (Ret::Enum, _) => format!(
            "return static_cast<{}>({expr});",
            underlying_of(call.sig.ret)
        ),
        (Ret::OutPtr | Ret::Ctor, _) => format!(
            "::new (static_cast<void*>(ret)) {}({expr});",
            cpp_type(call.sig.ret)
        ),
        (Ret::Borrow { .. } | Ret::RawRef { .. }, _) => format!("return std::addressof({expr});"),
        (Ret::StringOut, _) => format!("::relocxx::detail::string_emplace(ret, {expr});"),
        (Ret::View, _) => format!("::relocxx::detail::store_view(ret, {expr});"),
        (Ret::Span { .. }, _) => format!("::relocxx::detail::store_span(ret, {expr});"),
        (Ret::Optional, _) => {
            let place = match call.sig.ret.std_element() {
                Some(Type::Std(StdType::String)) => {
                    "::relocxx::detail::string_emplace(ret, std::move(*r));".to_string()
                }
                Some(e) => format!(
                    "::new (static_cast<void*>(ret)) {}(std::move(*r));",
                    cpp_type(e)
                ),
                None => String::new(),
            };
            format!("auto r = {expr};\n        if (!r) return false;\n        {place}\n        return true;")
        }
    };
    let body = format!("{setup}        {stmt}\n");
    if call.sig.fallible {
        // The exception goes back to Rust as Err(..); the result slot stays unused.
        let fallback = match abi::ret(&call.sig, reprs) {
            Ret::Void | Ret::OutPtr | Ret::Ctor | Ret::StringOut | Ret::View | Ret::Span { .. } => {
                String::new()
            }
            Ret::Optional => "    return false;\n".to_string(),
            _ => "    return {};\n".to_string(),
        };
        return format!(
            "extern \"C\" {} {{\n    try {{\n{body}    }} catch (...) {{\n        ::relocxx::detail::report_exception(err, set_err);\n    }}\n{fallback}}}\n",
            signature(call, reprs)
        );
    }
    guarded(&signature(call, reprs), &body, &call.what, call.noexcept)
}

/// A thunk definition with `body` (statements indented by 8), guarded unless `noexcept`.
pub fn guarded(signature: &str, body: &str, what: &str, noexcept: bool) -> String {
    if noexcept {
        let body: String = body
            .lines()
            .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
            .collect();
        format!("extern \"C\" {signature} {{\n{body}}}\n")
    } else {
        format!(
            "extern \"C\" {signature} {{\n    try {{\n{body}    }} catch (...) {{\n        ::relocxx::detail::abort_on_exception(\"{what}\");\n    }}\n}}\n"
        )
    }
}
