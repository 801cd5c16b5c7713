# libFuzzer targets of the sip layer (needs clang: configure with
# -DCMAKE_CXX_COMPILER=clang++ -DSIPFO_FUZZ=ON). Included from tests/fuzz/.
# Each target gets a short CTest smoke run (label "fuzz") over its seed corpus;
# run the binary by hand for a real campaign, e.g.
#   ./sip_response_fuzz -max_total_time=600 tests/fuzz/sip_response_corpus
foreach(fuzz_name sip_response_fuzz)
  add_executable(${fuzz_name} "${CMAKE_CURRENT_LIST_DIR}/${fuzz_name}.cpp")
  target_link_libraries(${fuzz_name} PRIVATE sipfo_sip)
  target_link_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
  string(REPLACE "_fuzz" "_corpus" corpus_name "${fuzz_name}")
  # libFuzzer writes new inputs into the first directory: a scratch one in the
  # build tree, so the seed corpus in the source tree stays as committed.
  set(scratch "${CMAKE_CURRENT_BINARY_DIR}/${corpus_name}")
  file(MAKE_DIRECTORY "${scratch}")
  add_test(NAME "${fuzz_name}_smoke"
           COMMAND ${fuzz_name} -runs=50000 -max_len=8192 -timeout=10
                   "${scratch}" "${CMAKE_CURRENT_LIST_DIR}/${corpus_name}")
  set_tests_properties("${fuzz_name}_smoke" PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
