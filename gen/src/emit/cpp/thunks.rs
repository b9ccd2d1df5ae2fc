//! One `extern "C"` thunk per bound function. The thunk is `noexcept`: a C++ exception never
//! unwinds into Rust. Functions not declared `noexcept` get a guard that reports `what()` and
//! aborts. Parameter passing follows `emit::abi`.

use crate::emit::abi::{self, Pass, Ret};
use crate::model::{Function, Item, Type};

use super::types::{cpp_type, pointer_to, underlying_of};

fn pointee(ty: &Type) -> &Type {
    match ty {
        Type::Ref { pointee, .. } => pointee,
        other => other,
    }
}

/// `extern "C" <ret> <name>(<params>) noexcept` (no trailing `;` or body).
pub fn signature(binding: &str, item: &Item, f: &Function) -> String {
    let mut params: Vec<String> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ty = match abi::param(&p.ty) {
                Pass::Value => cpp_type(&p.ty),
                Pass::Enum => underlying_of(&p.ty),
                Pass::ByPtr => pointer_to(&p.ty, true),
                Pass::Ref { is_const } => pointer_to(pointee(&p.ty), is_const),
            };
            format!("{ty} a{i}")
        })
        .collect();
    let ret = match abi::ret(f) {
        Ret::Void | Ret::OutPtr => "void".to_string(),
        Ret::Value => cpp_type(&f.ret),
        Ret::Enum => underlying_of(&f.ret),
        Ret::Borrow { is_const } | Ret::RawRef { is_const } => pointer_to(pointee(&f.ret), is_const),
    };
    if abi::ret(f) == Ret::OutPtr {
        params.push(format!("{} ret", pointer_to(&f.ret, false)));
    }
    format!("{ret} {}({}) noexcept", abi::thunk_name(binding, item), params.join(", "))
}

pub fn definition(binding: &str, item: &Item, f: &Function) -> String {
    let args: Vec<String> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match abi::param(&p.ty) {
            Pass::Value => format!("a{i}"),
            Pass::Enum => format!("static_cast<{}>(a{i})", cpp_type(&p.ty)),
            Pass::ByPtr | Pass::Ref { .. } => format!("*a{i}"),
        })
        .collect();
    let call = format!("{}({})", item.cpp_path(), args.join(", "));
    let stmt = match abi::ret(f) {
        Ret::Void => format!("{call};"),
        Ret::Value => format!("return {call};"),
        Ret::Enum => format!("return static_cast<{}>({call});", underlying_of(&f.ret)),
        Ret::OutPtr => format!("::new (static_cast<void*>(ret)) {}({call});", cpp_type(&f.ret)),
        Ret::Borrow { .. } | Ret::RawRef { .. } => format!("return std::addressof({call});"),
    };
    let body = if f.noexcept {
        format!("    {stmt}\n")
    } else {
        format!(
            "    try {{\n        {stmt}\n    }} catch (...) {{\n        ::relocxx::detail::abort_on_exception(\"{}\");\n    }}\n",
            item.qualified()
        )
    };
    format!("extern \"C\" {} {{\n{body}}}\n", signature(binding, item, f))
}
