//! Pass 3 — relocatability: for every bound record, decide whether a Rust move (memcpy to a new
//! address, old bytes forgotten) is a valid C++ relocation, and record which source decided and
//! why (DESIGN §4). Sources, in order:
//!
//! 1. the user (`relocatable` / `not_relocatable`);
//! 2. markers on the declaration (`[[clang::trivial_abi]]`, P1144, P2786, `RELOCXX_RELOCATABLE`);
//! 3. the compiler's traits from the probe (`std::is_trivially_copyable`,
//!    `__is_trivially_relocatable`, `__builtin_is_cpp_trivially_relocatable`);
//! 4. the standard-library table (per library: `std::string` differs);
//! 5. composition (no user-provided copy/move/destructor, no virtual bases, every base and
//!    member relocatable).
//!
//! Before any of those but the user, a type that is not move-constructible is pinned: C++ never
//! moves it, so Rust must not either. Otherwise the record is pinned. Invariant after this pass: every bound record has a verdict;
//! `Repr::Pod` only for relocatable records whose public fields map and whose field records are
//! themselves `Pod`.

use std::collections::HashMap;

use crate::model::{
    Env, Item, ItemKind, Marker, MemberType, Record, Repr, Source, StdLib, Type, Verdict,
};
use crate::options::{matches_any, Selection};

/// Classifies every bound record. `all` holds every record the parse saw (bound or not), by
/// qualified name, for the composition rule.
/// Decides every record; a user promise the classifier disproves becomes a note in `notes`
/// (printed as a build warning).
pub fn run(
    items: &mut [Item],
    all: &HashMap<String, Record>,
    sel: &Selection,
    env: &Env,
    notes: &mut Vec<String>,
) {
    let mut memo: HashMap<String, Result<String, String>> = HashMap::new();
    for item in items.iter_mut() {
        let (q, v, cpp) = (item.qualified(), item.qualified_visible(), item.cpp_path());
        let ItemKind::Record(r) = &mut item.kind else {
            continue;
        };
        let names = [q.as_str(), v.as_str()];
        let verdict = decide(&q, &cpp, &names, r, all, sel, env, &mut memo);
        if let Some(w) = &verdict.warning {
            notes.push(format!("{}: {w}", item.loc));
        }
        r.verdict = Some(verdict);
    }
    settle_pod(items);
}

fn verdict(relocatable: bool, source: Source, reason: impl Into<String>) -> Verdict {
    Verdict {
        repr: if relocatable {
            Repr::Relocatable
        } else {
            Repr::Pinned
        },
        source,
        reason: reason.into(),
        trait_check: None,
        warning: None,
    }
}

/// `cpp` is how the shim spells the type (`Item::cpp_path`).
#[allow(clippy::too_many_arguments)]
fn decide(
    q: &str,
    cpp: &str,
    names: &[&str],
    r: &Record,
    all: &HashMap<String, Record>,
    sel: &Selection,
    env: &Env,
    memo: &mut HashMap<String, Result<String, String>>,
) -> Verdict {
    // Types that cannot be destroyed or instantiated are never held by value.
    if r.is_abstract {
        return verdict(
            false,
            Source::Compiler,
            "abstract class: never constructed, used through references only",
        );
    }
    if r.traits.destructible == Some(false) {
        return verdict(
            false,
            Source::Compiler,
            "its destructor is not accessible: used through references only",
        );
    }
    if matches_any(&sel.not_relocatable, names) {
        return verdict(false, Source::User, "not_relocatable: pinned by the user");
    }
    if matches_any(&sel.relocatable, names) {
        let mut v = verdict(
            true,
            Source::User,
            "relocatable: the user's promise (size and alignment still asserted)",
        );
        v.warning = disproof(r, all, env, 0).map(|why| {
            format!("relocatable(\"{q}\") contradicts the classifier: {why}, so a Rust move (memcpy) of it breaks the object; remove the promise unless the header is wrong")
        });
        return v;
    }
    // A polymorphic class is used through base references: an object C++ hands back as `T&`
    // (or owns behind a `unique_ptr<T>`) may be the base subobject of a larger object, and a
    // Rust assignment or swap through `&mut T` would overwrite it with a `T`. Held by value
    // only when it cannot be a base (`final`), or on the user's word.
    if r.is_polymorphic && !r.is_final {
        return verdict(
            false,
            Source::Default,
            "pinned: polymorphic and not `final`, so a `T&` from C++ may be a base subobject of a larger object (a Rust swap or assignment would overwrite it)",
        );
    }
    // Relocation is a move plus a destroy. A type C++ itself refuses to move (copy deleted, no
    // move) keeps its address for life, even when trivially copyable: its constructor may have
    // stored `this` (self-registration), and deleting copy is how authors say "do not move".
    if r.traits.move_constructible == Some(false) {
        return verdict(
            false,
            Source::Compiler,
            "not move-constructible: C++ never moves it, so Rust must not either",
        );
    }
    let guarded = |expr: String, builtin: &str| Some((expr, Some(builtin.to_string())));
    if let Some(m) = r.markers.first() {
        let ignored =
            *m == Marker::TrivialAbi && r.traits.clang_trivially_relocatable == Some(false);
        if !ignored {
            let mut v = verdict(true, Source::Marker, format!("marked {}", m.spelling()));
            v.trait_check = match m {
                Marker::TrivialAbi => guarded(
                    format!("__is_trivially_relocatable({cpp})"),
                    "__is_trivially_relocatable",
                ),
                _ => None,
            };
            return v;
        }
    }
    if r.traits.trivially_copyable == Some(true) {
        let mut v = verdict(
            true,
            Source::Compiler,
            "trivially copyable (std::is_trivially_copyable)",
        );
        v.trait_check = Some((format!("std::is_trivially_copyable<{cpp}>::value"), None));
        return v;
    }
    if r.traits.clang_trivially_relocatable == Some(true) {
        let mut v = verdict(true, Source::Compiler, "clang __is_trivially_relocatable");
        v.trait_check = guarded(
            format!("__is_trivially_relocatable({cpp})"),
            "__is_trivially_relocatable",
        );
        return v;
    }
    let ptrauth_blocks = env.ptrauth && r.is_polymorphic;
    if r.traits.cpp_trivially_relocatable == Some(true) && !ptrauth_blocks {
        let mut v = verdict(
            true,
            Source::Compiler,
            "P2786 __builtin_is_cpp_trivially_relocatable",
        );
        v.trait_check = guarded(
            format!("__builtin_is_cpp_trivially_relocatable({cpp})"),
            "__builtin_is_cpp_trivially_relocatable",
        );
        return v;
    }
    match composition(q, r, all, env, memo) {
        Ok(why) => verdict(true, Source::Composition, why),
        Err(why) => verdict(false, Source::Default, format!("pinned: {why}")),
    }
}

/// Why `r` is known NOT to survive a memcpy, when the classifier can prove it: not
/// move-constructible, virtual bases, vtable pointers authenticated by address, or a member
/// or base that is (a standard type whose implementation points into itself, recursively).
/// Anything merely unproven (user-provided special members, unknown types) is no disproof:
/// that is exactly what a user's promise is for.
fn disproof(r: &Record, all: &HashMap<String, Record>, env: &Env, depth: u32) -> Option<String> {
    fn member(
        ty: &MemberType,
        all: &HashMap<String, Record>,
        env: &Env,
        depth: u32,
    ) -> Option<String> {
        match ty {
            MemberType::Array(e) => member(e, all, env, depth),
            MemberType::Record(q) => all
                .get(q)
                .filter(|_| depth < 16)
                .and_then(|r| disproof(r, all, env, depth + 1))
                .map(|why| format!("is {q}, which {why}")),
            MemberType::Std { template, args } => match template.as_str() {
                "std::optional" | "std::pair" | "std::tuple" | "std::array" => {
                    args.iter().find_map(|a| member(a, all, env, depth))
                }
                _ => {
                    let known = template == "std::basic_string" && env.stdlib == StdLib::LibStdCxx
                        || SELF_POINTING.contains(&template.as_str());
                    let mut memo = HashMap::new();
                    known
                        .then(|| std_table(template, args, all, env, &mut memo).err())
                        .flatten()
                }
            },
            MemberType::StdClass(name) => {
                std_class(name).err().filter(|w| w.contains("never move"))
            }
            _ => None,
        }
    }
    if r.traits.move_constructible == Some(false) {
        return Some("it is not move-constructible".into());
    }
    if r.has_virtual_bases {
        return Some("it has virtual bases (their offsets live in the object)".into());
    }
    if r.is_polymorphic && env.ptrauth {
        return Some("it is polymorphic on a target that authenticates vtable pointers".into());
    }
    for (what, list) in [("base", &r.bases), ("member", &r.members)] {
        for (name, ty) in list {
            if let Some(why) = member(ty, all, env, depth) {
                return Some(format!("its {what} `{name}` {why}"));
            }
        }
    }
    None
}

/// Standard containers whose every implementation keeps a pointer into the object itself.
const SELF_POINTING: &[&str] = &[
    "std::map",
    "std::set",
    "std::multimap",
    "std::multiset",
    "std::list",
    "std::unordered_map",
    "std::unordered_set",
    "std::unordered_multimap",
    "std::unordered_multiset",
];

/// Rule 5, recursively over user records (memoised, cycle-safe).
fn composition(
    q: &str,
    r: &Record,
    all: &HashMap<String, Record>,
    env: &Env,
    memo: &mut HashMap<String, Result<String, String>>,
) -> Result<String, String> {
    if let Some(done) = memo.get(q) {
        return done.clone();
    }
    // Provisional answer breaks cycles (a record containing itself only through pointers is fine).
    memo.insert(q.to_string(), Err(format!("`{q}` refers to itself")));
    let result = (|| {
        // (Move-constructibility is checked on the complete object in `decide`: a base may be
        // abstract, and a non-movable member makes the enclosing class non-movable anyway.)
        let up = &r.user_provided;
        if up.copy_ctor || up.move_ctor {
            return Err(
                "user-provided copy or move constructor (it may fix up pointers into itself)"
                    .to_string(),
            );
        }
        if up.dtor {
            return Err("user-provided destructor".to_string());
        }
        if r.has_virtual_bases {
            return Err("virtual bases (their offsets live in the object)".to_string());
        }
        if r.is_polymorphic && env.ptrauth {
            return Err("polymorphic on a target that authenticates vtable pointers".to_string());
        }
        let mut notes = Vec::new();
        for (what, list) in [("base", &r.bases), ("member", &r.members)] {
            for (name, ty) in list {
                match member(ty, all, env, memo) {
                    Ok(Some(note)) => notes.push(format!("{what} `{name}` {note}")),
                    Ok(None) => {}
                    Err(why) => return Err(format!("{what} `{name}` {why}")),
                }
            }
        }
        Ok(if notes.is_empty() {
            "no user-provided special members; all members relocatable".to_string()
        } else {
            format!("all members relocatable ({})", notes.join(", "))
        })
    })();
    memo.insert(q.to_string(), result.clone());
    result
}

/// Ok(Some(note)) when a non-trivial member is relocatable (worth saying why), Ok(None) for
/// scalars, Err(why not).
fn member(
    ty: &MemberType,
    all: &HashMap<String, Record>,
    env: &Env,
    memo: &mut HashMap<String, Result<String, String>>,
) -> Result<Option<String>, String> {
    match ty {
        MemberType::Trivial | MemberType::Indirect => Ok(None),
        MemberType::Array(e) => member(e, all, env, memo),
        MemberType::Record(q) => match all.get(q) {
            Some(r) if r.traits.trivially_copyable == Some(true) || !r.markers.is_empty() => {
                Ok(None)
            }
            Some(r) => composition(q, r, all, env, memo)
                .map(|_| Some(format!("is {q}, relocatable by composition")))
                .map_err(|why| format!("is {q}, which is not relocatable: {why}")),
            None => Err(format!("is {q}, which relocxx cannot see")),
        },
        MemberType::Std { template, args } => std_table(template, args, all, env, memo).map(Some),
        MemberType::StdClass(name) => std_class(name).map(Some),
        MemberType::Unknown(spelling) => Err(format!(
            "has type {spelling}, which relocxx cannot classify"
        )),
    }
}

/// Rule 4: standard-library class templates, per library.
pub fn std_table(
    template: &str,
    args: &[MemberType],
    all: &HashMap<String, Record>,
    env: &Env,
    memo: &mut HashMap<String, Result<String, String>>,
) -> Result<String, String> {
    let lib = env.stdlib.name();
    let ok = |why: &str| Ok(format!("is {template}, {why} (std-table, {lib})"));
    match template {
        "std::vector" | "std::shared_ptr" | "std::weak_ptr" | "std::basic_string_view" | "std::span" => {
            ok("relocatable: it holds only pointers to the heap")
        }
        "std::unique_ptr" => match args.get(1) {
            Some(MemberType::Std { template: d, .. }) if d == "std::default_delete" => ok("relocatable with the default deleter"),
            Some(d) => member(d, all, env, memo).map(|_| format!("is {template} with a relocatable deleter (std-table, {lib})")),
            None => ok("relocatable"),
        },
        "std::basic_string" => match env.stdlib {
            StdLib::LibCxx => ok("relocatable in libc++ (its short-string buffer holds no self-pointer)"),
            StdLib::LibStdCxx => Err(format!(
                "is {template}, not relocatable in libstdc++ (its small-string buffer points into itself)"
            )),
            StdLib::Unknown => Err(format!("is {template} of an unknown standard library")),
        },
        "std::optional" | "std::pair" | "std::tuple" | "std::array" | "std::atomic" => {
            for a in args {
                member(a, all, env, memo).map_err(|why| format!("is {template} whose argument {why}"))?;
            }
            ok("relocatable as its arguments are")
        }
        "std::allocator" | "std::default_delete" | "std::less" | "std::greater" | "std::hash" | "std::equal_to"
        | "std::char_traits" => ok("empty"),
        "std::map" | "std::set" | "std::multimap" | "std::multiset" | "std::list" | "std::unordered_map"
        | "std::unordered_set" | "std::unordered_multimap" | "std::unordered_multiset" | "std::forward_list" => Err(
            format!("is {template}, not relocatable ({lib} keeps a sentinel node or bucket pointer into the object)"),
        ),
        "std::function" => Err(format!("is {template}, not relocatable (it may store its callable inline)")),
        _ => Err(format!("is {template}, which is not in relocxx's standard-library table")),
    }
}

fn std_class(name: &str) -> Result<String, String> {
    match name {
        "std::mutex" | "std::recursive_mutex" | "std::condition_variable" | "std::shared_mutex" => {
            Err(format!("is {name}, which must never move"))
        }
        _ => Err(format!(
            "is {name}, which is not in relocxx's standard-library table"
        )),
    }
}

/// A relocatable record is `Pod` when its public fields map and every record among them is
/// `Pod` too (to a fixed point, since plain data nests).
fn settle_pod(items: &mut [Item]) {
    let mut pod: HashMap<String, bool> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) => Some((
                i.qualified(),
                r.pod.is_ok()
                    && r.repr() == Repr::Relocatable
                    && r.traits.trivially_copyable != Some(false),
            )),
            _ => None,
        })
        .collect();
    loop {
        let mut changed = false;
        for i in items.iter() {
            let ItemKind::Record(r) = &i.kind else {
                continue;
            };
            let q = i.qualified();
            if !pod[&q] {
                continue;
            }
            let fields_ok = r.pod.as_ref().is_ok_and(|fs| {
                fs.iter().all(|f| {
                    let mut names = Vec::new();
                    f.ty.named_decls(&mut names);
                    let by_value_records = matches!(f.ty, Type::Record(_) | Type::Array { .. });
                    !by_value_records || names.iter().all(|n| pod.get(*n).copied().unwrap_or(true))
                })
            });
            if !fields_ok {
                pod.insert(q, false);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for i in items.iter_mut() {
        let q = i.qualified();
        if let ItemKind::Record(r) = &mut i.kind {
            if let Some(v) = &mut r.verdict {
                if pod.get(&q).copied().unwrap_or(false) {
                    v.repr = Repr::Pod;
                }
            }
        }
    }
}
