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
        raise DriverError(f"{path}: parent folder {parent} does not exist")
    os.makedirs(path, exist_ok=True)
    return path


def write_json(path: str, value) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_record(out_dir: str) -> dict:
    path = os.path.join(out_dir, RECORD)
    if not os.path.isfile(path):
        raise DriverError(f"{out_dir}: no {RECORD}; not the output folder of "
                          f"`streamtensor compile`")
    with open(path, encoding="utf-8") as f:
        return json.load(f)
