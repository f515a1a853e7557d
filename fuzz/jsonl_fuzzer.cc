// libFuzzer target: arbitrary bytes as a JSON Lines input (fuzz_input.h).
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cep::fuzz::RunInput(data, size, cep::rt::io::InputFormat::kJsonLines);
  return 0;
}
