#pragma once
#ifndef SHAPE_SLOTS
#error "SHAPE_SLOTS comes from the shapes target"
#endif

namespace shapes {
struct Slots {
    int v[SHAPE_SLOTS];
};
int count(const Slots& s);
}  // namespace shapes
