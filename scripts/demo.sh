#!/usr/bin/env bash
# The README's `make demo`: compiles the built-in tiny GPT-2 decode block from
# PyTorch and prints what the compiler decided, then sizes the layout
# converters of the paper's Figure 5 and 7 examples.
# It ends by generating a line of text with the small GPT-2 trained on the
# fortunes package (models/fortunes-gpt2), every token through the simulated
# designs of its layers.
# Usage: scripts/demo.sh [BUILD_DIR]
#
# DEMO_UNTIL=lowered (or dataflow) stops before code generation; the default also
# generates the HLS C++, checks it against PyTorch in the bounded-FIFO simulation
# and counts its cycles in the timed simulation (an estimate of the U55C model).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
python=/usr/bin/python3
until=${DEMO_UNTIL:-all}
out="$build/demo/gpt2-tiny-decode"
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}" STREAMTENSOR_BUILD_DIR="$build"

echo "== StreamTensor demo 1: GPT-2 (tiny) decode block, PyTorch -> fused stream dataflow"
mkdir -p "$build/demo"
status=0
check="not run (DEMO_UNTIL=$until stops before code generation)"
if ! $python -m streamtensor compile --model gpt2 --config tiny --step decode --function block \
    --until "$until" --force -o "$out"; then
  # A failure after the dataflow stage still leaves its report to show.
  [ -f "$out/report.json" ] || exit 1
  status=1
  check="not run: a compiler stage failed (error above)"
elif [ "$until" = all ]; then
  echo
  if $python -m streamtensor simulate "$out" --timed; then
    check="every output matches PyTorch; cycles estimated by the timed simulation (see above)"
  else
    status=1
    check="FAILED (see above)"
  fi
fi
echo
[ -f "$out/report.txt" ] && [ "$status" != 0 ] && cat "$out/report.txt" && echo
$python - "$out/report.json" "$check" <<'PY'
import json, sys
(block,) = json.load(open(sys.argv[1]))["functions"].values()
print(f"summary: {block['num_kernels']} fused kernel(s), {block['num_tasks']} tasks, "
      f"{block['fifo_edges']} plain FIFO edges and {block['num_converters']} layout converters "
      f"({block['fifo_edge_share']:.0%} FIFO edges); numerical check: {sys.argv[2]}")
PY
echo "   files: $out (dataflow.svg shows the fused graph)"

echo
echo "== StreamTensor demo 2: stream layout converters of the paper's Figures 5 and 7"
example=examples/paper-itensors.mlir
echo "   input: $example"
"$build/bin/streamtensor-opt" "$example" --verify-diagnostics > /dev/null
"$build/bin/streamtensor-opt" "$example" --dataflow-size-converters --canonicalize --cse \
  | $python scripts/converter_report.py

# Text from the trained checkpoint; `generate` options after the demo's name.
generate_fortunes() {
  local name=$1
  shift
  $python -m streamtensor generate --checkpoint models/fortunes-gpt2 \
    --prompt "${DEMO_PROMPT:-The best way to }" --stop-at-eos -o "$build/demo/$name" "$@"
}

if [ "$until" = all ]; then
  echo
  echo "== StreamTensor demo 3: text from a small GPT-2 trained on fortunes (models/fortunes-gpt2)"
  echo "   every token runs through the bounded-FIFO simulation of the generated designs"
  generate_fortunes fortunes-gpt2 --max-new-tokens 80 --temperature 0.7 --top-k 20 \
    --seed 2 || status=1
  echo
  echo "== StreamTensor demo 4: the same model with 4-bit weights and 8-bit activations (W4A8)"
  echo "   integer datapaths; 4-bit codes packed 128 to a 512-bit HBM word (docs/quantization.md)"
  generate_fortunes fortunes-gpt2-w4a8 --max-new-tokens 40 --temperature 0.7 --top-k 20 \
    --seed 2 --quant w4a8 || status=1
  echo
  echo "== StreamTensor demo 5: the emitted XRT generation program on the simulated device"
  echo "   one kernel call per token runs every layer; the KV caches stay in device memory"
  generate_fortunes fortunes-gpt2-device --max-new-tokens 40 --host-program || status=1
fi
exit $status
