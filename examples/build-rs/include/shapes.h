// A small C++ library bound to Rust by build.rs.
#pragma once
#include <cstdint>

namespace shapes {

enum class Kind : std::uint8_t { Circle, Square };

struct Size {
    double width;
    double height;
};

double area(Kind kind, Size size);
Size scaled(Size size, double factor);
void grow(Size& size, double by);
int count(int a);
int count(int a, int b);

}  // namespace shapes
