// The progress bar (see run_progress.h).
#include "cli/run_progress.h"

#include <unistd.h>

#include <cstdio>

#include "compiler/util/strcat.h"

namespace cep::cli {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr int kBarWidth = 20;

// "12.3 MiB".
std::string Bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

// "1.21 M".
std::string Rate(double per_second) {
  char buf[32];
  if (per_second >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2f M", per_second / 1e6);
  } else if (per_second >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1f k", per_second / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f ", per_second);
  }
  return buf;
}

}  // namespace

Progress::Progress(const std::string& mode, const rt::io::InputMerge* merge) : merge_(merge) {
  terminal_ = isatty(STDERR_FILENO) != 0;
  if (mode == "always") {
    enabled_ = true;
  } else if (mode == "auto") {
    enabled_ = terminal_ && merge_->total_bytes() > 0;
  }
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::MaybeDraw() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < kRedrawEvery) return;
  last_ = now;
  Draw();
}

void Progress::Draw() {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const uint64_t done = merge_->bytes_read();
  const uint64_t total = merge_->total_bytes();
  frame_ = terminal_ ? "\r\033[K" : "\r";
  if (total > 0) {
    const double fraction = done >= total ? 1.0 : static_cast<double>(done) / total;
    const int filled = static_cast<int>(fraction * kBarWidth);
    frame_ += '[';
    frame_.append(filled, '#');
    frame_.append(kBarWidth - filled, '.');
    char pct[16];
    std::snprintf(pct, sizeof pct, "] %3d%%  ", static_cast<int>(fraction * 100));
    frame_ += pct;
    frame_ += StrCat(Bytes(done), " / ", Bytes(total));
  } else {
    frame_ += StrCat(Bytes(done), " read");
  }
  frame_ += StrCat("  ", Rate(seconds > 0 ? static_cast<double>(records_) / seconds : 0),
                   "events/s");
  std::fputs(frame_.c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (!shown_) return;
  std::fputs(terminal_ ? "\r\033[K" : "\n", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void Progress::Finish() {
  if (!enabled_) return;
  Draw();
  if (terminal_) {
    Clear();
  } else {
    std::fputs("\n", stderr);
    shown_ = false;
  }
}

}  // namespace cep::cli
