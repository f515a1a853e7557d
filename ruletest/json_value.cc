// See json_value.h. Recursive descent over RFC 8259 JSON, nesting bounded.
#include "ruletest/json_value.h"

#include <charconv>
#include <cstdlib>

#include "compiler/util/strcat.h"
#include "compiler/util/utf8.h"
#include "runtime/io/json_writer.h"

namespace cep::ruletest {
namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(std::string_view text, size_t pos) : s_(text), i_(pos) {}

  std::optional<JsonError> Value(JsonValue* out, int depth) {
    Blanks();
    if (i_ >= s_.size()) return Incomplete("expected a JSON value");
    if (depth > kMaxDepth) return Error("JSON nested too deeply");
    char c = s_[i_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"') {
      out->kind = JsonValue::Kind::kString;
      return String(&out->text);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Number(out);
    if (Word("true")) {
      out->kind = JsonValue::Kind::kBool;
      out->boolean = true;
      return std::nullopt;
    }
    if (Word("false")) {
      out->kind = JsonValue::Kind::kBool;
      return std::nullopt;
    }
    if (Word("null")) {
      out->kind = JsonValue::Kind::kNull;
      return std::nullopt;
    }
    return Error(StrCat("expected a JSON value, found '", Excerpt(), "'"));
  }

  size_t pos() const { return i_; }

 private:
  std::optional<JsonError> Object(JsonValue* out, int depth) {
    out->kind = JsonValue::Kind::kObject;
    ++i_;  // {
    Blanks();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return std::nullopt;
    }
    while (true) {
      Blanks();
      if (i_ >= s_.size()) return Incomplete("expected a key or '}'");
      if (s_[i_] != '"') return Error(StrCat("expected a \"key\", found '", Excerpt(), "'"));
      size_t key_at = i_;
      std::string key;
      if (auto e = String(&key)) return e;
      if (out->Find(key) != nullptr) {
        i_ = key_at;
        return Error(StrCat("duplicate key '", key, "'"));
      }
      Blanks();
      if (i_ >= s_.size()) return Incomplete("expected ':'");
      if (s_[i_] != ':') return Error(StrCat("expected ':' after \"", key, "\", found '", Excerpt(), "'"));
      ++i_;
      JsonValue v;
      if (auto e = Value(&v, depth + 1)) return e;
      out->members.emplace_back(std::move(key), std::move(v));
      Blanks();
      if (i_ >= s_.size()) return Incomplete("expected ',' or '}'");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == '}') {
        ++i_;
        return std::nullopt;
      }
      return Error(StrCat("expected ',' or '}', found '", Excerpt(), "'"));
    }
  }

  std::optional<JsonError> Array(JsonValue* out, int depth) {
    out->kind = JsonValue::Kind::kArray;
    ++i_;  // [
    Blanks();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return std::nullopt;
    }
    while (true) {
      JsonValue v;
      if (auto e = Value(&v, depth + 1)) return e;
      out->items.push_back(std::move(v));
      Blanks();
      if (i_ >= s_.size()) return Incomplete("expected ',' or ']'");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == ']') {
        ++i_;
        return std::nullopt;
      }
      return Error(StrCat("expected ',' or ']', found '", Excerpt(), "'"));
    }
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t* cp) {
    if (i_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int h = Hex(s_[i_ + k]);
      if (h < 0) return false;
      v = v * 16 + static_cast<uint32_t>(h);
    }
    i_ += 4;
    *cp = v;
    return true;
  }


  std::optional<JsonError> String(std::string* out) {
    ++i_;  // "
    while (true) {
      if (i_ >= s_.size()) return Incomplete("unterminated string: missing '\"'");
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return std::nullopt;
      }
      if (static_cast<unsigned char>(c) < 0x20) return Error("control character in a string (write \\n, \\t, ...)");
      if (c != '\\') {
        out->push_back(c);
        ++i_;
        continue;
      }
      ++i_;
      if (i_ >= s_.size()) return Incomplete("unterminated string: missing '\"'");
      char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return Error("\\u needs four hex digits");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
              i_ += 2;
              if (!Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) return Error("invalid UTF-16 surrogate pair");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              return Error("lone UTF-16 surrogate");
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Error("lone UTF-16 surrogate");
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          i_ -= 2;  // at the backslash
          return Error(StrCat("invalid escape '\\", std::string(1, e), "'"));
      }
    }
  }

  std::optional<JsonError> Number(JsonValue* out) {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] {
      size_t b = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - b;
    };
    if (digits() == 0) return Error("a number needs digits");
    bool integer = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      integer = false;
      if (digits() == 0) return Error("digits needed after '.'");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      integer = false;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return Error("digits needed in the exponent");
    }
    out->kind = JsonValue::Kind::kNumber;
    out->text = std::string(s_.substr(start, i_ - start));
    out->number = std::strtod(out->text.c_str(), nullptr);
    if (integer) {
      auto r = std::from_chars(out->text.data(), out->text.data() + out->text.size(), out->integer);
      out->is_integer = r.ec == std::errc();
    }
    return std::nullopt;
  }

  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  void Blanks() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  std::string Excerpt() const {
    size_t n = 0;
    while (i_ + n < s_.size() && n < 12 && s_[i_ + n] != ' ' && s_[i_ + n] != '\n') ++n;
    return std::string(s_.substr(i_, n == 0 ? 1 : n));
  }

  JsonError Error(std::string message) const { return {i_, std::move(message), false}; }
  JsonError Incomplete(std::string message) const { return {i_, std::move(message), true}; }

  std::string_view s_;
  size_t i_;
};

void Write(const JsonValue& v, std::string* out) {
  switch (v.kind) {
    case JsonValue::Kind::kNull: *out += "null"; break;
    case JsonValue::Kind::kBool: *out += v.boolean ? "true" : "false"; break;
    case JsonValue::Kind::kNumber: *out += v.text; break;
    case JsonValue::Kind::kString: rt::io::AppendJsonString(v.text, out); break;
    case JsonValue::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        Write(v.items[i], out);
      }
      out->push_back(']');
      break;
    case JsonValue::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out->push_back(',');
        rt::io::AppendJsonString(v.members[i].first, out);
        out->push_back(':');
        Write(v.members[i].second, out);
      }
      out->push_back('}');
      break;
  }
}

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<JsonError> ParseJson(std::string_view text, size_t* pos, JsonValue* out) {
  Parser p(text, *pos);
  std::optional<JsonError> e = p.Value(out, 0);
  if (!e) *pos = p.pos();
  return e;
}

std::string ToJson(const JsonValue& v) {
  std::string out;
  Write(v, &out);
  return out;
}

const char* JsonKindName(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull: return "null";
    case JsonValue::Kind::kBool: return "boolean";
    case JsonValue::Kind::kNumber: return "number";
    case JsonValue::Kind::kString: return "string";
    case JsonValue::Kind::kArray: return "array";
    case JsonValue::Kind::kObject: return "object";
  }
  return "?";
}

}  // namespace cep::ruletest
