// rust.hpp — the C++ side of Rust exported to C++ (`#[relocxx::export]`), included by every
// generated export header. C++17; compiles with g++ and clang++.
//
// The structs here have the layout of the runtime's ABI structs (runtime/src/export.rs):
// `Str`/`Slice` <-> `SliceAbi`/`SliceMutAbi`, `String`/`Vec` <-> `VecAbi`,
// `detail::OptionAbi` <-> `OptionAbi`. A Rust error comes back as an exception:
// `relocxx::rust::Error` for an `Err` (what() is its Display text) or an argument Rust refused
// (invalid UTF-8, an enum value naming no variant, overlapping mutable slices), and
// `relocxx::rust::Panic` for a panic, which never unwinds through C++ frames.
#ifndef RELOCXX_RUST_HPP
#define RELOCXX_RUST_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace relocxx {
namespace rust {
namespace detail {
struct ErrorBox;
}  // namespace detail
}  // namespace rust
}  // namespace relocxx

extern "C" {
std::uint8_t relocxx_0_1_rs_error_kind(const relocxx::rust::detail::ErrorBox* e) noexcept;
void relocxx_0_1_rs_error_message(const relocxx::rust::detail::ErrorBox* e, const char** ptr,
                              std::size_t* len) noexcept;
void relocxx_0_1_rs_error_free(relocxx::rust::detail::ErrorBox* e) noexcept;
void relocxx_0_1_rs_vec_free(void* ptr, std::size_t cap, std::size_t size, std::size_t align) noexcept;
}

// An exported opaque Rust type is trivially relocatable (a move copies its bytes); tell the
// compiler where it has a way. `[[clang::trivial_abi]]` also changes how clang passes the class
// by value: define RELOCXX_NO_TRIVIAL_ABI when code compiled by clang and by another compiler
// pass such objects by value to each other.
#if defined(__clang__) && !defined(RELOCXX_NO_TRIVIAL_ABI)
#define RELOCXX_EXPORT_TRIVIAL_ABI [[clang::trivial_abi]]
#else
#define RELOCXX_EXPORT_TRIVIAL_ABI
#endif
#if defined(__cpp_trivial_relocatability)
#define RELOCXX_TRIVIALLY_RELOCATABLE_IF_ELIGIBLE trivially_relocatable_if_eligible
#else
#define RELOCXX_TRIVIALLY_RELOCATABLE_IF_ELIGIBLE
#endif

namespace relocxx {
namespace rust {

namespace detail {
// Tag: construct an exported class from the bytes Rust wrote.
struct Adopt {};

// `VecAbi`: a Rust allocation as Rust hands it over (then adopted by `String` / `Vec`).
template <class T>
struct VecRaw {
    T* ptr;
    std::size_t len;
    std::size_t cap;
};
}  // namespace detail

// An `Err` returned by an exported Rust function, or an argument Rust refused.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// A panic in an exported Rust function (the Rust side stopped unwinding at the boundary).
class Panic : public std::runtime_error {
public:
    explicit Panic(const std::string& what) : std::runtime_error(what) {}
};

// `&str`: borrowed UTF-8 text (Rust checks it). Converts from every C++ string form.
struct Str {
    const char* ptr;
    std::size_t len;
    Str() noexcept : ptr(nullptr), len(0) {}
    Str(const char* s) noexcept : ptr(s), len(s ? std::strlen(s) : 0) {}
    Str(const char* s, std::size_t n) noexcept : ptr(s), len(n) {}
    Str(std::string_view s) noexcept : ptr(s.data()), len(s.size()) {}
    Str(const std::string& s) noexcept : ptr(s.data()), len(s.size()) {}
    std::string_view view() const noexcept { return {ptr, len}; }
};
static_assert(std::is_trivially_copyable<Str>::value && sizeof(Str) == 2 * sizeof(void*),
              "relocxx: rust::Str is laid out as the runtime's SliceAbi<u8>");

// `&[T]` (Slice<const T>) / `&mut [T]` (Slice<T>): borrowed contiguous elements.
template <class T>
struct Slice {
    T* ptr;
    std::size_t len;
    Slice() noexcept : ptr(nullptr), len(0) {}
    Slice(T* p, std::size_t n) noexcept : ptr(p), len(n) {}
    template <class A>
    Slice(std::vector<std::remove_const_t<T>, A>& v) noexcept : ptr(v.data()), len(v.size()) {}
    template <class A, class U = T, class = std::enable_if_t<std::is_const<U>::value>>
    Slice(const std::vector<std::remove_const_t<T>, A>& v) noexcept
        : ptr(v.data()), len(v.size()) {}
    template <std::size_t N>
    Slice(std::array<std::remove_const_t<T>, N>& a) noexcept : ptr(a.data()), len(N) {}
    template <std::size_t N, class U = T, class = std::enable_if_t<std::is_const<U>::value>>
    Slice(const std::array<std::remove_const_t<T>, N>& a) noexcept : ptr(a.data()), len(N) {}
    template <std::size_t N>
    Slice(T (&a)[N]) noexcept : ptr(a), len(N) {}
    T* data() const noexcept { return ptr; }
    std::size_t size() const noexcept { return len; }
    T* begin() const noexcept { return ptr; }
    T* end() const noexcept { return ptr + len; }
    T& operator[](std::size_t i) const noexcept { return ptr[i]; }
};

// A Rust `Vec<T>` of plain data handed to C++: owned, freed by Rust's allocator.
template <class T>
class Vec {
public:
    Vec() noexcept : ptr_(nullptr), len_(0), cap_(0) {}
    explicit Vec(detail::VecRaw<T> raw) noexcept : ptr_(raw.ptr), len_(raw.len), cap_(raw.cap) {}
    Vec(Vec&& o) noexcept : ptr_(o.ptr_), len_(o.len_), cap_(o.cap_) { o.forget(); }
    Vec& operator=(Vec&& o) noexcept {
        if (this != &o) {
            free();
            ptr_ = o.ptr_;
            len_ = o.len_;
            cap_ = o.cap_;
            o.forget();
        }
        return *this;
    }
    Vec(const Vec&) = delete;
    Vec& operator=(const Vec&) = delete;
    ~Vec() { free(); }
    const T* data() const noexcept { return ptr_; }
    T* data() noexcept { return ptr_; }
    std::size_t size() const noexcept { return len_; }
    bool empty() const noexcept { return len_ == 0; }
    const T* begin() const noexcept { return ptr_; }
    const T* end() const noexcept { return ptr_ + len_; }
    T* begin() noexcept { return ptr_; }
    T* end() noexcept { return ptr_ + len_; }
    const T& operator[](std::size_t i) const noexcept { return ptr_[i]; }
    T& operator[](std::size_t i) noexcept { return ptr_[i]; }
    std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

private:
    void free() noexcept {
        if (cap_ != 0) relocxx_0_1_rs_vec_free(ptr_, cap_, sizeof(T), alignof(T));
        forget();
    }
    void forget() noexcept {
        ptr_ = nullptr;
        len_ = 0;
        cap_ = 0;
    }
    T* ptr_;
    std::size_t len_;
    std::size_t cap_;
};

// A Rust `String` handed to C++: owned UTF-8 (the bytes of a Rust `Vec<u8>`).
class String {
public:
    String() noexcept = default;
    explicit String(detail::VecRaw<char> raw) noexcept : bytes_(raw) {}
    const char* data() const noexcept { return bytes_.data() ? bytes_.data() : ""; }
    std::size_t size() const noexcept { return bytes_.size(); }
    bool empty() const noexcept { return bytes_.empty(); }
    std::string_view view() const noexcept { return {data(), size()}; }
    std::string str() const { return std::string(data(), size()); }
    operator std::string_view() const noexcept { return view(); }
    operator std::string() const { return str(); }
    friend bool operator==(const String& a, std::string_view b) noexcept { return a.view() == b; }
    friend std::ostream& operator<<(std::ostream& os, const String& s) { return os << s.view(); }

private:
    Vec<char> bytes_;
};

namespace detail {

// `OptionAbi<A>`: a flag and the value's bytes (initialized when the flag is set).
template <class A>
struct OptionAbi {
    bool has;
    alignas(A) unsigned char value[sizeof(A)];
};

template <class X>
void destroy(X* p) noexcept {
    p->~X();
}

// How a C++ value crosses: `type` is the runtime's `Abi` layout (trivially copyable), `into`
// makes the C++ result from what Rust wrote, `from` the argument C++ passes.
template <class T>
struct Abi {
    using type = T;
    static T into(type&& a) { return static_cast<T&&>(a); }
    static type from(const T& v) { return v; }
};
template <>
struct Abi<String> {
    using type = VecRaw<char>;
    static String into(type&& a) { return String(a); }
};
template <class T>
struct Abi<Vec<T>> {
    using type = VecRaw<T>;
    static Vec<T> into(type&& a) { return Vec<T>(a); }
};
template <class T>
struct Abi<std::optional<T>> {
    using type = OptionAbi<typename Abi<T>::type>;
    static std::optional<T> into(type&& a) {
        if (!a.has) return std::nullopt;
        using Inner = typename Abi<T>::type;
        Inner* v = std::launder(reinterpret_cast<Inner*>(a.value));
        std::optional<T> out(Abi<T>::into(std::move(*v)));
        destroy(v);
        return out;
    }
    static type from(const std::optional<T>& v) {
        type a;
        a.has = v.has_value();
        if (a.has) ::new (static_cast<void*>(a.value)) typename Abi<T>::type(Abi<T>::from(*v));
        return a;
    }
};

// An `std::optional` of an exported opaque class as an argument: Rust takes the value out of
// the object inside it (leaving it moved-from), as it does for the class itself.
template <class T>
OptionAbi<T*> option_of_object(std::optional<T>& v) noexcept {
    OptionAbi<T*> a;
    a.has = v.has_value();
    if (a.has) ::new (static_cast<void*>(a.value)) T*(&*v);
    return a;
}

// A C++ class bound by relocxx passed by value to Rust: moved into storage Rust relocates the
// value out of (a Rust move; it clears `has`). Destroyed here only if Rust did not take it (an
// earlier argument was refused). Standard layout: Rust reads its address as the `OptionAbi`.
template <class T>
class Relocated {
public:
    explicit Relocated(T&& v) {
        a_.has = true;
        ::new (static_cast<void*>(a_.value)) T(static_cast<T&&>(v));
    }
    Relocated(const Relocated&) = delete;
    Relocated& operator=(const Relocated&) = delete;
    ~Relocated() {
        if (a_.has) destroy(std::launder(reinterpret_cast<T*>(a_.value)));
    }

private:
    OptionAbi<T> a_;
};

// Storage for a result Rust writes, moved out once written.
template <class T>
class Out {
public:
    using A = typename Abi<T>::type;
    Out() noexcept {}
    A* ptr() noexcept { return reinterpret_cast<A*>(bytes_); }
    T take() {
        A* a = std::launder(ptr());
        T out = Abi<T>::into(std::move(*a));
        a->~A();
        return out;
    }

private:
    alignas(A) unsigned char bytes_[sizeof(A)];
};

// Throws what an exported call reported, if it did.
inline void check(ErrorBox* e) {
    if (e == nullptr) return;
    // Freed however this leaves (copying the message may throw `bad_alloc`).
    struct Free {
        ErrorBox* e;
        ~Free() { relocxx_0_1_rs_error_free(e); }
    } guard{e};
    const char* p = nullptr;
    std::size_t n = 0;
    relocxx_0_1_rs_error_message(e, &p, &n);
    std::string what(p, n);
    if (relocxx_0_1_rs_error_kind(e) == 1) throw Panic(what);
    throw Error(what);
}

}  // namespace detail
}  // namespace rust
}  // namespace relocxx

#endif  // RELOCXX_RUST_HPP
