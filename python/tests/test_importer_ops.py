"""Each group of aten ops imports and runs on the CPU exactly like PyTorch."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from conftest import check_module

torch.manual_seed(0)


class Elementwise(nn.Module):
    def forward(self, x, y, s):
        return (x + y, x - 2 * y, x * y, x / (y.abs() + 1), torch.rsub(x, 3.0, alpha=2),
                torch.exp(x), torch.log(y.abs() + 1), torch.sqrt(x.abs()), torch.rsqrt(y.abs() + 1),
                torch.tanh(x), torch.sigmoid(x), torch.relu(x), F.silu(x),
                F.gelu(x), F.gelu(x, approximate="tanh"), torch.erf(x), -x,
                x.pow(2), x.pow(3.0), y.abs().pow(0.5), y.abs().pow(1.7), 1.0 / (y.abs() + 1),
                torch.maximum(x, y), torch.minimum(x, y), x.clamp(-0.5, 0.5),
                F.hardtanh(x), F.leaky_relu(x, 0.2), x * s, torch.sin(x), torch.cos(y),
                x + torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))


def test_elementwise(pipeline):
    x, y = torch.randn(4, 6), torch.randn(4, 6)
    check_module(Elementwise(), [x, y, torch.tensor(1.5)], pipeline)


class MoreElementwise(nn.Module):
    def forward(self, x, y):
        var, mean = torch.var_mean(x, dim=-1, correction=0)
        return (torch.log1p(x.abs()), torch.expm1(x), torch.floor(x * 3), torch.ceil(x * 3),
                torch.trunc(x * 3), torch.log2(y.abs() + 1), torch.pow(2.0, x), x.pow(y.abs()),
                torch.where(x > 0, x, 0.0), torch.where(x > 0, 1.0, y), var, mean,
                x.amin(-1), x.min(dim=0).values, x.min(), x.clamp_min(0.1), x.clamp_max(y),
                torch.clamp(x, min=y * 0.5), (x > 0) ^ (y > 0), torch.reciprocal(y.abs() + 2),
                torch.softmax(x, 0), x.std(0, unbiased=False), x.sum(0, dtype=torch.float64))


def test_more_elementwise_and_reductions(pipeline):
    check_module(MoreElementwise(), [torch.randn(4, 6), torch.randn(4, 6)], pipeline)


class Broadcasting(nn.Module):
    def forward(self, a, b, c):
        return a + b, a * c, (a + b) * c - b


def test_broadcasting():
    check_module(Broadcasting(), [torch.randn(2, 1, 5), torch.randn(3, 1), torch.randn(5)])


class Logic(nn.Module):
    def forward(self, x, y, m):
        return (x > y, x <= 0.5, x == y, torch.where(x > 0, x, y),
                x.masked_fill(m, float("-inf")), x.masked_fill(~m, 2.0),
                (x > 0) & m, (x > 0) | m, torch.logical_not(m), m.float() * x,
                (x * 10).to(torch.int64), torch.div(x * 7, 2, rounding_mode="floor"),
                torch.div(x * 7, 2, rounding_mode="trunc"))


def test_comparisons_and_selects(pipeline):
    x, y = torch.randn(3, 5), torch.randn(3, 5)
    x[0, 0] = y[0, 0]
    check_module(Logic(), [x, y, torch.rand(3, 5) > 0.5], pipeline)


class Reductions(nn.Module):
    def forward(self, x):
        return (x.sum(), x.sum(-1), x.sum((0, 2), keepdim=True), x.mean(1), x.mean(),
                x.amax(-1), x.amin(0, keepdim=True), x.max(dim=1).values, x.max(),
                x.var(-1), x.var(-1, unbiased=False, keepdim=True), x.std(1),
                F.softmax(x, -1), F.softmax(x, 1), F.log_softmax(x, -1),
                F.layer_norm(x, (5,)), F.layer_norm(x, (4, 5)))


def test_reductions_and_normalizations(pipeline):
    check_module(Reductions(), [torch.randn(3, 4, 5) * 3], pipeline)


class Norms(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln = nn.LayerNorm(8, eps=1e-5)
        self.w = nn.Parameter(torch.randn(8) * 0.1)
        with torch.no_grad():
            self.ln.weight.normal_()
            self.ln.bias.normal_()

    def forward(self, x):
        rms = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)
        return self.ln(x), rms * self.w, rms * (1.0 + self.w)


def test_layer_norm_and_rms_norm():
    check_module(Norms(), [torch.randn(5, 8) * 4])


class Shapes(nn.Module):
    def forward(self, x, y):
        b, t, c = x.size()
        q, k, v = x.split(2, dim=2)
        parts = x.split([1, 3, 2], dim=2)
        return (x.view(b * t, c), x.reshape(t, b, c), x.permute(2, 0, 1), x.transpose(0, 1),
                x.transpose(1, 2).contiguous().view(b, -1), x.unsqueeze(1), x[:, :1].squeeze(1),
                x.flatten(1), x[:, 1:3, ::2], x[:, -1, :], x[1], x[..., 2:], q + k - v, parts[1],
                torch.cat((x, y), dim=1), torch.cat([x, x * 2], dim=-1),
                torch.stack((q, k), dim=1), y.expand(2, 2, 6), x.repeat(1, 2, 1),
                *x.unbind(0), x.chunk(3, dim=-1)[2], x.t() if x.dim() == 2 else x.mT)


def test_views_permutes_slices_concat(pipeline):
    check_module(Shapes(), [torch.randn(2, 3, 6), torch.randn(2, 1, 6)], pipeline)


class MatMuls(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(6, 5)
        self.nobias = nn.Linear(6, 4, bias=False)

    def forward(self, a, b, batched, vec):
        return (a @ b, self.lin(a), self.nobias(a), self.lin(batched),
                torch.bmm(batched, batched.transpose(1, 2)),
                torch.matmul(batched, b), batched @ batched.transpose(-2, -1),
                torch.addmm(vec[:5], a[:, :5], b[:5, :5], beta=0.5, alpha=2.0),
                torch.baddbmm(batched[:, :, :3], batched, batched.transpose(1, 2)[:, :, :3]),
                torch.mv(a, vec), torch.dot(vec, vec),
                torch.einsum("bij,bkj->bik", batched, batched))


def test_matmuls(pipeline):
    check_module(MatMuls(), [torch.randn(3, 6), torch.randn(6, 7), torch.randn(2, 3, 6),
                             torch.randn(6)], pipeline)


class Attention4D(nn.Module):
    """Batched, multi-head attention through 4-D matmuls (the usual HF layout)."""

    def forward(self, q, k, v, mask):
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(q.shape[-1]) + mask
        return torch.matmul(F.softmax(scores, dim=-1), v)


def test_four_dimensional_attention(pipeline):
    mask = torch.triu(torch.full((5, 5), float("-inf")), 1)
    check_module(Attention4D(), [torch.randn(2, 3, 5, 4), torch.randn(2, 3, 5, 4),
                                 torch.randn(2, 3, 5, 4), mask], pipeline)


class Indexing(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)

    def forward(self, ids, x, idx):
        return (self.emb(ids), x.index_select(1, idx), torch.gather(x, 1, idx.expand(3, 2)),
                x[:, [-1]], x[idx], x[:, idx])


def test_gathers(pipeline):
    check_module(Indexing(), [torch.tensor([[1, 9, 0], [3, 3, 7]]), torch.randn(3, 5),
                              torch.tensor([2, 0])], pipeline)


class Creation(nn.Module):
    def forward(self, x):
        t = x.shape[0]
        pos = torch.arange(0, t, dtype=torch.long)
        causal = torch.tril(torch.ones(t, t))
        upper = torch.triu(x, diagonal=1)
        z = torch.zeros_like(x) + torch.full((t, t), 0.5) + torch.ones(t)
        steps = torch.arange(1, 2 * t + 1, 2).float()
        y = x.clone()
        y[0] = 3.0
        y += 1
        return pos, causal, upper, z, steps * x, x.masked_fill(causal == 0, -1e9), y, x.new_ones(2)


def test_tensors_created_in_forward(pipeline):
    check_module(Creation(), [torch.randn(4, 4)], pipeline)


class MixedTypes(nn.Module):
    def forward(self, i, f, b):
        return i + 1, i * f, f / 2, b.to(torch.float32) + f, (i > 2).sum(), i.float().mean()


def test_integer_and_boolean_inputs():
    check_module(MixedTypes(), [torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.randn(2, 3),
                                torch.tensor([[True, False, True], [False, False, True]])])
