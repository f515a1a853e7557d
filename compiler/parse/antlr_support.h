// Private to compiler/parse/: the ANTLR plumbing shared by the parser files.
// - ByteInputStream feeds ANTLR one "character" per byte, so token start and
//   stop indices ARE byte offsets into the SourceManager buffer (ANTLR's own
//   stream decodes UTF-8 into code points and throws on invalid input).
// - TokenRange converts a token to a SourceRange, tolerating the tokens that
//   error recovery conjures (they have no place in the input).
#ifndef CEP_COMPILER_PARSE_ANTLR_SUPPORT_H_
#define CEP_COMPILER_PARSE_ANTLR_SUPPORT_H_

#include <string>
#include <string_view>

#include "antlr4-runtime.h"
#include "compiler/source/source_manager.h"

namespace cep::parse {

class ByteInputStream : public antlr4::ANTLRInputStream {
 public:
  explicit ByteInputStream(std::string_view bytes) {
    _data.resize(bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i) {
      _data[i] = static_cast<char32_t>(static_cast<unsigned char>(bytes[i]));
    }
    p = 0;
  }
};

inline bool HasPlace(const antlr4::Token* t, size_t text_size) {
  return t != nullptr && t->getStartIndex() <= text_size &&
         t->getStopIndex() + 1 >= t->getStartIndex();
}

inline SourceRange TokenRange(FileId file, const antlr4::Token* t, size_t text_size) {
  if (!HasPlace(t, text_size)) return {};
  if (t->getType() == antlr4::Token::EOF) {
    uint32_t at = static_cast<uint32_t>(text_size);
    return {file, at, at};
  }
  return {file, static_cast<uint32_t>(t->getStartIndex()),
          static_cast<uint32_t>(t->getStopIndex() + 1)};
}

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_ANTLR_SUPPORT_H_
