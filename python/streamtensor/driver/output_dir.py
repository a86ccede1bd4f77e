"""The output folder of a compilation: created fresh, never overwritten silently."""

import json
import os
import shutil

from .tools import DriverError

RECORD = "compile.json"


def prepare_output_dir(path: str, force: bool) -> str:
    path = os.path.abspath(path)
    if os.path.exists(path) and not os.path.isdir(path):
        raise DriverError(f"{path}: exists and is not a directory")
    if os.path.isdir(path) and os.listdir(path):
        if not force:
            raise DriverError(f"{path}: output folder exists and is not empty (use --force to "
                              f"replace a previous compilation's output)")
        if not os.path.exists(os.path.join(path, RECORD)):
            raise DriverError(f"{path}: not a StreamTensor output folder (no {RECORD}); "
                              f"refusing to delete its contents even with --force")
        for entry in os.listdir(path):
            full = os.path.join(path, entry)
            if os.path.isdir(full) and not os.path.islink(full):
                shutil.rmtree(full)
            else:
                os.unlink(full)
    parent = os.path.dirname(path)
    if not os.path.isdir(parent):
        # Name what is in the way: a missing folder, or a file on the path.
        ancestor = parent
        while ancestor != os.path.dirname(ancestor) and not os.path.exists(ancestor):
            ancestor = os.path.dirname(ancestor)
        if os.path.exists(ancestor) and not os.path.isdir(ancestor):
            raise DriverError(f"{path}: {ancestor} is a file, not a folder")
        raise DriverError(f"{path}: parent folder {parent} does not exist")
    os.makedirs(path, exist_ok=True)
    return path


def write_json(path: str, value) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_json_file(path: str, what: str):
    """A JSON file the driver wrote; a damaged one is an error naming it."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError) as err:
        raise DriverError(f"{path}: cannot read {what}: {err}")
    except ValueError as err:
        raise DriverError(f"{path}: {what} is not valid JSON ({err}); compile again")


def check_fields(path: str, value, fields: dict, where: str = "") -> None:
    """Checks that `value` is an object whose `fields` have the given types."""
    if not isinstance(value, dict):
        raise DriverError(f"{path}: {where or 'the file'} must be a JSON object; compile again")
    for key, kind in fields.items():
        if key in value and not isinstance(value[key], kind) or \
                isinstance(value.get(key), bool) and kind is not bool:
            name = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind)
            raise DriverError(f"{path}: {where + '.' if where else ''}{key} must be {name}, "
                              f"got {type(value[key]).__name__}; compile again")


def read_record(out_dir: str) -> dict:
    path = os.path.join(out_dir, RECORD)
    if not os.path.isfile(path):
        raise DriverError(f"{out_dir}: no {RECORD}; not the output folder of "
                          f"`streamtensor compile`")
    record = read_json_file(path, "the compile record")
    check_fields(path, record, {"designs": list, "status": str, "until": str,
                                "program": dict})
    for index, design in enumerate(record.get("designs", [])):
        where = f"designs[{index}]"
        check_fields(path, design, {"function": str, "directory": str, "kernels": list}, where)
        for key in ("function", "directory"):
            if key not in design:
                raise DriverError(f"{path}: {where} has no {key}; compile again")
        directory = os.path.normpath(design["directory"])
        if os.path.isabs(directory) or directory.startswith(".."):
            raise DriverError(f"{path}: {where}.directory must stay inside the output "
                              f"folder; compile again")
    return record
