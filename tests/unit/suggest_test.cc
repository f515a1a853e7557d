// Tests for compiler/diag/suggest.h: the edit distance and the choice of a
// "did you mean" candidate.
#include "compiler/diag/suggest.h"

#include <doctest/doctest.h>

namespace cep {
namespace {

TEST_CASE("EditDistance counts insertions, deletions and substitutions") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("amount", "amount") == 0);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("amout", "amount") == 1);
  CHECK(EditDistance("amount", "amout") == 1);
  CHECK(EditDistance("flaw", "lawn") == 2);
}

TEST_CASE("EditDistance counts an adjacent transposition as one edit") {
  CHECK(EditDistance("ab", "ba") == 1);
  CHECK(EditDistance("amuont", "amount") == 1);
  CHECK(EditDistance("teh", "the") == 1);
  // Optimal string alignment: a transposed pair is not edited again, so this
  // is 3 (true Damerau-Levenshtein would say 2).
  CHECK(EditDistance("ca", "abc") == 3);
}

TEST_CASE("EditDistance is case-sensitive") {
  CHECK(EditDistance("a", "A") == 1);
  CHECK(EditDistance("Payment", "payment") == 1);
}

TEST_CASE("Suggest picks the closest candidate") {
  CHECK(Suggest("amout", {"id", "account", "amount"}) == "amount");
  CHECK(Suggest("amuont", {"amount", "currency"}) == "amount");
  CHECK(Suggest("Paymnet", {"Login", "Payment", "Transfer"}) == "Payment");
}

TEST_CASE("Suggest accepts at most max(1, len/3) edits") {
  // len 3: one edit.
  CHECK(Suggest("fop", {"foo"}) == "foo");
  CHECK(Suggest("fxx", {"foo"}) == std::nullopt);
  // len 2 and len 1: still one edit.
  CHECK(Suggest("ix", {"id"}) == "id");
  CHECK(Suggest("x", {"y"}) == "y");
  CHECK(Suggest("x", {"yz"}) == std::nullopt);
  // len 6: two edits, not three.
  CHECK(Suggest("amnt", {"amount"}) == std::nullopt);  // len 4: one edit only
  CHECK(Suggest("amoxxt", {"amount"}) == "amount");
  CHECK(Suggest("axxxnt", {"amount"}) == std::nullopt);
  // len 9: three edits.
  CHECK(Suggest("timestxxx", {"timestamp"}) == "timestamp");
  CHECK(Suggest("timexxxxx", {"timestamp"}) == std::nullopt);
}

TEST_CASE("Suggest breaks ties by case-insensitive distance, then by order") {
  // Both are one edit away; "userId" differs only in case.
  CHECK(Suggest("userid", {"usercd", "userId"}) == "userId");
  CHECK(Suggest("userid", {"userId", "usercd"}) == "userId");
  // Full tie: the first candidate wins.
  CHECK(Suggest("abcd", {"abce", "abcf"}) == "abce");
  CHECK(Suggest("abcd", {"abcf", "abce"}) == "abcf");
  // A closer case-sensitive distance beats a better case-insensitive one.
  // "logins" is two edits away but equal ignoring case; "LogIn" is one.
  CHECK(Suggest("LogIns", {"logins", "LogIn"}) == "LogIn");
}

TEST_CASE("Suggest never offers the name itself") {
  CHECK(Suggest("amount", {"amount"}) == std::nullopt);
  CHECK(Suggest("amount", {"amount", "amounts"}) == "amounts");
  // A different spelling of the name is a real suggestion.
  CHECK(Suggest("amount", {"Amount"}) == "Amount");
}

TEST_CASE("Suggest with nothing to offer") {
  CHECK(Suggest("amount", {}) == std::nullopt);
  CHECK(Suggest("", {"a", ""}) == std::nullopt);
  CHECK(Suggest("x", {""}) == std::nullopt);  // an empty candidate is never offered
}

TEST_CASE("DidYouMean formats the suggestion for a message") {
  CHECK(DidYouMean("amout", {"amount", "currency"}) == "; did you mean 'amount'?");
  CHECK(DidYouMean("zzzzzz", {"amount", "currency"}) == "");
  CHECK(DidYouMean("amount", {}) == "");
}

}  // namespace
}  // namespace cep
