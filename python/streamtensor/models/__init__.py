"""Model zoo: GPT-2, Llama, Qwen2 and Gemma 3 decoder layers in plain PyTorch.

Parameter names follow Hugging Face checkpoints, so a layer's weights can
be fed to the compiled block straight from a checkpoint. Configurations and
the step contract load without PyTorch; the rest loads on first use.
"""

import importlib

from .config import FAMILIES, ConfigError, ModelConfig, config_names, from_hf_config, get_config
from .contract import DEFAULT_MAX_SEQ, DEFAULT_SEQ, FUNCTIONS, STEPS, output_names

_LAZY = {"DecoderModel": "zoo", "build_model": "zoo",
         "decode_mask": "host", "prefill_mask": "host", "rope_tables": "host",
         "example_inputs": "steps", "function_specs": "steps",
         "import_step": "steps", "input_names": "steps", "lm_head_input": "steps"}

__all__ = ["FAMILIES", "STEPS", "FUNCTIONS", "DEFAULT_MAX_SEQ", "DEFAULT_SEQ", "ConfigError",
           "ModelConfig", "config_names", "from_hf_config", "get_config",
           "output_names"] + sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
