"""Forget and delete leave no copy anywhere in the data folder: not in a damaged cache,
not in a cache an earlier Sparring moved aside, not in a half-typed note."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sparring.cli import cli
from sparring.store import Archive
from tests.store.helpers import add_note, data_files, saved_session

SECRET = "the warehouse keeps secrets"


def holds(root: Path, needle: str) -> list[str]:
    """The files of the data folder whose bytes hold `needle`."""
    return [p.name for p in data_files(root) if needle.encode() in p.read_bytes()]


def folder_with_notes(root: Path) -> str:
    """A session of Anne's case with a note on it, its search index written; its id."""
    with Archive(root) as store:
        session = saved_session(store)
        add_note(store, session, SECRET)
        assert store.search(text="warehouse")  # the search index is made, with the note
    assert holds(root, SECRET)
    return session.id


def damage_index(root: Path) -> None:
    """Cut the search index short: it still holds the note, but does not parse."""
    index = root / "search-index.bin"
    index.write_bytes(index.read_bytes()[:-10])


def forget_anne(root: Path) -> str:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(root), "forget", "--participant", "Anne", "--yes"]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_forget_after_the_search_index_was_damaged_leaves_no_copy(tmp_path: Path):
    root = tmp_path / "data"
    folder_with_notes(root)
    damage_index(root)
    with Archive(root) as writer:  # the app, searching the history
        assert writer.search(text="warehouse")
        [told] = writer.damaged
        assert told.path.name == "search-index.bin" and told.rebuilt
    forget_anne(root)
    assert holds(root, SECRET) == []
    assert holds(root, "Anne") == []


def test_a_cache_an_earlier_sparring_moved_aside_is_deleted_with_a_word(tmp_path: Path):
    root = tmp_path / "data"
    folder_with_notes(root)
    aside = root / "search-index.json.unreadable-20260101T000000000000"
    aside.write_bytes((root / "search-index.bin").read_bytes()[:-10])
    output = forget_anne(root)
    assert f"{aside}: was a damaged cache an earlier Sparring moved aside" in output
    assert not aside.exists()
    assert holds(root, SECRET) == []


def test_a_draft_on_the_forgotten_case_owners_case_is_forgotten(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store)  # Anne's case
        store.save_draft(session.id, SECRET)
        other = saved_session(store, case_owner="Bo")
        store.save_draft(other.id, "a draft on Bo's case")
    forget_anne(root)
    assert holds(root, SECRET) == []
    with Archive(root, read_only=True) as store:
        assert store.load(session.id).draft == ""
        assert store.load(other.id).draft == "a draft on Bo's case"


def test_delete_after_the_search_index_was_damaged_leaves_no_copy(tmp_path: Path):
    root = tmp_path / "data"
    session_id = folder_with_notes(root)
    damage_index(root)
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "delete", session_id, "--yes"])
    assert result.exit_code == 0, result.output
    assert holds(root, SECRET) == []


def test_history_reports_a_damaged_search_index_once_with_what_to_do(tmp_path: Path):
    root = tmp_path / "data"
    folder_with_notes(root)
    damage_index(root)
    for _ in range(2):  # a reader leaves it as it is, and says so each time
        result = CliRunner().invoke(cli, ["--data-dir", str(root), "history"])
        assert result.exit_code == 0
        assert result.output.count("search-index.bin") == 1
        assert "only a cache" in result.output and SECRET in result.output
