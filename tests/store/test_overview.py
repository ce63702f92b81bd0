"""The overview cache: what the start screen lists, read before the rest of the folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant
from sparring.store import Archive
from tests.store.helpers import saved_session, writer_elsewhere
from tests.store.test_groups import run_session

MEMBERS = [Participant("Anne", "Hand-offs"), Participant("Bo", "Budget"),
           Participant("Carla", "Nights")]


@pytest.fixture
def root(tmp_path: Path, sparring_scenario: Scenario) -> Path:
    """Two groups' finished sessions and one unfinished, written by an archive now closed."""
    root = tmp_path / "data"
    with Archive(root) as store:
        run_session(store, sparring_scenario, "Group 1", "Anne", 9, MEMBERS)
        run_session(store, sparring_scenario, "Group 2", "Bo", 10, MEMBERS)
        saved_session(store, group="Group 3")
    return root


def test_the_overview_is_read_before_the_folder_and_holds_what_it_lists(root: Path):
    (root / "catalogue.json").unlink()  # not read for the overview: nothing else could tell
    store = Archive(root)
    first = store.first_overview()
    assert first is not None
    assert [g.name for g in first.groups] == ["Group 3", "Group 2", "Group 1"]
    assert [s.group for s in first.unfinished] == ["Group 3"] and first.sessions == 3
    assert first == store.overview()  # the folder, read whole, says the same
    assert store.first_overview() is None  # once the folder is read, it is the one asked
    store.close()


def test_a_session_written_since_makes_the_start_screen_wait_for_the_folder(root: Path):
    other = Archive(root)
    saved_session(other, group="Group 4")
    other.close(caches=False)  # as an import does: the caches are left to the next
    store = Archive(root)
    assert store.first_overview() is None
    assert store.overview().groups[0].name == "Group 4"
    store.close()  # made again as the archive closes
    again = Archive(root, read_only=True)
    first = again.first_overview()
    assert first is not None and first.sessions == 4
    again.close()


def test_the_overview_tells_which_unfinished_session_another_process_writes(root: Path):
    unfinished = Archive(root, read_only=True).sessions(state="setup")[0].id
    with writer_elsewhere(root, unfinished) as pid:
        first = Archive(root, read_only=True).first_overview()
        assert first is not None and first.held == {unfinished: str(pid)}
    first = Archive(root, read_only=True).first_overview()
    assert first is not None and first.held == {}


@pytest.mark.parametrize("damage", [
    b"{ cut short",
    json.dumps({"_meta": {"1": {"kind": "overview", "schema": 1, "sessions": 3}},
                "groups": {"1": {"name": 5}}}).encode(),
    json.dumps({"_meta": {"1": {"kind": "overview", "schema": 1, "sessions": "3"}}}).encode(),
    json.dumps({"_meta": {"1": {"kind": "overview", "schema": 1, "sessions": 3}},
                "unfinished": {"1": ["not", "a", "summary"]}}).encode(),
])
def test_a_damaged_overview_is_reported_deleted_and_made_again(root: Path, damage: bytes):
    path = root / "overview.json"
    path.write_bytes(damage)
    store = Archive(root)
    assert store.first_overview() is None
    assert [(e.path.name, e.rebuilt) for e in store.damage_met] == [("overview.json", True)]
    assert not path.exists()
    assert len(store.overview().groups) == 3  # from the folder itself
    store.close()
    first = Archive(root).first_overview()
    assert first is not None and first.sessions == 3
