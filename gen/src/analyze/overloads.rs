//! Overload naming, for free functions, constructors and methods alike.
//!
//! Rule (documented in README): a function that is not overloaded keeps its C++ name. When a
//! scope declares several functions of one name, each gets `name_<suffix>`, the suffix spelling
//! its parameter types (`f(int, const Point&)` -> `f_int_const_Point_ref`); the overload without
//! parameters keeps the plain name. Constructors are named `new` by the same rule
//! (`new`, `new_int`, ...). The name depends only on the function's own signature and on whether
//! its name is overloaded, so adding or removing *unrelated* declarations never renames
//! anything. A non-const method that has a const twin with the same parameters gets `_mut`
//! (`at` / `at_mut`), and `operator[]` is `index` (const) / `index_mut` (non-const) under the
//! same rule, so neither depends on declaration order. Two overloads that would still collide
//! get `_2`, `_3`... in declaration order. A `rename` entry (`ns::f`, `ns::f(int)`, or
//! `ns::T::f(int) const` for the const one of a pair; operators as `ns::T::operator[](int)`)
//! overrides any of this.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Param, Prim, StdType, Type};

/// One function to name: its scope (qualified C++ scope), C++-level base name, parameters, and
/// the rename keys that may select it (`ns::f`, `ns::f(int)`, `ns::T::f(int) const`), most
/// general first.
pub struct Entry<'a> {
    pub scope: String,
    pub base: String,
    pub params: &'a [Param],
    pub keys: Vec<String>,
    /// A non-const member function (free functions, constructors and static members are not).
    pub is_mut: bool,
    /// `operator[]`: the non-const one is `_mut` even without a const twin.
    pub always_mut: bool,
}

/// Rust names for `entries`, in the same order.
pub fn assign(entries: &[Entry<'_>], renames: &[(String, String)]) -> Vec<String> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .trim_start_matches("::")
            .to_string()
    };
    let renames: HashMap<String, &str> =
        renames.iter().map(|(k, v)| (norm(k), v.as_str())).collect();
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        groups.entry((&e.scope, &e.base)).or_default().push(i);
    }
    let mut names = vec![String::new(); entries.len()];
    let words =
        |e: &Entry<'_>| -> Vec<String> { e.params.iter().map(|p| type_word(&p.ty)).collect() };
    for idxs in groups.values() {
        // Overloaded by parameters (a const/non-const pair alone is not).
        let lists: std::collections::BTreeSet<Vec<String>> =
            idxs.iter().map(|&i| words(&entries[i])).collect();
        let overloaded = lists.len() > 1;
        let mut used: HashMap<String, usize> = HashMap::new();
        for &i in idxs {
            let e = &entries[i];
            if let Some(r) = e.keys.iter().rev().find_map(|k| renames.get(&norm(k))) {
                names[i] = r.to_string();
                continue;
            }
            let mut name = if overloaded && !e.params.is_empty() {
                format!("{}_{}", e.base, words(e).join("_"))
            } else {
                e.base.clone()
            };
            let const_twin = idxs
                .iter()
                .any(|&j| !entries[j].is_mut && words(&entries[j]) == words(e));
            if e.is_mut && (e.always_mut || const_twin) {
                name.push_str("_mut");
            }
            let n = used.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name = format!("{name}_{n}");
            }
            names[i] = name;
        }
    }
    names
}

/// A short, stable spelling of a parameter type for overload suffixes.
pub fn type_word(ty: &Type) -> String {
    match ty {
        Type::Void => "void".into(),
        Type::Prim(p) => prim_word(*p).into(),
        Type::Enum(q) | Type::Record(q) => q.rsplit("::").next().unwrap_or(q).to_string(),
        Type::Pointer { pointee, is_const } => format!(
            "{}{}_ptr",
            if *is_const { "const_" } else { "" },
            type_word(pointee)
        ),
        Type::Ref { pointee, is_const } => format!(
            "{}{}_ref",
            if *is_const { "const_" } else { "" },
            type_word(pointee)
        ),
        Type::Array { elem, len } => format!("{}_array{len}", type_word(elem)),
        Type::Std(StdType::String) => "string".into(),
        Type::Std(StdType::StringView) => "string_view".into(),
        Type::Std(StdType::Vector(e)) => format!("vector_{}", type_word(e)),
        Type::Std(StdType::UniquePtr(e)) => format!("unique_ptr_{}", type_word(e)),
        Type::Std(StdType::SharedPtr(e)) => format!("shared_ptr_{}", type_word(e)),
        Type::Std(StdType::Optional(e)) => format!("optional_{}", type_word(e)),
        Type::Std(StdType::Function { .. }) => "function".into(),
        Type::FnPtr { .. } => "fn".into(),
        Type::Std(StdType::Span { elem, is_const }) => format!(
            "span_{}{}",
            if *is_const { "const_" } else { "" },
            type_word(elem)
        ),
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
        let r = Type::Ref {
            pointee: Box::new(Type::Record("geo::Point".into())),
            is_const: true,
        };
        assert_eq!(type_word(&r), "const_Point_ref");
        let p = Type::Pointer {
            pointee: Box::new(Type::Prim(Prim::CChar)),
            is_const: true,
        };
        assert_eq!(type_word(&p), "const_char_ptr");
    }

    #[test]
    fn renames_pick_one_overload_or_all() {
        let int = [Param {
            name: "a".into(),
            ty: Type::Prim(Prim::Int),
            lifetimebound: false,
            has_default: false,
            callback: None,
            is_context: false,
        }];
        let dbl = [Param {
            name: "a".into(),
            ty: Type::Prim(Prim::Double),
            lifetimebound: false,
            has_default: false,
            callback: None,
            is_context: false,
        }];
        let e = |params, disp: &str| Entry {
            scope: "ns".into(),
            base: "f".into(),
            params,
            keys: vec!["ns::f".into(), format!("ns::{disp}")],
            is_mut: false,
            always_mut: false,
        };
        let entries = [e(&int, "f(int)"), e(&dbl, "f(double)")];
        assert_eq!(assign(&entries, &[]), ["f_int", "f_double"]);
        assert_eq!(
            assign(&entries, &[("ns::f( int )".into(), "from_int".into())]),
            ["from_int", "f_double"]
        );
    }

    #[test]
    fn const_pairs_do_not_depend_on_declaration_order() {
        let int = [Param {
            name: "i".into(),
            ty: Type::Prim(Prim::Int),
            lifetimebound: false,
            has_default: false,
            callback: None,
            is_context: false,
        }];
        let e = |is_mut: bool| Entry {
            scope: "ns::T".into(),
            base: "at".into(),
            params: &int,
            keys: vec!["ns::T::at".into(), "ns::T::at(int)".into()],
            is_mut,
            always_mut: false,
        };
        assert_eq!(assign(&[e(false), e(true)], &[]), ["at", "at_mut"]);
        assert_eq!(assign(&[e(true), e(false)], &[]), ["at_mut", "at"]);
    }
}
