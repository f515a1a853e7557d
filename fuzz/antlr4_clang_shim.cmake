# Debian's ANTLR 4.9 runtime headers do not compile with clang: in
# misc/InterpreterDataReader.h, InterpreterData's default constructor
# default-constructs a dfa::Vocabulary, whose defaulted default constructor
# clang deletes (it has const std::vector members; GCC accepts it). The fuzz
# build (the only clang build) reads a copy of the headers with that one
# constructor initialising the vocabulary explicitly. Nothing else changes,
# and the copy lives in the build tree.
set(CEP_ANTLR4_SHIM ${PROJECT_BINARY_DIR}/antlr4-clang-shim)
if(NOT EXISTS ${CEP_ANTLR4_SHIM}/antlr4-runtime/misc/InterpreterDataReader.h)
  find_path(CEP_ANTLR4_HEADERS antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)
  file(COPY ${CEP_ANTLR4_HEADERS}/ DESTINATION ${CEP_ANTLR4_SHIM}/antlr4-runtime)
  set(header ${CEP_ANTLR4_SHIM}/antlr4-runtime/misc/InterpreterDataReader.h)
  file(READ ${header} text)
  string(REPLACE "InterpreterData() {};" "InterpreterData() : vocabulary({}, {}) {}" patched "${text}")
  if(patched STREQUAL text)
    message(FATAL_ERROR "antlr4 clang shim: InterpreterDataReader.h is not the expected one")
  endif()
  file(WRITE ${header} "${patched}")
endif()
# Before every other include directory, so "antlr4-runtime.h" is the copy's.
include_directories(BEFORE SYSTEM ${CEP_ANTLR4_SHIM}/antlr4-runtime)
