#!/usr/bin/env bash
# The README's first quick-start command: install what is missing, build
# (Release), and run the main job on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build
echo "== cep check samples/ stdlib-rules/"
./build/cli/cep check samples/ stdlib-rules/
