// Helpers for the input tests (io_*_test.cc): rules compiled from text, an
// in-memory input as a LineReader (a memfd, so the real read path runs), and
// events as JSON text for comparisons.
#ifndef CEP_TESTS_UNIT_IO_TEST_UTIL_H_
#define CEP_TESTS_UNIT_IO_TEST_UTIL_H_

#include <sys/mman.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "compiler/driver/frontend.h"
#include "runtime/event.h"
#include "runtime/io/event_source.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/line_reader.h"

namespace cep::rt::io::testing {

// Rules compiled from text; REQUIREs that they compile.
class Rules {
 public:
  explicit Rules(std::string text) {
    result_ = driver::CompileText("t.cep", std::move(text), sources_, diags_);
    std::string errors;
    for (const Diagnostic* d : diags_.Sorted()) errors += d->message + "\n";
    REQUIRE_MESSAGE(result_->compiled_ok, errors);
  }
  const check::Schema& schema() const { return result_->checked.schema; }
  const check::CheckedProgram& program() const { return result_->checked; }
  const driver::FrontendResult& result() const { return *result_; }
  // Types some rule reads.
  std::vector<bool> used_types() const {
    std::vector<bool> used(schema().size(), false);
    for (const ir::RuleIR& rule : result_->ir.rules) {
      for (EventTypeId t : rule.input_types) used[t] = true;
    }
    return used;
  }

 private:
  SourceManager sources_;
  DiagnosticEngine diags_;
  std::unique_ptr<driver::FrontendResult> result_;
};

// `contents` as an input file (read through a memfd).
inline std::unique_ptr<LineReader> MemoryInput(const std::string& contents,
                                               const std::string& name = "in",
                                               LineReaderOptions options = {}) {
  int fd = ::memfd_create("cep_test_input", MFD_CLOEXEC);
  REQUIRE(fd >= 0);
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    REQUIRE(n > 0);
    done += static_cast<size_t>(n);
  }
  REQUIRE(::lseek(fd, 0, SEEK_SET) == 0);
  return LineReader::FromFd(fd, name, /*owned=*/true, options);
}

// An event as JSON Lines output writes it, then "@line".
inline std::string EventText(const Event& e, const check::Schema& schema) {
  std::string s;
  AppendEventJson(e, schema.type(e.type), &s);
  s += "@" + std::to_string(e.input_line);
  return s;
}

// Everything a source hands out: events as EventText, bad records as
// "line: message".
inline std::vector<std::string> Drain(EventSource& source, EventStore& store,
                                      const check::Schema& schema) {
  std::vector<std::string> out;
  SourceRecord record;
  while (source.Next(&record)) {
    if (record.event != nullptr) {
      out.push_back(EventText(*record.event, schema));
      store.Release(record.event);
    } else {
      out.push_back(std::to_string(record.error.line) + ": " + record.error.message);
    }
  }
  return out;
}

}  // namespace cep::rt::io::testing

#endif  // CEP_TESTS_UNIT_IO_TEST_UTIL_H_
