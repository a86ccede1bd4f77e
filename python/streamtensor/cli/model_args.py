"""The options that name a model: a zoo family and configuration, or a checkpoint."""

import argparse

from .. import models
from .errors import CliError


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", choices=models.FAMILIES,
                        help="model family (not needed with --checkpoint)")
    parser.add_argument("--config", help="configuration name (default: tiny)")
    parser.add_argument("--checkpoint", metavar="DIR",
                        help="Hugging Face checkpoint folder (config.json, *.safetensors, and "
                             "its tokenizer files if any)")


def check_model_arguments(args: argparse.Namespace) -> None:
    if args.checkpoint and args.config:
        raise CliError("--config and --checkpoint are mutually exclusive (the checkpoint's "
                       "config.json is used)")
    if not args.checkpoint and not args.model:
        raise CliError("--model is required (one of " + ", ".join(models.FAMILIES) + ")")


def add_quant_arguments(parser: argparse.ArgumentParser, act_scales: bool = True) -> None:
    """--quant and its parameters (docs/quantization.md)."""
    from ..quant import ACT_SCALES, SCHEMES
    from ..quant.scheme import DEFAULT_GROUP_SIZE
    parser.add_argument("--quant", choices=SCHEMES, default="none",
                        help="integer weights and activations of the matrix products: W8A8 or "
                             "W4A8 (int8 activations, int32 sums; default: none, f32)")
    parser.add_argument("--group-size", type=int, default=DEFAULT_GROUP_SIZE, metavar="N",
                        help="weights per scale along the reduction dimension (default: "
                             f"{DEFAULT_GROUP_SIZE}; the largest divisor of the dimension not "
                             "above it)")
    if act_scales:
        parser.add_argument("--act-scales", choices=ACT_SCALES, default="dynamic",
                            help="int8 activation scales: per token, computed on chip "
                                 "(dynamic, the default), or one per product calibrated on "
                                 "the example inputs (static)")


def quant_from_args(args: argparse.Namespace):
    """The program's quantization description, or None for f32."""
    from ..driver.program import quant_settings
    return quant_settings(args.quant, args.group_size, getattr(args, "act_scales", "dynamic"))
