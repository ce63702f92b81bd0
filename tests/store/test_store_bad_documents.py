"""Documents that used to break Sparring: refused at import with the file and the field
named, and, where an older Sparring stored them, unable to break a later command."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.moments import day_text, time_key, time_text
from sparring.domain.records import Note, StoredSession
from sparring.domain.session import Event
from sparring.store import Archive
from tests.conftest import make_session

CALENDAR_ENDS = ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00")


def document(**changes: Any) -> dict[str, Any]:
    """A valid interchange document, with `changes`."""
    doc: dict[str, Any] = {
        "format": "sparring-session",
        "version": 1,
        "id": "doc1",
        "scenario": "cross-functional-sparring",
        "group": "G",
        "created_at": "2026-03-02T10:00:00+01:00",
        "participants": [{"name": "Anne", "challenge": "c"}, {"name": "Bo", "challenge": ""}],
        "case_owner": "Anne",
        "timekeeper": "Bo",
        "notes": [{"id": "n1", "phase": "present", "text": "hello", "at": "2026-03-02T10:05:00Z"}],
        "events": [{"trigger": "start", "at": 0.0, "wall": "2026-03-02T10:00:00+01:00"}],
        "evaluation": {"scores": {"overall": 4}, "other": "", "at": "2026-03-02T10:40:00Z"},
    }
    doc.update(changes)
    return doc


def run_import(tmp_path: Path, raw: str) -> tuple[int, str, list[Path]]:
    """`sparring import` of a file holding `raw`: exit code, output, files written."""
    source = tmp_path / "in.json"
    source.write_text(raw, encoding="utf-8", errors="surrogatepass")
    data = tmp_path / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "import", str(source)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    sessions = sorted((data / "sessions").glob("*")) if (data / "sessions").exists() else []
    return result.exit_code, result.output, sessions


def note_field(field: str, value: str) -> str:
    """A document whose first note's `field` is the JSON text `value`."""
    doc = document()
    doc["notes"][0][field] = "@@value@@"
    return json.dumps(doc).replace('"@@value@@"', value)


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ('{"a":' + "[" * 100_000 + "]" * 100_000 + "}", "in.json: is nested too deeply"),
        (
            json.dumps(document())[:-1] + ', "x": ' + "9" * 5000 + "}",
            "too long to be read (line 1)",
        ),
        (note_field("text", '"\\ud800"'), "notes[0].text: holds a lone surrogate"),
        (note_field("clock", "NaN"), "notes[0].clock: must be a number"),
        (note_field("clock", "Infinity"), "notes[0].clock: must be a number"),
        (note_field("clock", "1" + "0" * 400), "notes[0].clock: must be a number"),
        (json.dumps(document(id="doc1\n")), "in.json: id: is not a session id"),
        (json.dumps(document(events=[{"trigger": "start", "at": 0, "wall": "x"}])), "wall"),
        (
            json.dumps(document(events=[{"trigger": "extend", "at": 1, "wall": CALENDAR_ENDS[0]}])),
            "events[0].wall: must be a time from the year 2",
        ),
        (
            json.dumps(document(created_at=CALENDAR_ENDS[1])),
            "created_at: must be a time from the year 2",
        ),
        (
            json.dumps(
                document(events=[{"trigger": "start", "at": 0, "wall": "2026-03-02", "args": {}}])
            ).replace('"args": {}', '"args": {"minutes": NaN}'),
            "events[0].args.minutes: must be a number",
        ),
        (
            json.dumps(
                document(
                    events=[{"trigger": "start", "at": 0, "wall": "2026-03-02", "args": {"a": {}}}]
                )
            ),
            "events[0].args.a: must be text, a number",
        ),
        (
            json.dumps(
                document(evaluation={"scores": {"overall": None}, "at": "2026-03-02"})
            ).replace("null", "NaN"),
            "evaluation.scores",
        ),
        (
            json.dumps(document(evaluation={"scores": {"x" * 100_000: 1}, "at": "2026-03-02"})),
            "evaluation.scores: names a question Sparring does not ask",
        ),
    ],
    ids=[
        "deep",
        "huge-int",
        "surrogate",
        "nan",
        "infinity",
        "huge-float",
        "id-newline",
        "bad-time",
        "year-1",
        "year-9999",
        "nan-minutes",
        "nested-args",
        "nan-score",
        "long-question",
    ],
)
def test_a_document_that_broke_sparring_is_refused_and_named(tmp_path: Path, raw: str, said: str):
    code, output, written = run_import(tmp_path, raw)
    assert code == 1
    assert said in output
    assert "Traceback" not in output
    assert "hello" not in output and len(output) < 1000
    assert written == []


def test_json_lines_that_break_the_parser_spoil_only_their_line(tmp_path: Path):
    lines = [
        json.dumps(document()),
        '{"a":' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"a": ' + "9" * 5000 + "}",
    ]
    code, output, written = run_import(tmp_path, "\n".join(lines))
    assert code == 1
    assert "imported doc1" in output
    assert "line 2: is nested too deeply" in output
    assert "line 3: holds a number too long" in output
    assert [path.name for path in written] == ["doc1.json"]


def test_times_at_the_calendars_ends_are_shown_not_raised():
    for moment in CALENDAR_ENDS:
        assert time_text(moment) == moment[:16].replace("T", " ")
        assert day_text(moment) == moment[:10]
        assert time_key(moment) is None


def legacy_folder(root: Path) -> list[str]:
    """What an older Sparring accepted and stored: times at the calendar's ends and
    numbers that are not numbers; and one good session. The ids of the bad ones."""
    bad = []
    with Archive(root) as store:
        for wall, clock in [(CALENDAR_ENDS[0], 1.0), (CALENDAR_ENDS[1], float("nan"))]:
            session = make_session(4)
            session.created_at = wall
            session.events = [Event("start", clock, wall, {}, "present")]
            note = Note(
                session_id=session.id, text="private", phase="present", at=wall, clock=clock
            )
            store.import_session(StoredSession(session, "present", [note], [], [], None, ""))
            bad.append(session.id)
        good = make_session(4)
        store.import_session(StoredSession(good, "setup", [], [], [], None, ""))
    return bad


@pytest.mark.parametrize("command", [["sessions"], ["history"], ["sessions", "--json"]])
def test_an_older_file_holding_them_breaks_no_reading_command(tmp_path: Path, command: list[str]):
    bad = legacy_folder(tmp_path / "data")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), *command])
    assert result.exit_code == 0, result.output
    for session_id in bad:
        assert f"{session_id}.json: has a record of the wrong shape" in result.output
    assert "private" not in result.output


def test_a_full_id_wins_over_a_longer_id_it_starts(tmp_path: Path):
    data = tmp_path / "data"
    with Archive(data) as store:
        for session_id in ("abc", "abcdef"):
            session = make_session(2)
            session.id = session_id
            store.save_session(session)
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "export", "abc"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == "abc"


def test_a_typed_lone_surrogate_is_refused_and_nothing_written(tmp_path: Path):
    from sparring.store import StoreError

    root = tmp_path / "data"
    with Archive(root) as store:
        session = make_session(4)
        store.save_session(session)
        path = root / "sessions" / f"{session.id}.json"
        before = path.read_bytes()
        for save in (
            lambda: store.save_note(Note(session_id=session.id, text="a\ud800", phase="present")),
            lambda: store.save_draft(session.id, "\udcff"),
        ):
            with pytest.raises(StoreError, match="not valid Unicode"):
                save()
            assert path.read_bytes() == before
        store.save_note(Note(session_id=session.id, text="fine", phase="present"))
    with Archive(root, read_only=True) as store:
        assert [n.text for n in store.load(session.id).notes] == ["fine"]


def older_catalogue(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`legacy_folder` as an older Sparring left it: its catalogue lists the sessions with
    times at the calendar's ends, trusted (their files unchanged for an hour). The ids."""
    from datetime import datetime

    from sparring.domain import checks

    def lenient_moment(data: dict[str, Any], key: str, where: str) -> str:
        value = checks.text(data, key, where)
        datetime.fromisoformat(value)
        return value

    with monkeypatch.context() as older:  # the checks as an older Sparring had them
        older.setattr(checks, "moment", lenient_moment)
        older.setattr(checks, "finite", lambda value, where, low, high: float(value))
        bad = legacy_folder(root)
        an_hour_ago = time.time() - 3600
        for path in (root / "sessions").glob("*.json"):
            os.utime(path, (an_hour_ago, an_hour_ago))
        with Archive(root) as store:
            assert {s.id for s in store.sessions()} >= set(bad)
    return bad


def test_a_catalogue_an_older_sparring_wrote_with_them_breaks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The lists show such times as written, the notes' file is named, nothing raises."""
    root = tmp_path / "data"
    bad = older_catalogue(root, monkeypatch)
    for command in (["sessions"], ["history"], ["export", bad[0], "--format", "md"]):
        result = CliRunner().invoke(cli, ["--data-dir", str(root), *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert "Traceback" not in result.output and "private" not in result.output
    listed = CliRunner().invoke(cli, ["--data-dir", str(root), "sessions"]).output
    assert "0001-01-01 00:00" in listed and "9999-12-31 23:59" in listed
