"""The names and the structure of what a module's forward returns.

A forward may return a tensor, a tuple or list, or a dict (nested in any
way). The compiled function has a flat list of results; their names come
from the user (`output_names`), else from dict keys, else `output<i>`. The
structure, as JSON, lets the simulation hand results back the way PyTorch
returns them.
"""

from typing import Any, List, Optional, Sequence, Tuple

from .errors import ImporterError

# JSON of a structure: a leaf is its output name; containers are
# {"tuple": [...]}, {"list": [...]} or {"dict": [[key, ...], ...]}.
Structure = Any


def _is_dict(value) -> bool:
    return isinstance(value, dict)


def _is_sequence(value) -> bool:
    return isinstance(value, (tuple, list))


def flatten_outputs(result) -> List[Any]:
    """Leaves of `result` in PyTorch's pytree order (dicts by insertion)."""
    if _is_dict(result):
        return [leaf for value in result.values() for leaf in flatten_outputs(value)]
    if _is_sequence(result):
        return [leaf for item in result for leaf in flatten_outputs(item)]
    return [result]


def output_layout(result, output_names: Optional[Sequence[str]] = None,
                  taken: Sequence[str] = ()) -> Tuple[List[str], Structure]:
    """Flat result names and the structure of `result`. Names must differ
    from `taken` (the inputs' and weights'): a default name that does not
    (a returned dict's "hidden_states" key) gets an "_out" suffix."""
    taken = set(taken)
    count = len(flatten_outputs(result))
    if output_names and len(output_names) != count:
        raise ImporterError(f"{len(output_names)} output names for {count} outputs")
    names: List[str] = []

    def walk(value, path: Tuple[str, ...]) -> Structure:
        if _is_dict(value):
            return {"dict": [[str(k), walk(v, path + (str(k),))] for k, v in value.items()]}
        if _is_sequence(value):
            kind = "list" if isinstance(value, list) else "tuple"
            return {kind: [walk(item, path) for item in value]}
        index = len(names)
        if output_names:
            name = output_names[index]
            if name in taken:
                raise ImporterError(f"output name {name!r} is also the name of an input or "
                                    f"weight; choose another")
        else:
            name = ".".join(path) if path else f"output{index}"
            while name in taken:
                name += "_out"
        names.append(name)
        return name

    structure = walk(result, ())
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ImporterError(f"output names must be distinct; repeated: {', '.join(duplicates)}")
    return names, structure


def rebuild_outputs(structure: Structure, values: dict):
    """`values` (by output name) arranged as `structure`."""
    if isinstance(structure, str):
        return values[structure]
    if isinstance(structure, dict) and len(structure) == 1:
        (kind, items), = structure.items()
        if kind == "dict":
            return {key: rebuild_outputs(item, values) for key, item in items}
        if kind in ("tuple", "list"):
            built = [rebuild_outputs(item, values) for item in items]
            return tuple(built) if kind == "tuple" else built
    raise ValueError(f"not an output structure: {structure!r}")
