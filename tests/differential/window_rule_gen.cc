// FOR TESTING ONLY. Random `from` rules: see window_rule_gen.h.
#include "tests/differential/window_rule_gen.h"

#include <random>
#include <utility>

#include "compiler/util/strcat.h"
#include "tests/differential/window_stream_gen.h"

namespace cep::windiff {
namespace {

// "1500ms", "2s".
std::string Duration(int64_t ms) { return ms % 1000 == 0 ? StrCat(ms / 1000, "s") : StrCat(ms, "ms"); }

class RuleGen {
 public:
  RuleGen(uint64_t seed, const WindowGenOptions& options) : rng_(seed), opt_(options) {}

  GenRuleInfo Rule(int index) {
    GenRuleInfo info;
    type_ = opt_.on("type_f") && R(7) == 0 ? 'F' : 'E';
    alias_ = R(2) == 0 ? (R(2) == 0 ? "r" : "ev") : "";
    keys_.clear();
    std::string text = StrCat("rule R", index, " {\n  from ", std::string(1, type_), Filter());
    if (!alias_.empty()) text += " as " + alias_;
    text += "\n";
    std::string window = Window(&info.window);
    bool windowed = !window.empty();
    if (windowed) text += "  window " + window + "\n";
    if (windowed && opt_.on("group_by") && R(3) != 0) {
      info.grouped = true;
      text += "  group by " + GroupBy() + "\n";
    }
    if (windowed && opt_.on("having") && R(2) == 0) {
      info.having = true;
      text += "  having " + Having() + "\n";
    }
    text += StrCat("  emit O", index, " {", windowed ? WindowFields() : RowFields(), " }\n");
    // Time and session windows emit from timer batches: several outputs of
    // one instant, where suppression must follow the output order.
    bool time_window = info.window != "none" && info.window.rfind("count", 0) != 0;
    if (opt_.on("suppress") && (!time_window || opt_.on("suppress_time_windows")) && R(3) == 0) {
      info.suppress = true;
      text += "  suppress " + Suppress(windowed) + "\n";
    }
    text += "}\n";
    info.text = std::move(text);
    return info;
  }

  // A rule reading O<source>, the derived events of an earlier rule: a
  // `from` rule (windowed or not) or a pattern rule joining them with E.
  GenRuleInfo Chained(int index, int source) {
    GenRuleInfo info;
    info.chained = true;
    info.window = "chained";
    std::string text = StrCat("rule R", index, " {\n");
    if (opt_.on("pattern_chains") && R(4) == 0) {
      text += StrCat("  pattern o: O", source, " -> e: E\n  within 5s\n  emit O", index,
                     " { n = e.n, t = o.time }\n");
    } else {
      type_ = 'D';
      alias_ = "d";
      keys_.clear();
      text += StrCat("  from O", source, " as d\n");
      std::string window = Window(&info.window);
      info.window = "chained";
      if (window.empty()) {
        text += StrCat("  emit O", index, " { t = d.time }\n");
      } else {
        text += "  window " + window + "\n";
        if (R(3) == 0) text += "  having count() > 1\n";
        text += StrCat("  emit O", index, " { c = count(), t = last(d).time }\n");
      }
    }
    text += "}\n";
    info.text = std::move(text);
    return info;
  }

  int R(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

 private:
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[static_cast<size_t>(R(static_cast<int>(N)))];
  }

  // A field, bare or through the alias.
  std::string F(const std::string& field) {
    return !alias_.empty() && R(3) == 0 ? alias_ + "." + field : field;
  }

  std::string Filter() {
    if (R(3) == 0) return "";
    if (type_ == 'F') {
      static const char* const kF[] = {"n > 0", "a != \"q\"", "n % 2 == 0"};
      return StrCat("[", Pick(kF), "]");
    }
    static const char* const kE[] = {
        "n > 0", "n % 2 == 0", "s != \"u\"", "b == 1", "x >= 1.0", "a == \"p\" or n < 3",
        "ok", "not ok", "y > 0.0", "s is null", "b is not null", "n >= 0 and x < 6.0"};
    std::string f = Pick(kE);
    // Through the alias: the part reading it may become a rule-local check.
    if (!alias_.empty() && R(3) == 0) f = StrCat(alias_, ".n > 1 and (", f, ")");
    return StrCat("[", f, "]");
  }

  std::string Window(std::string* kind) {
    static const int64_t kSizes[] = {500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7000, 10000};
    std::vector<std::string> kinds;
    if (opt_.on("tumbling")) kinds.push_back("tumbling");
    if (opt_.on("sliding")) kinds.push_back("sliding");
    if (opt_.on("session")) kinds.push_back("session");
    if (opt_.on("count")) kinds.push_back("count");
    if (opt_.on("no_window")) kinds.push_back("none");
    if (kinds.empty()) kinds.push_back("tumbling");
    std::string k = kinds[static_cast<size_t>(R(static_cast<int>(kinds.size())))];
    *kind = k;
    if (k == "tumbling") return "tumbling " + Duration(Pick(kSizes));
    if (k == "session") {
      static const int64_t kGaps[] = {500, 1000, 1500, 2000, 3000, 5000};
      return "session gap " + Duration(Pick(kGaps));
    }
    if (k == "sliding") {
      int64_t lo = Pick(kSizes), hi = Pick(kSizes);
      if (lo > hi) std::swap(lo, hi);
      int64_t size = hi, every = lo;
      switch (R(opt_.on("sliding_gaps") ? 3 : 2)) {
        case 0:  // every < size: overlapping windows
          if (lo == hi) every = hi / 2;
          break;
        case 1:  // every == size: tumbling, written as sliding
          every = size;
          break;
        default:  // every > size: gaps between windows
          size = lo;
          every = lo == hi ? hi + 500 : hi;
          break;
      }
      *kind = every < size ? "sliding<" : every == size ? "sliding=" : "sliding>";
      return StrCat("sliding ", Duration(size), " every ", Duration(every));
    }
    if (k == "count") {
      int n = 1 + R(5);
      int rel = R(4);
      if (rel == 3) {
        *kind = "count";
        return StrCat("count ", n);
      }
      int m = rel == 1 ? n : 1 + R(5);
      if (rel == 0 && m >= n) { n = m + 1 + R(2); }          // every < size
      if (rel == 2 && m <= n) { m = n + 1 + R(2); }          // every > size
      *kind = m < n ? "count<" : m == n ? "count=" : "count>";
      return StrCat("count ", n, " every ", m);
    }
    return "";
  }

  std::string GroupBy() {
    std::vector<std::string> pool;
    if (type_ == 'F') {
      pool = {"a", "n"};
    } else {
      pool = {"a", "ok", "a"};
      if (opt_.on("nullable_keys")) {
        pool.push_back("b");
        pool.push_back("s");
      }
    }
    int count = 1 + R(2);
    std::string out;
    for (int i = 0; i < count; ++i) {
      std::string key = pool[static_cast<size_t>(R(static_cast<int>(pool.size())))];
      bool dup = false;
      for (const std::string& k : keys_) dup = dup || k == key;
      if (dup) continue;
      keys_.push_back(key);
      if (!out.empty()) out += ", ";
      out += F(key);
    }
    return out;
  }

  // One aggregate (or an expression over aggregates) for emit and having.
  std::string Aggregate() {
    for (;;) {
      std::string a = TryAggregate();
      if (!a.empty()) return a;
    }
  }

  std::string TryAggregate() {
    const bool e = type_ == 'E';
    static const char* const kPercentiles[] = {"0", "1", "25", "33.3", "50", "90", "99", "100"};
    switch (R(16)) {
      case 0:
        return "count()";
      case 1:
        if (alias_.empty() || !opt_.on("alias_aggregates")) return "";
        return StrCat("count(", alias_, ")");
      case 2: {
        static const char* const kOpt[] = {"y", "s", "b", "x"};
        return e ? StrCat("count(", F(Pick(kOpt)), ")") : StrCat("count(", F("n"), ")");
      }
      case 3: {
        static const char* const kSum[] = {"n", "x", "y", "b", "n", "y"};
        std::string f = e ? Pick(kSum) : "n";
        if ((f == "x" || f == "y") && !opt_.on("float_sums")) f = "n";
        return StrCat("sum(", F(f), ")");
      }
      case 4: {
        static const char* const kAvg[] = {"n", "x", "y", "b"};
        std::string f = e ? Pick(kAvg) : "n";
        if ((f == "x" || f == "y") && !opt_.on("float_sums")) f = "n";
        return StrCat("avg(", F(f), ")");
      }
      case 5:
      case 6: {
        static const char* const kOrd[] = {"n", "x", "y", "s", "a", "b"};
        std::string f = e ? Pick(kOrd) : (R(2) == 0 ? "n" : "a");
        return StrCat(R(2) == 0 ? "min(" : "max(", F(f), ")");
      }
      case 7:
      case 8: {
        static const char* const kVal[] = {"n", "s", "y", "b", "a", "ok"};
        std::string f = e ? Pick(kVal) : (R(2) == 0 ? "n" : "a");
        return StrCat(R(2) == 0 ? "first(" : "last(", F(f), ")");
      }
      case 9: {
        if (alias_.empty() || !opt_.on("alias_aggregates")) return "";
        static const char* const kEf[] = {"s", "n", "y", "a", "b", "time", "x"};
        std::string f = e ? Pick(kEf) : (R(2) == 0 ? "n" : "time");
        return StrCat(R(2) == 0 ? "first(" : "last(", alias_, ").", f);
      }
      case 10: {
        if (!opt_.on("stddev")) return "";
        static const char* const kDev[] = {"n", "x", "y"};
        std::string f = e ? Pick(kDev) : "n";
        return StrCat("stddev(", F(f), ")");
      }
      case 11: {
        if (!opt_.on("distinct")) return "";
        static const char* const kDis[] = {"s", "a", "ok", "b", "n", "y"};
        std::string f = e ? Pick(kDis) : (R(2) == 0 ? "n" : "a");
        return StrCat(R(2) == 0 ? "distinct(" : "count_distinct(", F(f), ")");
      }
      case 12: {
        if (!opt_.on("percentile")) return "";
        static const char* const kPer[] = {"n", "x", "y", "b"};
        std::string f = e ? Pick(kPer) : "n";
        return StrCat("percentile(", F(f), ", ", Pick(kPercentiles), ")");
      }
      case 13:
        return e ? StrCat("sum(", F("n"), " * 2 + 1)") : StrCat("sum(", F("n"), " * 3)");
      case 14:
        if (!e) return StrCat("max(", F("n"), " - 1)");
        return R(2) == 0 ? StrCat("max(", F("x"), " + ", F("n"), ")")
                         : StrCat("coalesce(min(", F("s"), "), \"none\")");
      default:
        return StrCat("count() * 10 + ",
                      R(2) == 0 || !opt_.on("distinct") ? "count()" : "distinct(" + F("a") + ")");
    }
  }

  std::string Having() {
    auto one = [&]() -> std::string {
      switch (R(10)) {
        case 0:
          return StrCat("count() > ", R(3));
        case 1:
          return StrCat("sum(", F("n"), ") >= ", R(6));
        case 2:
          return type_ == 'E' ? "max(x) > 1.5" : "max(n) > 2";
        case 3:
          return "avg(n) < 3.0";
        case 4:
          return type_ == 'E' ? "count(y) > 0" : "count() >= 2";
        case 5:
          return type_ == 'E' && opt_.on("distinct") ? "distinct(s) >= 2" : "min(a) == \"p\"";
        case 6:
          return "min(a) == \"p\"";
        case 7:
          return opt_.on("stddev") ? "stddev(n) > 1.0" : "count() >= 3";
        case 8:
          return opt_.on("percentile") ? "percentile(n, 50) >= 2.0" : "max(n) >= 4";
        default: {
          if (keys_.empty()) return "count() >= 2";
          const std::string& k = keys_[static_cast<size_t>(R(static_cast<int>(keys_.size())))];
          if (k == "a") return "a != \"q\"";
          if (k == "ok") return "ok";
          if (k == "n") return "n > 1";
          if (k == "b") return R(2) == 0 ? "b == 1" : "b is null";
          return R(2) == 0 ? "s is null" : "s != \"v\"";
        }
      }
    };
    std::string c = one();
    if (R(2) == 0) c = StrCat(c, R(2) == 0 ? " and " : " or ", one());
    if (R(6) == 0) c = StrCat("not (", c, ")");
    return c;
  }

  std::string WindowFields() {
    std::string out;
    int f = 0;
    for (const std::string& k : keys_) out += StrCat(f++ == 0 ? " " : ", ", "k_", k, " = ", k);
    int n = 1 + R(5);
    for (int i = 0; i < n; ++i) out += StrCat(f++ == 0 ? " " : ", ", "f", i, " = ", Aggregate());
    return out;
  }

  std::string RowFields() {
    std::vector<std::string> pool = {"a", F("n"), "n * 2 + 1"};
    if (type_ == 'E') {
      for (const char* f : {"b", "x", "y", "s", "ok"}) pool.push_back(F(f));
      pool.push_back("coalesce(s, \"none\")");
    }
    if (!alias_.empty()) pool.push_back(alias_ + ".time");
    std::string out;
    int n = 1 + R(3);
    for (int i = 0; i < n; ++i) {
      out += StrCat(i == 0 ? " " : ", ", "f", i, " = ",
                    pool[static_cast<size_t>(R(static_cast<int>(pool.size())))]);
    }
    return out;
  }

  std::string Suppress(bool windowed) {
    static const int64_t kFor[] = {500, 1000, 2000, 3000, 5000, 30000};
    std::string by;
    if (R(3) != 0) {
      if (windowed) {
        std::vector<std::string> pool = {"count()", "max(n)"};
        for (const std::string& k : keys_) pool.push_back(k);
        by = pool[static_cast<size_t>(R(static_cast<int>(pool.size())))];
        if (R(3) == 0 && !keys_.empty()) by = StrCat(keys_[0], ", count()");
      } else {
        std::vector<std::string> pool = {F("a"), "n % 2"};
        if (type_ == 'E') {
          pool.push_back(F("s"));
          pool.push_back(F("b"));
          pool.push_back("ok, a");
        }
        by = pool[static_cast<size_t>(R(static_cast<int>(pool.size())))];
      }
    }
    return StrCat(by.empty() ? "" : "by " + by + " ", "for ", Duration(Pick(kFor)));
  }

  std::mt19937_64 rng_;
  const WindowGenOptions& opt_;
  char type_ = 'E';
  std::string alias_;
  std::vector<std::string> keys_;  // bare names of the group keys
};

}  // namespace

std::vector<GenRuleInfo> GenerateWindowRules(uint64_t seed, const WindowGenOptions& options) {
  RuleGen gen(seed, options);
  std::vector<GenRuleInfo> rules;
  int n = 1 + gen.R(3);
  for (int i = 0; i < n; ++i) rules.push_back(gen.Rule(i));
  if (options.on("chains") && gen.R(4) == 0) rules.push_back(gen.Chained(n, gen.R(n)));
  return rules;
}

std::string WindowProgram(const std::vector<GenRuleInfo>& rules) {
  std::string out = WindowDeclarations();
  for (const GenRuleInfo& r : rules) out += r.text;
  return out;
}

}  // namespace cep::windiff
