// The --stats report (see run_stats.h).
#include "cli/run_stats.h"

#include <cstdio>

#include "compiler/util/strcat.h"
#include "runtime/io/input_format.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/reader_stats.h"

namespace cep::cli {
namespace {

// Everything the report shows, gathered once.
struct Totals {
  rt::io::ReaderStats read;
  uint64_t derived = 0;
  double rate = 0;  // events read per second
};

Totals Gather(const StatsInput& in) {
  Totals t;
  t.read = rt::io::ReaderStats(in.program->schema.size());
  for (const auto& source : *in.sources) t.read.Add(source->stats());
  for (uint64_t n : in.counters->derived_by_rule) t.derived += n;
  if (in.counters->elapsed_seconds > 0) {
    t.rate = static_cast<double>(t.read.events) / in.counters->elapsed_seconds;
  }
  return t;
}

// The CheckedProgram::rules index of the rule named `name`, or -1.
int RuleIndex(const check::CheckedProgram& program, const std::string& name) {
  for (size_t r = 0; r < program.rules.size(); ++r) {
    if (program.rules[r].rule != nullptr && program.rules[r].rule->name.text == name) {
      return static_cast<int>(r);
    }
  }
  return -1;
}

std::string Fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// "Login 8, Payment 2" for the nonzero counts by type.
std::string ByType(const std::vector<uint64_t>& counts, const check::Schema& schema) {
  std::string out;
  for (size_t t = 0; t < counts.size() && t < schema.size(); ++t) {
    if (counts[t] == 0) continue;
    if (!out.empty()) out += ", ";
    out += StrCat(schema.type(static_cast<EventTypeId>(t)).name, " ", counts[t]);
  }
  return out;
}

void JsonByType(const std::vector<uint64_t>& counts, const check::Schema& schema,
                std::string* out) {
  out->push_back('{');
  bool first = true;
  for (size_t t = 0; t < counts.size() && t < schema.size(); ++t) {
    if (counts[t] == 0) continue;
    if (!first) out->push_back(',');
    first = false;
    rt::io::AppendJsonString(schema.type(static_cast<EventTypeId>(t)).name, out);
    out->append(StrCat(":", counts[t]));
  }
  out->push_back('}');
}

}  // namespace

void PrintStatsText(const StatsInput& in, std::ostream& out) {
  const check::CheckedProgram& program = *in.program;
  const RunCounters& c = *in.counters;
  const Totals t = Gather(in);
  std::string s = "cep: stats\n";
  s += StrCat("  elapsed    ", Fixed(c.elapsed_seconds, 3), " s, ", Fixed(t.rate, 0),
              " events/s\n");
  for (const auto& source : *in.sources) {
    s += StrCat("  input      ", source->name(), " (", rt::io::InputFormatName(source->format()),
                ", ", source->bytes_read(), " bytes): ", source->stats().events, " events, ",
                source->stats().bad, " bad\n");
  }
  s += StrCat("  read       ", t.read.events, " events");
  if (t.read.events > 0) s += StrCat(" (", ByType(t.read.events_by_type(), program.schema), ")");
  s += StrCat("\n  bad        ", t.read.bad, "\n  late       ", c.late, "\n");
  s += StrCat("  skipped    ", t.read.unknown_type, " of unknown types");
  if (!t.read.unknown_types().empty()) {
    s += " (";
    for (size_t k = 0; k < t.read.unknown_types().size(); ++k) {
      if (k > 0) s += ", ";
      s += StrCat(t.read.unknown_types()[k].first, " ", t.read.unknown_types()[k].second);
    }
    s += ")";
  }
  s += StrCat(", ", t.read.unused_type, " of types no rule reads");
  if (t.read.unused_type > 0) {
    s += StrCat(" (", ByType(t.read.unused_by_type(), program.schema), ")");
  }
  s += StrCat("\n  derived    ", t.derived, "\n");
  for (const rt::RuleStats& rs : in.engine->rules) {
    const int r = RuleIndex(program, rs.name);
    const uint64_t derived = r >= 0 && static_cast<size_t>(r) < c.derived_by_rule.size()
                                 ? c.derived_by_rule[static_cast<size_t>(r)]
                                 : 0;
    const uint64_t timeouts = r >= 0 && static_cast<size_t>(r) < c.timeouts_by_rule.size()
                                  ? c.timeouts_by_rule[static_cast<size_t>(r)]
                                  : 0;
    s += StrCat("  rule ", rs.name, ": derived ", derived, " (", timeouts, " timeouts), peak ",
                rs.peak_runs, " runs / ", rs.peak_partitions, " partitions, shed ",
                rs.runs_shed, " runs / ", rs.partitions_shed, " partitions, suppressed ",
                rs.suppressed, ", merged ", rs.runs_merged, ", null keys ",
                rs.null_key_events, ", outputs suppressed ", rs.outputs_suppressed, "\n");
  }
  s += StrCat("  memory     peak ", in.engine->peak_memory, " bytes, ", in.engine->memory_sheds,
              " sheds\n");
  s += StrCat("  reorder    peak ", c.reorder_peak, " events buffered\n");
  if (!c.flushed) {
    s += StrCat("  pending    ", c.pending_buffered, " events buffered, ", c.pending_runs,
                " runs, ", c.pending_partitions, " partitions (--no-flush)\n");
  }
  out << s;
}

void PrintStatsJson(const StatsInput& in, std::ostream& out) {
  const check::CheckedProgram& program = *in.program;
  const RunCounters& c = *in.counters;
  const Totals t = Gather(in);
  std::string s = StrCat("{\"elapsed_seconds\":", Fixed(c.elapsed_seconds, 6),
                         ",\"events_per_second\":", Fixed(t.rate, 0), ",\"inputs\":[");
  for (size_t k = 0; k < in.sources->size(); ++k) {
    const rt::io::EventSource& source = *(*in.sources)[k];
    if (k > 0) s.push_back(',');
    s += "{\"name\":";
    rt::io::AppendJsonString(source.name(), &s);
    s += StrCat(",\"format\":\"", rt::io::InputFormatName(source.format()),
                "\",\"bytes\":", source.bytes_read(), ",\"events\":", source.stats().events,
                ",\"bad\":", source.stats().bad, "}");
  }
  s += StrCat("],\"events_read\":", t.read.events, ",\"events_by_type\":");
  JsonByType(t.read.events_by_type(), program.schema, &s);
  s += StrCat(",\"blank\":", t.read.blank, ",\"bad\":", t.read.bad, ",\"late\":", c.late,
              ",\"skipped_unknown_type\":", t.read.unknown_type, ",\"unknown_types\":{");
  for (size_t k = 0; k < t.read.unknown_types().size(); ++k) {
    if (k > 0) s.push_back(',');
    rt::io::AppendJsonString(t.read.unknown_types()[k].first, &s);
    s += StrCat(":", t.read.unknown_types()[k].second);
  }
  s += StrCat("},\"skipped_unused_type\":", t.read.unused_type, ",\"unused_types\":");
  JsonByType(t.read.unused_by_type(), program.schema, &s);
  s += StrCat(",\"derived\":", t.derived, ",\"rules\":[");
  for (size_t k = 0; k < in.engine->rules.size(); ++k) {
    const rt::RuleStats& rs = in.engine->rules[k];
    const int r = RuleIndex(program, rs.name);
    const size_t ri = static_cast<size_t>(r);
    const uint64_t derived = r >= 0 && ri < c.derived_by_rule.size() ? c.derived_by_rule[ri] : 0;
    const uint64_t timeouts =
        r >= 0 && ri < c.timeouts_by_rule.size() ? c.timeouts_by_rule[ri] : 0;
    if (k > 0) s.push_back(',');
    s += "{\"name\":";
    rt::io::AppendJsonString(rs.name, &s);
    s += StrCat(",\"derived\":", derived, ",\"timeouts\":", timeouts,
                ",\"peak_runs\":", rs.peak_runs, ",\"peak_partitions\":", rs.peak_partitions,
                ",\"runs_shed\":", rs.runs_shed, ",\"partitions_shed\":", rs.partitions_shed,
                ",\"suppressed\":", rs.suppressed, ",\"runs_merged\":", rs.runs_merged,
                ",\"null_key_events\":", rs.null_key_events,
                ",\"outputs_suppressed\":", rs.outputs_suppressed, "}");
  }
  s += StrCat("],\"peak_memory_bytes\":", in.engine->peak_memory,
              ",\"memory_sheds\":", in.engine->memory_sheds,
              ",\"reorder_peak\":", c.reorder_peak, ",\"flushed\":", c.flushed ? "true" : "false",
              ",\"pending\":{\"buffered_events\":", c.pending_buffered,
              ",\"runs\":", c.pending_runs, ",\"partitions\":", c.pending_partitions, "}}\n");
  out << s;
}

}  // namespace cep::cli
