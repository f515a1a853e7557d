// FOR TESTING ONLY. Stream generation: see stream_gen.h.
#include "tests/differential/stream_gen.h"

#include <cstdio>
#include <random>

#include "compiler/util/strcat.h"

namespace cep::difftest {

Stream RandomStream(uint64_t seed, int max_len) {
  std::mt19937_64 rng(seed);
  auto rand = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Stream s;
  int len = 1 + rand(max_len);
  int64_t t = 0;
  for (int i = 0; i < len; ++i) {
    EventSpec e;
    e.type = static_cast<char>('A' + rand(3));
    e.x = rand(3);
    e.k = rand(12) == 0 ? -1 : rand(2);
    if (i > 0) t += rand(3) == 0 ? 0 : 1 + rand(2);
    e.second = t;
    s.push_back(e);
  }
  return s;
}

std::vector<Stream> AllStreams(const std::vector<EventSpec>& alphabet, int max_len) {
  std::vector<Stream> out = {Stream{}};
  std::vector<Stream> level = {Stream{}};
  for (int len = 1; len <= max_len; ++len) {
    std::vector<Stream> next;
    for (const Stream& s : level) {
      for (const EventSpec& letter : alphabet) {
        Stream t = s;
        EventSpec e = letter;
        e.second = len - 1;
        t.push_back(e);
        next.push_back(std::move(t));
      }
    }
    out.insert(out.end(), next.begin(), next.end());
    level = std::move(next);
  }
  return out;
}

std::string FormatStream(const Stream& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += " ";
    out +=
        StrCat(std::string(1, s[i].type), "(x=", s[i].x,
               ",k=", s[i].k >= 0 ? StrCat(s[i].k) : std::string("null"), ")@", s[i].second, "s");
  }
  return out.empty() ? "(empty)" : out;
}

std::string StreamJsonl(const Stream& s) {
  std::string out;
  for (const EventSpec& e : s) {
    char time[64];
    std::snprintf(time, sizeof time, "1970-01-01T%02lld:%02lld:%02lldZ",
                  static_cast<long long>(e.second / 3600),
                  static_cast<long long>(e.second / 60 % 60),
                  static_cast<long long>(e.second % 60));
    out += StrCat("{\"type\":\"", std::string(1, e.type), "\",\"time\":\"", time, "\",\"x\":", e.x,
                  e.k >= 0 ? StrCat(",\"k\":", e.k) : std::string(), "}\n");
  }
  return out;
}

std::vector<rt::Event*> BuildEvents(const Stream& s, const check::Schema& schema,
                                    rt::EventStore& store) {
  std::vector<rt::Event*> out;
  rt::EventBuilder b;
  uint64_t seq = 1;
  for (const EventSpec& spec : s) {
    const check::EventTypeInfo* type = schema.Find(std::string(1, spec.type));
    b.Start(type->id, static_cast<uint16_t>(type->fields.size()));
    b.SetTime(spec.second * 1000000000);
    b.Set(type->FindField("x")->slot, rt::Value::Int(spec.x));
    if (spec.k >= 0) {
      b.Set(type->FindField("k")->slot, rt::Value::Int(spec.k));
    } else {
      b.SetNull(type->FindField("k")->slot);
    }
    rt::Event* e = b.Build(store);
    e->seq = seq++;
    out.push_back(e);
  }
  return out;
}

}  // namespace cep::difftest
