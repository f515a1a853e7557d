// Where the comments and blank lines of a .cep file sit relative to its code
// tokens, which is all `cep fmt` keeps of the original whitespace:
//   - a comment on the same line as the code token before it *trails* that
//     token (`within 10m // ten minutes`), and so does every further comment
//     on that line; it stays on that token's line;
//   - any other comment *leads* the next code token; it is on its own line
//     (own_line) unless code precedes it on its line; a blank line before it
//     is kept, and so is a line break after a block comment;
//   - a code token remembers whether a blank line precedes it; the layout
//     keeps at most one blank line where a break is made anyway (between
//     items, clauses, fields).
// ANTLR-free (tokens come in as plain ranges) so it can be tested alone.
// Tested by tests/unit/fmt_test.cc.
#ifndef CEP_COMPILER_FMT_TRIVIA_H_
#define CEP_COMPILER_FMT_TRIVIA_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace cep::fmt {

enum class RawKind : uint8_t { kCode, kLineComment, kBlockComment, kWhitespace, kEof };

// One token of the lexer's stream, hidden ones included.
struct RawToken {
  RawKind kind = RawKind::kCode;
  uint32_t begin = 0;  // byte offsets
  uint32_t end = 0;
};

struct Comment {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool line = false;           // `// ...` (else `/* ... */`)
  bool own_line = false;       // nothing but whitespace before it on its line
  bool blank_before = false;   // a blank line right before it
  bool newline_after = false;  // a line break right after it
  bool blank_after = false;    // a blank line right after it
};

// One code token (or the end of file) with the comments attached to it.
struct CodeToken {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool eof = false;
  bool blank_before = false;  // a blank line between the previous token or comment and this
  uint32_t leading_begin = 0, leading_end = 0;    // indexes into Trivia::comments
  uint32_t trailing_begin = 0, trailing_end = 0;
};

struct Trivia {
  std::vector<Comment> comments;  // in file order
  std::vector<CodeToken> code;    // in file order; the last is the end of file
};

// `tokens` must cover the file in order (as a lexer produces them).
Trivia AttachTrivia(std::string_view text, const std::vector<RawToken>& tokens);

}  // namespace cep::fmt

#endif  // CEP_COMPILER_FMT_TRIVIA_H_
