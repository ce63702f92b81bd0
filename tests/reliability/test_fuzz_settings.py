"""Promise 5 for the settings file, fuzzed with hypothesis: a valid file, then its values
swapped for other TOML (lists, tables, NaN, huge numbers, 100 KB strings, control
characters, lone surrogates escaped), cut short or not UTF-8.

Reading it never raises: each problem is named with the file, and Sparring goes on with
the default for that key (the settings that were right are kept).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sparring.settings import Settings, load_settings
from tests.reliability.conftest import count

FUZZ = settings(
    max_examples=count(80, 2000),
    deadline=None,
    derandomize=True,  # repeatable: the same files every run
    database=None,
    suppress_health_check=list(HealthCheck),
)

VALID = """\
language = "da"           # a comment stays
theme = "light"
bell = false
warning_seconds = 30
data_folder = "~/sparring-data"

[keys]
pause = "f5"
next = "f6,ctrl+n"
"""
ASSIGNMENT = re.compile(r'^(\s*[\w"-]+\s*=\s*)(.+?)(\s*#.*)?$', re.M)
TOML_VALUES = st.one_of(
    st.sampled_from([
        "[1, 2]", "[[1]]", '{ a = 1 }', "nan", "-inf", "9" * 5000, "1e999", "true", "0",
        "-1", '"x"', '""', '"' + "x" * 100_000 + '"', '"\\u001b[2J\\u0007"', '"\\ud800"',
        '"da"', '"en"', '"dark"', '"high-contrast"', "1979-05-27", '"[bold]x[/bold]"',
        '"' + "[" * 200 + '"', "[" * 300 + "]" * 300,
    ]),
    st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
EXTRA_KEYS = st.sampled_from(["", "colour = 1\n", "[keys.deeper]\nx = 1\n", "[[keys]]\n",
                              "language = 1\nlanguage = 2\n", "\ufeff", "keys = 3\n"])


@st.composite
def mutated_settings(draw: st.DrawFn) -> bytes:
    text = draw(EXTRA_KEYS) + VALID
    lines = list(ASSIGNMENT.finditer(text))
    for _ in range(draw(st.integers(0, 3))):
        line = draw(st.sampled_from(lines))
        text = text[: line.start(2)] + draw(TOML_VALUES) + text[line.end(2):]
        lines = list(ASSIGNMENT.finditer(text))
    raw = text.encode("utf-8", "surrogatepass")
    cut = draw(st.integers(0, 10))
    if cut == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif cut == 1:
        raw = raw + b"\xff\xfe"
    return raw


def test_fuzzed_settings_files_are_read_with_their_problems_named(
    tmp_path_factory: Any, report_count: Any
):
    tried = {"clean": 0, "with problems": 0}

    @FUZZ
    @given(raw=mutated_settings())
    def attack(raw: bytes) -> None:
        path: Path = tmp_path_factory.mktemp("settings") / "settings.toml"
        path.write_bytes(raw)
        found, problems = load_settings(path)  # never raises
        assert isinstance(found, Settings)
        assert found.language in (None, "da", "en")
        assert found.theme in ("light", "dark", "high-contrast")
        assert isinstance(found.bell, bool) and isinstance(found.warning_seconds, int)
        for problem in problems:
            assert str(path) in problem and len(problem) < 2000
        assert path.read_bytes() == raw  # reading never rewrites the file
        tried["with problems" if problems else "clean"] += 1

    attack()
    report_count("settings files read clean", tried["clean"])
    report_count("settings files with problems named", tried["with problems"])
    assert tried["with problems"] > 0
