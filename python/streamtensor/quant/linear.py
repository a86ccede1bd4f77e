"""The quantized matrix product: the reference of the integer datapath.

Every step is a PyTorch op the importer lowers, so the module that gives
the quality figures is also the one the compiler builds hardware from.
Rounding is floor(v + 0.5) (ties go up), which PyTorch, the HLS C++ and
our simulation all compute the same way.
"""

from typing import Optional

import torch
import torch.nn as nn

from .scheme import QuantScheme


def group_size_for(in_features: int, requested: int) -> int:
    """The largest divisor of `in_features` not above `requested`."""
    size = min(requested, in_features)
    while in_features % size:
        size -= 1
    return size


def round_half_up(x: torch.Tensor) -> torch.Tensor:
    return torch.floor(x + 0.5)


def quantize_weight(weight: torch.Tensor, bits: int, group_size: int):
    """[N, K] f32 -> ([G, N, group] int8 codes, [G, N] f32 scales); with one
    group the codes keep the [N, K] layout."""
    n, k = weight.shape
    groups = k // group_size
    w = weight.detach().to(torch.float32).reshape(n, groups, group_size).transpose(0, 1)
    top = (1 << (bits - 1)) - 1
    scales = w.abs().amax(-1) / top
    scales = torch.where(scales > 0, scales, torch.ones_like(scales))
    codes = torch.clamp(round_half_up(w / scales.unsqueeze(-1)), -top, top).to(torch.int8)
    if groups == 1:
        codes = codes[0]
    return codes.contiguous(), scales.contiguous()


class QuantLinear(nn.Module):
    """y = dequant(int32 sum of int8 activations x int4/int8 weights) + bias.

    Buffers: `weight_q` int8 codes, [out, in] with one group, else [groups,
    out, group] (4-bit schemes keep them in [-7, 7]); `weight_scale`
    [groups, out] f32; `act_scale` [1] f32 for static activation scales;
    `bias` [out] f32 if the layer has one.
    """

    def __init__(self, in_features: int, out_features: int, scheme: QuantScheme,
                 bias: bool = False):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.scheme = scheme
        self.group_size = group_size_for(in_features, scheme.group_size)
        groups = in_features // self.group_size
        shape = (out_features, in_features) if groups == 1 else \
            (groups, out_features, self.group_size)
        self.register_buffer("weight_q", torch.zeros(shape, dtype=torch.int8))
        self.register_buffer("weight_scale", torch.ones(groups, out_features))
        # The codes take `weight_bits` bits each in external memory.
        self.storage_bits = {"weight_q": scheme.weight_bits}
        if scheme.act_scales == "static":
            self.register_buffer("act_scale", torch.ones(1))
        else:
            self.act_scale = None
        self.calibrating = False
        if bias:
            self.register_buffer("bias", torch.zeros(out_features))
        else:
            self.bias = None

    @classmethod
    def from_float(cls, weight: torch.Tensor, bias: Optional[torch.Tensor], scheme: QuantScheme,
                   compute: bool = True) -> "QuantLinear":
        """From an nn.Linear-layout weight [out, in]; with compute=False only
        the shapes are kept (for compiling configurations without weights)."""
        out_features, in_features = weight.shape
        layer = cls(in_features, out_features, scheme, bias is not None)
        if compute:
            codes, scales = quantize_weight(weight, scheme.weight_bits, layer.group_size)
            layer.weight_q.copy_(codes)
            layer.weight_scale.copy_(scales)
            if bias is not None:
                layer.bias.copy_(bias.detach())
        return layer

    def quantize_input(self, x: torch.Tensor):
        """[T, K] f32 -> ([T, K] int8 codes, the scale: [T, 1] or [1])."""
        top = self.scheme.act_max
        if self.act_scale is not None and not self.calibrating:
            scale = self.act_scale
        else:
            scale = torch.clamp_min(x.abs().amax(-1, keepdim=True), 1e-30) / top
        codes = torch.clamp(round_half_up(x / scale), -top, top)
        return codes.to(torch.int8), scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        lead = x.shape[:-1]
        x2 = x.reshape(-1, self.in_features)
        codes, scale = self.quantize_input(x2)
        # Widening right at the product lets the datapath read int8 operands.
        groups = self.weight_scale.shape[0]
        if groups == 1:
            acc = torch.mm(codes.to(torch.int32), self.weight_q.t().to(torch.int32))
            y = acc.to(torch.float32) * self.weight_scale.reshape(1, self.out_features)
        else:
            grouped = codes.reshape(-1, groups, self.group_size).transpose(0, 1)
            acc = torch.bmm(grouped.to(torch.int32), self.weight_q.transpose(1, 2).to(torch.int32))
            y = (acc.to(torch.float32) * self.weight_scale.unsqueeze(1)).sum(0)
        y = y * scale
        if self.bias is not None:
            y = y + self.bias
        return y.reshape(*lead, self.out_features)

    def extra_repr(self) -> str:
        return (f"{self.in_features}, {self.out_features}, {self.scheme.name}, "
                f"group={self.group_size}, act_scales={self.scheme.act_scales}")
