"""Whole-model tokens/s and time to first token beside the paper's figures.

    /usr/bin/python3 bench/speed/tokens.py [--models gpt2 qwen2 llama gemma3]
        [--precisions f32 w4a8] [--lengths 32:32,64:64] [--work DIR]
        [--write docs/performance.md]

Runs `streamtensor estimate` (python/streamtensor/driver/throughput.py) for
each model's paper configuration and precision, keeping the compiled designs
and their timed simulations under --work so later runs reuse them, and
prints a Markdown table: our estimates (the U55C model at 250 MHz, from the
timed simulation of the generated code; not measurements) beside the
figures the StreamTensor paper reports for GPT-2 Medium (measured on the
card with W4A8 weights: Tables 4 and 5, with Allo, DFX and an A100). With
--write the table replaces the part of the file between the markers
`<!-- tokens-table:begin -->` and `<!-- tokens-table:end -->`.
"""

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))

from streamtensor.driver.program import quant_settings  # noqa: E402
from streamtensor.driver.throughput import estimate_model, parse_lengths  # noqa: E402
from streamtensor.driver.tools import DriverError  # noqa: E402

NAMES = {"gpt2": "GPT-2 Medium", "qwen2": "Qwen2.5-0.5B", "llama": "TinyLlama-1.1B",
         "gemma3": "Gemma-3-1B"}
# GPT-2 Medium, [in:out] -> (TTFT ms, tokens/s), from ../shared/reference.
PAPER = {
    "StreamTensor (U55C, W4A8)": {32: (34.59, 199.51), 64: (61.27, 215.51),
                                  128: (125.35, 224.05), 256: (272.85, 229.61)},
    "Allo (U280, W4A8)": {32: (81.50, 204.05), 64: (162.99, 204.05), 128: (325.98, 204.05),
                          256: (651.96, 204.05)},
    "DFX (U280)": {32: (177.20, 185.19), 64: (349.10, 185.19), 128: (692.80, 185.19),
                   256: (1417.60, 185.19)},
    "A100 (W8A8)": {32: (8.72, 113.30), 64: (8.76, 114.56), 128: (8.65, 115.35),
                    256: (8.53, 115.35)},
}
BEGIN, END = "<!-- tokens-table:begin -->", "<!-- tokens-table:end -->"


def _number(value, digits):
    return "-" if value is None else f"{value:,.{digits}f}"


def table(results, lengths):
    lines = ["| model | precision | [in:out] | TTFT (ms) | tokens/s | ms/token | tokens/J | "
             "block: prefill / decode (ms) | LM head (ms) |",
             "|---|---|---|---:|---:|---:|---:|---|---:|"]
    for (model, precision), result in results:
        for row in result["rows"]:
            prefill = row.get("prefill_block_ms")
            blocks = (f"{_number(prefill, 1)} / {_number(row.get('decode_block_ms'), 2)}"
                      if row["tokens_per_second"] is not None else "")
            # The reason's first clause; the estimate command gives it whole.
            note = f" ({row['error'].split(' (')[0]})" if row.get("error") else ""
            lines.append(
                f"| {NAMES.get(model, model)} | {precision} | [{row['input_len']}:"
                f"{row['output_len']}] | {_number(row['ttft_ms'], 1)}{note} | "
                f"{_number(row['tokens_per_second'], 1)} | {_number(row.get('ms_per_token'), 2)}"
                f" | {_number(row.get('tokens_per_joule'), 3)} | {blocks} | "
                f"{_number(row.get('lm_head_ms'), 2)} |")
    lines += ["", "The paper's GPT-2 Medium figures (measured on cards):", "",
              "| system | [in:out] | TTFT (ms) | tokens/s |", "|---|---|---:|---:|"]
    for system, rows in PAPER.items():
        for n_in, n_out in lengths:
            if n_in == n_out and n_in in rows:
                ttft, speed = rows[n_in]
                lines.append(f"| {system} | [{n_in}:{n_out}] | {ttft:,.2f} | {speed:,.2f} |")
    return "\n".join(lines) + "\n"


def write_into(path, text, command):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{path} has no {BEGIN} ... {END} markers")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    stamp = time.strftime("%d %b %Y")
    block = f"{BEGIN}\n\n`{command}`, run of {stamp}:\n\n{text}\n{END}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + block + tail)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", default=list(NAMES))
    parser.add_argument("--precisions", nargs="+", default=["f32", "w4a8"])
    parser.add_argument("--lengths", default="32:32")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-tokens"))
    parser.add_argument("--write", metavar="FILE")
    args = parser.parse_args()
    lengths = parse_lengths(args.lengths)
    results = []
    for model in args.models:
        for precision in args.precisions:
            print(f"== {model} {precision}", file=sys.stderr, flush=True)
            quant = None if precision == "f32" else quant_settings(precision, 128)
            try:
                result = estimate_model(model, "paper", lengths,
                                        os.path.join(args.work, model), quant=quant,
                                        log=sys.stderr)
            except DriverError as err:
                print(f"   not estimated: {err}", file=sys.stderr, flush=True)
                continue
            results.append(((model, precision), result))
    text = table(results, lengths)
    print(text, end="")
    if args.write:
        command = ("/usr/bin/python3 bench/speed/tokens.py --models " + " ".join(args.models)
                   + " --precisions " + " ".join(args.precisions)
                   + f" --lengths {args.lengths}")
        write_into(args.write, text, command)


if __name__ == "__main__":
    main()
