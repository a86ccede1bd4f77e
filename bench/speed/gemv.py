"""One f32 matrix-vector product, compiled and timed.

    /usr/bin/python3 bench/speed/gemv.py [--k 256] [--n 1024] [--linear]
        [--work DIR] [--extra ...]

Compiles `x @ W` (W of shape [K, N], a parameter) or, with --linear,
`nn.Linear(K, N, bias=False)` (its weight stored [N, K]) for one row of x,
runs the timed simulation of the generated code and prints its cycles next
to the one-port floor (the weight's bytes at 57.5 B/cycle, one HBM
pseudo-channel) and the all-of-HBM floor (1,840 B/cycle). Estimates of our
U55C model at 250 MHz, not measurements.
"""

import argparse
import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
os.environ.setdefault("STREAMTENSOR_BUILD_DIR", os.path.join(ROOT, "build"))

import torch  # noqa: E402

import streamtensor  # noqa: E402
from streamtensor_cli import run_streamtensor  # noqa: E402


class MatVec(torch.nn.Module):
    def __init__(self, k, n):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(k, n) / k ** 0.5)

    def forward(self, x):
        return x @ self.w


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=256)
    parser.add_argument("--n", type=int, default=1024)
    parser.add_argument("--linear", action="store_true", help="nn.Linear (transposed weight)")
    parser.add_argument("--work", help="keep the compiled folder here")
    args = parser.parse_args()
    torch.manual_seed(0)
    module = (torch.nn.Linear(args.k, args.n, bias=False) if args.linear
              else MatVec(args.k, args.n)).eval()
    out = args.work or tempfile.mkdtemp(prefix="gemv-")
    streamtensor.compile(module, (torch.randn(1, args.k),), out)
    run_streamtensor(os.environ["STREAMTENSOR_BUILD_DIR"], ["simulate", out, "--timed"])
    with open(os.path.join(out, "timed.json")) as f:
        result = json.load(f)["functions"]["forward"]
    kernel = sum(k["latency_cycles"] for k in result["kernels"])
    weight_bytes = args.k * args.n * 4
    print(f"{'nn.Linear' if args.linear else 'x @ W'} K={args.k} N={args.n}: {kernel:,} cycles "
          f"in the kernel (timed simulation, launch excluded); one-port floor "
          f"{weight_bytes / 57.5:,.0f} cycles, all-HBM floor {weight_bytes / 1840:,.0f} cycles")


if __name__ == "__main__":
    main()
