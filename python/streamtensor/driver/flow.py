"""PyTorch -> linalg -> fused dataflow -> lowered IR -> HLS C++ and build files.

Artifacts in the output folder (see docs/compile.md):
  block.mlir        the imported module (linalg on tensors)
  linalg.mlir       after --streamtensor-linalg-opt
  dataflow.mlir     fused dataflow IR (--streamtensor-dataflow)
  report.json/.txt  the dataflow report and its summary
  dataflow.dot/.svg the fused dataflow graph
  lowered.mlir      processes and FIFOs (--streamtensor-lower-dataflow)
  sized.mlir        after FIFO sizing, when the build has --streamtensor-size-fifos
  design/<fn>/      per function: emitted code, build files and simulation data
  compile.json      options, stages with their measured cost, artifacts
"""

import json
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Callable, Dict, Optional, TextIO, Union

if TYPE_CHECKING:
    from .program import Program

from .emit import emit_design, read_manifest, write_design_data
from .output_dir import RECORD, prepare_output_dir, read_record, write_json
from .estimate import add_estimates, estimate_text
from .resources import add_resources, resources_text
from .report import fifo_sizing_text, graphviz, keyed_by_function, summary_text
from .ports import all_ports_text
from .stages import StageLog
from .tools import DriverError, run_tool, tool_path

UNTIL = ("import", "dataflow", "lowered", "all")
# Strategies of --streamtensor-size-fifos. Whatever the strategy, the pass
# replays the stream access order and grows FIFOs that would stop the design
# early (docs/fifo-sizing.md), so none of them can deadlock the design.
FIFO_STRATEGIES = ("asap", "lp-min-bytes", "naive")
DEFAULT_FIFO_SIZING = "asap"
SIZE_FIFOS_PASS = "--streamtensor-size-fifos"


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _render_svg(dot_path: str, svg_path: str) -> Optional[str]:
    """Renders with Graphviz; returns why not when it cannot."""
    dot = shutil.which("dot")
    if dot is None:
        return "Graphviz `dot` not installed (scripts/install-deps.sh installs it)"
    proc = subprocess.run([dot, "-Tsvg", dot_path, "-o", svg_path], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        return f"dot -Tsvg failed: {proc.stderr.strip()}"
    return None


# Options of --streamtensor-dataflow the driver passes through (besides the
# memory budget): the knobs of the design-space exploration.
DATAFLOW_OPTIONS = ("weight-ports", "port-budget", "max-tile-bytes", "min-port-bytes",
                    "stream-lanes")
# Options of the lowering (--streamtensor-lower-dataflow), not of the
# dataflow pipeline.
LOWER_OPTIONS = ("stream-lanes",)


def compile_program(program: Union["Program", Callable[[], "Program"]], out_dir: str, *,
                    until: str = "all", memory_budget: Optional[int] = None,
                    force: bool = False, log: Optional[TextIO] = sys.stdout,
                    count_startup: bool = False, fifo_sizing: str = DEFAULT_FIFO_SIZING,
                    dataflow_options: Optional[Dict[str, int]] = None) -> Dict:
    """Runs the flow up to `until`; returns the record also written to compile.json.

    `program` may be a function building it (e.g. a zoo model), so that the
    import stage's cost includes building the PyTorch model. `count_startup`
    adds the process's time before this call as a "startup" stage (for a
    command-line run, where the whole process is the compilation).
    """
    if until not in UNTIL:
        raise DriverError(f"--until must be one of {', '.join(UNTIL)}, got {until!r}")
    if fifo_sizing not in FIFO_STRATEGIES:
        raise DriverError(f"--fifo-sizing must be one of {', '.join(FIFO_STRATEGIES)}, "
                          f"got {fifo_sizing!r}")
    if memory_budget is not None and memory_budget < 0:
        raise DriverError("--memory-budget must be a non-negative number of bytes")
    options = dict(dataflow_options or {})
    unknown = sorted(set(options) - set(DATAFLOW_OPTIONS))
    if unknown:
        raise DriverError(f"unknown dataflow option(s) {', '.join(unknown)}; known: "
                          f"{', '.join(DATAFLOW_OPTIONS)}")
    for name, value in options.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DriverError(f"dataflow option {name} must be a positive integer, got {value!r}")
    if memory_budget is not None:
        options["memory-budget"] = memory_budget
    opt = tool_path("streamtensor-opt") if until != "import" else None
    out_dir = prepare_output_dir(out_dir, force)
    path = lambda name: os.path.join(out_dir, name)  # noqa: E731
    record = {"program": None, "until": until, "memory_budget": memory_budget,
              "fifo_sizing": fifo_sizing, "dataflow_options": options,
              "status": "running", "stages": [], "artifacts": [], "designs": [], "notes": []}
    write_json(path(RECORD), record)
    stages = StageLog(log)
    stages.say(f"streamtensor compile -> {out_dir}")
    if count_startup:
        stages.python_startup()
    try:
        return _run_flow(program, out_dir, until, options, fifo_sizing, opt, record, stages)
    except BaseException as err:
        record["status"] = f"failed: {type(err).__name__}"
        record["stages"] = [r.as_dict() for r in stages.records]
        write_json(os.path.join(out_dir, RECORD), record)
        raise


def _run_flow(program, out_dir: str, until: str, dataflow_options: Dict[str, int],
              fifo_sizing: str, opt: Optional[str], record: Dict, stages: StageLog) -> Dict:
    path = lambda name: os.path.join(out_dir, name)  # noqa: E731

    def done(status: str) -> Dict:
        record["status"] = status
        record["stages"] = [r.as_dict() for r in stages.records]
        record["total_seconds"] = stages.total_seconds
        write_json(path(RECORD), record)
        return record

    def artifact(*names: str) -> None:
        record["artifacts"].extend(names)

    def build_and_import():
        built = program() if callable(program) else program
        record["program"] = built.description
        return built, built.import_mlir()
    program, text = stages.python_stage("import", "PyTorch -> linalg on tensors (block.mlir)",
                                        build_and_import)
    _write(path("block.mlir"), text)
    artifact("block.mlir")
    if until == "import":
        return _finish(stages, done("complete"))

    linalg = run_tool([opt, path("block.mlir"), "--streamtensor-linalg-opt", "-o",
                       path("linalg.mlir")], what="streamtensor-opt --streamtensor-linalg-opt",
                      error_log=path("error.log"))
    stages.tool_stages("linalg-opt", "linalg clean-up (linalg.mlir)", [linalg])
    artifact("linalg.mlir")

    dataflow_pass = "--streamtensor-dataflow"
    lower_options = {k: v for k, v in dataflow_options.items() if k in LOWER_OPTIONS}
    dataflow_options = {k: v for k, v in dataflow_options.items() if k not in LOWER_OPTIONS}
    if dataflow_options:
        dataflow_pass += "=" + " ".join(f"{k}={v}" for k, v in sorted(dataflow_options.items()))
    dataflow = run_tool([opt, path("linalg.mlir"), dataflow_pass,
                         f"--dataflow-report=output={path('report.json')}", "-o",
                         path("dataflow.mlir")], what=f"streamtensor-opt {dataflow_pass}",
                         error_log=path("error.log"))
    stages.tool_stages("dataflow", "tile, kernels, fusion, converters (dataflow.mlir)",
                       [dataflow])
    artifact("dataflow.mlir", "report.json")
    report = keyed_by_function(json.loads(_read(path("report.json"))))
    write_json(path("report.json"), report)
    _write(path("report.txt"), summary_text(report, _title(program)))
    _write(path("dataflow.dot"), graphviz(report))
    artifact("report.txt", "dataflow.dot")
    why_not = _render_svg(path("dataflow.dot"), path("dataflow.svg"))
    if why_not:
        record["notes"].append(f"dataflow.svg not drawn: {why_not}")
        stages.say(f"  note: dataflow.svg not drawn: {why_not}")
    else:
        artifact("dataflow.svg")
    if until == "dataflow":
        return _finish(stages, done("complete"))

    lower_pass = "--streamtensor-lower-dataflow"
    if lower_options:
        lower_pass += "=" + " ".join(f"{k}={v}" for k, v in sorted(lower_options.items()))
    lower = run_tool([opt, path("dataflow.mlir"), lower_pass, "-o",
                      path("lowered.mlir")], what=f"streamtensor-opt {lower_pass}",
                      error_log=path("error.log"))
    stages.tool_stages("lower", "processes and FIFOs on memrefs (lowered.mlir)", [lower])
    artifact("lowered.mlir")
    sizing = run_tool([opt, path("lowered.mlir"),
                       f"{SIZE_FIFOS_PASS}=strategy={fifo_sizing} mode=fit "
                       f"output={path('fifo-sizing.json')}",
                       "-o", path("sized.mlir")],
                      what=f"streamtensor-opt {SIZE_FIFOS_PASS}",
                      error_log=path("error.log"))
    stages.tool_stages("size-fifos", f"FIFO depths, {fifo_sizing} (sized.mlir)",
                       [sizing])
    artifact("sized.mlir", "fifo-sizing.json")
    sizing_report = json.loads(_read(path("fifo-sizing.json")))
    with open(path("report.txt"), "a", encoding="utf-8") as f:
        f.write("\n" + fifo_sizing_text(sizing_report))
    estimate = run_tool([opt, path("sized.mlir"), "--streamtensor-estimate-resources="
                         f"output={path('resources.json')}", "-o", os.devnull],
                        what="streamtensor-opt --streamtensor-estimate-resources",
                        error_log=path("error.log"))
    stages.tool_stages("resources", "DSP, BRAM, URAM, LUT and FF estimate (resources.json)",
                       [estimate])
    artifact("resources.json")
    resources_report = json.loads(_read(path("resources.json")))
    if until == "lowered":
        return _finish(stages, done("complete"))

    lowered_text = _read(path("sized.mlir"))
    runs, designs = [], []
    for function in program.function_names:
        design, function_runs = emit_design(lowered_text, function, out_dir)
        designs.append(design)
        runs += function_runs
        record["designs"].append({"function": function, "directory": design.directory,
                                  "kernels": design.kernels})
    stages.tool_stages("emit", "HLS C++, host, configs, Makefile (design/)", runs)
    stages.python_stage("pack", "simulation data, params.bin, PyTorch outputs",
                        lambda: [write_design_data(program, d, out_dir) for d in designs])
    manifests = {}
    for entry in record["designs"]:
        entry["interface"] = program.interface(entry["function"])
        manifests[entry["function"]] = read_manifest(os.path.join(out_dir, entry["directory"]))
    with open(path("report.txt"), "a", encoding="utf-8") as f:
        f.write("\n" + all_ports_text(record["designs"], manifests))
    add_estimates(report, sizing_report, designs)
    add_resources(report, resources_report, designs)
    write_json(path("report.json"), report)
    with open(path("report.txt"), "a", encoding="utf-8") as f:
        f.write("\n" + estimate_text(report))
        f.write("\n" + resources_text(report))
    return _finish(stages, done("complete"))


def _title(program: "Program") -> str:
    d = program.description
    if d.get("source") == "zoo":
        shape = f"max_seq {d['max_seq']}" if d["step"] == "decode" else f"seq {d['seq']}"
        return (f"{d['model']} {d['config']} {d['step']} ({shape}, layer {d['layer']}), "
                f"functions: {', '.join(d['functions'])}")
    return f"nn.Module {d.get('class', '')}, function: {', '.join(d['functions'])}"


def _finish(stages: StageLog, record: Dict) -> Dict:
    stages.say(f"  total {record['total_seconds']:.2f} s wall; artifacts: "
               f"{', '.join(record['artifacts'])}"
               + (", design/" if record["designs"] else ""))
    return record


def compile_or_reuse(make_program: Callable[[bool], "Program"], path: str,
                     log: Optional[TextIO]) -> str:
    """`path` compiled from `make_program(True)`, reusing an earlier
    compilation of the same program. `make_program(False)` must give the same
    program without weight values: enough to compare descriptions, and
    cheap, so a reused design costs no weight initialisation."""
    record_path = os.path.join(path, RECORD)
    if os.path.isfile(record_path):
        record = read_record(path)
        if (record.get("status") == "complete"
                and record.get("program") == make_program(False).description):
            if log:
                print(f"  reusing {path}", file=log, flush=True)
            return path
    elif os.path.isdir(path) and os.listdir(path):
        raise DriverError(f"{path} exists and is not a compiled folder; refusing to overwrite it")
    if log:
        print(f"  compiling {os.path.basename(path)} ...", file=log, flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    compile_program(lambda: make_program(True), path, force=True, log=log)
    return path
