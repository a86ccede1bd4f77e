"""The graph model's latency estimate against the timed simulation of the generated code.

    /usr/bin/python3 bench/timing/agreement.py [--build build] [--configs tiny]
        [--models gpt2 llama qwen2 gemma3] [--steps decode prefill] [--work DIR]

Compiles each block (`streamtensor compile --model M --config C --step S`),
runs `streamtensor simulate --timed` on it and prints a Markdown table per
compiled function: the graph model's cycles (report.json, estimate), the
timed simulation's (timed.json), their ratio, and the HBM bytes each counts.
Both are estimates of our model of the U55C at 250 MHz, not measurements.
Not a test (python/tests/test_timed.py checks the tiny blocks).
"""

import argparse
import json
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from streamtensor_cli import run_streamtensor  # noqa: E402


def run(args, command):
    run_streamtensor(args.build, command)


def measure(args, model, config, step, out_dir):
    run(args, ["compile", "--model", model, "--config", config, "--step", step, "--quiet",
               "--force", "-o", out_dir])
    run(args, ["simulate", out_dir, "--timed"])
    with open(os.path.join(out_dir, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(out_dir, "timed.json")) as f:
        timed = json.load(f)
    rows = []
    for name, function in report["functions"].items():
        model_cycles = function["estimate"]["latency_cycles"]
        sim = timed["functions"][name]
        rows.append((f"{model} {config} {step}", name, model_cycles, sim["latency_cycles"],
                     function["hbm"], sim["hbm"]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--configs", nargs="+", default=["tiny"])
    parser.add_argument("--models", nargs="+", default=["gpt2", "llama", "qwen2", "gemma3"])
    parser.add_argument("--steps", nargs="+", default=["decode", "prefill"])
    parser.add_argument("--work", help="keep the compiled folders here")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="agreement-")
    os.makedirs(work, exist_ok=True)
    rows = []
    for config in args.configs:
        for model in args.models:
            for step in args.steps:
                start = time.monotonic()
                print(f"{model} {config} {step} ...", file=sys.stderr, flush=True)
                rows += measure(args, model, config, step,
                                os.path.join(work, f"{model}-{config}-{step}"))
                print(f"  {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    print("| block | function | graph model (cycles) | timed simulation (cycles) | "
          "model / timed | HBM read, model (B) | HBM read, timed (B) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for block, name, model_cycles, sim_cycles, model_hbm, sim_hbm in rows:
        ratio = f"{model_cycles / sim_cycles:.3f}" if model_cycles else "n/a"
        print(f"| {block} | {name} | {model_cycles:,} | {sim_cycles:,} | {ratio} | "
              f"{model_hbm['bytes_read']:,} | {sim_hbm['bytes_read']:,} |")


if __name__ == "__main__":
    main()
