// A `std::function` may outlive the call (C++ may keep it): the closure must be `'static`, so
// borrowing a local does not compile.
use relocxx_e2e::interfaces::ui;

fn main() {
    let mut total = 0;
    ui::sum_mapped(3, |i| {
        total += i;
        i
    });
    println!("{total}");
}
