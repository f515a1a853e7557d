// Private to compiler/fmt/: turns the ANTLR parse tree of one item into
// layout documents (doc.h), token by token, with the comments of trivia.h
// attached where they were. Every code token of the file must go through
// Tok() or Skip() exactly once, in order; missed() says whether one was
// left out (a formatter bug the caller turns into an error).
// The layout rules are documented in docs/tooling.md.
#ifndef CEP_COMPILER_FMT_LAYOUT_H_
#define CEP_COMPILER_FMT_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "CepParser.h"
#include "compiler/fmt/doc.h"
#include "compiler/fmt/trivia.h"

namespace cep::fmt {

// What the file-level assembly needs to know about a laid-out item.
struct ItemLayout {
  enum class Kind { kImport, kEvent, kConst, kRule } kind = Kind::kRule;
  Doc doc;
  bool compact = false;       // one line, no annotations: may sit right under its like
  bool first_blank = false;   // a blank line before its first comment or token
  bool any_blank = false;     // a blank line anywhere before it since the previous item
  bool leading_comment = false;  // own-line comments before it
  int name_width = 0;         // events and consts: for aligning runs of them
  int flat_width = 0;         // compact items: the width of their one line, unpadded
  size_t pad_slot = 0;        // the IfBreak item padding the name
};

class LayoutBuilder {
 public:
  // `token_index` maps ANTLR token indexes to indexes into trivia.code.
  LayoutBuilder(std::string_view text, const Trivia& trivia, std::vector<int32_t> token_index,
                int width)
      : text_(text), trivia_(trivia), token_index_(std::move(token_index)), width_(width) {}

  ItemLayout Item(parse::gen::CepParser::ItemContext* item);
  // The comments after the last item.
  Doc End();
  bool missed() const { return missed_; }

 private:
  using P = parse::gen::CepParser;

  // ---- tokens and comments ----
  int32_t CodeIndex(antlr4::tree::TerminalNode* t) const;
  int32_t CodeIndex(antlr4::Token* t) const;
  std::string_view CodeText(int32_t k) const {
    const CodeToken& c = trivia_.code[static_cast<size_t>(k)];
    return text_.substr(c.begin, c.end - c.begin);
  }
  std::string CommentText(const Comment& c) const;
  void Tok(antlr4::tree::TerminalNode* t);
  void Tok(antlr4::Token* t);
  void Skip(antlr4::tree::TerminalNode* t);
  void Advance(int32_t k, bool print);
  void Glue(std::string_view s);
  void Line(LineKind kind, int dedent = 0);
  void FlushTrailing();
  void FlushLeading(int32_t k);
  void FlushBefore(antlr4::tree::TerminalNode* t);  // comments before t, at the current indentation
  bool FirstBlank(antlr4::ParserRuleContext* ctx) const;
  // A blank line anywhere between the previous code token and ctx: where
  // alignment runs end (stable even when a comment moves to a line of its own).
  bool AnyBlank(antlr4::ParserRuleContext* ctx) const;
  bool HasLeadingComments(antlr4::ParserRuleContext* ctx) const;

  // ---- items ----
  void Annotations(const std::vector<P::AnnotationContext*>& anns);
  void Annotation(P::AnnotationContext* a);
  void EventBody(P::EventItemContext* e, size_t* group);
  void RuleBody(P::RuleItemContext* r);
  void Clause(P::ClauseContext* c);
  void EmitBody(P::EmitBodyContext* e);
  void Words(antlr4::ParserRuleContext* ctx);

  // ---- patterns ----
  void Pattern(P::PatternContext* p);
  void Seq(P::SeqPatternContext* s);
  void Unit(P::UnitContext* u, int pad);
  void Primary(P::PrimaryPatternContext* p, int pad);
  void Glued(antlr4::tree::ParseTree* t);
  // After an item's keyword: ` NAME` and the padding slot that aligns what
  // follows across a run of items; fills out->name_width and pad_slot.
  // Returns the index of the keyword's item (where the item's width starts).
  size_t AlignedName(antlr4::tree::ParseTree* name, ItemLayout* out);
  void Filter(antlr4::tree::TerminalNode* open, P::ExprContext* e, antlr4::tree::TerminalNode* close);

  // ---- expressions ----
  void Expr(P::ExprContext* e);
  void Chain(P::ExprContext* e);
  // `( a, b, c )` from children[open] of `ctx` to the closing bracket,
  // broken after commas and aligned after the opening bracket.
  void List(antlr4::ParserRuleContext* ctx, size_t open);

  std::string_view text_;
  const Trivia& trivia_;
  std::vector<int32_t> token_index_;
  int width_;
  Doc* doc_ = nullptr;
  int32_t pending_trailing_ = -1;
  int32_t next_code_ = 0;
  int32_t leading_done_ = -1;  // FlushLeading already done up to this token
  bool after_open_ = false;
  bool missed_ = false;
};

}  // namespace cep::fmt

#endif  // CEP_COMPILER_FMT_LAYOUT_H_
