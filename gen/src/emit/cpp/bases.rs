//! The shim half of base conversions (`emit::rust::bases`): implicit derived-to-base
//! conversions (the compiler adjusts the address; null stays null) and a `dynamic_cast` back.

use crate::emit::abi::{self, Reprs};
use crate::emit::rust::bases::{bound, has_upmut, keys};
use crate::model::{Item, Record, Type};

use super::types::cpp_type;

/// (prototypes, definitions).
pub fn thunks(binding: &str, item: &Item, r: &Record, reprs: &Reprs) -> (Vec<String>, Vec<String>) {
    let t = cpp_type(&Type::Record(item.qualified()));
    let (mut protos, mut defs) = (Vec::new(), Vec::new());
    let mut add = |sig: String, body: String| {
        defs.push(format!("extern \"C\" {sig} {{\n    {body}\n}}\n"));
        protos.push(sig);
    };
    for (k, a) in bound(r, reprs) {
        let b = cpp_type(&Type::Record(a.name.clone()));
        let [up, down, upmut] = keys(k).map(|key| abi::thunk_name(binding, item, Some(&key)));
        add(
            format!("{b} const* {up}({t} const* p) noexcept"),
            "return p;".into(),
        );
        if a.polymorphic {
            add(
                format!("{t} const* {down}({b} const* p) noexcept"),
                format!("return dynamic_cast<{t} const*>(p);"),
            );
        }
        if has_upmut(r, a, reprs) {
            add(format!("{b}* {upmut}({t}* p) noexcept"), "return p;".into());
        }
    }
    (protos, defs)
}
