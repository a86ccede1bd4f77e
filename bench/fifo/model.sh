#!/usr/bin/env bash
# Benchmarks the FIFO sizing strategies on the dataflow graphs of a compiled
# model (every dataflow.top function of the lowered IR) and prints a
# Markdown table (the model table in docs/fifo-sizing.md). Not a test: GPT-2
# Medium takes about three minutes on two cores.
#
#   bench/fifo/model.sh [BUILD_DIR] [CONFIG] [LOWERED_MLIR]
#
# CONFIG is a GPT-2 configuration of `python -m streamtensor import` (default
# medium; the decode step is benchmarked). LOWERED_MLIR skips the frontend
# and uses an already lowered module instead.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
config=${2:-medium}
lowered=${3:-}

ninja -C "$build" streamtensor-opt streamtensor-fifo > /dev/null
opt="$build/bin/streamtensor-opt"
fifo="$build/bin/streamtensor-fifo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -z "$lowered" ]]; then
  PYTHONPATH="$root/python" python3 -m streamtensor import --model gpt2 \
    --config "$config" --step decode -o "$work/import.mlir" --force
  "$opt" "$work/import.mlir" --streamtensor-linalg-opt --streamtensor-dataflow \
    -o "$work/dataflow.mlir"
  "$opt" "$work/dataflow.mlir" --streamtensor-lower-dataflow -o "$work/lowered.mlir"
  lowered="$work/lowered.mlir"
fi
"$opt" "$lowered" --streamtensor-export-dataflow-graph="output=$work/graph-{}.json" \
  -o /dev/null

echo "| top function | strategy | FIFO bytes | % of naive | deadlock | simulated latency (cycles) | (ms at 250 MHz) |"
echo "|---|---|---:|---:|---|---:|---:|"
for graph in "$work"/graph-*.json; do
  name=$(basename "$graph" .json)
  name=${name#graph-}
  for options in "--strategy=asap" "--strategy=lp-min-bytes" \
                 "--strategy=paper-per-edge-lp" "--mode=conservative" \
                 "--strategy=naive" "--depth=2"; do
    "$fifo" "$graph" $options > "$work/result.json"
    python3 - "$work/result.json" "$name" "$options" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
sized = result["simulation"]["sized"]
unbounded = result["simulation"]["unbounded"]
share = 100.0 * result["total_fifo_bytes"] / result["naive_fifo_bytes"]
if sized["deadlock"]:
    latency, ms = "deadlock after %d" % sized["deadlocked_after_cycle"], "-"
else:
    latency = "%d" % sized["latency_cycles"]
    if sized["latency_cycles"] != unbounded["latency_cycles"]:
        latency += " (+%.3f%%)" % (100.0 * (sized["latency_cycles"] /
                                           unbounded["latency_cycles"] - 1))
    ms = "%.2f" % sized["latency_ms"]
label = sys.argv[3].split("=", 1)[1]
if sys.argv[3].startswith("--depth"):
    label = "depth " + label
print("| %s | %s | %d | %.2f%% | %s | %s | %s |" % (
    sys.argv[2], label, result["total_fifo_bytes"], share,
    "yes" if sized["deadlock"] else "no", latency, ms))
PY
  done
done
