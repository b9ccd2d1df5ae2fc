#include "shapes.h"
namespace shapes {
int count(const Slots& s) {
    int n = 0;
    for (int x : s.v) n += x != 0;
    return n;
}
}  // namespace shapes
