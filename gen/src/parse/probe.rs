//! The compiler probe: one extra parse that asks the compiler, through libclang's constant
//! evaluator, the traits relocxx cannot read off the AST (trivial copyability, clang's two
//! trivial-relocatability builtins, constructibility), plus which standard library is in use.
//!
//! All probes of a header go into one re-parse of the same translation unit with the probe text
//! appended, so the precompiled preamble is reused. Every builtin is guarded by `__has_builtin`,
//! so each libclang version (14..22) evaluates only what it has; a missing answer is `None`.
//! Candidate macros (`parse::constants`) are expanded last, one `constexpr auto` each, so a
//! macro that is not an expression cannot disturb the trait answers.

use std::fmt::Write;

use crate::clang::sys::*;
use crate::clang::{Evaluated, TranslationUnit};
use crate::error::Result;
use crate::model::{Env, StdLib, Traits, Type};

/// Per-type trait names, in the order the probe declares them (`$T` stands for the type).
/// Each is what the standard library's trait of the same name is made of: the compiler's
/// builtin it forwards to, or (`destructible`, whose builtin libclang 14 lacks) libstdc++'s own
/// test, in the probe's header. The probe includes no header, so a C header does not pay for
/// parsing `<type_traits>`.
const TRAITS: &[(&str, &str)] = &[
    ("copyable", "__is_trivially_copyable($T)"),
    ("destructible", "destructible<$T>::value"),
    ("default", "__is_constructible($T)"),
    ("copy", "__is_constructible($T, const $T&)"),
    ("move", "__is_constructible($T, $T&&)"),
    ("tail", "tail_reuse<$T>::value"),
];

const HEADER: &str = r#"
#if defined(__has_builtin)
#define RELOCXX_PROBE_HAS(x) __has_builtin(x)
#else
#define RELOCXX_PROBE_HAS(x) 0
#endif
namespace relocxx_probe {
#if defined(_LIBCPP_VERSION)
constexpr int stdlib = 2;
#elif defined(__GLIBCXX__)
constexpr int stdlib = 1;
#else
constexpr int stdlib = 0;
#endif
#if defined(__has_feature)
#if __has_feature(ptrauth_calls)
constexpr int ptrauth = 1;
#else
constexpr int ptrauth = 0;
#endif
#else
constexpr int ptrauth = 0;
#endif
// std::is_destructible of a class: whether `t.~T()` is well-formed (accessible, not deleted).
template <class T, class = void>
struct destructible {
    static constexpr bool value = false;
};
template <class T>
struct destructible<T, decltype(static_cast<T*>(nullptr)->~T(), void())> {
    static constexpr bool value = true;
};
// Whether T's tail padding may hold other members when T is a potentially-overlapping
// subobject (Itanium ABI, non-POD or empty T): a base class, or a [[no_unique_address]]
// member (which `final` does not prevent). Then a `T&` may not own all sizeof(T) bytes.
template <class T, bool = __is_class(T) && !__is_final(T)>
struct tail_base {
    static constexpr bool value = false;
};
template <class T>
struct tail_base<T, true> {
    struct derived : T {
        char relocxx_probe_tail;
    };
    static constexpr bool value = sizeof(derived) == sizeof(T);
};
template <class T, bool = __is_class(T) && !__is_abstract(T)>
struct tail_member {
    static constexpr bool value = false;
};
#if defined(__has_cpp_attribute)
#if __has_cpp_attribute(no_unique_address)
#pragma clang diagnostic ignored "-Wc++20-extensions"
template <class T>
struct tail_member<T, true> {
    struct holder {
        [[no_unique_address]] T member;
        char relocxx_probe_tail;
    };
    static constexpr bool value = sizeof(holder) == sizeof(T);
};
#endif
#endif
template <class T>
struct tail_reuse {
    static constexpr int value = tail_base<T>::value || tail_member<T>::value;
};
"#;

/// The probe text for `types` (C++ spellings like `::ns::T`) and `macros` (names).
pub fn text(types: &[String], macros: &[String]) -> String {
    let mut s = String::from(HEADER);
    for (k, t) in types.iter().enumerate() {
        for (name, expr) in TRAITS {
            let _ = writeln!(s, "constexpr int t{k}_{name} = {};", expr.replace("$T", t));
        }
        let _ = writeln!(
            s,
            "#if RELOCXX_PROBE_HAS(__is_trivially_relocatable)\nconstexpr int t{k}_clang = __is_trivially_relocatable({t});\n#endif"
        );
        let _ = writeln!(
            s,
            "#if RELOCXX_PROBE_HAS(__builtin_is_cpp_trivially_relocatable)\nconstexpr int t{k}_cpp = __builtin_is_cpp_trivially_relocatable({t});\n#endif"
        );
    }
    for (k, m) in macros.iter().enumerate() {
        // No parentheses: libclang evaluates a string literal only when it is the initializer.
        let _ = writeln!(s, "constexpr auto m{k} = {m};");
    }
    s.push_str("}  // namespace relocxx_probe\n");
    s
}

/// The environment the probe would report, read off the first parse when it can be: the
/// standard library from the macro its headers define (`__GLIBCXX__`, `_LIBCPP_VERSION`; the
/// walker notes it, `parse::Walker::stdlib`), and
/// pointer authentication off for targets that are not arm64 (the probe's `ptrauth_calls` is an
/// arm64e feature). `None` (ask the probe) when no standard library header was included or the
/// target may be arm64.
pub fn env_from_ast(stdlib: Option<StdLib>, args: &[String], clang_major: u32) -> Option<Env> {
    let host_arm = cfg!(target_arch = "aarch64");
    let target = args
        .iter()
        .find_map(|a| a.strip_prefix("--target=").or(a.strip_prefix("-target=")));
    let arm = match target {
        Some(t) => t.starts_with("arm64") || t.starts_with("aarch64") || t.starts_with("arm"),
        None => host_arm || args.iter().any(|a| a == "-target" || a == "--target"),
    };
    if arm {
        return None;
    }
    Some(Env {
        stdlib: stdlib?,
        ptrauth: false,
        clang_major,
    })
}

/// What the probe learned: the environment, each type's traits, and each macro's type and
/// value (when it is a constant expression).
pub type Answers = (Env, Vec<Traits>, Vec<Option<(Type, Evaluated)>>);

/// Re-parses `tu` with `main + probe` and reads the answers for `types`.
pub fn run(
    tu: &mut TranslationUnit,
    name: &str,
    main: &str,
    types: &[String],
    macros: &[String],
    clang_major: u32,
) -> Result<Answers> {
    tu.reparse(name, &format!("{main}{}", text(types, macros)))?;
    let mut values = std::collections::HashMap::new();
    let mut macro_values = vec![None; macros.len()];
    for c in tu.cursor().children() {
        if c.kind() == CXCursor_Namespace && c.spelling() == "relocxx_probe" {
            for v in c
                .children()
                .into_iter()
                .filter(|v| v.kind() == CXCursor_VarDecl)
            {
                let name = v.spelling();
                if let Some(k) = name.strip_prefix('m').and_then(|k| k.parse::<usize>().ok()) {
                    if let (Some(slot), Some(value)) = (macro_values.get_mut(k), v.evaluate()) {
                        *slot = Some((super::types::convert(v.ty()), value));
                    }
                } else if let Some(x) = v.evaluate_int() {
                    values.insert(name, x);
                }
            }
        }
    }
    let get = |n: &str| values.get(n).map(|v| *v != 0);
    let env = Env {
        stdlib: match values.get("stdlib") {
            Some(2) => StdLib::LibCxx,
            Some(1) => StdLib::LibStdCxx,
            _ => StdLib::Unknown,
        },
        ptrauth: get("ptrauth").unwrap_or(false),
        clang_major,
    };
    let traits = (0..types.len())
        .map(|k| Traits {
            trivially_copyable: get(&format!("t{k}_copyable")),
            destructible: get(&format!("t{k}_destructible")),
            default_constructible: get(&format!("t{k}_default")),
            copy_constructible: get(&format!("t{k}_copy")),
            move_constructible: get(&format!("t{k}_move")),
            clang_trivially_relocatable: get(&format!("t{k}_clang")),
            cpp_trivially_relocatable: get(&format!("t{k}_cpp")),
            tail_reused: get(&format!("t{k}_tail")),
        })
        .collect();
    Ok((env, traits, macro_values))
}
