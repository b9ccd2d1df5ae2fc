// The C++ half of relocxx's standard-library types (CppString, CppStr, CppVector of builtins
// and strings). Compiled by runtime/build.rs with the same compiler and flags as the rest of
// the program (CXX, CXXFLAGS), so it sees the same standard library.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "relocxx/relocxx.hpp"

using relocxx::detail::string_emplace;
using relocxx::detail::string_object;
using relocxx::detail::string_release;

static_assert(sizeof(std::vector<int>) == 3 * sizeof(void*), "relocxx: CppVector assumes a three-pointer std::vector");
#if defined(_LIBCPP_VERSION)
static_assert(sizeof(std::string) == 3 * sizeof(void*), "relocxx: CppString assumes a three-word libc++ string");
#endif

extern "C" {

// --- std::string behind &CppStr (a pointer to the string object itself) -------------------
std::size_t relocxx_0_1_str_len(const std::string* s) noexcept { return s->size(); }
const char* relocxx_0_1_str_data(const std::string* s) noexcept { return s->data(); }
void relocxx_0_1_str_append(std::string* s, const char* data, std::size_t len) noexcept { s->append(data, len); }
void relocxx_0_1_str_clear(std::string* s) noexcept { s->clear(); }
std::size_t relocxx_0_1_str_capacity(const std::string* s) noexcept { return s->capacity(); }
bool relocxx_0_1_str_reserve(std::string* s, std::size_t n) noexcept {
    if (n > s->max_size()) return false;
    s->reserve(n);
    return true;
}

// --- CppString handles --------------------------------------------------------------------
void relocxx_0_1_string_new(void* handle, const char* data, std::size_t len) noexcept {
    string_emplace(handle, std::string(data, len));
}
void relocxx_0_1_string_clone(void* handle, const std::string* from) noexcept { string_emplace(handle, std::string(*from)); }
void relocxx_0_1_string_drop(void* handle) noexcept { string_release(handle); }
std::string* relocxx_0_1_string_object(void* handle) noexcept { return string_object(handle); }

// --- std::vector<T> for builtin T ----------------------------------------------------------
// Each operation the Rust side's `VectorElement` / `VectorClone` needs, for one element type.
#define RELOCXX_VECTOR(NAME, T)                                                                   \
    void relocxx_0_1_vector_##NAME##_new(std::vector<T>* out) noexcept { ::new (out) std::vector<T>(); } \
    void relocxx_0_1_vector_##NAME##_drop(std::vector<T>* v) noexcept { v->~vector(); }                \
    std::size_t relocxx_0_1_vector_##NAME##_len(const std::vector<T>* v) noexcept { return v->size(); } \
    std::size_t relocxx_0_1_vector_##NAME##_capacity(const std::vector<T>* v) noexcept {               \
        return v->capacity();                                                                     \
    }                                                                                             \
    bool relocxx_0_1_vector_##NAME##_reserve(std::vector<T>* v, std::size_t n) noexcept {              \
        if (n > v->max_size()) return false;                                                      \
        v->reserve(n);                                                                            \
        return true;                                                                              \
    }                                                                                             \
    const T* relocxx_0_1_vector_##NAME##_data(const std::vector<T>* v) noexcept { return v->data(); }  \
    void relocxx_0_1_vector_##NAME##_push(std::vector<T>* v, T* value) noexcept { v->push_back(*value); } \
    void relocxx_0_1_vector_##NAME##_pop(std::vector<T>* v, T* out) noexcept {                         \
        *out = v->back();                                                                         \
        v->pop_back();                                                                            \
    }                                                                                             \
    void relocxx_0_1_vector_##NAME##_truncate(std::vector<T>* v, std::size_t len) noexcept {           \
        while (v->size() > len) v->pop_back();                                                    \
    }                                                                                             \
    void relocxx_0_1_vector_##NAME##_clone(std::vector<T>* out, const std::vector<T>* from) noexcept { \
        ::new (out) std::vector<T>(*from);                                                        \
    }

RELOCXX_VECTOR(i8, std::int8_t)
RELOCXX_VECTOR(i16, std::int16_t)
RELOCXX_VECTOR(i32, std::int32_t)
RELOCXX_VECTOR(i64, std::int64_t)
RELOCXX_VECTOR(u8, std::uint8_t)
RELOCXX_VECTOR(u16, std::uint16_t)
RELOCXX_VECTOR(u32, std::uint32_t)
RELOCXX_VECTOR(u64, std::uint64_t)
RELOCXX_VECTOR(f32, float)
RELOCXX_VECTOR(f64, double)

// --- std::vector<std::string>: elements are string objects (&CppStr), pushes take handles ---
void relocxx_0_1_vector_string_new(std::vector<std::string>* out) noexcept { ::new (out) std::vector<std::string>(); }
void relocxx_0_1_vector_string_drop(std::vector<std::string>* v) noexcept { v->~vector(); }
std::size_t relocxx_0_1_vector_string_len(const std::vector<std::string>* v) noexcept { return v->size(); }
const std::string* relocxx_0_1_vector_string_get(const std::vector<std::string>* v, std::size_t i) noexcept { return &(*v)[i]; }
void relocxx_0_1_vector_string_push(std::vector<std::string>* v, void* handle) noexcept {
    v->push_back(std::move(*string_object(handle)));
    string_release(handle);
}
std::size_t relocxx_0_1_vector_string_capacity(const std::vector<std::string>* v) noexcept { return v->capacity(); }
bool relocxx_0_1_vector_string_reserve(std::vector<std::string>* v, std::size_t n) noexcept {
    if (n > v->max_size()) return false;
    v->reserve(n);
    return true;
}
void relocxx_0_1_vector_string_pop(std::vector<std::string>* v, void* handle) noexcept {
    string_emplace(handle, std::move(v->back()));
    v->pop_back();
}
void relocxx_0_1_vector_string_truncate(std::vector<std::string>* v, std::size_t len) noexcept {
    while (v->size() > len) v->pop_back();
}
void relocxx_0_1_vector_string_clone(std::vector<std::string>* out, const std::vector<std::string>* from) noexcept {
    ::new (out) std::vector<std::string>(*from);
}

// --- std::unique_ptr<T> for builtin T and std::string -----------------------------------------
#define RELOCXX_UNIQUE(NAME, T)                                                                        \
    void relocxx_0_1_unique_##NAME##_drop(std::unique_ptr<T>* p) noexcept { p->~unique_ptr(); }            \
    T* relocxx_0_1_unique_##NAME##_get(const std::unique_ptr<T>* p) noexcept { return p->get(); }          \
    void relocxx_0_1_unique_##NAME##_from(std::unique_ptr<T>* out, T* raw) noexcept {                       \
        ::new (out) std::unique_ptr<T>(raw);                                                          \
    }                                                                                                 \
    T* relocxx_0_1_unique_##NAME##_release(std::unique_ptr<T>* p) noexcept { return p->release(); }

RELOCXX_UNIQUE(i8, std::int8_t)
RELOCXX_UNIQUE(i16, std::int16_t)
RELOCXX_UNIQUE(i32, std::int32_t)
RELOCXX_UNIQUE(i64, std::int64_t)
RELOCXX_UNIQUE(u8, std::uint8_t)
RELOCXX_UNIQUE(u16, std::uint16_t)
RELOCXX_UNIQUE(u32, std::uint32_t)
RELOCXX_UNIQUE(u64, std::uint64_t)
RELOCXX_UNIQUE(f32, float)
RELOCXX_UNIQUE(f64, double)
RELOCXX_UNIQUE(bool, bool)
RELOCXX_UNIQUE(string, std::string)

}  // extern "C"
