"""A command imports only what it uses: no spreadsheet, Word or terminal-drawing library for `validate`.

Not timed (benchmarks/bench_startup.py prints the times): a fresh interpreter runs `validate` on the bundled
example through main() and lists which of those libraries it imported, so that an eager import fails here.
"""

from __future__ import annotations

import subprocess
import sys

from tests.shared import ROOT

CHECK = """
import sys
import scoring.cli
code = scoring.cli.main(["validate", "criteria/hoi-ccb-cum-3/2023.yaml", "examples/hoi-ccb-cum-3/2023"])
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"openpyxl", "docx", "rich", "lxml"})
print(code, loaded)
"""


def test_validate_imports_neither_openpyxl_nor_docx_nor_rich() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"
    assert done.stdout.splitlines()[0].startswith("OK: criteria/hoi-ccb-cum-3/2023.yaml: round hoi-ccb-cum-3-2023")
