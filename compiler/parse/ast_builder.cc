// See ast_builder.h. One Build* function per grammar rule; labelled
// alternatives are told apart with dynamic_cast on their context classes.
#include "compiler/parse/ast_builder.h"

#include <string>
#include <utility>

#include "compiler/util/strcat.h"
#include "compiler/parse/antlr_support.h"
#include "compiler/parse/literals.h"
#include "CepLexer.h"

namespace cep::parse {
namespace {

using gen::CepParser;
using P = gen::CepParser;

class Builder {
 public:
  Builder(const SourceManager& sources, FileId file, DiagnosticEngine& diags)
      : sources_(sources), file_(file), text_(sources.text(file)), diags_(diags) {}

  void BuildItem(P::ItemContext* item, ast::Module& m);

 private:
  // ---- places ----
  SourceRange Range(antlr4::Token* t) const { return TokenRange(file_, t, text_.size()); }
  SourceRange Range(antlr4::tree::TerminalNode* n) const {
    return n == nullptr ? SourceRange{} : Range(n->getSymbol());
  }
  SourceRange Range(antlr4::ParserRuleContext* ctx) const {
    if (ctx == nullptr) return {};
    SourceRange b = Range(ctx->getStart());
    SourceRange e = Range(ctx->getStop());
    if (!b.valid()) return e;
    if (!e.valid() || e.end < b.begin) return b;
    return {file_, b.begin, e.end};
  }
  std::string_view Text(SourceRange r) const { return sources_.text(r); }

  ast::Name BuildName(P::NameContext* ctx) {
    if (ctx == nullptr) return {};
    SourceRange r = Range(ctx);
    std::string_view text = Text(r);
    // `quoted` names: the backticks are not part of the name.
    if (text.size() >= 2 && text.front() == '`') text = text.substr(1, text.size() - 2);
    return {std::string(text), r};
  }

  void ReportLiteral(const LiteralError& e, SourceRange token) {
    SourceRange r{file_, token.begin + e.begin, token.begin + e.end};
    if (r.end > token.end) r.end = token.end;
    diags_.Report(e.kind, r, e.message);
  }

  // ---- items ----
  std::vector<ast::Annotation> BuildAnnotations(const std::vector<P::AnnotationContext*>& ctxs);
  ast::EventDecl BuildEvent(P::EventItemContext* ctx);
  ast::ConstDecl BuildConst(P::ConstItemContext* ctx);
  ast::Rule BuildRule(P::RuleItemContext* ctx);
  void BuildClause(P::ClauseContext* ctx, ast::Rule& rule);
  std::optional<ast::EmitSpec> BuildEmit(P::EmitBodyContext* ctx);
  ast::WindowSpec BuildWindow(P::WindowSpecContext* ctx);
  ast::AfterMatch BuildAfterMatch(P::AfterMatchContext* ctx);

  // ---- patterns ----
  ast::PatternPtr BuildPattern(P::PatternContext* ctx);
  ast::PatternPtr BuildSeq(P::SeqPatternContext* ctx);
  ast::PatternPtr BuildUnit(P::UnitContext* ctx);
  ast::PatternPtr BuildPrimary(P::PrimaryPatternContext* ctx);
  ast::PatternPtr ErrorPattern(SourceRange r) {
    auto p = std::make_unique<ast::Pattern>();
    p->kind = ast::PatternKind::kAtom;
    p->range = r;
    return p;
  }
  void BuildQuantifier(P::QuantifierContext* ctx, ast::Quantifier& q);
  ast::ExprPtr BuildBound(P::BoundContext* ctx);

  // ---- expressions ----
  ast::ExprPtr BuildExpr(P::ExprContext* ctx);
  ast::ExprPtr BuildLiteral(P::LiteralContext* ctx, bool negative);
  ast::ExprPtr MakeExpr(ast::ExprKind kind, SourceRange r) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->range = r;
    return e;
  }
  ast::ExprPtr ErrorExpr(SourceRange r) { return MakeExpr(ast::ExprKind::kError, r); }
  std::vector<ast::ExprPtr> BuildExprs(const std::vector<P::ExprContext*>& ctxs) {
    std::vector<ast::ExprPtr> out;
    for (auto* c : ctxs) out.push_back(BuildExpr(c));
    return out;
  }
  // Decodes a STRING token into `out`; false (reported) when malformed.
  bool DecodeStringToken(antlr4::tree::TerminalNode* node, std::string* out);

  const SourceManager& sources_;
  FileId file_;
  std::string_view text_;
  DiagnosticEngine& diags_;
};

void Builder::BuildItem(P::ItemContext* item, ast::Module& m) {
  if (auto* imp = dynamic_cast<P::ImportItemContext*>(item)) {
    ast::Import i;
    i.range = Range(imp);
    if (imp->STRING() != nullptr && DecodeStringToken(imp->STRING(), &i.path)) {
      m.imports.push_back(std::move(i));
    }
  } else if (auto* ev = dynamic_cast<P::EventItemContext*>(item)) {
    m.events.push_back(BuildEvent(ev));
  } else if (auto* c = dynamic_cast<P::ConstItemContext*>(item)) {
    m.consts.push_back(BuildConst(c));
  } else if (auto* r = dynamic_cast<P::RuleItemContext*>(item)) {
    m.rules.push_back(BuildRule(r));
  }
}

bool Builder::DecodeStringToken(antlr4::tree::TerminalNode* node, std::string* out) {
  SourceRange r = Range(node);
  if (!r.valid()) return false;
  if (auto err = DecodeString(Text(r), out)) {
    ReportLiteral(*err, r);
    return false;
  }
  return true;
}

std::vector<ast::Annotation> Builder::BuildAnnotations(
    const std::vector<P::AnnotationContext*>& ctxs) {
  std::vector<ast::Annotation> out;
  for (auto* a : ctxs) {
    ast::Annotation ann;
    ann.name = BuildName(a->name());
    ann.range = Range(a);
    ann.args = BuildExprs(a->expr());
    out.push_back(std::move(ann));
  }
  return out;
}

ast::EventDecl Builder::BuildEvent(P::EventItemContext* ctx) {
  ast::EventDecl ev;
  ev.name = BuildName(ctx->name());
  ev.range = Range(ctx);
  ev.annotations = BuildAnnotations(ctx->annotation());
  for (auto* f : ctx->fieldDecl()) {
    ast::FieldDecl fd;
    fd.name = BuildName(f->name().empty() ? nullptr : f->name(0));
    fd.type_name = BuildName(f->typeName);
    fd.optional = f->QUESTION() != nullptr;
    fd.range = Range(f);
    if (!fd.name.empty()) ev.fields.push_back(std::move(fd));
  }
  return ev;
}

ast::ConstDecl Builder::BuildConst(P::ConstItemContext* ctx) {
  ast::ConstDecl c;
  c.name = BuildName(ctx->name());
  c.range = Range(ctx);
  c.annotations = BuildAnnotations(ctx->annotation());
  c.value = ctx->expr() != nullptr ? BuildExpr(ctx->expr()) : ErrorExpr(c.range);
  return c;
}

ast::Rule Builder::BuildRule(P::RuleItemContext* ctx) {
  ast::Rule rule;
  rule.name = BuildName(ctx->name());
  rule.range = Range(ctx);
  rule.annotations = BuildAnnotations(ctx->annotation());
  for (auto* clause : ctx->clause()) BuildClause(clause, rule);
  return rule;
}

void Builder::BuildClause(P::ClauseContext* ctx, ast::Rule& rule) {
  SourceRange r = Range(ctx);
  SourceRange keyword = Range(ctx->getStart());
  // Reports a repeated clause; returns true when this one must be skipped.
  auto duplicate = [&](bool present, std::string_view what) {
    if (!present) return false;
    diags_.Report(DiagKind::kDuplicateClause, keyword,
                  StrCat("rule '", rule.name.text, "' has more than one '", what,
                               "' clause"));
    return true;
  };
  if (auto* c = dynamic_cast<P::PatternClauseContext*>(ctx)) {
    if (duplicate(rule.pattern != nullptr, "pattern")) return;
    rule.pattern = c->pattern() ? BuildPattern(c->pattern()) : ErrorPattern(r);
  } else if (auto* c = dynamic_cast<P::FromClauseContext*>(ctx)) {
    if (duplicate(rule.from.has_value(), "from")) return;
    ast::FromClause f;
    auto names = c->name();
    if (!names.empty()) f.type_name = BuildName(names[0]);
    if (names.size() > 1) f.alias = BuildName(names[1]);
    if (c->expr() != nullptr) f.filter = BuildExpr(c->expr());
    f.range = r;
    rule.from = std::move(f);
  } else if (auto* c = dynamic_cast<P::WindowClauseContext*>(ctx)) {
    if (duplicate(rule.window.has_value(), "window")) return;
    if (c->windowSpec() != nullptr) rule.window = BuildWindow(c->windowSpec());
  } else if (auto* c = dynamic_cast<P::GroupByClauseContext*>(ctx)) {
    if (duplicate(!rule.group_by.empty(), "group by")) return;
    rule.group_by = BuildExprs(c->expr());
  } else if (auto* c = dynamic_cast<P::HavingClauseContext*>(ctx)) {
    if (duplicate(rule.having != nullptr, "having")) return;
    rule.having = c->expr() ? BuildExpr(c->expr()) : ErrorExpr(r);
  } else if (auto* c = dynamic_cast<P::PartitionClauseContext*>(ctx)) {
    if (duplicate(!rule.partition_by.empty(), "partition by")) return;
    for (auto* k : c->partitionKey()) {
      ast::PartitionKey key;
      key.qualifier = BuildName(k->qualifier);
      key.field = BuildName(k->field);
      key.range = Range(k);
      if (!key.field.empty()) rule.partition_by.push_back(std::move(key));
    }
  } else if (auto* c = dynamic_cast<P::WithinClauseContext*>(ctx)) {
    if (duplicate(rule.within != nullptr, "within")) return;
    rule.within = c->expr() ? BuildExpr(c->expr()) : ErrorExpr(r);
  } else if (auto* c = dynamic_cast<P::AfterMatchClauseContext*>(ctx)) {
    if (duplicate(rule.after_match.has_value(), "after match")) return;
    if (c->afterMatch() != nullptr) {
      rule.after_match = BuildAfterMatch(c->afterMatch());
      rule.after_match->range = r;
    }
  } else if (auto* c = dynamic_cast<P::TimeoutEmitClauseContext*>(ctx)) {
    if (duplicate(rule.timeout_emit.has_value(), "on timeout emit")) return;
    rule.timeout_emit = BuildEmit(c->emitBody());
  } else if (auto* c = dynamic_cast<P::EmitClauseContext*>(ctx)) {
    if (duplicate(rule.emit.has_value(), "emit")) return;
    rule.emit = BuildEmit(c->emitBody());
  } else if (auto* c = dynamic_cast<P::SuppressClauseContext*>(ctx)) {
    if (duplicate(rule.suppress.has_value(), "suppress")) return;
    ast::Suppress s;
    s.range = r;
    std::vector<ast::ExprPtr> exprs = BuildExprs(c->expr());
    if (!exprs.empty()) {
      s.duration = std::move(exprs.back());
      exprs.pop_back();
    }
    s.keys = std::move(exprs);
    rule.suppress = std::move(s);
  }
}

std::optional<ast::EmitSpec> Builder::BuildEmit(P::EmitBodyContext* ctx) {
  if (ctx == nullptr) return std::nullopt;
  ast::EmitSpec e;
  e.type_name = BuildName(ctx->name());
  e.range = Range(ctx);
  for (auto* f : ctx->emitField()) {
    ast::EmitField field;
    field.name = BuildName(f->name());
    field.value = f->expr() ? BuildExpr(f->expr()) : ErrorExpr(Range(f));
    e.fields.push_back(std::move(field));
  }
  return e;
}

ast::WindowSpec Builder::BuildWindow(P::WindowSpecContext* ctx) {
  ast::WindowSpec w;
  w.range = Range(ctx);
  auto exprs = [&](const std::vector<P::ExprContext*>& es) {
    if (!es.empty()) w.size = BuildExpr(es[0]);
    if (es.size() > 1) w.every = BuildExpr(es[1]);
  };
  if (auto* c = dynamic_cast<P::TumblingWindowContext*>(ctx)) {
    w.kind = ast::WindowKind::kTumbling;
    if (c->expr()) w.size = BuildExpr(c->expr());
  } else if (auto* c = dynamic_cast<P::SlidingWindowContext*>(ctx)) {
    w.kind = ast::WindowKind::kSliding;
    exprs(c->expr());
  } else if (auto* c = dynamic_cast<P::SessionWindowContext*>(ctx)) {
    w.kind = ast::WindowKind::kSession;
    if (c->expr()) w.size = BuildExpr(c->expr());
  } else if (auto* c = dynamic_cast<P::CountWindowContext*>(ctx)) {
    w.kind = ast::WindowKind::kCount;
    exprs(c->expr());
  }
  if (w.size == nullptr) w.size = ErrorExpr(w.range);
  return w;
}

ast::AfterMatch Builder::BuildAfterMatch(P::AfterMatchContext* ctx) {
  ast::AfterMatch a;
  if (dynamic_cast<P::SkipPastLastContext*>(ctx)) {
    a.kind = ast::AfterMatchKind::kSkipPastLast;
  } else if (dynamic_cast<P::SkipToNextContext*>(ctx)) {
    a.kind = ast::AfterMatchKind::kSkipToNext;
  } else if (auto* c = dynamic_cast<P::SkipToFirstContext*>(ctx)) {
    a.kind = ast::AfterMatchKind::kSkipToFirst;
    a.var = BuildName(c->name());
  } else if (auto* c = dynamic_cast<P::SkipToLastContext*>(ctx)) {
    a.kind = ast::AfterMatchKind::kSkipToLast;
    a.var = BuildName(c->name());
  } else if (dynamic_cast<P::NoSkipContext*>(ctx)) {
    a.kind = ast::AfterMatchKind::kNoSkip;
  }
  return a;
}

// ---------------------------------------------------------------- patterns

ast::PatternPtr Builder::BuildPattern(P::PatternContext* ctx) {
  auto seqs = ctx->seqPattern();
  if (seqs.empty()) return ErrorPattern(Range(ctx));
  if (seqs.size() == 1) return BuildSeq(seqs[0]);
  auto alt = std::make_unique<ast::Pattern>();
  alt->kind = ast::PatternKind::kAlt;
  alt->range = Range(ctx);
  for (auto* s : seqs) alt->children.push_back(BuildSeq(s));
  return alt;
}

ast::PatternPtr Builder::BuildSeq(P::SeqPatternContext* ctx) {
  auto units = ctx->unit();
  if (units.empty()) return ErrorPattern(Range(ctx));
  if (units.size() == 1) return BuildUnit(units[0]);
  auto seq = std::make_unique<ast::Pattern>();
  seq->kind = ast::PatternKind::kSeq;
  seq->range = Range(ctx);
  for (auto* u : units) seq->children.push_back(BuildUnit(u));
  for (auto* op : ctx->seqOp()) {
    if (dynamic_cast<P::StrictSeqContext*>(op)) seq->seq_ops.push_back(ast::SeqPolicy::kStrict);
    else if (dynamic_cast<P::AnySeqContext*>(op)) seq->seq_ops.push_back(ast::SeqPolicy::kAny);
    else seq->seq_ops.push_back(ast::SeqPolicy::kRelaxed);
  }
  // Recovery can leave the operator list short; keep the invariant.
  seq->seq_ops.resize(seq->children.size() - 1, ast::SeqPolicy::kRelaxed);
  return seq;
}

ast::PatternPtr Builder::BuildUnit(P::UnitContext* ctx) {
  if (auto* neg = dynamic_cast<P::NegatedUnitContext*>(ctx)) {
    auto p = std::make_unique<ast::Pattern>();
    p->kind = ast::PatternKind::kNot;
    p->range = Range(neg);
    p->children.push_back(neg->primaryPattern() ? BuildPrimary(neg->primaryPattern())
                                                : ErrorPattern(p->range));
    if (neg->expr() != nullptr) p->within = BuildExpr(neg->expr());
    return p;
  }
  auto* pos = dynamic_cast<P::PositiveUnitContext*>(ctx);
  if (pos == nullptr || pos->primaryPattern() == nullptr) return ErrorPattern(Range(ctx));
  ast::PatternPtr inner = BuildPrimary(pos->primaryPattern());
  if (pos->quantifier() == nullptr && pos->loopPolicy() == nullptr &&
      pos->untilClause() == nullptr) {
    return inner;
  }
  auto rep = std::make_unique<ast::Pattern>();
  rep->kind = ast::PatternKind::kRepeat;
  rep->range = Range(pos);
  if (pos->quantifier() != nullptr) {
    BuildQuantifier(pos->quantifier(), rep->quant);
  } else {
    // `until` or a loop policy without a quantifier: one or more.
    rep->quant.min_expr = MakeExpr(ast::ExprKind::kIntLit, rep->range);
    rep->quant.min_expr->int_value = 1;
    rep->quant.range = rep->range;
  }
  if (auto* lp = pos->loopPolicy()) {
    rep->quant.loop_policy = lp->STRICT() ? ast::SeqPolicy::kStrict : ast::SeqPolicy::kAny;
  }
  if (auto* u = pos->untilClause()) {
    auto atom = std::make_unique<ast::Pattern>();
    atom->kind = ast::PatternKind::kAtom;
    atom->range = Range(u);
    if (u->name() != nullptr) {
      atom->type_name = BuildName(u->name());
    } else if (inner->kind == ast::PatternKind::kAtom) {
      atom->type_name = inner->type_name;  // `until [expr]`: same type as the loop
    }
    if (u->expr() != nullptr) atom->filter = BuildExpr(u->expr());
    rep->until = std::move(atom);
  }
  rep->children.push_back(std::move(inner));
  return rep;
}

ast::PatternPtr Builder::BuildPrimary(P::PrimaryPatternContext* ctx) {
  auto p = std::make_unique<ast::Pattern>();
  p->range = Range(ctx);
  if (auto* a = dynamic_cast<P::AtomPatternContext*>(ctx)) {
    p->kind = ast::PatternKind::kAtom;
    p->var = BuildName(a->var);
    p->type_name = BuildName(a->type);
    if (a->expr() != nullptr) p->filter = BuildExpr(a->expr());
  } else if (auto* g = dynamic_cast<P::GroupPatternContext*>(ctx)) {
    p->kind = ast::PatternKind::kGroup;
    p->var = BuildName(g->var);
    p->children.push_back(g->pattern() ? BuildPattern(g->pattern()) : ErrorPattern(p->range));
  } else if (auto* all = dynamic_cast<P::AllPatternContext*>(ctx)) {
    p->kind = ast::PatternKind::kAll;
    p->var = BuildName(all->var);
    for (auto* c : all->pattern()) p->children.push_back(BuildPattern(c));
  }
  return p;
}

ast::ExprPtr Builder::BuildBound(P::BoundContext* ctx) {
  if (ctx == nullptr) return nullptr;
  SourceRange r = Range(ctx);
  if (ctx->INT() != nullptr) {
    auto e = MakeExpr(ast::ExprKind::kIntLit, r);
    if (auto err = DecodeInt(Text(r), false, &e->int_value)) {
      ReportLiteral(*err, r);
      return ErrorExpr(r);
    }
    return e;
  }
  auto e = MakeExpr(ast::ExprKind::kName, r);
  e->name = BuildName(ctx->name());
  return e;
}

void Builder::BuildQuantifier(P::QuantifierContext* ctx, ast::Quantifier& q) {
  q.range = Range(ctx);
  auto lit = [&](int64_t v) {
    auto e = MakeExpr(ast::ExprKind::kIntLit, q.range);
    e->int_value = v;
    return e;
  };
  antlr4::Token* reluctant = nullptr;
  if (auto* c = dynamic_cast<P::OptionalQuantContext*>(ctx)) {
    q.min_expr = lit(0);
    q.max_expr = lit(1);
    reluctant = c->reluctant;
  } else if (auto* c = dynamic_cast<P::StarQuantContext*>(ctx)) {
    q.min_expr = lit(0);
    reluctant = c->reluctant;
  } else if (auto* c = dynamic_cast<P::PlusQuantContext*>(ctx)) {
    q.min_expr = lit(1);
    reluctant = c->reluctant;
  } else if (auto* c = dynamic_cast<P::ExactQuantContext*>(ctx)) {
    q.min_expr = BuildBound(c->lo);
    q.exact = true;
    reluctant = c->reluctant;
  } else if (auto* c = dynamic_cast<P::RangeQuantContext*>(ctx)) {
    q.min_expr = BuildBound(c->lo);
    q.max_expr = BuildBound(c->hi);
    reluctant = c->reluctant;
  }
  if (q.min_expr == nullptr) q.min_expr = ErrorExpr(q.range);
  q.greedy = reluctant == nullptr;
}

// ---------------------------------------------------------------- expressions

ast::Op BinaryOp(size_t token_type) {
  using L = gen::CepLexer;
  switch (token_type) {
    case L::STAR: return ast::Op::kMul;
    case L::SLASH: return ast::Op::kDiv;
    case L::PERCENT: return ast::Op::kMod;
    case L::PLUS: return ast::Op::kAdd;
    case L::MINUS: return ast::Op::kSub;
    case L::LT: return ast::Op::kLt;
    case L::LE: return ast::Op::kLe;
    case L::GT: return ast::Op::kGt;
    case L::GE: return ast::Op::kGe;
    case L::EQ: return ast::Op::kEq;
    case L::NEQ: return ast::Op::kNe;
    case L::AND: case L::ANDAND: return ast::Op::kAnd;
    case L::OR: case L::OROR: return ast::Op::kOr;
    default: return ast::Op::kNone;
  }
}

ast::ExprPtr Builder::BuildExpr(P::ExprContext* ctx) {
  if (ctx == nullptr) return ErrorExpr({});
  SourceRange r = Range(ctx);
  auto binary = [&](antlr4::Token* op, const std::vector<P::ExprContext*>& operands) {
    if (op == nullptr || operands.size() != 2) return ErrorExpr(r);
    auto e = MakeExpr(ast::ExprKind::kBinary, r);
    e->op = BinaryOp(op->getType());
    e->args.push_back(BuildExpr(operands[0]));
    e->args.push_back(BuildExpr(operands[1]));
    return e;
  };
  if (auto* c = dynamic_cast<P::FieldExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kField, r);
    e->args.push_back(BuildExpr(c->expr()));
    e->name = BuildName(c->name());
    return e;
  }
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kCall, r);
    e->name = BuildName(c->callee);
    e->args = BuildExprs(c->expr());
    return e;
  }
  if (auto* c = dynamic_cast<P::UnaryExprContext*>(ctx)) {
    if (c->op == nullptr) return ErrorExpr(r);
    bool minus = c->op->getType() == gen::CepLexer::MINUS;
    // Fold `-<literal>` so that INT64_MIN is expressible.
    if (minus) {
      if (auto* lit = dynamic_cast<P::LiteralExprContext*>(c->expr())) {
        if (dynamic_cast<P::IntLitContext*>(lit->literal()) ||
            dynamic_cast<P::FloatLitContext*>(lit->literal()) ||
            dynamic_cast<P::DurationLitContext*>(lit->literal())) {
          auto e = BuildLiteral(lit->literal(), true);
          e->range = r;
          return e;
        }
      }
    }
    auto e = MakeExpr(ast::ExprKind::kUnary, r);
    e->op = minus ? ast::Op::kNeg : ast::Op::kNot;
    e->args.push_back(BuildExpr(c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kUnary, r);
    e->op = ast::Op::kNot;
    e->args.push_back(BuildExpr(c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::EqualExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) return binary(c->op, c->expr());
  if (auto* c = dynamic_cast<P::RegexExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kRegexMatch, r);
    e->negated = c->op != nullptr && c->op->getType() == gen::CepLexer::REGEX_NOMATCH;
    e->args.push_back(BuildExpr(c->expr()));
    if (c->REGEX() != nullptr) {
      SourceRange lr = Range(c->REGEX());
      std::string_view lit = Text(lr);
      size_t close = lit.rfind('/');
      if (close == std::string_view::npos || close == 0) return ErrorExpr(r);
      std::string_view body = lit.substr(1, close - 1);
      e->regex_flags = std::string(lit.substr(close + 1));
      e->text_range = {file_, lr.begin + 1, lr.begin + 1 + static_cast<uint32_t>(body.size())};
      // \/ stands for a slash; every other escape is re2's.
      for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '/') {
          e->text.push_back('/');
          ++i;
        } else {
          e->text.push_back(body[i]);
          if (body[i] == '\\' && i + 1 < body.size()) e->text.push_back(body[++i]);
        }
      }
    } else if (c->STRING() != nullptr) {
      SourceRange lr = Range(c->STRING());
      if (!DecodeStringToken(c->STRING(), &e->text)) return ErrorExpr(r);
      e->text_range = {file_, lr.begin + 1, lr.end - 1};
    } else {
      return ErrorExpr(r);  // unterminated regex: already reported
    }
    return e;
  }
  if (auto* c = dynamic_cast<P::InExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kIn, r);
    e->negated = c->NOT() != nullptr;
    e->args = BuildExprs(c->expr());
    if (e->args.empty()) return ErrorExpr(r);
    return e;
  }
  if (auto* c = dynamic_cast<P::IsNullExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kIsNull, r);
    e->negated = c->NOT() != nullptr;
    e->args.push_back(BuildExpr(c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) {
    ast::ExprPtr inner = BuildExpr(c->expr());
    return inner;
  }
  if (auto* c = dynamic_cast<P::LiteralExprContext*>(ctx)) {
    return BuildLiteral(c->literal(), false);
  }
  if (auto* c = dynamic_cast<P::NameExprContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kName, r);
    e->name = BuildName(c->name());
    return e;
  }
  return ErrorExpr(r);
}

ast::ExprPtr Builder::BuildLiteral(P::LiteralContext* ctx, bool negative) {
  if (ctx == nullptr) return ErrorExpr({});
  SourceRange r = Range(ctx);
  std::string_view text = Text(r);
  if (dynamic_cast<P::IntLitContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kIntLit, r);
    if (auto err = DecodeInt(text, negative, &e->int_value)) {
      ReportLiteral(*err, r);
      return ErrorExpr(r);
    }
    return e;
  }
  if (dynamic_cast<P::FloatLitContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kFloatLit, r);
    if (auto err = DecodeFloat(text, &e->float_value)) {
      ReportLiteral(*err, r);
      return ErrorExpr(r);
    }
    if (negative) e->float_value = -e->float_value;
    return e;
  }
  if (dynamic_cast<P::DurationLitContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kDurationLit, r);
    e->text = std::string(text);
    if (auto err = DecodeDuration(text, &e->int_value)) {
      ReportLiteral(*err, r);
      return ErrorExpr(r);
    }
    if (negative) {
      e->int_value = -e->int_value;
      e->text = StrCat("-", e->text);
    }
    return e;
  }
  if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kStringLit, r);
    if (!DecodeStringToken(c->STRING(), &e->text)) return ErrorExpr(r);
    return e;
  }
  if (dynamic_cast<P::BadStringLitContext*>(ctx)) return ErrorExpr(r);  // reported by the scan
  if (auto* c = dynamic_cast<P::BoolLitContext*>(ctx)) {
    auto e = MakeExpr(ast::ExprKind::kBoolLit, r);
    e->bool_value = c->TRUE_() != nullptr;
    return e;
  }
  if (dynamic_cast<P::NullLitContext*>(ctx)) return MakeExpr(ast::ExprKind::kNullLit, r);
  return ErrorExpr(r);
}

}  // namespace

void BuildItem(P::ItemContext* item, const SourceManager& sources, FileId file,
               DiagnosticEngine& diags, ast::Module& module) {
  if (item != nullptr) Builder(sources, file, diags).BuildItem(item, module);
}

}  // namespace cep::parse
