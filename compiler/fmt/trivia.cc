// See trivia.h. One pass: each gap between two non-whitespace tokens is
// measured once (its newlines), which decides the comment's place.
#include "compiler/fmt/trivia.h"

#include <algorithm>

namespace cep::fmt {
namespace {

int Newlines(std::string_view text, uint32_t begin, uint32_t end) {
  if (end <= begin || begin >= text.size()) return 0;
  end = std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
  return static_cast<int>(std::count(text.begin() + begin, text.begin() + end, '\n'));
}

}  // namespace

Trivia AttachTrivia(std::string_view text, const std::vector<RawToken>& tokens) {
  Trivia t;
  bool any_before = false;    // a code token or comment seen
  uint32_t prev_end = 0;      // end of the previous non-whitespace token
  bool in_trailing = false;   // comments still on the line of the previous code token
  std::vector<uint32_t> pending_leading;  // comments waiting for their code token
  int last_comment = -1;      // the previous non-whitespace token was this comment

  auto close_previous_comment = [&](int gap_newlines) {
    if (last_comment < 0) return;
    t.comments[static_cast<size_t>(last_comment)].newline_after = gap_newlines > 0;
    t.comments[static_cast<size_t>(last_comment)].blank_after = gap_newlines > 1;
  };

  for (const RawToken& tok : tokens) {
    if (tok.kind == RawKind::kWhitespace) continue;
    int gap = any_before ? Newlines(text, prev_end, tok.begin) : 0;
    close_previous_comment(gap);
    if (tok.kind == RawKind::kLineComment || tok.kind == RawKind::kBlockComment) {
      Comment c;
      c.begin = tok.begin;
      c.end = tok.end;
      c.line = tok.kind == RawKind::kLineComment;
      c.own_line = !any_before || gap > 0;
      c.blank_before = any_before && gap > 1;
      uint32_t index = static_cast<uint32_t>(t.comments.size());
      t.comments.push_back(c);
      if (in_trailing && !c.own_line) {
        t.code.back().trailing_end = index + 1;
      } else {
        in_trailing = false;
        pending_leading.push_back(index);
      }
      // After a line comment nothing else can be on its line.
      if (c.line) in_trailing = false;
      last_comment = static_cast<int>(index);
    } else {
      CodeToken c;
      c.begin = tok.begin;
      c.end = tok.end;
      c.eof = tok.kind == RawKind::kEof;
      c.blank_before = any_before && gap > 1;
      uint32_t first = pending_leading.empty() ? static_cast<uint32_t>(t.comments.size())
                                               : pending_leading.front();
      c.leading_begin = first;
      c.leading_end = first + static_cast<uint32_t>(pending_leading.size());
      c.trailing_begin = c.trailing_end = static_cast<uint32_t>(t.comments.size());
      pending_leading.clear();
      t.code.push_back(c);
      in_trailing = !c.eof;
      last_comment = -1;
    }
    any_before = true;
    prev_end = tok.end;
  }
  close_previous_comment(0);
  if (t.code.empty() || !t.code.back().eof) {
    // No end-of-file token given: make one, holding what is left.
    CodeToken c;
    c.begin = c.end = static_cast<uint32_t>(text.size());
    c.eof = true;
    uint32_t first = pending_leading.empty() ? static_cast<uint32_t>(t.comments.size())
                                             : pending_leading.front();
    c.leading_begin = first;
    c.leading_end = first + static_cast<uint32_t>(pending_leading.size());
    c.trailing_begin = c.trailing_end = static_cast<uint32_t>(t.comments.size());
    t.code.push_back(c);
  }
  return t;
}

}  // namespace cep::fmt
