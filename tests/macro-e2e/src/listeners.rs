//! A C++ interface implemented in Rust, declared with `subclass!` in an include_cpp! block.

relocxx::include_cpp! {
    #include "interfaces.h"
    name!(listeners)
    allow!("ui::(Listener|Payload|dispatch|priority_of|listeners_alive)")
    relocatable!("ui::Payload")
    subclass!("ui::Listener")
}
