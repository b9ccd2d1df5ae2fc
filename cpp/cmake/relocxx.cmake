# relocxx.cmake — C++/Rust bridges in CMake projects.
#
#   include(relocxx)   # or find_package(relocxx)
#   relocxx_add_bridge(geometry_bridge
#       TARGET  geometry                 # parse and compile with this target's include dirs,
#       HEADERS include/geometry.h       # definitions and C++ standard (generator expressions)
#       [ALLOW regex...] [BLOCK regex...] [RELOCATABLE type...] [NOT_RELOCATABLE type...]
#       [SEND type...] [SYNC type...] [FALLIBLE function...] [EXTRA_ARGS compiler-arg...])
#   relocxx_add_crate(app_rs MANIFEST_PATH rust/Cargo.toml BRIDGES geometry_bridge [CRATE_NAME n]
#       [RUST_SOURCE src/lib.rs])
#
# relocxx_add_bridge runs `relocxx gen` at build time (regenerating when any header the parse
# opened changes, through a depfile; outputs are rewritten only when their content changes) and
# compiles the shim into the static library target <name>, linked to TARGET. The Rust module
# lands in ${RELOCXX_BRIDGE_DIR}, where `relocxx::include_bindings!("<name>")` finds it.
#
# relocxx_add_crate builds the crate's staticlib with cargo (CMAKE_BUILD_TYPE picks the profile;
# CARGO_TARGET_DIR is under the build tree; RELOCXX_BRIDGE_DIR is passed) and exposes it as an
# imported library that links its bridges, their C++ libraries and the system libraries Rust's
# standard library needs, in an order that resolves calls in both directions. The crate's
# `#[relocxx::export]` items get a C++ header, <name>.h, on the include path of whatever links
# <name> (`#include "app_rs.h"`).
#
# The `relocxx` CLI is RELOCXX_EXECUTABLE if set, else `relocxx` on PATH, else built once from
# the source tree this file belongs to.

cmake_minimum_required(VERSION 3.20)  # DEPFILE for custom commands on every generator

include_guard(GLOBAL)

set(_RELOCXX_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")
get_filename_component(_RELOCXX_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(RELOCXX_BRIDGE_DIR "${CMAKE_BINARY_DIR}/relocxx" CACHE PATH "Where relocxx writes generated bridges")

find_program(RELOCXX_CARGO cargo HINTS "$ENV{CARGO_HOME}/bin" "$ENV{HOME}/.cargo/bin")

if(NOT RELOCXX_EXECUTABLE)
    # An install puts the CLI in <prefix>/bin and this file in <prefix>/lib/cmake/relocxx.
    find_program(RELOCXX_EXECUTABLE relocxx HINTS "${_RELOCXX_CMAKE_DIR}/../../../bin")
endif()
if(NOT RELOCXX_EXECUTABLE AND EXISTS "${_RELOCXX_SOURCE_DIR}/gen/Cargo.toml")
    # Built once, at configure time, into the build tree.
    if(NOT RELOCXX_CARGO)
        message(FATAL_ERROR "relocxx: cargo not found; install Rust or set RELOCXX_EXECUTABLE to the relocxx CLI")
    endif()
    set(_relocxx_cli_dir "${CMAKE_BINARY_DIR}/relocxx-cli")
    message(STATUS "relocxx: building the relocxx CLI from ${_RELOCXX_SOURCE_DIR}")
    execute_process(
        COMMAND "${RELOCXX_CARGO}" build --release --quiet -p relocxx-gen --features cli --bin relocxx
                --manifest-path "${_RELOCXX_SOURCE_DIR}/Cargo.toml" --target-dir "${_relocxx_cli_dir}"
        RESULT_VARIABLE _relocxx_rc)
    if(NOT _relocxx_rc EQUAL 0)
        message(FATAL_ERROR "relocxx: building the relocxx CLI failed (${_relocxx_rc})")
    endif()
    set(RELOCXX_EXECUTABLE "${_relocxx_cli_dir}/release/relocxx" CACHE FILEPATH "The relocxx CLI" FORCE)
endif()
if(NOT RELOCXX_EXECUTABLE)
    message(FATAL_ERROR "relocxx: the relocxx CLI was not found; set RELOCXX_EXECUTABLE")
endif()

find_package(Threads REQUIRED)
# What Rust's standard library needs from the system when linked into a C++ program.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(RELOCXX_RUST_SYSTEM_LIBS Threads::Threads ${CMAKE_DL_LIBS} m rt util)
elseif(APPLE)
    set(RELOCXX_RUST_SYSTEM_LIBS Threads::Threads "-framework CoreFoundation" "-framework Security" iconv)
else()
    set(RELOCXX_RUST_SYSTEM_LIBS Threads::Threads ${CMAKE_DL_LIBS})
endif()

# Repeats `flag value` for each value: (out "--allow" a;b) -> --allow;a;--allow;b
function(_relocxx_repeat out flag)
    set(result "")
    foreach(v IN LISTS ARGN)
        list(APPEND result "${flag}" "${v}")
    endforeach()
    set(${out} "${result}" PARENT_SCOPE)
endfunction()

function(relocxx_add_bridge name)
    cmake_parse_arguments(RB "" "TARGET"
        "HEADERS;ALLOW;BLOCK;RELOCATABLE;NOT_RELOCATABLE;SEND;SYNC;FALLIBLE;EXTRA_ARGS" ${ARGN})
    if(NOT RB_TARGET OR NOT RB_HEADERS)
        message(FATAL_ERROR "relocxx_add_bridge(${name}): TARGET and HEADERS are required")
    endif()
    if(NOT TARGET ${RB_TARGET})
        message(FATAL_ERROR "relocxx_add_bridge(${name}): ${RB_TARGET} is not a target")
    endif()
    set(out "${RELOCXX_BRIDGE_DIR}")
    set(stamp "${out}/${name}.stamp")
    set(depfile "${out}/${name}.d")
    set(headers "")
    foreach(h IN LISTS RB_HEADERS)
        get_filename_component(abs "${h}" ABSOLUTE)
        list(APPEND headers --header "${abs}")
    endforeach()
    _relocxx_repeat(allow --allow ${RB_ALLOW})
    _relocxx_repeat(block --block ${RB_BLOCK})
    _relocxx_repeat(reloc --relocatable ${RB_RELOCATABLE})
    _relocxx_repeat(noreloc --not-relocatable ${RB_NOT_RELOCATABLE})
    _relocxx_repeat(send --send ${RB_SEND})
    _relocxx_repeat(sync --sync ${RB_SYNC})
    _relocxx_repeat(fallible --fallible ${RB_FALLIBLE})
    # The target's own flags, read at generate time (generator expressions), so the bridge sees
    # exactly what the target compiles with, including what its dependencies propagate.
    set(inc "$<TARGET_PROPERTY:${RB_TARGET},INCLUDE_DIRECTORIES>")
    set(def "$<TARGET_PROPERTY:${RB_TARGET},COMPILE_DEFINITIONS>")
    set(std "$<TARGET_PROPERTY:${RB_TARGET},CXX_STANDARD>")
    add_custom_command(
        OUTPUT "${stamp}"
        BYPRODUCTS "${out}/${name}.rs" "${out}/${name}.h" "${out}/${name}.cc"
        COMMAND "${RELOCXX_EXECUTABLE}" gen ${headers}
                --out-dir "${out}" --name "${name}" --depfile "${depfile}" --stamp "${stamp}"
                "$<$<BOOL:${inc}>:-I$<JOIN:${inc},;-I>>"
                "$<$<BOOL:${def}>:-D$<JOIN:${def},;-D>>"
                "--std=c++$<IF:$<BOOL:${std}>,${std},17>"
                ${allow} ${block} ${reloc} ${noreloc} ${send} ${sync} ${fallible}
                -- ${RB_EXTRA_ARGS}
        DEPENDS ${RB_HEADERS} "${RELOCXX_EXECUTABLE}"
        DEPFILE "${depfile}"
        COMMENT "relocxx: generating bridge ${name}"
        COMMAND_EXPAND_LISTS
        VERBATIM)
    add_custom_target(${name}_generate DEPENDS "${stamp}")
    add_library(${name} STATIC "${out}/${name}.cc")
    add_dependencies(${name} ${name}_generate)
    target_link_libraries(${name} PUBLIC ${RB_TARGET})
    target_include_directories(${name} PRIVATE "${out}" "${out}/include")
    # At least C++17 (the shim's own need); the target's standard when it sets a newer one.
    target_compile_features(${name} PRIVATE cxx_std_17)
    target_compile_options(${name} PRIVATE "$<$<AND:$<BOOL:${std}>,$<CXX_COMPILER_ID:GNU,Clang,AppleClang>>:-std=c++${std}>")
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

function(relocxx_add_crate name)
    cmake_parse_arguments(RC "" "MANIFEST_PATH;CRATE_NAME;RUST_SOURCE" "BRIDGES" ${ARGN})
    if(NOT RC_MANIFEST_PATH)
        message(FATAL_ERROR "relocxx_add_crate(${name}): MANIFEST_PATH is required")
    endif()
    if(NOT RELOCXX_CARGO)
        message(FATAL_ERROR "relocxx_add_crate(${name}): cargo not found")
    endif()
    get_filename_component(manifest "${RC_MANIFEST_PATH}" ABSOLUTE)
    if(NOT RC_CRATE_NAME)
        file(STRINGS "${manifest}" pkg REGEX "^name *= *\"" LIMIT_COUNT 1)
        string(REGEX REPLACE "^name *= *\"([^\"]+)\".*" "\\1" RC_CRATE_NAME "${pkg}")
    endif()
    string(REPLACE "-" "_" lib_name "${RC_CRATE_NAME}")
    if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$")
        set(profile release)
        set(profile_dir release)
    else()
        set(profile dev)
        set(profile_dir debug)
    endif()
    set(target_dir "${CMAKE_BINARY_DIR}/relocxx-cargo")
    set(lib "${target_dir}/${profile_dir}/${CMAKE_STATIC_LIBRARY_PREFIX}${lib_name}${CMAKE_STATIC_LIBRARY_SUFFIX}")
    # Cargo decides itself what is up to date; it runs on every build (a no-op takes
    # milliseconds) and rebuilds when a bridge's .rs changes (rustc tracks #[path] modules).
    add_custom_target(${name}_cargo ALL
        COMMAND "${CMAKE_COMMAND}" -E env
                "RELOCXX_BRIDGE_DIR=${RELOCXX_BRIDGE_DIR}" "CARGO_TARGET_DIR=${target_dir}"
                "${RELOCXX_CARGO}" build --lib --quiet --profile ${profile} --manifest-path "${manifest}"
        BYPRODUCTS "${lib}"
        WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
        COMMENT "relocxx: cargo build ${RC_CRATE_NAME} (${profile})"
        USES_TERMINAL
        VERBATIM)
    foreach(b IN LISTS RC_BRIDGES)
        add_dependencies(${name}_cargo ${b}_generate)
    endforeach()
    # The C++ header of the crate's `#[relocxx::export]` items, <name>.h: regenerated after cargo
    # (opaque types' sizes come from the library) when the library or a Rust file the crate's
    # module tree reads changes (depfile); rewritten only when its text differs.
    get_filename_component(crate_dir "${manifest}" DIRECTORY)
    if(NOT RC_RUST_SOURCE)
        set(RC_RUST_SOURCE "${crate_dir}/src/lib.rs")
    endif()
    get_filename_component(rust_source "${RC_RUST_SOURCE}" ABSOLUTE)
    set(export_dir "${CMAKE_BINARY_DIR}/relocxx-export/${name}")
    set(export_stamp "${export_dir}/${name}.export.stamp")
    file(MAKE_DIRECTORY "${export_dir}/include")
    add_custom_command(
        OUTPUT "${export_stamp}"
        BYPRODUCTS "${export_dir}/include/${name}.h"
        COMMAND "${RELOCXX_EXECUTABLE}" gen --rust-source "${rust_source}" --export-only
                --export-name "${name}" --out-dir "${export_dir}" --rust-lib "${lib}"
                --depfile "${export_dir}/${name}.export.d" --stamp "${export_stamp}"
        DEPENDS "${rust_source}" "${RELOCXX_EXECUTABLE}" "${lib}"
        DEPFILE "${export_dir}/${name}.export.d"
        COMMENT "relocxx: C++ header of ${RC_CRATE_NAME}'s exports (${name}.h)"
        VERBATIM)
    add_custom_target(${name}_export DEPENDS "${export_stamp}")
    # After cargo: the sizes of opaque exported types are read from the library.
    add_dependencies(${name}_export ${name}_cargo)
    add_library(${name} STATIC IMPORTED GLOBAL)
    set_target_properties(${name} PROPERTIES
        IMPORTED_LOCATION "${lib}"
        # Rust calls the bridges, the bridges call C++, C++ may call back into Rust.
        IMPORTED_LINK_INTERFACE_MULTIPLICITY 3)
    add_dependencies(${name} ${name}_cargo ${name}_export)
    # Whoever links the crate includes its exports' header (and relocxx/rust.hpp beside it).
    set_target_properties(${name} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${export_dir}/include")
    target_link_libraries(${name} INTERFACE ${RC_BRIDGES} ${RELOCXX_RUST_SYSTEM_LIBS})
endfunction()
