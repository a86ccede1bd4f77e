"""Decoder configurations of the four model families (Hugging Face field values)."""

from dataclasses import dataclass, replace
from typing import Dict, Optional

FAMILIES = ("gpt2", "llama", "qwen2", "gemma3")


class ConfigError(ValueError):
    """An unknown family/configuration or an inconsistent config.json."""


@dataclass(frozen=True)
class ModelConfig:
    family: str
    name: str
    num_layers: int
    hidden_size: int
    intermediate_size: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    vocab_size: int
    max_positions: int
    norm_eps: float
    rope_theta: Optional[float] = None          # None: learned positions (GPT-2)
    rope_local_theta: Optional[float] = None    # Gemma 3 sliding-window layers
    qkv_bias: bool = False
    tie_word_embeddings: bool = True
    sliding_window: Optional[int] = None
    sliding_window_pattern: Optional[int] = None  # every Nth layer is global
    query_pre_attn_scalar: Optional[float] = None
    description: str = ""

    @property
    def kv_dim(self) -> int:
        return self.num_kv_heads * self.head_dim

    @property
    def uses_rope(self) -> bool:
        return self.rope_theta is not None

    @property
    def attention_scale(self) -> float:
        if self.query_pre_attn_scalar is not None:
            return self.query_pre_attn_scalar ** -0.5
        return self.head_dim ** -0.5

    def is_sliding_layer(self, layer: int) -> bool:
        if not self.sliding_window or not self.sliding_window_pattern:
            return False
        return (layer + 1) % self.sliding_window_pattern != 0

    def layer_rope_theta(self, layer: int) -> Optional[float]:
        if self.is_sliding_layer(layer) and self.rope_local_theta is not None:
            return self.rope_local_theta
        return self.rope_theta

    def validate(self) -> "ModelConfig":
        if self.family not in FAMILIES:
            raise ConfigError(f"unknown model family {self.family!r}")
        for field in ("num_layers", "hidden_size", "intermediate_size", "num_heads",
                      "num_kv_heads", "head_dim", "vocab_size", "max_positions"):
            if getattr(self, field) <= 0:
                raise ConfigError(f"{self.family}/{self.name}: {field} must be positive")
        if self.num_heads % self.num_kv_heads:
            raise ConfigError(f"{self.family}/{self.name}: {self.num_heads} attention heads "
                              f"are not a multiple of {self.num_kv_heads} KV heads")
        if self.uses_rope and self.head_dim % 2:
            raise ConfigError(f"{self.family}/{self.name}: RoPE needs an even head_dim")
        if self.family == "gpt2" and self.num_heads * self.head_dim != self.hidden_size:
            raise ConfigError("gpt2: hidden size must equal heads * head_dim")
        return self


def _gpt2(name, layers, hidden, heads, description, **kw):
    return ModelConfig("gpt2", name, layers, hidden, 4 * hidden, heads, heads, hidden // heads,
                       kw.pop("vocab", 50257), kw.pop("positions", 1024), 1e-5,
                       qkv_bias=True, tie_word_embeddings=True, description=description, **kw)


_CONFIGS: Dict[str, Dict[str, ModelConfig]] = {
    "gpt2": {
        "tiny": _gpt2("tiny", 2, 64, 4, "GPT-2 structure at test size", vocab=96, positions=64),
        "small": _gpt2("small", 12, 768, 12, "GPT-2 small (124M)"),
        "medium": _gpt2("medium", 24, 1024, 16, "GPT-2 Medium (355M)"),
    },
    "llama": {
        "tiny": ModelConfig("llama", "tiny", 2, 128, 352, 16, 2, 8, 128, 256, 1e-5,
                            rope_theta=10000.0, tie_word_embeddings=False,
                            description="Llama structure (GQA 8:1) at test size"),
        "paper": ModelConfig("llama", "paper", 22, 2048, 5632, 32, 4, 64, 32000, 2048, 1e-5,
                             rope_theta=10000.0, tie_word_embeddings=False,
                             description="TinyLlama-1.1B"),
    },
    "qwen2": {
        "tiny": ModelConfig("qwen2", "tiny", 2, 112, 608, 14, 2, 8, 128, 256, 1e-6,
                            rope_theta=1000000.0, qkv_bias=True, tie_word_embeddings=True,
                            description="Qwen2 structure (GQA 7:1, q/k/v biases) at test size"),
        "paper": ModelConfig("qwen2", "paper", 24, 896, 4864, 14, 2, 64, 151936, 32768, 1e-6,
                             rope_theta=1000000.0, qkv_bias=True, tie_word_embeddings=True,
                             description="Qwen2.5-0.5B"),
    },
    "gemma3": {
        "tiny": ModelConfig("gemma3", "tiny", 6, 64, 384, 4, 1, 32, 128, 256, 1e-6,
                            rope_theta=1000000.0, rope_local_theta=10000.0,
                            tie_word_embeddings=True, sliding_window=8,
                            sliding_window_pattern=6, query_pre_attn_scalar=32.0,
                            description="Gemma 3 structure (head_dim != hidden/heads, "
                                        "QK-norm, sliding window) at test size"),
        "paper": ModelConfig("gemma3", "paper", 26, 1152, 6912, 4, 1, 256, 262144, 32768, 1e-6,
                             rope_theta=1000000.0, rope_local_theta=10000.0,
                             tie_word_embeddings=True, sliding_window=512,
                             sliding_window_pattern=6, query_pre_attn_scalar=256.0,
                             description="Gemma-3-1B (text)"),
    },
}
_CONFIGS["gpt2"]["paper"] = replace(_CONFIGS["gpt2"]["medium"], name="paper")


def config_names(family: str):
    return list(_CONFIGS[family])


def get_config(family: str, name: str) -> ModelConfig:
    if family not in _CONFIGS:
        raise ConfigError(f"unknown model {family!r}; choose one of {', '.join(FAMILIES)}")
    if name not in _CONFIGS[family]:
        raise ConfigError(f"unknown configuration {name!r} for {family}; choose one of "
                          f"{', '.join(_CONFIGS[family])}")
    return _CONFIGS[family][name]


_MISSING = object()
# Bounds a config.json field may take: beyond them the model could not be
# built on this machine nor placed on the card.
_INT_LIMITS = {"layers": 1024, "width": 1 << 20, "heads": 4096, "vocab": 1 << 24,
               "positions": 1 << 24, "window": 1 << 24}


def _int(d: dict, key: str, source: str, limit: str, default=_MISSING):
    """An integer field in [1, limit]: no bool, float, string or null."""
    value = d.get(key, _MISSING)
    if value is _MISSING or (value is None and default is not _MISSING):
        if default is _MISSING:
            raise ConfigError(f"{source}: missing field {key!r}")
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{source}: field {key!r} must be an integer, got "
                          f"{type(value).__name__} {value!r}")
    high = _INT_LIMITS[limit]
    if not 1 <= value <= high:
        raise ConfigError(f"{source}: field {key!r} must be in [1, {high}], got {value}")
    return value


def _float(d: dict, key: str, source: str, default: float, low: float, high: float) -> float:
    """A number field in (low, high); integers are accepted."""
    value = d.get(key, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{source}: field {key!r} must be a number, got "
                          f"{type(value).__name__} {value!r}")
    if not low < value < high:
        raise ConfigError(f"{source}: field {key!r} must be in ({low:g}, {high:g}), got {value}")
    return float(value)


def _bool(d: dict, key: str, source: str, default: bool) -> bool:
    value = d.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: field {key!r} must be true or false, got {value!r}")
    return value


def from_hf_config(d: dict, source: str = "config.json") -> ModelConfig:
    """Builds a ModelConfig from a Hugging Face config.json dictionary; every
    field's type and range is checked before it is used."""
    if not isinstance(d, dict):
        raise ConfigError(f"{source}: expected a JSON object")
    model_type = d.get("model_type")
    if model_type == "gemma3" and "text_config" in d:
        if not isinstance(d["text_config"], dict):
            raise ConfigError(f"{source}: field 'text_config' must be an object")
        d = dict(d["text_config"], model_type="gemma3_text")
        model_type = "gemma3_text"
    if model_type == "gpt2":
        hidden = _int(d, "n_embd", source, "width")
        heads = _int(d, "n_head", source, "heads")
        if hidden % heads:
            raise ConfigError(f"{source}: n_embd {hidden} is not a multiple of n_head {heads}")
        return ModelConfig(
            "gpt2", "checkpoint", _int(d, "n_layer", source, "layers"), hidden,
            _int(d, "n_inner", source, "width", 4 * hidden), heads, heads, hidden // heads,
            _int(d, "vocab_size", source, "vocab"),
            _int(d, "n_positions", source, "positions", 1024),
            _float(d, "layer_norm_epsilon", source, 1e-5, 0.0, 1.0), qkv_bias=True,
            tie_word_embeddings=True, description=source).validate()
    if model_type in ("llama", "qwen2", "gemma3_text"):
        family = {"gemma3_text": "gemma3"}.get(model_type, model_type)
        hidden = _int(d, "hidden_size", source, "width")
        heads = _int(d, "num_attention_heads", source, "heads")
        gemma = family == "gemma3"
        head_dim = _int(d, "head_dim", source, "width", 0)
        if not head_dim:
            if hidden % heads:
                raise ConfigError(f"{source}: hidden_size {hidden} is not a multiple of "
                                  f"num_attention_heads {heads} and head_dim is not given")
            head_dim = hidden // heads
        pattern = _int(d, "sliding_window_pattern", source, "layers", 0) or None
        layer_types = d.get("layer_types")
        if layer_types is not None and not (isinstance(layer_types, list) and
                                            all(isinstance(t, str) for t in layer_types)):
            raise ConfigError(f"{source}: field 'layer_types' must be a list of strings")
        if gemma and pattern is None and layer_types:
            globals_ = [i for i, t in enumerate(layer_types) if t == "full_attention"]
            pattern = globals_[0] + 1 if globals_ else None
        query_scalar = d.get("query_pre_attn_scalar") if gemma else None
        if query_scalar is not None:
            query_scalar = _float(d, "query_pre_attn_scalar", source, 1.0, 0.0, 1e9)
        return ModelConfig(
            family, "checkpoint", _int(d, "num_hidden_layers", source, "layers"), hidden,
            _int(d, "intermediate_size", source, "width"), heads,
            _int(d, "num_key_value_heads", source, "heads", heads), head_dim,
            _int(d, "vocab_size", source, "vocab"),
            _int(d, "max_position_embeddings", source, "positions", 2048),
            _float(d, "rms_norm_eps", source, 1e-6, 0.0, 1.0),
            rope_theta=_float(d, "rope_theta", source, 10000.0, 0.0, 1e12),
            rope_local_theta=(_float(d, "rope_local_base_freq", source, 10000.0, 0.0, 1e12)
                              if gemma else None),
            qkv_bias=family == "qwen2" or _bool(d, "attention_bias", source, False),
            tie_word_embeddings=_bool(d, "tie_word_embeddings", source, family != "llama"),
            sliding_window=_int(d, "sliding_window", source, "window", 0) or None
            if gemma else None,
            sliding_window_pattern=pattern if gemma else None,
            query_pre_attn_scalar=query_scalar,
            description=source).validate()
    raise ConfigError(f"{source}: unsupported model_type {model_type!r} "
                      f"(supported: gpt2, llama, qwen2, gemma3_text)")
