// See load.h. Breadth-first over imports; cycles are found afterwards by a
// depth-first search over the resolved import graph so each cycle is reported
// once, at the import that closes it.
#include "compiler/driver/load.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "compiler/parse/parser.h"
#include "compiler/util/strcat.h"

namespace cep::driver {
namespace {

namespace fs = std::filesystem;

std::string CanonicalKey(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(path), ec);
  if (ec) return fs::absolute(fs::path(path), ec).lexically_normal().string();
  return p.string();
}

class Loader {
 public:
  Loader(SourceManager& sources, DiagnosticEngine& diags) : sources_(sources), diags_(diags) {}

  // Adds an already-registered file as a module; returns its index.
  uint32_t AddModule(FileId file, const std::string& key) {
    uint32_t index = static_cast<uint32_t>(program_.modules.size());
    program_.modules.push_back(parse::ParseModule(sources_, file, diags_));
    program_.imports.emplace_back();
    keys_.push_back(key);
    by_key_[key] = index;
    pending_.push_back(index);
    return index;
  }

  bool Known(const std::string& key) const { return by_key_.contains(key); }

  // Resolves the imports of every pending module, loading new files.
  void ResolveImports() {
    while (!pending_.empty()) {
      uint32_t index = pending_.front();
      pending_.pop_front();
      fs::path dir = fs::path(keys_[index]).parent_path();
      // Copy: AddModule may grow program_.modules.
      std::vector<ast::Import> imports = program_.modules[index].imports;
      for (const ast::Import& imp : imports) {
        fs::path target = fs::path(imp.path).is_absolute() ? fs::path(imp.path) : dir / imp.path;
        std::string key = CanonicalKey(target.string());
        auto it = by_key_.find(key);
        uint32_t to;
        if (it != by_key_.end()) {
          to = it->second;
        } else {
          absl::StatusOr<FileId> file = sources_.LoadFile(target.string());
          if (!file.ok()) {
            // The status says "<path>: why"; the path is the import's, as written.
            std::string why(file.status().message());
            std::string prefix = target.string() + ": ";
            if (why.compare(0, prefix.size(), prefix) == 0) why = why.substr(prefix.size());
            diags_.Report(DiagKind::kImportNotFound, imp.range,
                          StrCat("cannot import '", imp.path, "': ", why,
                                 " (paths are relative to the importing file)"));
            continue;
          }
          to = AddModule(*file, key);
        }
        auto& edges = program_.imports[index];
        if (std::find(edges.begin(), edges.end(), to) == edges.end()) edges.push_back(to);
        import_sites_[{index, to}] = imp.range;
      }
    }
  }

  void ReportCycles() {
    size_t n = program_.modules.size();
    std::vector<int> color(n, 0);  // 0 new, 1 on stack, 2 done
    std::vector<uint32_t> stack;
    // Iterative DFS: (node, next edge index).
    for (uint32_t root = 0; root < n; ++root) {
      if (color[root] != 0) continue;
      std::vector<std::pair<uint32_t, size_t>> work{{root, 0}};
      color[root] = 1;
      stack.push_back(root);
      while (!work.empty()) {
        auto& [node, edge] = work.back();
        const auto& edges = program_.imports[node];
        if (edge == edges.size()) {
          color[node] = 2;
          stack.pop_back();
          work.pop_back();
          continue;
        }
        uint32_t to = edges[edge++];
        if (color[to] == 1) {
          ReportCycle(stack, node, to);
        } else if (color[to] == 0) {
          color[to] = 1;
          stack.push_back(to);
          work.push_back({to, 0});
        }
      }
    }
  }

  ast::Program Take() { return std::move(program_); }

 private:
  void ReportCycle(const std::vector<uint32_t>& stack, uint32_t from, uint32_t to) {
    auto start = std::find(stack.begin(), stack.end(), to);
    std::string chain;
    // File names only: the chain reads the same wherever the files live.
    auto name = [&](uint32_t m) {
      return fs::path(std::string(sources_.path(program_.modules[m].file))).filename().string();
    };
    for (auto it = start; it != stack.end(); ++it) chain += StrCat("'", name(*it), "' imports ");
    chain += StrCat("'", name(to), "'");
    auto site = import_sites_.find({from, to});
    SourceRange range = site != import_sites_.end() ? site->second : SourceRange{};
    diags_.Report(DiagKind::kImportCycle, range, StrCat("import cycle: ", chain));
  }

  SourceManager& sources_;
  DiagnosticEngine& diags_;
  ast::Program program_;
  std::vector<std::string> keys_;
  absl::flat_hash_map<std::string, uint32_t> by_key_;
  absl::flat_hash_map<std::pair<uint32_t, uint32_t>, SourceRange> import_sites_;
  std::deque<uint32_t> pending_;
};

}  // namespace

absl::StatusOr<ast::Program> LoadProgram(const std::vector<std::string>& root_paths,
                                         SourceManager& sources, DiagnosticEngine& diags) {
  Loader loader(sources, diags);
  for (const std::string& path : root_paths) {
    std::string key = CanonicalKey(path);
    if (loader.Known(key)) continue;
    absl::StatusOr<FileId> file = sources.LoadFile(path);
    if (!file.ok()) return file.status();
    loader.AddModule(*file, key);
    loader.ResolveImports();
  }
  loader.ReportCycles();
  return loader.Take();
}

ast::Program LoadProgramFromText(std::string display_path, std::string text,
                                 const std::string& base_dir, SourceManager& sources,
                                 DiagnosticEngine& diags) {
  Loader loader(sources, diags);
  fs::path key = fs::path(base_dir.empty() ? "." : base_dir) / display_path;
  FileId file = sources.AddBuffer(std::move(display_path), std::move(text));
  loader.AddModule(file, CanonicalKey(key.string()));
  loader.ResolveImports();
  loader.ReportCycles();
  return loader.Take();
}

absl::StatusOr<std::vector<std::string>> ExpandRulePaths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      return absl::NotFoundError(StrCat(p, ": no such file or directory"));
    }
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) return absl::PermissionDeniedError(StrCat(p, ": cannot read directory: ", ec.message()));
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return absl::PermissionDeniedError(StrCat(p, ": ", ec.message()));
      if (it->is_regular_file(ec) && it->path().extension() == ".cep") {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cep::driver
