"""`streamtensor simulate`: the generated design against PyTorch."""

import argparse
import sys

NAME = "simulate"
HELP = ("Build the bounded-FIFO simulation of a compiled folder with g++, run it on the seeded "
        "inputs and compare every output with PyTorch's.")
EPILOG = """Exit status: 0 when every output is within the f32 tolerance, 1 on a mismatch,
a deadlock (its report is printed) or any other failure."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", metavar="OUT_DIR", help="output folder of `compile`")


def run(args: argparse.Namespace) -> int:
    from ..driver import DriverError
    from ..driver.simulation import F32_TOLERANCE, simulate_dir
    from .errors import CliError
    print(f"streamtensor simulate {args.out_dir}", flush=True)
    try:
        _, checks = simulate_dir(args.out_dir, None, sys.stdout)
    except DriverError as err:
        raise CliError(str(err))
    for check in checks:
        verdict = "ok" if check.ok else "MISMATCH"
        print(f"  @{check.function} {check.name}: max |simulation - PyTorch| = "
              f"{check.max_abs_error:.3g}  {verdict} (f32 tolerance {F32_TOLERANCE:g})")
    if not checks:
        raise CliError("no outputs to compare (expected/ is empty)")
    if not all(c.ok for c in checks):
        print("simulate: the design's outputs differ from PyTorch's", file=sys.stderr)
        return 1
    print("  every output matches PyTorch")
    return 0
