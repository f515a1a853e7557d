# Packaging for embedders: `cmake --install` puts
#   lib/libcep.a                  the library: cep_api and every internal library it
#                                 needs (cep_runtime, cep_compiler, cep_grammar),
#                                 merged into one archive
#   include/cep/*.h               the public headers (nothing internal)
#   bin/cep                       the command line
#   lib/cmake/cep/                the CMake package: find_package(cep) -> cep::cep
#   lib/pkgconfig/cep.pc          the same for pkg-config
# Why one merged archive rather than four exported ones: users get one
# target and one file, the internal libraries' layout (and their source-tree
# include paths) stays private, and nothing internal has to be kept
# install-clean. Static only: see docs/embedding.md ("Packaging").
# Tested by tests/embed/embed_sample_test.sh (ctest: embed_sample).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The internal libraries to merge and the external dependencies they bring,
# found by walking cep_api's link closure: every target we build is merged,
# every imported one (or plain library name) is a dependency. Adding an
# internal library or a dependency anywhere below cep_api needs no edit here.
set(CEP_PACKAGE_PARTS cep_api)
set(CEP_PACKAGE_DEPS "")
set(_cep_queue cep_api)
while(_cep_queue)
  list(POP_FRONT _cep_queue _cep_target)
  get_target_property(_cep_libs ${_cep_target} LINK_LIBRARIES)
  if(NOT _cep_libs)
    continue()
  endif()
  foreach(_cep_lib IN LISTS _cep_libs)
    if(TARGET ${_cep_lib})
      get_target_property(_cep_imported ${_cep_lib} IMPORTED)
      get_target_property(_cep_aliased ${_cep_lib} ALIASED_TARGET)
      if(_cep_aliased)
        set(_cep_lib ${_cep_aliased})
        get_target_property(_cep_imported ${_cep_lib} IMPORTED)
      endif()
      if(_cep_imported)
        list(APPEND CEP_PACKAGE_DEPS ${_cep_lib})
      elseif(NOT _cep_lib IN_LIST CEP_PACKAGE_PARTS)
        list(APPEND CEP_PACKAGE_PARTS ${_cep_lib})
        list(APPEND _cep_queue ${_cep_lib})
      endif()
    else()
      list(APPEND CEP_PACKAGE_DEPS ${_cep_lib})
    endif()
  endforeach()
endwhile()
list(REMOVE_DUPLICATES CEP_PACKAGE_DEPS)

# What each dependency is to the package config and to pkg-config.
set(CEP_FIND_DEPENDENCIES "")
set(CEP_PC_REQUIRES "")
set(CEP_PC_LIBS "")
set(_cep_found_packages "")
foreach(_cep_dep IN LISTS CEP_PACKAGE_DEPS)
  if(_cep_dep MATCHES "^absl::(.+)$")
    set(_cep_package absl)
    list(APPEND CEP_PC_REQUIRES "absl_${CMAKE_MATCH_1}")
  elseif(_cep_dep STREQUAL "PkgConfig::RE2")
    set(_cep_package "")
    string(APPEND CEP_FIND_DEPENDENCIES
           "if(NOT TARGET PkgConfig::RE2)\n  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)\nendif()\n")
    list(APPEND CEP_PC_REQUIRES re2)
  elseif(_cep_dep STREQUAL "simdjson::simdjson")
    set(_cep_package simdjson)
    list(APPEND CEP_PC_REQUIRES simdjson)
  elseif(_cep_dep STREQUAL "antlr4_shared")
    set(_cep_package antlr4-runtime)
    list(APPEND CEP_PC_LIBS -lantlr4-runtime)  # Debian ships no antlr4 .pc file
  else()
    message(FATAL_ERROR "cmake/CepInstall.cmake: the library depends on '${_cep_dep}'; "
                        "say how find_package(cep) and cep.pc find it")
  endif()
  if(_cep_package AND NOT _cep_package IN_LIST _cep_found_packages)
    list(APPEND _cep_found_packages ${_cep_package})
    string(APPEND CEP_FIND_DEPENDENCIES "find_dependency(${_cep_package})\n")
  endif()
endforeach()
list(REMOVE_DUPLICATES CEP_PC_REQUIRES)
list(JOIN CEP_PC_REQUIRES " " CEP_PC_REQUIRES)
list(JOIN CEP_PC_LIBS " " CEP_PC_LIBS)

# libcep.a: the objects of every part in one archive.
set(_cep_objects "")
foreach(_cep_part IN LISTS CEP_PACKAGE_PARTS)
  list(APPEND _cep_objects $<TARGET_OBJECTS:${_cep_part}>)
endforeach()
add_library(cep_package STATIC ${_cep_objects})
add_dependencies(cep_package ${CEP_PACKAGE_PARTS})
set_target_properties(cep_package PROPERTIES OUTPUT_NAME cep EXPORT_NAME cep LINKER_LANGUAGE CXX)
target_include_directories(cep_package INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(cep_package INTERFACE cxx_std_17)
# The public headers use absl::Status; the rest is only linked.
target_link_libraries(cep_package PUBLIC absl::status absl::statusor PRIVATE ${CEP_PACKAGE_DEPS})
if(CEP_SANITIZE OR CEP_FUZZ)
  # Instrumented objects need the sanitizer runtimes in whatever links them
  # (they also define the coverage hooks of a fuzzing build).
  target_link_options(cep_package INTERFACE -fsanitize=address,undefined)
  string(APPEND CEP_PC_LIBS " -fsanitize=address,undefined")
endif()
add_library(cep::cep ALIAS cep_package)

set(CEP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cep)
install(TARGETS cep_package EXPORT cepTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS cep RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/cep DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(EXPORT cepTargets NAMESPACE cep:: DESTINATION ${CEP_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/cepConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cepConfig.cmake INSTALL_DESTINATION ${CEP_CMAKE_DIR})
# 0.x: a minor release may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cepConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cepConfig.cmake ${PROJECT_BINARY_DIR}/cepConfigVersion.cmake
        DESTINATION ${CEP_CMAKE_DIR})

# cep.pc locates itself (${pcfiledir}), so a staged or moved install works.
file(RELATIVE_PATH _cep_pc_up "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
string(REGEX REPLACE "/$" "" _cep_pc_up "${_cep_pc_up}")
set(CEP_PC_PREFIX "\${pcfiledir}/${_cep_pc_up}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/cep.pc.in ${PROJECT_BINARY_DIR}/cep.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cep.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
