// A type C++ has no declaration of: it must be exported itself.
pub struct Secret {
    pub value: u32,
}

#[relocxx::export]
pub fn reveal(s: Secret) -> u32 {
    s.value
}

fn main() {}
