"""FIFO edges and intermediate memory of the paper blocks (static figures).

    /usr/bin/python3 bench/compile/intermediate.py [--build build]
        [--cases gpt2:medium:decode llama:paper:prefill ...]

Compiles each block with `--until dataflow` (the figures come from the fused
dataflow IR, so later stages are not needed) and prints a Markdown table:
kernels, tasks, the FIFO-edge share (plain FIFO edges / task-to-task edges)
and the intermediate memory after fusion as a share of the bytes of all
intermediate tensors of the unfused kernels. Not a test.
"""

import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from streamtensor_cli import ROOT, run_streamtensor  # noqa: E402

DEFAULT_CASES = [f"{model}:{step}" for model in
                 ("gpt2:medium", "llama:paper", "qwen2:paper", "gemma3:paper")
                 for step in ("decode", "prefill")]


def measure(build: str, case: str):
    model, config, step = case.split(":")
    with tempfile.TemporaryDirectory() as out:
        run_streamtensor(build, ["compile", "--model", model, "--config", config, "--step", step,
                                 "--function", "block", "--until", "dataflow", "--quiet",
                                 "-o", os.path.join(out, "d")])
        with open(os.path.join(out, "d", "report.json")) as f:
            report = json.load(f)
    (block,) = report["functions"].values()
    return case, block


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--cases", nargs="+", default=DEFAULT_CASES)
    args = parser.parse_args()
    print("| block | tasks | FIFO-edge share | converters | intermediate memory after / before "
          "fusion |")
    print("|---|---:|---|---:|---|")
    for index, case in enumerate(args.cases):
        print(f"[{index + 1}/{len(args.cases)}] {case} ...", file=sys.stderr, flush=True)
        case, f = measure(args.build, case)
        print(f"| {case} | {f['num_tasks']} | {f['fifo_edge_share']:.1%} "
              f"({f['fifo_edges']}/{f['task_edges']}) | {f['num_converters']} | "
              f"{f['intermediate_share_after_fusion']:.1%} "
              f"({f['intermediate_bytes_after_fusion']:,} / "
              f"{f['intermediate_bytes_before_fusion']:,} B) |", flush=True)


if __name__ == "__main__":
    main()
