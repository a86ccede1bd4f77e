"""`streamtensor simulate`: the generated design against PyTorch."""

import argparse
import sys

NAME = "simulate"
HELP = ("Build the bounded-FIFO simulation of a compiled folder with g++, run it on the seeded "
        "inputs and compare every output with PyTorch's.")
EPILOG = """Exit status: 0 when every output is within its tolerance (f32: 1e-4; quantized
designs: also 2% of the output's largest magnitude, docs/quantization.md), 1 on a mismatch,
a deadlock (its report is printed) or any other failure."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", metavar="OUT_DIR", help="output folder of `compile`")
    parser.add_argument("--timed", action="store_true",
                        help="also count cycles: build the timed simulation of the generated "
                             "code and write timed.json and timed-trace.json (Perfetto) into "
                             "OUT_DIR; estimates of the target model, not measurements")


def run(args: argparse.Namespace) -> int:
    from ..driver import DriverError
    from ..driver.simulation import simulate_dir
    from .errors import CliError
    print(f"streamtensor simulate {args.out_dir}{' --timed' if args.timed else ''}",
          flush=True)
    try:
        if args.timed:
            from ..driver.timed import simulate_timed
            timed, checks = simulate_timed(args.out_dir, sys.stdout)
        else:
            _, checks = simulate_dir(args.out_dir, None, sys.stdout)
    except DriverError as err:
        raise CliError(str(err))
    if args.timed:
        _print_timed(timed)
    for check in checks:
        verdict = "ok" if check.ok else "MISMATCH"
        print(f"  @{check.function} {check.name}: max |simulation - PyTorch| = "
              f"{check.max_abs_error:.3g}  {verdict} ({check.kind} tolerance "
              f"{check.tolerance:.3g})")
    if not checks:
        raise CliError("no outputs to compare (expected/ is empty)")
    if not all(c.ok for c in checks):
        print("simulate: the design's outputs differ from PyTorch's", file=sys.stderr)
        return 1
    print("  every output matches PyTorch")
    return 0


def _print_timed(timed) -> None:
    a = timed["assumptions"]
    print(f"  estimated latency ({timed['source']}; U55C model at {a['clock_mhz']:g} MHz, "
          f"operator latencies of the target file, HBM read latency "
          f"{a['hbm_read_latency_cycles']} cycles, {a['pseudo_channel_bytes_per_cycle']:g} B/cycle "
          f"per pseudo-channel, {a['total_hbm_bytes_per_cycle']:g} B/cycle in all, kernel launch "
          f"{a['kernel_launch_cycles']} cycles per kernel call):")
    for name, f in timed["functions"].items():
        moved = f["hbm"]["bytes_read"] + f["hbm"]["bytes_written"]
        print(f"  @{name}: {f['latency_cycles']:,} cycles = {f['latency_ms']:.4f} ms; "
              f"HBM {f['hbm']['bytes_read']:,} B read, {f['hbm']['bytes_written']:,} B written "
              f"({moved / max(f['latency_cycles'], 1):.2f} B/cycle on average)")
    print("  timed.json and timed-trace.json written (open the trace in Perfetto)")
