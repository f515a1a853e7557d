// Golden diagnostic tests. Every *.cep file under the given directory carries
// its expected diagnostics inline, on comment lines of their own just above
// the line they point at:
//
//   // expect-error@+1:22: unknown-field: unknown field 'amout' in event type 'Payment'; did you mean 'amount'?
//   pattern p: Payment[amout > 100]
//
// (`@+N` = N lines below, `:COL` = the 1-based column, then the kind's stable
// name and the full message). The runner compiles each file as a root,
// regenerates the expectation comments from the diagnostics it got for that
// file, and compares with the file: any difference fails, with a diff.
// With CEP_UPDATE_GOLDENS=1 it rewrites the files instead.
//
// It also fails when some diagnostic kind in diagnostic_kinds.def has no
// golden case at all, so every kind stays covered.
//
// Usage: cep_diag_golden DIR   (prints "N passed, M failed")
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/driver/frontend.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

bool IsExpectLine(const std::string& line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string::npos && line.compare(i, 10, "// expect-") == 0;
}

struct Got {
  uint32_t line;    // 1-based, in the original file
  uint32_t column;  // 1-based
  std::string severity;
  std::string kind;
  std::string message;
};

// "// expect-error@+2:7: kind: message"
std::string FormatExpect(const std::string& indent, const Got& g, size_t lines_below) {
  return indent + "// expect-" + g.severity + "@+" + std::to_string(lines_below) + ":" +
         std::to_string(g.column) + ": " + g.kind + ": " + g.message + "\n";
}

// Rebuilds the file: drops existing expectation lines, then inserts one line
// per diagnostic above its target line, indented like that line.
std::string Regenerate(const std::vector<std::string>& lines, const std::vector<Got>& got) {
  std::map<uint32_t, std::vector<const Got*>> by_line;
  for (const Got& g : got) by_line[g.line].push_back(&g);
  std::string out;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (IsExpectLine(line)) continue;
    auto it = by_line.find(i + 1);
    if (it != by_line.end()) {
      std::string indent = line.substr(0, line.find_first_not_of(" \t") == std::string::npos
                                              ? 0
                                              : line.find_first_not_of(" \t"));
      size_t n = it->second.size();
      for (size_t k = 0; k < n; ++k) out += FormatExpect(indent, *it->second[k], n - k);
    }
    out += line + "\n";
  }
  // Diagnostics past the last line (end of file): put them at the end.
  for (auto& [line, gs] : by_line) {
    if (line <= lines.size()) continue;
    for (const Got* g : gs) out += FormatExpect("", *g, 1);
  }
  return out;
}

std::string Diff(const std::string& want, const std::string& have) {
  std::vector<std::string> a = SplitLines(want), b = SplitLines(have);
  std::ostringstream out;
  size_t i = 0, j = 0;
  int shown = 0;
  while ((i < a.size() || j < b.size()) && shown < 20) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i;
      ++j;
      continue;
    }
    if (i < a.size() && IsExpectLine(a[i])) {
      out << "  - " << a[i++] << "\n";
    } else if (j < b.size() && IsExpectLine(b[j])) {
      out << "  + " << b[j++] << "\n";
    } else {
      if (i < a.size()) out << "  - " << a[i++] << "\n";
      if (j < b.size()) out << "  + " << b[j++] << "\n";
    }
    ++shown;
  }
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: cep_diag_golden DIR\n";
    return 2;
  }
  bool update = std::getenv("CEP_UPDATE_GOLDENS") != nullptr &&
                std::string(std::getenv("CEP_UPDATE_GOLDENS")) == "1";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    if (e.is_regular_file() && e.path().extension() == ".cep") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());

  int passed = 0, failed = 0;
  std::set<std::string> kinds_seen;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string original = ss.str();

    cep::SourceManager sources;
    cep::DiagnosticEngine diags;
    auto result = cep::driver::CompileFiles({path.string()}, sources, diags);
    if (!result.ok()) {
      std::cerr << "FAIL " << path.string() << ": " << result.status().message() << "\n";
      ++failed;
      continue;
    }
    std::vector<Got> got;
    for (const cep::Diagnostic* d : diags.Sorted()) {
      if (d->range.file != 0) continue;  // only the root file's own diagnostics
      cep::LineCol lc = sources.Position(0, d->range.begin);
      std::string kind(cep::Info(d->kind).name);
      kinds_seen.insert(kind);
      got.push_back({lc.line, lc.column, std::string(cep::SeverityName(d->severity)), kind,
                     d->message});
    }
    std::string regenerated = Regenerate(SplitLines(original), got);
    if (regenerated == original) {
      ++passed;
      continue;
    }
    if (update) {
      std::ofstream(path, std::ios::binary) << regenerated;
      std::cerr << "updated " << path.string() << "\n";
      ++passed;
      continue;
    }
    ++failed;
    std::cerr << "FAIL " << path.string() << " (- expected, + got):\n"
              << Diff(original, regenerated);
  }

  // Every kind needs at least one golden case.
  std::vector<std::string> missing;
  for (size_t k = 0; k < static_cast<size_t>(cep::DiagKind::kCount_); ++k) {
    auto kind = static_cast<cep::DiagKind>(k);
    if (cep::Info(kind).severity == cep::Severity::kNote) continue;  // notes ride along
    std::string name(cep::Info(kind).name);
    if (!kinds_seen.contains(name)) missing.push_back(name);
  }
  if (!missing.empty()) {
    ++failed;
    std::cerr << "FAIL coverage: no golden case for diagnostic kind(s):";
    for (const auto& m : missing) std::cerr << " " << m;
    std::cerr << "\n";
  } else {
    ++passed;
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
