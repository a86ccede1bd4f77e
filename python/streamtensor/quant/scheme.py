"""Quantization schemes: which integers the weights and activations become."""

from dataclasses import dataclass

SCHEMES = ("none", "w8a8", "w4a8")
ACT_SCALES = ("dynamic", "static")
DEFAULT_GROUP_SIZE = 128


class QuantError(ValueError):
    """A scheme or its parameters cannot be used."""


@dataclass(frozen=True)
class QuantScheme:
    """Symmetric integers for matrix-product weights and activations.

    Weights: `weight_bits`-bit integers per output channel and per group of
    `group_size` along the reduction dimension, one f32 scale per group.
    Activations entering a product: 8-bit integers with one scale per token
    computed on chip ("dynamic") or one scale per product calibrated on
    sample inputs ("static"). Products accumulate in int32.
    """
    name: str
    weight_bits: int
    act_bits: int = 8
    group_size: int = DEFAULT_GROUP_SIZE
    act_scales: str = "dynamic"

    @property
    def weight_max(self) -> int:
        return (1 << (self.weight_bits - 1)) - 1

    @property
    def act_max(self) -> int:
        return (1 << (self.act_bits - 1)) - 1


def get_scheme(name: str, *, group_size: int = DEFAULT_GROUP_SIZE,
               act_scales: str = "dynamic") -> QuantScheme:
    """The named scheme; "none" is not a QuantScheme (returns None)."""
    if name not in SCHEMES:
        raise QuantError(f"unknown quantization scheme {name!r}; choose one of "
                         f"{', '.join(SCHEMES)}")
    if act_scales not in ACT_SCALES:
        raise QuantError(f"unknown activation scales {act_scales!r}; choose one of "
                         f"{', '.join(ACT_SCALES)}")
    if not isinstance(group_size, int) or group_size < 1:
        raise QuantError(f"group size must be a positive integer, got {group_size!r}")
    if name == "none":
        return None
    return QuantScheme(name, 8 if name == "w8a8" else 4, 8, group_size, act_scales)
