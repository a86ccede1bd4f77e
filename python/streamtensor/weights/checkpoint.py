"""Hugging Face checkpoint directories: config.json plus *.safetensors shards."""

import glob
import json
import os
from typing import Dict, Optional, Sequence

import numpy as np

from ..models.config import ConfigError, ModelConfig, from_hf_config
from .safetensors import SafetensorsError, SafetensorsFile


class CheckpointError(ValueError):
    """A checkpoint directory that cannot be used (message names the file)."""


class Checkpoint:
    def __init__(self, path: str):
        self.path = path
        if not os.path.isdir(path):
            raise CheckpointError(f"{path}: not a directory")
        config_path = os.path.join(path, "config.json")
        try:
            with open(config_path, encoding="utf-8") as f:
                raw = json.load(f)
        except FileNotFoundError as err:
            raise CheckpointError(f"{config_path}: missing") from err
        except json.JSONDecodeError as err:
            raise CheckpointError(f"{config_path}:{err.lineno}:{err.colno}: invalid JSON: "
                                  f"{err.msg}") from err
        if not isinstance(raw, dict):
            raise CheckpointError(f"{config_path}: expected a JSON object")
        try:
            self.config: ModelConfig = from_hf_config(raw, config_path)
        except ConfigError as err:
            raise CheckpointError(str(err)) from err
        files = sorted(glob.glob(os.path.join(path, "*.safetensors")))
        if not files:
            raise CheckpointError(f"{path}: no *.safetensors files")
        self._where: Dict[str, SafetensorsFile] = {}
        for file in files:
            try:
                shard = SafetensorsFile(file)
            except SafetensorsError as err:
                raise CheckpointError(str(err)) from err
            for name in shard:
                if name in self._where:
                    raise CheckpointError(f"{path}: tensor {name!r} appears in both "
                                          f"{self._where[name].path} and {file}")
                self._where[name] = shard

    def names(self):
        return list(self._where)

    def find(self, candidates: Sequence[str]) -> Optional[str]:
        return next((c for c in candidates if c in self._where), None)

    def tensor(self, name: str, shape: Sequence[int]) -> np.ndarray:
        """The tensor as float32, checked against the expected shape."""
        shard = self._where[name]
        values = shard.get(name)
        if tuple(values.shape) != tuple(shape):
            raise CheckpointError(f"{shard.path}: tensor {name!r} has shape "
                                  f"{list(values.shape)}, expected {list(shape)}")
        return values.astype(np.float32, copy=False)
