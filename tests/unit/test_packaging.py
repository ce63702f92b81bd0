"""The Danish catalogue ships: it is in the wheel, and Sparring installed from it speaks Danish."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import sparring

ROOT = Path(sparring.__file__).parent.parent
CATALOGUE = "sparring/locale/da/LC_MESSAGES/sparring.po"


def _build_wheel(into: Path) -> Path | None:
    """A wheel of this checkout, built as `pip install .` builds it; None if pip cannot
    build one here (no build backend to be had)."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(into)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    wheels = sorted(into.glob("sparring-*.whl"))
    return wheels[0] if built.returncode == 0 and wheels else None


def test_the_wheel_holds_the_catalogue_and_speaks_danish_from_it(tmp_path: Path):
    wheel = _build_wheel(tmp_path / "dist")
    if wheel is None:
        # No backend to build with: the wheel ships the `sparring` folder whole, so the
        # catalogue must be inside it, and not left out by an exclude.
        config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        wheel_config = config["tool"]["hatch"]["build"]["targets"]["wheel"]
        assert wheel_config["packages"] == ["sparring"]
        assert "exclude" not in wheel_config and "only-include" not in wheel_config
        assert (ROOT / CATALOGUE).is_file()
        return
    with zipfile.ZipFile(wheel) as archive:
        assert CATALOGUE in archive.namelist()
        archive.extractall(tmp_path / "installed")
    spoken = subprocess.run(
        [sys.executable, "-c",
         "import sparring, sparring.i18n as i; i.set_language('da');"
         "print(sparring.__file__); print(i._('Ground rules'))"],
        capture_output=True, text=True, timeout=60, check=True,
        env={"PYTHONPATH": str(tmp_path / "installed"), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    where, said = spoken.stdout.splitlines()
    assert where.startswith(str(tmp_path / "installed"))
    assert said == "Spilleregler"
