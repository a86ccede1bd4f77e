"""Checkpoint input and output: safetensors files and Hugging Face directories."""

from .checkpoint import Checkpoint, CheckpointError
from .safetensors import SafetensorsError, SafetensorsFile, save_file

__all__ = ["Checkpoint", "CheckpointError", "SafetensorsError", "SafetensorsFile", "save_file"]
