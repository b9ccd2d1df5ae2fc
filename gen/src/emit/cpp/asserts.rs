//! `static_assert`s that re-check, when the shim compiles, every layout fact the Rust side was
//! generated from. If the header changes under the bindings, the build fails here with a
//! message naming the type, instead of corrupting memory at run time.

use crate::model::{Enum, Item, Struct};

use super::types::prim;

fn check(cond: String, what: &str, item: &Item) -> String {
    format!("static_assert({cond},\n              \"relocxx: {what} of {} changed since the bindings were generated; regenerate them\");\n", item.qualified())
}

pub fn for_struct(item: &Item, s: &Struct) -> String {
    let t = item.cpp_path();
    let mut out = String::new();
    out += &check(format!("sizeof({t}) == {}", s.size), "the size", item);
    out += &check(format!("alignof({t}) == {}", s.align), "the alignment", item);
    out += &check(
        format!("std::is_trivially_copyable<{t}>::value && std::is_standard_layout<{t}>::value"),
        "trivial copyability / standard layout",
        item,
    );
    for f in &s.fields {
        out += &check(format!("offsetof({t}, {}) == {}", f.name, f.offset), &format!("the offset of `{}`", f.name), item);
    }
    out
}

pub fn for_enum(item: &Item, e: &Enum) -> String {
    let t = item.cpp_path();
    check(
        format!("std::is_same<std::underlying_type_t<{t}>, {}>::value", prim(e.underlying)),
        "the underlying type",
        item,
    )
}
