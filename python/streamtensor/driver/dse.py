"""Design-space exploration: `compile --dse`.

Searches the knobs of the dataflow pipeline (how many ports a large weight is
split over, how large a weight tile may be) with Optuna's TPE sampler. Each
trial compiles the program up to the lowered, FIFO-sized design and is judged
by the graph model's latency (the FIFO sizing's cycle-level model plus the
kernel launch cost) under the resource model's limits: a design that does not
fit its SLR scores its latency times 10 times its worst overuse, so fitting
designs always win. The best trial's options are then compiled in full. The
explored points go to `dse.json` and `dse.png` (latency against DSPs and
against BRAM36, the Pareto front marked). Latencies and resources are
estimates of our U55C model, not measurements.
"""

import json
import os
import time
from typing import Callable, Dict, List, Optional, TextIO

from .flow import compile_program
from .output_dir import write_json
from .tools import DriverError

# The knobs and their candidate values.
SPACE = {
    "weight-ports": [1, 2, 4, 8, 16],
    # 1 leaves each weight weight-ports blocks; 28 lets a weight alone in
    # its function (an LM head) spread over 28 pseudo-channels.
    "port-budget": [1, 8, 16, 28],
    "max-tile-bytes": [16384, 32768, 65536, 131072],
    "stream-lanes": [1, 4, 16],
}
KINDS = ("dsp", "bram36", "uram", "lut", "ff")


def _load(path: str) -> Dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _judge(trial_dir: str, launch_cycles: int) -> Dict:
    """Latency and resources of one compiled trial."""
    sizing = _load(os.path.join(trial_dir, "fifo-sizing.json"))
    resources = _load(os.path.join(trial_dir, "resources.json"))
    latency = sum(f["latency_cycles"] + launch_cycles for f in sizing.get("functions", []))
    used = {k: 0 for k in KINDS}
    overuse, fits = 1.0, True
    for entry in resources.get("functions", []):
        for k in KINDS:
            used[k] = max(used[k], entry["total"][k])
        fits = fits and entry["fits"]
        for over in entry["over"]:
            overuse = max(overuse, over["used"] / max(1, over["usable"]))
    score = latency if fits else latency * 10 * overuse
    return {"latency_cycles": latency, "resources": used, "fits": fits, "score": score}


def _pareto(points: List[Dict], kind: str) -> List[Dict]:
    """Trials no other trial beats in both latency and `kind`."""
    front = []
    for p in points:
        dominated = any(q["latency_cycles"] <= p["latency_cycles"] and
                        q["resources"][kind] <= p["resources"][kind] and
                        (q["latency_cycles"] < p["latency_cycles"] or
                         q["resources"][kind] < p["resources"][kind]) for q in points)
        if not dominated:
            front.append(p)
    return front


def draw(trials: List[Dict], path: str, clock_mhz: float) -> Optional[str]:
    """dse.png; returns why not when matplotlib is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib not installed (scripts/install-deps.sh installs python3-matplotlib)"
    done = [t for t in trials if "latency_cycles" in t]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, kind, label in ((axes[0], "dsp", "DSPs"), (axes[1], "bram36", "BRAM36")):
        for fits, marker in ((True, "o"), (False, "x")):
            pts = [t for t in done if t["fits"] == fits]
            ax.scatter([t["resources"][kind] for t in pts],
                       [t["latency_cycles"] / clock_mhz / 1000 for t in pts], marker=marker,
                       label="fits the device" if fits else "does not fit")
        front = sorted(_pareto(done, kind), key=lambda t: t["resources"][kind])
        ax.plot([t["resources"][kind] for t in front],
                [t["latency_cycles"] / clock_mhz / 1000 for t in front], "r--", marker="s",
                markerfacecolor="none", markersize=10, label="Pareto front")
        ax.set_xlabel(f"{label} (resource model)")
        ax.set_ylabel(f"latency, ms (graph model, {clock_mhz:g} MHz)")
        ax.legend(fontsize=8)
    fig.suptitle("Design-space exploration: estimates of the U55C model, not measurements")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def explore(program: Callable, work: str, *, trials: int, seed: int = 0,
            memory_budget: Optional[int] = None, fifo_sizing: str,
            log: Optional[TextIO], launch_cycles: int) -> Dict:
    """Runs the search in the folder `work`; returns the dse record."""
    try:
        import optuna
    except ImportError:
        raise DriverError("--dse needs Optuna (Debian's python3-optuna; scripts/install-deps.sh "
                          "installs it)")
    if trials < 1:
        raise DriverError("--dse-trials must be at least 1")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="minimize",
                                sampler=optuna.samplers.TPESampler(seed=seed))
    os.makedirs(work, exist_ok=True)
    records, built = [], None
    for index in range(trials):
        trial = study.ask()
        options = {name: trial.suggest_categorical(name, values)
                   for name, values in SPACE.items()}
        trial_dir = os.path.join(work, f"trial-{index}")
        start = time.time()
        record = {"trial": index, "options": options}
        try:
            if built is None:
                built = program()
            compile_program(built, trial_dir, until="lowered", memory_budget=memory_budget,
                            fifo_sizing=fifo_sizing, force=True, log=None,
                            dataflow_options=options)
            record.update(_judge(trial_dir, launch_cycles))
            study.tell(trial, record["score"])
        except DriverError as err:
            record["error"] = str(err).splitlines()[0]
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        record["seconds"] = round(time.time() - start, 1)
        records.append(record)
        if log is not None:
            knobs = " ".join(f"{k}={v}" for k, v in options.items())
            if "error" in record:
                result = f"failed: {record['error']}"
            else:
                r = record["resources"]
                result = (f"{record['latency_cycles']:,} cycles (graph model), {r['dsp']:,} DSP, "
                          f"{r['bram36']:,} BRAM36, {r['lut']:,} LUT, "
                          f"{'fits' if record['fits'] else 'does not fit'}")
            log.write(f"  dse trial {index + 1}/{trials}: {knobs}: {result} "
                      f"({record['seconds']:.1f} s)\n")
            log.flush()
    scored = [r for r in records if "score" in r]
    if not scored:
        raise DriverError("every design-space exploration trial failed; see "
                          f"{os.path.join(work, 'trial-0', 'compile.json')}")
    best = min(scored, key=lambda r: r["score"])
    return {"source": "graph model latency under the resource model (estimates of the U55C "
                      "model, not measurements)",
            "space": SPACE, "seed": seed, "trials": records, "best": best}


def save(result: Dict, out_dir: str, clock_mhz: float, log: Optional[TextIO]) -> None:
    """dse.json, dse.png and `dse` in report.json of a compiled folder."""
    write_json(os.path.join(out_dir, "dse.json"), result)
    why_not = draw(result["trials"], os.path.join(out_dir, "dse.png"), clock_mhz)
    if why_not and log is not None:
        log.write(f"  note: dse.png not drawn: {why_not}\n")
    report_path = os.path.join(out_dir, "report.json")
    if os.path.isfile(report_path):
        report = _load(report_path)
        report["dse"] = {"trials": result["trials"], "best": result["best"],
                         "space": result["space"], "source": result["source"]}
        write_json(report_path, report)
        best = result["best"]
        knobs = " ".join(f"{k}={v}" for k, v in best["options"].items())
        with open(os.path.join(out_dir, "report.txt"), "a", encoding="utf-8") as f:
            f.write(f"\nDesign-space exploration ({len(result['trials'])} trials, dse.json, "
                    f"dse.png): chose {knobs}: {best['latency_cycles']:,} cycles (graph model), "
                    f"{'fits' if best['fits'] else 'does not fit'}\n")
