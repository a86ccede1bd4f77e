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


def _require(d: dict, key: str, source: str):
    if key not in d:
        raise ConfigError(f"{source}: missing field {key!r}")
    return d[key]


def from_hf_config(d: dict, source: str = "config.json") -> ModelConfig:
    """Builds a ModelConfig from a Hugging Face config.json dictionary."""
    model_type = d.get("model_type")
    if model_type == "gemma3" and "text_config" in d:
        d = dict(d["text_config"], model_type="gemma3_text")
        model_type = "gemma3_text"
    if model_type == "gpt2":
        hidden = _require(d, "n_embd", source)
        heads = _require(d, "n_head", source)
        return ModelConfig(
            "gpt2", "checkpoint", _require(d, "n_layer", source), hidden,
            d.get("n_inner") or 4 * hidden, heads, heads, hidden // heads,
            _require(d, "vocab_size", source), d.get("n_positions", 1024),
            d.get("layer_norm_epsilon", 1e-5), qkv_bias=True, tie_word_embeddings=True,
            description=source).validate()
    if model_type in ("llama", "qwen2", "gemma3_text"):
        family = {"gemma3_text": "gemma3"}.get(model_type, model_type)
        hidden = _require(d, "hidden_size", source)
        heads = _require(d, "num_attention_heads", source)
        gemma = family == "gemma3"
        pattern = d.get("sliding_window_pattern")
        layer_types = d.get("layer_types")
        if gemma and pattern is None and layer_types:
            globals_ = [i for i, t in enumerate(layer_types) if t == "full_attention"]
            pattern = globals_[0] + 1 if globals_ else None
        return ModelConfig(
            family, "checkpoint", _require(d, "num_hidden_layers", source), hidden,
            _require(d, "intermediate_size", source), heads,
            d.get("num_key_value_heads") or heads, d.get("head_dim") or hidden // heads,
            _require(d, "vocab_size", source), d.get("max_position_embeddings", 2048),
            d.get("rms_norm_eps", 1e-6),
            rope_theta=float(d.get("rope_theta", 10000.0)),
            rope_local_theta=float(d.get("rope_local_base_freq", 10000.0)) if gemma else None,
            qkv_bias=family == "qwen2" or bool(d.get("attention_bias", False)),
            tie_word_embeddings=d.get("tie_word_embeddings", family != "llama"),
            sliding_window=d.get("sliding_window") if gemma else None,
            sliding_window_pattern=pattern if gemma else None,
            query_pre_attn_scalar=d.get("query_pre_attn_scalar") if gemma else None,
            description=source).validate()
    raise ConfigError(f"{source}: unsupported model_type {model_type!r} "
                      f"(supported: gpt2, llama, qwen2, gemma3_text)")
