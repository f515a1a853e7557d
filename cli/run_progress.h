// The progress bar of `cep run` on stderr:
//
//   [##########..........]  48%  12.3 MiB / 25.6 MiB  1.21 M events/s
//
// Shown (mode "auto") when some input is a file of known size and stderr is a
// terminal; never with --quiet or --progress=never; always with
// --progress=always (then, off a terminal, the last frame ends in a newline
// instead of being erased). Cheap per event: Tick() counts, reads the clock
// every 1024 events, and redraws at most every 100 ms. Messages printed to
// stderr while it shows call Clear() first so they do not mix with it.
// Tested by tests/cli/run_io_test.sh (--progress=always).
#ifndef CEP_CLI_RUN_PROGRESS_H_
#define CEP_CLI_RUN_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "runtime/io/input_merge.h"

namespace cep::cli {

class Progress {
 public:
  // mode: "auto", "always" or "never". `merge` must outlive this.
  Progress(const std::string& mode, const rt::io::InputMerge* merge);

  // One more record read.
  void Tick() {
    ++records_;
    if (enabled_ && (records_ & 1023) == 0) MaybeDraw();
  }
  // Erases the bar (if shown) so other output can go to stderr.
  void Clear();
  // The end: a last frame, then erased (terminal) or ended with a newline.
  void Finish();

 private:
  void MaybeDraw();
  void Draw();

  const rt::io::InputMerge* merge_;
  bool enabled_ = false;
  bool terminal_ = false;
  bool shown_ = false;  // a frame is on the screen now
  uint64_t records_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::string frame_;
};

}  // namespace cep::cli

#endif  // CEP_CLI_RUN_PROGRESS_H_
