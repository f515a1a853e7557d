// "Did you mean" suggestions (see suggest.h): optimal-string-alignment edit
// distance and the choice of the closest candidate.
// Tested by tests/unit/suggest_test.cc.
#include "compiler/diag/suggest.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cep {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

// Damerau-Levenshtein, optimal string alignment variant (a transposed pair
// costs one edit; no substring is edited twice). Three rolling rows.
size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t m = b.size();
  std::vector<size_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      cur[j] = best;
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> Suggest(std::string_view name,
                                   const std::vector<std::string_view>& candidates) {
  if (name.empty()) return std::nullopt;
  const size_t limit = std::max<size_t>(1, name.size() / 3);
  const std::string lower_name = AsciiLower(name);
  const std::string_view* best = nullptr;
  size_t best_distance = 0;
  size_t best_folded = 0;
  for (const std::string_view& candidate : candidates) {
    if (candidate.empty() || candidate == name) continue;
    const size_t length_gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                             : name.size() - candidate.size();
    if (length_gap > limit) continue;  // the distance is at least the gap
    const size_t distance = EditDistance(name, candidate);
    if (distance > limit) continue;
    const size_t folded = EditDistance(lower_name, AsciiLower(candidate));
    // Strictly better only: on a full tie the earlier candidate stays.
    if (best == nullptr || distance < best_distance ||
        (distance == best_distance && folded < best_folded)) {
      best = &candidate;
      best_distance = distance;
      best_folded = folded;
    }
  }
  if (best != nullptr) return std::string(*best);
  // A name that merely adds to a candidate ("lowercase", "integer") or cuts
  // it short: the shortest such candidate of at least 3 letters.
  for (const std::string_view& candidate : candidates) {
    if (candidate.size() < 3 || candidate == name) continue;
    const bool prefix = name.size() > candidate.size()
                            ? name.substr(0, candidate.size()) == candidate
                            : name.size() >= 3 && candidate.substr(0, name.size()) == name;
    if (prefix && (best == nullptr || candidate.size() < best->size())) best = &candidate;
  }
  if (best == nullptr) return std::nullopt;
  return std::string(*best);
}

std::string DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::optional<std::string> s = Suggest(name, candidates);
  if (!s.has_value()) return "";
  return absl::StrCat("; did you mean '", *s, "'?");
}

}  // namespace cep
