"""Max absolute error of the imported tiny blocks run on the CPU through upstream MLIR,
against PyTorch, for every family and step, before and after the linalg clean-ups.

Usage (from the repository root):
    PYTHONPATH=python /usr/bin/python3 bench/frontend/numerics.py [--max-seq 16] [--seq 8]

Prints a Markdown table (f32 on this machine's CPU).
"""

import argparse
import sys

import numpy as np
import torch

from streamtensor import cpu_runner, models


def max_abs_error(actual, expected) -> float:
    return max(float(np.max(np.abs(a - e.detach().numpy()))) for a, e in zip(actual, expected))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-seq", type=int, default=16)
    parser.add_argument("--seq", type=int, default=8)
    args = parser.parse_args()
    pipelines = {"as imported": (), "after linalg clean-ups": cpu_runner.LINALG_CLEANUP_PASSES}
    print(f"Measured on this machine's CPU (f32), decode with S = {args.max_seq}, prefill with "
          f"N = {args.seq}; block error is the max over y, k and v.\n")
    print("| model (tiny) | step | " + " | ".join(f"block, {p} | lm_head, {p}" for p in pipelines)
          + " |")
    print("|---|---|" + "---|---|" * len(pipelines))
    for family in models.FAMILIES:
        model = models.build_model(family, "tiny", seed=3)
        for step in models.STEPS:
            text = models.import_step(model, step, max_seq=args.max_seq, seq=args.seq)
            inputs = models.example_inputs(model, step, max_seq=args.max_seq, seq=args.seq)
            head_x = models.lm_head_input(model)
            with torch.no_grad():
                expected = getattr(model.block, step)(*inputs.values())
                expected_head = [model.head(head_x)]
            block_args = [v.numpy() for v in inputs.values()] + \
                [p.detach().numpy() for p in model.block.parameters()]
            head_args = [head_x.numpy()] + [p.detach().numpy() for p in model.head.parameters()]
            cells = []
            for passes in pipelines.values():
                compiled = cpu_runner.compile_module(text, passes)
                cells.append(max_abs_error(compiled.run("block", block_args), expected))
                cells.append(max_abs_error(compiled.run("lm_head", head_args), expected_head))
            print(f"| {family} | {step} | " + " | ".join(f"{c:.1e}" for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
