"""Scenario files that used to stop Sparring: each named, with its line where there is
one, by `scenarios check`, and skipped (with a word) by the app, which starts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.catalogue import builtin_scenario_dir, load_catalogue
from sparring.domain.scenario_file import ScenarioError, load_scenario
from sparring.store import Archive
from sparring.ui.app import SparringApp

SHIPPED = (builtin_scenario_dir() / "cross-functional-sparring.toml").read_text(encoding="utf-8")


def broken(kind: str) -> bytes:
    """The shipped scenario, broken in one way."""
    if kind == "lens-list":
        return re.sub(r"lenses = \[[^\]]*\]", 'lenses = [["purpose"]]', SHIPPED, count=1).encode()
    if kind == "kind-table":
        text = re.sub(r"insight_kinds = \[[^\]]*\]", "insight_kinds = [{a = 1}]", SHIPPED, count=1)
        return text.encode()
    if kind == "speakers-list":
        return SHIPPED.replace('speakers = "case_owner"', 'speakers = ["case_owner"]', 1).encode()
    if kind == "deep":
        return ("x = " + "[" * 100_000 + "]" * 100_000 + "\n").encode()
    if kind == "latin-1":
        return SHIPPED.encode() + "# caf\xe9\n".encode("latin-1")
    if kind == "huge-number":
        return SHIPPED.replace("minutes = 10", "minutes = " + "9" * 5000, 1).encode()
    assert kind == "ends-early"
    return (SHIPPED + '\n[[phases]]\nid = "x"\ntitle = {en = "a"').encode()


LINES = SHIPPED.count("\n")
CASES = {
    "lens-list": ("key 'phases[0].lenses[0]': must be the id of one lens", None),
    "kind-table": ("insight_kinds[0]': must be the id of one insight kind", None),
    "speakers-list": ("key 'phases[0].speakers': must be one of", None),
    "deep": ("is nested too deeply", None),
    "latin-1": ("is not UTF-8 text", LINES + 1),
    "huge-number": ("holds a number too long to read", None),
    "ends-early": ("the file ends early", LINES + 4),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_file_that_stopped_sparring_is_named_with_its_line(tmp_path: Path, kind: str):
    path = tmp_path / f"{kind}.toml"
    path.write_bytes(broken(kind))
    said, line = CASES[kind]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert said in str(caught.value)
    if line is not None:
        assert caught.value.line == line
    result = CliRunner().invoke(cli, ["scenarios", "check", str(path)])
    assert result.exit_code == 1
    assert said in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit)


async def test_the_app_starts_and_says_which_file_it_skipped(tmp_path: Path):
    for kind in CASES:
        (tmp_path / f"{kind}.toml").write_bytes(broken(kind))
    catalogue = load_catalogue(tmp_path)
    assert "cross-functional-sparring" in catalogue.scenarios
    assert len(catalogue.errors) == len(CASES)
    app = SparringApp(lambda: Archive(tmp_path / "data"), catalogue, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        for kind in CASES:
            assert any(f"{kind}.toml" in message for message in said), kind
        app.exit()
    app.close_store()


def test_a_message_quotes_a_long_value_short(tmp_path: Path):
    path = tmp_path / "long.toml"
    path.write_text(SHIPPED.replace('id = "purpose"', f'id = "{"x" * 100_000}"', 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "lenses[0].id" in str(caught.value) and len(str(caught.value)) < 300
