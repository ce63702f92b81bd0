"""The search index file (`search-index.bin`): what a query reads, and what it must not.

A query answered from the index gives what the session files say; the index is only
trusted for files it holds as they are now, a part of it that does not parse is reported
and the answer taken from the session files, and the index of an earlier layout goes.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.session import Session
from sparring.store import Archive, NoteHit, NoteQuery, table_file
from sparring.store.caches import Caches
from sparring.store.folder import Folder
from sparring.store.table_file import HEADER_SIZE, TableFile
from tests.store.helpers import add_note, saved_session

WORDS = ["tillid", "Økonomi", "silo", "møde", "kaffe", "ansvar", "ÅBEN", "dialog"]
MEMBERS = ["Anne", "Bo", "Carla", "Dorte"]
PAST = (datetime.now(UTC) - timedelta(hours=1)).timestamp()


def fill(root: Path, sessions: int = 6, seed: int = 5) -> list[Session]:
    """Sessions of two groups with notes of random words, members, phases and days."""
    rng = random.Random(seed)
    made = []
    with Archive(root) as store:
        for number in range(sessions):
            day = datetime(2026, 1 + number % 12, 1 + number, 9, tzinfo=UTC)
            session = saved_session(store, group=f"Gruppe {number % 2 + 1}",
                                    created_at=day.isoformat(timespec="milliseconds"))
            for minute in range(rng.randrange(0, 7)):
                at = (day + timedelta(minutes=minute * 7)).isoformat(timespec="milliseconds")
                add_note(store, session, " ".join(rng.choices(WORDS, k=3)),
                         phase=rng.choice(["present", "reflect", "round"]),
                         author=rng.choice(MEMBERS), about=rng.choice([None, *MEMBERS]),
                         lens=rng.choice([None, "team", "purpose"]), at=at)
            made.append(session)
    return made


def age(root: Path) -> None:
    """Every session file, and the folder of them, look written an hour ago (so the
    index may vouch for them)."""
    for path in (root / "sessions").glob("*.json"):
        os.utime(path, (PAST, PAST))
    os.utime(root / "sessions", (PAST, PAST))


def indexed(root: Path) -> None:
    """Bring the search index up to date, as the app does after a search."""
    with Archive(root) as store:
        store.search(text="x")
    assert (root / "search-index.bin").exists()


QUERIES = [
    NoteQuery(),
    NoteQuery(text="tillid"),
    NoteQuery(text="økonomi åben"),
    NoteQuery(member="anne"),
    NoteQuery(about="Bo", phase="reflect"),
    NoteQuery(author="Carla", lens="team"),
    NoteQuery(group="gruppe 2"),
    NoteQuery(since=date(2026, 3, 1), until=date(2026, 5, 31)),
    NoteQuery(text="silo", group="Gruppe 1", phase="round"),
]


def answers(store: Archive) -> list[list[tuple[str, str, str]]]:
    """Every query's first page and count, and its hits oldest first."""

    def shown(hits: list[NoteHit]) -> list[tuple[str, str, str]]:
        return [(h.note.id, h.note.text, h.session.group) for h in hits]

    found = []
    for query in QUERIES:
        page, total = store.page(query, limit=5)
        found.append([*shown(page), ("total", str(total), "")])
        found.append(shown(store.search(**vars(query))))
    return found


def from_files(root: Path, scratch: Path) -> list[list[tuple[str, str, str]]]:
    """The answers from the session files alone (a copy of the folder, without caches)."""
    copy = scratch / "copy"
    shutil.copytree(root / "sessions", copy / "sessions")
    with Archive(copy, read_only=True) as store:
        return answers(store)


def test_the_index_answers_every_query_as_the_session_files_do(tmp_path: Path):
    root = tmp_path / "data"
    fill(root, sessions=9)
    age(root)
    indexed(root)
    expected = from_files(root, tmp_path)
    assert any(len(rows) > 2 for rows in expected)
    with Archive(root, read_only=True) as store:  # every row from the index
        assert answers(store) == expected
    with Archive(root) as store:  # the folder open first: the index for the rows
        store.sessions()
        assert answers(store) == expected


def test_a_note_saved_since_is_found_and_the_rest_still_come_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "data"
    sessions = fill(root)
    age(root)
    indexed(root)
    with Archive(root) as store:  # another Sparring saves a note; it never searched
        add_note(store, sessions[2], "tillid, written after the index",
                 at="2026-03-03T10:00:00.000+00:00")
    expected = from_files(root, tmp_path)
    read: list[str] = []
    real = Folder.read

    def counting(folder: Folder, session_id: str):  # type: ignore[no-untyped-def]
        read.append(session_id)
        return real(folder, session_id)

    monkeypatch.setattr(Folder, "read", counting)
    with Archive(root, read_only=True) as store:
        assert answers(store) == expected
        texts = [h.note.text for h in store.search(text="tillid")]
    assert "tillid, written after the index" in texts
    assert read == [sessions[2].id]  # the one file changed since, and no other


def test_a_search_with_a_current_index_reads_neither_the_catalogue_nor_a_session_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "data"
    fill(root)
    age(root)
    indexed(root)
    expected = CliRunner().invoke(cli, ["--data-dir", str(root), "history", "--search", "kaffe"])
    assert expected.exit_code == 0 and "kaffe" in expected.output.casefold()

    def refused(*_: object) -> None:
        raise AssertionError("read")

    monkeypatch.setattr(Caches, "read", refused)  # the catalogue
    monkeypatch.setattr(Folder, "read", refused)  # a session file
    monkeypatch.setattr(Folder, "_files", refused)  # the look at each file: the folder vouches
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "history", "--search", "kaffe"])
    assert result.exit_code == 0, result.output
    assert result.output == expected.output


def test_the_folder_vouches_for_its_files_only_while_none_is_written_or_removed(
    tmp_path: Path,
):
    root = tmp_path / "data"
    sessions = fill(root)
    age(root)
    indexed(root)
    index = TableFile.open(root / "search-index.bin")
    assert index.folder is not None  # the index was made with every file in the folder
    index_bytes = (root / "search-index.bin").read_bytes()
    with Archive(root) as store:
        add_note(store, sessions[0], "kaffe, after the index")
        added = saved_session(store, group="Gruppe 3")
        add_note(store, added, "kaffe in a new session")
    (root / "sessions" / f"{sessions[1].id}.json").unlink()  # taken away by hand
    assert (root / "search-index.bin").read_bytes() == index_bytes  # not written since
    with Archive(root, read_only=True) as store:
        found = store.search(text="kaffe")
    texts = {h.note.text for h in found}
    assert {"kaffe, after the index", "kaffe in a new session"} <= texts
    assert sessions[1].id not in {h.session.id for h in found}
    assert answers_now(root) == from_files(root, tmp_path)


def answers_now(root: Path) -> list[list[tuple[str, str, str]]]:
    with Archive(root, read_only=True) as store:
        return answers(store)


def made_and_indexed(tmp_path: Path) -> tuple[Path, list[list[tuple[str, str, str]]], Path]:
    """A folder with its index brought up to date; the answers its session files give,
    and its index."""
    root = tmp_path / "data"
    fill(root)
    age(root)
    indexed(root)
    return root, from_files(root, tmp_path), root / "search-index.bin"


def damage_inside(path: Path, section: str) -> None:
    """Break a part of the index that is read only when used, keeping its size and frame."""
    index = TableFile.open(path)
    start = index._sections[section][0]
    raw = bytearray(path.read_bytes())
    raw[start:start + 1] = b"#"
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("section", ["records", "summaries", "phase", "about", "times"])
def test_a_part_of_the_index_that_does_not_parse_is_reported_and_the_answer_is_right(
    tmp_path: Path, section: str
):
    root, expected, index = made_and_indexed(tmp_path)
    damage_inside(index, section)
    with Archive(root, read_only=True) as store:  # a reader leaves the file as it is
        assert answers(store) == expected
        [told] = [d for d in store.damaged if d.path == index]
        assert told.rebuilt and "damaged" in told.reason
    damaged = index.read_bytes()
    with Archive(root) as store:  # a writer deletes it, and makes it again
        assert answers(store) == expected
    assert index.read_bytes() != damaged
    with Archive(root, read_only=True) as store:  # the index made again is whole
        assert answers(store) == expected
        assert store.damaged == []


def test_the_search_index_of_an_earlier_layout_is_deleted_and_made_again(tmp_path: Path):
    root = tmp_path / "data"
    fill(root)
    old = root / "search-index.json"
    old.write_text(json.dumps({"_meta": {"1": {"kind": "search-index", "schema": 1}},
                               "sessions": {"1": {"notes": "tillid økonomi"}}}))
    with Archive(root) as store:
        store.search(text="tillid")
    assert not old.exists()
    assert TableFile.open(root / "search-index.bin").rows > 0


def test_a_text_that_utf8_cannot_hold_is_kept_in_the_index_as_it_was(tmp_path: Path):
    """(A lone surrogate cannot be saved, but the index is made from whatever is read.)"""
    from sparring.domain.records import Note
    from sparring.domain.summaries import summarize
    from sparring.store.files import Signature
    from sparring.store.notes import NoteTable
    from sparring.store.rows import file_bytes
    from tests.conftest import make_session

    session = make_session(3)
    notes = (Note(session.id, "present", "odd \ud800 text", author="Anne\udfff"),
             Note(session.id, "reflect", "plain"))
    summary = summarize(session, "running", len(notes))
    table = NoteTable([(session.id, Signature(1, 2), summary, notes)])
    path = tmp_path / "search-index.bin"
    path.write_bytes(file_bytes(table, 10, None))
    stored = NoteTable.of_file(TableFile.open(path))
    assert [h.note for h in stored.hits(NoteQuery(text="odd"))] == [notes[0]]
    assert [h.note for h in stored.hits(NoteQuery(author="anne\udfff"))] == [notes[0]]


@pytest.mark.parametrize("section", ["sessions", "records_starts", "folded_starts"])
def test_a_changed_byte_where_the_index_says_where_things_are_is_found_at_once(
    tmp_path: Path, section: str
):
    root, expected, index = made_and_indexed(tmp_path)
    start, end = TableFile.open(index)._sections[section]
    raw = bytearray(index.read_bytes())
    raw[(start + end) // 2] ^= 0x01  # one bit: still JSON, or still a number
    index.write_bytes(bytes(raw))
    with Archive(root, read_only=True) as store:
        assert answers(store) == expected
        assert [d.path for d in store.damaged] == [index]


def test_no_damage_to_the_index_breaks_a_search(tmp_path: Path):
    """Bytes changed anywhere: the search answers (a changed text may find otherwise)."""
    root = tmp_path / "data"
    fill(root)
    age(root)
    indexed(root)
    index = root / "search-index.bin"
    whole = index.read_bytes()
    rng = random.Random(7)
    for _ in range(40):
        raw = bytearray(whole)
        for _ in range(rng.randrange(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        index.write_bytes(bytes(raw))
        with Archive(root, read_only=True) as store:
            answers(store)


def test_an_index_another_program_cuts_short_while_it_is_read_is_reported(tmp_path: Path):
    """(A sync program may write a file in place; one mapped in memory would stop the app.)"""
    root, expected, index = made_and_indexed(tmp_path)
    with Archive(root, read_only=True) as store:
        store.page(NoteQuery(text="tillid"), limit=1)  # the index is open, its texts read
        with index.open("r+b") as handle:
            handle.truncate(HEADER_SIZE)
        assert answers(store) == expected
        assert [d.path for d in store.damaged] == [index]


def test_lines_far_apart_and_close_together_read_alike(tmp_path: Path):
    index = made_and_indexed(tmp_path)[2]
    file = TableFile.open(index)
    every = file.lines("records", list(range(file.rows)))  # close together: one read
    assert len(every) == file.rows > 8
    far = [0, file.rows - 1]  # far apart: a read each
    assert file.lines("records", far) == [every[0], every[-1]]
    assert file.lines("records", far[::-1]) == [every[-1], every[0]]


@pytest.mark.parametrize("chunk", [3, 17, 64])
def test_a_search_read_a_piece_at_a_time_finds_words_across_the_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
):
    root, expected, _index = made_and_indexed(tmp_path)
    monkeypatch.setattr(table_file, "CHUNK", chunk)  # a piece ends inside most words
    assert answers_now(root) == expected


def open_deleted_indexes(root: Path) -> list[str]:
    """The deleted search index files of `root` this process still has open (Linux's
    /proc; another test's archive may still hold its own)."""
    fds = Path("/proc/self/fd")
    links = []
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):
            links.append(os.readlink(fd))
    return [link for link in links
            if link.startswith(str(root / "search-index")) and "(deleted)" in link]


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux's /proc")
def test_after_a_forget_no_deleted_index_is_held_open(tmp_path: Path):
    """(Its blocks, which may hold the forgotten notes, are freed only once it is closed.)"""
    root = made_and_indexed(tmp_path)[0]
    with Archive(root) as store:
        assert store.search(text="tillid")  # from the index, which is kept open
        store.forget_participant("Anne")
        assert open_deleted_indexes(root) == []
        assert store.search(text="tillid") is not None
    assert open_deleted_indexes(root) == []


def test_the_catalogue_vouches_for_a_folder_where_nothing_was_written_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The first look at a folder reads no session file's signature while the folder is
    as when the catalogue was written; once a file is written there, it does."""
    root = tmp_path / "data"
    sessions = fill(root)
    age(root)
    with Archive(root) as store:  # the catalogue, written with the folder as it is
        store.sessions()
    listed = {s.id for s in Archive(root, read_only=True).sessions()}
    looked: list[str] = []
    real = Folder._files

    def looking(folder: Folder):  # type: ignore[no-untyped-def]
        looked.append("look")
        return real(folder)

    monkeypatch.setattr(Folder, "_files", looking)
    with Archive(root, read_only=True) as store:
        assert {s.id for s in store.sessions()} == listed
    assert looked == []
    store = Archive(root)  # another Sparring adds a session, and leaves the caches be
    added = saved_session(store, group="Gruppe 9")
    store.close(caches=False)
    os.utime(root / "sessions", (PAST + 1, PAST + 1))  # a time as old: not the same one
    with Archive(root, read_only=True) as store:
        assert {s.id for s in store.sessions()} == {*listed, added.id}  # looked at again
    assert looked
    assert {s.id for s in sessions} <= listed
