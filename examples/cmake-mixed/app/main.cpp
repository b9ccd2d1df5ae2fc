// A C++ program calling into the Rust crate.
#include <cstdio>

extern "C" int geometry_rs_dims();
extern "C" double geometry_rs_total();

int main() {
    int dims = geometry_rs_dims();
    double total = geometry_rs_total();
    std::printf("dims=%d total=%g\n", dims, total);
    return (dims == 3 && total == 9.0) ? 0 : 1;
}
