#!/usr/bin/env bash
# Benchmarks the FIFO sizing strategies on the dataflow graphs of a compiled
# model (every dataflow.top function of the lowered IR) and prints a
# Markdown table (the model table in docs/fifo-sizing.md), then what the
# stream order check of --streamtensor-size-fifos adds to the asap depths.
# Not a test: GPT-2 Medium takes about three minutes on two cores.
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
  PYTHONPATH="$root/python" /usr/bin/python3 -m streamtensor import --model gpt2 \
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
    /usr/bin/python3 - "$work/result.json" "$name" "$options" <<'PY'
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

echo
echo "| top function | kernels | streams | scalars per run | asap FIFO bytes (model) | grown by the order check | bytes added | total |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
start=$(date +%s%N)
"$opt" "$lowered" --streamtensor-size-fifos="output=$work/sizing.json" -o /dev/null
end=$(date +%s%N)
/usr/bin/python3 - "$work/sizing.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["functions"]:
    check = f["order_check"]
    print("| %s | %d | %d | %d | %d | %d | %d | %d |" % (
        f["function"], f["kernels"], len(f["streams"]),
        sum(s["tokens"] for s in f["streams"]),
        f["total_fifo_bytes"] - check["added_bytes"],
        len(check["grown_streams"]), check["added_bytes"], f["total_fifo_bytes"]))
PY
echo
echo "--streamtensor-size-fifos (timing, sizing, order check, simulation): $(( (end - start) / 1000000 )) ms wall on this machine"
