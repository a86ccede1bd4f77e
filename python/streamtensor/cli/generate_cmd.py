"""`streamtensor generate`: text from a whole model in the simulation of its designs."""

import argparse
import json
import os
import sys

from .model_args import (add_model_arguments, add_quant_arguments, check_model_arguments,
                         quant_from_args)

NAME = "generate"
HELP = ("Generate text with a whole model: compile its prefill block, decode block and LM "
        "head, then run the prompt and every new token through all layers in the "
        "bounded-FIFO simulation of the generated designs.")
EPILOG = """Greedy decoding unless --temperature is given. The seconds printed are wall time
on this machine for the simulation, not an estimate of the card. With -o DIR the
compiled designs are kept and reused by the next run with the same model, cache
length and prompt length."""


def _token_ids(text: str):
    try:
        ids = [int(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated token ids, got {text!r}")
    if not ids or any(i < 0 for i in ids):
        raise argparse.ArgumentTypeError("expected one or more non-negative token ids")
    return ids


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_model_arguments(parser)
    prompt = parser.add_mutually_exclusive_group(required=True)
    prompt.add_argument("--prompt", help="prompt text")
    prompt.add_argument("--prompt-ids", type=_token_ids, metavar="I,J,...",
                        help="prompt as token ids")
    parser.add_argument("--max-new-tokens", type=int, default=32, metavar="N")
    add_quant_arguments(parser, act_scales=False)
    parser.add_argument("--temperature", type=float, default=0.0,
                        help="sample at this temperature (default 0: greedy)")
    parser.add_argument("--top-k", type=int, default=0, metavar="K",
                        help="sample among the K most likely tokens (0: all)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the sampling and of random weights")
    parser.add_argument("--max-seq", type=int, metavar="N",
                        help="KV-cache rows of the decode design (default: the prompt plus the "
                             "new tokens, rounded up to a power of two)")
    parser.add_argument("--stop-at-eos", action="store_true",
                        help="stop at the checkpoint's eos_token_id")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="keep the compiled designs here and reuse them")
    parser.add_argument("--host-program", action="store_true",
                        help="run the emitted XRT generation program (every layer in one "
                             "kernel call, the KV caches in device memory) on the simulated "
                             "device instead of calling each layer from Python")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object (prompt_ids, generated_ids, seconds, ...) "
                             "instead of text")


def run(args: argparse.Namespace) -> int:
    from ..generation import generate
    check_model_arguments(args)
    quant_from_args(args)
    log = sys.stderr if args.json else sys.stdout

    def show(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    if not args.json:
        print("compiling and building the designs (reused from -o DIR when they match) ...",
              flush=True)
    result = generate(args.model, args.config or "tiny", checkpoint=args.checkpoint,
                      prompt=args.prompt, prompt_ids=args.prompt_ids,
                      max_new_tokens=args.max_new_tokens, temperature=args.temperature,
                      top_k=args.top_k, seed=args.seed, out_dir=args.output,
                      max_seq=args.max_seq, stop_at_eos=args.stop_at_eos, log=log,
                      on_text=None if args.json else show, quant=args.quant,
                      group_size=args.group_size, host_program=args.host_program)
    if args.json:
        print(json.dumps({"prompt_ids": result.prompt_ids,
                          "generated_ids": result.generated_ids,
                          "seconds": round(result.seconds, 3),
                          "text": result.text, "tokenizer": result.tokenizer,
                          "simulation_seconds": round(result.simulation_seconds, 3),
                          "design_calls": result.design_calls}))
        return 0
    tokens = len(result.generated_ids)
    done = (f"\n\n{tokens} new tokens after a {len(result.prompt_ids)}-token prompt "
            f"({result.tokenizer} tokenizer) in {result.seconds:.1f} s")
    if args.host_program:
        program = os.path.join(result.designs["host"], "generate-sim")
        print(f"{done} measured by the emitted host program ({program}) on the simulated XRT "
              f"device of this machine (the bounded-FIFO simulation of the kernels, not an "
              f"estimate of the card)")
        return 0
    print(f"{done} of wall time on this "
          f"machine ({result.design_calls} runs of the simulated designs, "
          f"{result.simulation_seconds:.1f} s in them; the bounded-FIFO simulation, not an "
          f"estimate of the card)")
    return 0
