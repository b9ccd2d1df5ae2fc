//! The shim half of base conversions (`emit::rust::bases`): implicit derived-to-base
//! conversions (the compiler adjusts the address; null stays null) and a `dynamic_cast` back.

use crate::emit::abi::{self, Reprs, StdTargets};
use crate::emit::rust::bases::{bound, has_upmut, keys, shared_key, shared_pair};
use crate::model::{Item, Record, Type};

use super::types::cpp_type;

/// (prototypes, definitions).
pub fn thunks(
    binding: &str,
    item: &Item,
    r: &Record,
    reprs: &Reprs,
    targets: &StdTargets,
) -> (Vec<String>, Vec<String>) {
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
        if shared_pair(item, a, targets) {
            let f = abi::thunk_name(binding, item, Some(&shared_key(k)));
            add(
                format!("void {f}(std::shared_ptr<{t}>* from, std::shared_ptr<{b}>* out) noexcept"),
                format!("::new (static_cast<void*>(out)) std::shared_ptr<{b}>(std::move(*from));\n    from->~shared_ptr();"),
            );
        }
    }
    (protos, defs)
}
