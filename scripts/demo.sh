#!/usr/bin/env bash
# The README's `make demo`: runs the compiler on the built-in example and
# prints what it decided. Usage: scripts/demo.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
opt="$build/bin/streamtensor-opt"
example=examples/paper-itensors.mlir

echo "== StreamTensor demo: stream layout converters of the paper's Figures 5 and 7"
echo "   input: $example"
"$opt" "$example" --verify-diagnostics > /dev/null
"$opt" "$example" --dataflow-size-converters --canonicalize --cse \
  | /usr/bin/python3 scripts/converter_report.py
