"""The domain and the store never import Textual: they run and test without a UI."""

from __future__ import annotations

import subprocess
import sys

DOMAIN_MODULES = [
    "sparring.domain.scenario",
    "sparring.domain.catalogue",
    "sparring.domain.clock",
    "sparring.domain.session",
    "sparring.domain.protocol",
]


def test_importing_the_domain_does_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DOMAIN_MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert "sparring.domain.protocol" in code
