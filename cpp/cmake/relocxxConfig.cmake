# find_package(relocxx) from a source checkout (relocxx_DIR=<repo>/cpp/cmake), an install
# (<prefix>/lib/cmake/relocxx) or a build tree (relocxx_DIR=<build dir of the repo's CMakeLists>).
include("${CMAKE_CURRENT_LIST_DIR}/relocxx.cmake")
set(relocxx_FOUND TRUE)
