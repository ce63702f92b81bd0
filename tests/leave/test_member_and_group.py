"""A member's own case notes, their learning point, and a group that moves laptops."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from sparring.store import Archive
from tests.leave.helpers import group_history, run


def test_a_member_takes_home_their_own_cases_of_their_group_only(tmp_path: Path):
    root = tmp_path / "data"
    group_history(root)
    assert (
        run(
            "learning-point",
            "--group",
            "gruppe ø",
            "--member",
            "Anne",
            "Lytte mere",
            "--data-dir",
            str(root),
        ).exit_code
        == 0
    )
    out = tmp_path / "anne.html"
    result = run(
        "export",
        "--member",
        "anne",
        "--group",
        "Gruppe Ø",
        "--format",
        "html",
        "-o",
        str(out),
        "--data-dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Anne&#x27;s challenge 10" in page and "&lt;script&gt;" in page
    assert "Anne ser sin egen sag" in page  # noticed in Bo's round
    assert "Bo&#x27;s own thing" not in page  # on Bo's case, not hers
    assert "Tal med direktionen" in page and "gik godt" in page
    assert "Lytte mere" in page
    assert "the other Anne" not in page  # another group's Anne is another person
    markdown = run("export", "--member", "Anne", "--group", "Gruppe Ø", "--data-dir", str(root))
    assert "## Learning point\n\nLytte mere" in markdown.output
    assert "- 10 March 2026: done: gik godt" in markdown.output.replace("  - ", "- ")


def test_a_name_in_two_groups_asks_which(tmp_path: Path):
    root = tmp_path / "data"
    group_history(root)
    result = run("export", "--member", "Anne", "--data-dir", str(root))
    assert result.exit_code == 2 and "--group" in result.output
    assert (
        run("export", "--member", "Nobody", "--group", "Other", "--data-dir", str(root)).exit_code
        != 0
    )


def test_a_learning_point_changes_and_keeps_its_history_and_is_forgotten(tmp_path: Path):
    root = tmp_path / "data"
    group_history(root)
    for text in ("Lytte mere", "Delegere"):
        assert (
            run(
                "learning-point",
                "--group",
                "Gruppe Ø",
                "--member",
                "Anne",
                text,
                "--data-dir",
                str(root),
            ).exit_code
            == 0
        )
    run("learning-point", "--group", "Other", "--member", "Anne", "Andet", "--data-dir", str(root))
    shown = run(
        "learning-point", "--group", "Gruppe Ø", "--member", "Anne", "--data-dir", str(root)
    )
    assert shown.output.index("Lytte mere") < shown.output.index("Delegere")
    assert "Andet" not in shown.output
    assert stat.S_IMODE((root / "learning-points.json").stat().st_mode) == 0o600
    run("forget", "--participant", "Anne", "--group", "Gruppe Ø", "--yes", "--data-dir", str(root))
    text = (root / "learning-points.json").read_text(encoding="utf-8")
    assert "Delegere" not in text and "Lytte" not in text and "Andet" in text


def _without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_a_group_moves_to_another_laptop_and_back_unchanged(tmp_path: Path):
    here, there = tmp_path / "here", tmp_path / "there"
    ids = group_history(here)
    run(
        "learning-point", "--group", "Gruppe Ø", "--member", "Bo", "Spørge", "--data-dir", str(here)
    )
    moved = tmp_path / "gruppe.json"
    assert (
        run("export", "--group", "gruppe ø", "-o", str(moved), "--data-dir", str(here)).exit_code
        == 0
    )
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600
    result = run("import", str(moved), "--data-dir", str(there))
    assert result.exit_code == 0, result.output
    assert result.output.count("imported ") == 2 and "1 learning points" in result.output
    again = tmp_path / "again.json"
    run("export", "--group", "gruppe ø", "-o", str(again), "--data-dir", str(there))
    first, second = json.loads(moved.read_text()), json.loads(again.read_text())
    assert _without_time(first) == _without_time(second)
    assert [s["id"] for s in first["sessions"]] == [ids["first"], ids["second"]]
    assert ids["other"] not in moved.read_text()
    # Imported twice: nothing doubled. Cases follow their members: Anne's case id holds.
    assert "already here" in run("import", str(moved), "--data-dir", str(there)).output
    with Archive(there, read_only=True) as store:
        assert len(store.sessions()) == 2
        cases = {s.id: s.case_of("Anne") for s in store.sessions()}
        assert len(store.learning_points()) == 1
    assert cases[ids["first"]] == cases[ids["second"]] is not None


def test_a_damaged_or_newer_group_file_imports_nothing(tmp_path: Path):
    here, there = tmp_path / "here", tmp_path / "there"
    group_history(here)
    moved = tmp_path / "gruppe.json"
    run("export", "--group", "Gruppe Ø", "-o", str(moved), "--data-dir", str(here))
    document = json.loads(moved.read_text())
    broken = json.loads(moved.read_text())
    broken["sessions"][1]["notes"][0]["at"] = "last tuesday"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    result = run("import", str(tmp_path / "broken.json"), "--data-dir", str(there))
    assert result.exit_code == 1
    assert "sessions[1].notes[0].at: must be an ISO 8601 time" in result.output
    assert "nothing of it was imported" in result.output and "Bo's own" not in result.output
    document["version"] = 2
    (tmp_path / "newer.json").write_text(json.dumps(document))
    result = run("import", str(tmp_path / "newer.json"), "--data-dir", str(there))
    assert result.exit_code == 1 and "newer Sparring" in result.output
    with Archive(there, read_only=True) as store:
        assert store.sessions() == []


def test_a_session_here_in_another_version_is_kept_and_said(tmp_path: Path):
    here, there = tmp_path / "here", tmp_path / "there"
    ids = group_history(here)
    moved = tmp_path / "gruppe.json"
    run("export", "--group", "Gruppe Ø", "-o", str(moved), "--data-dir", str(here))
    document = json.loads(moved.read_text())
    document["sessions"][0]["notes"][0]["text"] = "changed elsewhere"
    (tmp_path / "changed.json").write_text(json.dumps(document))
    run("import", str(moved), "--data-dir", str(there))
    result = run("import", str(tmp_path / "changed.json"), "--data-dir", str(there))
    assert result.exit_code == 1
    assert f"a different version of session {ids['first']} is already here" in result.output
    assert "changed elsewhere" not in result.output
    with Archive(there, read_only=True) as store:
        assert store.load(ids["first"]).notes[0].text.startswith("<script>")
