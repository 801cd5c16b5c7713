# The applog fuzz targets (libFuzzer; needs clang and -DSIPFO_FUZZ=ON).
# tests/fuzz/CMakeLists.txt includes this file:  include(applog.cmake)
# Each target gets a smoke run in CTest (label fuzz, 15 s), seeded with a copy of
# fixtures/logs so the fuzzer never writes into the source tree.

set(applog_fuzz_corpus "${CMAKE_CURRENT_BINARY_DIR}/applog_corpus")
file(MAKE_DIRECTORY "${applog_fuzz_corpus}")
file(GLOB applog_fuzz_seeds "${PROJECT_SOURCE_DIR}/fixtures/logs/*app.log")
file(COPY ${applog_fuzz_seeds} DESTINATION "${applog_fuzz_corpus}")

foreach(name applog_line_reader applog_attempt_builder)
  add_executable(${name}_fuzz "${CMAKE_CURRENT_LIST_DIR}/${name}_fuzz.cpp")
  target_link_libraries(${name}_fuzz PRIVATE sipfo_applog)
  target_link_options(${name}_fuzz PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz_${name}
           COMMAND ${name}_fuzz -max_total_time=15 -rss_limit_mb=1024 -max_len=65536 "${applog_fuzz_corpus}")
  set_tests_properties(fuzz_${name} PROPERTIES LABELS fuzz TIMEOUT 120)
endforeach()
