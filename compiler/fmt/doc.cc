// See doc.h. The renderer walks the items once, keeping a stack of group
// modes and one of indentation levels. A group's mode is decided when it
// opens: broken if it holds a hard break, else flat if it fits — its own
// items flat, then the items after it up to the first break that is sure to
// happen (a line of an enclosing broken group, or a hard break). Each
// decision looks ahead at most one line's width, so layout is linear in the
// document size.
#include "compiler/fmt/doc.h"

#include <algorithm>

namespace cep::fmt {
namespace {

using Kind = DocItem::Kind;

bool IsHardLine(const DocItem& it) {
  return (it.kind == Kind::kLine && (it.line == LineKind::kHard || it.line == LineKind::kBlank)) ||
         it.kind == Kind::kCommentBreak ||
         (it.kind == Kind::kText && it.text.find('\n') != std::string::npos);
}

int FlatLineWidth(LineKind k) { return k == LineKind::kSoft ? 0 : 1; }

class Renderer {
 public:
  Renderer(const Doc& doc, int width) : items_(doc.items()), width_(width) { Precompute(); }

  std::string Run() {
    groups_.push_back(true);  // the top level is broken: its lines are newlines
    indents_.push_back(0);
    for (size_t i = 0; i < items_.size(); ++i) Step(i);
    TrimTrailingSpaces();
    if (!out_.empty()) out_.push_back('\n');
    return std::move(out_);
  }

 private:
  // group_end_[i]: the matching kGroupEnd of the kGroupBegin at i;
  // hard_[i]: that group must break (it holds a hard break, or a group forced
  // broken).
  void Precompute() {
    group_end_.assign(items_.size(), 0);
    hard_.assign(items_.size(), false);
    std::vector<size_t> open;
    for (size_t i = 0; i < items_.size(); ++i) {
      const DocItem& it = items_[i];
      if (it.kind == Kind::kGroupBegin) {
        open.push_back(i);
        if (it.mode == GroupMode::kBroken) hard_[i] = true;
      } else if (it.kind == Kind::kGroupEnd) {
        if (open.empty()) continue;  // unbalanced: ignored
        size_t b = open.back();
        open.pop_back();
        group_end_[b] = i;
        if (hard_[b] && !open.empty()) hard_[open.back()] = true;
      } else if (IsHardLine(it) && !open.empty()) {
        hard_[open.back()] = true;
      }
    }
    for (size_t b : open) group_end_[b] = items_.size();  // unclosed: to the end
  }

  int EffectiveColumn() const {
    if (pending_nl_ > 0) return pending_indent_;
    return col_ + (pending_space_ ? 1 : 0);
  }

  // Does the group opening at `begin` fit flat in `avail` columns, with what
  // follows it up to the next certain break?
  bool Fits(size_t begin, int avail) const {
    int rem = avail;
    // A space counts only once text follows it: before a break it is dropped
    // (a space never ends a line), so a group ending in one — a trailing
    // block comment's — must not break for it, or formatting the result
    // again would join what the first pass broke.
    bool space = false;
    auto text = [&](int w) {
      if (w > 0) {
        rem -= w + (space ? 1 : 0);
        space = false;
      }
    };
    auto flat_line = [&](LineKind k) {
      if (space || FlatLineWidth(k) > 0) text(1);
      space = false;
    };
    size_t end = group_end_[begin];
    for (size_t j = begin + 1; j < end && j < items_.size(); ++j) {
      const DocItem& it = items_[j];
      switch (it.kind) {
        case Kind::kText: text(TextWidth(it.text)); break;
        case Kind::kSpace: space = true; break;
        case Kind::kLine: flat_line(it.line); break;
        case Kind::kIfBreak: text(TextWidth(it.flat_text)); break;
        default: break;
      }
      if (rem < 0) return false;
    }
    // The rest: groups opened after this one are assumed flat unless forced
    // broken; lines of already open groups break when those groups do.
    std::vector<bool> rest_groups;  // broken?
    int enclosing = static_cast<int>(groups_.size()) - 1;
    for (size_t j = end + 1; j < items_.size(); ++j) {
      const DocItem& it = items_[j];
      switch (it.kind) {
        case Kind::kText: {
          size_t nl = it.text.find('\n');
          if (nl != std::string::npos) {
            text(TextWidth(it.text.substr(0, nl)));
            return rem >= 0;
          }
          text(TextWidth(it.text));
          break;
        }
        case Kind::kSpace: space = true; break;
        case Kind::kIfBreak: {
          bool broken = !rest_groups.empty() ? rest_groups.back() : groups_[enclosing];
          text(TextWidth(broken ? it.text : it.flat_text));
          break;
        }
        case Kind::kLine: {
          if (IsHardLine(it)) return true;
          bool broken = !rest_groups.empty() ? rest_groups.back() : groups_[enclosing];
          if (broken) return true;
          flat_line(it.line);
          break;
        }
        case Kind::kCommentBreak: return true;
        case Kind::kGroupBegin: rest_groups.push_back(it.mode == GroupMode::kBroken); break;
        case Kind::kGroupEnd:
          if (!rest_groups.empty()) {
            rest_groups.pop_back();
          } else if (--enclosing < 0) {
            return true;
          }
          break;
        default: break;
      }
      if (rem < 0) return false;
    }
    return true;
  }

  void RequestNewlines(int n, int indent) {
    if (out_.empty()) return;  // no blank lines at the top of the file
    pending_nl_ = std::max(pending_nl_, n);
    pending_indent_ = std::max(indent, 0);
    pending_space_ = false;
  }

  void TrimTrailingSpaces() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
  }

  void EmitText(std::string_view s) {
    if (s.empty()) return;
    if (pending_nl_ > 0) {
      TrimTrailingSpaces();
      out_.append(static_cast<size_t>(pending_nl_), '\n');
      out_.append(static_cast<size_t>(pending_indent_), ' ');
      col_ = pending_indent_;
      line_indent_ = pending_indent_;
    } else if (pending_space_) {
      out_.push_back(' ');
      ++col_;
    }
    pending_nl_ = 0;
    pending_space_ = false;
    out_.append(s);
    size_t nl = s.rfind('\n');
    if (nl == std::string_view::npos) {
      col_ += TextWidth(s);
    } else {
      col_ = TextWidth(s.substr(nl + 1));
    }
  }

  void Step(size_t i) {
    const DocItem& it = items_[i];
    switch (it.kind) {
      case Kind::kText:
        EmitText(it.text);
        break;
      case Kind::kSpace:
        if (pending_nl_ == 0 && !out_.empty()) pending_space_ = true;
        break;
      case Kind::kIfBreak:
        EmitText(groups_.back() ? it.text : it.flat_text);
        break;
      case Kind::kLine: {
        bool broken = groups_.back();
        int indent = indents_.back() - it.amount;
        switch (it.line) {
          case LineKind::kSoft:
            if (broken) RequestNewlines(1, indent);
            break;
          case LineKind::kSpace:
            if (broken) RequestNewlines(1, indent);
            else if (pending_nl_ == 0 && !out_.empty()) pending_space_ = true;
            break;
          case LineKind::kSpaceBlank:
            if (broken) RequestNewlines(2, indent);
            else if (pending_nl_ == 0 && !out_.empty()) pending_space_ = true;
            break;
          case LineKind::kHard: RequestNewlines(1, indent); break;
          case LineKind::kBlank: RequestNewlines(2, indent); break;
        }
        break;
      }
      case Kind::kCommentBreak: {
        int indent;
        if (it.after) {
          indent = line_indent_;
        } else {
          indent = pending_nl_ > 0 ? pending_indent_ : indents_.back();
        }
        RequestNewlines(it.amount, indent);
        break;
      }
      case Kind::kGroupBegin: {
        bool broken;
        switch (it.mode) {
          case GroupMode::kFlat: broken = false; break;
          case GroupMode::kBroken: broken = true; break;
          default: broken = hard_[i] || !Fits(i, width_ - EffectiveColumn()); break;
        }
        groups_.push_back(broken);
        break;
      }
      case Kind::kGroupEnd:
        if (groups_.size() > 1) groups_.pop_back();
        break;
      case Kind::kNestBegin:
        indents_.push_back(indents_.back() + it.amount);
        break;
      case Kind::kAlignBegin:
        indents_.push_back(EffectiveColumn());
        break;
      case Kind::kNestEnd:
      case Kind::kAlignEnd:
        if (indents_.size() > 1) indents_.pop_back();
        break;
    }
  }

  const std::vector<DocItem>& items_;
  int width_;
  std::vector<size_t> group_end_;
  std::vector<bool> hard_;
  std::vector<bool> groups_;
  std::vector<int> indents_;
  std::string out_;
  int col_ = 0;
  int line_indent_ = 0;
  int pending_nl_ = 0;
  int pending_indent_ = 0;
  bool pending_space_ = false;
};

}  // namespace

int TextWidth(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<int> Doc::FlatWidth(size_t begin, size_t end) const {
  int w = 0;
  for (size_t i = begin; i < end && i < items_.size(); ++i) {
    const DocItem& it = items_[i];
    if (IsHardLine(it)) return std::nullopt;
    switch (it.kind) {
      case Kind::kText: w += TextWidth(it.text); break;
      case Kind::kSpace: w += 1; break;
      case Kind::kLine: w += FlatLineWidth(it.line); break;
      case Kind::kIfBreak: w += TextWidth(it.flat_text); break;
      case Kind::kGroupBegin:
        if (it.mode == GroupMode::kBroken) return std::nullopt;
        break;
      default: break;
    }
  }
  return w;
}

std::string Render(const Doc& doc, int width) { return Renderer(doc, width).Run(); }

}  // namespace cep::fmt
