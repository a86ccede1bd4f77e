"""`streamtensor import`: a model-zoo step as MLIR (linalg on tensors)."""

import argparse

from .. import models
from .errors import CliError
from .model_args import check_model_arguments
from .output import check_writable, write_text

NAME = "import"
HELP = ("Import one step (decode or prefill) of a zoo model as MLIR: the decoder "
        "block and the LM head, weights as function arguments.")


def _config_table() -> str:
    lines = ["models and configurations:"]
    for family in models.FAMILIES:
        entries = []
        for name in models.config_names(family):
            cfg = models.get_config(family, name)
            entries.append(f"{name} ({cfg.description})")
        lines.append(f"  {family:7s} " + "; ".join(entries))
    lines.append("steps: " + ", ".join(models.STEPS))
    lines.append("functions in the output: block (one decoder layer), lm_head (final norm "
                 "and vocabulary projection of one token)")
    return "\n".join(lines)


EPILOG = _config_table()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}")
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}")
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", choices=models.FAMILIES,
                        help="model family (optional with --checkpoint)")
    parser.add_argument("--config", help="configuration name (default: tiny)")
    parser.add_argument("--step", choices=models.STEPS, default="decode",
                        help="decode: one token against a KV cache; prefill: a causal "
                             "sequence (default: decode)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="output .mlir file (default: standard output)")
    parser.add_argument("--max-seq", type=_positive, default=models.DEFAULT_MAX_SEQ,
                        help="decode: KV cache capacity S, a shape hint "
                             f"(default: {models.DEFAULT_MAX_SEQ})")
    parser.add_argument("--seq", type=_positive, default=models.DEFAULT_SEQ,
                        help=f"prefill: number of tokens N (default: {models.DEFAULT_SEQ})")
    parser.add_argument("--checkpoint", metavar="DIR",
                        help="Hugging Face checkpoint directory (config.json + *.safetensors); "
                             "its config.json replaces --config")
    parser.add_argument("--layer", type=_non_negative, default=0,
                        help="decoder layer whose weights and names are used (default: 0)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the random weights used without --checkpoint "
                             "(default: 0)")
    parser.add_argument("--only", choices=models.FUNCTIONS,
                        help="emit only this function (default: block and lm_head)")
    parser.add_argument("--embed-weights", action="store_true",
                        help="inline the weights as constants instead of arguments")
    parser.add_argument("--save-weights", metavar="FILE",
                        help="also write the functions' weight arguments, by name, to a "
                             ".safetensors file")
    parser.add_argument("--force", action="store_true",
                        help="overwrite existing output files")


def run(args: argparse.Namespace) -> int:
    check_model_arguments(args)
    check_writable(args.output, args.force)
    if args.save_weights:
        check_writable(args.save_weights, args.force)
        if args.save_weights == args.output:
            raise CliError("--save-weights and --output name the same file")

    # Values are only needed when they leave the process.
    needs_values = args.embed_weights or args.save_weights
    model = models.build_model(args.model, args.config or "tiny", layer=args.layer,
                               weights="random" if needs_values else "empty",
                               seed=args.seed, checkpoint=args.checkpoint)
    functions = [args.only] if args.only else list(models.FUNCTIONS)
    text = models.import_step(model, args.step, max_seq=args.max_seq, seq=args.seq,
                              functions=functions, weights_as_args=not args.embed_weights,
                              seed=args.seed)
    if args.save_weights:
        from ..weights import save_file
        tensors = {}
        if "block" in functions:
            tensors.update({model.block_weight_name(n): p.detach().numpy()
                            for n, p in model.block.named_parameters()})
        if "lm_head" in functions:
            tensors.update({model.head_weight_name(n): p.detach().numpy()
                            for n, p in model.head.named_parameters()})
        save_file(tensors, args.save_weights,
                  metadata={"model": model.config.family, "config": model.config.name,
                            "layer": str(model.layer)})
    write_text(args.output, text)
    return 0
