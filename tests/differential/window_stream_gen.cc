// FOR TESTING ONLY. Streams for the windowed-rule differential test: see
// window_stream_gen.h.
#include "tests/differential/window_stream_gen.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include "compiler/util/strcat.h"

namespace cep::windiff {
namespace {

const char* const kA[] = {"p", "q", "r"};
const char* const kS[] = {"u", "v", "w"};

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

std::string Rfc3339Ms(int64_t ms) {
  time_t secs = static_cast<time_t>(FloorDiv(ms, 1000));
  int64_t frac = ms - static_cast<int64_t>(secs) * 1000;
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(frac));
  return buf;
}

std::string Half(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string WindowDeclarations() {
  return "event E { a: string, b: int?, n: int, x: float, y: float?, s: string?, ok: bool }\n"
         "event F { a: string, n: int }\n";
}

WStream RandomWindowStream(uint64_t seed, int max_len) {
  std::mt19937_64 rng(seed);
  auto rand = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  WStream s;
  int len = rand(max_len + 1);
  // Time shape: dense (sub-second steps), normal, gappy (long silences)
  // or bursty (runs of equal times).
  int mode = rand(4);
  int64_t t = rand(10) == 0 ? -30000 + 250 * rand(40) : 500 * rand(40);
  int burst = 0;
  for (int i = 0; i < len; ++i) {
    if (i > 0) {
      static const int64_t kDense[] = {0, 0, 1, 100, 250, 499, 500};
      static const int64_t kNormal[] = {0, 500, 1000, 1000, 1500, 2000, 3000, 999, 1};
      switch (mode) {
        case 0:
          t += kDense[rand(7)];
          break;
        case 1:
          t += kNormal[rand(9)];
          break;
        case 2:
          t += rand(6) == 0 ? 8000 + 500 * rand(64) : kNormal[rand(9)];
          break;
        default:
          if (burst > 0) {
            --burst;
            t += rand(4) == 0 ? 1 : 0;
          } else {
            burst = 1 + rand(5);
            t += 1000 * (1 + rand(6));
          }
          break;
      }
    }
    WEvent e;
    e.type = rand(6) == 0 ? 'F' : 'E';
    e.time_ms = t;
    e.a = rand(5) < 3 ? 0 : 1 + rand(2);
    e.n = rand(10) - 2;
    if (e.type == 'E') {
      if (rand(5) != 0) e.b = rand(3);
      e.x = (rand(21) - 4) * 0.5;
      if (rand(4) != 0) e.y = (rand(13) - 2) * 0.5;
      e.s = rand(4) == 0 ? -1 : rand(3);
      e.ok = rand(2) == 0;
    }
    s.push_back(e);
  }
  return s;
}

std::vector<size_t> ShuffleWithinDelay(const WStream& s, int64_t max_delay_ms, uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Arrival key = time + a delay in [0, max_delay]: everything arriving
  // before an event has time <= its time + max_delay, so it is never late.
  std::vector<int64_t> key(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    key[i] = s[i].time_ms + std::uniform_int_distribution<int64_t>(0, max_delay_ms)(rng);
  }
  std::vector<size_t> order(s.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return key[x] < key[y]; });
  // Events of one time keep their input order: refill the positions each
  // time holds with its events in order (the times at each position, and so
  // lateness, do not change).
  std::map<int64_t, std::vector<size_t>> by_time;
  for (size_t i = 0; i < s.size(); ++i) by_time[s[i].time_ms].push_back(i);
  std::map<int64_t, size_t> next;
  for (size_t& slot : order) {
    int64_t time = s[slot].time_ms;
    slot = by_time[time][next[time]++];
  }
  return order;
}

std::string FormatWindowStream(const WStream& s) {
  std::string out;
  for (const WEvent& e : s) {
    if (!out.empty()) out += " ";
    if (e.type == 'F') {
      out += StrCat("F:", kA[e.a], ":", e.n, "@", e.time_ms);
      continue;
    }
    out += StrCat("E:", kA[e.a], ":", e.b ? StrCat(*e.b) : std::string("-"), ":", e.n, ":",
                  Half(e.x), ":", e.y ? Half(*e.y) : std::string("-"), ":",
                  e.s >= 0 ? std::string(kS[e.s]) : std::string("-"), ":", e.ok ? 1 : 0, "@",
                  e.time_ms);
  }
  return out.empty() ? "(empty)" : out;
}

bool ParseWindowStream(const std::string& text, WStream* out, std::string* error) {
  out->clear();
  std::istringstream in(text);
  std::string item;
  auto index = [](const char* const* names, const std::string& v) {
    for (int i = 0; i < 3; ++i) {
      if (v == names[i]) return i;
    }
    return -2;
  };
  while (in >> item) {
    size_t at = item.find('@');
    std::vector<std::string> parts;
    std::stringstream fields(item.substr(0, at));
    std::string part;
    while (std::getline(fields, part, ':')) parts.push_back(part);
    WEvent e;
    bool ok = at != std::string::npos && !parts.empty() && parts[0].size() == 1;
    if (ok) {
      e.type = parts[0][0];
      e.time_ms = std::strtoll(item.c_str() + at + 1, nullptr, 10);
    }
    if (ok && e.type == 'F' && parts.size() == 3) {
      e.a = index(kA, parts[1]);
      e.n = std::strtoll(parts[2].c_str(), nullptr, 10);
    } else if (ok && e.type == 'E' && parts.size() == 8) {
      e.a = index(kA, parts[1]);
      if (parts[2] != "-") e.b = std::strtoll(parts[2].c_str(), nullptr, 10);
      e.n = std::strtoll(parts[3].c_str(), nullptr, 10);
      e.x = std::strtod(parts[4].c_str(), nullptr);
      if (parts[5] != "-") e.y = std::strtod(parts[5].c_str(), nullptr);
      e.s = parts[6] == "-" ? -1 : index(kS, parts[6]);
      e.ok = parts[7] == "1";
      ok = e.s != -2;
    } else {
      ok = false;
    }
    if (!ok || e.a < 0) {
      *error = "bad event '" + item + "': want E:a:b:n:x:y:s:ok@ms or F:a:n@ms";
      return false;
    }
    out->push_back(e);
  }
  return true;
}

std::string WindowStreamJsonl(const WStream& s, const std::vector<size_t>& order) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const WEvent& e = s[order.empty() ? i : order[i]];
    out += StrCat("{\"type\":\"", std::string(1, e.type), "\",\"time\":\"", Rfc3339Ms(e.time_ms),
                  "\",\"a\":\"", kA[e.a], "\",\"n\":", e.n);
    if (e.type == 'E') {
      if (e.b) out += StrCat(",\"b\":", *e.b);
      out += StrCat(",\"x\":", Half(e.x));
      if (e.y) out += StrCat(",\"y\":", Half(*e.y));
      if (e.s >= 0) out += StrCat(",\"s\":\"", kS[e.s], "\"");
      out += e.ok ? ",\"ok\":true" : ",\"ok\":false";
    }
    out += "}\n";
  }
  return out;
}

std::vector<rt::Event*> BuildWindowEvents(const WStream& s, const check::Schema& schema,
                                          rt::EventStore& store) {
  std::vector<rt::Event*> out;
  rt::EventBuilder b;
  for (const WEvent& spec : s) {
    const check::EventTypeInfo* type = schema.Find(std::string(1, spec.type));
    b.Start(type->id, static_cast<uint16_t>(type->fields.size()));
    b.SetTime(spec.time_ms * 1000000);
    b.SetString(type->FindField("a")->slot, kA[spec.a]);
    b.Set(type->FindField("n")->slot, rt::Value::Int(spec.n));
    if (spec.type == 'E') {
      int slot = type->FindField("b")->slot;
      if (spec.b) b.Set(slot, rt::Value::Int(*spec.b)); else b.SetNull(slot);
      b.Set(type->FindField("x")->slot, rt::Value::Float(spec.x));
      slot = type->FindField("y")->slot;
      if (spec.y) b.Set(slot, rt::Value::Float(*spec.y)); else b.SetNull(slot);
      slot = type->FindField("s")->slot;
      if (spec.s >= 0) b.SetString(slot, kS[spec.s]); else b.SetNull(slot);
      b.Set(type->FindField("ok")->slot, rt::Value::Bool(spec.ok));
    }
    out.push_back(b.Build(store));
  }
  return out;
}

}  // namespace cep::windiff
