"""Names and shapes of a compiled step's functions (see models.md's block contract).

A step module holds two functions: `block` (one decoder layer; the host
runs it once per layer with that layer's weights) and `lm_head` (final
norm and vocabulary projection of one hidden state):

  decode:  x[1, H], cos[1, D], sin[1, D], mask[1, S+1], k_cache[S, KV*D],
           v_cache[S, KV*D] -> y[1, H], k_new[1, KV*D], v_new[1, KV*D]
  prefill: x[N, H], cos[N, D], sin[N, D], mask[N, N] -> y[N, H], k[N, KV*D], v[N, KV*D]
  lm_head: x[1, H] -> logits[1, V]

GPT-2 has no cos/sin (its learned positions are added by the host).
"""

from typing import List

STEPS = ("decode", "prefill")
FUNCTIONS = ("block", "lm_head")
DEFAULT_MAX_SEQ = 512
DEFAULT_SEQ = 32


def input_names(uses_rope: bool, step: str) -> List[str]:
    rope = ["cos", "sin"] if uses_rope else []
    if step == "decode":
        return ["x"] + rope + ["mask", "k_cache", "v_cache"]
    if step == "prefill":
        return ["x"] + rope + ["mask"]
    raise ValueError(f"unknown step {step!r}; choose one of {', '.join(STEPS)}")


def output_names(step: str) -> List[str]:
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}; choose one of {', '.join(STEPS)}")
    return ["y", "k_new", "v_new"] if step == "decode" else ["y", "k", "v"]
