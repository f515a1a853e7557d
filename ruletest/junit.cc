// See junit.h.
#include "ruletest/junit.h"

#include <cstdio>

#include "compiler/util/strcat.h"

namespace cep::ruletest {
namespace {

std::string Time(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  return buf;
}

// Length of the valid UTF-8 sequence at s[i] that XML allows, else 0.
size_t XmlCharLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
    return 0;
  }
  return n;
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = XmlCharLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (n == 1) {
      switch (s[i]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out.push_back(s[i]); break;
      }
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string JunitXml(const std::vector<FileResult>& files) {
  int tests = 0, failures = 0, errors = 0;
  double seconds = 0;
  std::string suites;
  for (const FileResult& f : files) {
    int t = static_cast<int>(f.cases.size()), fl = f.failed(), er = f.errors();
    if (!f.error.empty()) {
      t = 1;
      er = 1;
    }
    tests += t;
    failures += fl;
    errors += er;
    seconds += f.seconds;
    suites += StrCat("  <testsuite name=\"", XmlEscape(f.path), "\" tests=\"", t, "\" failures=\"",
                     fl, "\" errors=\"", er, "\" skipped=\"0\" time=\"", Time(f.seconds), "\">\n");
    if (!f.error.empty()) {
      suites += StrCat("    <testcase name=\"(load)\" classname=\"", XmlEscape(f.path),
                       "\" file=\"", XmlEscape(f.path), "\" time=\"0.000\">\n",
                       "      <error message=\"the test file could not run\">", XmlEscape(f.error),
                       "</error>\n    </testcase>\n");
    }
    for (const CaseResult& c : f.cases) {
      suites += StrCat("    <testcase name=\"", XmlEscape(c.name), "\" classname=\"",
                       XmlEscape(f.path), "\" file=\"", XmlEscape(f.path), "\" line=\"", c.line,
                       "\" time=\"", Time(c.seconds), "\"");
      if (c.outcome == CaseResult::Outcome::kPass) {
        suites += "/>\n";
        continue;
      }
      const char* tag = c.outcome == CaseResult::Outcome::kFail ? "failure" : "error";
      suites += StrCat(">\n      <", tag, " message=\"", XmlEscape(c.message), "\">",
                       XmlEscape(c.details), "</", tag, ">\n    </testcase>\n");
    }
    suites += "  </testsuite>\n";
  }
  return StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cep test\" tests=\"",
                tests, "\" failures=\"", failures, "\" errors=\"", errors, "\" time=\"",
                Time(seconds), "\">\n", suites, "</testsuites>\n");
}

}  // namespace cep::ruletest
