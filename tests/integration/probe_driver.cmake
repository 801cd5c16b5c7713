# sipfo-probe-driver: the probe engine behind a minimal test front end, used by
# tests/integration/test_probe_*.sh until `sipfo probe` exists. Built next to
# the sipfo binary so the scripts find it from the path they are given.
add_executable(sipfo-probe-driver "${CMAKE_CURRENT_LIST_DIR}/probe_driver.cpp")
target_link_libraries(sipfo-probe-driver PRIVATE sipfo_probe CLI11::CLI11 nlohmann_json::nlohmann_json fmt::fmt)
set_target_properties(sipfo-probe-driver PROPERTIES RUNTIME_OUTPUT_DIRECTORY "$<TARGET_FILE_DIR:sipfo>")
