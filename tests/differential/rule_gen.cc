// FOR TESTING ONLY. The random rule generator: see rule_gen.h.
#include "tests/differential/rule_gen.h"

#include <vector>

#include "compiler/util/strcat.h"

namespace cep::difftest {
namespace {

class RuleGen {
 public:
  RuleGen(std::mt19937_64& rng, int rule_no, const GenOptions& options)
      : rng_(rng), rule_no_(rule_no), options_(options) {}

  std::string Rule() {
    std::string pattern;
    for (int attempt = 0; attempt < 20; ++attempt) {
      Reset();
      if (GeneratePattern(&pattern)) break;
    }
    bool within = needs_within_ || Chance(0.6);
    std::string within_clause = within ? StrCat("  within ", 2 + Rand(5), "s\n") : "";
    std::string text = StrCat("rule R", rule_no_, " {\n");
    // After a trailing `!X` a `within` line would be read as the negation's
    // own window: put the rule's `within` first then.
    bool within_first = trailing_bare_negation_ || Chance(0.3);
    if (within_first) text += within_clause;
    text += StrCat("  pattern ", pattern, "\n");
    if (Chance(0.3)) text += "  partition by k\n";
    if (!within_first) text += within_clause;
    text += AfterMatch();
    text += StrCat("  emit Out", rule_no_, " ", EmitBody(), "\n");
    if (within && Chance(0.3) && options_.timeouts) {
      text += StrCat("  on timeout emit Late", rule_no_, " ", EmitBody(), "\n");
    }
    text += "}\n";
    return text;
  }

 private:
  struct Var {
    std::string name;
    bool repeated = false;
    bool group = false;
  };
  // Where an atom is: what its filter may read.
  struct Ctx {
    bool prev_ok = false;   // an event surely precedes it in the match
    bool in_loop = false;   // inside a quantifier with max != 1
    bool optional = false;  // inside something that may match nothing
    bool allow_named = true;
  };
  struct Frag {
    std::string text;
    bool nullable = false;
  };

  int Rand(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string Type() { return std::string(1, static_cast<char>('A' + Rand(3))); }

  void Reset() {
    vars_.clear();
    correlatable_.clear();
    pending_correlatable_.clear();
    needs_within_ = false;
    next_var_ = 1;
  }

  std::string NewVar(bool repeated, bool group = false) {
    std::string name = StrCat("v", next_var_++);
    vars_.push_back({name, repeated, group});
    return name;
  }

  std::string Op() {
    int r = Rand(10);
    return r < 3 ? " ; " : r < 8 ? " -> " : " ->> ";
  }

  // A filter of an atom bound to `var` (empty when unnamed).
  std::string Filter(const Ctx& ctx, const std::string& var) {
    switch (Rand(9)) {
      case 0:
        return StrCat("[x == ", Rand(3), "]");
      case 1:
        return "[x != 0]";
      case 2:
        if (ctx.prev_ok) return "[x > prev.x]";
        return "[x == 1]";
      case 3:
        if (!correlatable_.empty()) {
          return StrCat(
              "[x >= ",
              correlatable_[static_cast<size_t>(Rand(static_cast<int>(correlatable_.size())))],
              ".x]");
        }
        return "[x != 1]";
      case 4:
        if (ctx.in_loop && !var.empty()) return StrCat("[sum(", var, ".x) <= 3]");
        return "";
      default:
        return "";
    }
  }

  // A test without a binding (negation, until); it may read `vars`.
  std::string GuardFilter(const std::vector<std::string>& vars) {
    switch (Rand(4)) {
      case 0:
        return StrCat("[x == ", Rand(3), "]");
      case 1:
        if (!vars.empty()) {
          return StrCat("[x == ", vars[static_cast<size_t>(Rand(static_cast<int>(vars.size())))],
                        ".x]");
        }
        return "[x == 2]";
      default:
        return "";
    }
  }

  std::string Atom(const Ctx& ctx) {
    std::string var;
    std::string text;
    if (ctx.allow_named && Chance(0.6)) {
      var = NewVar(ctx.in_loop);
      text = var + ": ";
      if (!ctx.in_loop && !ctx.optional) pending_correlatable_.push_back(var);
    }
    text += Type() + Filter(ctx, var);
    return text;
  }

  // A quantifier for a unit; `atom_body` allows `until [cond]`.
  struct Quant {
    std::string text;
    bool loop = false;      // max != 1
    bool nullable = false;  // min == 0
  };
  Quant Quantifier(bool atom_body) {
    Quant q;
    switch (Rand(6)) {
      case 0:
        q.text = "?";
        q.nullable = true;
        break;
      case 1:
        q.text = "*";
        q.loop = q.nullable = true;
        needs_within_ = true;
        break;
      case 2:
        q.text = "+";
        q.loop = true;
        needs_within_ = true;
        break;
      case 3: {
        int n = 1 + Rand(3);
        q.text = StrCat("{", n, "}");
        q.loop = n != 1;
        break;
      }
      case 4: {
        int n = Rand(3);
        q.text = StrCat("{", n, ",}");
        q.loop = true;
        q.nullable = n == 0;
        needs_within_ = true;
        break;
      }
      default: {
        int n = Rand(3);
        int m = std::max(n, 1) + Rand(3 - std::max(n, 1) + 1);
        q.text = StrCat("{", n, ",", m, "}");
        q.loop = m != 1;
        q.nullable = n == 0;
        break;
      }
    }
    if (Chance(0.3)) q.text += "?";
    if (q.loop) {
      if (Chance(0.25)) q.text += Chance(0.5) ? " strict" : " any";
      if (Chance(0.15) && options_.until) {
        if (atom_body && Chance(0.5)) {
          q.text += StrCat(" until [x == ", Rand(3), "]");
        } else {
          q.text += StrCat(" until ", Type(), GuardFilter(correlatable_));
        }
      }
    }
    return q;
  }

  // A short sequence of atoms, some with a quantifier of their own (a loop
  // nested in the group's), optionally with a negation inside.
  std::string InnerSeq(Ctx ctx) {
    int n = 2 + Rand(2);
    std::string text;
    for (int i = 0; i < n; ++i) {
      if (i > 0) {
        text += Op();
        if (Chance(0.15) && (options_.loop_negation || !ctx.in_loop)) {
          text += "!" + Type() + GuardFilter(correlatable_) + " -> ";
          needs_within_ = true;
        }
      }
      if (options_.nested_quantifiers && Chance(0.2)) {
        Quant q = Quantifier(true);
        Ctx inner = ctx;
        inner.in_loop = ctx.in_loop || q.loop;
        inner.optional = ctx.optional || q.nullable;
        text += Atom(inner) + q.text;
        ctx.prev_ok = ctx.prev_ok || !q.nullable;
      } else {
        text += Atom(ctx);
        ctx.prev_ok = true;
      }
    }
    return text;
  }

  Frag Unit(bool prev_ok) {
    Frag f;
    Ctx ctx;
    ctx.prev_ok = prev_ok;
    int kind = Rand(100);
    if (kind < 40) {  // a plain atom
      f.text = Atom(ctx);
      return f;
    }
    if (kind < 62) {  // an atom with a quantifier
      // The quantifier decides whether the atom repeats: draw it first.
      Quant q = Quantifier(true);
      ctx.in_loop = q.loop;
      ctx.optional = q.nullable;
      f.text = Atom(ctx) + q.text;
      f.nullable = q.nullable;
      return f;
    }
    bool quantified = Chance(0.6);
    Quant q;
    if (quantified) q = Quantifier(false);
    ctx.in_loop = q.loop;
    ctx.optional = q.nullable;
    std::string body;
    if (kind < 76) {  // a group
      body = "(" + InnerSeq(ctx) + ")";
      if (Chance(0.25)) body = NewVar(q.loop, true) + ": " + body;
    } else if (kind < 90) {  // an alternation
      Ctx branch = ctx;
      branch.optional = true;
      std::string left = Chance(0.3) ? InnerSeq(branch) : Atom(branch);
      std::string right = Atom(branch);
      body = "(" + left + " | " + right;
      if (Chance(0.2)) body += " | " + Atom(branch);
      body += ")";
    } else {  // all(...)
      Ctx part = ctx;
      body = "all(" + Atom(part) + ", " + Atom(part);
      if (Chance(0.3)) body += ", " + Atom(part);
      body += ")";
      if (Chance(0.2)) body = NewVar(q.loop, true) + ": " + body;
    }
    f.text = body + (quantified ? q.text : "");
    f.nullable = q.nullable;
    return f;
  }

  bool GeneratePattern(std::string* out) {
    int n = 1 + Rand(4);
    std::string text;
    bool some_required = false;
    for (int i = 0; i < n; ++i) {
      std::vector<std::string> before = correlatable_;  // what a negation here may read
      Frag u = Unit(some_required);
      // Variables of this unit become visible to later units.
      for (const std::string& v : pending_correlatable_) correlatable_.push_back(v);
      pending_correlatable_.clear();
      if (i > 0) {
        text += Op();
        // A negation needs a required step before it and one after it.
        if (some_required && (!u.nullable || Chance(0.3)) && Chance(0.2)) {
          text += "!" + Type() + GuardFilter(before) + " -> ";
          needs_within_ = true;
        }
      }
      text += u.text;
      some_required = some_required || !u.nullable;
    }
    if (!some_required) return false;
    trailing_bare_negation_ = false;
    if (Chance(0.2)) {  // a trailing absence
      text += " -> !" + Type() + GuardFilter(correlatable_);
      if (Chance(0.7)) {
        text += StrCat(" within ", 1 + Rand(4), "s");
      } else {
        trailing_bare_negation_ = true;
      }
      needs_within_ = true;
    }
    *out = text;
    return true;
  }

  std::string AfterMatch() {
    switch (Rand(6)) {
      case 0:
        return "  after match skip past last\n";
      case 1:
        return "  after match skip to next\n";
      case 2:
      case 3: {
        if (vars_.empty()) return "  after match no skip\n";
        const Var& v = vars_[static_cast<size_t>(Rand(static_cast<int>(vars_.size())))];
        return StrCat("  after match skip to ", Chance(0.5) ? "first " : "last ", v.name, "\n");
      }
      case 4:
        return "  after match no skip\n";
      default:
        return "";
    }
  }

  std::string EmitBody() {
    if (vars_.empty() || Chance(0.25)) return "{}";
    std::string text = "{ ";
    int n = 1 + Rand(2);
    for (int i = 0; i < n; ++i) {
      const Var& v = vars_[static_cast<size_t>(Rand(static_cast<int>(vars_.size())))];
      if (i > 0) text += ", ";
      if (v.group) {
        text += StrCat("f", i, " = ", i);  // a group cannot be read as one event
      } else if (v.repeated) {
        text += Chance(0.5) ? StrCat("f", i, " = count(", v.name, ")")
                            : StrCat("f", i, " = sum(", v.name, ".x)");
      } else {
        text += StrCat("f", i, " = ", v.name, ".x");
      }
    }
    return text + " }";
  }

  std::mt19937_64& rng_;
  int rule_no_;
  GenOptions options_;
  std::vector<Var> vars_;
  std::vector<std::string> correlatable_;          // usable by later units
  std::vector<std::string> pending_correlatable_;  // of the unit being generated
  bool needs_within_ = false;
  bool trailing_bare_negation_ = false;  // the pattern ends in `!X` without a window
  int next_var_ = 1;
};

}  // namespace

std::string Declarations() {
  // k may be null: such an event belongs to no partition of `partition by k`.
  return "event A { x: int, k: int? }\n"
         "event B { x: int, k: int? }\n"
         "event C { x: int, k: int? }\n";
}

std::string GenerateProgram(uint64_t seed, const GenOptions& options) {
  std::mt19937_64 rng(seed);
  std::string text = Declarations();
  int rules = std::bernoulli_distribution(0.2)(rng) ? 2 : 1;
  for (int r = 0; r < rules; ++r) text += RuleGen(rng, r, options).Rule();
  return text;
}

namespace {

class CorrelatedGen {
 public:
  explicit CorrelatedGen(uint64_t seed) : rng_(seed) {}

  std::string Program() {
    std::string text = Declarations() + "rule T {\n  pattern r: A";
    if (Chance(0.3)) text += "[x != 2]";
    int steps = 1 + Rand(3);
    for (int i = 0; i < steps; ++i) {
      text += Chance(0.5) ? " -> " : " ->> ";
      if (Chance(0.25)) text += "!" + Type() + Keyed() + " -> ";
      text += Step(i);
    }
    text += "\n";
    if (Chance(0.5)) text += StrCat("  within ", 2 + Rand(6), "s\n");
    text += Chance(0.9) ? "  after match no skip\n" : "  after match skip past last\n";
    text += "  emit O {}\n}\n";
    return text;
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Rand(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  std::string Type() { return std::string(1, static_cast<char>('A' + Rand(3))); }

  // `[x == r.x]`, sometimes with another conjunct, rarely without the key.
  std::string Keyed() {
    if (Chance(0.05)) return "[k == 1]";
    std::string extra;
    switch (Rand(4)) {
      case 0: extra = " and k == 1"; break;
      case 1: extra = " and k != 0"; break;
      default: break;
    }
    return Chance(0.5) ? "[x == r.x" + extra + "]" : "[r.x == x" + extra + "]";
  }

  std::string Step(int i) {
    std::string name = StrCat("s", i);
    switch (Rand(6)) {
      case 0: return StrCat(name, ": ", Type(), Keyed(), "+");
      case 1: return StrCat(name, ": ", Type(), Keyed(), "{1,2}");
      case 2: return StrCat("(", Type(), Keyed(), " | ", Type(), Keyed(), ")");
      case 3: return StrCat("all(", Type(), Keyed(), ", ", Type(), Keyed(), ")");
      case 4: return StrCat(name, ": ", Type(), Keyed(), "+ until ", Type(), Keyed());
      default: return StrCat(name, ": ", Type(), Keyed());
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace

std::string GenerateCorrelatedProgram(uint64_t seed) { return CorrelatedGen(seed).Program(); }

}  // namespace cep::difftest
