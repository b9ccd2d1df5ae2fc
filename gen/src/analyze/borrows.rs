//! Pass 5 — borrows: what the result of a call may point into (DESIGN §8). The one place that
//! decides lifetimes; `emit::abi` only reads the answer (`model::Borrows`).
//!
//! - Views cross by value. A `const std::string_view&` or `const std::span<T>&` parameter or
//!   result is the view itself to Rust (the thunk builds a C++ view from pointer and length and
//!   binds the reference to it); any other indirection to a view (`std::string_view&`, a
//!   pointer to one) is skipped, because a Rust `&[u8]` is not laid out as the C++ object.
//! - A returned reference or view borrows from the receiver, else from the only reference or
//!   view argument (Rust's elision), or — when the C++ says so with `[[clang::lifetimebound]]` —
//!   from the marked arguments (and the receiver), through an explicit `'a`; `&mut` only from
//!   `&mut`. With no such source a returned reference becomes a raw pointer (`unsafe fn`) and a
//!   returned view or span is skipped.
//! - A call that may keep a pointer to a borrowed argument past the call — it returns,
//!   constructs or fills (through `&mut`/`Pin<&mut>`) a type holding pointers, references or
//!   views, and it borrows something else — is `unsafe fn`; the reason is its `# Safety` text.
//!   Rust has no lifetime on such a by-value type, so `lifetimebound` cannot make it safe;
//!   the user's `owning("T")` promise (T owns all it points to) can.
//! - A call that receives plain data with public raw-pointer fields (as an argument or as its
//!   receiver) is `unsafe fn`: safe Rust can store any address in those fields.
//!
//! Invariant after this pass: every bound call has its `borrows` set, contains no indirection
//! to a view, and returns a view or span only with a named borrow source.

use std::collections::HashMap;

use crate::model::{
    BorrowFrom, Borrows, Item, ItemKind, MemberType, MethodKind, Param, Record, Skipped, StdType,
    Type,
};
use crate::options::{matches_any, Selection};

/// The receiver of a call, for the borrow rules: `None` for free functions, constructors and
/// static members, else whether it is `const`.
type Receiver = Option<bool>;

pub fn run(
    items: &mut Vec<Item>,
    all: &HashMap<String, Record>,
    sel: &Selection,
    skipped: &mut Vec<Skipped>,
) {
    let mut holds = Holds {
        all,
        owning: &sel.owning,
        memo: HashMap::new(),
        raw_fields: raw_pointer_fields(items),
        tail_shared: items
            .iter()
            .filter(|i| matches!(&i.kind, ItemKind::Record(r) if r.tail_shared()))
            .map(|i| i.qualified())
            .collect(),
    };
    items.retain_mut(|item| {
        let q = item.qualified();
        let loc = item.loc.clone();
        match &mut item.kind {
            ItemKind::Function(f) => {
                match decide(&mut f.params, &mut f.ret, None, None, &f.omitted_borrows, &mut holds) {
                    Ok(b) => {
                        f.borrows = b;
                        true
                    }
                    Err(reason) => {
                        skipped.push(Skipped {
                            callable: Some(crate::model::Callable::function(f.params.len())),
                            loc,
                            name: q,
                            reason,
                        });
                        false
                    }
                }
            }
            ItemKind::Record(r) => {
                let self_ty = Type::Record(q.clone());
                for list in [&mut r.ctors, &mut r.methods] {
                    list.retain_mut(|m| {
                        let (receiver, mut ret) = match m.kind {
                            MethodKind::Constructor => (None, self_ty.clone()),
                            MethodKind::Static => (None, m.ret.clone()),
                            MethodKind::Instance { is_const } => (Some(is_const), m.ret.clone()),
                        };
                        let this = Some(q.as_str()).filter(|_| receiver.is_some());
                        match decide(&mut m.params, &mut ret, receiver, this, &m.omitted_borrows, &mut holds) {
                            Ok(mut b) => {
                                if receiver.is_some() && b.retains.is_none() {
                                    b.retains = holds.raw_field(&self_ty).map(|why| format!("the receiver: {why}"));
                                }
                                let trait_op = m.op.is_some_and(|op| op != crate::model::Operator::Index);
                                if let (true, Some(why)) = (trait_op, &b.retains) {
                                    skipped.push(Skipped::member(&q, m, format!("this operator would map to a safe Rust trait, but the call needs `unsafe`: {why}")));
                                    return false;
                                }
                                m.borrows = b;
                                if m.kind != MethodKind::Constructor {
                                    m.ret = ret;
                                }
                                true
                            }
                            Err(reason) => {
                                skipped.push(Skipped::member(&q, m, reason));
                                false
                            }
                        }
                    });
                }
                true
            }
            _ => true,
        }
    });
}

/// The borrow facts of one call; `Err` when it cannot be bound soundly. `this` names the
/// record of a receiver; `omitted` the defaulted reference parameters a `_with_defaults` call
/// leaves to C++.
fn decide(
    params: &mut [Param],
    ret: &mut Type,
    receiver: Receiver,
    this: Option<&str>,
    omitted: &[String],
    holds: &mut Holds<'_>,
) -> Result<Borrows, String> {
    for p in params.iter_mut() {
        views_by_value(&mut p.ty).map_err(|why| format!("parameter `{}`: {why}", p.name))?;
    }
    views_by_value(ret).map_err(|why| format!("result: {why}"))?;
    // A result could point into a default temporary the Rust signature cannot name.
    let ret_from = ret_source(params, ret, receiver).filter(|_| omitted.is_empty());
    // A `T&` C++ returns may be a base subobject sharing its tail padding with the derived
    // object's members: a `&mut T` would let a Rust swap overwrite them (SAFETY.md rule 20).
    let tail_shared = match &*ret {
        Type::Ref {
            is_const: false,
            pointee,
        } => matches!(&**pointee, Type::Record(q) if holds.tail_shared.contains(q)),
        _ => false,
    };
    let ret_from = ret_from.filter(|_| !tail_shared);
    if ret_from.is_none() {
        match ret {
            Type::Std(StdType::StringView) => {
                return Err("returns a std::string_view with no argument it could borrow from (mark the source [[clang::lifetimebound]])".into())
            }
            Type::Std(StdType::Span { .. }) => {
                return Err("returns a std::span with no argument it could borrow from (mark the source [[clang::lifetimebound]])".into())
            }
            _ => {}
        }
    }
    let raw_in = params.iter().find_map(|p| {
        holds
            .raw_field(&p.ty)
            .map(|why| format!("parameter `{}`: {why}", p.name))
    });
    let tail_why = tail_shared.then(|| {
        "The returned `&mut` may be a base subobject whose tail padding holds the derived object's members; writing a whole object through it (a swap or an assignment) would overwrite them.".to_string()
    });
    Ok(Borrows {
        ret_from,
        retains: raw_in
            .or(tail_why)
            .or_else(|| retains(params, ret, receiver, this, omitted, holds)),
    })
}

/// `const V&` of a view `V` becomes `V`; a mutable reference or a pointer to a view is an error.
fn views_by_value(ty: &mut Type) -> Result<(), String> {
    fn is_view(t: &Type) -> bool {
        matches!(t, Type::Std(StdType::StringView | StdType::Span { .. }))
    }
    fn no_indirect_view(t: &Type) -> Result<(), String> {
        match t {
            Type::Ref { pointee, .. } | Type::Pointer { pointee, .. } if is_view(pointee) => Err(
                "a std::string_view or std::span behind a mutable reference or a pointer has no Rust counterpart (Rust views are not laid out as the C++ object)".into(),
            ),
            Type::Ref { pointee, .. } | Type::Pointer { pointee, .. } => no_indirect_view(pointee),
            Type::Std(s) => s.element().map_or(Ok(()), no_indirect_view),
            _ => Ok(()),
        }
    }
    if let Type::Ref {
        is_const: true,
        pointee,
    } = ty
    {
        if is_view(pointee) {
            *ty = (**pointee).clone();
        }
    }
    no_indirect_view(ty)
}

/// Whether `t` is a borrowed argument (a reference or a view), and if so whether it is shared.
pub(super) fn borrowed(t: &Type) -> Option<bool> {
    match t {
        Type::Ref { is_const, .. } => Some(*is_const),
        Type::Std(StdType::StringView) => Some(true),
        Type::Std(StdType::Span { is_const, .. }) => Some(*is_const),
        _ => None,
    }
}

/// Where a returned reference or view borrows from, if it is one and a source can be named.
fn ret_source(params: &[Param], ret: &Type, receiver: Receiver) -> Option<BorrowFrom> {
    let shared = borrowed(ret)?;
    let marked: Vec<usize> = params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lifetimebound && borrowed(&p.ty).is_some())
        .map(|(i, _)| i)
        .collect();
    if !marked.is_empty() {
        // `&mut` only from sources that are all `&mut`.
        let all_mut = receiver != Some(true)
            && marked
                .iter()
                .all(|&i| borrowed(&params[i].ty) == Some(false));
        return (shared || all_mut).then_some(BorrowFrom::Tied {
            receiver: receiver.is_some(),
            params: marked,
        });
    }
    let sound = match receiver {
        Some(is_const) => shared || !is_const,
        None => {
            let refs: Vec<bool> = params.iter().filter_map(|p| borrowed(&p.ty)).collect();
            refs.len() == 1 && (shared || !refs[0])
        }
    };
    sound.then_some(BorrowFrom::Elided)
}

/// Why the call may keep a pointer to a borrowed argument, if it may. `omitted` are the
/// defaulted reference/view/pointer parameters a `_with_defaults` call leaves to C++: their
/// temporaries are borrowed inputs too. `this` is the record of any receiver.
fn retains(
    params: &[Param],
    ret: &Type,
    receiver: Receiver,
    this: Option<&str>,
    omitted: &[String],
    holds: &mut Holds<'_>,
) -> Option<String> {
    // Borrowed inputs: the receiver, reference or view parameters, omitted defaults. Each has
    // an index (the receiver none) so an output is never its own input.
    let inputs: Vec<(Option<usize>, String)> = receiver
        .map(|_| (None, "`self`".to_string()))
        .into_iter()
        .chain(
            params
                .iter()
                .enumerate()
                .filter(|(_, p)| borrowed(&p.ty).is_some())
                .map(|(i, p)| (Some(i), format!("`{}`", p.name))),
        )
        .chain(
            omitted
                .iter()
                .enumerate()
                .map(|(k, n)| (Some(params.len() + k), format!("the default of `{n}`"))),
        )
        .collect();
    let others = |except: Option<usize>, is_self: bool| -> Vec<&str> {
        inputs
            .iter()
            .filter(|(i, _)| {
                if is_self {
                    i.is_some()
                } else {
                    i.is_none() || *i != except
                }
            })
            .map(|(_, n)| n.as_str())
            .collect()
    };
    let say = |out: String, why: String, from: Vec<&str>| {
        format!(
            "it may keep a pointer into {}: {out}, which may hold a borrowed pointer ({why}). Every borrowed argument must stay alive and in place for as long as that value (or any copy of it) is used.",
            from.join(", ")
        )
    };
    if borrowed(ret).is_none() {
        let from = others(None, false);
        if !from.is_empty() {
            if let Some(why) = holds.by_value(ret) {
                return Some(say(
                    format!(
                        "it returns `{}`",
                        crate::emit::cpp::types::cpp_type(ret).trim_start_matches("::")
                    ),
                    why,
                    from,
                ));
            }
        }
    }
    // The receiver is written through when non-const, and through `mutable` members when const.
    if let (Some(is_const), Some(q)) = (receiver, this) {
        let from = others(None, true);
        let why = if is_const {
            holds.mutable_members(q)
        } else {
            holds.record(q)
        };
        if let (false, Some(why)) = (from.is_empty(), why) {
            return Some(say(format!("it modifies `self` (`{q}`)"), why, from));
        }
    }
    for (i, p) in params.iter().enumerate() {
        // Filled through a non-const reference, or the elements of a non-const span.
        let filled = match &p.ty {
            Type::Ref {
                is_const: false,
                pointee,
            } => Some(&**pointee),
            Type::Std(StdType::Span {
                is_const: false,
                elem,
            }) => Some(&**elem),
            _ => None,
        };
        let Some(filled) = filled else { continue };
        let from = others(Some(i), false);
        if from.is_empty() {
            continue;
        }
        if let Some(why) = holds.by_value(filled) {
            return Some(say(format!("it modifies `{}`", p.name), why, from));
        }
    }
    None
}

/// Which types may hold pointers to memory they do not own (memoised over all parsed records).
struct Holds<'a> {
    all: &'a HashMap<String, Record>,
    /// The user's `owning` promises: these types hold no borrowed pointer.
    owning: &'a [regex::Regex],
    memo: HashMap<String, Option<String>>,
    /// Plain-data records with a public raw-pointer field (directly or in a plain-data field).
    raw_fields: HashMap<String, String>,
    /// Relocatable classes whose tail padding a derived class may reuse (`Record::tail_shared`).
    tail_shared: std::collections::HashSet<String>,
}

/// Plain-data records whose public fields include raw pointers, with the field's path.
pub fn raw_pointer_fields(items: &[Item]) -> HashMap<String, String> {
    let pods: HashMap<String, &Vec<crate::model::Field>> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) if r.repr() == crate::model::Repr::Pod => {
                r.pod.as_ref().ok().map(|f| (i.qualified(), f))
            }
            _ => None,
        })
        .collect();
    fn find(
        q: &str,
        pods: &HashMap<String, &Vec<crate::model::Field>>,
        depth: u32,
    ) -> Option<String> {
        let fields = pods.get(q)?;
        fields.iter().find_map(|f| {
            if f.ty.has_pointer() {
                return Some(f.name.clone());
            }
            let mut named = Vec::new();
            f.ty.named_decls(&mut named);
            named
                .into_iter()
                .filter(|_| depth < 16)
                .find_map(|n| find(n, pods, depth + 1))
                .map(|inner| format!("{}.{inner}", f.name))
        })
    }
    pods.keys()
        .filter_map(|q| find(q, &pods, 0).map(|f| (q.clone(), f)))
        .collect()
}

/// Standard templates that own what they point to: they hold borrowed pointers only through
/// their arguments.
const OWNING: &[&str] = &[
    "std::basic_string",
    "std::vector",
    "std::deque",
    "std::list",
    "std::forward_list",
    "std::map",
    "std::multimap",
    "std::set",
    "std::multiset",
    "std::unordered_map",
    "std::unordered_multimap",
    "std::unordered_set",
    "std::unordered_multiset",
    "std::array",
    "std::optional",
    "std::variant",
    "std::pair",
    "std::tuple",
    "std::unique_ptr",
    "std::shared_ptr",
    "std::weak_ptr",
    "std::atomic",
    "std::allocator",
    "std::default_delete",
    "std::char_traits",
    "std::less",
    "std::greater",
    "std::equal_to",
    "std::hash",
];

impl Holds<'_> {
    /// Why a value of `t` given to C++ may carry an address safe Rust chose.
    fn raw_field(&self, t: &Type) -> Option<String> {
        let mut named = Vec::new();
        t.named_decls(&mut named);
        named.into_iter().find_map(|q| {
            self.raw_fields.get(q).map(|f| {
                format!("`{q}` is plain data with the public raw-pointer field `{f}`, which safe Rust can set to any address; C++ may read through it.")
            })
        })
    }

    /// Why a value of `t` may hold a borrowed pointer, for a value returned or filled by a call.
    fn by_value(&mut self, t: &Type) -> Option<String> {
        match t {
            Type::Record(q) => self.record(q),
            Type::Std(StdType::StringView | StdType::Span { .. }) => {
                Some("a view of memory it does not own".into())
            }
            Type::Std(s) => s.element().and_then(|e| self.by_value(e)),
            Type::Array { elem, .. } => self.by_value(elem),
            Type::Pointer { .. } | Type::Ref { .. } => Some("a pointer".into()),
            _ => None,
        }
    }

    /// Why a `q` may hold a borrowed pointer. Answered for every record at once, to a fixed
    /// point (a record holding another by value, possibly in a cycle through containers,
    /// borrows when that one does), so no provisional answer is ever kept.
    fn record(&mut self, q: &str) -> Option<String> {
        if self.memo.is_empty() {
            self.settle();
        }
        match self.memo.get(q) {
            Some(why) => why.clone(),
            None if matches_any(self.owning, &[q]) => None,
            None => Some(format!("`{q}` is not visible to relocxx")),
        }
    }

    fn settle(&mut self) {
        let all = self.all;
        let mut names: Vec<&String> = all.keys().collect();
        names.sort();
        for q in &names {
            self.memo.insert((*q).clone(), None);
        }
        loop {
            let mut changed = false;
            for q in &names {
                if self.memo[*q].is_some() || matches_any(self.owning, &[q.as_str()]) {
                    continue;
                }
                let r = &all[*q];
                let why = r
                    .bases
                    .iter()
                    .map(|(n, t)| ("base", n, t))
                    .chain(r.members.iter().map(|(n, t)| ("member", n, t)))
                    .find_map(|(what, name, t)| {
                        self.member(t)
                            .map(|why| format!("`{q}` has {what} `{name}`, {why}"))
                    });
                if why.is_some() {
                    self.memo.insert((*q).clone(), why);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Why a `const` method of `q` may still store a borrowed pointer: a `mutable` member
    /// that may hold one.
    fn mutable_members(&mut self, q: &str) -> Option<String> {
        if self.memo.is_empty() {
            self.settle();
        }
        let r = self.all.get(q)?;
        r.members
            .iter()
            .filter(|(n, _)| r.mutable_members.contains(n))
            .find_map(|(n, t)| {
                self.member(t)
                    .map(|why| format!("`{q}` has mutable member `{n}`, {why}"))
            })
    }

    fn member(&mut self, t: &MemberType) -> Option<String> {
        match t {
            MemberType::Trivial => None,
            // Standard-library classes own their state; C library structs (`iovec`, `tm`)
            // hold plain pointers.
            MemberType::StdClass(name) if name.starts_with("std::") => None,
            MemberType::StdClass(name) => Some(format!(
                "a {name}, a C library struct whose pointers may refer to memory it does not own"
            )),
            MemberType::Indirect => Some("a pointer or reference".into()),
            MemberType::Array(e) => self.member(e),
            // During `settle`, what is known so far (the fixed point adds the rest).
            MemberType::Record(q) => match self.memo.get(q) {
                Some(why) => why.clone().map(|why| format!("and {why}")),
                None if matches_any(self.owning, &[q.as_str()]) => None,
                None => Some(format!("`{q}`, which is not visible to relocxx")),
            },
            MemberType::Std { template, args } if OWNING.contains(&template.as_str()) => {
                args.iter().find_map(|a| self.member(a))
            }
            MemberType::Std { template, .. } => Some(format!(
                "a {template}, which may refer to memory it does not own"
            )),
            MemberType::Unknown(spelling) => {
                Some(format!("of type {spelling}, which relocxx cannot inspect"))
            }
        }
    }
}
