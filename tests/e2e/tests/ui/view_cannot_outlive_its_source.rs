// A returned std::string_view borrows from the argument it views.
use relocxx::CppString;
use relocxx_e2e::safety::safety;

fn main() {
    let word;
    {
        let s = CppString::from_bytes(b"hello world");
        word = safety::first_word(&s);
    }
    println!("{word:?}");
}
