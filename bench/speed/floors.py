"""Latency of compiled blocks against their HBM and DSP floors.

    /usr/bin/python3 bench/speed/floors.py [--build build] [--work DIR] [--reuse]
        [--cases gpt2:medium:decode llama:paper:decode ...] [--extra-args ...]

Compiles each case (`streamtensor compile --model M --config C --step S
--function block`), runs `streamtensor simulate --timed` on it, and prints a
Markdown table: the timed simulation's latency, the HBM floor (the bytes the
block moves over the U55C's 460 GB/s), the DSP floor (its multiply-adds over
the f32 multiply-adds per cycle the DSPs allow: 9,024 DSPs less the shell's
10% and 20% routing headroom, 5 DSPs per f32 multiply-add, 1,299 per cycle)
the ratio of the latency to the larger floor, and the resource model's DSPs,
BRAM36 and LUTs with where the kernel fits (SLR0, or the SLRs the resource
model spreads it over; "no" when it does not fit). Every figure is an estimate
of our model of the U55C at 250 MHz, not a measurement. Multiply-adds are
counted from linalg.mlir: named matmuls exactly, and generics with a
reduction over two operands as the larger operand's size (an approximation
that also counts the few multiply-adds of a layer norm).
"""

import argparse
import json
import os
import re
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from streamtensor_cli import run_streamtensor  # noqa: E402
CLOCK_MHZ = 250
HBM_BYTES_PER_CYCLE = 460e9 / (CLOCK_MHZ * 1e6)
MACS_PER_CYCLE = int(9024 * 0.9 * 0.8 / 5)
DEFAULT_CASES = ["gpt2:medium:decode", "llama:paper:decode", "qwen2:paper:decode",
                 "gemma3:paper:decode"]


def run(args, command):
    run_streamtensor(args.build, command)


def _shapes(text):
    """The shapes of the f32 tensor types in `text`, in order."""
    return [[int(d) for d in dims.split("x") if d]
            for dims in re.findall(r"tensor<((?:\d+x)*)f32>", text)]


def _elements(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def count_macs(linalg_text):
    """Multiply-adds of the contractions: the size of each one's loop space."""
    macs = 0
    for line in linalg_text.splitlines():
        if " ins(" not in line or not re.search(r"linalg\.(batch_)?matmul|linalg\.generic", line):
            continue
        shapes = _shapes(line.split(" ins(", 1)[1])
        if len(shapes) < 3:
            continue
        a, b, out = shapes[:3]
        if re.search(r"linalg\.(batch_)?matmul", line):
            # The reduction is the last dimension of the left operand.
            macs += _elements(out) * a[-1]
        elif '"reduction"' in line:
            # A reduction over two operands (attention scores against a key
            # cache): one operand spans the whole loop space.
            macs += max(_elements(a), _elements(b), _elements(out))
    return macs


def measure(args, case):
    model, config, step = case.split(":")
    out_dir = os.path.join(args.work, f"{model}-{config}-{step}")
    start = time.time()
    if not (args.reuse and os.path.isfile(os.path.join(out_dir, "timed.json"))):
        run(args, ["compile", "--model", model, "--config", config, "--step", step,
                   "--function", "block", "--quiet", "--force", "-o", out_dir] + args.extra_args)
        run(args, ["simulate", out_dir, "--timed"])
    with open(os.path.join(out_dir, "report.json")) as f:
        resources = json.load(f)["functions"]["block"].get("resources", {})
    with open(os.path.join(out_dir, "timed.json")) as f:
        timed = json.load(f)["functions"]["block"]
    with open(os.path.join(out_dir, "linalg.mlir")) as f:
        macs = count_macs(f.read())
    moved = timed["hbm"]["bytes_read"] + timed["hbm"]["bytes_written"]
    hbm_floor = moved / HBM_BYTES_PER_CYCLE
    dsp_floor = macs / MACS_PER_CYCLE
    cycles = timed["latency_cycles"]
    print(f"  {case}: {cycles:,} cycles ({time.time() - start:.0f} s)", file=sys.stderr)
    return (case, cycles, moved, hbm_floor, macs, dsp_floor, cycles / max(hbm_floor, dsp_floor),
            resources)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--cases", nargs="+", default=DEFAULT_CASES,
                        help="model:config:step of each block")
    parser.add_argument("--work", help="keep the compiled folders here")
    parser.add_argument("--reuse", action="store_true",
                        help="report the designs already compiled and simulated in --work")
    parser.add_argument("--extra-args", nargs=argparse.REMAINDER, default=[],
                        help="passed to every compile")
    args = parser.parse_args()
    args.work = args.work or tempfile.mkdtemp(prefix="floors-")
    os.makedirs(args.work, exist_ok=True)
    rows = [measure(args, case) for case in args.cases]
    us = lambda c: c / CLOCK_MHZ
    print(f"Estimates of the U55C model at {CLOCK_MHZ} MHz (timed simulation of the generated "
          f"code); floors: {HBM_BYTES_PER_CYCLE:.0f} B/cycle of HBM, {MACS_PER_CYCLE} f32 "
          f"multiply-adds/cycle.\n")
    print("| block | latency (us) | HBM bytes | HBM floor (us) | multiply-adds | DSP floor (us) "
          "| latency / floor | DSP | BRAM36 | LUT | fits |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for case, cycles, moved, hbm, macs, dsp, ratio, res in rows:
        slrs = res.get("slr_assignment", {}).get("slrs_used", 1)
        fits = ("no" if not res.get("fits") else
                "SLR0" if slrs <= 1 else f"{slrs} SLRs")
        print(f"| {case} | {us(cycles):,.1f} | {moved:,} | {us(hbm):,.1f} | {macs:,} | "
              f"{us(dsp):,.1f} | {ratio:.1f}x | {res.get('dsp', 0):,} | {res.get('bram36', 0):,} | "
              f"{res.get('lut', 0):,} | {fits} |")


if __name__ == "__main__":
    main()
