// The C++ loops of benches/call.rs: `n` calls into Rust through the generated wrapper, and
// through a plain `extern "C"` declaration. Alone in its translation unit.
#include "stats_rs.h"

extern "C" std::uint64_t stats_plain_bump(std::uint64_t x) noexcept;

extern "C" std::uint64_t export_bench_wrapped(std::uint64_t n) {
    std::uint64_t acc = 0;
    for (std::uint64_t i = 0; i < n; ++i) acc = stats::bump(acc);
    return acc;
}

extern "C" std::uint64_t export_bench_plain(std::uint64_t n) {
    std::uint64_t acc = 0;
    for (std::uint64_t i = 0; i < n; ++i) acc = stats_plain_bump(acc);
    return acc;
}
