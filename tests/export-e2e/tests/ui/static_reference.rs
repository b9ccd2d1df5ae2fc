// C++ does not promise that what it passes lives forever.
#[relocxx::export]
pub fn remember(name: &'static str) -> usize {
    name.len()
}

fn main() {}
