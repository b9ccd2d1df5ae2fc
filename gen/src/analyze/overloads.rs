//! Pass 3a — overload naming.
//!
//! Rule (documented in README): a function that is not overloaded keeps its C++ name. When a
//! namespace declares several functions of one name, each gets `name_<suffix>`, the suffix
//! spelling its parameter types (`f(int, const Point&)` -> `f_int_const_Point_ref`; no
//! parameters -> plain `f`). The name depends only on the function's own signature and on
//! whether its name is overloaded, so adding or removing *unrelated* declarations never renames
//! anything. Two overloads that would still collide get `_2`, `_3`... in declaration order.
//!
//! Invariant after this pass: every bound function has a `rust_name`, unique within its module.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Item, ItemKind, Prim, Type};

pub fn assign(items: &mut [Item]) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if matches!(item.kind, ItemKind::Function(_)) {
            groups.entry(item.qualified()).or_default().push(i);
        }
    }
    for idxs in groups.values() {
        let overloaded = idxs.len() > 1;
        let mut used: HashMap<String, usize> = HashMap::new();
        for &i in idxs {
            let ItemKind::Function(f) = &items[i].kind else { continue };
            let base = &items[i].name;
            let mut name = if overloaded && !f.params.is_empty() {
                let words: Vec<String> = f.params.iter().map(|p| type_word(&p.ty)).collect();
                format!("{base}_{}", words.join("_"))
            } else {
                base.clone()
            };
            let n = used.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name = format!("{name}_{n}");
            }
            items[i].rust_name = name;
        }
    }
}

/// A short, stable spelling of a parameter type for overload suffixes.
pub fn type_word(ty: &Type) -> String {
    match ty {
        Type::Void => "void".into(),
        Type::Prim(p) => prim_word(*p).into(),
        Type::Enum(q) | Type::Record(q) => q.rsplit("::").next().unwrap_or(q).to_string(),
        Type::Pointer { pointee, is_const } => format!("{}{}_ptr", if *is_const { "const_" } else { "" }, type_word(pointee)),
        Type::Ref { pointee, is_const } => format!("{}{}_ref", if *is_const { "const_" } else { "" }, type_word(pointee)),
        Type::Array { elem, len } => format!("{}_array{len}", type_word(elem)),
        Type::Unsupported { .. } => "unsupported".into(),
    }
}

fn prim_word(p: Prim) -> &'static str {
    use Prim::*;
    match p {
        Bool => "bool",
        CChar => "char",
        SChar => "schar",
        UChar => "uchar",
        Short => "short",
        UShort => "ushort",
        Int => "int",
        UInt => "uint",
        Long => "long",
        ULong => "ulong",
        LongLong => "longlong",
        ULongLong => "ulonglong",
        Float => "float",
        Double => "double",
        I8 => "i8",
        I16 => "i16",
        I32 => "i32",
        I64 => "i64",
        U8 => "u8",
        U16 => "u16",
        U32 => "u32",
        U64 => "u64",
        Usize => "usize",
        Isize => "isize",
        Char16 => "char16",
        Char32 => "char32",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_spell_parameter_types() {
        let r = Type::Ref { pointee: Box::new(Type::Record("geo::Point".into())), is_const: true };
        assert_eq!(type_word(&r), "const_Point_ref");
        let p = Type::Pointer { pointee: Box::new(Type::Prim(Prim::CChar)), is_const: true };
        assert_eq!(type_word(&p), "const_char_ptr");
    }
}
