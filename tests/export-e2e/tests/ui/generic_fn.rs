// C++ would need one function per instantiation.
#[relocxx::export]
pub fn largest<T: PartialOrd + Copy>(values: &[T]) -> T {
    values[0]
}

fn main() {}
