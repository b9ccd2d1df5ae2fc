//! The C++ half of interfaces implemented in Rust (`emit::rust::subclass`): a `final` class
//! deriving from the interface, holding the Rust value (`void*`) and the table of functions
//! Rust made for its type. Each override passes its arguments as `analyze::subclass` decided
//! and calls the table; the destructor calls the table's `drop` (the value is dropped exactly
//! once, by whoever deletes the object). `relocxx_base<k>` members give the Rust default the
//! C++ implementation, reachable for protected virtuals too because they are members of the
//! derived class.

use crate::emit::abi::{self, Reprs};
use crate::emit::rust::subclass::{base_key, FROM_KEY};
use crate::emit::rust::upcalls::{pointee, UpSig};
use crate::model::{Interface, InterfaceMethod, Item, Type, UpParam, UpRet};

use super::thunks::{guarded, live};
use super::types::{cpp_type, pointer_to};
use super::upcalls;

/// The override's declaration: `R name(P a0, ...) const`.
fn declarator(m: &InterfaceMethod, name: &str) -> String {
    let params: Vec<String> = m
        .method
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{} a{i}", cpp_type(&p.ty)))
        .collect();
    format!(
        "{} {name}({}){}",
        cpp_type(&m.method.ret),
        params.join(", "),
        if m.is_const() { " const" } else { "" }
    )
}

/// (prototypes for the header, definitions for the source).
pub fn thunks(
    binding: &str,
    item: &Item,
    iface: &Interface,
    reprs: &Reprs,
) -> (Vec<String>, Vec<String>) {
    let t = cpp_type(&Type::Record(item.qualified()));
    let class = abi::thunk_name(binding, item, Some("_subclass_"));
    let table = format!("{class}_table");
    let mut fields = vec!["    void (*drop)(void*);".to_string()];
    let mut members = Vec::new();
    let mut defs = Vec::new();
    let mut protos = Vec::new();
    for (k, m) in iface.methods.iter().enumerate() {
        let sig = UpSig::of_method(m);
        let mut ps = vec!["void*".to_string(), "void*".to_string()];
        ps.extend(upcalls::ffi_params(&sig));
        fields.push(format!(
            "    {} (*m{k})({});",
            upcalls::ffi_ret(&sig),
            ps.join(", ")
        ));

        // The override: C++ values -> the table function's arguments.
        let body = upcalls::body(
            &sig,
            vec![
                "relocxx_holder_".to_string(),
                format!("static_cast<void*>(const_cast<{t}*>(static_cast<{t} const*>(this)))"),
            ],
            &format!("relocxx_table_->m{k}"),
        );
        members.push(format!(
            "    {} noexcept override {{\n{body}    }}\n",
            declarator(m, &m.method.name)
        ));

        if m.pure {
            continue;
        }
        // The C++ implementation, for the Rust default (`<name>_base`).
        let fwd: Vec<String> = (0..m.method.params.len())
            .map(|i| format!("std::forward<decltype(a{i})>(a{i})"))
            .collect();
        members.push(format!(
            "    {} {{\n        return this->{}::{}({});\n    }}\n",
            declarator(m, &format!("relocxx_base{k}")),
            cpp_type(&Type::Record(m.declared_in.clone())),
            m.method.name,
            fwd.join(", ")
        ));
        let thunk = abi::thunk_name(binding, item, Some(&base_key(k)));
        let mut sig_params = vec!["void* cpp".to_string()];
        let mut call_args = Vec::new();
        let mut pre = String::new();
        for (i, (p, up)) in m.method.params.iter().zip(&m.params).enumerate() {
            let ty = cpp_type(&p.ty);
            match up {
                UpParam::Value => {
                    sig_params.push(format!("{ty} a{i}"));
                    call_args.push(format!("a{i}"));
                }
                UpParam::View => {
                    sig_params.push(format!("char const* a{i}, std::size_t a{i}_len"));
                    call_args.push(format!("std::string_view(a{i}, a{i}_len)"));
                }
                UpParam::String => {
                    sig_params.push(format!("std::string const* a{i}"));
                    call_args.push(format!("*a{i}"));
                }
                UpParam::Move => {
                    // Rust gave the object up: move from it, destroy it after the call.
                    sig_params.push(format!("{ty}* a{i}"));
                    pre += &format!(
                        "        {ty}* moved{i} = ::relocxx::restart_lifetime(a{i});\n        ::relocxx::detail::destroy_on_exit<{ty}> done{i}{{moved{i}}};\n"
                    );
                    call_args.push(format!("std::move(*moved{i})"));
                }
                UpParam::RawMut => {
                    sig_params.push(format!("{} a{i}", pointer_to(pointee(&p.ty), false)));
                    call_args.push(format!(
                        "*{}",
                        live(&format!("a{i}"), pointee(&p.ty), reprs)
                    ));
                }
                UpParam::Ref { is_const, .. } => {
                    sig_params.push(format!("{} a{i}", pointer_to(pointee(&p.ty), *is_const)));
                    call_args.push(format!(
                        "*{}",
                        live(&format!("a{i}"), pointee(&p.ty), reprs)
                    ));
                }
                UpParam::Copy => {
                    sig_params.push(format!("{ty}* a{i}"));
                    call_args.push(format!("*a{i}"));
                }
            }
        }
        let obj = format!(
            "static_cast<{class}{}*>(static_cast<{t}*>(cpp))->relocxx_base{k}({})",
            if m.is_const() { " const" } else { "" },
            call_args.join(", ")
        );
        let body = match m.ret {
            UpRet::Void => format!("{pre}        {obj};\n"),
            UpRet::Value => format!("{pre}        return {obj};\n"),
            UpRet::Out => {
                sig_params.push(format!("{} ret", pointer_to(&m.method.ret, false)));
                format!(
                    "{pre}        ::new (static_cast<void*>(ret)) {}({obj});\n",
                    cpp_type(&m.method.ret)
                )
            }
            UpRet::String => {
                sig_params.push("void* ret".into());
                format!("{pre}        ::relocxx::detail::string_emplace(ret, {obj});\n")
            }
        };
        let proto = format!(
            "{} {thunk}({}) noexcept",
            upcalls::ffi_ret(&sig),
            sig_params.join(", ")
        );
        defs.push(guarded(
            &proto,
            &body,
            &format!("{}::{}", m.declared_in, m.method.name),
            false,
        ));
        protos.push(proto);
    }
    let class_def = format!(
        "namespace {{\nstruct {table} {{\n{}\n}};\n\n// `{}` implemented by a Rust value (`subclass!`).\nclass {class} final : public {t} {{\n    void* relocxx_holder_;\n    {table} const* relocxx_table_;\n\npublic:\n    {class}(void* holder, {table} const* table) noexcept\n        : relocxx_holder_(holder), relocxx_table_(table) {{}}\n    {class}({class} const&) = delete;\n    {class}& operator=({class} const&) = delete;\n    ~{class}() override {{ relocxx_table_->drop(relocxx_holder_); }}\n\n{}}};\n}} // namespace\n",
        fields.join("\n"),
        item.qualified(),
        members.join("\n")
    );
    let from = abi::thunk_name(binding, item, Some(FROM_KEY));
    let from_sig = format!("{t}* {from}(void* holder, void const* table) noexcept");
    let mut all_defs = vec![class_def];
    all_defs.push(guarded(
        &from_sig,
        &format!("        return new {class}(holder, static_cast<{table} const*>(table));\n"),
        &format!("{}::from_rust", item.qualified()),
        false,
    ));
    all_defs.extend(defs);
    protos.insert(0, from_sig);
    (protos, all_defs)
}
