// See layout.h. One function per grammar construct, each walking its parse
// tree children in order (so tokens come out in file order) and choosing the
// spaces, breaks, groups and alignment between them. docs/tooling.md states
// the resulting rules.
#include "compiler/fmt/layout.h"

#include <algorithm>
#include <typeinfo>

#include "CepLexer.h"

namespace cep::fmt {
namespace {

using L = parse::gen::CepLexer;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;

TerminalNode* AsTerminal(ParseTree* t) { return dynamic_cast<TerminalNode*>(t); }

size_t TokenType(ParseTree* t) {
  TerminalNode* n = AsTerminal(t);
  return n == nullptr ? 0 : n->getSymbol()->getType();
}

std::string Spaces(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), ' '); }

}  // namespace

// ---------------------------------------------------------------- tokens

int32_t LayoutBuilder::CodeIndex(antlr4::Token* t) const {
  if (t == nullptr) return -1;
  size_t i = t->getTokenIndex();
  return i < token_index_.size() ? token_index_[i] : -1;
}

int32_t LayoutBuilder::CodeIndex(TerminalNode* t) const {
  return t == nullptr ? -1 : CodeIndex(t->getSymbol());
}

std::string LayoutBuilder::CommentText(const Comment& c) const {
  std::string s(text_.substr(c.begin, c.end - c.begin));
  if (c.line) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
  }
  // Block comments are kept verbatim, with line ends made "\n".
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out.push_back(s[i]);
  }
  return out;
}

void LayoutBuilder::FlushTrailing() {
  if (pending_trailing_ < 0) return;
  const CodeToken& c = trivia_.code[static_cast<size_t>(pending_trailing_)];
  pending_trailing_ = -1;
  for (uint32_t i = c.trailing_begin; i < c.trailing_end; ++i) {
    const Comment& m = trivia_.comments[i];
    doc_->Space();
    doc_->Text(CommentText(m));
    if (m.line || m.newline_after) {
      doc_->CommentBreak(1, /*after=*/true);
    } else {
      doc_->Space();
    }
  }
}

void LayoutBuilder::FlushLeading(int32_t k) {
  if (k < 0 || k <= leading_done_) return;
  leading_done_ = k;
  const CodeToken& c = trivia_.code[static_cast<size_t>(k)];
  for (uint32_t i = c.leading_begin; i < c.leading_end; ++i) {
    const Comment& m = trivia_.comments[i];
    if (m.own_line) {
      doc_->CommentBreak(m.blank_before && !after_open_ ? 2 : 1, /*after=*/false);
    } else {
      doc_->Space();
    }
    doc_->Text(CommentText(m));
    after_open_ = false;
    bool last = i + 1 == c.leading_end;
    if (m.line || m.newline_after) {
      doc_->CommentBreak(last && c.blank_before && !c.eof ? 2 : 1, /*after=*/true);
    } else {
      doc_->Space();
    }
  }
}

void LayoutBuilder::Advance(int32_t k, bool print) {
  if (k < next_code_) {
    missed_ = true;  // out of order or a conjured token: a bug
    return;
  }
  if (k > next_code_) missed_ = true;  // tokens left out
  FlushTrailing();
  FlushLeading(k);
  if (print) {
    std::string_view s = CodeText(k);
    doc_->Text(s);
    after_open_ = s == "{" || s == "(" || s == "[";
  }
  pending_trailing_ = k;
  next_code_ = k + 1;
}

void LayoutBuilder::Tok(TerminalNode* t) {
  if (t != nullptr) Advance(CodeIndex(t), true);
}
void LayoutBuilder::Tok(antlr4::Token* t) {
  if (t != nullptr) Advance(CodeIndex(t), true);
}
void LayoutBuilder::Skip(TerminalNode* t) {
  if (t != nullptr) Advance(CodeIndex(t), false);
}

void LayoutBuilder::Glue(std::string_view s) {
  doc_->Text(s);
  after_open_ = false;
}

void LayoutBuilder::Line(LineKind kind, int dedent) {
  FlushTrailing();
  doc_->Line(kind, dedent);
}

void LayoutBuilder::FlushBefore(TerminalNode* t) {
  FlushTrailing();
  FlushLeading(CodeIndex(t));
}

bool LayoutBuilder::FirstBlank(antlr4::ParserRuleContext* ctx) const {
  int32_t k = ctx == nullptr ? -1 : CodeIndex(ctx->getStart());
  if (k < 0) return false;
  const CodeToken& c = trivia_.code[static_cast<size_t>(k)];
  if (c.leading_begin < c.leading_end) return trivia_.comments[c.leading_begin].blank_before;
  return c.blank_before;
}

bool LayoutBuilder::AnyBlank(antlr4::ParserRuleContext* ctx) const {
  int32_t k = ctx == nullptr ? -1 : CodeIndex(ctx->getStart());
  if (k < 0) return false;
  const CodeToken& c = trivia_.code[static_cast<size_t>(k)];
  bool blank = c.blank_before;
  for (uint32_t i = c.leading_begin; i < c.leading_end; ++i) blank = blank || trivia_.comments[i].blank_before;
  return blank;
}

bool LayoutBuilder::HasLeadingComments(antlr4::ParserRuleContext* ctx) const {
  int32_t k = ctx == nullptr ? -1 : CodeIndex(ctx->getStart());
  if (k < 0) return false;
  const CodeToken& c = trivia_.code[static_cast<size_t>(k)];
  return c.leading_begin < c.leading_end;
}

size_t LayoutBuilder::AlignedName(antlr4::tree::ParseTree* name, ItemLayout* out) {
  size_t head = doc_->size() - 1;
  doc_->Space();
  Glued(name);
  out->name_width = TextWidth(name != nullptr ? name->getText() : "");
  out->pad_slot = doc_->IfBreak("", "");
  doc_->Space();
  return head;
}

void LayoutBuilder::Glued(ParseTree* t) {
  if (t == nullptr) return;
  if (TerminalNode* n = AsTerminal(t)) {
    Tok(n);
    return;
  }
  for (ParseTree* c : t->children) Glued(c);
}

// ---------------------------------------------------------------- items

ItemLayout LayoutBuilder::Item(P::ItemContext* item) {
  ItemLayout out;
  doc_ = &out.doc;
  out.first_blank = FirstBlank(item);
  out.any_blank = AnyBlank(item);
  out.leading_comment = HasLeadingComments(item);
  if (auto* imp = dynamic_cast<P::ImportItemContext*>(item)) {
    out.kind = ItemLayout::Kind::kImport;
    out.compact = true;
    Tok(imp->IMPORT());
    doc_->Space();
    Tok(imp->STRING());
  } else if (auto* ev = dynamic_cast<P::EventItemContext*>(item)) {
    out.kind = ItemLayout::Kind::kEvent;
    Annotations(ev->annotation());
    Tok(ev->EVENT());
    size_t head = AlignedName(ev->name(), &out);
    size_t group = SIZE_MAX;
    EventBody(ev, &group);
    std::optional<int> flat = doc_->FlatWidth(head, doc_->size());
    bool one_line = flat.has_value() && *flat <= width_;
    if (group != SIZE_MAX) doc_->SetGroupMode(group, one_line ? GroupMode::kFlat : GroupMode::kBroken);
    out.compact = one_line && ev->annotation().empty();
    out.flat_width = flat.value_or(0);
  } else if (auto* c = dynamic_cast<P::ConstItemContext*>(item)) {
    out.kind = ItemLayout::Kind::kConst;
    Annotations(c->annotation());
    Tok(c->CONST());
    size_t head = AlignedName(c->name(), &out);
    Tok(c->ASSIGN());
    doc_->Space();
    Expr(c->expr());
    // Compact only when it fits on one line: then no break (which could
    // turn a comment into a line-ending one) ever happens inside it, and the
    // decision is the same when the output is formatted again.
    std::optional<int> flat = doc_->FlatWidth(head, doc_->size());
    out.compact = c->annotation().empty() && flat.has_value() && *flat <= width_;
    out.flat_width = flat.value_or(0);
  } else if (auto* r = dynamic_cast<P::RuleItemContext*>(item)) {
    out.kind = ItemLayout::Kind::kRule;
    Annotations(r->annotation());
    Tok(r->RULE());
    doc_->Space();
    Glued(r->name());
    doc_->Space();
    RuleBody(r);
  } else {
    Glued(item);  // not reached for a file that parsed
  }
  FlushTrailing();
  doc_ = nullptr;
  return out;
}

Doc LayoutBuilder::End() {
  Doc d;
  doc_ = &d;
  FlushTrailing();
  int32_t eof = static_cast<int32_t>(trivia_.code.size()) - 1;
  if (next_code_ != eof) missed_ = true;
  FlushLeading(eof);
  doc_ = nullptr;
  return d;
}

void LayoutBuilder::Annotations(const std::vector<P::AnnotationContext*>& anns) {
  for (P::AnnotationContext* a : anns) {
    Annotation(a);
    Line(LineKind::kHard);
  }
}

void LayoutBuilder::Annotation(P::AnnotationContext* a) {
  Tok(a->AT());
  Glued(a->name());
  if (a->LPAREN() != nullptr) {
    for (size_t i = 0; i < a->children.size(); ++i) {
      if (TokenType(a->children[i]) == L::LPAREN) {
        List(a, i);
        break;
      }
    }
  }
}

void LayoutBuilder::EventBody(P::EventItemContext* e, size_t* group) {
  Tok(e->LBRACE());
  std::vector<P::FieldDeclContext*> fields = e->fieldDecl();
  if (fields.empty()) {
    Tok(e->RBRACE());
    return;
  }
  // Types line up within runs of fields not separated by a blank line.
  std::vector<int> pad(fields.size(), 0);
  for (size_t b = 0; b < fields.size();) {
    size_t end = b + 1;
    while (end < fields.size() && !AnyBlank(fields[end])) ++end;
    int widest = 0;
    for (size_t i = b; i < end; ++i) widest = std::max(widest, TextWidth(fields[i]->name(0)->getText()));
    for (size_t i = b; i < end; ++i) pad[i] = widest - TextWidth(fields[i]->name(0)->getText());
    b = end;
  }
  *group = doc_->BeginGroup();
  doc_->BeginNest(2);
  Line(LineKind::kSpace);
  for (size_t i = 0; i < fields.size(); ++i) {
    P::FieldDeclContext* f = fields[i];
    if (i > 0) Line(FirstBlank(f) ? LineKind::kSpaceBlank : LineKind::kSpace);
    Glued(f->name(0));
    Tok(f->COLON());
    if (pad[i] > 0) doc_->IfBreak(Spaces(pad[i]), "");
    doc_->Space();
    Glued(f->typeName);
    Tok(f->QUESTION());
    if (i + 1 < fields.size()) Glue(",");
    Skip(f->COMMA());
  }
  FlushBefore(e->RBRACE());
  doc_->EndNest();
  Line(LineKind::kSpace);
  Tok(e->RBRACE());
  doc_->EndGroup();
}

void LayoutBuilder::RuleBody(P::RuleItemContext* r) {
  Tok(r->LBRACE());
  doc_->BeginNest(2);
  std::vector<P::ClauseContext*> clauses = r->clause();
  for (size_t i = 0; i < clauses.size(); ++i) {
    Line(i > 0 && FirstBlank(clauses[i]) ? LineKind::kBlank : LineKind::kHard);
    Clause(clauses[i]);
  }
  FlushBefore(r->RBRACE());
  doc_->EndNest();
  Line(LineKind::kHard);
  Tok(r->RBRACE());
}

void LayoutBuilder::Clause(P::ClauseContext* c) {
  if (auto* p = dynamic_cast<P::PatternClauseContext*>(c)) {
    Tok(p->PATTERN());
    const CodeToken& keyword = trivia_.code[static_cast<size_t>(CodeIndex(p->PATTERN()))];
    if (keyword.trailing_begin < keyword.trailing_end) {
      // `pattern // comment`: the pattern goes on the next line, indented
      // enough for its arrows to hang left of it.
      doc_->BeginNest(4);
      Line(LineKind::kHard);
      Pattern(p->pattern());
      doc_->EndNest();
    } else {
      doc_->Space();
      Pattern(p->pattern());
    }
  } else if (auto* f = dynamic_cast<P::FromClauseContext*>(c)) {
    Tok(f->FROM());
    doc_->Space();
    std::vector<P::NameContext*> names = f->name();
    if (!names.empty()) Glued(names[0]);
    if (f->LBRACK() != nullptr) Filter(f->LBRACK(), f->expr(), f->RBRACK());
    if (f->AS() != nullptr) {
      doc_->Space();
      Tok(f->AS());
      doc_->Space();
      if (names.size() > 1) Glued(names[1]);
    }
  } else if (auto* e = dynamic_cast<P::EmitClauseContext*>(c)) {
    Tok(e->EMIT());
    doc_->Space();
    EmitBody(e->emitBody());
  } else if (auto* t = dynamic_cast<P::TimeoutEmitClauseContext*>(c)) {
    Tok(t->ON());
    doc_->Space();
    Tok(t->TIMEOUT());
    doc_->Space();
    Tok(t->EMIT());
    doc_->Space();
    EmitBody(t->emitBody());
  } else {
    Words(c);
  }
}

// Children separated by single spaces, no space before a comma: the layout
// of the one-line clauses (within, partition by, after match, window, ...).
void LayoutBuilder::Words(antlr4::ParserRuleContext* ctx) {
  bool first = true;
  for (ParseTree* child : ctx->children) {
    if (TerminalNode* n = AsTerminal(child)) {
      if (n->getSymbol()->getType() != L::COMMA && !first) doc_->Space();
      Tok(n);
    } else {
      if (!first) doc_->Space();
      if (auto* e = dynamic_cast<P::ExprContext*>(child)) {
        Expr(e);
      } else if (dynamic_cast<P::NameContext*>(child) != nullptr ||
                 dynamic_cast<P::PartitionKeyContext*>(child) != nullptr) {
        Glued(child);
      } else if (auto* r = dynamic_cast<antlr4::ParserRuleContext*>(child)) {
        Words(r);
      }
    }
    first = false;
  }
}

void LayoutBuilder::EmitBody(P::EmitBodyContext* e) {
  if (e == nullptr) return;
  Glued(e->name());
  doc_->Space();
  Tok(e->LBRACE());
  std::vector<P::EmitFieldContext*> fields = e->emitField();
  if (fields.empty()) {
    for (TerminalNode* comma : e->COMMA()) Skip(comma);
    Tok(e->RBRACE());
    return;
  }
  // `=` lines up within runs of fields not separated by a blank line.
  std::vector<int> pad(fields.size(), 0);
  for (size_t b = 0; b < fields.size();) {
    size_t end = b + 1;
    while (end < fields.size() && !AnyBlank(fields[end])) ++end;
    int widest = 0;
    for (size_t i = b; i < end; ++i) widest = std::max(widest, TextWidth(fields[i]->name()->getText()));
    for (size_t i = b; i < end; ++i) pad[i] = widest - TextWidth(fields[i]->name()->getText());
    b = end;
  }
  doc_->BeginGroup();
  doc_->BeginNest(2);
  Line(LineKind::kSpace);
  size_t field = 0;
  for (size_t i = 0; i < e->children.size(); ++i) {
    ParseTree* child = e->children[i];
    if (auto* f = dynamic_cast<P::EmitFieldContext*>(child)) {
      Glued(f->name());
      if (pad[field] > 0) doc_->IfBreak(Spaces(pad[field]), "");
      doc_->Space();
      Tok(f->ASSIGN());
      doc_->Space();
      Expr(f->expr());
      ++field;
    } else if (TokenType(child) == L::COMMA) {
      bool more = field < fields.size();
      if (more) Glue(",");
      Skip(AsTerminal(child));
      if (more) Line(FirstBlank(fields[field]) ? LineKind::kSpaceBlank : LineKind::kSpace);
    }
  }
  FlushBefore(e->RBRACE());
  doc_->EndNest();
  Line(LineKind::kSpace);
  Tok(e->RBRACE());
  doc_->EndGroup();
}

// ---------------------------------------------------------------- patterns

void LayoutBuilder::Pattern(P::PatternContext* p) {
  if (p == nullptr) return;
  std::vector<P::SeqPatternContext*> seqs = p->seqPattern();
  if (seqs.size() == 1) {
    Seq(seqs[0]);
    return;
  }
  // Broken: `| b` under `a`, the bar hanging left of the alternatives.
  doc_->BeginGroup();
  doc_->BeginAlign();
  for (ParseTree* child : p->children) {
    if (TokenType(child) == L::PIPE) {
      Line(LineKind::kSpace, 2);
      Tok(AsTerminal(child));
      doc_->Space();
    } else if (auto* s = dynamic_cast<P::SeqPatternContext*>(child)) {
      Seq(s);
    }
  }
  doc_->EndAlign();
  doc_->EndGroup();
}

namespace {

// The variable of a step that is a plain bound atom (`v: Type[...]...`),
// whose type names line up when a sequence is broken; null otherwise.
parse::gen::CepParser::NameContext* AlignedVar(parse::gen::CepParser::UnitContext* u) {
  auto* pos = dynamic_cast<parse::gen::CepParser::PositiveUnitContext*>(u);
  if (pos == nullptr) return nullptr;
  auto* atom = dynamic_cast<parse::gen::CepParser::AtomPatternContext*>(pos->primaryPattern());
  return atom == nullptr ? nullptr : atom->var;
}

}  // namespace

void LayoutBuilder::Seq(P::SeqPatternContext* s) {
  if (s == nullptr) return;
  std::vector<P::UnitContext*> units = s->unit();
  if (units.size() == 1) {
    Unit(units[0], 0);
    return;
  }
  int widest = 0;
  for (P::UnitContext* u : units) {
    if (P::NameContext* v = AlignedVar(u)) widest = std::max(widest, TextWidth(v->getText()));
  }
  // Broken: one step per line, each arrow hanging left of its step so that
  // the steps start in one column.
  doc_->BeginGroup();
  doc_->BeginAlign();
  for (ParseTree* child : s->children) {
    if (auto* op = dynamic_cast<P::SeqOpContext*>(child)) {
      TerminalNode* arrow = op->children.empty() ? nullptr : AsTerminal(op->children[0]);
      int w = arrow == nullptr ? 0 : TextWidth(arrow->getText());
      Line(LineKind::kSpace, w + 1);
      Glued(op);
      doc_->Space();
    } else if (auto* u = dynamic_cast<P::UnitContext*>(child)) {
      P::NameContext* v = AlignedVar(u);
      Unit(u, v == nullptr ? 0 : widest - TextWidth(v->getText()));
    }
  }
  doc_->EndAlign();
  doc_->EndGroup();
}

void LayoutBuilder::Unit(P::UnitContext* u, int pad) {
  if (auto* neg = dynamic_cast<P::NegatedUnitContext*>(u)) {
    Tok(neg->BANG());
    Primary(neg->primaryPattern(), 0);
    if (neg->WITHIN() != nullptr) {
      doc_->Space();
      Tok(neg->WITHIN());
      doc_->Space();
      Expr(neg->expr());
    }
    return;
  }
  auto* pos = dynamic_cast<P::PositiveUnitContext*>(u);
  if (pos == nullptr) return;
  Primary(pos->primaryPattern(), pad);
  Glued(pos->quantifier());
  if (pos->loopPolicy() != nullptr) {
    doc_->Space();
    Glued(pos->loopPolicy());
  }
  if (P::UntilClauseContext* until = pos->untilClause()) {
    doc_->Space();
    Tok(until->UNTIL());
    doc_->Space();
    Glued(until->name());
    if (until->LBRACK() != nullptr) Filter(until->LBRACK(), until->expr(), until->RBRACK());
  }
}

void LayoutBuilder::Primary(P::PrimaryPatternContext* p, int pad) {
  auto bind = [&](P::NameContext* var, TerminalNode* colon) {
    if (var == nullptr) return;
    Glued(var);
    Tok(colon);
    if (pad > 0) doc_->IfBreak(Spaces(pad), "");
    doc_->Space();
  };
  if (auto* atom = dynamic_cast<P::AtomPatternContext*>(p)) {
    bind(atom->var, atom->COLON());
    Glued(atom->type);
    if (atom->LBRACK() != nullptr) Filter(atom->LBRACK(), atom->expr(), atom->RBRACK());
  } else if (auto* group = dynamic_cast<P::GroupPatternContext*>(p)) {
    bind(group->var, group->COLON());
    Tok(group->LPAREN());
    Pattern(group->pattern());
    Tok(group->RPAREN());
  } else if (auto* all = dynamic_cast<P::AllPatternContext*>(p)) {
    bind(all->var, all->COLON());
    Tok(all->ALL());
    Tok(all->LPAREN());
    doc_->BeginGroup();
    doc_->BeginAlign();
    for (ParseTree* child : all->children) {
      if (auto* part = dynamic_cast<P::PatternContext*>(child)) {
        Pattern(part);
      } else if (TokenType(child) == L::COMMA) {
        Tok(AsTerminal(child));
        Line(LineKind::kSpace);
      }
    }
    doc_->EndAlign();
    doc_->EndGroup();
    Tok(all->RPAREN());
  }
}

void LayoutBuilder::Filter(TerminalNode* open, P::ExprContext* e, TerminalNode* close) {
  Tok(open);
  doc_->BeginAlign();
  Expr(e);
  doc_->EndAlign();
  Tok(close);
}

// ---------------------------------------------------------------- expressions

void LayoutBuilder::List(antlr4::ParserRuleContext* ctx, size_t open) {
  Tok(AsTerminal(ctx->children[open]));
  size_t close = open + 1;
  while (close < ctx->children.size()) {
    size_t type = TokenType(ctx->children[close]);
    if (type == L::RPAREN || type == L::RBRACK) break;
    ++close;
  }
  if (close == open + 1) {
    if (close < ctx->children.size()) Tok(AsTerminal(ctx->children[close]));
    return;
  }
  doc_->BeginGroup();
  doc_->BeginAlign();
  for (size_t i = open + 1; i < close; ++i) {
    ParseTree* child = ctx->children[i];
    if (auto* e = dynamic_cast<P::ExprContext*>(child)) {
      Expr(e);
    } else if (TokenType(child) == L::COMMA) {
      Tok(AsTerminal(child));
      Line(LineKind::kSpace);
    }
  }
  doc_->EndAlign();
  doc_->EndGroup();
  if (close < ctx->children.size()) Tok(AsTerminal(ctx->children[close]));
}

void LayoutBuilder::Chain(P::ExprContext* e) {
  // Flatten `a and b and c` (left-nested, one precedence level) into
  // operands and operators.
  std::vector<ParseTree*> parts;
  const std::type_info& kind = typeid(*e);
  auto collect = [&](auto&& self, ParseTree* t) -> void {
    if (t != nullptr && typeid(*t) == kind && t->children.size() == 3) {
      self(self, t->children[0]);
      parts.push_back(t->children[1]);
      self(self, t->children[2]);
    } else {
      parts.push_back(t);
    }
  };
  collect(collect, e);
  // Broken: one operand per line, each line after the first starting with
  // its operator, in the column of the first operand.
  doc_->BeginGroup();
  doc_->BeginAlign();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i % 2 == 1) {
      Line(LineKind::kSpace);
      Tok(AsTerminal(parts[i]));
      doc_->Space();
    } else {
      Expr(dynamic_cast<P::ExprContext*>(parts[i]));
    }
  }
  doc_->EndAlign();
  doc_->EndGroup();
}

void LayoutBuilder::Expr(P::ExprContext* e) {
  if (e == nullptr) return;
  const std::vector<ParseTree*>& kids = e->children;
  auto sub = [&](size_t i) {
    return i < kids.size() ? dynamic_cast<P::ExprContext*>(kids[i]) : nullptr;
  };
  if (dynamic_cast<P::AndExprContext*>(e) != nullptr || dynamic_cast<P::OrExprContext*>(e) != nullptr) {
    Chain(e);
  } else if (dynamic_cast<P::FieldExprContext*>(e) != nullptr) {
    Expr(sub(0));
    for (size_t i = 1; i < kids.size(); ++i) Glued(kids[i]);
  } else if (auto* call = dynamic_cast<P::CallExprContext*>(e)) {
    Glued(call->callee);
    for (size_t i = 0; i < kids.size(); ++i) {
      if (TokenType(kids[i]) == L::LPAREN) {
        List(e, i);
        break;
      }
    }
  } else if (dynamic_cast<P::UnaryExprContext*>(e) != nullptr) {
    Glued(kids[0]);
    Expr(sub(1));
  } else if (dynamic_cast<P::NotExprContext*>(e) != nullptr) {
    Glued(kids[0]);
    doc_->Space();
    Expr(sub(1));
  } else if (dynamic_cast<P::InExprContext*>(e) != nullptr) {
    Expr(sub(0));
    for (size_t i = 1; i < kids.size(); ++i) {
      size_t type = TokenType(kids[i]);
      doc_->Space();
      if (type == L::LBRACK) {
        List(e, i);
        break;
      }
      Glued(kids[i]);
    }
  } else if (dynamic_cast<P::ParenExprContext*>(e) != nullptr) {
    Glued(kids[0]);
    doc_->BeginAlign();
    Expr(sub(1));
    doc_->EndAlign();
    if (kids.size() > 2) Glued(kids[2]);
  } else if (dynamic_cast<P::LiteralExprContext*>(e) != nullptr ||
             dynamic_cast<P::NameExprContext*>(e) != nullptr) {
    Glued(e);
  } else {
    // Binary operators, regex matches, `is [not] null`: words with spaces.
    bool first = true;
    for (ParseTree* child : kids) {
      if (!first) doc_->Space();
      if (auto* x = dynamic_cast<P::ExprContext*>(child)) {
        Expr(x);
      } else {
        Glued(child);
      }
      first = false;
    }
  }
}

}  // namespace cep::fmt
