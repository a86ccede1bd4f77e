"""What a compilation starts from: PyTorch functions with example inputs.

A Program is a list of importer FunctionSpecs (one per compiled function),
the module attributes the importer writes, and a JSON description from which
the same program can be rebuilt (for zoo models) when a compiled folder is
simulated later. It also gives, per function, the values of every tensor the
compiled design reads (inputs and weights, by the names the importer gave
them) and PyTorch's outputs, the reference of the simulation.
"""

import inspect
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from ..importer import FunctionSpec, import_functions
from ..importer.outputs import flatten_outputs, output_layout
from ..importer.tracing import module_weights
from .tools import DriverError

ZOO_FUNCTIONS = ("block", "lm_head")


@dataclass
class Program:
    specs: List[FunctionSpec]
    description: Dict[str, object]
    module_attributes: List = field(default_factory=list)
    # PyTorch's results on the example inputs, by function: computed once.
    _example_runs: Dict[str, tuple] = field(default_factory=dict, repr=False)

    @property
    def function_names(self) -> List[str]:
        return [spec.name for spec in self.specs]

    def spec(self, name: str) -> FunctionSpec:
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def import_mlir(self) -> str:
        return import_functions(self.specs, weights_as_args=True,
                                module_attributes=self.module_attributes)

    def design_tensors(self, name: str) -> "OrderedDict[str, np.ndarray]":
        """Inputs and weights of function `name`, by argument name, as f32 arrays."""
        spec = self.spec(name)
        values: "OrderedDict[str, np.ndarray]" = OrderedDict()
        for input_name, value in zip(_input_names(spec), _as_tuple(spec.example_inputs)):
            values[input_name] = _to_numpy(value)
        for weight, tensor in zip(*module_weights(spec.module)):
            values[spec.weight_name(weight)] = _to_numpy(tensor)
        return values

    def reference_outputs(self, name: str,
                          inputs: Optional[Sequence[torch.Tensor]] = None
                          ) -> "OrderedDict[str, np.ndarray]":
        """PyTorch's outputs of function `name` (on its example inputs by default)."""
        names, flat, _ = self._run(name, inputs)
        return OrderedDict((n, _to_numpy(t)) for n, t in zip(names, flat))

    def interface(self, name: str) -> Dict[str, object]:
        """How function `name` is called and what it returns: its input names
        in argument order, whether they go by keyword, and the structure of
        its outputs (see importer.outputs)."""
        spec = self.spec(name)
        _, _, structure = self._run(name, None)
        return {"inputs": _input_names(spec), "keyword_inputs": bool(spec.keyword_inputs),
                "outputs": structure}

    def _run(self, name: str, inputs):
        if inputs is None and name in self._example_runs:
            return self._example_runs[name]
        spec = self.spec(name)
        args = _as_tuple(spec.example_inputs if inputs is None else inputs)
        module = spec.module
        training = module.training
        module.eval()
        try:
            with torch.no_grad():
                if spec.keyword_inputs:
                    result = module(**dict(zip(_input_names(spec), args)))
                else:
                    result = module(*args)
        finally:
            module.train(training)
        taken = _input_names(spec) + [spec.weight_name(n) for n in module_weights(module)[0]]
        names, structure = output_layout(result, spec.output_names, taken)
        run = (names, flatten_outputs(result), structure)
        if inputs is None:
            self._example_runs[name] = run
        return run


def zoo_program(model: str, config: str, step: str, *, functions: Sequence[str] = ZOO_FUNCTIONS,
                max_seq: int, seq: int, seed: int = 0, layer: int = 0,
                checkpoint: Optional[str] = None, with_values: bool = True,
                quant: Optional[Dict[str, object]] = None,
                layer_loop: Optional[str] = None) -> Program:
    """A zoo model's step; `with_values=False` leaves weights uninitialized (import only).

    `layer_loop` (a dictionary attribute, see generation/device.py) adds a
    kernel that runs every layer of the block.

    `quant` describes the quantization (see quant_description); static
    activation scales are calibrated on the step's example inputs."""
    from .. import models
    from ..models.steps import module_attributes
    if not 0 <= seed < 2 ** 63:
        raise DriverError(f"--seed must be in [0, 2^63 - 1], got {seed}")
    scheme = quant_scheme(quant)
    built = models.build_model(model, config, layer=layer,
                               weights="random" if with_values else "empty",
                               seed=seed, checkpoint=checkpoint, quant=scheme)
    check_sequence_lengths(built.config, step, max_seq, seq)
    inputs = models.example_inputs(built, step, max_seq=max_seq, seq=seq, seed=seed)
    head_input = models.lm_head_input(built, seed)
    specs = models.function_specs(built, step, inputs, head_input, list(functions))
    if scheme is not None and scheme.act_scales == "static" and with_values:
        from ..quant import calibrate
        for spec in specs:
            calibrate(spec.module, lambda spec=spec: spec.module(*spec.example_inputs))
    description = {"source": "zoo", "model": built.config.family, "config": built.config.name,
                   "step": step, "functions": list(functions), "max_seq": max_seq, "seq": seq,
                   "seed": seed, "layer": layer, "checkpoint": checkpoint,
                   "quant": quant_description(scheme)}
    attributes = module_attributes(built, step, max_seq, seq)
    if layer_loop:
        description["layer_loop"] = layer_loop
        attributes.append(("streamtensor.layer_loop", f"{{block = {layer_loop}}}"))
    return Program(specs, description, attributes)


def quant_scheme(quant: Optional[Dict[str, object]]):
    """The QuantScheme of a description {"scheme", "group_size", "act_scales"}
    (None or scheme "none": not quantized)."""
    if not quant:
        return None
    from ..quant import QuantError, get_scheme
    try:
        return get_scheme(str(quant.get("scheme", "none")),
                          group_size=quant.get("group_size", 128),
                          act_scales=str(quant.get("act_scales", "dynamic")))
    except QuantError as err:
        raise DriverError(str(err)) from err


def quant_description(scheme) -> Optional[Dict[str, object]]:
    if scheme is None:
        return None
    return {"scheme": scheme.name, "group_size": scheme.group_size,
            "act_scales": scheme.act_scales}


def quant_settings(scheme: str, group_size: int = 128,
                   act_scales: str = "dynamic") -> Optional[Dict[str, object]]:
    """The checked description of a scheme given by name ("none": None)."""
    return quant_description(quant_scheme({"scheme": scheme, "group_size": group_size,
                                           "act_scales": act_scales}))


# The U55C's HBM: a block's KV cache beyond it cannot be placed.
HBM_BYTES = 16 * 2 ** 30


def check_sequence_lengths(config, step: str, max_seq: int, seq: int) -> None:
    """Refuses lengths the model or the card cannot hold before anything is
    allocated (a cache of --max-seq positions is built on the host first): a
    prompt beyond the model's positions, caches beyond the card's HBM. A
    decode cache may be longer than the positions of a test-size config."""
    positions = config.max_positions
    if step == "prefill" and seq > positions:
        raise DriverError(f"--seq {seq} is beyond the {positions} positions of "
                          f"{config.family} {config.name} (max_positions)")
    cache_bytes = 2 * max_seq * config.kv_dim * 4
    if cache_bytes > HBM_BYTES:
        raise DriverError(f"--max-seq {max_seq}: the block's K and V caches take "
                          f"{cache_bytes:,} bytes, more than the card's {HBM_BYTES:,} bytes "
                          f"of HBM")


def module_program(module: torch.nn.Module, example_inputs, *, name: str = "forward",
                   input_names: Optional[Sequence[str]] = None,
                   output_names: Optional[Sequence[str]] = None) -> Program:
    """A user's nn.Module called on `example_inputs`: a tensor, a sequence
    (positional arguments) or a dict (keyword arguments)."""
    keyword = isinstance(example_inputs, dict)
    if keyword:
        if input_names is not None:
            raise DriverError("input_names cannot be given with keyword example inputs: "
                              "the keys name the inputs")
        ordered = _in_signature_order(module, example_inputs)
        input_names, inputs = list(ordered), tuple(ordered.values())
    else:
        inputs = _as_tuple(example_inputs)
        _check_call(module, inputs, {})
    spec = FunctionSpec(module, inputs, name,
                        list(input_names) if input_names else None,
                        list(output_names) if output_names else None,
                        keyword_inputs=keyword)
    description = {"source": "module", "class": type(module).__name__, "functions": [name]}
    return Program([spec], description)


def _check_call(module: torch.nn.Module, args, kwargs) -> None:
    """Refuses example inputs forward cannot take, before tracing."""
    try:
        signature = inspect.signature(module.forward)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(*args, **kwargs)
    except TypeError as err:
        raise DriverError(f"the example inputs do not fit {type(module).__name__}.forward"
                          f"{signature}: {err}") from err


def _in_signature_order(module: torch.nn.Module, inputs: Dict[str, object]) -> "OrderedDict":
    """Keyword inputs in the order forward declares them."""
    _check_call(module, (), inputs)
    try:
        order = list(inspect.signature(module.forward).parameters)
    except (TypeError, ValueError):
        order = []
    rank = {n: i for i, n in enumerate(order)}
    names = sorted(inputs, key=lambda n: (rank.get(n, len(order)), list(inputs).index(n)))
    return OrderedDict((n, inputs[n]) for n in names)


def rebuild_program(description: Dict[str, object]) -> Program:
    """The zoo program a compiled folder was made from, with its seeded values."""
    if description.get("source") != "zoo":
        raise ValueError("only zoo models can be rebuilt from their description")
    return zoo_program(description["model"], description["config"], description["step"],
                       functions=description["functions"], max_seq=description["max_seq"],
                       seq=description["seq"], seed=description["seed"],
                       layer=description["layer"], checkpoint=description["checkpoint"],
                       quant=description.get("quant"))


def _input_names(spec: FunctionSpec) -> List[str]:
    if spec.input_names:
        return list(spec.input_names)
    from ..importer import _forward_input_names
    return _forward_input_names(spec.module, len(_as_tuple(spec.example_inputs)))


def _as_tuple(inputs):
    if isinstance(inputs, torch.Tensor):
        return (inputs,)
    return tuple(inputs)


def _to_numpy(tensor) -> np.ndarray:
    if isinstance(tensor, torch.Tensor):
        tensor = tensor.detach().cpu().numpy()
    return np.ascontiguousarray(tensor)
