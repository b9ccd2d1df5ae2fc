// relocxx.hpp — the C++ half of the relocxx runtime, included by every generated shim.
// C++17; compiles with g++ and clang++.
#ifndef RELOCXX_RELOCXX_HPP
#define RELOCXX_RELOCXX_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>
#include <type_traits>
#include <utility>

// RELOCXX_RELOCATABLE — put it in a class head to promise that the class is trivially
// relocatable (a memcpy to a new address, the old bytes forgotten, is a valid move+destroy):
//     class RELOCXX_RELOCATABLE Handle { ... };
// relocxx's parser recognises the token; compilers see an annotation clang ignores, and
// nothing at all on other compilers (so g++ never warns about an unknown attribute).
#if defined(__clang__)
#define RELOCXX_RELOCATABLE [[clang::annotate("relocxx_relocatable")]]
#else
#define RELOCXX_RELOCATABLE
#endif

namespace relocxx {

// After Rust relocates an object (memcpy to a new address), C++ must see a live object at the
// new address before using it. This is the hook for WG21 P3858 `std::restart_lifetime`: use
// the standard facility where the library provides one; otherwise (targets whose relocation
// needs no fix-ups, i.e. no pointer authentication) launder the pointer, which compiles to
// nothing.
template <class T>
inline T* restart_lifetime(T* p) noexcept {
#if defined(__cpp_lib_restart_lifetime)
    return std::restart_lifetime<T>(p);
#else
    return std::launder(p);
#endif
}

template <class T>
inline T const* restart_lifetime(T const* p) noexcept {
    return restart_lifetime(const_cast<T*>(p));
}

namespace detail {

// Called from the catch block of a thunk: a C++ exception must never unwind into Rust (that
// is undefined behaviour), so report it with its what() text and abort.
[[noreturn]] inline void abort_on_exception(const char* function) noexcept {
    try {
        throw;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "relocxx: C++ exception escaped `%s`: %s\n", function, e.what());
    } catch (...) {
        std::fprintf(stderr, "relocxx: C++ exception of unknown type escaped `%s`\n", function);
    }
    std::fflush(stderr);
    std::abort();
}

// Called from the catch block of a `fallible!` thunk: hands the what() text to Rust, which
// returns it as Err(relocxx::Exception).
inline void report_exception(void* err, void (*set_err)(void*, char const*, std::size_t)) noexcept {
    try {
        throw;
    } catch (const std::exception& e) {
        const char* what = e.what();
        set_err(err, what, std::strlen(what));
    } catch (...) {
        static const char unknown[] = "C++ exception of unknown type";
        set_err(err, unknown, sizeof unknown - 1);
    }
}

// relocxx::CppString is the owned Rust handle of a std::string. Where the library's string is
// relocatable (libc++) the handle *is* the string, held by value; elsewhere (libstdc++, whose
// small-string buffer points into the object) the handle owns a heap-allocated string. These
// three helpers are the only code that knows which; the runtime and every shim use them.
#if defined(_LIBCPP_VERSION)
inline std::string* string_object(void* handle) noexcept { return static_cast<std::string*>(handle); }
inline void string_emplace(void* handle, std::string&& s) { ::new (handle) std::string(std::move(s)); }
inline void string_release(void* handle) noexcept { static_cast<std::string*>(handle)->~basic_string(); }
#else
inline std::string* string_object(void* handle) noexcept { return *static_cast<std::string**>(handle); }
inline void string_emplace(void* handle, std::string&& s) { *static_cast<std::string**>(handle) = new std::string(std::move(s)); }
inline void string_release(void* handle) noexcept { delete *static_cast<std::string**>(handle); }
#endif
// A `const std::string` returned by value cannot be moved from: copy it.
inline void string_emplace(void* handle, const std::string& s) { string_emplace(handle, std::string(s)); }

// A std::string Rust handed over by value: released once the call that moved from it returns.
struct string_param {
    void* handle;
    std::string& get() noexcept { return *string_object(handle); }
    ~string_param() { string_release(handle); }
};

// A std::string_view handed to Rust, which sees it as &[u8] borrowing what it came from.
struct raw_view {
    char const* data;
    std::size_t len;
};
inline void store_view(raw_view* out, std::string_view v) noexcept {
    out->data = v.data();
    out->len = v.size();
}

// A std::span handed to Rust as a borrowed slice.
struct raw_span {
    void* data;
    std::size_t len;
};
template <class Span>
inline void store_span(raw_span* out, Span s) noexcept {
    out->data = const_cast<void*>(static_cast<const void*>(s.data()));
    out->len = s.size();
}

// Destroys an object Rust handed over by value, once the call that moved from it returns.
template <class T>
struct destroy_on_exit {
    T* object;
    ~destroy_on_exit() { object->~T(); }
};

// `T[N]` as a name, so `array_t<T, N>*` and `array_t<T, N> const&` spell pointers and
// references to arrays (declarator syntax would need the parameter name inside).
template <class T, std::size_t N>
using array_t = T[N];

// A class's own allocation functions, as `new T` / `delete p` would pick them for one object
// (CppBox of a class that declares `operator new`). Qualified lookup `T::operator new` finds
// the class's (or a base's) functions only; deallocation prefers the unsized class form, then
// the sized one, then the global one (a class may declare `operator new` alone).
template <class T, class = void>
struct has_aligned_class_new : std::false_type {};
template <class T>
struct has_aligned_class_new<
    T, std::void_t<decltype(T::operator new(sizeof(T), std::align_val_t(alignof(T))))>>
    : std::true_type {};
template <class T, class = void>
struct has_aligned_class_delete : std::false_type {};
template <class T>
struct has_aligned_class_delete<
    T, std::void_t<decltype(T::operator delete(static_cast<void*>(nullptr),
                                               std::align_val_t(alignof(T))))>>
    : std::true_type {};

template <class T>
constexpr bool over_aligned = alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;

template <class T>
void* class_new() {
    void* p;
    // An over-aligned class: `new T` prefers the class's `align_val_t` form.
    if constexpr (over_aligned<T> && has_aligned_class_new<T>::value) {
        p = T::operator new(sizeof(T), std::align_val_t(alignof(T)));
    } else {
        p = T::operator new(sizeof(T));
    }
    if (reinterpret_cast<std::uintptr_t>(p) % alignof(T) != 0) {
        std::fputs("relocxx: a class-specific operator new returned misaligned memory\n", stderr);
        std::abort();
    }
    return p;
}

template <class T, class = void>
struct has_class_delete : std::false_type {};
template <class T>
struct has_class_delete<T, std::void_t<decltype(T::operator delete(static_cast<void*>(nullptr)))>>
    : std::true_type {};
template <class T, class = void>
struct has_sized_class_delete : std::false_type {};
template <class T>
struct has_sized_class_delete<
    T, std::void_t<decltype(T::operator delete(static_cast<void*>(nullptr), sizeof(T)))>>
    : std::true_type {};

template <class T>
void class_delete(void* p) noexcept {
    if constexpr (over_aligned<T> && has_aligned_class_new<T>::value &&
                  has_aligned_class_delete<T>::value) {
        T::operator delete(p, std::align_val_t(alignof(T)));
    } else if constexpr (has_class_delete<T>::value) {
        T::operator delete(p);
    } else if constexpr (has_sized_class_delete<T>::value) {
        T::operator delete(p, sizeof(T));
    } else {
        ::operator delete(p);
    }
}

}  // namespace detail
}  // namespace relocxx

#endif  // RELOCXX_RELOCXX_HPP
