#!/usr/bin/env bash
# Benchmarks the FIFO sizing strategies of streamtensor-fifo on seeded random
# DAGs and prints Markdown tables (the ones in docs/fifo-sizing.md). Not a
# test: it takes about half a minute. bench/fifo/model.sh does the same for
# the accelerators of a compiled GPT-2 model.
#
#   bench/fifo/run.sh [BUILD_DIR] [GRAPHS] [FIRST_SEED]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
graphs=${2:-1000}
seed=${3:-1}

ninja -C "$build" streamtensor-fifo > /dev/null
tool="$build/bin/streamtensor-fifo"

echo "## Random DAGs (kernels often starved by slower producers)"
echo
"$tool" --bench-random="$graphs" --seed="$seed"
echo
echo "## Random DAGs where no kernel is starved"
echo
"$tool" --bench-random="$graphs" --seed="$seed" --bench-no-starvation
