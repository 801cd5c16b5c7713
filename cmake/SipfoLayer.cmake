# sipfo_layer(NAME SOURCES ... DEPENDS ...)
#
# Declares one layer of the core as its own static library. A layer sees its own
# public headers (include/sipfo/NAME) and those of the layers it DEPENDS on, and
# nothing else: each layer gets a private include root in the build tree that holds
# only a link to its own header folder. An include of a higher layer's header
# therefore fails to compile, which keeps the layering a build fact, not a hope.
function(sipfo_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  set(root "${CMAKE_BINARY_DIR}/layer-include/${name}")
  file(MAKE_DIRECTORY "${root}/sipfo")
  if(NOT EXISTS "${root}/sipfo/${name}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/include/sipfo/${name}" "${root}/sipfo/${name}" SYMBOLIC)
  endif()
  add_library(sipfo_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sipfo_${name} PUBLIC "${root}")
  target_link_libraries(sipfo_${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_LIBS})
  target_compile_definitions(sipfo_${name} PUBLIC SIPFO_VERSION="${PROJECT_VERSION}")
endfunction()
