"""The data commands as a user calls them: clear one-line errors, never a traceback."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sparring.cli import cli
from sparring.domain.records import NextStep
from sparring.store import Archive
from tests.store.helpers import add_note, saved_session, writer_elsewhere


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store, group="Gruppe Ø")
        add_note(store, session, "Tillid på tværs", author="Bo", lens="team", kind="awareness")
        add_note(store, session, "Økonomien styrer", author="Carla", lens="purpose")
        store.save_next_step(NextStep(session.id, "Anne", "Ask the board"))
    return root


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


def session_id(root: Path) -> str:
    with Archive(root, read_only=True) as store:
        return store.sessions()[0].id


def listed_case(root: Path, name: str) -> str:
    [line] = run("sessions", "--data-dir", str(root), "--json").output.splitlines()
    case_id: str = json.loads(line)["cases"][name]
    return case_id


def test_locate_names_the_data_config_and_scenario_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SPARRING_DATA_DIR", str(tmp_path / "from-env"))
    assert f"data:      {tmp_path / 'from-env'}" in run("locate").output
    result = run("locate", "--data-dir", str(tmp_path / "given"))
    lines = result.output.splitlines()
    assert lines[0] == f"data:      {tmp_path / 'given'}"
    assert lines[1].startswith("config:") and lines[2].startswith("scenarios:")
    assert lines[2].endswith("scenarios")
    assert run("--data-dir", str(tmp_path / "before"), "locate").output.startswith(
        f"data:      {tmp_path / 'before'}"
    )


def test_sessions_lists_ids_that_export_takes(root: Path):
    result = run("sessions", "--data-dir", str(root))
    assert result.exit_code == 0 and result.output.startswith(session_id(root))
    [line] = run("sessions", "--data-dir", str(root), "--json").output.splitlines()
    listed = json.loads(line)
    assert listed["group"] == "Gruppe Ø" and set(listed["cases"]) == {
        "Anne",
        "Bo",
        "Carla",
        "Dorte",
    }
    assert run("sessions", "--data-dir", str(root), "--group", "other").output == ""


def test_history_filters_and_prints_one_json_object_per_note(root: Path):
    plain = run("history", "--data-dir", str(root), "--search", "TILLID")
    assert plain.exit_code == 0
    [line] = plain.output.splitlines()
    assert "Gruppe Ø" in line and "present / team / awareness" in line
    assert "Tillid på tværs" in line and "Bo on Anne" in line
    everything = run("history", "--data-dir", str(root), "--json").output.splitlines()
    notes = [json.loads(line) for line in everything]
    assert [n["text"] for n in notes] == ["Tillid på tværs", "Økonomien styrer"]
    assert notes[1]["lens"] == "purpose" and notes[1]["session"] == session_id(root)
    assert notes[0]["about"] == "Anne" and notes[0]["case_id"] == listed_case(root, "Anne")
    assert (
        run(
            "history", "--data-dir", str(root), "--lens", "purpose", "--participant", "carla"
        ).output.count("\n")
        == 1
    )
    assert run("history", "--data-dir", str(root), "--kind", "pitfall").output == ""
    assert run("history", "--data-dir", str(root), "--group", "gruppe ø").output.count("\n") == 2
    dated = run(
        "history", "--data-dir", str(root), "--since", "2000-01-01", "--until", "2001-01-01"
    )
    assert dated.output == ""
    bad = run("history", "--data-dir", str(root), "--since", "last week")
    assert bad.exit_code == 2 and "Invalid value for '--since'" in bad.output


def test_export_json_markdown_and_to_a_private_file(root: Path, tmp_path: Path):
    sid = session_id(root)
    document = json.loads(run("export", sid[:6], "--data-dir", str(root)).output)
    assert document["format"] == "sparring-session" and document["id"] == sid
    markdown = run("export", sid, "--format", "md", "--data-dir", str(root)).output
    assert markdown.startswith("# Gruppe Ø:") and "- Tillid på tværs (Bo)" in markdown
    target = tmp_path / "out.md"
    result = run("export", sid, "--format", "md", "-o", str(target), "--data-dir", str(root))
    assert result.exit_code == 0 and target.read_text() == markdown
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    missing = run("export", "nope", "--data-dir", str(root))
    assert missing.exit_code == 1 and "There is no session nope" in missing.output


def test_import_round_trip_twice_and_a_bad_file(root: Path, tmp_path: Path):
    sid = session_id(root)
    exported = tmp_path / "s.json"
    run("export", sid, "-o", str(exported), "--data-dir", str(root))
    elsewhere = tmp_path / "elsewhere"
    first = run("import", str(exported), "--data-dir", str(elsewhere))
    assert first.exit_code == 0 and f"imported {sid}" in first.output
    second = run("import", str(exported), "--data-dir", str(elsewhere))
    assert second.exit_code == 0 and f"already here: {sid}" in second.output
    again = run("export", sid, "--data-dir", str(elsewhere)).output
    assert again == run("export", sid, "--data-dir", str(root)).output
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "sparring-session", "version": 1, "id": "x"}))
    result = run("import", str(broken), "--data-dir", str(elsewhere))
    assert result.exit_code == 1
    assert f"error: {broken}: scenario: is missing" in result.output
    with Archive(elsewhere, read_only=True) as store:
        assert len(store.sessions()) == 1


def test_reading_works_and_writing_is_refused_while_a_session_runs(root: Path, tmp_path: Path):
    sid = session_id(root)
    exported = tmp_path / "s.json"
    run("export", sid, "-o", str(exported), "--data-dir", str(root))
    with writer_elsewhere(root, sid) as pid:
        assert run("history", "--data-dir", str(root)).output.count("\n") == 2
        assert run("sessions", "--data-dir", str(root)).exit_code == 0
        assert run("export", sid, "--data-dir", str(root)).exit_code == 0
        for args in (
            ("import", str(exported)),
            ("forget", "--participant", "Bo", "--yes"),
            ("delete", sid, "--yes"),
        ):
            refused = run(*args, "--data-dir", str(root))
            assert refused.exit_code == 1
            assert f"Gruppe Ø is open in another Sparring (process {pid})" in refused.output
    assert run("history", "--data-dir", str(root)).output.count("\n") == 2


def test_forget_asks_first_and_yes_skips_the_question(root: Path):
    refused = run("forget", "--participant", "Carla", "--data-dir", str(root), input="n\n")
    assert refused.exit_code == 1 and "1 note" in refused.output
    assert "Økonomien" in run("history", "--data-dir", str(root)).output
    done = run("forget", "--participant", "Carla", "--data-dir", str(root), input="y\n")
    assert done.exit_code == 0 and "Forgot member Carla: 1 note" in done.output
    assert "Økonomien" not in run("history", "--data-dir", str(root)).output
    quiet = run("forget", "--participant", "Bo", "--yes", "--data-dir", str(root))
    assert quiet.exit_code == 0 and "?" not in quiet.output.split("\n")[1]
    nothing = run("forget", "--case", "no-such-case", "--yes", "--data-dir", str(root))
    assert nothing.exit_code == 0 and "Nothing of case no-such-case" in nothing.output
    both = run("forget", "--participant", "A", "--case", "b", "--data-dir", str(root))
    assert both.exit_code == 2 and "exactly one of" in both.output


def test_a_damaged_file_is_named_and_makes_forget_fail_loudly(root: Path):
    (root / "sessions" / "feedbeef.json").write_text("{broken")
    listed = run("sessions", "--data-dir", str(root))
    assert listed.exit_code == 0 and "feedbeef.json: is not valid JSON" in listed.output
    result = run("forget", "--participant", "Bo", "--yes", "--data-dir", str(root))
    assert result.exit_code == 1 and "feedbeef.json could not be read" in result.output


@pytest.mark.parametrize("scale", ["0", "-60", "3601", "inf", "nan"])
def test_a_clock_speed_no_session_could_be_kept_at_is_refused_before_the_app_opens(
    tmp_path: Path, scale: str
):
    result = run("--data-dir", str(tmp_path / "data"), "run", "--time-scale", scale)
    assert result.exit_code == 2
    assert "--time-scale must be a number above 0 and at most 3600" in result.output
    assert not (tmp_path / "data").exists()
