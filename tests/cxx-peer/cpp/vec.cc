#include "vec.h"

#include <cstddef>
#include <numeric>

namespace peer {

std::vector<int> iota(int n) {
    std::vector<int> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

std::unique_ptr<std::vector<int>> iota_boxed(int n) {
    return std::make_unique<std::vector<int>>(iota(n));
}

}  // namespace peer
