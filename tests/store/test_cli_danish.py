"""The command line in Danish: its help, headings and messages follow the language."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sparring.cli import cli, main
from sparring.cli.options import language_in
from sparring.i18n import set_language
from sparring.store import Archive, SessionBusy, StoreError
from tests.store.helpers import add_note, saved_session


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env, input=input)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args", [["--language", "da", "--help"], ["--help", "--language=da"]])
def test_help_is_danish_with_the_option_before_or_after_it(args: list[str]):
    shown = run(*args).output
    assert "Brug: sparring" in shown and "Tilvalg:" in shown and "Kommandoer:" in shown
    assert "kollegial sparring i en lille gruppe" in shown
    assert "Vis denne hjælp og afslut." in shown
    assert "Slet én session" in shown  # a command's short help, from its own help
    assert "Usage" not in shown and "Show this message" not in shown


def test_a_danish_locale_gives_danish_help_and_english_stays_the_default():
    assert "Brug: sparring" in run("--help", env={"LANG": "da_DK.UTF-8"}).output
    english = run("--help", env={"LANG": "C.UTF-8"}).output
    assert "Usage: sparring" in english and "peer sparring in a small group" in english


def test_a_commands_option_help_keeps_its_values_in_danish():
    shown = run("run", "--help", "--language", "da").output
    words = " ".join(shown.split()).replace("cross- functional", "cross-functional")
    assert "Scenariet, der skal køres (standard: cross-functional-sparring)" in words
    assert '"NAVN: udfordring"' in shown and "Sessionssekunder" in shown


def test_the_console_entry_chooses_the_language_before_click_draws_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr(sys, "argv", ["sparring", "wall", "--help"])
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    with pytest.raises(SystemExit):
        main()
    shown = capsys.readouterr().out
    assert "Vis en kørende session på væggen" in shown and "Med --wall" not in shown


def test_language_in_the_arguments():
    assert language_in(["--language", "da", "sessions"]) == "da"
    assert language_in(["sessions", "--language=en"]) == "en"
    assert language_in(["sessions", "--", "--language", "da"]) is None
    assert language_in(["--language"]) is None


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store, group="Gruppe Ø")
        add_note(store, session, "Tillid på tværs", author="Bo", lens="team", kind="awareness")
        add_note(store, session, "Økonomien styrer", author="Carla", lens="purpose")
    return root


def test_forget_asks_and_reports_in_danish(root: Path):
    data = ["--data-dir", str(root), "--language", "da"]
    done = run("forget", "--participant", "Carla", *data, input="y\n")
    assert done.exit_code == 0, done.output
    assert "Glem medlemmet Carla?" in done.output
    assert "Glemte medlemmet Carla: 1 note, 1 navn" in done.output
    assert ", i 1 session." in done.output
    nothing = run("forget", "--case", "no-such-case", "--yes", *data)
    assert "Intet om casen no-such-case i" in nothing.output
    both = run("forget", "--participant", "A", "--case", "b", *data)
    assert both.exit_code == 2 and "angiv præcis én af" in both.output


def test_sessions_and_scenarios_speak_danish(root: Path):
    listed = run("sessions", "--data-dir", str(root), "--language", "da").output
    assert "2 noter" in listed and "notes" not in listed
    table = run("--language", "da", "scenarios").output
    assert table.startswith("NAVN") and "FASER" in table and "[medfølger]" in table
    assert "Sparring i grupperne" in table
    located = run("locate", "--data-dir", str(root), "--language", "da").output
    assert located.splitlines()[0].startswith("data:") and "scenarier:" in located


def test_a_broken_scenario_is_explained_in_danish(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[scenario]\nid = "x"\n', encoding="utf-8")
    result = run("scenarios", "check", str(broken), "--language", "da")
    assert result.exit_code == 1
    assert result.output.startswith(f"fejl: {broken}") and "mangler" in result.output


def test_the_stores_messages_speak_danish(root: Path):
    set_language("da")
    busy = SessionBusy("abc", "12", "Gruppe Ø")
    assert str(busy).startswith("Sessionen for Gruppe Ø er åben i en anden Sparring (proces 12)")
    with Archive(root, read_only=True) as store, pytest.raises(StoreError) as raised:
        store.find("ffffffff")
    assert str(raised.value) == f"Der er ingen session ffffffff i {root}."


def test_an_import_of_a_wrong_document_is_explained_in_danish(root: Path, tmp_path: Path):
    empty, wrong = tmp_path / "empty.json", tmp_path / "wrong.json"
    empty.write_text("", encoding="utf-8")
    wrong.write_text('{"format": "something else"}', encoding="utf-8")
    result = run("import", str(empty), str(wrong), "--data-dir", str(root), "--language", "da")
    assert result.exit_code == 1
    assert f"fejl: {empty}: er tom" in result.output
    assert 'format: skal være "sparring-session"' in result.output


def test_clicks_own_errors_speak_danish():
    result = run("--language", "da", "sessions", "--nope")
    assert result.exit_code == 2
    assert "Fejl: Intet tilvalg ved navn '--nope'." in result.output
    assert "Prøv 'sparring sessions --help' for at få hjælp." in result.output
    english = run("sessions", "--nope")
    assert "Error: No such option '--nope'." in english.output
