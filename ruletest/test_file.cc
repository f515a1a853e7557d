// See test_file.h. A line is split into words up to the first '{' (where a
// JSON object starts); an object that is not closed on its line continues
// on the next ones.
#include "ruletest/test_file.h"

#include <cctype>
#include <filesystem>

#include "compiler/parse/literals.h"
#include "compiler/util/strcat.h"
#include "runtime/io/time_parse.h"

namespace cep::ruletest {
namespace {

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool IsName(std::string_view s) {
  if (s.empty()) return false;
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') return true;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// The type name as the schema knows it: `quoted` names lose their backticks.
std::string TypeName(std::string_view s) {
  if (s.size() >= 2 && s.front() == '`') return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

class FileParser {
 public:
  FileParser(std::string_view text, const std::string& path, TestFile* out,
             std::vector<std::string>* errors)
      : path_(path), out_(out), errors_(errors) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) {
        if (start < text.size()) lines_.push_back(text.substr(start));
        break;
      }
      lines_.push_back(text.substr(start, nl - start));
      start = nl + 1;
    }
    dir_ = std::filesystem::path(path).parent_path();
  }

  void Run() {
    out_->path = path_;
    for (line_ = 0; line_ < lines_.size(); ++line_) Statement();
    if (out_->rules.empty()) {
      std::filesystem::path p(path_);
      out_->rules.push_back(Resolve(p.stem().string() + ".cep"));
    }
    if (out_->tests.empty()) Error(0, 0, "no tests: start one with 'test NAME'");
    for (const TestCase& t : out_->tests) {
      bool has_expect = false;
      for (const Step& s : t.steps) has_expect = has_expect || s.is_expectation();
      if (!has_expect) {
        Error(t.line, 0,
              StrCat("test '", t.name,
                     "' checks nothing: add 'expect ...' lines (or 'expect nothing')"));
      }
    }
  }

 private:
  std::string Resolve(const std::string& p) const {
    std::filesystem::path fp(p);
    if (fp.is_absolute() || dir_.empty()) return fp.lexically_normal().string();
    return (dir_ / fp).lexically_normal().string();
  }

  void Error(size_t line, size_t col, std::string message) {
    errors_->push_back(col > 0 ? StrCat(path_, ":", line, ":", col, ": ", message)
                               : line > 0 ? StrCat(path_, ":", line, ": ", message)
                                          : StrCat(path_, ": ", message));
  }
  // An error at byte `at` of the current line.
  void ErrorAt(std::string_view at, std::string message) {
    size_t col = at.data() >= lines_[line_].data() ? at.data() - lines_[line_].data() + 1 : 0;
    Error(line_ + 1, col, std::move(message));
  }

  // Splits off the next word of `rest` (up to a blank or '{').
  static std::string_view Word(std::string_view* rest) {
    size_t b = rest->find_first_not_of(" \t\r");
    if (b == std::string_view::npos || (*rest)[b] == '{') {
      *rest = b == std::string_view::npos ? std::string_view() : rest->substr(b);
      return {};
    }
    size_t e;
    if ((*rest)[b] == '`') {
      // A `quoted` name may hold blanks.
      e = rest->find('`', b + 1);
      e = e == std::string_view::npos ? rest->size() : e + 1;
    } else {
      e = rest->find_first_of(" \t\r{", b);
      if (e == std::string_view::npos) e = rest->size();
    }
    std::string_view w = rest->substr(b, e - b);
    *rest = rest->substr(e);
    return w;
  }

  // Parses the JSON object starting in `rest` (possibly continued on the
  // next lines); an absent object is an empty one.
  bool Object(std::string_view rest, JsonValue* out) {
    rest = Trim(rest);
    out->kind = JsonValue::Kind::kObject;
    if (rest.empty()) return true;
    if (rest[0] != '{') {
      ErrorAt(rest, StrCat("expected a JSON object {...}, found '", rest, "'"));
      return false;
    }
    size_t first_line = line_;
    std::string text(rest);
    size_t base_col = static_cast<size_t>(rest.data() - lines_[line_].data());
    while (true) {
      size_t pos = 0;
      JsonValue v;
      std::optional<JsonError> e = ParseJson(text, &pos, &v);
      if (e && e->incomplete && line_ + 1 < lines_.size()) {
        ++line_;
        text += "\n";
        text += lines_[line_];
        continue;
      }
      if (e) {
        // Place the error: line and column within the joined text.
        size_t line = first_line, col = base_col;
        for (size_t i = 0; i < e->offset && i < text.size(); ++i) {
          if (text[i] == '\n') {
            ++line;
            col = 0;
          } else {
            ++col;
          }
        }
        Error(line + 1, col + 1, StrCat("bad JSON: ", e->message));
        return false;
      }
      if (v.kind != JsonValue::Kind::kObject) {
        ErrorAt(rest, "expected a JSON object {...}");
        return false;
      }
      std::string_view after = Trim(std::string_view(text).substr(pos));
      if (!after.empty()) {
        Error(line_ + 1, 0, StrCat("unexpected text after the JSON object: '", after, "'"));
        return false;
      }
      *out = std::move(v);
      return true;
    }
  }

  bool Time(std::string_view word, TimeSpec* out) {
    std::string error;
    std::optional<TimeSpec> t = ParseTimeSpec(word, &error);
    if (!t) {
      ErrorAt(word, error);
      return false;
    }
    *out = *t;
    return true;
  }

  TestCase* Current(std::string_view keyword) {
    if (out_->tests.empty()) {
      ErrorAt(keyword, StrCat("'", keyword, "' must be inside a test: start one with 'test NAME'"));
      return nullptr;
    }
    return &out_->tests.back();
  }

  void Statement() {
    std::string_view line = Trim(lines_[line_]);
    if (line.empty() || line[0] == '#') return;
    const int number = static_cast<int>(line_ + 1);
    if (line[0] == '{') {
      TestCase* t = Current("{");
      Step s;
      s.kind = Step::Kind::kRawEvent;
      s.line = number;
      size_t first = line_;
      if (!Object(line, &s.fields)) return;
      // The raw text, joined when the object spans lines.
      for (size_t i = first; i <= line_; ++i) s.raw += StrCat(i > first ? " " : "", Trim(lines_[i]));
      if (t != nullptr) t->steps.push_back(std::move(s));
      return;
    }
    std::string_view rest = line;
    std::string_view keyword = Word(&rest);
    if (keyword == "rules") {
      if (!out_->tests.empty()) return ErrorAt(keyword, "'rules' belongs before the first test");
      std::string_view w;
      while (!(w = Word(&rest)).empty()) out_->rules.push_back(Resolve(std::string(w)));
      if (out_->rules.empty()) ErrorAt(keyword, "'rules' needs one or more rule files");
    } else if (keyword == "start") {
      if (!out_->tests.empty()) return ErrorAt(keyword, "'start' belongs before the first test");
      std::string_view w = Word(&rest);
      absl::StatusOr<int64_t> t = rt::io::ParseRfc3339(w);
      if (!t.ok()) {
        return ErrorAt(w.empty() ? keyword : w,
                       "'start' needs an RFC 3339 time such as 2024-06-01T09:00:00Z");
      }
      out_->start_ns = *t;
      Extra(rest);
    } else if (keyword == "max-delay") {
      std::string_view w = Word(&rest);
      int64_t ns = 0;
      if (w.empty() || parse::DecodeDuration(w, &ns).has_value() || ns < 0) {
        return ErrorAt(w.empty() ? keyword : w, "'max-delay' needs a duration such as 5s");
      }
      if (!Setting(keyword)) return;
      if (out_->tests.empty()) {
        out_->max_delay_ns = ns;
      } else {
        out_->tests.back().max_delay_ns = ns;
      }
      Extra(rest);
    } else if (keyword == "order") {
      std::string_view w = Word(&rest);
      if (w != "any" && w != "strict") {
        return ErrorAt(w.empty() ? keyword : w,
                       "'order' is 'strict' (expectations in the order derived) or 'any'");
      }
      if (!Setting(keyword)) return;
      if (out_->tests.empty()) {
        out_->any_order = w == "any";
      } else {
        out_->tests.back().any_order = w == "any";
      }
      Extra(rest);
    } else if (keyword == "test") {
      TestCase t;
      t.line = number;
      t.max_delay_ns = out_->max_delay_ns;
      t.any_order = out_->any_order;
      std::string_view name = Trim(rest);
      if (!name.empty() && name[0] == '"') {
        JsonValue v;
        size_t pos = 0;
        if (ParseJson(name, &pos, &v) || v.kind != JsonValue::Kind::kString) {
          return ErrorAt(name, "bad test name: an unterminated quoted string");
        }
        t.name = v.text;
      } else {
        t.name = std::string(name);
      }
      if (t.name.empty()) return ErrorAt(keyword, "'test' needs a name: test NAME");
      for (const TestCase& other : out_->tests) {
        if (other.name == t.name) {
          return ErrorAt(name, StrCat("a test named '", t.name, "' is already on line ", other.line));
        }
      }
      out_->tests.push_back(std::move(t));
    } else if (keyword == "at") {
      TestCase* t = Current(keyword);
      Step s;
      s.kind = Step::Kind::kEvent;
      s.line = number;
      std::string_view when = Word(&rest);
      if (when.empty()) return ErrorAt(keyword, "'at' needs a time and an event type: at 10s Login {...}");
      TimeSpec ts;
      if (!Time(when, &ts)) return;
      s.time = ts;
      std::string_view type = Word(&rest);
      if (!IsName(type)) {
        return ErrorAt(type.empty() ? when : type,
                       "expected an event type after the time: at 10s Login {...}");
      }
      s.type = TypeName(type);
      if (!Object(rest, &s.fields)) return;
      if (t != nullptr) t->steps.push_back(std::move(s));
    } else if (keyword == "events") {
      TestCase* t = Current(keyword);
      std::string_view file = Word(&rest);
      if (file.empty()) return ErrorAt(keyword, "'events' needs a JSON Lines file: events login.jsonl");
      Step s;
      s.kind = Step::Kind::kEventsFile;
      s.line = number;
      s.written_path = std::string(file);
      s.path = Resolve(s.written_path);
      Extra(rest);
      if (t != nullptr) t->steps.push_back(std::move(s));
    } else if (keyword == "advance") {
      TestCase* t = Current(keyword);
      std::string_view when = Word(&rest);
      if (when.empty()) return ErrorAt(keyword, "'advance' needs a time: advance 15m");
      Step s;
      s.kind = Step::Kind::kAdvance;
      s.line = number;
      TimeSpec ts;
      if (!Time(when, &ts)) return;
      s.time = ts;
      Extra(rest);
      if (t != nullptr) t->steps.push_back(std::move(s));
    } else if (keyword == "end") {
      TestCase* t = Current(keyword);
      Step s;
      s.kind = Step::Kind::kEnd;
      s.line = number;
      Extra(rest);
      if (t != nullptr) t->steps.push_back(std::move(s));
    } else if (keyword == "expect") {
      TestCase* t = Current(keyword);
      Step s;
      s.line = number;
      std::string_view w = Word(&rest);
      if (w == "nothing") {
        s.kind = Step::Kind::kExpectNothing;
        Extra(rest);
        if (t != nullptr) t->steps.push_back(std::move(s));
        return;
      }
      s.kind = Step::Kind::kExpect;
      if (w == "exactly") {
        s.exactly = true;
        w = Word(&rest);
      }
      if (!IsName(w)) {
        return ErrorAt(w.empty() ? keyword : w,
                       "expected a derived event type (or 'nothing'): expect Alert {...}");
      }
      s.type = TypeName(w);
      std::string_view save = rest;
      std::string_view at = Word(&rest);
      if (at == "at") {
        std::string_view when = Word(&rest);
        TimeSpec ts;
        if (when.empty()) return ErrorAt(at, "'at' needs a time");
        if (!Time(when, &ts)) return;
        s.time = ts;
      } else {
        rest = save;
      }
      if (!Object(rest, &s.fields)) return;
      if (t != nullptr) t->steps.push_back(std::move(s));
    } else {
      ErrorAt(keyword,
              StrCat("unknown statement '", keyword,
                     "'; expected test, at, events, advance, end, expect, rules, start, "
                     "max-delay, order, a JSON event or a # comment"));
    }
  }

  // Settings inside a test must come before its steps.
  bool Setting(std::string_view keyword) {
    if (!out_->tests.empty() && !out_->tests.back().steps.empty()) {
      ErrorAt(keyword, StrCat("'", keyword, "' must come before the test's first step"));
      return false;
    }
    return true;
  }

  void Extra(std::string_view rest) {
    std::string_view r = Trim(rest);
    if (!r.empty()) ErrorAt(r, StrCat("unexpected '", r, "' at the end of the line"));
  }

  const std::string& path_;
  TestFile* out_;
  std::vector<std::string>* errors_;
  std::vector<std::string_view> lines_;
  std::filesystem::path dir_;
  size_t line_ = 0;
};

}  // namespace

std::optional<TimeSpec> ParseTimeSpec(std::string_view text, std::string* error) {
  TimeSpec t;
  std::string_view d = text;
  if (!d.empty() && d[0] == '+') {
    t.kind = TimeSpec::Kind::kFromPrevious;
    d = d.substr(1);
  } else if (d.size() > 4 && d[4] == '-') {
    // 2024-06-01T...: an instant.
    absl::StatusOr<int64_t> ns = rt::io::ParseRfc3339(d);
    if (!ns.ok()) {
      *error = StrCat("bad time '", text, "': ", std::string(ns.status().message()));
      return std::nullopt;
    }
    t.kind = TimeSpec::Kind::kAbsolute;
    t.ns = *ns;
    return t;
  }
  if (d == "0") {
    t.ns = 0;
    return t;
  }
  if (d.empty() || parse::DecodeDuration(d, &t.ns).has_value() || t.ns < 0) {
    *error = StrCat("bad time '", text,
                    "': write an offset from the start (45s, 1m30s), from the previous step "
                    "(+10s) or an RFC 3339 time (2024-06-01T09:00:45Z)");
    return std::nullopt;
  }
  return t;
}

void ParseTestFile(std::string_view text, const std::string& path, TestFile* out,
                   std::vector<std::string>* errors) {
  FileParser(text, path, out, errors).Run();
}

}  // namespace cep::ruletest
