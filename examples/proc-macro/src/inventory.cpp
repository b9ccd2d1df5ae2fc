#include "inventory.h"

#include <numeric>
#include <stdexcept>

namespace inv {
Stock::Stock(int capacity) : capacity_(capacity) {}
void Stock::add(int item) {
    if (count() >= capacity_) throw std::out_of_range("stock is full (capacity " + std::to_string(capacity_) + ")");
    items_.push_back(item);
}
int Stock::total() const { return std::accumulate(items_.begin(), items_.end(), 0); }
}  // namespace inv
