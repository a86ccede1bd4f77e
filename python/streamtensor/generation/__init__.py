"""Text generation with a whole model in the simulation of its compiled designs.

`generate(...)` compiles (or reuses) the prefill block, the decode block and
the LM head of a zoo model or a Hugging Face checkpoint, then runs the prompt
and one decode step per new token through every layer in the bounded-FIFO
simulation. Greedy by default; temperature and top-k sampling with a seed.
"""

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, TextIO

from ..driver.tools import DriverError
from .tokenizers import TokenizerError, load_tokenizer

__all__ = ["GenerationResult", "TokenizerError", "generate", "load_tokenizer"]


@dataclass
class GenerationResult:
    prompt_ids: List[int]
    generated_ids: List[int]
    text: str
    seconds: float                 # wall time of prefill and decoding, measured here
    simulation_seconds: float      # of which in the simulation programs
    design_calls: int
    tokenizer: str
    designs: Dict[str, str] = field(default_factory=dict)


def _max_seq(needed: int, positions: int, given: Optional[int]) -> int:
    if given is not None:
        if given < needed:
            raise DriverError(f"--max-seq {given} is shorter than the prompt plus the new "
                              f"tokens ({needed})")
        return given
    size = 16
    while size < needed:
        size *= 2
    return max(needed, min(size, positions))


def generate(model: Optional[str] = "gpt2", config: str = "tiny", *,
             checkpoint: Optional[str] = None, prompt: Optional[str] = None,
             prompt_ids: Optional[List[int]] = None, max_new_tokens: int = 32,
             temperature: float = 0.0, top_k: int = 0, seed: int = 0,
             out_dir: Optional[str] = None, max_seq: Optional[int] = None,
             stop_at_eos: bool = False, log: Optional[TextIO] = None,
             on_text: Optional[Callable[[str], None]] = None, quant: Optional[str] = None,
             group_size: int = 128, host_program: bool = False) -> GenerationResult:
    """Generates `max_new_tokens` tokens after the prompt (text or token ids).

    `quant` ("w8a8" or "w4a8") runs the quantized model (per-token
    activation scales), whose greedy tokens equal its PyTorch reference's.

    `on_text`, if given, receives the text to show as it is produced: the
    prompt once the designs are ready, then each new piece of the output.

    `host_program` runs the emitted generation program instead (every layer
    in one kernel call, the caches in device memory) on the simulated XRT
    device (generation/device.py); the text then comes at the end.
    """
    from ..driver.flow import compile_or_reuse
    from ..driver.program import quant_scheme, quant_settings, zoo_program
    from .model import load_model
    from .simulated import SimulatedGenerator, generate_ids, reset_runs
    if (prompt is None) == (prompt_ids is None):
        raise DriverError("give either a prompt or prompt token ids")
    if max_new_tokens < 1:
        raise DriverError("--max-new-tokens must be at least 1")
    if temperature < 0 or top_k < 0:
        raise DriverError("--temperature and --top-k must not be negative")
    description = quant_settings(quant or "none", group_size)
    whole = load_model(model, config, checkpoint=checkpoint, seed=seed,
                       quant=quant_scheme(description))
    cfg = whole.config
    tokenizer = load_tokenizer(checkpoint)
    ids = tokenizer.encode(prompt) if prompt is not None else list(prompt_ids)
    if not ids:
        raise DriverError("the prompt is empty")
    bad = [i for i in ids if not 0 <= i < cfg.vocab_size]
    if bad:
        raise DriverError(f"token id {bad[0]} is outside the vocabulary of {cfg.vocab_size}")
    needed = len(ids) + max_new_tokens
    if needed > cfg.max_positions:
        raise DriverError(f"the prompt ({len(ids)} tokens) plus {max_new_tokens} new tokens "
                          f"exceed the model's {cfg.max_positions} positions")
    cache = _max_seq(needed, cfg.max_positions, max_seq)
    family = cfg.family
    if out_dir is None:
        out_dir = tempfile.mkdtemp(prefix="streamtensor-generate-")
    os.makedirs(out_dir, exist_ok=True)

    def step_program(step: str, functions, seq: int, loop: Optional[str] = None):
        return lambda values: zoo_program(family, config, step, functions=functions,
                                          max_seq=cache, seq=seq, seed=seed,
                                          checkpoint=checkpoint, with_values=values,
                                          quant=description, layer_loop=loop)

    eos = _eos_ids(checkpoint) if stop_at_eos else None
    if host_program:
        return _generate_on_device(whole, tokenizer, ids, out_dir, cache, step_program,
                                   max_new_tokens, temperature, top_k, seed, eos, log, on_text)
    designs = {
        "decode": compile_or_reuse(step_program("decode", ("block", "lm_head"), 1),
                                   os.path.join(out_dir, f"decode-{cache}"), log),
        "prefill": compile_or_reuse(step_program("prefill", ("block",), len(ids)),
                                    os.path.join(out_dir, f"prefill-{len(ids)}"), log)}
    reset_runs(designs)
    runner = SimulatedGenerator(whole, designs, log)
    generated: List[int] = []
    shown = ""

    def on_token(token: int) -> None:
        nonlocal shown
        generated.append(token)
        if on_text:
            text = tokenizer.decode(generated)
            on_text(text[len(shown):])
            shown = text

    if on_text:
        on_text(tokenizer.decode(ids))
    start = time.monotonic()
    generate_ids(runner, ids, max_new_tokens, temperature=temperature, top_k=top_k, seed=seed,
                 stop_ids=eos, on_token=on_token)
    seconds = time.monotonic() - start
    return GenerationResult(ids, generated, tokenizer.decode(generated), seconds,
                            runner.simulation_seconds(), runner.calls(), tokenizer.name, designs)


def _generate_on_device(whole, tokenizer, ids, out_dir, cache, step_program, max_new_tokens,
                        temperature, top_k, seed, eos, log, on_text) -> GenerationResult:
    """Layer-loop designs and the emitted host program on the simulated card."""
    from ..driver.flow import compile_or_reuse
    from .device import (build_host_program, cache_entries, layer_loop, run_host_program,
                         write_host_program)
    layers, rope = len(whole.layers), whole.config.uses_rope
    decode_dir = compile_or_reuse(
        step_program("decode", ("block", "lm_head"), 1, layer_loop(layers, "decode", rope)),
        os.path.join(out_dir, f"decode-{cache}-layers"), log)
    prefill_loop = layer_loop(layers, "prefill", rope, cache_entries(decode_dir))
    prefill_dir = compile_or_reuse(step_program("prefill", ("block",), len(ids), prefill_loop),
                                   os.path.join(out_dir, f"prefill-{len(ids)}-layers"), log)
    designs = {"decode": decode_dir, "prefill": prefill_dir}
    folder = write_host_program(whole, designs, os.path.join(out_dir, f"host-{len(ids)}-{cache}"),
                                len(ids))
    build_host_program(folder, log)
    if on_text:
        on_text(tokenizer.decode(ids))
    result = run_host_program(folder, ids, max_new_tokens, temperature=temperature,
                              top_k=top_k, seed=seed, stop_ids=eos)
    generated = [int(t) for t in result["generated_ids"]]
    text = tokenizer.decode(generated)
    if on_text:
        on_text(text)
    designs["host"] = folder
    # Seconds as the program measured them, on the simulated device; a
    # block call and a head call per token (prefill for the first).
    return GenerationResult(ids, generated, text, float(result["seconds"]),
                            float(result["seconds"]), 2 * len(generated),
                            tokenizer.name, designs)


def _eos_ids(checkpoint: Optional[str]) -> Optional[List[int]]:
    if not checkpoint:
        return None
    try:
        with open(os.path.join(checkpoint, "config.json")) as f:
            eos = json.load(f).get("eos_token_id")
    except (OSError, ValueError):
        return None
    if isinstance(eos, int):
        return [eos]
    if isinstance(eos, list) and all(isinstance(e, int) for e in eos):
        return eos
    return None
