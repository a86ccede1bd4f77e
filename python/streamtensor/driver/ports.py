"""The ports section of report.txt: which design port is which PyTorch tensor.

Per compiled function, every tensor crossing external memory: its name, the
role (input, weight, output, inout), the PyTorch side (argument position and
keyword, or where it sits in what forward returns), element type and shape,
the layout in HBM, and the kernel's bundle and HBM pseudo-channel.
"""

from typing import Dict, List

ROLE_ORDER = {"input": 0, "inout": 1, "weight": 2, "output": 3}


def _output_places(structure, path: str = "") -> Dict[str, str]:
    """Output name -> where forward returns it ("[1]", "['update']")."""
    if isinstance(structure, str):
        return {structure: path or "the result"}
    places: Dict[str, str] = {}
    (kind, items), = structure.items()
    if kind == "dict":
        for key, item in items:
            places.update(_output_places(item, f"{path}[{key!r}]"))
    else:
        for index, item in enumerate(items):
            places.update(_output_places(item, f"{path}[{index}]"))
    return places


def _pytorch_side(tensor: Dict, interface: Dict) -> str:
    name = tensor["name"]
    inputs = interface.get("inputs", [])
    if name in inputs:
        how = "keyword" if interface.get("keyword_inputs") else "argument"
        return f"{how} {inputs.index(name)}"
    places = _output_places(interface["outputs"]) if "outputs" in interface else {}
    if name in places:
        return f"returned {places[name]}"
    if "slice_of" in tensor:
        return f"slice of {tensor['slice_of'].get('tensor', '?')}"
    return "parameter or buffer" if tensor["role"] == "weight" else ""


def _layout(tensor: Dict) -> str:
    layout = tensor.get("layout") or {}
    if layout.get("packed"):
        tiles = "x".join(str(t) for t in layout.get("inner_tiles", []))
        return f"packed {tiles} tiles, {layout.get('word_bits', 512)}-bit words"
    return f"row-major, {layout.get('word_bits', 32)}-bit words"


def ports_text(function: str, manifest: Dict, interface: Dict) -> str:
    bundles = {}
    for kernel in manifest.get("kernels", []):
        for port in kernel.get("ports", []):
            bundles.setdefault(port["tensor"], []).append(
                f"{kernel['name']}.{port['bundle']}")
    tensors = sorted(manifest["tensors"], key=lambda t: ROLE_ORDER.get(t["role"], 9))
    rows = [("name", "role", "PyTorch", "type", "layout in HBM", "kernel port", "HBM")]
    for tensor in tensors:
        shape = "x".join(str(d) for d in tensor["shape"]) or "scalar"
        channel = tensor.get("hbm_channel")
        rows.append((tensor["name"], tensor["role"], _pytorch_side(tensor, interface),
                     f"{tensor['dtype']} {shape}", _layout(tensor),
                     ", ".join(bundles.get(tensor["name"], [])) or "-",
                     f"HBM[{channel}]" if channel is not None else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"Ports of @{function} (external memory; HBM pseudo-channels as in link.cfg):"]
    for row in rows:
        lines.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines) + "\n"


def all_ports_text(designs: List[Dict], manifests: Dict[str, Dict]) -> str:
    return "\n".join(ports_text(d["function"], manifests[d["function"]], d.get("interface", {}))
                     for d in designs if d["function"] in manifests)
