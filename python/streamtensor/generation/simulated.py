"""Whole-model generation in the bounded-FIFO simulation of the compiled designs.

Three designs are compiled once and kept in the output folder: the prefill
block for the prompt's length (`prefill-<n>/`), the decode block and the LM
head (`decode-<cache rows>/`). Each layer's weights are staged once into a data folder of
its own; per token, the host side here (embedding, masks, RoPE tables, KV
caches, sampling) runs every layer's block design and then the LM head.
The host calls the block design once per layer.
"""

import os
import shutil
from typing import Callable, Dict, List, Optional, TextIO

import numpy as np
import torch

from ..driver.emit import READ_ROLES, read_manifest, write_read_tensors
from ..driver.output_dir import read_record
from ..driver.simulation import (build_simulation, prepare_design, read_outputs,
                                 run_simulation)
from ..driver.tools import DriverError
from ..importer.tracing import module_weights
from .model import WholeModel


class DesignRunner:
    """One compiled function's simulation: built once, run on staged tensors."""

    def __init__(self, out_dir: str, function: str, log: Optional[TextIO]):
        record = read_record(out_dir)
        designs = [d for d in record["designs"] if d["function"] == function]
        if not designs:
            raise DriverError(f"{out_dir}: no compiled @{function}")
        self.function = function
        self.directory = prepare_design(os.path.abspath(out_dir), record, designs[0],
                                        build_simulation, log)
        self.manifest = read_manifest(self.directory)
        self.runs_dir = os.path.join(self.directory, "runs")
        self.seconds = 0.0
        self.calls = 0

    def data_dir(self, name: str) -> str:
        path = os.path.join(self.runs_dir, name)
        os.makedirs(path, exist_ok=True)
        return path

    def stage(self, data_dir: str, values: Dict[str, np.ndarray]) -> None:
        tensors = [t for t in self.manifest["tensors"] if t["role"] in READ_ROLES
                   and (t["name"] in values or t.get("slice_of", {}).get("tensor") in values)]
        write_read_tensors(tensors, values, data_dir, self.function)

    def run(self, data_dir: str) -> Dict[str, np.ndarray]:
        self.seconds += run_simulation(self.directory, data_dir)
        self.calls += 1
        return read_outputs(self.directory, data_dir)


def _numpy(values) -> Dict[str, np.ndarray]:
    return {k: (v.detach().numpy() if isinstance(v, torch.Tensor) else np.asarray(v))
            for k, v in values.items()}


def weight_arrays(module: torch.nn.Module,
                  rename: Callable[[str], str]) -> Dict[str, np.ndarray]:
    """The module's weights by the names `rename` gives them."""
    names, tensors = module_weights(module)
    return {rename(name): tensor.numpy() for name, tensor in zip(names, tensors)}


class SimulatedGenerator:
    """Runs `model` token by token through the designs in `out_dir`."""

    def __init__(self, model: WholeModel, designs: Dict[str, str], log: Optional[TextIO]):
        self.model = model
        self.decode = DesignRunner(designs["decode"], "block", log)
        self.head = DesignRunner(designs["decode"], "lm_head", log)
        self.prefill = DesignRunner(designs["prefill"], "block", log)
        self.head_dir = self.head.data_dir("weights")
        self.head.stage(self.head_dir, weight_arrays(model.head, model.layers[0].head_weight_name))
        self.layer_dirs = {}
        for runner in (self.prefill, self.decode):
            for index, layer in enumerate(model.layers):
                path = runner.data_dir(f"layer{index}")
                # The designs name their weights after layer 0's.
                runner.stage(path, weight_arrays(layer.block, model.layers[0].block_weight_name))
                self.layer_dirs[runner, index] = path
        cfg = model.config
        self.max_seq = int(next(t["shape"][0] for t in self.decode.manifest["tensors"]
                                if t["name"] == "k_cache"))
        self.k_cache = [np.zeros((self.max_seq, cfg.kv_dim), np.float32) for _ in model.layers]
        self.v_cache = [np.zeros((self.max_seq, cfg.kv_dim), np.float32) for _ in model.layers]

    def _block(self, runner: DesignRunner, layer: int, values) -> Dict[str, np.ndarray]:
        path = self.layer_dirs[runner, layer]
        runner.stage(path, _numpy(values))
        return runner.run(path)

    def logits(self, x: np.ndarray) -> np.ndarray:
        self.head.stage(self.head_dir, {"x": x.reshape(1, -1)})
        return self.head.run(self.head_dir)["logits"][0]

    def prefill_prompt(self, ids: List[int]) -> np.ndarray:
        """Runs the prompt; fills the caches; returns the last token's logits."""
        x = self.model.embed(ids, 0)
        for layer in range(len(self.model.layers)):
            out = self._block(self.prefill, layer, self.model.prefill_inputs(layer, x))
            self.k_cache[layer][:len(ids)] = out["k"]
            self.v_cache[layer][:len(ids)] = out["v"]
            x = torch.from_numpy(out["y"])
        return self.logits(out["y"][-1])

    def step(self, token: int, position: int) -> np.ndarray:
        """One decode step of `token` at `position`; returns its logits."""
        if position >= self.max_seq:
            raise DriverError(f"position {position} is past the decode design's cache of "
                              f"{self.max_seq} rows; compile with a larger --max-seq")
        x = self.model.embed([token], position)
        for layer in range(len(self.model.layers)):
            values = self.model.decode_inputs(layer, x, position,
                                              torch.from_numpy(self.k_cache[layer]),
                                              torch.from_numpy(self.v_cache[layer]))
            out = self._block(self.decode, layer, values)
            self.k_cache[layer][position] = out["k_new"][0]
            self.v_cache[layer][position] = out["v_new"][0]
            x = torch.from_numpy(out["y"])
        return self.logits(out["y"][0])

    def simulation_seconds(self) -> float:
        return self.prefill.seconds + self.decode.seconds + self.head.seconds

    def calls(self) -> int:
        return self.prefill.calls + self.decode.calls + self.head.calls


def choose(logits: np.ndarray, temperature: float, top_k: int,
           generator: Optional[torch.Generator]) -> int:
    """Greedy when temperature is 0; else sampled from the top-k softmax."""
    if temperature <= 0:
        return int(np.argmax(logits))
    scores = torch.from_numpy(np.asarray(logits, np.float64)) / temperature
    if 0 < top_k < scores.numel():
        kth = torch.topk(scores, top_k).values[-1]
        scores = torch.where(scores < kth, torch.tensor(float("-inf"), dtype=scores.dtype),
                             scores)
    probs = torch.softmax(scores, dim=0)
    return int(torch.multinomial(probs, 1, generator=generator))


def generate_ids(generator: SimulatedGenerator, prompt_ids: List[int], new_tokens: int, *,
                 temperature: float = 0.0, top_k: int = 0, seed: int = 0,
                 on_token: Optional[Callable[[int], None]] = None,
                 stop_ids: Optional[List[int]] = None) -> List[int]:
    sampler = torch.Generator().manual_seed(seed) if temperature > 0 else None
    out: List[int] = []
    logits = generator.prefill_prompt(prompt_ids)
    position = len(prompt_ids)
    while True:
        token = choose(logits, temperature, top_k, sampler)
        out.append(token)
        if on_token:
            on_token(token)
        if len(out) == new_tokens or (stop_ids and token in stop_ids):
            return out
        logits = generator.step(token, position)
        position += 1


def reset_runs(designs: Dict[str, str]) -> None:
    """Drops the staged data of earlier runs (weights may have changed)."""
    for out_dir in set(designs.values()):
        for design in read_record(out_dir)["designs"]:
            shutil.rmtree(os.path.join(out_dir, design["directory"], "runs"),
                          ignore_errors=True)
