//! Class template specializations named with `instantiate`: `Grid<int>` -> `Grid_int`.

use relocxx_e2e::templates::tmpl;

#[test]
fn named_specializations_are_bound() {
    let mut g = tmpl::Grid_int::new(4, 3); // relocatable by composition (ints + std::vector<int>)
    g.set(1, 2, 42);
    assert_eq!(g.get(1, 2), 42);
    assert_eq!(*g.at(1, 2), 42);
    assert_eq!(tmpl::area(&g), 12);
    let grids: Vec<tmpl::Grid_int> = vec![g, tmpl::Grid_int::new(1, 1)];
    assert_eq!(grids[0].get(1, 2), 42, "moved into a Vec by value");
    let d: tmpl::Grid_double = tmpl::make_grid(2, 2);
    assert_eq!(d.get(0, 0), 0.5);
    let p = tmpl::Pair_float {
        first: 1.5,
        second: 2.0,
    }; // plain data
    assert_eq!(p.sum(), 3.5);
    assert_eq!(
        tmpl::swapped(p),
        tmpl::Pair_float {
            first: 2.0,
            second: 1.5
        }
    );
}
