//! C++ declared in Rust with include_cpp!; the build script generates what the block asks for.

relocxx::include_cpp! {
    #include "inventory.h"
    name!(inventory)
    allow!("inv::.*")
    fallible!("inv::Stock::add")
}

use inventory::inv::Stock;

fn main() {
    // Stock holds a std::vector: relocatable by composition, so it lives by value in a Vec.
    let mut shelves: Vec<Stock> = (1..=3).map(Stock::new).collect();
    for (i, shelf) in shelves.iter_mut().enumerate() {
        for item in 0..=i as i32 {
            shelf.add(item * 10).expect("room on the shelf");
        }
    }
    let err = shelves[0].add(99).unwrap_err();
    println!("adding to a full shelf: Err({err})");
    for (i, s) in shelves.iter().enumerate() {
        println!("shelf {i}: {} items, total {}", s.count(), s.total());
    }
    assert_eq!(err.what(), "stock is full (capacity 1)");
    assert_eq!(shelves.iter().map(Stock::total).sum::<i32>(), 0 + 10 + 30);
    println!("ok");
}
