// No C++ type is Sync unless the user opts in.
use relocxx_e2e::classes::cls;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<cls::Owner>();
}
