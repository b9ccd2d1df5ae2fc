# Incremental behaviour of relocxx_add_bridge, on a copy of tests/cmake/regen:
#   1. a full build generates the bridge (the layout depends on a target-only definition and
#      the shim's static_asserts compile);
#   2. a no-op rebuild runs nothing;
#   3. touching the header regenerates the bridge, without rewriting unchanged outputs;
#   4. a header error fails the build and shows the header's file:line.
# Usage: cmake -DSRC=<regen> -DWORK=<scratch> -DRELOCXX_DIR=<dir with relocxxConfig.cmake>
#              [-DRELOCXX_EXECUTABLE=<cli>] -P incremental.cmake

function(now out)
    string(TIMESTAMP t "%s%f")
    set(${out} ${t} PARENT_SCOPE)
endfunction()

function(build label out_var rc_var ms_var)
    now(t0)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK}/build"
        OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    now(t1)
    math(EXPR ms "(${t1} - ${t0}) / 1000")
    message(STATUS "${label}: ${ms} ms")
    set(${out_var} "${out}${err}" PARENT_SCOPE)
    set(${rc_var} ${rc} PARENT_SCOPE)
    set(${ms_var} ${ms} PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(COPY "${SRC}/" DESTINATION "${WORK}/src")
set(cli_arg "")
if(RELOCXX_EXECUTABLE)
    set(cli_arg "-DRELOCXX_EXECUTABLE=${RELOCXX_EXECUTABLE}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK}/src" -B "${WORK}/build"
    "-Drelocxx_DIR=${RELOCXX_DIR}" ${cli_arg}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configure failed:\n${out}${err}")
endif()

build("full build" out rc ms)
if(NOT rc EQUAL 0 OR NOT out MATCHES "relocxx: generating bridge shapes_bridge")
    message(FATAL_ERROR "full build failed or did not generate:\n${out}")
endif()
set(rs "${WORK}/build/relocxx/shapes_bridge.rs")
file(READ "${rs}" rs_text)
if(NOT rs_text MATCHES "pub v: \\[::core::ffi::c_int; 5\\]")
    message(FATAL_ERROR "the bridge did not see SHAPE_SLOTS=5 from the target:\n${rs_text}")
endif()
file(TIMESTAMP "${rs}" rs_time "%s%f")

build("no-op rebuild" out rc ms)
if(NOT rc EQUAL 0 OR out MATCHES "relocxx: generating" OR out MATCHES "Building CXX")
    message(FATAL_ERROR "a no-op rebuild did work:\n${out}")
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
file(TOUCH "${WORK}/src/shapes.h")
build("rebuild after touching the header" out rc ms)
if(NOT rc EQUAL 0 OR NOT out MATCHES "relocxx: generating bridge shapes_bridge")
    message(FATAL_ERROR "touching the header did not regenerate the bridge:\n${out}")
endif()
file(TIMESTAMP "${rs}" rs_time2 "%s%f")
if(NOT rs_time STREQUAL rs_time2)
    message(FATAL_ERROR "unchanged outputs were rewritten")
endif()

file(APPEND "${WORK}/src/shapes.h" "namespace shapes { int broken(int v) }\n")
build("build with a broken header" out rc ms)
if(rc EQUAL 0)
    message(FATAL_ERROR "a header error did not fail the build:\n${out}")
endif()
if(NOT out MATCHES "shapes\\.h:1[0-9]:[0-9]+: error: ")
    message(FATAL_ERROR "the build output does not show the header's file:line:\n${out}")
endif()
message(STATUS "incremental behaviour as expected")
