"""`streamtensor estimate`: whole-model tokens/s and time to first token."""

import argparse
import json
import sys
import tempfile

from .model_args import (add_model_arguments, add_quant_arguments, check_model_arguments,
                         quant_from_args)

NAME = "estimate"
HELP = ("Estimate a whole model's decoding speed (tokens/s) and time to first token on the "
        "U55C model, from timed simulations of its compiled prefill block, decode block and "
        "LM head.")
EPILOG = """Each [in:out] pair compiles a prefill block for `in` tokens and a decode block
for a cache of in + out rows, then runs their timed simulations; expect minutes
per pair for the paper models. Estimates of our model of the card, not
measurements. With -o DIR the compiled designs and their timed.json are kept
and reused."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_model_arguments(parser)
    parser.add_argument("--lengths", default="32:32,64:64,128:128,256:256",
                        help="comma-separated [in:out] pairs (default: the paper's)")
    add_quant_arguments(parser, act_scales=False)
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="keep the compiled designs and timed simulations here")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of rows (input_len, output_len, "
                             "tokens_per_second, ttft_ms, ...) instead of the table")


def run(args: argparse.Namespace) -> int:
    from ..driver.throughput import estimate_model, estimate_text, parse_lengths
    check_model_arguments(args)
    quant = quant_from_args(args)
    lengths = parse_lengths(args.lengths)
    log = sys.stderr if args.json else sys.stdout
    work = args.output or tempfile.mkdtemp(prefix="streamtensor-estimate-")
    result = estimate_model(args.model, args.config or "tiny", lengths, work,
                            checkpoint=args.checkpoint, quant=quant, log=log)
    if args.json:
        print(json.dumps(result["rows"]))
    else:
        print()
        print(estimate_text(result), end="")
    return 0
