// Only fieldless enums become a C++ `enum class`.
#[relocxx::export]
pub enum Shape {
    Circle(f64),
    Square,
}

fn main() {}
