// No C++ type is Send unless the user opts in (Plain is opted in; Tracked is not).
use relocxx_e2e::classes::cls;

fn assert_send<T: Send>() {}

fn main() {
    assert_send::<cls::Plain>();
    assert_send::<cls::Tracked>();
}
