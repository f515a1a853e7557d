// Tests for runtime/io/line_reader.h: line splitting across chunk
// boundaries, CRLF, a missing final newline, NUL bytes, the byte order mark,
// over-long lines (with a small limit) and bounded memory, empty and missing
// files, pipes, and the padding after every line.
#include "runtime/io/line_reader.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace cep::rt::io {
namespace {

// A file under the temp directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("cep_line_reader_test_" + std::to_string(::getpid()) + "_" +
              std::to_string(counter++)))
                .string();
    std::ofstream out(path_, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Got {
  std::string text;
  uint64_t number;
  uint64_t length;
  bool missing_newline;
  bool too_long;
};

std::vector<Got> ReadAll(LineReader& reader) {
  std::vector<Got> out;
  Line line;
  while (reader.Next(&line)) {
    // The padding after the line must be readable (ASan checks this).
    volatile unsigned sum = 0;
    const char* end = line.text.data() + line.text.size();
    if (line.text.data() != nullptr) {
      for (size_t k = 0; k < kLinePadding; ++k) sum = sum + static_cast<unsigned char>(end[k]);
    }
    out.push_back({std::string(line.text), line.number, line.length, line.missing_newline,
                   line.too_long});
  }
  CHECK(reader.status().ok());
  return out;
}

std::vector<Got> ReadString(const std::string& contents, LineReaderOptions options = {}) {
  TempFile file(contents);
  absl::StatusOr<std::unique_ptr<LineReader>> reader = LineReader::Open(file.path(), options);
  REQUIRE(reader.ok());
  std::vector<Got> lines = ReadAll(**reader);
  CHECK((*reader)->bytes_read() == contents.size());
  return lines;
}

std::vector<std::string> Texts(const std::vector<Got>& lines) {
  std::vector<std::string> out;
  for (const Got& g : lines) out.push_back(g.text);
  return out;
}

TEST_CASE("lines are split on newlines and numbered from 1") {
  std::vector<Got> lines = ReadString("a\nbb\nccc\n");
  REQUIRE(lines.size() == 3);
  CHECK(Texts(lines) == std::vector<std::string>{"a", "bb", "ccc"});
  CHECK(lines[0].number == 1);
  CHECK(lines[2].number == 3);
  CHECK(lines[1].length == 2);
  CHECK_FALSE(lines[2].missing_newline);
}

TEST_CASE("CRLF endings are removed; a lone CR is kept") {
  CHECK(Texts(ReadString("a\r\nb\r\n")) == std::vector<std::string>{"a", "b"});
  CHECK(Texts(ReadString("a\rb\n")) == std::vector<std::string>{"a\rb"});
  CHECK(Texts(ReadString("a\r\r\n")) == std::vector<std::string>{"a\r"});
}

TEST_CASE("a last line without a newline is returned and flagged") {
  std::vector<Got> lines = ReadString("a\nb");
  REQUIRE(lines.size() == 2);
  CHECK_FALSE(lines[0].missing_newline);
  CHECK(lines[1].text == "b");
  CHECK(lines[1].missing_newline);
  lines = ReadString("{\"type\":\"A\",\"ti");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "{\"type\":\"A\",\"ti");
  CHECK(lines[0].missing_newline);
}

TEST_CASE("empty input and empty lines") {
  CHECK(ReadString("").empty());
  std::vector<Got> lines = ReadString("\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text.empty());
  CHECK(Texts(ReadString("\n\nx\n\n")) == std::vector<std::string>{"", "", "x", ""});
}

TEST_CASE("NUL bytes and invalid UTF-8 are ordinary bytes") {
  const std::string nuls(100, '\0');
  std::vector<Got> lines = ReadString(nuls + "\n" + "ok\n" + "\xff\xfe\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == nuls);
  CHECK(lines[1].text == "ok");
  CHECK(lines[2].text == "\xff\xfe");
}

TEST_CASE("a byte order mark at the start is skipped, elsewhere kept") {
  CHECK(Texts(ReadString("\xEF\xBB\xBF" "a\n\xEF\xBB\xBF" "b\n")) ==
        std::vector<std::string>{"a", "\xEF\xBB\xBF" "b"});
  CHECK(ReadString("\xEF\xBB\xBF").empty());
  CHECK(Texts(ReadString("\xEF\xBB")) == std::vector<std::string>{"\xEF\xBB"});
}

TEST_CASE("lines are reassembled across chunk boundaries") {
  // Lines of every length from 0 to 80, with LF and CRLF, read with small
  // chunks so that every split position (including between "\r" and "\n")
  // occurs.
  std::string contents;
  std::vector<std::string> expected;
  for (int len = 0; len <= 80; ++len) {
    std::string line;
    for (int k = 0; k < len; ++k) line.push_back(static_cast<char>('a' + (len + k) % 26));
    expected.push_back(line);
    contents += line;
    contents += len % 3 == 0 ? "\r\n" : "\n";
  }
  for (size_t chunk : {16, 17, 23, 31, 64, 1 << 20}) {
    INFO("chunk " << chunk);
    LineReaderOptions options;
    options.chunk_bytes = chunk;
    std::vector<Got> lines = ReadString(contents, options);
    CHECK(Texts(lines) == expected);
    REQUIRE(lines.size() == expected.size());
    for (size_t k = 0; k < lines.size(); ++k) CHECK(lines[k].number == k + 1);
  }
}

TEST_CASE("the buffer grows for a long line, up to the limit") {
  LineReaderOptions options;
  options.chunk_bytes = 16;
  options.max_line_bytes = 1000;
  const std::string long_line(700, 'x');
  TempFile file("a\n" + long_line + "\nb\n");
  auto reader = LineReader::Open(file.path(), options);
  REQUIRE(reader.ok());
  CHECK(Texts(ReadAll(**reader)) == std::vector<std::string>{"a", long_line, "b"});
  CHECK((*reader)->capacity() >= 700);
  CHECK((*reader)->capacity() <= 1002);
}

TEST_CASE("a line over the limit is reported once and skipped") {
  LineReaderOptions options;
  options.chunk_bytes = 16;
  options.max_line_bytes = 10;
  const std::string contents = "short\n" + std::string(11, 'x') + "\n" +
                               std::string(10, 'y') + "\r\n" + std::string(1000, 'z') +
                               "\r\nafter\n" + std::string(50, 'w');
  TempFile file(contents);
  auto reader = LineReader::Open(file.path(), options);
  REQUIRE(reader.ok());
  std::vector<Got> lines = ReadAll(**reader);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0].text == "short");
  CHECK(lines[1].too_long);
  CHECK(lines[1].text.empty());
  CHECK(lines[1].length == 11);
  CHECK(lines[1].number == 2);
  CHECK_FALSE(lines[2].too_long);  // exactly the limit, with CRLF
  CHECK(lines[2].text == std::string(10, 'y'));
  CHECK(lines[3].too_long);
  CHECK(lines[3].length == 1000);
  CHECK_FALSE(lines[3].missing_newline);
  CHECK(lines[4].text == "after");
  CHECK(lines[4].number == 5);
  CHECK(lines[5].too_long);
  CHECK(lines[5].missing_newline);
  CHECK(lines[5].length == 50);
  CHECK((*reader)->capacity() == 16);  // never grew
  CHECK((*reader)->bytes_read() == contents.size());
  Line shown;
  shown.length = 1000;
  CHECK(TooLongLineMessage(shown, 10) ==
        "line is 1000 bytes long, over the limit of 10 bytes; skipped");
}

TEST_CASE("a huge line does not grow memory past the limit") {
  LineReaderOptions options;
  options.max_line_bytes = 1 << 20;  // 1 MiB; the line is 24 MiB
  const std::string huge(24 << 20, 'h');
  TempFile file("{\"a\":1}\n" + huge + "\n{\"b\":2}\n");
  auto reader = LineReader::Open(file.path(), options);
  REQUIRE(reader.ok());
  Line line;
  REQUIRE((*reader)->Next(&line));
  CHECK(line.text == "{\"a\":1}");
  REQUIRE((*reader)->Next(&line));
  CHECK(line.too_long);
  CHECK(line.length == huge.size());
  CHECK(line.number == 2);
  REQUIRE((*reader)->Next(&line));
  CHECK(line.text == "{\"b\":2}");
  CHECK(line.number == 3);
  CHECK_FALSE((*reader)->Next(&line));
  CHECK((*reader)->capacity() <= (size_t{1} << 20) + 2);
}

TEST_CASE("opening errors name the path") {
  absl::StatusOr<std::unique_ptr<LineReader>> missing =
      LineReader::Open("/nonexistent/dir/events.jsonl");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(missing.status().message() ==
        "cannot open input '/nonexistent/dir/events.jsonl': No such file or directory");

  absl::StatusOr<std::unique_ptr<LineReader>> dir =
      LineReader::Open(std::filesystem::temp_directory_path().string());
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(dir.status().message().find("is a directory") != absl::string_view::npos);

  if (::geteuid() != 0) {  // root reads anything
    TempFile file("x\n");
    std::filesystem::permissions(file.path(), std::filesystem::perms::none);
    absl::StatusOr<std::unique_ptr<LineReader>> denied = LineReader::Open(file.path());
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.status().code() == absl::StatusCode::kPermissionDenied);
  }
}

TEST_CASE("reads from a pipe (as for standard input)") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string data = "one\ntwo\r\nthree";
  REQUIRE(::write(fds[1], data.data(), data.size()) == static_cast<ssize_t>(data.size()));
  ::close(fds[1]);
  std::unique_ptr<LineReader> reader = LineReader::FromFd(fds[0], "<pipe>", /*owned=*/true);
  CHECK(reader->name() == "<pipe>");
  std::vector<Got> lines = ReadAll(*reader);
  CHECK(Texts(lines) == std::vector<std::string>{"one", "two", "three"});
  CHECK(lines.back().missing_newline);
  CHECK(reader->line_count() == 3);
}

TEST_CASE("a read error ends the lines with a status") {
  // A write-only descriptor cannot be read.
  TempFile file("x\n");
  FILE* f = std::fopen(file.path().c_str(), "w");
  REQUIRE(f != nullptr);
  std::unique_ptr<LineReader> reader = LineReader::FromFd(::fileno(f), "wo", /*owned=*/false);
  Line line;
  CHECK_FALSE(reader->Next(&line));
  CHECK(reader->status().code() == absl::StatusCode::kDataLoss);
  CHECK(reader->status().message().find("error reading input 'wo'") != absl::string_view::npos);
  std::fclose(f);
}

}  // namespace
}  // namespace cep::rt::io
