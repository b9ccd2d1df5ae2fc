//! The C++ side of records: constructor and method thunks (through `thunks`), the destructor
//! and copy-constructor thunks, and the `static_assert`s of layout and of the compiler trait
//! that decided relocatability.

use super::thunks::{guarded, live, Callee, CppCall};
use crate::emit::abi::{
    self, has_clone, has_drop, member_key, Reprs, Sig, StdTargets, ALLOC_KEYS, CLONE_KEY, DROP_KEY,
    SHARED_KEYS, UNIQUE_KEYS, VECTOR_CLONE_KEY, VECTOR_KEYS,
};
use crate::model::{Item, MethodKind, Record, Type};

/// Prototypes (for the `.h`) and definitions (for the `.cc`) of every thunk of the record.
pub fn thunks(
    binding: &str,
    item: &Item,
    r: &Record,
    reprs: &Reprs,
    targets: &StdTargets,
) -> (Vec<String>, Vec<String>) {
    let q = item.qualified();
    let t = item.cpp_path();
    let self_ty = Type::Record(q.clone());
    let mut protos = Vec::new();
    let mut defs = Vec::new();
    for m in r.ctors.iter().chain(&r.methods) {
        let ret = if m.kind == MethodKind::Constructor {
            &self_ty
        } else {
            &m.ret
        };
        let callee = match m.kind {
            MethodKind::Constructor => Callee::Ctor,
            // `::ns::T::f`: before `::`, lookup ignores functions, so no keyword is needed (or
            // allowed) even when a function hides the type's name.
            MethodKind::Static => Callee::Static(format!("::{q}::{}", m.name)),
            MethodKind::Instance { .. } => Callee::Method(m.name.clone()),
        };
        let call = CppCall {
            sig: Sig::of_method(m, ret, r.repr()),
            thunk: abi::thunk_name(binding, item, Some(&member_key(m))),
            self_cpp: Some(t.clone()),
            callee,
            what: format!("{q}::{}", m.name),
            noexcept: m.noexcept,
        };
        protos.push(super::thunks::signature(&call, reprs));
        defs.push(super::thunks::definition(&call, reprs));
    }
    if has_drop(r) {
        let sig = format!(
            "void {}({t}* self) noexcept",
            abi::thunk_name(binding, item, Some(DROP_KEY))
        );
        let body = format!(
            "        std::destroy_at({});\n",
            live("self", &self_ty, reprs)
        );
        defs.push(guarded(&sig, &body, &format!("{q}::~{}", item.name), true));
        protos.push(sig);
    }
    if has_clone(r) {
        let sig = format!(
            "void {}({t} const* self, {t}* ret) noexcept",
            abi::thunk_name(binding, item, Some(CLONE_KEY))
        );
        let body = format!(
            "        ::new (static_cast<void*>(ret)) {t}(*{});\n",
            live("self", &self_ty, reprs)
        );
        defs.push(guarded(
            &sig,
            &body,
            &format!("{q} (copy constructor)"),
            false,
        ));
        protos.push(sig);
    }
    if abi::box_alloc(r) == Some(true) {
        let [new, delete] = ALLOC_KEYS.map(|k| abi::thunk_name(binding, item, Some(k)));
        let sig = format!("{t}* {new}() noexcept");
        let body =
            format!("        return static_cast<{t}*>(::relocxx::detail::class_new<{t}>());\n");
        defs.push(guarded(&sig, &body, &format!("{q}::operator new"), false));
        protos.push(sig);
        let sig = format!("void {delete}({t}* p) noexcept");
        defs.push(format!(
            "extern \"C\" {sig} {{\n    ::relocxx::detail::class_delete<{t}>(p);\n}}\n"
        ));
        protos.push(sig);
    }
    // The std-template operations of this record, as (signature, body) pairs.
    let mut fns: Vec<(String, String)> = Vec::new();
    if targets.unique.contains(&q) {
        let [drop, get, from, release] =
            UNIQUE_KEYS.map(|k| abi::thunk_name(binding, item, Some(k)));
        let u = format!("std::unique_ptr<{t}>");
        defs.push(format!("static_assert(sizeof({u}) == sizeof(void*), \"relocxx: UniquePtr assumes a one-pointer std::unique_ptr\");\n"));
        fns.push((
            format!("void {drop}({u}* p) noexcept"),
            "    p->~unique_ptr();\n".into(),
        ));
        fns.push((
            format!("{t}* {get}({u} const* p) noexcept"),
            "    return p->get();\n".into(),
        ));
        fns.push((
            format!("void {from}({u}* out, {t}* p) noexcept"),
            format!("    ::new (static_cast<void*>(out)) {u}(p);\n"),
        ));
        fns.push((
            format!("{t}* {release}({u}* p) noexcept"),
            "    return p->release();\n".into(),
        ));
    }
    if targets.shared.contains(&q) {
        let [drop, get, clone, count, null] =
            SHARED_KEYS.map(|k| abi::thunk_name(binding, item, Some(k)));
        let s = format!("std::shared_ptr<{t}>");
        defs.push(format!("static_assert(sizeof({s}) == 2 * sizeof(void*), \"relocxx: SharedPtr assumes a two-pointer std::shared_ptr\");\n"));
        fns.push((
            format!("void {drop}({s}* p) noexcept"),
            "    p->~shared_ptr();\n".into(),
        ));
        fns.push((
            format!("{t} const* {get}({s} const* p) noexcept"),
            "    return p->get();\n".into(),
        ));
        fns.push((
            format!("void {clone}({s}* out, {s} const* from) noexcept"),
            format!("    ::new (static_cast<void*>(out)) {s}(*from);\n"),
        ));
        fns.push((
            format!("std::size_t {count}({s} const* p) noexcept"),
            "    return static_cast<std::size_t>(p->use_count());\n".into(),
        ));
        fns.push((
            format!("void {null}({s}* out) noexcept"),
            format!("    ::new (static_cast<void*>(out)) {s}();\n"),
        ));
    }
    if targets.vector.contains(&q) {
        let [new, drop, len, data, push, cap, reserve, pop, truncate] =
            VECTOR_KEYS.map(|k| abi::thunk_name(binding, item, Some(k)));
        let v = format!("std::vector<{t}>");
        let push_body = if r.repr() == crate::model::Repr::Pod {
            "    v->push_back(*value);\n".to_string()
        } else {
            format!(
                "    v->push_back(std::move(*{}));\n    std::destroy_at(value);\n",
                live("value", &self_ty, reprs)
            )
        };
        fns.push((
            format!("void {new}({v}* out) noexcept"),
            format!("    ::new (static_cast<void*>(out)) {v}();\n"),
        ));
        fns.push((
            format!("void {drop}({v}* v) noexcept"),
            "    v->~vector();\n".to_string(),
        ));
        fns.push((
            format!("std::size_t {len}({v} const* v) noexcept"),
            "    return v->size();\n".to_string(),
        ));
        fns.push((
            format!("{t} const* {data}({v} const* v) noexcept"),
            "    return v->data();\n".to_string(),
        ));
        fns.push((
            format!("void {push}({v}* v, {t}* value) noexcept"),
            push_body,
        ));
        fns.push((
            format!("std::size_t {cap}({v} const* v) noexcept"),
            "    return v->capacity();\n".to_string(),
        ));
        fns.push((
            format!("bool {reserve}({v}* v, std::size_t n) noexcept"),
            "    if (n > v->max_size()) return false;\n    v->reserve(n);\n    return true;\n"
                .to_string(),
        ));
        // Moved out into Rust's uninitialised storage (the element may have been relocated by
        // Rust: `as_mut_slice().swap(..)`); the moved-from element is destroyed.
        fns.push((
            format!("void {pop}({v}* v, {t}* out) noexcept"),
            format!(
                "    ::new (static_cast<void*>(out)) {t}(std::move({}));\n    v->pop_back();\n",
                match live("&v->back()", &self_ty, reprs).as_str() {
                    "&v->back()" => "v->back()".to_string(),
                    restarted => format!("*{restarted}"),
                }
            ),
        ));
        fns.push((
            format!("void {truncate}({v}* v, std::size_t len) noexcept"),
            "    while (v->size() > len) v->pop_back();\n".to_string(),
        ));
        if abi::vector_clone(r) {
            let clone = abi::thunk_name(binding, item, Some(VECTOR_CLONE_KEY));
            fns.push((
                format!("void {clone}({v}* out, {v} const* from) noexcept"),
                format!("    ::new (static_cast<void*>(out)) {v}(*from);\n"),
            ));
        }
    }
    for (sig, body) in fns {
        defs.push(format!("extern \"C\" {sig} {{\n{body}}}\n"));
        protos.push(sig);
    }
    (protos, defs)
}

fn check(cond: String, what: &str, item: &Item) -> String {
    format!("static_assert({cond},\n              \"relocxx: {what} of {} changed since the bindings were generated; regenerate them\");\n", item.qualified())
}

pub fn asserts(item: &Item, r: &Record) -> String {
    let t = item.cpp_path();
    let mut out = String::new();
    out += &check(format!("sizeof({t}) == {}", r.size), "the size", item);
    out += &check(
        format!("alignof({t}) == {}", r.align),
        "the alignment",
        item,
    );
    if let Ok(fields) = &r.pod {
        if r.repr() == crate::model::Repr::Pod {
            out += &check(
                format!(
                    "std::is_trivially_copyable<{t}>::value && std::is_standard_layout<{t}>::value"
                ),
                "trivial copyability / standard layout",
                item,
            );
            for f in fields {
                out += &check(
                    format!("offsetof({t}, {}) == {}", f.name, f.offset),
                    &format!("the offset of `{}`", f.name),
                    item,
                );
            }
        }
    }
    if let Some((expr, guard)) = r.verdict.as_ref().and_then(|v| v.trait_check.clone()) {
        let assert = check(expr, "the relocatability trait", item);
        out += &match guard {
            // Only compilers that have the builtin can re-check it (g++ has none of clang's).
            Some(builtin) => format!("#if defined(__has_builtin)\n#if __has_builtin({builtin})\n{assert}#endif\n#endif\n"),
            None => assert,
        };
    }
    out
}
