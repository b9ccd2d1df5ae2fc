// Nothing ties the lifetime of a returned reference to C++.
#[relocxx::export]
pub fn first(values: &[i32]) -> &i32 {
    &values[0]
}

fn main() {}
