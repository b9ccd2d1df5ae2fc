//! The model: what the headers declare, independent of libclang and of any output language.
//!
//! `parse` fills it, the passes in `analyze` refine it (select, resolve, name), `emit` reads it.
//! Invariant: items keep header declaration order, so everything downstream is deterministic.

mod record;
mod types;

use std::fmt;

pub use record::{
    Access, Ancestor, ClassAlloc, Field, Interface, InterfaceMethod, Marker, MemberType, Method,
    MethodKind, Operator, Record, Repr, Source, Traits, UpParam, UpRet, UserProvided, Verdict,
    Virtual,
};
pub use types::{Prim, StdType, Type};

/// Where a declaration is, for diagnostics (`file:line`).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Path as shown to users (relative to the working directory when under it).
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The path generated files show: relative to a given header's directory, else the file
    /// name (`parse::shown_path`), so output does not depend on where the checkout is.
    pub shown: String,
}

impl Loc {
    /// `file:line` as generated files show it (see `shown`).
    pub fn shown_line(&self) -> String {
        format!("{}:{}", self.shown, self.line)
    }

    /// `file:line:column` as generated files show it (see `shown`).
    pub fn shown_full(&self) -> String {
        format!("{}:{}:{}", self.shown, self.line, self.column)
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One enclosing namespace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NsSeg {
    pub name: String,
    pub inline: bool,
}

#[derive(Clone, Debug)]
pub struct Item {
    /// Enclosing namespaces, outermost first.
    pub ns: Vec<NsSeg>,
    /// C++ name of the declaration itself.
    pub name: String,
    pub loc: Loc,
    /// The C++ documentation comment, markers stripped (`parse::comments`); empty if none.
    pub doc: String,
    /// Declared in one of the headers the user listed (the default selection).
    pub in_given_header: bool,
    pub kind: ItemKind,
    /// Rust identifier, set by `analyze::naming` (empty before).
    pub rust_name: String,
    /// Position in declaration order; passes that move items around restore it.
    pub order: usize,
}

impl Item {
    /// `ns1::ns2::name`, including inline namespaces.
    pub fn qualified(&self) -> String {
        qualify(&self.ns, &self.name)
    }

    /// The same name without inline namespaces (`lib::v1::f` -> `lib::f`), as users write it.
    pub fn qualified_visible(&self) -> String {
        let ns: Vec<NsSeg> = self.ns.iter().filter(|s| !s.inline).cloned().collect();
        qualify(&ns, &self.name)
    }

    /// `::ns1::ns2::name`, for C++ code in the shim (`struct ::ns::name` for a record whose
    /// name a function hides).
    pub fn cpp_path(&self) -> String {
        match &self.kind {
            ItemKind::Record(r) if r.name_hidden => format!("{} ::{}", r.keyword, self.qualified()),
            _ => format!("::{}", self.qualified()),
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            ItemKind::Function(_) => "function",
            ItemKind::Enum(_) => "enum",
            ItemKind::Record(r) => r.keyword,
            ItemKind::Opaque => "opaque type",
            ItemKind::Constant(_) => "constant",
            ItemKind::Typedef(_) => "type alias",
            ItemKind::Unsupported { .. } => "declaration",
        }
    }
}

pub fn qualify(ns: &[NsSeg], name: &str) -> String {
    let mut s = String::new();
    for seg in ns {
        s.push_str(&seg.name);
        s.push_str("::");
    }
    s.push_str(name);
    s
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Function(Function),
    Enum(Enum),
    Record(Record),
    /// A namespace-scope constant (`const`/`constexpr` of builtin or enum type) or an
    /// object-like macro that evaluates to a number or a string.
    Constant(Constant),
    /// A class only ever forward-declared (`struct sqlite3;`, a pimpl): an opaque handle type
    /// that Rust holds and passes back behind pointers and references, never by value.
    Opaque,
    Typedef(Typedef),
    /// A declaration we saw but cannot bind; reported if the selection covers it.
    Unsupported {
        what: String,
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    /// Declared `[[clang::lifetimebound]]` (or a macro spelling it): a returned reference or
    /// view may point into this argument, so the Rust signature ties their lifetimes.
    pub lifetimebound: bool,
    /// Has a default argument (`int base = 10`).
    pub has_default: bool,
    /// A `std::function` parameter, or the function pointer of a `callback!` pair: how the
    /// closure's arguments and result cross when C++ calls it (`analyze::callbacks`).
    pub callback: Option<Callback>,
    /// The `void*` context of a `callback!` pair: the closure's holder goes there.
    pub is_context: bool,
}

/// How C++ calls a Rust closure given for a `std::function<R(Args...)>` parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Callback {
    pub params: Vec<UpParam>,
    pub ret: UpRet,
    /// A C function pointer (`callback!`): which of its arguments is the `void*` context, and
    /// which parameter of the function passes it.
    pub c_pair: Option<CPair>,
    /// Why giving a closure is a promise: it can hand C++ raw pointers
    /// (`analyze::upcall_safety`); the function taking it is then `unsafe fn`.
    pub unsafe_impl: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct CPair {
    /// Position of the context among the function pointer's arguments.
    pub arg: usize,
    /// Position of the context among the function's parameters.
    pub param: usize,
}

/// How a call's results may point into its borrowed arguments; decided by `analyze::borrows`,
/// read by `emit::abi` (DESIGN §8).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Borrows {
    /// Where a returned reference, `std::string_view` or `std::span` borrows from; `None`
    /// when no single source can be named (the result is then a raw pointer and the call
    /// `unsafe`, or the call is skipped).
    pub ret_from: Option<BorrowFrom>,
    /// Why the call may keep a pointer to a borrowed argument beyond the call (it returns or
    /// fills a type holding pointers, references or views): the call is `unsafe fn` and this
    /// text is its `# Safety` section.
    pub retains: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BorrowFrom {
    /// Rust's elision says it: the receiver, else the only reference argument.
    Elided,
    /// An explicit `'a` on the receiver (when `receiver`) and on these parameters
    /// (`[[clang::lifetimebound]]`), and on the result.
    Tied { receiver: bool, params: Vec<usize> },
}

#[derive(Clone, Debug)]
pub struct Function {
    /// libclang's display name, `f(int, const Point &)`, for `rename` keys.
    pub display: String,
    pub params: Vec<Param>,
    pub ret: Type,
    /// Declared `noexcept` / `throw()`: the thunk needs no exception guard.
    pub noexcept: bool,
    /// `fallible!`: set by `analyze::signatures`.
    pub fallible: bool,
    /// Set by `analyze::borrows`.
    pub borrows: Borrows,
    /// The `_with_defaults` variant made by `analyze::defaults`: the trailing defaulted
    /// parameters are left out and C++ supplies them.
    pub with_defaults: bool,
    /// Of those, the ones passed by reference, view or pointer: their defaults are temporaries
    /// of the C++ call, which `analyze::borrows` counts as borrowed arguments.
    pub omitted_borrows: Vec<String>,
    /// Marked deprecated in C++: the Rust fn is `#[deprecated]` too.
    pub deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct Constant {
    /// `Prim` or `Enum` for numbers; `Pointer` to `const char` for strings.
    pub ty: Type,
    pub value: ConstValue,
    /// How C++ spells the value for the shim's `static_assert` (`::ns::k`, or the macro name);
    /// empty when C++ cannot use it in a constant expression (a `const double` or
    /// `const char* const` that is not `constexpr`), so it is not re-checked.
    pub cpp: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Int(i128),
    Float(f64),
    /// Without the terminating NUL; never contains one.
    Str(Vec<u8>),
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub underlying: Prim,
    pub scoped: bool,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    /// The enumerator's documentation comment (see `Item::doc`).
    pub doc: String,
    /// Wide enough for every value of every underlying type (i64 and u64 alike).
    pub value: i128,
}

#[derive(Clone, Debug)]
pub struct Typedef {
    pub target: Type,
}

/// A declaration that was not bound, and why. Listed by `inspect`, in the generated module's
/// docs and as build warnings; never silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub loc: Loc,
    pub name: String,
    pub reason: String,
    /// For a function, constructor or method: how it is called, so the Rust module can hold
    /// a stub of that name whose every use is a compile error giving `reason`
    /// (`emit::rust::unbound`).
    pub callable: Option<Callable>,
}

/// How a skipped function or method would be called from Rust.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Callable {
    pub params: usize,
    /// An instance method (`x.m(..)`), not a free, static or constructor call.
    pub receiver: bool,
    /// A constructor (Rust `T::new(..)`).
    pub constructor: bool,
}

impl Callable {
    pub fn function(params: usize) -> Callable {
        Callable {
            params,
            receiver: false,
            constructor: false,
        }
    }
}

impl Skipped {
    /// A constructor or method `m` of the record `q` that is not bound.
    pub fn member(q: &str, m: &Method, reason: impl Into<String>) -> Skipped {
        Skipped {
            callable: Some(Callable {
                params: m.params.len(),
                receiver: matches!(m.kind, MethodKind::Instance { .. }),
                constructor: m.kind == MethodKind::Constructor,
            }),
            loc: m.loc.clone(),
            name: format!("{q}::{}", m.name),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped `{}`: {}", self.loc, self.name, self.reason)
    }
}

/// Everything parsed from one set of headers.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Every file the parse opened, for rerun-if-changed and depfiles.
    pub dependencies: Vec<std::path::PathBuf>,
    /// Non-fatal remarks about the environment (libclang choice, compiler query).
    pub notes: Vec<String>,
    /// What the probe learned about the compilation environment.
    pub env: Env,
}

/// Which C++ standard library the parse sees.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum StdLib {
    LibStdCxx,
    LibCxx,
    #[default]
    Unknown,
}

impl StdLib {
    pub fn name(self) -> &'static str {
        match self {
            StdLib::LibStdCxx => "libstdc++",
            StdLib::LibCxx => "libc++",
            StdLib::Unknown => "unknown standard library",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Env {
    pub stdlib: StdLib,
    /// The target authenticates pointers (arm64e): polymorphic types need fix-ups on relocation.
    pub ptrauth: bool,
    /// libclang's major version.
    pub clang_major: u32,
}

impl Model {
    pub fn skip(&mut self, item: &Item, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            callable: None,
            loc: item.loc.clone(),
            name: item.qualified(),
            reason: reason.into(),
        });
    }
}
