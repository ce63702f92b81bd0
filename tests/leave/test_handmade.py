"""A session written by hand or by another tool: derivable fields are filled in, and what
is really wrong is named."""

from __future__ import annotations

import json
from pathlib import Path

from sparring.store import Archive
from tests.leave.helpers import run

HANDMADE = {
    "format": "sparring-session",
    "version": 1,
    "id": "handmade-1",
    "scenario": "cross-functional-sparring",
    "group": "Gruppe Ø",
    "started_at": "2026-02-01T09:00:00+01:00",
    "participants": [{"name": "Anne", "challenge": "Tillid"}, {"name": "Bo"}],
    "case_owner": "Anne",
    "notes": [{"phase": "present", "text": "Skrevet i hånden"}],
    "next_steps": [{"who": "Anne", "text": "Ring til Bo"}],
    "follow_ups": [
        {"next_step_id": "s1", "from_session_id": "old", "who": "Bo", "text": "x", "status": "done"}
    ],
}


def test_a_handmade_document_gets_ids_and_times_and_imports_once(tmp_path: Path):
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(HANDMADE), encoding="utf-8")
    root = tmp_path / "data"
    result = run("import", str(path), "--data-dir", str(root))
    assert result.exit_code == 0, result.output
    with Archive(root, read_only=True) as store:
        stored = store.load("handmade-1")
    assert stored.next_steps[0].id and stored.follow_ups[0].id and stored.notes[0].id
    assert stored.next_steps[0].at == "2026-02-01T09:00:00+01:00"
    assert stored.notes[0].at == "2026-02-01T09:00:00+01:00"
    assert stored.next_steps[0].status == "open"
    again = run("import", str(path), "--data-dir", str(root))
    assert again.exit_code == 0 and "already here: handmade-1" in again.output


def test_what_is_really_wrong_is_named(tmp_path: Path):
    wrong = dict(HANDMADE, notes=[{"phase": "present"}], id="handmade-2")
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(wrong), encoding="utf-8")
    result = run("import", str(path), "--data-dir", str(tmp_path / "data"))
    assert result.exit_code == 1
    assert "notes[0].text: is missing" in result.output
