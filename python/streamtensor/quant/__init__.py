"""Integer quantization (W8A8, W4A8): the scheme and its PyTorch reference.

See docs/quantization.md for the arithmetic and the quality it costs.
"""

from .linear import QuantLinear, quantize_weight
from .quantize import calibrate, quant_layers, quantize
from .scheme import ACT_SCALES, SCHEMES, QuantError, QuantScheme, get_scheme

__all__ = ["ACT_SCALES", "SCHEMES", "QuantError", "QuantLinear", "QuantScheme", "calibrate",
           "get_scheme", "quant_layers", "quantize", "quantize_weight"]
