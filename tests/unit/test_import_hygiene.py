"""The domain, the store and the review never import Textual: they run and test without a
UI. Each module is imported alone, in a fresh interpreter, so no other import hides one."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import sparring.domain
import sparring.review
import sparring.store

HEADLESS = [
    f"{package.__name__}.{module.name}"
    for package in (sparring.domain, sparring.store, sparring.review)
    for module in pkgutil.iter_modules(package.__path__)
] + ["sparring.settings", "sparring.paths", "sparring.i18n"]


def test_every_headless_module_is_checked():
    assert {"sparring.store.archive", "sparring.domain.protocol", "sparring.review.export"} <= (
        set(HEADLESS)
    )


@pytest.mark.parametrize("module", HEADLESS)
def test_importing_it_does_not_import_textual(module: str):
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_import_contracts_hold():
    """The UI, the commands and the review use the store through its package only, and
    the layers run one way (see [tool.importlinter] in pyproject.toml)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command as c; "
            "sys.argv = ['lint-imports', '--no-cache']; c()",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
