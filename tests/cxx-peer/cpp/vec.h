// The same std::vector<int> for both bridges: relocxx binds `iota` (by value); cxx cannot return
// a std::vector by value, so it binds `iota_boxed`, the same vector on the heap.
#pragma once
#include <memory>
#include <vector>

namespace peer {

// 0, 1, ..., n - 1.
std::vector<int> iota(int n);
// The same values, in a vector allocated with new.
std::unique_ptr<std::vector<int>> iota_boxed(int n);

}  // namespace peer
