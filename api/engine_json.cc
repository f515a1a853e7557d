// Engine::PushJson and PushJsonLines (include/cep/engine.h): one JSON object
// or a JSON Lines text through the reader `cep run` uses
// (runtime/io/jsonl_reader.h), so both accept and reject the same input with
// the same words. Tested by tests/unit/api_engine_test.cc.
#include "api/engine_impl.h"
#include "api/json_type_name.h"
#include "compiler/util/strcat.h"

namespace cep {
namespace {

// `status` with "line N: " before its message.
absl::Status AtLine(const absl::Status& status, uint64_t line) {
  return absl::Status(status.code(), StrCat("line ", line, ": ", std::string(status.message())));
}

}  // namespace

absl::Status Engine::Impl::PushJsonLine(std::string_view text, uint64_t line) {
  if (absl::Status s = CheckUsable(); !s.ok()) return s;
  rt::io::ParseResult r = reader.ParseLine(text, line, json_builder);
  switch (r.outcome) {
    case rt::io::LineOutcome::kEvent: {
      rt::Event* e = json_builder.Build(engine.store());
      e->input_line = static_cast<uint32_t>(line);
      return Accept(e);
    }
    case rt::io::LineOutcome::kBlank:
      if (line > 0) return absl::OkStatus();
      ++bad;
      return absl::InvalidArgumentError("no JSON object: the text is blank");
    case rt::io::LineOutcome::kUnusedType:
      // As `cep run` skips such lines: counted, no sequence number.
      if (r.type < skipped_by_type.size()) ++skipped_by_type[r.type];
      return absl::OkStatus();
    case rt::io::LineOutcome::kUnknownType: {
      ++unknown_type;
      std::string name = JsonTypeName(text, options.json.type_field);
      const check::EventTypeInfo* t = ri->schema().Find(name);
      if (t != nullptr) {
        return absl::NotFoundError(StrCat("'", name,
                                          "' is emitted by rules, not declared with 'event': "
                                          "only declared types can be pushed"));
      }
      return ri->UnknownType(name);
    }
    case rt::io::LineOutcome::kBad: ++bad; return absl::InvalidArgumentError(r.error.message);
  }
  return absl::InternalError("unexpected outcome of the JSON reader");
}

absl::Status Engine::PushJsonLines(std::string_view text) {
  absl::Status first;
  uint64_t failures = 0;
  uint64_t line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view one = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    absl::Status s = impl_->PushJsonLine(one, line);
    if (s.ok()) continue;
    // The engine cannot go on (flushed, a failed limit, a callback): stop
    // and say so (the bad lines before are counted in the stats).
    if (absl::IsFailedPrecondition(s) || absl::IsResourceExhausted(s)) return AtLine(s, line);
    if (failures++ == 0) first = AtLine(s, line);
  }
  if (failures > 1) {
    first =
        absl::Status(first.code(), StrCat(std::string(first.message()), " (and ", failures - 1,
                                          failures == 2 ? " more bad line)" : " more bad lines)"));
  }
  return first;
}

}  // namespace cep
