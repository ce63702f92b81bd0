"""Promise 5, fuzzed with hypothesis: import documents and scenario files built from valid
ones, then mutated (wrong types, NaN and infinities, huge numbers, deep nesting, lone
surrogates, control characters, 100 KB texts, times at the calendar's ends, cut short).

No traceback: only the documented errors (`InterchangeError`, `ScenarioError`). What is
accepted comes back exactly as it went in, and breaks no later command.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sparring.cli import cli
from sparring.domain.catalogue import builtin_scenario_dir
from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.scenario_file import ScenarioError, load_scenario
from sparring.review import export_session, read_documents
from sparring.store import Archive
from tests.conftest import make_session
from tests.reliability.conftest import count
from tests.store.test_store_bad_documents import document

FUZZ = settings(
    max_examples=count(60, 2000),
    deadline=None,
    derandomize=True,  # repeatable: the same documents every run
    database=None,
    suppress_health_check=list(HealthCheck),
)

RAW = {  # JSON that json.dumps will not write: put in as text after dumping
    "@@huge-int@@": "9" * 5000,
    "@@huge-float@@": "1" + "0" * 400 + ".5",
    "@@deep@@": "[" * 5000 + "]" * 5000,
    "@@nan@@": "NaN",
    "@@infinity@@": "-Infinity",
}
ODD_TEXTS = [
    "\ud800",
    "a\udfffb",
    "\x00\x1b[2J\x07\r",
    "x" * 100_000,
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "2026-03-02T10:00:00",
    "[bold]markup[/bold] 🙂 e\u0301 \u202eltr",
    "abc\n",
    "",
]
PLAUSIBLE = st.one_of(  # what a hand-edited document holds: mostly taken, sometimes odd
    st.text(max_size=30),
    st.sampled_from(ODD_TEXTS),
    st.floats(0, 1e6),
    st.integers(0, 5),
    st.sampled_from(["2026-03-02T10:00:00Z", "purpose", "pitfall", "present", "Anne", None]),
)
VALUES = st.one_of(
    PLAUSIBLE,
    PLAUSIBLE,
    PLAUSIBLE,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(ODD_TEXTS),
    st.sampled_from(sorted(RAW)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.builds(lambda depth: json.loads("[" * depth + "]" * depth), st.integers(1, 400)),
)


def places(value: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in list(items):
        found.append((value, key))
        if isinstance(child, dict | list):
            places(child, found)
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    base = document()
    base["next_steps"] = [{"id": "s1", "who": "Anne", "text": "t", "at": "2026-03-02"}]
    base["follow_ups"] = [
        {
            "id": "f1",
            "next_step_id": "s0",
            "from_session_id": "old",
            "who": "Bo",
            "text": "t",
            "at": "2026-03-02",
        }
    ]
    base["events"][0]["args"] = {"minutes": 1}
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 3))):
        container, key = draw(st.sampled_from(places(doc, [])))
        container[key] = draw(VALUES)
    raw = json.dumps(doc)
    for sentinel, text in RAW.items():
        raw = raw.replace(json.dumps(sentinel), text)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]  # cut short
    return raw


def test_fuzzed_imports_are_refused_with_a_message_or_come_back_exactly(
    tmp_path_factory: Any, report_count: Any
):
    tried = {"refused": 0, "imported": 0}

    @FUZZ
    @given(raw=mutated_documents())
    def attack(raw: str) -> None:
        folder = tmp_path_factory.mktemp("fuzz")
        path = folder / "in.json"
        path.write_bytes(raw.encode("utf-8", "surrogatepass"))
        try:
            documents = read_documents(path)
        except Exception as error:
            assert type(error).__name__ == "InterchangeError", repr(error)
            assert "\ud800" not in str(error) and "x" * 100 not in str(error)
            tried["refused"] += 1
            return
        [found] = documents
        if found.stored is None:
            assert found.error is not None and len(str(found.error)) < 400
            tried["refused"] += 1
            return
        root = folder / "data"
        with Archive(root) as store:
            assert store.import_session(found.stored) == "imported"
        with Archive(root, read_only=True) as store:
            again = store.load(found.stored.session.id)
            assert store.damaged == []
        assert again == found.stored
        assert json.dumps(export_session(again, None)) == json.dumps(
            export_session(found.stored, None)
        )
        for command in (["sessions"], ["history"], ["export", again.session.id, "--format", "md"]):
            result = CliRunner().invoke(cli, ["--data-dir", str(root), *command])
            assert result.exit_code == 0 and result.exception is None, (command, result.output)
        tried["imported"] += 1

    attack()
    report_count("documents imported", tried["imported"])
    report_count("documents refused", tried["refused"])
    assert tried["imported"] and tried["refused"]


SHIPPED = (builtin_scenario_dir() / "cross-functional-sparring.toml").read_text(encoding="utf-8")
ASSIGNMENT = re.compile(r"^(\s*[\w-]+\s*=\s*)(.*)$", re.MULTILINE)
TOML_VALUES = st.one_of(
    st.sampled_from(
        [
            '[["purpose"]]',
            "[{a = 1}]",
            "{a = 1}",
            "nan",
            "-inf",
            "99999999999999999999",
            "0",
            "-3",
            "1e308",
            '"\\ud800"',
            '"' + "x" * 100_000 + '"',
            "[" * 2000 + "]" * 2000,
            "true",
            "1979-05-27T07:32:00Z",
            '""',
            '"  "',
            '"present"',
            '"case_owner"',
            "[]",
            '{ en = "a" }',
            '{ en = "a", da = "b", fr = "c" }',
        ]
    ),
    st.text(max_size=12).map(json.dumps),
    st.text(max_size=12).map(json.dumps),
    st.text(max_size=12).map(json.dumps),
    st.integers(-5, 2000).map(str),
)


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> bytes:
    text = SHIPPED
    for _ in range(draw(st.integers(0, 2))):
        lines = list(ASSIGNMENT.finditer(text))
        line = draw(st.sampled_from(lines))
        text = text[: line.start(2)] + draw(TOML_VALUES) + text[line.end(2) :]
    raw = text.encode("utf-8", "surrogatepass")
    cut = draw(st.integers(0, 12))
    if cut == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif cut == 1:
        raw = raw + b"\xff\xfe"
    return raw


def test_fuzzed_scenario_files_are_refused_with_where_or_run(
    tmp_path_factory: Any, report_count: Any
):
    tried = {"refused": 0, "accepted": 0}

    @FUZZ
    @given(raw=mutated_scenarios())
    def attack(raw: bytes) -> None:
        path = tmp_path_factory.mktemp("scenario") / "mine.toml"
        path.write_bytes(raw)
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            assert str(path) in str(error) and len(str(error)) < 1000
            tried["refused"] += 1
            return
        # Accepted: it runs, from start to check-out, and its minutes add up.
        clock = FakeClock()
        protocol = Protocol(scenario, make_session(4, scenario.id), clock)
        protocol.fire("start")
        for _ in range(len(scenario.phases) + 4):
            clock.advance(30)
            protocol.fire("advance")
        assert protocol.timings()
        tomllib.loads(raw.decode("utf-8"))
        tried["accepted"] += 1

    attack()
    report_count("scenario files accepted", tried["accepted"])
    report_count("scenario files refused", tried["refused"])
    assert tried["refused"] and tried["accepted"]
