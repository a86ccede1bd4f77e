"""Trains the small byte-level GPT-2 of the demo on the `fortunes` package's text.

    /usr/bin/python3 bench/train/byte_gpt2.py [-o models/fortunes-gpt2] [--steps 800]

Deterministic (seeded, single-threaded arithmetic order): the same command on
the same PyTorch gives the same checkpoint. The text is every fortune of
/usr/share/games/fortunes (Debian package `fortunes`), one fortune per
document; a fixed 5% of the fortunes are held out for evaluation. Tokens are
bytes (vocabulary 256). Writes a Hugging Face GPT-2 checkpoint
(`config.json`, `model.safetensors`) and `training.json` (the settings,
the loss curve and the held-out loss per byte). Prints progress.
"""

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
from streamtensor.weights import save_file  # noqa: E402

FORTUNES = "/usr/share/games/fortunes"
SKIP = {"ascii-art"}  # pictures, not text
HELD_OUT_EVERY = 20   # every 20th fortune (5%) is held out


def read_fortunes(directory: str = FORTUNES):
    """Fortunes of every text file of `directory`, in a fixed order."""
    if not os.path.isdir(directory):
        sys.exit(f"{directory} not found: install the Debian package `fortunes` "
                 f"(scripts/install-deps.sh does)")
    fortunes = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if "." in name or name in SKIP or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        fortunes += [p.strip("\n") for p in text.split("\n%\n") if p.strip()]
    return fortunes


def split(fortunes):
    train = [f for i, f in enumerate(fortunes) if i % HELD_OUT_EVERY]
    held_out = [f for i, f in enumerate(fortunes) if i % HELD_OUT_EVERY == 0]
    return train, held_out


def as_bytes(fortunes) -> np.ndarray:
    """Fortunes joined by a blank line, as byte tokens."""
    return np.frombuffer("\n\n".join(fortunes).encode("utf-8"), dtype=np.uint8).astype(np.int64)


class Block(nn.Module):
    """GPT-2 block with Hugging Face names; Conv1D weights are [in, out]."""

    def __init__(self, d: int, heads: int):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(d)
        self.ln_2 = nn.LayerNorm(d)
        self.c_attn_w = nn.Parameter(torch.randn(d, 3 * d) * 0.02)
        self.c_attn_b = nn.Parameter(torch.zeros(3 * d))
        self.attn_proj_w = nn.Parameter(torch.randn(d, d) * 0.02)
        self.attn_proj_b = nn.Parameter(torch.zeros(d))
        self.c_fc_w = nn.Parameter(torch.randn(d, 4 * d) * 0.02)
        self.c_fc_b = nn.Parameter(torch.zeros(4 * d))
        self.mlp_proj_w = nn.Parameter(torch.randn(4 * d, d) * 0.02)
        self.mlp_proj_b = nn.Parameter(torch.zeros(d))

    def forward(self, x, causal):
        b, t, d = x.shape
        q, k, v = (self.ln_1(x) @ self.c_attn_w + self.c_attn_b).split(d, dim=-1)
        q, k, v = (z.view(b, t, self.heads, -1).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(d // self.heads)
        att = att.masked_fill(~causal[:t, :t], float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = x + y @ self.attn_proj_w + self.attn_proj_b
        h = F.gelu(self.ln_2(x) @ self.c_fc_w + self.c_fc_b, approximate="tanh")
        return x + h @ self.mlp_proj_w + self.mlp_proj_b

    def hf_tensors(self, prefix: str):
        return {f"{prefix}ln_1.weight": self.ln_1.weight, f"{prefix}ln_1.bias": self.ln_1.bias,
                f"{prefix}attn.c_attn.weight": self.c_attn_w,
                f"{prefix}attn.c_attn.bias": self.c_attn_b,
                f"{prefix}attn.c_proj.weight": self.attn_proj_w,
                f"{prefix}attn.c_proj.bias": self.attn_proj_b,
                f"{prefix}ln_2.weight": self.ln_2.weight, f"{prefix}ln_2.bias": self.ln_2.bias,
                f"{prefix}mlp.c_fc.weight": self.c_fc_w, f"{prefix}mlp.c_fc.bias": self.c_fc_b,
                f"{prefix}mlp.c_proj.weight": self.mlp_proj_w,
                f"{prefix}mlp.c_proj.bias": self.mlp_proj_b}


class ByteGPT2(nn.Module):
    def __init__(self, layers: int, d: int, heads: int, context: int):
        super().__init__()
        self.wte = nn.Parameter(torch.randn(256, d) * 0.02)
        self.wpe = nn.Parameter(torch.randn(context, d) * 0.01)
        self.blocks = nn.ModuleList(Block(d, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        self.register_buffer("causal", torch.tril(torch.ones(context, context, dtype=torch.bool)))

    def forward(self, tokens):
        x = self.wte[tokens] + self.wpe[: tokens.shape[1]]
        for block in self.blocks:
            x = block(x, self.causal)
        return self.ln_f(x) @ self.wte.t()

    def hf_tensors(self):
        tensors = {"transformer.wte.weight": self.wte, "transformer.wpe.weight": self.wpe,
                   "transformer.ln_f.weight": self.ln_f.weight,
                   "transformer.ln_f.bias": self.ln_f.bias}
        for i, block in enumerate(self.blocks):
            tensors.update(block.hf_tensors(f"transformer.h.{i}."))
        return {k: v.detach().numpy().astype(np.float32) for k, v in tensors.items()}


def batches(data: np.ndarray, context: int, batch: int, gen: np.random.Generator):
    while True:
        starts = gen.integers(0, len(data) - context - 1, size=batch)
        chunk = np.stack([data[s:s + context + 1] for s in starts])
        yield torch.from_numpy(chunk[:, :-1]), torch.from_numpy(chunk[:, 1:])


@torch.no_grad()
def held_out_loss(model, data: np.ndarray, context: int) -> float:
    """Mean cross-entropy per byte (nats) over consecutive windows of the held-out text."""
    total, count = 0.0, 0
    usable = (len(data) - 1) // context * context
    for start in range(0, usable, context * 16):
        rows = [data[s:s + context + 1] for s in range(start, min(start + context * 16, usable),
                                                      context)]
        chunk = torch.from_numpy(np.stack(rows))
        logits = model(chunk[:, :-1])
        total += F.cross_entropy(logits.reshape(-1, 256), chunk[:, 1:].reshape(-1),
                                 reduction="sum").item()
        count += chunk[:, 1:].numel()
    return total / count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--out", default=os.path.join(ROOT, "models", "fortunes-gpt2"))
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--context", type=int, default=128)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=800)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(2)  # a fixed thread count keeps the reduction order fixed
    train_text, held_text = split(read_fortunes())
    train, held = as_bytes(train_text), as_bytes(held_text)
    model = ByteGPT2(args.layers, args.width, args.heads, args.context)
    params = sum(p.numel() for p in model.parameters())
    print(f"byte-level GPT-2: {args.layers} layers, width {args.width}, {args.heads} heads, "
          f"context {args.context}, {params:,} parameters; {len(train):,} training bytes, "
          f"{len(held):,} held-out bytes", flush=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01,
                                  betas=(0.9, 0.95))
    warmup = max(1, args.steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(
        (s + 1) / warmup, 0.5 * (1 + math.cos(math.pi * min(1.0, s / args.steps)))))
    data = batches(train, args.context, args.batch, np.random.default_rng(args.seed))
    curve, start = [], time.monotonic()
    for step in range(1, args.steps + 1):
        x, y = next(data)
        loss = F.cross_entropy(model(x).reshape(-1, 256), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        if step % 50 == 0 or step == args.steps:
            curve.append([step, round(loss.item(), 4)])
            print(f"  step {step}/{args.steps}: training loss {loss.item():.3f} nats/byte "
                  f"({time.monotonic() - start:.0f} s)", flush=True)
    model.eval()
    held_loss = held_out_loss(model, held, args.context)
    print(f"held-out loss {held_loss:.3f} nats/byte = perplexity {math.exp(held_loss):.2f} "
          f"per byte", flush=True)

    os.makedirs(args.out, exist_ok=True)
    config = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 256,
              "n_positions": args.context, "n_embd": args.width, "n_layer": args.layers,
              "n_head": args.heads, "n_inner": 4 * args.width,
              "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
              "tie_word_embeddings": True, "bos_token_id": 10, "eos_token_id": 10}
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    save_file(model.hf_tensors(), os.path.join(args.out, "model.safetensors"),
              metadata={"format": "pt"})
    record = {"command": " ".join(["bench/train/byte_gpt2.py"] + sys.argv[1:]),
              "settings": vars(args) | {"parameters": params}, "torch": torch.__version__,
              "training_bytes": int(len(train)), "held_out_bytes": int(len(held)),
              "seconds": round(time.monotonic() - start, 1), "loss_curve": curve,
              "held_out_nats_per_byte": round(held_loss, 4),
              "held_out_perplexity_per_byte": round(math.exp(held_loss), 3)}
    record["settings"].pop("out")
    with open(os.path.join(args.out, "training.json"), "w") as f:
        json.dump(record, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}/config.json, model.safetensors, training.json")


if __name__ == "__main__":
    main()
