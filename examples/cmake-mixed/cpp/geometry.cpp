#include "geometry.h"

namespace geo {
int dims() { return GEO_DIMS; }
Vec filled(double value) {
    Vec r{};
    for (int i = 0; i < GEO_DIMS; ++i) r.v[i] = value + i;
    return r;
}
double sum(const Vec& a) {
    double s = 0;
    for (int i = 0; i < GEO_DIMS; ++i) s += a.v[i];
    return s;
}
Accumulator::Accumulator() : total_(0), count_(0) {}
void Accumulator::add(const Vec& a) { total_ += sum(a); ++count_; }
double Accumulator::total() const { return total_; }
}  // namespace geo
