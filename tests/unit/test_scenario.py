"""Scenario files: the shipped ones load, broken ones say what is wrong and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.domain.catalogue import builtin_scenario_dir, load_catalogue
from sparring.domain.protocol import ABORTED, CHECKOUT, FINISHED, SETUP
from sparring.domain.scenario import NOT_PHASE_IDS
from sparring.domain.scenario_file import ScenarioError, load_scenario

BROKEN = Path(__file__).parent / "broken_scenarios"

EXPECTED = {
    # file: (key named, line named or None, words in the reason)
    "bad_toml.toml": ("", 7, "not valid TOML"),
    "missing_source.toml": ("scenario.source", None, "missing"),
    "zero_minutes.toml": ("phases[0].minutes", 12, "positive number"),
    "text_minutes.toml": ("phases[0].minutes", 12, "positive number"),
    "unknown_lens.toml": ("phases[0].lenses[1]", 13, "unknown lens 'culture'"),
    "duplicate_phase.toml": ("phases[1].id", None, "duplicate phase id 'present'"),
    "reserved_phase.toml": ("phases[0].id", None, "'checkout' is a step of every session"),
    "unknown_key.toml": ("phases[0].colour", 14, "unknown key"),
    "no_phases.toml": ("phases", None, "missing"),
    "missing_danish.toml": ("phases[0].title.da", 14, "missing"),
    "unknown_role.toml": ("phases[0].speakers", 13, "must be one of"),
    "not_utf8.toml": ("", None, "not UTF-8"),
    "empty.toml": ("scenario", None, "missing"),
}


def test_the_corpus_and_the_expectations_match():
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_file_names_the_file_the_key_and_the_line(name):
    key, line, words = EXPECTED[name]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN / name)
    error = caught.value
    assert error.path == BROKEN / name
    assert error.key == key
    if line is not None:
        assert error.line == line
    assert words in error.reason
    message = str(error)
    assert str(BROKEN / name) in message
    if key:
        assert f"key '{key}'" in message


def test_the_ids_no_phase_may_take_are_the_protocols_other_states():
    assert {SETUP, CHECKOUT, FINISHED, ABORTED} == NOT_PHASE_IDS


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_scenario(tmp_path / "nope.toml")


def test_every_shipped_scenario_loads():
    catalogue = load_catalogue()
    assert catalogue.errors == []
    assert set(catalogue.scenarios) == {"cross-functional-sparring", "feedback-round", "rehearsal"}
    for path in builtin_scenario_dir().glob("*.toml"):
        load_scenario(path)


def test_the_seed_protocol_is_10_10_5_10_minutes(sparring_scenario):
    phases = sparring_scenario.phases
    assert [p.id for p in phases] == ["present", "reflect", "interview", "round"]
    assert [p.minutes for p in phases] == [10, 10, 5, 10]
    assert sparring_scenario.total_minutes == 35
    assert [p.speakers for p in phases] == [
        "case_owner",
        "reflecting_team",
        "case_owner",
        "each_other_member",
    ]
    assert phases[1].listeners == "case_owner"
    assert phases[0].lenses == ("purpose", "processes", "team", "stakeholders")
    assert phases[2].insight_kinds == ("consideration", "awareness", "possibility", "pitfall")
    assert phases[3].has_turns
    reflect_prompts = " ".join(p.en for p in phases[1].prompts)
    for cue in ("perceive", "leadership options", "culture"):
        assert cue in reflect_prompts
    assert [sparring_scenario.lens(i).name.da for i in phases[0].lenses] == [
        "Formål",
        "Processer",
        "Holdet",
        "Interessenterne",
    ]
    assert sparring_scenario.insight_kind("pitfall").name.get("da") == "Faldgruber"


def test_rehearsal_is_the_same_protocol_in_one_minute_phases(sparring_scenario):
    rehearsal = load_catalogue().get("rehearsal")
    assert [p.id for p in rehearsal.phases] == [p.id for p in sparring_scenario.phases]
    assert rehearsal.total_minutes == 4


def test_a_user_scenario_is_found_and_may_replace_a_shipped_one(tmp_path):
    source = builtin_scenario_dir() / "rehearsal.toml"
    (tmp_path / "mine.toml").write_text(
        source.read_text(encoding="utf-8").replace('id = "rehearsal"', 'id = "mine"'),
        encoding="utf-8",
    )
    (tmp_path / "broken.toml").write_text("[scenario", encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert "mine" in catalogue.scenarios
    assert "mine" not in catalogue.builtin
    assert [e.path.name for e in catalogue.errors] == ["broken.toml"]
    with pytest.raises(KeyError, match="known: "):
        catalogue.get("nothing")
