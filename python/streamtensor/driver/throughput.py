"""Whole-model tokens/s and time to first token from timed simulations.

For an [input:output] pair the prefill block is compiled for the input
length and the decode block for a cache of input + output rows; the LM head
once. The timed simulation of the generated code gives each function's
latency on our U55C model (kernel launch included). One kernel call runs
every layer (the layer loop, generation/device.py), so:

  layers(block) = launch + layers * (block - launch + appends + chain copy)
  TTFT       = in(prompt embeddings) + in(every layer's masks and RoPE rows)
               + layers(prefill block) + LM head + out(logits)
  per token  = in(one embedding) + in(every layer's mask and RoPE row)
               + layers(decode block) + LM head + out(logits)
  speed      = 1 / per token;  latency = TTFT + output / speed  (the paper's relation)

with `in`/`out` = transfer latency + bytes / host-link bandwidth of the
target file. Between layers the loop appends the new keys and values to the
caches (one 512-bit word per cycle, as the emitted appends copy when both
layouts keep a row's 16-element runs in words, plus a write latency per
cache) and copies the block's output into its input (one word per cycle,
plus a read and a write latency): `_layer_step_ms`. The LM head reads the
block's output on the device. Every figure is an estimate, not a
measurement.
"""

import json
import os
import sys
from typing import Dict, List, Optional, TextIO, Tuple

from .estimate import load_target
from .tools import DriverError

def parse_lengths(text: str) -> List[Tuple[int, int]]:
    pairs = []
    for item in text.split(","):
        try:
            a, b = (int(x) for x in item.split(":"))
        except ValueError:
            raise DriverError(f"--lengths: expected IN:OUT pairs like 32:32, got {item!r}")
        if a < 1 or b < 1:
            raise DriverError(f"--lengths: lengths must be positive, got {item!r}")
        pairs.append((a, b))
    return pairs


def _timed_latencies(make_program, out_dir: str, log: Optional[TextIO]) -> Dict[str, float]:
    """Compiles the program into `out_dir` (reused when it matches, see
    compile_or_reuse) and returns each function's timed-simulation latency
    in ms."""
    from .flow import compile_or_reuse
    from .timed import simulate_timed
    compile_or_reuse(make_program, out_dir, log)
    timed_path = os.path.join(out_dir, "timed.json")
    if os.path.isfile(timed_path):
        with open(timed_path, encoding="utf-8") as f:
            timed = json.load(f)
        if log:
            print(f"  reusing {timed_path}", file=log, flush=True)
    else:
        timed, checks = simulate_timed(out_dir, log)
        bad = [c for c in checks if not c.ok]
        if bad:
            raise DriverError(f"{out_dir}: the timed simulation's outputs differ from PyTorch "
                              f"({', '.join(c.name for c in bad)})")
    return {name: f["latency_ms"] for name, f in timed["functions"].items()}


def _transfer_ms(target: Dict, nbytes: int) -> float:
    link = target["host_link"]
    return (link["transfer_latency_us"] + nbytes / (link["gbps"] * 1e3)) / 1e3


def _layer_step_ms(target: Dict, rows: int, hidden: int, kv_dim: int) -> float:
    """What the layer loop adds per layer for `rows` new tokens: the two cache
    appends and the copy of the output into the next layer's input."""
    hbm = target["hbm"]
    lanes = hbm["port_bits"] // 32
    cycles = (2 * (-(-rows * kv_dim // lanes) + hbm["write_latency_cycles"])
              + -(-rows * hidden // lanes) + hbm["read_latency_cycles"]
              + hbm["write_latency_cycles"])
    return cycles / (target["clock_mhz"] * 1e3)


def _layer_loop_ms(target: Dict, block_ms: float, layers: int, rows: int, cfg) -> float:
    """One call of the layer-loop kernel: one launch, every layer's block."""
    launch_ms = target["kernel_launch_us"] / 1e3
    return launch_ms + layers * (block_ms - launch_ms
                                 + _layer_step_ms(target, rows, cfg.hidden_size, cfg.kv_dim))


def _position_input_bytes(cfg, layers: int, tokens: int, cache_rows: Optional[int]) -> int:
    """Every layer's masks and RoPE rows for `tokens` tokens (a decode mask
    covers the cache and the new token)."""
    mask = tokens * ((cache_rows + 1) if cache_rows is not None else tokens)
    rope = 2 * tokens * cfg.head_dim if cfg.uses_rope else 0
    return layers * (mask + rope) * 4


def _not_estimated(err: DriverError, log: Optional[TextIO]) -> str:
    """The reason a length is not estimated, said once: one length the flow
    cannot build yet does not hide the others."""
    first_line = str(err).splitlines()[0].split(" (known:")[0]
    if log:
        print(f"  not estimated: {first_line}", file=log, flush=True)
    return first_line


def estimate_model(model: str, config: str, lengths: List[Tuple[int, int]], work_dir: str, *,
                   checkpoint: Optional[str] = None, seed: int = 0,
                   quant: Optional[Dict] = None,
                   log: Optional[TextIO] = sys.stdout) -> Dict:
    """`quant`: a quantization description (see program.quant_scheme)."""
    from .program import zoo_program
    from ..models import build_model
    target = load_target()
    cfg = build_model(model, config, weights="empty", checkpoint=checkpoint).config
    family = cfg.family
    precision = quant["scheme"] if quant else "f32"
    prefix = "" if quant is None else precision + "-"
    rows = []
    head_ms = None
    for index, (n_in, n_out) in enumerate(lengths):
        if log:
            print(f"[{index + 1}/{len(lengths)}] [{n_in}:{n_out}]", file=log, flush=True)
        cache = n_in + n_out
        functions = ("block", "lm_head") if head_ms is None else ("block",)
        try:
            decode = _timed_latencies(
                lambda values: zoo_program(family, config, "decode", functions=functions,
                                           max_seq=cache, seq=1, seed=seed,
                                           checkpoint=checkpoint, with_values=values,
                                           quant=quant),
                os.path.join(work_dir, f"{prefix}decode-{cache}"), log)
            head_ms = decode.get("lm_head", head_ms)
        except DriverError as err:
            rows.append({"input_len": n_in, "output_len": n_out, "tokens_per_second": None,
                         "ttft_ms": None, "error": _not_estimated(err, log)})
            continue
        logits_bytes = cfg.vocab_size * 4
        layers = cfg.num_layers
        per_token = (_transfer_ms(target, cfg.hidden_size * 4)
                     + _transfer_ms(target, _position_input_bytes(cfg, layers, 1, cache))
                     + _layer_loop_ms(target, decode["block"], layers, 1, cfg) + head_ms
                     + _transfer_ms(target, logits_bytes))
        speed = 1e3 / per_token
        row = {"input_len": n_in, "output_len": n_out, "tokens_per_second": speed,
               "ttft_ms": None, "ms_per_token": per_token, "decode_block_ms": decode["block"],
               "lm_head_ms": head_ms, "tokens_per_joule": speed / target["board_power_w"]}
        rows.append(row)
        try:
            prefill = _timed_latencies(
                lambda values: zoo_program(family, config, "prefill", functions=("block",),
                                           max_seq=cache, seq=n_in, seed=seed,
                                           checkpoint=checkpoint, with_values=values,
                                           quant=quant),
                os.path.join(work_dir, f"{prefix}prefill-{n_in}"), log)
        except DriverError as err:
            # Decoding speed stands on its own; the first token needs the prefill.
            row["error"] = "prefill: " + _not_estimated(err, log)
            continue
        ttft = (_transfer_ms(target, n_in * cfg.hidden_size * 4)
                + _transfer_ms(target, _position_input_bytes(cfg, layers, n_in, None))
                + _layer_loop_ms(target, prefill["block"], layers, n_in, cfg) + head_ms
                + _transfer_ms(target, logits_bytes))
        row.update({"ttft_ms": ttft, "latency_ms": ttft + n_out * per_token,
                    "prefill_block_ms": prefill["block"]})
    return {"model": family, "config": cfg.name, "layers": cfg.num_layers,
            "precision": precision, "rows": rows,
            "source": "timed simulation of the generated code, per function; whole model by "
                      "the formulas of streamtensor/driver/throughput.py",
            "assumptions": {"clock_mhz": target["clock_mhz"],
                            "kernel_launch_us": target["kernel_launch_us"],
                            "calls_per_token": f"1 decode call running all {cfg.num_layers} "
                                               f"layers (the layer loop on the device) + 1 LM "
                                               f"head call",
                            "host_link_gbps": target["host_link"]["gbps"],
                            "host_transfer_latency_us": target["host_link"]["transfer_latency_us"],
                            "power_w": target["board_power_w"]}}


def estimate_text(result: Dict) -> str:
    a = result["assumptions"]
    lines = [f"{result['model']} {result['config']} ({result['layers']} layers, "
             f"{result['precision']}): estimates of the U55C model at {a['clock_mhz']:g} MHz "
             f"from the timed simulation of the generated code, not measurements",
             f"  per token: {a['calls_per_token']}, kernel launch {a['kernel_launch_us']:g} us "
             f"each; host link {a['host_link_gbps']:g} GB/s + {a['host_transfer_latency_us']:g} "
             f"us per transfer; tokens per joule at the board's {a['power_w']:g} W TDP (a "
             f"lower bound: the card draws at most that)",
             "",
             "| [in:out] | TTFT (ms) | speed (tokens/s) | ms/token | latency (ms) | "
             "tokens/J |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        if r["tokens_per_second"] is None:
            lines.append(f"| [{r['input_len']}:{r['output_len']}] | not estimated: "
                         f"{r['error']} | | | | |")
            continue
        ttft = (f"{r['ttft_ms']:.2f}" if r["ttft_ms"] is not None
                else f"not estimated: {r['error']}")
        latency = f"{r['latency_ms']:.2f}" if r["ttft_ms"] is not None else ""
        lines.append(f"| [{r['input_len']}:{r['output_len']}] | {ttft} | "
                     f"{r['tokens_per_second']:.2f} | {r['ms_per_token']:.3f} | "
                     f"{latency} | {r['tokens_per_joule']:.3f} |")
    return "\n".join(lines) + "\n"
