// Tests for runtime/io/utf8.h and runtime/io/excerpt.h: UTF-8 validation
// at the edges of each sequence form, and printable message excerpts.
#include <string>

#include <doctest/doctest.h>

#include "runtime/io/excerpt.h"
#include "runtime/io/utf8.h"

namespace cep::rt::io {
namespace {

TEST_CASE("Utf8SequenceLength follows Unicode table 3-7") {
  CHECK(Utf8SequenceLength("a", 0) == 1);
  CHECK(Utf8SequenceLength(std::string("\0", 1), 0) == 1);
  CHECK(Utf8SequenceLength("\xC2\x80", 0) == 2);
  CHECK(Utf8SequenceLength("\xDF\xBF", 0) == 2);
  CHECK(Utf8SequenceLength("\xC1\xBF", 0) == 0);  // overlong
  CHECK(Utf8SequenceLength("\xE0\xA0\x80", 0) == 3);
  CHECK(Utf8SequenceLength("\xE0\x9F\xBF", 0) == 0);  // overlong
  CHECK(Utf8SequenceLength("\xED\x9F\xBF", 0) == 3);
  CHECK(Utf8SequenceLength("\xED\xA0\x80", 0) == 0);  // surrogate
  CHECK(Utf8SequenceLength("\xEF\xBF\xBF", 0) == 3);
  CHECK(Utf8SequenceLength("\xF0\x90\x80\x80", 0) == 4);
  CHECK(Utf8SequenceLength("\xF0\x8F\xBF\xBF", 0) == 0);  // overlong
  CHECK(Utf8SequenceLength("\xF4\x8F\xBF\xBF", 0) == 4);
  CHECK(Utf8SequenceLength("\xF4\x90\x80\x80", 0) == 0);  // > U+10FFFF
  CHECK(Utf8SequenceLength("\xF5\x80\x80\x80", 0) == 0);
  CHECK(Utf8SequenceLength("\x80", 0) == 0);
  CHECK(Utf8SequenceLength("\xE2\x82", 0) == 0);  // truncated
  CHECK(Utf8SequenceLength("x\xC3\xA9", 1) == 2);
}

TEST_CASE("Utf8InvalidLength is the maximal subpart") {
  CHECK(Utf8InvalidLength("\xE2\x82x", 0) == 2);
  CHECK(Utf8InvalidLength("\xF0\x9F\x98x", 0) == 3);
  CHECK(Utf8InvalidLength("\xC0\xAF", 0) == 1);
  CHECK(Utf8InvalidLength("\xED\xA0\x80", 0) == 1);
  CHECK(Utf8InvalidLength("\xff", 0) == 1);
}

TEST_CASE("FirstInvalidUtf8") {
  CHECK(FirstInvalidUtf8("") == 0);
  CHECK(FirstInvalidUtf8("all ascii, more than eight bytes") == 32);
  CHECK(FirstInvalidUtf8("caf\xC3\xA9") == 5);
  CHECK(FirstInvalidUtf8("0123456789\xff") == 10);
  CHECK(FirstInvalidUtf8("ab\xC3") == 2);
}

TEST_CASE("Excerpt escapes and shortens") {
  CHECK(Excerpt("plain") == "plain");
  CHECK(Excerpt("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(Excerpt("a\nb\tc\rd") == "a\\nb\\tc\\rd");
  CHECK(Excerpt(std::string("\0\x7f\xff", 3)) == "\\x00\\x7f\\xff");
  CHECK(Excerpt(std::string(100, 'x')) == std::string(64, 'x') + "...");
  CHECK(Excerpt("abcdef", 3) == "abc...");
  // Never cut inside a character.
  CHECK(Excerpt("ab\xC3\xA9", 3) == "ab...");
}

}  // namespace
}  // namespace cep::rt::io
