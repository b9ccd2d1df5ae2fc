// A C++ program calling into the Rust crate through its generated header.
#include <cstdio>
#include <string>
#include <vector>

#include "geometry_rs.h"

int main() {
    int dims = geometry_rs::dims();
    std::vector<double> values{0, 1};
    double total = geometry_rs::total(values);  // a C++ Accumulator, driven by Rust
    std::vector<geometry_rs::Point2> pts{{0, 0}, {2, 4}};
    std::optional<geometry_rs::Point2> c = geometry_rs::centroid(pts);
    std::string text = geometry_rs::describe(total, geometry_rs::Unit::Meters);
    bool threw = false;
    try {
        geometry_rs::describe(-1, geometry_rs::Unit::Feet);
    } catch (const relocxx::rust::Error& e) {
        threw = std::string(e.what()) == "negative total -1";
    }
    std::printf("dims=%d total=%g centroid=(%g,%g) text=%s threw=%d\n", dims, total,
                c ? c->x : -1.0, c ? c->y : -1.0, text.c_str(), threw ? 1 : 0);
    bool ok = dims == 3 && total == 9.0 && c && c->x == 1 && c->y == 2 && text == "9 m" && threw;
    return ok ? 0 : 1;
}
