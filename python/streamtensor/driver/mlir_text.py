"""Splitting a printed MLIR module by function, on its text.

`streamtensor-opt` prints one top-level operation per block of lines that
starts at an indentation of two spaces; that is all this module relies on.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Set

_TOP_LEVEL_START = re.compile(r"^  [^ }]")
_FUNC_NAME = re.compile(r"^  func\.func (?:(?:private|public|nested) )?@([\w$.\-]+)")
_SYMBOL_REF = re.compile(r"@([\w$.\-]+)")


@dataclass
class TopLevelOp:
    symbol: str          # "" for operations that are not functions
    text: str


@dataclass
class ModuleText:
    prologue: str        # attribute aliases and the `module ... {` line
    ops: List[TopLevelOp]
    epilogue: str        # the closing brace

    def functions(self) -> Dict[str, TopLevelOp]:
        return {op.symbol: op for op in self.ops if op.symbol}


def parse_module_text(text: str) -> ModuleText:
    lines = text.splitlines(keepends=True)
    try:
        module_line = next(i for i, line in enumerate(lines) if line.startswith("module"))
        closing = max(i for i, line in enumerate(lines) if line.rstrip() == "}")
    except (StopIteration, ValueError):
        raise ValueError("not a printed MLIR module (no `module {` ... `}`)")
    ops: List[TopLevelOp] = []
    for line in lines[module_line + 1:closing]:
        if _TOP_LEVEL_START.match(line) or not ops:
            match = _FUNC_NAME.match(line)
            ops.append(TopLevelOp(match.group(1) if match else "", line))
        else:
            ops[-1].text += line
    return ModuleText("".join(lines[:module_line + 1]), ops, "".join(lines[closing:]))


def function_names(text: str) -> List[str]:
    return [op.symbol for op in parse_module_text(text).ops if op.symbol]


def extract_function(text: str, root: str) -> str:
    """The module restricted to `root` and every function it references, transitively."""
    module = parse_module_text(text)
    functions = module.functions()
    if root not in functions:
        raise ValueError(f"no function @{root} in the module (functions: "
                         f"{', '.join(sorted(functions))})")
    keep: Set[str] = set()
    pending = [root]
    while pending:
        name = pending.pop()
        if name in keep:
            continue
        keep.add(name)
        body = functions[name].text.split("\n", 1)[-1]
        pending.extend(ref for ref in _SYMBOL_REF.findall(body) if ref in functions)
    kept = [op for op in module.ops if (op.symbol in keep) or not op.symbol]
    return module.prologue + "".join(op.text for op in kept) + module.epilogue
