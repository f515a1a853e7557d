// `cep fmt`: the one canonical layout of a .cep file. The layout rules are in
// docs/tooling.md ("cep fmt"); in short: two-space indentation, 100 columns,
// one space around binary operators and sequence arrows, a clause per line,
// long patterns broken before their arrows with the steps aligned, emit
// bodies one field per line when they do not fit, gofmt-style alignment of
// consecutive declarations, at most one blank line kept where the author put
// one, every comment kept on its line.
//
// Guarantees, checked on every call when `verify` is on (the default): the
// result parses, its AST (compiler/ast/ast_dump.h, positions aside) equals
// the input's, and it holds the same comments in the same order; formatting
// it again gives it back unchanged (tested over every .cep in the
// repository). Only whitespace and the optional commas of event and emit
// bodies ever change.
//
// Files with syntax errors are refused: their diagnostics go to `diags`.
// Tested by tests/unit/fmt_test.cc and tests/cli/tooling_test.sh.
#ifndef CEP_COMPILER_FMT_FORMATTER_H_
#define CEP_COMPILER_FMT_FORMATTER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::fmt {

inline constexpr int kDefaultWidth = 100;

struct FormatOptions {
  int width = kDefaultWidth;
  // Re-parse the result and compare it with the input before returning it.
  bool verify = true;
};

// InvalidArgument when the file has syntax errors (reported into `diags`);
// Internal when the result would not mean what the input means (a bug in
// the formatter: nothing should be written then).
absl::StatusOr<std::string> FormatFile(const SourceManager& sources, FileId file,
                                       DiagnosticEngine& diags, const FormatOptions& options = {});

// The same for a text (tests, editors): diagnostics are dropped.
absl::StatusOr<std::string> FormatText(std::string_view text, const FormatOptions& options = {});

}  // namespace cep::fmt

#endif  // CEP_COMPILER_FMT_FORMATTER_H_
