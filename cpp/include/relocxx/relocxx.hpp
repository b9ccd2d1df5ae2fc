// relocxx.hpp — the C++ half of the relocxx runtime, included by every generated shim.
// C++17; compiles with g++ and clang++.
#ifndef RELOCXX_RELOCXX_HPP
#define RELOCXX_RELOCXX_HPP

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace relocxx {
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

}  // namespace detail
}  // namespace relocxx

#endif  // RELOCXX_RELOCXX_HPP
