//! The shim half of base conversions (`emit::rust::bases`): an implicit derived-to-base
//! conversion (the compiler adjusts the address) and a `dynamic_cast` back.

use crate::emit::abi::{self, Reprs};
use crate::emit::rust::bases::{bound, keys};
use crate::model::{Item, Record, Type};

use super::types::cpp_type;

/// (prototypes, definitions).
pub fn thunks(binding: &str, item: &Item, r: &Record, reprs: &Reprs) -> (Vec<String>, Vec<String>) {
    let t = cpp_type(&Type::Record(item.qualified()));
    let (mut protos, mut defs) = (Vec::new(), Vec::new());
    for (k, a, poly) in bound(r, reprs) {
        let b = cpp_type(&Type::Record(a.to_string()));
        let (up, down) = keys(k);
        let sig = format!(
            "{b} const* {}({t} const* p) noexcept",
            abi::thunk_name(binding, item, Some(&up))
        );
        defs.push(format!("extern \"C\" {sig} {{\n    return p;\n}}\n"));
        protos.push(sig);
        if poly {
            let sig = format!(
                "{t} const* {}({b} const* p) noexcept",
                abi::thunk_name(binding, item, Some(&down))
            );
            defs.push(format!(
                "extern \"C\" {sig} {{\n    return dynamic_cast<{t} const*>(p);\n}}\n"
            ));
            protos.push(sig);
        }
    }
    (protos, defs)
}
