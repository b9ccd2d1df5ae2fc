//! `static_assert`s for enums (records have theirs in `records`), re-checking, when the shim
//! compiles, every layout fact the Rust side was generated from. If the header changes under the bindings, the build fails here with a
//! message naming the type, instead of corrupting memory at run time.

use crate::model::{Enum, Item};

use super::types::prim;

fn check(cond: String, what: &str, item: &Item) -> String {
    format!("static_assert({cond},\n              \"relocxx: {what} of {} changed since the bindings were generated; regenerate them\");\n", item.qualified())
}

pub fn for_enum(item: &Item, e: &Enum) -> String {
    let t = item.cpp_path();
    check(
        format!(
            "std::is_same<std::underlying_type_t<{t}>, {}>::value",
            prim(e.underlying)
        ),
        "the underlying type",
        item,
    )
}

/// The value of a constant, as Rust was given it.
pub fn for_constant(item: &Item, k: &crate::model::Constant) -> String {
    use crate::model::ConstValue;
    if k.cpp.is_empty() {
        return String::new();
    }
    let cond = match &k.value {
        // Compared in the constant's own type (an enum, or a signedness the literal lacks).
        // `-9223372036854775808LL` would be the negation of an unsigned literal.
        ConstValue::Int(v) if *v == i64::MIN as i128 => format!(
            "{c} == static_cast<std::remove_cv_t<decltype({c})>>(-9223372036854775807LL - 1)",
            c = k.cpp
        ),
        ConstValue::Int(v) => format!(
            "{c} == static_cast<std::remove_cv_t<decltype({c})>>({v}{})",
            if *v < 0 { "LL" } else { "ULL" },
            c = k.cpp
        ),
        ConstValue::Float(v) => format!("{} == {v:?}", k.cpp),
        ConstValue::Str(s) => format!(
            "std::string_view({}) == std::string_view(\"{}\", {})",
            k.cpp,
            s.iter().map(|b| format!("\\x{b:02x}")).collect::<String>(),
            s.len()
        ),
    };
    check(cond, "the value", item)
}

/// `std::vector<T>` and `std::unique_ptr<T>` of a builtin go through the runtime's `intN_t`
/// instantiations: the element type must be that very type on this platform (`long long` and
/// `int64_t` may differ).
pub fn runtime_vectors(model: &crate::model::Model) -> String {
    use crate::model::{Prim, StdType, Type};
    fn walk(t: &Type, out: &mut std::collections::BTreeSet<Prim>) {
        match t {
            Type::Std(StdType::Vector(e) | StdType::UniquePtr(e)) => {
                if let Type::Prim(p) = &**e {
                    out.insert(*p);
                }
            }
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => walk(pointee, out),
            _ => {}
        }
    }
    let mut prims = std::collections::BTreeSet::new();
    for t in crate::emit::abi::signature_types(&model.items) {
        walk(t, &mut prims);
    }
    let mut out = String::new();
    for p in prims {
        if let Some(rt) = crate::emit::abi::runtime_vector_element(p) {
            let cpp = prim(p);
            out += &format!(
                "static_assert(std::is_same<{cpp}, {rt}>::value,\n              \"relocxx: {cpp} is not {rt} on this platform; relocxx::CppVector and relocxx::UniquePtr of it go through the runtime's {rt} instantiations\");\n"
            );
        }
    }
    out
}
