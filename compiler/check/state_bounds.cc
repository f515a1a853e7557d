// State bounds: proves that a pattern rule's partial matches cannot grow
// without limit, and that its negations can be decided.
//   - a loop with no upper bound, or a negation between two steps, in a rule
//     without `within` -> unbounded-state (a negation with its own `within`
//     is bounded by it)
//   - a negation that can be the last step -> absence-needs-window unless it
//     or the rule has `within` (absence is only known when time passes)
//   - a negation that can be the first step, that is an alternative of its
//     own, sits directly in all(...) or is quantified -> invalid-negation
//   - skip-till-any-match (`->>` or a loop's `any`) with an unbounded loop ->
//     exponential-matches (a warning)
// Uses the START/END sets from pattern_flow.cc. O(pattern size).
// Tested by tests/unit/check_bounds_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {
namespace {

std::string Text(const CheckContext& ctx, SourceRange r) {
  if (!r.valid() || r.file >= ctx.sources.file_count() || r.end <= r.begin) return "";
  return std::string(ctx.sources.text(r));
}

// The nearest ancestor of `p` that is not a plain (unbound) group.
const ast::Pattern* EffectiveParent(const PatternPath& path) {
  for (size_t i = path.size(); i-- > 0;) {
    const ast::Pattern* n = path[i].node;
    if (n->kind == ast::PatternKind::kGroup && n->var.empty()) continue;
    return n;
  }
  return nullptr;
}

// Finds the `->>` written between children i and i+1 of a sequence.
SourceRange AnyArrowRange(const CheckContext& ctx, const ast::Pattern& seq, size_t i) {
  const SourceRange a = seq.children[i]->range;
  const SourceRange b = seq.children[i + 1]->range;
  if (!a.valid() || !b.valid() || a.file != b.file || b.begin < a.end ||
      a.file >= ctx.sources.file_count()) {
    return seq.range;
  }
  std::string_view gap = ctx.sources.text(a.file).substr(a.end, b.begin - a.end);
  size_t pos = gap.find("->>");
  if (pos == std::string_view::npos) return seq.range;
  return SourceRange{a.file, static_cast<uint32_t>(a.end + pos),
                     static_cast<uint32_t>(a.end + pos + 3)};
}

void FindAnyArrows(const CheckContext& ctx, const ast::Pattern& p, std::vector<SourceRange>* out) {
  if (p.kind == ast::PatternKind::kSeq) {
    for (size_t i = 0; i < p.seq_ops.size() && i + 1 < p.children.size(); ++i) {
      if (p.seq_ops[i] == ast::SeqPolicy::kAny) out->push_back(AnyArrowRange(ctx, p, i));
    }
  }
  for (const auto& c : p.children) {
    if (c != nullptr) FindAnyArrows(ctx, *c, out);
  }
}

}  // namespace

void CheckStateBounds(RuleState& rs) {
  if (rs.rule.pattern == nullptr) return;
  CheckContext& ctx = rs.ctx;
  const bool rule_within = rs.rule.within != nullptr;

  // Negations.
  for (const AtomInfo& a : rs.atoms) {
    if (a.negation == nullptr) continue;
    ast::Pattern& neg = *a.negation;
    const std::string text = Text(ctx, neg.range);
    // The path of the atom ends with the kNot; its parent is before that.
    PatternPath parent_path(a.path.begin(), a.path.end() - 1);
    const ast::Pattern* parent = EffectiveParent(parent_path);
    std::string invalid;
    if (parent != nullptr && parent->kind == ast::PatternKind::kAlt) {
      invalid = StrCat("'", text,
                             "' cannot be an alternative on its own: an absence is only "
                             "defined between two steps of a sequence");
    } else if (parent != nullptr && parent->kind == ast::PatternKind::kAll) {
      invalid = StrCat("'", text,
                             "' cannot be a branch of all(...), whose branches have no order; "
                             "put the negation in a sequence");
    } else if (parent != nullptr && parent->kind == ast::PatternKind::kRepeat) {
      invalid = StrCat("a negation cannot be repeated ('", Text(ctx, parent->range),
                             "')");
    } else if (parent != nullptr && parent->kind == ast::PatternKind::kSeq &&
               parent != rs.rule.pattern.get() &&
               (parent->children.front().get() == &neg || parent->children.back().get() == &neg)) {
      // Inside parentheses a leading or trailing negation would guard a gap
      // outside them (or, in a loop, between iterations): write it there.
      invalid = StrCat("'", text,
                       "' cannot be the first or last step inside parentheses: a negation "
                       "belongs between two steps; move it outside the group");
    } else if (parent != nullptr && parent->kind != ast::PatternKind::kSeq &&
               parent != rs.rule.pattern.get()) {
      invalid = StrCat("'", text, "' must be a step of a sequence");
    } else if (neg.within != nullptr && !a.can_be_last) {
      invalid = StrCat("'", text,
                       "' has its own window, which only a trailing absence (the last step of "
                       "the pattern) can have; use the rule's 'within' to bound the match");
    } else if (a.can_be_first) {
      invalid = StrCat("a pattern cannot start with the negation '", text,
                             "': absence is measured from an earlier event; put a step "
                             "before it");
    }
    if (!invalid.empty()) {
      ctx.diags.Report(DiagKind::kInvalidNegation, neg.range, std::move(invalid));
      continue;
    }
    bool own_within = neg.within != nullptr;
    if (own_within) {
      neg.within_ns = EvalPositiveDuration(ctx, rs.module, *neg.within, "absence window");
    }
    if (own_within || rule_within) continue;
    if (a.can_be_last) {
      ctx.diags
          .Report(DiagKind::kAbsenceNeedsWindow, neg.range,
                  StrCat("the negation '", text,
                               "' ends the pattern, so it needs a time limit: without one the "
                               "absence is never confirmed"))
          .Note(SourceRange{}, StrCat("add a window to it ('", text,
                                            " within 15m') or a 'within' clause to the rule"));
    } else {
      ctx.diags
          .Report(DiagKind::kUnboundedState, neg.range,
                  StrCat("the negation '", text,
                               "' in a rule without 'within' keeps every partial match "
                               "waiting forever for the next step"))
          .Note(rs.rule.name.range,
                StrCat("add 'within <duration>' to rule '", rs.rule.name.text,
                             "' (or to the negation) to bound how long a match may wait"));
    }
  }

  // Loops.
  std::vector<SourceRange> any_arrows;
  FindAnyArrows(ctx, *rs.rule.pattern, &any_arrows);
  for (ast::Pattern* loop : rs.loops) {
    if (loop->quant.max != -1) continue;
    const std::string text = Text(ctx, loop->range);
    if (!rule_within) {
      ctx.diags
          .Report(DiagKind::kUnboundedState, loop->range,
                  StrCat("the loop '", text,
                               "' has no upper bound and the rule has no 'within', so its "
                               "partial matches can grow without limit"))
          .Note(rs.rule.name.range,
                StrCat("add 'within <duration>' to rule '", rs.rule.name.text,
                             "', or give the loop an upper bound such as {1,100}"));
    }
    if (loop->quant.loop_policy == ast::SeqPolicy::kAny) {
      ctx.diags.Report(DiagKind::kExponentialMatches, loop->range,
                       StrCat("the unbounded loop '", text,
                                    "' takes every combination of its events ('any'), so the "
                                    "number of matches can grow exponentially"));
    } else if (!any_arrows.empty()) {
      ctx.diags
          .Report(DiagKind::kExponentialMatches, loop->range,
                  StrCat("skip-till-any-match ('->>') with the unbounded loop '", text,
                               "' can produce exponentially many matches"))
          .Note(any_arrows[0], "'->>' used here; '->' (skip-till-next-match) keeps one match "
                               "per start");
    }
  }
}

}  // namespace cep::check
