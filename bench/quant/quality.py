#!/usr/bin/python3
"""What quantization costs: held-out loss of the trained byte-level GPT-2.

Evaluates models/fortunes-gpt2 (see bench/train/byte_gpt2.py) on the held-out
fortunes, in consecutive 128-byte windows, in f32 and under each scheme of
streamtensor.quant: W8A8 and W4A8 with per-token activation scales computed
on chip ("dynamic") or scales calibrated on training windows ("static"),
and W4A8 at several weight group sizes. The quantized models are the
PyTorch reference the simulation of the generated designs matches.

    /usr/bin/python3 bench/quant/quality.py [--windows N] [--json FILE]

Prints a Markdown table (docs/quantization.md holds its output).
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "bench", "train"))

from byte_gpt2 import as_bytes, read_fortunes, split  # noqa: E402
from streamtensor.generation.model import (calibrate_model, load_model,  # noqa: E402
                                           sequence_logits)
from streamtensor.quant import get_scheme  # noqa: E402

CHECKPOINT = os.path.join(ROOT, "models", "fortunes-gpt2")
CONTEXT = 128
CALIBRATION_WINDOWS = 32

# (label, scheme, group size, activation scales)
ROWS = [("f32", "none", 128, "dynamic"),
        ("W8A8, per-token scales", "w8a8", 128, "dynamic"),
        ("W8A8, calibrated scales", "w8a8", 128, "static"),
        ("W4A8, per-token scales", "w4a8", 128, "dynamic"),
        ("W4A8, calibrated scales", "w4a8", 128, "static"),
        ("W4A8, per-token, group 32", "w4a8", 32, "dynamic"),
        ("W4A8, per-token, one group per channel", "w4a8", 1 << 20, "dynamic")]


def held_out_loss(model, data: np.ndarray, windows: int) -> float:
    total, count = 0.0, 0
    for w in range(windows):
        chunk = data[w * CONTEXT: w * CONTEXT + CONTEXT + 1]
        logits = sequence_logits(model, chunk[:-1].tolist())
        target = torch.from_numpy(chunk[1:].astype(np.int64))
        total += F.cross_entropy(logits, target, reduction="sum").item()
        count += len(target)
    return total / count


def calibration_windows(train: np.ndarray):
    gen = np.random.default_rng(0)
    starts = gen.integers(0, len(train) - CONTEXT, size=CALIBRATION_WINDOWS)
    return [train[s:s + CONTEXT].tolist() for s in starts]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=1000,
                        help="held-out 128-byte windows to evaluate (default: 1000, all)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    torch.manual_seed(0)
    train_text, held_text = split(read_fortunes())
    train, held = as_bytes(train_text), as_bytes(held_text)
    windows = min(args.windows, (len(held) - 1) // CONTEXT)
    calibration = calibration_windows(train)
    results = []
    for label, scheme_name, group, acts in ROWS:
        start = time.time()
        scheme = None if scheme_name == "none" else get_scheme(scheme_name, group_size=group,
                                                                act_scales=acts)
        model = load_model(None, "tiny", checkpoint=CHECKPOINT, quant=scheme)
        if scheme is not None and acts == "static":
            calibrate_model(model, calibration)
        loss = held_out_loss(model, held, windows)
        results.append({"model": label, "scheme": scheme_name, "group_size": group,
                        "act_scales": acts, "nats_per_byte": round(loss, 4),
                        "perplexity_per_byte": round(math.exp(loss), 3)})
        print(f"  {label}: {loss:.4f} nats/byte ({time.time() - start:.0f} s)",
              file=sys.stderr, flush=True)
    base = results[0]["nats_per_byte"]
    print(f"Held-out loss of models/fortunes-gpt2 over {windows} windows of {CONTEXT} bytes "
          f"({windows * CONTEXT:,} bytes), measured on this machine in PyTorch with the "
          "quantized reference modules:\n")
    print("| model | nats/byte | perplexity/byte | vs f32 |")
    print("|---|---|---|---|")
    for r in results:
        delta = r["nats_per_byte"] - base
        print(f"| {r['model']} | {r['nats_per_byte']:.4f} | {r['perplexity_per_byte']:.3f} | "
              f"{'' if r is results[0] else f'{delta:+.4f}'} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
