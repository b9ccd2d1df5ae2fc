//! Constants: namespace-scope `const`/`constexpr` variables of builtin, enum or C-string type,
//! and object-like macros (`#define N 3`) that evaluate to a number or a string.
//!
//! Variables are evaluated on the declaration. Macros have no type until expanded, so each
//! candidate is expanded once in the compiler probe (`constexpr auto m = (N);`) and read back
//! with its type; a candidate whose expansion is not a constant expression is not a constant and
//! is left out (it is a macro, not a declaration). Candidates are filtered by their tokens first,
//! so a macro that expands to a type or a statement never reaches the probe.

use crate::clang::sys::*;
use crate::clang::{Cursor, Evaluated};
use crate::model::{ConstValue, Constant, ItemKind, Prim, Type};

use super::types::convert;

/// A namespace-scope variable: a constant, or why it is not bound.
pub fn variable(c: Cursor<'_>, cpp: String) -> ItemKind {
    let unsupported = |reason: &str| ItemKind::Unsupported {
        what: "variable".into(),
        reason: reason.into(),
    };
    if !c.ty().is_const() {
        return unsupported(
            "mutable global variables are not bound (only constants of builtin, enum or C-string type are)",
        );
    }
    let ty = convert(c.ty());
    let value = c.evaluate();
    match (constant(ty, value.clone()), value) {
        (Some(k), _) => {
            // Only integral `const` variables and `constexpr` ones are usable in a
            // `static_assert`.
            let checkable = matches!(k.value, ConstValue::Int(_))
                || c.tokens().iter().any(|t| t == "constexpr");
            let cpp = if checkable { cpp } else { String::new() };
            ItemKind::Constant(Constant { cpp, ..k })
        }
        (None, None) => unsupported("its value is not a constant expression libclang can evaluate"),
        (None, Some(_)) => {
            unsupported("constants are bound for builtin, enum and C-string types only")
        }
    }
}

/// The constant of type `ty` with the evaluated `value`, if relocxx can spell it in Rust.
pub fn constant(ty: Type, value: Option<Evaluated>) -> Option<Constant> {
    let value = match (&ty, value?) {
        (Type::Prim(p), Evaluated::Int(v)) if p.is_integer() || *p == Prim::Bool => {
            ConstValue::Int(v)
        }
        (Type::Enum(_), Evaluated::Int(v)) => ConstValue::Int(v),
        (Type::Prim(Prim::Float | Prim::Double), Evaluated::Float(v)) if v.is_finite() => {
            ConstValue::Float(v)
        }
        (
            Type::Pointer {
                pointee,
                is_const: true,
            },
            Evaluated::Str(s),
        ) if **pointee == Type::Prim(Prim::CChar) && !s.contains(&0) => ConstValue::Str(s),
        _ => return None,
    };
    Some(Constant {
        ty,
        value,
        cpp: String::new(),
    })
}

/// Whether an object-like macro's tokens can be an expression worth probing: literals,
/// operators and identifiers that are not type or statement keywords.
pub fn is_candidate_macro(c: Cursor<'_>) -> bool {
    if c.kind() != CXCursor_MacroDefinition || !c.is_object_macro() {
        return false;
    }
    let name = c.spelling();
    if name.starts_with('_') {
        return false;
    }
    let tokens = c.tokens();
    let body = tokens.get(1..).unwrap_or_default();
    !body.is_empty()
        && body.iter().all(|t| {
            let first = t.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() || first == '"' || first == '\'' || first == '.' {
                return true;
            }
            if first.is_alphabetic() || first == '_' {
                return !KEYWORDS.contains(&t.as_str()) && !WHERE_AND_WHEN.contains(&t.as_str());
            }
            OPERATORS.contains(&t.as_str())
        })
}

/// Predefined macros whose value depends on where or when they are expanded: a macro using
/// them is no constant (its value in the probe would be the probe's line, file or clock, and
/// the bindings would change with the day they were made).
const WHERE_AND_WHEN: &[&str] = &[
    "__LINE__",
    "__FILE__",
    "__FILE_NAME__",
    "__BASE_FILE__",
    "__INCLUDE_LEVEL__",
    "__COUNTER__",
    "__DATE__",
    "__TIME__",
    "__TIMESTAMP__",
];

const OPERATORS: &[&str] = &[
    "(", ")", "+", "-", "*", "/", "%", "<<", ">>", "|", "&", "^", "~", "!", "<", ">", "<=", ">=",
    "==", "!=", "&&", "||", "?", ":",
];

/// Type and statement keywords: a macro using them is not a constant expression.
const KEYWORDS: &[&str] = &[
    "void",
    "char",
    "short",
    "int",
    "long",
    "float",
    "double",
    "signed",
    "unsigned",
    "bool",
    "const",
    "volatile",
    "struct",
    "class",
    "union",
    "enum",
    "typedef",
    "static",
    "extern",
    "inline",
    "return",
    "if",
    "else",
    "for",
    "while",
    "do",
    "switch",
    "case",
    "break",
    "goto",
    "namespace",
    "template",
    "typename",
    "using",
    "decltype",
    "auto",
    "constexpr",
    "noexcept",
    "throw",
    "try",
    "catch",
    "new",
    "delete",
    "operator",
    "this",
    "virtual",
    "explicit",
    "friend",
    "register",
    "thread_local",
    "alignas",
    "static_assert",
];

/// The type and value of a macro whose body is one literal C++ gives a fixed type on every
/// target, read from its token so the probe need not evaluate it (`parse::ast_traits` is the
/// same idea for classes): an `int` or `unsigned int` integer literal (decimal, hex, octal,
/// binary; `u` suffix; `'` separators), a `long long`/`unsigned long long` one (`ll`/`ull`), or
/// a plain string literal without escapes (`const char*`, as `constexpr auto m = "..."`).
/// `None` (ask the probe) for anything else: `long` (its size is the target's), floats,
/// characters, prefixes, escapes, expressions. gen's `ast_traits` test compares both answers.
pub fn literal(c: Cursor<'_>) -> Option<(Type, Evaluated)> {
    let tokens = c.tokens();
    let [_, token] = tokens.as_slice() else {
        return None;
    };
    if let Some(inner) = token.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        if inner.contains(['\\', '"']) {
            return None;
        }
        let ty = Type::Pointer {
            pointee: Box::new(Type::Prim(Prim::CChar)),
            is_const: true,
        };
        return Some((ty, Evaluated::Str(inner.as_bytes().to_vec())));
    }
    let text = token.replace('\'', "");
    let lower = text.to_ascii_lowercase();
    // No digit of any base is a `u` or an `l`: the suffix starts at the first of them.
    let (digits, suffix) = lower.split_at(lower.find(['u', 'l']).unwrap_or(lower.len()));
    let value: u128 = if let Some(hex) = digits.strip_prefix("0x") {
        u128::from_str_radix(hex, 16).ok()?
    } else if let Some(bin) = digits.strip_prefix("0b") {
        u128::from_str_radix(bin, 2).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        u128::from_str_radix(&digits[1..], 8).ok()?
    } else {
        if !digits.chars().all(|ch| ch.is_ascii_digit()) || digits.is_empty() {
            return None;
        }
        digits.parse().ok()?
    };
    let decimal = !(digits.starts_with('0') && digits.len() > 1);
    let prim = match suffix {
        "" if value <= i32::MAX as u128 => Prim::Int,
        "" if !decimal && value <= u32::MAX as u128 => Prim::UInt,
        "u" if value <= u32::MAX as u128 => Prim::UInt,
        "ll" if value <= i64::MAX as u128 => Prim::LongLong,
        "ull" | "llu" if value <= u64::MAX as u128 => Prim::ULongLong,
        _ => return None,
    };
    Some((Type::Prim(prim), Evaluated::Int(value as i128)))
}
