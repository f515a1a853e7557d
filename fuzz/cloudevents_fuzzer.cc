// libFuzzer target: arbitrary bytes as a CloudEvents (lines, batches, whole documents) input (fuzz_input.h).
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cep::fuzz::RunInput(data, size, cep::rt::io::InputFormat::kCloudEvents);
  return 0;
}
