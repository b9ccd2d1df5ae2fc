// C++ calling the Rust of src/lib.rs through the generated stats_rs.h: every mapped form.
// Each `export_test_*` returns its number of failed checks (printed to stderr);
// tests/export.rs runs them.
#include "stats_rs.h"

#include <array>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {
int failures = 0;
#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                       \
        }                                                                     \
    } while (0)

template <class E, class F>
std::string thrown(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    } catch (...) {
        return "<another exception>";
    }
    return "<nothing thrown>";
}

int done() {
    int n = failures;
    failures = 0;
    return n;
}
}  // namespace

extern "C" int export_test_numbers_and_plain_data() {
    std::vector<double> xs{1, 2, 3, 4};
    stats::Summary s = stats::summarize(xs);
    CHECK(s.count == 4 && s.mean == 2.5);
    std::array<double, 2> arr{10, 20};
    CHECK(stats::summarize(arr).mean == 15);
    CHECK(stats::summarize({}).count == 0);  // an empty slice (null data)
    stats::Segment seg{{1, 2}, {4, 6}, true};
    CHECK(stats::length2(seg) == 25);
    seg.visible = false;
    CHECK(stats::length2(seg) == -1);
    std::vector<stats::Point> pts{{0, 0}, {2, 4}, {4, 8}};
    std::optional<stats::Point> c = stats::centroid(pts);
    CHECK(c.has_value() && *c == (stats::Point{2, 4}));
    CHECK(!stats::centroid({}).has_value());
    CHECK(stats::checked_div(7, 2) == 3);
    bool flags[] = {true, false, false};
    CHECK(stats::delete_(flags) == 2);
    CHECK(stats_rs_version() == 12);
    return done();
}

extern "C" int export_test_strings() {
    relocxx::rust::String g = stats::greet("C++");
    CHECK(g == "hello, C++");
    std::string name = "world";
    CHECK(stats::greet(name).str() == "hello, world");
    CHECK(std::string(stats::greet(std::string_view("view"))) == "hello, view");
    CHECK(stats::shout("quiet") == "QUIET!");
    relocxx::rust::String moved = std::move(g);
    CHECK(moved.size() == 10 && g.empty());
    std::optional<relocxx::rust::String> w = stats::first_word("  alpha beta");
    CHECK(w.has_value() && *w == "alpha");
    CHECK(!stats::first_word("   ").has_value());
    // Text Rust cannot take: invalid UTF-8 is refused, as an exception naming the argument.
    std::string bad = "a\xff";
    CHECK(thrown<relocxx::rust::Error>([&] { stats::greet(bad); })
              .find("argument `name`: not valid UTF-8") != std::string::npos);
    return done();
}

extern "C" int export_test_slices_and_vectors() {
    std::vector<double> xs{1, 2, 3};
    stats::scale(xs, 2);
    CHECK(xs[0] == 2 && xs[1] == 4 && xs[2] == 6);
    relocxx::rust::Vec<std::uint32_t> ev = stats::evens(4);
    CHECK(ev.size() == 4 && ev[3] == 6);
    std::vector<std::uint32_t> copy = ev.to_vector();
    CHECK(copy == (std::vector<std::uint32_t>{0, 2, 4, 6}));
    CHECK(stats::evens(0).empty());
    std::vector<std::int64_t> vs{5, 6, 7};
    CHECK(stats::total(vs) == 18);
    std::vector<std::uint8_t> bytes(3);
    CHECK(stats::fill(bytes, 7) == 3 && bytes[2] == 7);
    std::vector<std::int32_t> dst{1, 1}, src{2, 3};
    stats::add_into(dst, src);
    CHECK(dst[0] == 3 && dst[1] == 4);
    // The same vector as both arguments: Rust would get a `&mut` aliasing a `&`.
    CHECK(thrown<relocxx::rust::Error>([&] { stats::add_into(dst, dst); })
              .find("overlaps another argument") != std::string::npos);
    CHECK(dst[0] == 3);
    return done();
}

extern "C" int export_test_options_and_enums() {
    CHECK(stats::half(8) == std::optional<std::int64_t>(4));
    CHECK(!stats::half(7).has_value());
    CHECK(!stats::half(std::nullopt).has_value());
    CHECK(stats::next_color(stats::Color::Red) == stats::Color::Green);
    CHECK(stats::next_color(stats::Color::Green) == stats::Color::Blue);
    CHECK(static_cast<int>(stats::Color::Blue) == 10);
    CHECK(thrown<relocxx::rust::Error>([] { stats::next_color(static_cast<stats::Color>(3)); })
              .find("3 is not a value of enum `Color`") != std::string::npos);
    return done();
}

extern "C" int export_test_errors_and_panics() {
    CHECK(stats::parse_count(" 42 ") == 42);
    CHECK(thrown<relocxx::rust::Error>([] { stats::parse_count("many"); }) ==
          "not a count: \"many\"");
    stats::require_positive(1);
    CHECK(thrown<relocxx::rust::Error>([] { stats::require_positive(-3); }) ==
          "-3 is not positive");
    // A panic: a distinct exception type, and the process goes on.
    CHECK(thrown<relocxx::rust::Panic>([] { stats::checked_div(1, 0); }) ==
          "division of 1 by zero");
    CHECK(stats::checked_div(9, 3) == 3);
    return done();
}

extern "C" int export_test_methods_and_display() {
    stats::Point p = stats::Point::new_(3, -4);
    CHECK(p.x == 3 && p.y == -4);
    CHECK(p.manhattan() == 7);
    p.translate(1, 1);
    CHECK(p == (stats::Point{4, -3}));
    const stats::Point q = p;
    CHECK(q.swapped() == (stats::Point{-3, 4}));
    CHECK(q == p);  // by value: the C++ object is unchanged
    CHECK(stats::to_string(p) == "(4, -3)");
    std::ostringstream os;
    os << p << " " << stats::Color::Blue;
    CHECK(os.str() == "(4, -3) blue");
    stats::Point by{1, 2};
    stats::nudge(p, by);
    CHECK(p == (stats::Point{5, -1}));
    CHECK(thrown<relocxx::rust::Error>([&] { stats::nudge(p, p); })
              .find("overlaps another argument") != std::string::npos);
    return done();
}

// An opaque Rust type whose layout the attribute states (the header is written by build.rs,
// before rustc runs): held by value in C++, moved as bytes, dropped exactly once.
extern "C" int export_test_opaque_with_stated_layout() {
    static_assert(sizeof(stats::Samples) == 24 && alignof(stats::Samples) == 8);
    const std::size_t before = stats::Samples::dropped();
    {
        std::vector<stats::Samples> all;
        for (int i = 0; i < 100; ++i) {
            stats::Samples s(i);
            s.push(i + 2.0);
            all.push_back(std::move(s));  // the moved-from `s` is None: no drop
        }
        CHECK(stats::Samples::dropped() == before);
        CHECK(all[10].len() == 2 && all[10].mean() == 11.0);
        stats::Samples copy = all[3];  // derived Clone: the copy constructor
        CHECK(copy == all[3]);
        copy.push(100.0);
        CHECK(!(copy == all[3]));
        stats::Samples m = stats::merged(std::move(copy), all[0]);  // `copy` moved into Rust
        CHECK(m.len() == 5);
        CHECK(thrown<relocxx::rust::Error>([&] { (void)copy.len(); }).find("moved") !=
              std::string::npos);
    }
    // 100 in the vector and `m` (the clone, moved into `merged` and returned as `m`).
    CHECK(stats::Samples::dropped() == before + 101);
    {
        stats::Samples one(1.0), two(2.0);
        two.push(3.0);
        std::optional<stats::Samples> got = stats::longer(std::move(one), std::move(two));
        CHECK(got.has_value() && got->len() == 2 && got->mean() == 2.5);
        CHECK(stats::Samples::dropped() == before + 102);  // `one`, dropped in Rust
        CHECK(!stats::longer(std::nullopt, std::nullopt).has_value());
        std::optional<stats::Samples> kept = stats::longer(std::move(got), std::nullopt);
        CHECK(kept.has_value() && kept->len() == 2);
        CHECK(thrown<relocxx::rust::Error>([&] { (void)got->len(); }).find("moved") !=
              std::string::npos);
    }
    CHECK(stats::Samples::dropped() == before + 103);
    return done();
}

// A C++ class bound by relocxx (cls::Tracked, relocatable) through Rust by value: every object
// constructed, copied or moved is destroyed exactly once (live count back to zero), and Rust's
// relocations are not C++ moves (no extra moves beyond the wrapper's own).
extern "C" int export_test_cpp_classes_by_value() {
    auto live = [] {
        cls::Counters c = cls::counters();
        return c.constructed + c.copied + c.moved - c.destroyed;
    };
    const long before = live();
    {
        cls::Tracked a(2), b(40);
        cls::Tracked sum = stats::tracked_sum(std::move(a), b);
        CHECK(sum.value() == 42 && b.value() == 40);
        std::optional<cls::Tracked> some = stats::tracked_if(7);
        CHECK(some.has_value() && some->value() == 7);
        CHECK(!stats::tracked_if(-1).has_value());
        CHECK(stats::tracked_pair(cls::Tracked(1), stats::Color::Blue) == 11);
        // The enum is refused: the Tracked moved in is destroyed once, by whichever side has it.
        CHECK(thrown<relocxx::rust::Error>([] {
                  (void)stats::tracked_pair(cls::Tracked(1), static_cast<stats::Color>(7));
              }).find("not a value of enum") != std::string::npos);
    }
    CHECK(live() == before);
    return done();
}
