// A buffered writer for the generator: text is appended to a string and
// written out in 1 MiB blocks, so 10 M lines cost a few thousand write
// calls. Numbers are formatted with std::to_chars (no locale, exact).
// Used by bench/gen/*_stream.cc; exercised by bench/run --smoke.
#ifndef CEP_BENCH_GEN_OUTPUT_BUFFER_H_
#define CEP_BENCH_GEN_OUTPUT_BUFFER_H_

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace cep::bench {

class OutputBuffer {
 public:
  // `out` stays owned by the caller; `name` is used in errors.
  OutputBuffer(std::FILE* out, std::string name) : out_(out), name_(std::move(name)) {
    text_.reserve(kBlock + 4096);
  }

  void Append(std::string_view s) { text_.append(s); }
  void Append(char c) { text_.push_back(c); }
  void AppendInt(int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    text_.append(buf, r.ptr);
  }
  // A fixed-point number with two decimals from an integer count of
  // hundredths: 12345 -> "123.45", -5 -> "-0.05".
  void AppendHundredths(int64_t v) {
    if (v < 0) {
      text_.push_back('-');
      v = -v;
    }
    AppendInt(v / 100);
    text_.push_back('.');
    text_.push_back(static_cast<char>('0' + (v / 10) % 10));
    text_.push_back(static_cast<char>('0' + v % 10));
  }
  std::string& text() { return text_; }

  // Writes the block out once it is full; call after each line.
  absl::Status EndLine() {
    text_.push_back('\n');
    return text_.size() >= kBlock ? Flush() : absl::OkStatus();
  }
  absl::Status Flush() {
    if (!text_.empty() && std::fwrite(text_.data(), 1, text_.size(), out_) != text_.size()) {
      return absl::UnavailableError("cannot write " + name_);
    }
    text_.clear();
    if (std::fflush(out_) != 0) return absl::UnavailableError("cannot write " + name_);
    return absl::OkStatus();
  }

 private:
  static constexpr size_t kBlock = size_t{1} << 20;
  std::FILE* out_;
  std::string name_;
  std::string text_;
};

}  // namespace cep::bench

#endif  // CEP_BENCH_GEN_OUTPUT_BUFFER_H_
