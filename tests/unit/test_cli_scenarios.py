"""`sparring scenarios` and `sparring scenarios check`, as a user calls them; and where
the command runs at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparring.cli import cli

BROKEN = Path(__file__).parent / "broken_scenarios"


def test_version_and_help():
    runner = CliRunner()
    assert runner.invoke(cli, ["--version"]).output.startswith("sparring, version ")
    assert "scenarios" in runner.invoke(cli, ["--help"]).output


def test_scenarios_lists_the_three_shipped_with_their_minutes():
    result = CliRunner().invoke(cli, ["scenarios"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines() if line[:1].isalpha()}
    assert " 35 (10 + 10 + 5 + 10)" in lines["cross-functional-sparring"]
    assert " 15 (5 + 10)" in lines["feedback-round"]
    assert " 4 (1 + 1 + 1 + 1)" in lines["rehearsal"]
    assert "SPARRING I GRUPPERNE" in lines["cross-functional-sparring"]


def test_check_accepts_a_good_file():
    from sparring.domain.catalogue import builtin_scenario_dir

    result = CliRunner().invoke(
        cli, ["scenarios", "check", str(builtin_scenario_dir() / "feedback-round.toml")]
    )
    assert result.exit_code == 0
    assert "ok:" in result.output and "15 minutes" in result.output


def test_check_on_broken_files_names_each_and_exits_non_zero_without_a_traceback():
    files = sorted(BROKEN.glob("*.toml"))
    result = subprocess.run(
        [sys.executable, "-m", "sparring", "scenarios", "check", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(files)
    for path in files:
        assert any(str(path) in line for line in errors)
    assert any("line 7" in line for line in errors if "bad_toml" in line)
    assert any("key 'phases[0].lenses[1]'" in line for line in errors)


def test_on_windows_the_command_says_where_it_runs_and_exits(monkeypatch, capsys):
    from sparring.cli import main

    monkeypatch.setattr(os, "name", "nt")
    with pytest.raises(SystemExit) as ended:
        main()
    monkeypatch.undo()
    assert ended.value.code == 2
    assert "Linux and macOS" in capsys.readouterr().err
