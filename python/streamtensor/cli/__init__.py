"""Command-line driver: one module per subcommand.

A subcommand module defines NAME, HELP, `add_arguments(parser)` and
`run(args) -> int`; list it in SUBCOMMANDS to make it available.
"""

import argparse
import sys
from typing import List, Optional

from . import compile_cmd, estimate_cmd, generate_cmd, import_cmd, simulate_cmd
from .errors import CliError, user_errors

SUBCOMMANDS = [import_cmd, compile_cmd, simulate_cmd, generate_cmd, estimate_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m streamtensor",
        description="StreamTensor: compile PyTorch LLMs to stream dataflow accelerators.",
        epilog="Run `python -m streamtensor <command> --help` for a command's options.")
    subparsers = parser.add_subparsers(dest="command", metavar="<command>")
    subparsers.required = True
    for module in SUBCOMMANDS:
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                                    epilog=getattr(module, "EPILOG", None),
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except user_errors() as err:
        print(f"streamtensor {args.command}: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"streamtensor {args.command}: interrupted", file=sys.stderr)
        return 130


__all__ = ["CliError", "SUBCOMMANDS", "build_parser", "main"]
