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
        format!("std::is_same<std::underlying_type_t<{t}>, {}>::value", prim(e.underlying)),
        "the underlying type",
        item,
    )
}
