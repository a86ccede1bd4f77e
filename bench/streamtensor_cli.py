"""Runs `python -m streamtensor` for the benchmarks, with this checkout's
package and a given build; exits with the command's output when it fails."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"


def run_streamtensor(build: str, command):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"),
               STREAMTENSOR_BUILD_DIR=os.path.abspath(build))
    proc = subprocess.run([PYTHON, "-m", "streamtensor"] + command, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"streamtensor {' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}")
