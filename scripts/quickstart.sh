#!/usr/bin/env bash
# The README's first quick-start command: install what is missing, build
# (Release), check the bundled rules and run the sample rules over the sample
# events.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build
echo "== cep check samples/quickstart.cep ; cep check stdlib-rules/"
./build/cli/cep check samples/quickstart.cep
./build/cli/cep check stdlib-rules/
echo "== cep run samples/quickstart.cep --input samples/quickstart.jsonl"
./build/cli/cep run samples/quickstart.cep --input samples/quickstart.jsonl
