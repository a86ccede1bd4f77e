"""docs/frontend.md lists every aten op the importer lowers."""

import os
import re

from streamtensor.importer.lower import LOWERINGS
from conftest import PYTHON_DIR

DOC = os.path.join(os.path.dirname(PYTHON_DIR), "docs", "frontend.md")


def test_every_lowered_op_is_documented():
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    missing = sorted({name.split(".")[1] for name in LOWERINGS
                      if not re.search("`" + re.escape(name.split(".")[1]) + "[`.]", text)})
    assert not missing, f"not in docs/frontend.md: {missing}"
