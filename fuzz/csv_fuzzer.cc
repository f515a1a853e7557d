// libFuzzer target: arbitrary bytes as a CSV (the first line is the header) input (fuzz_input.h).
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cep::fuzz::RunInput(data, size, cep::rt::io::InputFormat::kCsv);
  return 0;
}
