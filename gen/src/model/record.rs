//! Records (structs and classes): layout, members, the facts the relocatability classifier
//! needs, and the verdict it reaches.

use super::{Borrows, Loc, Param, Skipped, Type};

/// How a record is represented in Rust; decided by `analyze::relocatability`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Repr {
    /// Plain data: `#[repr(C)]` with public fields, `Copy`.
    Pod,
    /// Opaque storage held by value; a Rust move (memcpy) is a C++ relocation.
    Relocatable,
    /// Opaque storage that never moves once constructed (`!Unpin`, built in place).
    Pinned,
}

/// Which of the classifier's sources decided (DESIGN §4, in order).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Source {
    User,
    Marker,
    Compiler,
    StdTable,
    Composition,
    /// None of the above proved relocation safe.
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::User => "user",
            Source::Marker => "marker",
            Source::Compiler => "compiler",
            Source::StdTable => "std-table",
            Source::Composition => "composition",
            Source::Default => "default",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub repr: Repr,
    pub source: Source,
    pub reason: String,
    /// A compiler trait expression that must hold, re-checked by the shim (e.g.
    /// `__is_trivially_relocatable(::T)`), with the `__has_builtin` guard it needs, if any.
    pub trait_check: Option<(String, Option<String>)>,
    /// The user's `relocatable` promise contradicts what the classifier proved (a member that
    /// is known not to survive a memcpy): said as a build warning and by `inspect`.
    pub warning: Option<String>,
}

/// A relocation marker written on the declaration.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    TrivialAbi,
    /// P1144 `[[trivially_relocatable]]`.
    P1144,
    /// C++26-draft (P2786) `trivially_relocatable_if_eligible`.
    P2786,
    /// `RELOCXX_RELOCATABLE` from relocxx.hpp.
    Relocxx,
}

impl Marker {
    pub fn spelling(self) -> &'static str {
        match self {
            Marker::TrivialAbi => "[[clang::trivial_abi]]",
            Marker::P1144 => "[[trivially_relocatable]]",
            Marker::P2786 => "trivially_relocatable_if_eligible",
            Marker::Relocxx => "RELOCXX_RELOCATABLE",
        }
    }
}

/// What a data member or base is, as far as relocation is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberType {
    /// Scalars, enums, pointers to members: relocated by memcpy.
    Trivial,
    /// Raw pointers and references: relocated by memcpy, and may point at memory the object
    /// does not own (`analyze::borrows`).
    Indirect,
    /// A user record, by qualified name.
    Record(String),
    /// A standard-library class template specialization, by template name without inline
    /// namespaces (`std::vector`), with its type arguments.
    Std {
        template: String,
        args: Vec<MemberType>,
    },
    /// A standard-library or system class that is not a template (`std::mutex`).
    StdClass(String),
    Array(Box<MemberType>),
    Unknown(String),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    /// The field's documentation comment (see `Item::doc`).
    pub doc: String,
    pub ty: Type,
    pub offset: u64,
    /// Rust identifier (keyword-escaped), set by `analyze::naming`.
    pub rust_name: String,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Constructor,
    Instance { is_const: bool },
    Static,
}

/// Operators with a Rust counterpart; others are skipped at parse time with a reason.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Operator {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Index,
}

#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    /// libclang's display name, `get(int) const`-less form `get(int)`, for `rename` keys.
    pub display: String,
    pub params: Vec<Param>,
    pub ret: Type,
    pub kind: MethodKind,
    pub noexcept: bool,
    /// `fallible!`: set by `analyze::signatures`.
    pub fallible: bool,
    pub op: Option<Operator>,
    pub loc: Loc,
    /// The documentation comment (see `Item::doc`).
    pub doc: String,
    /// Set by `analyze::naming`.
    pub rust_name: String,
    /// Set by `analyze::borrows`.
    pub borrows: Borrows,
    /// The `_with_defaults` variant (see `Function::with_defaults`).
    pub with_defaults: bool,
    /// See `Function::omitted_borrows`.
    pub omitted_borrows: Vec<String>,
    /// Marked deprecated in C++ (see `Function::deprecated`).
    pub deprecated: bool,
    /// Inherited from this public base (`analyze::bases`): callable on the derived class.
    pub inherited_from: Option<String>,
}

/// Who may name a member: what a class deriving from the record can override and call.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Public,
    Protected,
    Private,
}

/// A virtual function the record declares (any access: a derived class overrides private
/// virtuals too), as `analyze::subclass` needs it to implement the class in Rust.
#[derive(Clone, Debug)]
pub struct Virtual {
    pub name: String,
    /// `f(int)`, for messages.
    pub display: String,
    /// Name, canonical parameter types and `const` (`f(int) const`): equal for a virtual and
    /// its overriders, whatever typedefs spell them and however covariant their results.
    pub key: String,
    pub is_const: bool,
    pub pure: bool,
    pub access: Access,
    /// Declared `final`: no override possible.
    pub is_final: bool,
    pub loc: Loc,
    /// The signature, or why it cannot be represented.
    pub method: Result<Method, String>,
}

/// The C++ interface a Rust type can implement (`subclass!`), decided by `analyze::subclass`.
#[derive(Clone, Debug, Default)]
pub struct Interface {
    /// The overridable virtuals (own and inherited, final overriders only), named for the
    /// Rust trait; `Method::inherited_from` names the class that declares the one overridden.
    pub methods: Vec<InterfaceMethod>,
    /// Why implementing it is a promise Rust cannot check (`analyze::upcall_safety`): the
    /// trait is then `unsafe trait`, with this as its `# Safety` text.
    pub unsafe_impl: Option<String>,
}

#[derive(Clone, Debug)]
pub struct InterfaceMethod {
    /// The signature; `rust_name` is the trait method's name.
    pub method: Method,
    pub pure: bool,
    /// Qualified name of the class that declares it (whose implementation a default calls).
    pub declared_in: String,
    /// How each parameter and the result cross when C++ calls the Rust implementation.
    pub params: Vec<UpParam>,
    pub ret: UpRet,
    /// Why calling the C++ implementation (`<name>_base`, and the default forwarding to it) is
    /// a promise (`analyze::upcall_safety`): both are then `unsafe fn`.
    pub unsafe_call: Option<String>,
    /// The trait method calling the C++ implementation (`<name>_base`, unless a virtual
    /// already has that name); empty for pure virtuals.
    pub base_name: String,
}

/// How an argument of a C++ -> Rust call (a virtual implemented in Rust) reaches Rust.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UpParam {
    /// Scalars, enums, raw pointers: the same value.
    Value,
    /// A reference: C++ passes the address; Rust sees `&T`, `&mut T` or `Pin<&mut T>`.
    Ref { is_const: bool, pinned: bool },
    /// A `T&` that may be a base subobject sharing its tail padding (`Record::tail_shared`):
    /// Rust sees `*mut T`, never a `&mut T`.
    RawMut,
    /// Plain data by value: C++ passes the address of its parameter, Rust copies it.
    Copy,
    /// A relocatable record by value: C++ move-constructs a temporary Rust then owns (a
    /// relocation), so C++ destroys only its moved-from parameter.
    Move,
    /// `std::string` by value: Rust gets its own `CppString` copy.
    String,
    /// `std::string_view`: Rust gets `&[u8]`.
    View,
}

/// How the result of a Rust implementation reaches C++.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UpRet {
    Void,
    /// Scalars, enums, raw pointers.
    Value,
    /// A plain-data or relocatable record: Rust writes it into C++ storage, C++ moves it out.
    Out,
    /// `std::string`: Rust writes a `CppString` handle, C++ moves the string out of it.
    String,
}

/// An unambiguous public ancestor of a record (`analyze::bases`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ancestor {
    pub name: String,
    /// Has virtual functions: a `dynamic_cast` back is possible.
    pub polymorphic: bool,
    /// Its destructor is virtual (declared so, or inherited): deleting a derived object through
    /// it is correct, so `UniquePtr<Derived>` converts to `UniquePtr<Ancestor>`.
    pub virtual_dtor: bool,
}

/// Class-specific allocation functions (`T::operator new` / `operator delete`), declared by
/// the class or a base. A heap object of such a class must be allocated by them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassAlloc {
    /// The class itself declares an `operator new` (any access, possibly deleted).
    pub declares_new: bool,
    /// ... and one of them is public, not deleted, and takes just the size.
    pub usable_new: bool,
    /// The class itself declares an `operator delete` that is private or deleted: C++ cannot
    /// `delete` its objects (no `UniquePtr`).
    pub unusable_delete: bool,
}

/// Whether a special member the compiler may declare implicitly was written by the user.
#[derive(Clone, Debug, Default)]
pub struct UserProvided {
    pub copy_ctor: bool,
    pub move_ctor: bool,
    pub dtor: bool,
}

#[derive(Clone, Debug)]
pub struct Record {
    /// `class` or `struct`.
    pub keyword: &'static str,
    /// A function of the same name in the same scope hides the type (POSIX `struct stat` and
    /// `stat()`): C++ must spell it with its keyword (`struct ::stat`).
    pub name_hidden: bool,
    pub size: u64,
    pub align: u64,
    /// `alignas` raised the alignment above the largest field's (POD path only).
    pub explicit_align: Option<u64>,
    /// The public fields when the record is plain data whose layout `repr(C)` reproduces;
    /// otherwise why not.
    pub pod: Result<Vec<Field>, String>,
    /// Every non-static data member and base, for the composition rule.
    pub members: Vec<(String, MemberType)>,
    /// The members declared `mutable` (written by const methods too).
    pub mutable_members: Vec<String>,
    pub bases: Vec<(String, MemberType)>,
    /// Public bases that are user records: (qualified name, virtual), in declaration order.
    pub public_bases: Vec<(String, bool)>,
    /// Bases inherited `private`ly (qualified names): a class deriving from this one cannot
    /// name their members.
    pub private_bases: Vec<String>,
    /// Every unambiguous public ancestor (bases, their bases...) and whether it is
    /// polymorphic, set by `analyze::bases`: the record converts to each (`AsRef`), and from a
    /// polymorphic one back (`relocxx::Downcast`, a `dynamic_cast`).
    pub ancestors: Vec<Ancestor>,
    /// The class declares its destructor `virtual`.
    pub virtual_dtor: bool,
    pub has_virtual_bases: bool,
    pub is_polymorphic: bool,
    /// Declared `final`: never a base subobject of a larger object.
    pub is_final: bool,
    pub is_abstract: bool,
    pub user_provided: UserProvided,
    /// This class's own `operator new` (bases are looked up by `analyze`).
    pub alloc: ClassAlloc,
    pub markers: Vec<Marker>,
    pub ctors: Vec<Method>,
    pub methods: Vec<Method>,
    /// Every virtual function the class itself declares (`analyze::subclass`).
    pub virtuals: Vec<Virtual>,
    /// A class deriving from this one can be default-constructed: the record declares no
    /// constructor, or a public/protected one callable without arguments.
    pub derived_default_ctor: bool,
    /// The destructor is public (declared so, or implicit).
    pub dtor_public: bool,
    /// Set by `analyze::subclass` for a record named by `subclass!`.
    pub interface: Option<Interface>,
    /// Set by `analyze::extern_types`: another binding owns this class, under this Rust path;
    /// uses name it, nothing of the class itself is emitted here.
    pub extern_path: Option<String>,
    /// `traits` were settled from the AST (`parse::ast_traits`); the probe need not ask.
    pub traits_from_ast: bool,
    /// Members seen but not bound, reported when the record is selected.
    pub skipped_members: Vec<Skipped>,
    /// Facts from the compiler probe, filled before classification.
    pub traits: Traits,
    /// Set by `analyze::relocatability`.
    pub verdict: Option<Verdict>,
}

impl Record {
    pub fn repr(&self) -> Repr {
        self.verdict
            .as_ref()
            .map(|v| v.repr)
            .unwrap_or(Repr::Pinned)
    }

    /// A by-value class (plain data or relocatable) whose `T&` from C++ may be a base subobject
    /// or a `[[no_unique_address]]` member sharing its tail padding with other members: Rust
    /// must not get a `&mut T` to it (a swap would write all `size_of::<T>()` bytes). The
    /// probe asks the compiler (C++03-POD types never share; a struct with default member
    /// initializers may, and `final` does not prevent it for members); unknown counts as shared.
    pub fn tail_shared(&self) -> bool {
        matches!(self.repr(), Repr::Relocatable | Repr::Pod)
            && self.traits.tail_reused != Some(false)
    }
}

/// Answers of the compiler, evaluated by libclang on the probe (`parse::probe`).
/// `None` means the compiler could not answer (builtin missing in this libclang version).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Traits {
    pub trivially_copyable: Option<bool>,
    pub destructible: Option<bool>,
    pub default_constructible: Option<bool>,
    pub copy_constructible: Option<bool>,
    pub move_constructible: Option<bool>,
    /// clang `__is_trivially_relocatable` (clang >= 15).
    pub clang_trivially_relocatable: Option<bool>,
    /// clang `__builtin_is_cpp_trivially_relocatable` (clang >= 21, P2786 rules).
    pub cpp_trivially_relocatable: Option<bool>,
    /// A class deriving from it may place members in its tail padding (Itanium ABI), so a
    /// `T&` to a base subobject does not own all `sizeof(T)` bytes.
    pub tail_reused: Option<bool>,
}
