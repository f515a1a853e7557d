#!/usr/bin/env bash
# The packaging, end to end, as an embedder sees it (cmake/CepInstall.cmake):
#   1. `cmake --install` the build tree into <build>/stage;
#   2. the install holds the library, the cep binary, only public headers,
#      the CMake package and cep.pc;
#   3. samples/embed (its own CMake project) configures with find_package(cep)
#      against the stage, builds, and prints samples/embed/expected_output.txt;
#   4. the same main.cc built with only `pkg-config --cflags --libs cep` prints it too;
#   5. docs/embedding.md shows samples/embed/main.cc and its output, byte for byte.
# Usage: embed_sample_test.sh BUILD_DIR SOURCE_DIR CMAKE CXX_COMPILER
set -u
build=$1 src=$2 cmake=$3 cxx=$4
stage=$build/stage
work=$build/embed-sample
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

rm -rf "$stage" "$work"
mkdir -p "$work"
if "$cmake" --install "$build" --prefix "$stage" >"$work/install.log" 2>&1; then
  pass "cmake --install --prefix $stage"
else
  cat "$work/install.log"; fail "cmake --install"
fi

missing=""
for f in lib/libcep.a bin/cep include/cep/cep.h lib/cmake/cep/cepConfig.cmake \
         lib/cmake/cep/cepConfigVersion.cmake lib/cmake/cep/cepTargets.cmake lib/pkgconfig/cep.pc; do
  [ -e "$stage/$f" ] || missing="$missing $f"
done
others=$(cd "$stage/include" && find . -type f ! -path './cep/*')
if [ -z "$missing" ] && [ -z "$others" ]; then
  pass "installed files (and no header outside include/cep/)"
else
  fail "installed files: missing [$missing], unexpected headers [$others]"
fi
# The public headers include nothing of ours but cep/ and nothing of absl's but status.
bad_includes=$(grep -h '#include' "$stage"/include/cep/*.h | grep -v -E '#include <[a-z_]+>|#include "cep/|#include "absl/status/(status|statusor)\.h"' || true)
if [ -z "$bad_includes" ]; then
  pass "public headers include only the standard library, cep/ and absl/status"
else
  fail "public headers include: $bad_includes"
fi
if "$stage/bin/cep" --version >/dev/null 2>&1; then pass "installed cep runs"; else fail "installed cep runs"; fi

if "$cmake" -S "$src/samples/embed" -B "$work/build" -DCMAKE_PREFIX_PATH="$stage" \
     -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 &&
   "$cmake" --build "$work/build" >"$work/build.log" 2>&1; then
  pass "samples/embed builds with find_package(cep)"
  if "$work/build/embed_sample" >"$work/out.txt" 2>"$work/err.txt" &&
     diff -u "$src/samples/embed/expected_output.txt" "$work/out.txt"; then
    pass "samples/embed prints expected_output.txt"
  else
    cat "$work/err.txt"; fail "samples/embed output"
  fi
else
  cat "$work/configure.log" "$work/build.log"; fail "samples/embed builds with find_package(cep)"
fi

if flags=$(PKG_CONFIG_PATH="$stage/lib/pkgconfig" pkg-config --cflags --libs cep 2>"$work/pc.log") &&
   # shellcheck disable=SC2086  # the flags are words
   "$cxx" -std=c++17 "$src/samples/embed/main.cc" $flags -o "$work/embed_pc" 2>>"$work/pc.log" &&
   "$work/embed_pc" | diff -u "$src/samples/embed/expected_output.txt" -; then
  pass "main.cc builds and runs with pkg-config cep"
else
  cat "$work/pc.log"; fail "pkg-config build"
fi

# The fenced block after the "<!-- FILE -->" marker in docs/embedding.md.
doc_block() {
  awk -v marker="<!-- $1 -->" '$0 == marker { on = 1; next }
       on == 1 && /^```/ { if (started) exit; started = 1; next }
       on == 1 && started { print }' "$src/docs/embedding.md"
}
for f in samples/embed/main.cc samples/embed/expected_output.txt; do
  if doc_block "$f" | diff -u "$src/$f" -; then
    pass "docs/embedding.md shows $f"
  else
    fail "docs/embedding.md's copy of $f differs (copy the file over)"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
