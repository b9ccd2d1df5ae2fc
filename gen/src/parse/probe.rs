//! The compiler probe: one extra parse that asks the compiler, through libclang's constant
//! evaluator, the traits relocxx cannot read off the AST (trivial copyability, clang's two
//! trivial-relocatability builtins, constructibility), plus which standard library the headers
//! use.
//!
//! All probes of a header go into one small translation unit on top of the first parse: the
//! first unit is saved as a precompiled header and the probe text is parsed with
//! `-include-pch`, so the headers are not parsed again (yaml-cpp: 120 ms to save and 80 ms
//! for the probe, against 315 ms for a re-parse). For a quick first parse, and when that
//! cannot be done (the header cannot be written, or libclang refuses it: a fatal diagnostic),
//! the first unit is re-parsed with the probe text appended instead (`parse::ProbeWay`); both
//! give the same answers (`gen/tests/ast_traits.rs`). The builtins that not every supported
//! libclang has (the relocatability ones) are guarded by `__has_builtin`,
//! so each libclang version (14..22) evaluates only what it has; a missing answer is `None`.
//! Candidate macros (`parse::constants`) are expanded last, one `constexpr auto` each, so a
//! macro that is not an expression cannot disturb the trait answers.

use std::fmt::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::clang::sys::*;
use crate::clang::{Evaluated, TranslationUnit};
use crate::error::Result;
use crate::model::{Env, StdLib, Traits, Type};

/// The macro the first parse's main file defines after the headers: the probe sees it only if
/// it runs after that parse (`parsed`), which tells a precompiled header that loaded.
pub const PARSED: &str = "#define __relocxx_parsed 1\n";

/// Per-type trait names, in the order the probe declares them (`$T` stands for the type).
/// Each is, for the class types probed, what the standard library's trait of the same name is
/// made of: the compiler's builtin it forwards to (all in libclang 14 and later), or
/// (`destructible`, whose builtin libclang 14 lacks) libstdc++'s own test, in the probe's
/// header. The probe includes no header, so a C header does not pay for
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
#if defined(__relocxx_parsed)
constexpr int parsed = __relocxx_parsed;
#endif
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
    // Each macro again, on another line of another file: a value that changes (`__LINE__`,
    // `__FILE__`, `__COUNTER__` reached through other macros) is not a constant.
    if !macros.is_empty() {
        s.push_str("#line 1000000 \"relocxx-probe-again\"\n");
    }
    for (k, m) in macros.iter().enumerate() {
        let _ = writeln!(s, "constexpr auto again{k} = {m};");
    }
    s.push_str("}  // namespace relocxx_probe\n");
    s
}

/// The environment the probe would report, read off the first parse when it can be: the
/// standard library from the macro its headers define (`__GLIBCXX__`, `_LIBCPP_VERSION`; the
/// walker notes it, `parse::Walker::stdlib`; `Unknown` when the headers include none, as the
/// probe, which includes nothing, would say), and
/// pointer authentication off for targets that are not arm64 (the probe's `ptrauth_calls` is an
/// arm64e feature). `None` (ask the probe) when the target may be arm64.
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
        stdlib: stdlib.unwrap_or(StdLib::Unknown),
        ptrauth: false,
        clang_major,
    })
}

/// What the probe learned: the environment, each type's traits, and each macro's type and
/// value (when it is a constant expression).
pub type Answers = (Env, Vec<Traits>, Vec<Option<(Type, Evaluated)>>);

/// Where the probe runs (`parse::ProbeWay` decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    /// Re-parse the first unit with the probe appended.
    Reparsed,
    /// On top of the first unit saved as a precompiled header, else re-parsed.
    OnTopIfPossible,
    /// On top, or an error (the tests, to know which way answered).
    OnTop,
}

/// Asks the probe about `types` and `macros` after `tu` (the parse of `main` as the file
/// `name`), `at` the place asked, and reads the answers.
pub fn run(
    tu: &mut TranslationUnit,
    name: &str,
    main: &str,
    types: &[String],
    macros: &[String],
    clang_major: u32,
    at: Where,
) -> Result<Answers> {
    let probe = text(types, macros);
    if at != Where::Reparsed {
        if let Some(unit) = on_top(tu, name, main, &probe) {
            return Ok(answers(&unit.unit, types.len(), macros.len(), clang_major));
        }
        if at == Where::OnTop {
            return Err(crate::error::Error::Parse(vec![
                "the probe could not run on top of the saved parse".into(),
            ]));
        }
    }
    tu.reparse(name, &format!("{main}{probe}"))?;
    Ok(answers(tu, types.len(), macros.len(), clang_major))
}

/// The probe's unit and the precompiled header under it, which libclang reads lazily while the
/// unit lives: fields drop in order, so the file is removed after the unit is freed.
struct OnTop {
    unit: TranslationUnit,
    /// Held for its `Drop`.
    _pch: Pch,
}

/// A file in the temporary directory, removed when dropped.
struct Pch(PathBuf);

impl Drop for Pch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The probe parsed on top of `tu` saved as a precompiled header; `None` when it cannot be:
/// the header cannot be written, or libclang cannot use it (the parse fails, or the probe does
/// not see [`PARSED`], the macro the first parse's main file defines last).
/// The probe's lines are numbered as if appended to `main`, under its name, so a macro
/// expanding to `__LINE__` or `__FILE__` gets the same value as in a re-parse.
fn on_top(tu: &TranslationUnit, name: &str, main: &str, probe: &str) -> Option<OnTop> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let pch = std::env::temp_dir().join(format!(
        "relocxx-{}-{stamp}-{}.pch",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let pch = Pch(pch);
    tu.save(&pch.0).ok()?;
    let mut args = tu.args().to_vec();
    args.push("-include-pch".into());
    args.push(pch.0.to_string_lossy().into_owned());
    let probe_name = format!("{name}.probe.cc");
    let first_line = main.lines().count() + 1;
    let text = format!("#line {first_line} \"{name}\"\n{probe}");
    let unit = OnTop {
        unit: TranslationUnit::parse(&probe_name, &text, &args).ok()?,
        _pch: pch,
    };
    let parsed = probe_vars(&unit.unit)
        .into_iter()
        .find(|v| v.spelling() == "parsed")
        .and_then(|v| v.evaluate_int());
    (parsed == Some(1)).then_some(unit)
}

/// The variables of the probe's namespace in `tu`.
fn probe_vars(tu: &TranslationUnit) -> Vec<crate::clang::Cursor<'_>> {
    tu.cursor()
        .children()
        .into_iter()
        .filter(|c| c.kind() == CXCursor_Namespace && c.spelling() == "relocxx_probe")
        .flat_map(|c| c.children())
        .filter(|v| v.kind() == CXCursor_VarDecl)
        .collect()
}

/// The probe's answers in `tu` (a unit holding the probe text).
fn answers(tu: &TranslationUnit, types: usize, macros: usize, clang_major: u32) -> Answers {
    let mut values = std::collections::HashMap::new();
    let mut macro_values = vec![None; macros];
    let mut again = vec![None; macros];
    for v in probe_vars(tu) {
        let name = v.spelling();
        let index = |prefix: &str| name.strip_prefix(prefix)?.parse::<usize>().ok();
        if let Some(k) = index("m") {
            if let (Some(slot), Some(value)) = (macro_values.get_mut(k), v.evaluate()) {
                *slot = Some((super::types::convert(v.ty()), value));
            }
        } else if let Some(k) = index("again") {
            if let Some(slot) = again.get_mut(k) {
                *slot = v.evaluate();
            }
        } else if let Some(x) = v.evaluate_int() {
            values.insert(name, x);
        }
    }
    for (value, again) in macro_values.iter_mut().zip(again) {
        if value.as_ref().map(|(_, v)| v) != again.as_ref() {
            *value = None;
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
    let traits = (0..types)
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
    (env, traits, macro_values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe runs on top of a saved parse (not by falling back to a re-parse), answers, and
    /// leaves no file behind.
    #[test]
    fn the_probe_runs_on_top_of_a_saved_parse() {
        let major = crate::clang::discover::ensure_loaded().unwrap().major;
        let dir = std::env::temp_dir();
        let name = dir.join(format!("relocxx-probe-test-{}.cc", std::process::id()));
        let name = name.to_string_lossy();
        let main = format!(
            "namespace n {{ struct Plain {{ int x; }}; struct Owning {{ ~Owning(); int* p; }}; }}\n\
             #define N (1 << 4)\n#define HERE __LINE__\n{PARSED}"
        );
        let args = ["-x", "c++", "-std=c++17"].map(String::from);
        let mut tu = TranslationUnit::parse(&name, &main, &args).unwrap();
        let types = ["::n::Plain".to_string(), "::n::Owning".to_string()];
        let macros = ["N".to_string(), "HERE".to_string()];
        let probe = text(&types, &macros);
        let unit = on_top(&tu, &name, &main, &probe).expect("the probe runs on top");
        let pch_path = unit._pch.0.clone();
        assert!(pch_path.is_file());
        let (env, traits, on_top_macros) = answers(&unit.unit, 2, 2, major);
        assert_eq!(env.clang_major, major);
        assert_eq!(traits[0].trivially_copyable, Some(true));
        assert_eq!(traits[1].trivially_copyable, Some(false));
        assert_eq!(traits[1].destructible, Some(true));
        assert_eq!(traits[1].copy_constructible, Some(true));
        let n = on_top_macros[0].as_ref().map(|(_, v)| v);
        assert_eq!(n, Some(&Evaluated::Int(16)));
        drop(unit);
        assert!(!pch_path.exists(), "the precompiled header is removed");
        assert_eq!(
            on_top_macros[1], None,
            "a macro naming its line is no constant"
        );
        // The same answers as a re-parse.
        let reparsed = run(
            &mut tu,
            &name,
            &main,
            &types,
            &macros,
            major,
            Where::Reparsed,
        );
        assert_eq!(reparsed.unwrap().2, on_top_macros);
    }
}
