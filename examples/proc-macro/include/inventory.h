// A small C++ library declared to Rust with include_cpp!.
#pragma once
#include <string>
#include <vector>

namespace inv {

class Stock {
public:
    explicit Stock(int capacity);
    // Throws std::out_of_range when full.
    void add(int item);
    int count() const { return static_cast<int>(items_.size()); }
    int total() const;
private:
    std::vector<int> items_;
    int capacity_;
};

}  // namespace inv
