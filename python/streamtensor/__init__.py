"""StreamTensor: PyTorch LLMs to stream dataflow accelerators.

The Python package holds the PyTorch front end (`import_model`), the model
zoo (`streamtensor.models`), checkpoint input/output (`streamtensor.weights`),
a CPU reference runner for MLIR (`streamtensor.cpu_runner`) and the
compiler driver (`compile`, `simulate`: `streamtensor.driver`) and text
generation in the simulation (`generate`: `streamtensor.generation`) and
integer quantization (`quantize`: `streamtensor.quant`). The
front end is loaded on first use, so tools that need no PyTorch start fast.
"""

import importlib

_LAZY = {"FunctionSpec": "importer", "ImporterError": "importer", "UnsupportedError": "importer",
         "import_functions": "importer", "import_model": "importer",
         "compile": "driver", "simulate": "driver", "DriverError": "driver",
         "generate": "generation", "quantize": "quant"}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
