// See unified_diff.h. Common leading and trailing lines are set aside first
// (a formatting change is usually local), then Myers' greedy algorithm runs
// on the middle, keeping the frontier of each step for the walk back. Past
// kMaxEdits edits the middle is shown as deleted and re-inserted: still a
// correct diff, and memory stays bounded (the frontiers are O(D^2)).
#include "compiler/fmt/unified_diff.h"

#include <algorithm>
#include <vector>

#include "compiler/util/strcat.h"

namespace cep::fmt {
namespace {

constexpr int kMaxEdits = 2000;

enum class Op : uint8_t { kEqual, kDelete, kInsert };

struct Edit {
  Op op;
  size_t a;  // line index in `from` (kEqual, kDelete)
  size_t b;  // line index in `to` (kEqual, kInsert)
};

// A line, and whether it is a last line without a newline: two lines are
// equal when both agree.
struct TextLine {
  std::string_view text;
  bool no_newline = false;
  friend bool operator==(const TextLine&, const TextLine&) = default;
};

std::vector<TextLine> SplitLines(std::string_view s) {
  std::vector<TextLine> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back({s.substr(start), true});
      break;
    }
    lines.push_back({s.substr(start, nl - start), false});
    start = nl + 1;
  }
  return lines;
}

// Myers on a[a0..a1) and b[b0..b1); appends the edits in order.
void Myers(const std::vector<TextLine>& a, size_t a0, size_t a1,
           const std::vector<TextLine>& b, size_t b0, size_t b1, std::vector<Edit>& out) {
  const int n = static_cast<int>(a1 - a0), m = static_cast<int>(b1 - b0);
  const int max = n + m;
  std::vector<int> v(static_cast<size_t>(2 * max + 3), 0);
  const int off = max + 1;
  std::vector<std::vector<int>> trace;  // trace[d][k + d + 1] = v[k] before step d
  int found = -1;
  for (int d = 0; d <= max && d <= kMaxEdits; ++d) {
    trace.emplace_back(v.begin() + off - d - 1, v.begin() + off + d + 2);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                      : v[off + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[a0 + x] == b[b0 + y]) {
        ++x;
        ++y;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) {
    for (int i = 0; i < n; ++i) out.push_back({Op::kDelete, a0 + i, 0});
    for (int j = 0; j < m; ++j) out.push_back({Op::kInsert, 0, b0 + j});
    return;
  }
  std::vector<Edit> rev;
  int x = n, y = m;
  for (int d = found; d >= 0; --d) {
    const std::vector<int>& t = trace[static_cast<size_t>(d)];
    auto at = [&](int k) { return t[static_cast<size_t>(k + d + 1)]; };
    int k = x - y;
    int prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int prev_x = at(prev_k);
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      rev.push_back({Op::kEqual, a0 + x, b0 + y});
    }
    if (d > 0) {
      if (x == prev_x) {
        rev.push_back({Op::kInsert, 0, b0 + prev_y});
      } else {
        rev.push_back({Op::kDelete, a0 + prev_x, 0});
      }
    }
    x = prev_x;
    y = prev_y;
  }
  out.insert(out.end(), rev.rbegin(), rev.rend());
}

}  // namespace

std::string UnifiedDiff(std::string_view from, std::string_view to, std::string_view from_name,
                        std::string_view to_name, int context) {
  if (from == to) return "";
  std::vector<TextLine> a = SplitLines(from);
  std::vector<TextLine> b = SplitLines(to);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) {
    ++suf;
  }
  std::vector<Edit> edits;
  for (size_t i = 0; i < pre; ++i) edits.push_back({Op::kEqual, i, i});
  Myers(a, pre, a.size() - suf, b, pre, b.size() - suf, edits);
  for (size_t i = 0; i < suf; ++i) {
    edits.push_back({Op::kEqual, a.size() - suf + i, b.size() - suf + i});
  }

  std::string out = StrCat("--- ", from_name, "\n+++ ", to_name, "\n");
  auto line = [&](char mark, const TextLine& l) {
    out.push_back(mark);
    out.append(l.text);
    out.push_back('\n');
    if (l.no_newline) out += "\\ No newline at end of file\n";
  };
  const size_t ctx = static_cast<size_t>(std::max(context, 0));
  size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == Op::kEqual) ++i;
    if (i == edits.size()) break;
    // A hunk: from `ctx` lines before this change to `ctx` lines after the
    // last change that is at most 2*ctx equal lines from the next.
    size_t begin = i >= ctx ? i - ctx : 0;
    size_t end = i;
    while (true) {
      while (end < edits.size() && edits[end].op != Op::kEqual) ++end;
      size_t eq = end;
      while (eq < edits.size() && edits[eq].op == Op::kEqual) ++eq;
      if (eq < edits.size() && eq - end <= 2 * ctx) {
        end = eq;
        continue;
      }
      end = std::min(edits.size(), end + ctx);
      break;
    }
    size_t a_start = 0, b_start = 0, a_len = 0, b_len = 0;
    bool a_set = false, b_set = false;
    for (size_t j = begin; j < end; ++j) {
      const Edit& e = edits[j];
      if (e.op != Op::kInsert) {
        if (!a_set) a_start = e.a, a_set = true;
        ++a_len;
      }
      if (e.op != Op::kDelete) {
        if (!b_set) b_start = e.b, b_set = true;
        ++b_len;
      }
    }
    // An empty side is numbered by the line before it (diff's convention).
    if (!a_set) {
      for (size_t j = begin; j-- > 0;) {
        if (edits[j].op != Op::kInsert) {
          a_start = edits[j].a + 1;
          break;
        }
      }
    }
    if (!b_set) {
      for (size_t j = begin; j-- > 0;) {
        if (edits[j].op != Op::kDelete) {
          b_start = edits[j].b + 1;
          break;
        }
      }
    }
    out += StrCat("@@ -", a_len == 0 ? a_start : a_start + 1, ",", a_len, " +",
                  b_len == 0 ? b_start : b_start + 1, ",", b_len, " @@\n");
    for (size_t j = begin; j < end; ++j) {
      const Edit& e = edits[j];
      switch (e.op) {
        case Op::kEqual: line(' ', a[e.a]); break;
        case Op::kDelete: line('-', a[e.a]); break;
        case Op::kInsert: line('+', b[e.b]); break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace cep::fmt
