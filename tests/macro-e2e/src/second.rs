//! A second block, in a module file the build script reaches through `mod second;`.

relocxx::include_cpp! {
    #include "basics.h"
    name!(geometry)
    allow!("geo::detail::.*")
    rename!("geo::detail::helper", triple)
}
