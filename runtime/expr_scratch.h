// Internal to the expression evaluator (expr_eval.cc, expr_builtins.cc):
// the per-LoadedProgram scratch (a chunked string arena reset at each
// outermost evaluation, the nesting depth that decides when, and the regex
// cache of matches() with a non-constant pattern), and the builtin calls.
#ifndef CEP_RUNTIME_EXPR_SCRATCH_H_
#define CEP_RUNTIME_EXPR_SCRATCH_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/builtins.h"
#include "runtime/expr_eval.h"
#include "runtime/value.h"

namespace re2 {
class RE2;
}

namespace cep::rt::internal {

// Bump allocation in chunks that are kept across resets: after the first
// evaluations, storing a string allocates nothing.
class StringArena {
 public:
  // Copies `s`; the copy lives until Reset().
  std::string_view Store(std::string_view s);
  void Reset() {
    chunk_ = 0;
    used_ = 0;
  }

 private:
  static constexpr size_t kChunk = 4096;
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
  };
  std::vector<Chunk> chunks_;
  size_t chunk_ = 0;  // the chunk being filled
  size_t used_ = 0;   // bytes used in it
};

struct EvalScratch {
  StringArena arena;
  int depth = 0;     // nested evaluations of this program under way
  std::string text;  // building area for concat / to_string
  std::map<std::string, std::unique_ptr<re2::RE2>> regexes;  // matches() at run time
};

// Enters an evaluation: the outermost one resets the arena.
class ScratchScope {
 public:
  explicit ScratchScope(EvalScratch& s) : s_(s) {
    if (s_.depth++ == 0) s_.arena.Reset();
  }
  ~ScratchScope() { --s_.depth; }
  ScratchScope(const ScratchScope&) = delete;
  ScratchScope& operator=(const ScratchScope&) = delete;

 private:
  EvalScratch& s_;
};

// A scalar builtin on `argc` arguments (expr_builtins.cc).
Value CallBuiltin(check::BuiltinId id, const Value* args, uint32_t argc, EvalScratch& scratch);

// Appends `v` as concat() and to_string() write it.
void AppendValueText(const Value& v, std::string* out);

// Code points in UTF-8 text (bytes that are not continuation bytes).
int64_t CodePoints(std::string_view s);

}  // namespace cep::rt::internal

#endif  // CEP_RUNTIME_EXPR_SCRATCH_H_
