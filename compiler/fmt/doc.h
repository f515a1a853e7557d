// The layout document of `cep fmt`: a flat list of items (text, spaces, line
// breaks, groups, indentation) that the renderer lays out within a line
// width, in the spirit of Wadler's "prettier printer" and Oppen's algorithm.
//
// A *group* is laid out flat (every soft line a space or nothing) when it
// holds no hard break and fits in the rest of the line up to the next
// possible break after it; otherwise broken (every line of the group, not of
// its inner groups, a newline). Inner groups decide for themselves.
//
// Line breaks collapse: several breaks in a row print one newline (or one
// blank line if any of them asked for a blank line), and a space never
// starts or ends a line. That is what lets comments (which bring their own
// breaks) and structural breaks meet without producing empty lines.
//
// Private to compiler/fmt/. Tested by tests/unit/fmt_test.cc.
#ifndef CEP_COMPILER_FMT_DOC_H_
#define CEP_COMPILER_FMT_DOC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cep::fmt {

enum class LineKind : uint8_t {
  kSoft,        // flat: nothing; broken: newline
  kSpace,       // flat: a space; broken: newline
  kSpaceBlank,  // flat: a space; broken: blank line (the author's blank line, kept)
  kHard,        // newline in any mode
  kBlank,       // blank line in any mode
};

enum class GroupMode : uint8_t { kAuto, kFlat, kBroken };

struct DocItem {
  enum class Kind : uint8_t {
    kText,          // text (no leading/trailing spaces; may hold newlines: a block comment)
    kSpace,         // one space, unless at the start of a line or before a break
    kLine,          // line (amount = dedent from the current indentation)
    kCommentBreak,  // a break around an own-line comment (amount = 1 or 2 newlines)
    kGroupBegin,
    kGroupEnd,
    kNestBegin,     // indentation += amount
    kNestEnd,
    kAlignBegin,    // indentation = the column where the next text goes
    kAlignEnd,
    kIfBreak,       // text when the enclosing group is broken, flat_text when flat
  };
  Kind kind = Kind::kText;
  LineKind line = LineKind::kSoft;
  GroupMode mode = GroupMode::kAuto;
  // kCommentBreak: true after the comment (indent like the comment's line),
  // false before it (indent like the pending break, else the current level).
  bool after = false;
  int32_t amount = 0;
  std::string text;
  std::string flat_text;
};

class Doc {
 public:
  void Text(std::string_view s) { Push(Kind::kText).text = std::string(s); }
  void Space() { Push(Kind::kSpace); }
  void Line(LineKind kind, int dedent = 0) {
    DocItem& it = Push(Kind::kLine);
    it.line = kind;
    it.amount = dedent;
  }
  void CommentBreak(int newlines, bool after) {
    DocItem& it = Push(Kind::kCommentBreak);
    it.after = after;
    it.amount = newlines;
  }
  // Returns the item's index, for SetGroupMode.
  size_t BeginGroup(GroupMode mode = GroupMode::kAuto) {
    Push(Kind::kGroupBegin).mode = mode;
    return items_.size() - 1;
  }
  void EndGroup() { Push(Kind::kGroupEnd); }
  void BeginNest(int n) { Push(Kind::kNestBegin).amount = n; }
  void EndNest() { Push(Kind::kNestEnd); }
  void BeginAlign() { Push(Kind::kAlignBegin); }
  void EndAlign() { Push(Kind::kAlignEnd); }
  // Returns the item's index, for SetIfBreak (padding known only later).
  size_t IfBreak(std::string broken, std::string flat) {
    DocItem& it = Push(Kind::kIfBreak);
    it.text = std::move(broken);
    it.flat_text = std::move(flat);
    return items_.size() - 1;
  }
  void SetIfBreak(size_t index, std::string broken, std::string flat) {
    items_[index].text = std::move(broken);
    items_[index].flat_text = std::move(flat);
  }
  void SetGroupMode(size_t index, GroupMode mode) { items_[index].mode = mode; }
  void Append(const Doc& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }

  // Width of items [begin, end) laid out flat on one line; nullopt when they
  // cannot be (a hard break or a multi-line text).
  std::optional<int> FlatWidth(size_t begin, size_t end) const;
  std::optional<int> FlatWidth() const { return FlatWidth(0, items_.size()); }

  size_t size() const { return items_.size(); }
  const std::vector<DocItem>& items() const { return items_; }

 private:
  using Kind = DocItem::Kind;
  DocItem& Push(Kind kind) {
    items_.emplace_back();
    items_.back().kind = kind;
    return items_.back();
  }
  std::vector<DocItem> items_;
};

// Width of a text in columns: UTF-8 code points.
int TextWidth(std::string_view s);

// Lays the document out within `width` columns. The result ends with one
// newline (an empty document gives an empty string) and no line has
// trailing spaces.
std::string Render(const Doc& doc, int width);

}  // namespace cep::fmt

#endif  // CEP_COMPILER_FMT_DOC_H_
