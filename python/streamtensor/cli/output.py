"""Writing command outputs: never silently over an existing file, never half-written."""

import os
import sys
import tempfile
from typing import Callable, Optional

from .errors import CliError


def check_writable(path: Optional[str], force: bool) -> None:
    """Fails before any work is done if `path` exists and --force was not given."""
    if path in (None, "-") or is_special_file(path):
        return
    if os.path.isdir(path):
        raise CliError(f"{path}: is a directory")
    if os.path.exists(path) and not force:
        raise CliError(f"{path}: already exists (use --force to overwrite)")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise CliError(f"{path}: directory {parent} does not exist")


def is_special_file(path: str) -> bool:
    """Devices and FIFOs (e.g. /dev/null): written in place, never replaced."""
    return os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)


def write_atomically(path: str, write: Callable[[str], None]) -> None:
    """Calls write(tmp_path) then renames tmp_path to `path`; special files are
    written directly, since renaming over them would replace the device."""
    if is_special_file(path):
        write(path)
        return
    parent = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=parent, prefix="." + os.path.basename(path) + ".")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: Optional[str], text: str) -> None:
    if path in (None, "-"):
        sys.stdout.write(text)
        return

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    write_atomically(path, write)
