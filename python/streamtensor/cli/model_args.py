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
