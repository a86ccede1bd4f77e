"""`streamtensor compile`: a zoo model step through the whole compiler."""

import argparse
import sys

from .. import models
from ..driver.flow import DEFAULT_FIFO_SIZING, FIFO_STRATEGIES, UNTIL
from .errors import CliError
from .model_args import add_quant_arguments, check_model_arguments, quant_from_args
from .import_cmd import _config_table, _non_negative, _positive

NAME = "compile"
HELP = ("Compile one step of a zoo model: import, linalg clean-up, fused dataflow "
        "(+ report and graph), lowering, FIFO sizing and code generation into an output folder.")
EPILOG = _config_table() + """

stages and files (in the output folder):
  import      block.mlir          linalg on tensors from PyTorch
  linalg-opt  linalg.mlir         --streamtensor-linalg-opt
  dataflow    dataflow.mlir       --streamtensor-dataflow; report.json, report.txt,
                                  dataflow.dot and dataflow.svg (the fused graph)
  lower       lowered.mlir        --streamtensor-lower-dataflow
  size-fifos  sized.mlir          --streamtensor-size-fifos (when the build has it)
  emit, pack  design/<function>/  HLS C++, host, link/HLS configs, Makefile, simulation data
--until stops after a stage: import, dataflow, lowered or all (default).
Then `python -m streamtensor simulate OUT_DIR` checks the design against PyTorch."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", choices=models.FAMILIES,
                        help="model family (optional with --checkpoint)")
    parser.add_argument("--config", help="configuration name (default: tiny)")
    parser.add_argument("--step", choices=models.STEPS, default="decode",
                        help="decode (one token against a KV cache) or prefill (default: decode)")
    parser.add_argument("-o", "--output", metavar="OUT_DIR", required=True,
                        help="output folder (created; must be empty unless --force)")
    parser.add_argument("--until", choices=UNTIL, default="all",
                        help="last stage to run (default: all)")
    parser.add_argument("--function", choices=list(models.FUNCTIONS) + ["all"], default="all",
                        help="function(s) to compile: the decoder block, the LM head, or both "
                             "(default: all)")
    parser.add_argument("--memory-budget", type=_non_negative, metavar="BYTES",
                        help="on-chip bytes one fused kernel may spend on converters "
                             "(default: the pass's, 41 MB of the U55C)")
    parser.add_argument("--fifo-sizing", choices=FIFO_STRATEGIES, default=DEFAULT_FIFO_SIZING,
                        help="strategy of --streamtensor-size-fifos: asap (timing model), "
                             "lp-min-bytes or naive (depth = tokens on the edge); every "
                             "strategy's depths are checked against the exact stream order "
                             "and grown where the design would stop (docs/fifo-sizing.md) "
                             f"(default: {DEFAULT_FIFO_SIZING})")
    parser.add_argument("--max-seq", type=_positive, default=models.DEFAULT_MAX_SEQ,
                        help=f"decode: KV cache capacity (default: {models.DEFAULT_MAX_SEQ})")
    parser.add_argument("--seq", type=_positive, default=models.DEFAULT_SEQ,
                        help=f"prefill: number of tokens (default: {models.DEFAULT_SEQ})")
    parser.add_argument("--checkpoint", metavar="DIR",
                        help="Hugging Face checkpoint directory; its config.json replaces --config")
    parser.add_argument("--layer", type=_non_negative, default=0,
                        help="decoder layer whose weights are used (default: 0)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the random weights and of the simulation inputs "
                             "(default: 0)")
    add_quant_arguments(parser)
    parser.add_argument("--force", action="store_true",
                        help="replace the contents of an existing output folder of a previous "
                             "compilation")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--stream-lanes", type=_positive, default=None, metavar="N",
                        help="most values one FIFO token carries (default: 16; 1 keeps "
                             "scalar tokens)")
    parser.add_argument("--dse", action="store_true",
                        help="explore the weight port split, weight tile size and stream "
                             "lanes with Optuna (graph model latency under the resource "
                             "model), then compile the best point; writes dse.json and dse.png")
    parser.add_argument("--dse-trials", type=_positive, default=12, metavar="N",
                        help="design points --dse compiles (default: 12)")


def _explore(program, args: argparse.Namespace, log):
    import tempfile
    from ..driver.dse import explore
    from ..driver.estimate import launch_cycles, load_target
    if log is not None:
        log.write(f"streamtensor compile --dse: {args.dse_trials} trials (graph model latency "
                  f"under the resource model; estimates of the U55C model)\n")
    with tempfile.TemporaryDirectory(prefix="streamtensor-dse-") as work:
        return explore(program, work, trials=args.dse_trials, seed=args.seed,
                       memory_budget=args.memory_budget, fifo_sizing=args.fifo_sizing, log=log,
                       launch_cycles=launch_cycles(load_target()))


def run(args: argparse.Namespace) -> int:
    from ..driver import DriverError
    from ..driver.flow import compile_program
    from ..driver.program import zoo_program
    check_model_arguments(args)
    quant = quant_from_args(args)
    functions = list(models.FUNCTIONS) if args.function == "all" else [args.function]
    # Weight values are only needed when data for the simulation is written.
    with_values = args.until == "all"
    try:
        def program():
            return zoo_program(args.model, args.config or "tiny", args.step,
                               functions=functions, max_seq=args.max_seq, seq=args.seq,
                               seed=args.seed, layer=args.layer, checkpoint=args.checkpoint,
                               with_values=with_values, quant=quant)
        log = None if args.quiet else sys.stdout
        options, explored = None, None
        if args.dse:
            if args.stream_lanes is not None:
                raise CliError("--stream-lanes is one of the knobs --dse explores; "
                               "give one or the other")
            explored = _explore(program, args, log)
            options = explored["best"]["options"]
        elif args.stream_lanes is not None:
            options = {"stream-lanes": args.stream_lanes}
        compile_program(program, args.output, until=args.until, memory_budget=args.memory_budget,
                        fifo_sizing=args.fifo_sizing, force=args.force, log=log,
                        count_startup=True, dataflow_options=options)
        if explored is not None:
            from ..driver.dse import save
            from ..driver.estimate import load_target
            save(explored, args.output, load_target()["clock_mhz"], log)
    except DriverError as err:
        raise CliError(str(err))
    if not args.quiet:
        report = f"{args.output.rstrip('/')}/report.txt"
        if args.until not in ("import",):
            with open(report, encoding="utf-8") as f:
                sys.stdout.write("\n" + f.read())
    return 0
