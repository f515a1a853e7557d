// Compiles regular expressions with RE2 when the rules are checked, so a bad
// regex is a located diagnostic and not a run-time failure. RE2's error_arg
// (the offending piece) is searched for in the literal's source bytes to put
// the caret on it. Flags: 'i' (case-insensitive), 's' (. matches newline).
// Tested by tests/unit/check_expr_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/expr_typer.h"
#include "re2/re2.h"

namespace cep::check {

bool CheckRegex(CheckContext& ctx, const std::string& pattern, std::string_view flags,
                SourceRange pattern_range, SourceRange flags_range, SourceRange fallback) {
  bool ok = true;
  RE2::Options options;
  options.set_log_errors(false);
  for (size_t i = 0; i < flags.size(); ++i) {
    const char c = flags[i];
    if (c == 'i') {
      options.set_case_sensitive(false);
    } else if (c == 's') {
      options.set_dot_nl(true);
    } else {
      SourceRange where = fallback;
      if (flags_range.valid()) {
        where = SourceRange{flags_range.file, static_cast<uint32_t>(flags_range.begin + i),
                            static_cast<uint32_t>(flags_range.begin + i + 1)};
      }
      ctx.diags.Report(DiagKind::kInvalidRegex, where,
                       StrCat("unknown regex flag '", std::string(1, c),
                                    "'; the flags are 'i' (ignore case) and 's' (. also "
                                    "matches a newline)"));
      ok = false;
    }
  }
  RE2 re(pattern, options);
  if (!re.ok()) {
    SourceRange where = pattern_range.valid() ? pattern_range : fallback;
    const std::string& arg = re.error_arg();
    if (pattern_range.valid() && !arg.empty() &&
        pattern_range.file < ctx.sources.file_count()) {
      std::string_view src = ctx.sources.text(pattern_range);
      size_t pos = src.find(arg);
      if (pos != std::string_view::npos) {
        where = SourceRange{pattern_range.file, static_cast<uint32_t>(pattern_range.begin + pos),
                            static_cast<uint32_t>(pattern_range.begin + pos + arg.size())};
      }
    }
    ctx.diags.Report(DiagKind::kInvalidRegex, where,
                     StrCat("invalid regular expression: ", re.error()));
    ok = false;
  }
  return ok;
}

}  // namespace cep::check
