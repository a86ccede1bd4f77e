"""Checks the FIFO sizing of a compiled design against its simulation.

Usage: check_sizing.py REPORT.json MAX_FRACTION GRAPH.json...

REPORT is the output= report of --streamtensor-size-fifos; each GRAPH is
the export of one top function (same order as in the report). For every top
function: the sized design must not deadlock, its simulated latency must be
within 1% of the run with unbounded FIFOs, its FIFO bytes must be at most
MAX_FRACTION of the safe default (depth = tokens on the edge), and
streamtensor-fifo on the exported graph must agree with the pass on the
depths the timing model chose (the pass then grows the FIFOs its stream
order check and its pipeline stall check find too small, which can only
shorten the simulated run).
"""

import json
import subprocess
import sys


def main():
    report_path, max_fraction, graphs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    with open(report_path) as f:
        functions = json.load(f)["functions"]
    if len(functions) != len(graphs):
        sys.exit(f"{len(functions)} functions in the report, {len(graphs)} graphs")
    total, default = 0, 0
    for function, graph in zip(functions, graphs):
        name = function["function"]
        sim = json.loads(subprocess.run(["streamtensor-fifo", graph], check=True,
                                        capture_output=True, text=True).stdout)
        sized, unbounded = sim["simulation"]["sized"], sim["simulation"]["unbounded"]
        added = function["order_check"]["added_bytes"]
        stall_added = function["stall_check"]["added_bytes"]
        grown = function["order_check"]["grown_streams"]
        checks = {
            "no deadlock": not function["deadlock"] and not sized["deadlock"],
            "latency within 1% of unbounded":
                function["latency_cycles"] <= 1.01 * function["unbounded_latency_cycles"]
                and sized["latency_cycles"] <= 1.01 * unbounded["latency_cycles"],
            "same model bytes as streamtensor-fifo":
                sim.get("model_fifo_bytes", sim["total_fifo_bytes"]) ==
                function["total_fifo_bytes"] - added - stall_added,
            "grown streams add the bytes reported":
                (added > 0) == bool(grown) and added >= 0,
            "latency no longer than streamtensor-fifo's":
                function["latency_cycles"] <= sized["latency_cycles"]
                if grown or stall_added else
                function["latency_cycles"] == sized["latency_cycles"],
            "default bytes = naive bytes":
                sim["naive_fifo_bytes"] == function["default_fifo_bytes"],
        }
        for check, ok in checks.items():
            if not ok:
                sys.exit(f"{name}: failed: {check}")
        total += function["total_fifo_bytes"]
        default += function["default_fifo_bytes"]
        print(f"{name}: ok ({len(grown)} grown by the order check)")
    fraction = total / default
    if fraction > max_fraction:
        sys.exit(f"FIFO bytes {total} are {fraction:.1%} of the default {default}")
    print(f"total FIFO bytes at most {max_fraction:.0%} of the default: ok")


if __name__ == "__main__":
    main()
