// "Did you mean" suggestions: the closest candidate by edit distance
// (Damerau-Levenshtein with transpositions, case-insensitive tie-break),
// accepted only when the distance is small relative to the name's length
// (at most max(1, len/3)); failing that, a candidate of at least 3 letters
// that the name starts with or that starts with the name ("lowercase" ->
// "lower"). Tested by tests/unit/suggest_test.cc.
#ifndef CEP_COMPILER_DIAG_SUGGEST_H_
#define CEP_COMPILER_DIAG_SUGGEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cep {

size_t EditDistance(std::string_view a, std::string_view b);

std::optional<std::string> Suggest(std::string_view name,
                                   const std::vector<std::string_view>& candidates);

// "; did you mean 'x'?" or "" — ready to append to a message.
std::string DidYouMean(std::string_view name,
                       const std::vector<std::string_view>& candidates);

}  // namespace cep

#endif  // CEP_COMPILER_DIAG_SUGGEST_H_
