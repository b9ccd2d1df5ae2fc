//! The C++ half of a call from C++ into Rust (`emit::rust::upcalls`): the parameter types of
//! the `extern "C"` function Rust provides, and the statements of a C++ function with
//! parameters `a0`, `a1`... that converts them as `analyze::subclass` decided, calls Rust, and
//! returns its result the C++ way. Shared by overrides (`subclass`) and callbacks.

use crate::analyze::callbacks::callback_type;
use crate::emit::rust::upcalls::{pointee, UpSig};
use crate::model::{Param, StdType, Type, UpParam, UpRet};

use super::types::{cpp_type, pointer_to};

/// Parameter types of the Rust function (after the leading ones the caller adds).
pub fn ffi_params(sig: &UpSig<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (ty, up) in sig.tys.iter().zip(sig.ups) {
        match up {
            UpParam::Value => out.push(cpp_type(ty)),
            UpParam::Ref { is_const, .. } => out.push(pointer_to(pointee(ty), *is_const)),
            UpParam::RawMut => out.push(pointer_to(pointee(ty), false)),
            UpParam::Copy | UpParam::Move => out.push(pointer_to(ty, false)),
            UpParam::String => out.push("std::string const*".into()),
            UpParam::View => {
                out.push("char const*".into());
                out.push("std::size_t".into());
            }
        }
    }
    match sig.up_ret {
        UpRet::Out => out.push(pointer_to(sig.ret, false)),
        UpRet::String => out.push("void*".into()),
        UpRet::Void | UpRet::Value => {}
    }
    out
}

pub fn ffi_ret(sig: &UpSig<'_>) -> String {
    match sig.up_ret {
        UpRet::Value => cpp_type(sig.ret),
        _ => "void".into(),
    }
}

/// Statements (indented by 8) calling `callee(leading..., converted a0, a1, ...)` and
/// returning its result as the C++ function's.
pub fn body(sig: &UpSig<'_>, leading: Vec<String>, callee: &str) -> String {
    let mut pre = String::new();
    let mut args = leading;
    for (i, (ty, up)) in sig.tys.iter().zip(sig.ups).enumerate() {
        match up {
            UpParam::Value => args.push(format!("a{i}")),
            UpParam::Ref { .. } | UpParam::RawMut | UpParam::String | UpParam::Copy => {
                args.push(format!("std::addressof(a{i})"))
            }
            UpParam::Move => {
                // A temporary Rust takes over by relocation; C++ destroys `a{i}` itself.
                let ty = cpp_type(ty);
                pre += &format!(
                    "        alignas({ty}) unsigned char buf{i}[sizeof({ty})];\n        {ty}* moved{i} = ::new (static_cast<void*>(buf{i})) {ty}(std::move(a{i}));\n"
                );
                args.push(format!("moved{i}"));
            }
            UpParam::View => {
                args.push(format!("a{i}.data()"));
                args.push(format!("a{i}.size()"));
            }
        }
    }
    let call = |extra: Option<&str>| {
        let mut a = args.clone();
        a.extend(extra.map(String::from));
        format!("{callee}({})", a.join(", "))
    };
    match sig.up_ret {
        UpRet::Void => format!("{pre}        {};\n", call(None)),
        UpRet::Value => format!("{pre}        return {};\n", call(None)),
        UpRet::Out => {
            let ty = cpp_type(sig.ret);
            format!(
                "{pre}        alignas({ty}) unsigned char ret[sizeof({ty})];\n        {};\n        {ty}* r = ::relocxx::restart_lifetime(reinterpret_cast<{ty}*>(ret));\n        ::relocxx::detail::destroy_on_exit<{ty}> done{{r}};\n        return std::move(*r);\n",
                call(Some(&format!("reinterpret_cast<{ty}*>(ret)")))
            )
        }
        UpRet::String => format!(
            "{pre}        alignas(std::string) unsigned char ret[sizeof(std::string) < sizeof(void*) ? sizeof(void*) : sizeof(std::string)];\n        {};\n        std::string s = std::move(*::relocxx::detail::string_object(ret));\n        ::relocxx::detail::string_release(ret);\n        return s;\n",
            call(Some("static_cast<void*>(ret)"))
        ),
    }
}

fn callback_sig(p: &Param) -> UpSig<'_> {
    UpSig::of_function_param(p)
}

/// The thunk parameters of the `i`-th parameter, a closure: holder, drop and call functions.
pub fn callback_params(p: &Param, i: usize) -> Vec<String> {
    let s = callback_sig(p);
    let mut ps = vec!["void*".to_string(), "void*".to_string()];
    ps.extend(ffi_params(&s));
    vec![
        format!("void* a{i}"),
        format!("void (*a{i}_drop)(void*)"),
        format!("{} (*a{i}_call)({})", ffi_ret(&s), ps.join(", ")),
    ]
}

/// Statements building `f<i>`, the `std::function` that calls the closure. Its copies share
/// the closure; the last one destroyed drops it (also if building the function throws).
pub fn callback_setup(p: &Param, i: usize) -> String {
    let s = callback_sig(p);
    let (ret, params) = callback_type(&p.ty).expect("a callback parameter");
    let function = cpp_type(&Type::Std(StdType::Function {
        ret: Box::new(ret.clone()),
        params: params.to_vec(),
    }));
    let lambda_params: Vec<String> = params
        .iter()
        .enumerate()
        .map(|(k, t)| format!("{} a{k}", cpp_type(t)))
        .collect();
    let body = body(&s, vec!["h.get()".into(), "nullptr".into()], "call");
    let body: String = body.lines().map(|l| format!("        {l}\n")).collect();
    format!(
        "        {function} f{i}{{[h = std::shared_ptr<void>(a{i}, a{i}_drop), call = a{i}_call]({}) -> {} {{\n{body}        }}}};\n",
        lambda_params.join(", "),
        cpp_type(ret)
    )
}
