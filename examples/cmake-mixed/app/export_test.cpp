// The Rust -> C++ mapping seen from C++ (issue #12): an opaque Rust type held by value in C++
// objects and containers, with exact Drop counts; errors as exceptions; moved-from objects.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "geometry_rs.h"

namespace {
int failures = 0;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)
}  // namespace

int main() {
    using geometry_rs::Histogram;
    const std::size_t dropped0 = geometry_rs::histograms_dropped();
    {
        Histogram h(3);  // Rust's `fn new`
        h.add(1);
        h.add(1);
        CHECK(h.total() == 2 && h.count(1) == 2);
        CHECK(geometry_rs::to_string(h) == "histogram[0, 2, 0]");
        bool threw = false;
        try {
            h.add(7);
        } catch (const relocxx::rust::Error& e) {
            threw = std::string(e.what()) == "bin 7 out of range 0..3";
        }
        CHECK(threw);

        // Moves are byte copies: the source is left moved-from, and using it throws.
        Histogram moved = std::move(h);
        CHECK(moved.total() == 2);
        threw = false;
        try {
            (void)h.total();
        } catch (const relocxx::rust::Error& e) {
            threw = std::string(e.what()).find("moved from") != std::string::npos;
        }
        CHECK(threw);

        // A growing std::vector relocates its elements: Drop still runs exactly once each.
        std::vector<Histogram> many;
        for (int i = 0; i < 100; ++i) {
            many.push_back(Histogram(2));
            many.back().add(i % 2);
        }
        std::uint64_t sum = 0;
        for (const Histogram& x : many) sum += x.total();
        CHECK(sum == 100);
        CHECK(geometry_rs::histograms_dropped() == dropped0);  // nothing dropped yet

        Histogram copy = moved;  // Clone
        copy.add(0);
        CHECK(copy.total() == 3 && moved.total() == 2);
        Histogram both = geometry_rs::merged(copy, moved);
        CHECK(both.count(1) == 4 && both.count(0) == 1);
        // derive(PartialEq, PartialOrd): the operators ask Rust.
        Histogram same = copy;
        CHECK(same == copy && !(same != copy) && moved != copy);
        CHECK(moved < copy && copy > moved && moved <= copy && copy >= copy);
        // Box<Histogram> in and out: the value itself (the argument is moved into Rust).
        Histogram summed = geometry_rs::boxed_sum(Histogram(copy));
        CHECK(summed.count(0) == 3 && summed.total() == 3);
        relocxx::rust::Vec<std::uint32_t> counts = std::move(both).into_counts();
        CHECK(counts.size() == 3 && counts[1] == 4);
        // `both` went into Rust and was dropped there; so was boxed_sum's argument.
        CHECK(geometry_rs::histograms_dropped() == dropped0 + 2);
    }
    // 100 in the vector, `moved`, `copy`, `same`, `summed`, plus the 2 above: 106 values.
    CHECK(geometry_rs::histograms_dropped() == dropped0 + 106);
    // C++ classes of the bridge passed back into Rust by reference.
    geo::Vec v = geo::filled(2);
    geometry_rs::scale_vec(v, 2);
    CHECK(geometry_rs::vec_sum(v) == geo::sum(v) && v.v[0] == 4 && v.v[2] == 8);
    geo::Accumulator acc;
    acc.add(v);
    CHECK(geometry_rs::accumulated(acc) == acc.total());
    std::printf("export mapping: %s (%d failures)\n", failures == 0 ? "ok" : "FAILED", failures);
    return failures == 0 ? 0 : 1;
}
