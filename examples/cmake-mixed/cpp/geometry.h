// A C++ library whose layout depends on a compile definition of its CMake target.
#pragma once
#ifndef GEO_DIMS
#error "GEO_DIMS must come from the geometry target's compile definitions"
#endif

namespace geo {

struct Vec {
    double v[GEO_DIMS];
};

int dims();
Vec filled(double value);
double sum(const Vec& a);

class Accumulator {
public:
    Accumulator();
    void add(const Vec& a);
    double total() const;
private:
    double total_;
    int count_;
};

}  // namespace geo
