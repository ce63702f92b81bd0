"""Review across sessions: notes by member, case, group, phase, lens, kind, day and words."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import sparring.store.folder as mirror_module
from sparring.domain.session import Participant
from sparring.store import Archive
from tests.store.helpers import add_note, saved_session


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def at(day: date, hour: int = 12) -> str:
    return (
        datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        .astimezone(UTC)
        .isoformat(timespec="milliseconds")
    )


@pytest.fixture
def history(root: Path) -> Archive:
    """Two groups, three sessions; Anne brings the same case twice."""
    store = Archive(root)
    first = saved_session(store, group="Gruppe 1", created_at=at(date(2026, 3, 2)))
    anne_case = first.participants[0].case_id
    second = saved_session(store, group="gruppe 1", created_at=at(date(2026, 4, 6)))
    second.participants[0] = Participant("Anne", "The same challenge, later", anne_case)
    second.case_owner = "Bo"
    store.save_session(second)
    other = saved_session(
        store, group="Gruppe 2", created_at=at(date(2026, 4, 7)), case_owner="Carla"
    )
    day1, day2, day3 = date(2026, 3, 2), date(2026, 4, 6), date(2026, 4, 7)
    add_note(
        store,
        first,
        "Tillid mellem afdelingerne",
        author="Bo",
        lens="team",
        kind="awareness",
        at=at(day1),
    )
    add_note(
        store,
        first,
        "ØKONOMI styrer alt",
        author="Carla",
        lens="purpose",
        kind="pitfall",
        at=at(day1),
    )
    add_note(
        store,
        first,
        "Anne could ask the board",
        phase="reflect",
        about="Anne",
        author="Dorte",
        kind="possibility",
        at=at(day1),
    )
    add_note(
        store,
        first,
        "My own team needs this too",
        phase="round",
        about="Carla",
        author="Carla",
        at=at(day1),
    )
    add_note(
        store,
        second,
        "Bo's stakeholders are unclear",
        author="Anne",
        lens="stakeholders",
        at=at(day2),
    )
    add_note(
        store,
        second,
        "Back to Anne's case: tillidsfuld start",
        phase="round",
        about="Anne",
        author="Anne",
        at=at(day2),
    )
    add_note(store, other, "A different group entirely; økonomi", author="Bo", at=at(day3))
    return store


def texts(hits: list) -> list[str]:
    return [hit.note.text for hit in hits]


def test_full_text_ignores_case_and_finds_parts_of_words_in_danish(history: Archive):
    assert texts(history.search(text="tillid")) == [
        "Tillid mellem afdelingerne",
        "Back to Anne's case: tillidsfuld start",
    ]
    assert texts(history.search(text="økonomi")) == [
        "ØKONOMI styrer alt",
        "A different group entirely; økonomi",
    ]
    assert texts(history.search(text="Ø")) == texts(history.search(text="ø"))
    decomposed = "o\u0308"  # not a Danish letter, but typed as base + combining mark
    assert history.search(text=decomposed) == []
    assert texts(history.search(text="økonomi group")) == ["A different group entirely; økonomi"]
    assert history.search(text="nowhere to be found") == []


def test_a_member_is_found_as_the_one_the_note_is_about_or_the_one_who_said_it(
    history: Archive,
):
    about_anne = texts(history.search(about="anne"))
    # Notes without `about` are on the case owner's case: Anne's in the first session.
    assert about_anne == [
        "Tillid mellem afdelingerne",
        "ØKONOMI styrer alt",
        "Anne could ask the board",
        "Back to Anne's case: tillidsfuld start",
    ]
    assert texts(history.search(author="Anne")) == [
        "Bo's stakeholders are unclear",
        "Back to Anne's case: tillidsfuld start",
    ]
    assert texts(history.search(member="ANNE")) == [
        *about_anne[:3],
        "Bo's stakeholders are unclear",
        "Back to Anne's case: tillidsfuld start",
    ]


def test_a_case_is_followed_across_sessions(history: Archive):
    anne_case = history.sessions()[-1].case_ids[0]
    assert texts(history.search(case_id=anne_case)) == [
        "Tillid mellem afdelingerne",
        "ØKONOMI styrer alt",
        "Anne could ask the board",
        "Back to Anne's case: tillidsfuld start",
    ]
    assert history.search(case_id="no-such-case") == []


def test_group_phase_lens_and_kind(history: Archive):
    assert len(history.search(group="GRUPPE 1")) == 6
    assert texts(history.search(group="Gruppe 2")) == ["A different group entirely; økonomi"]
    assert texts(history.search(phase="round", group="Gruppe 1")) == [
        "My own team needs this too",
        "Back to Anne's case: tillidsfuld start",
    ]
    assert texts(history.search(lens="purpose")) == ["ØKONOMI styrer alt"]
    assert texts(history.search(kind="possibility")) == ["Anne could ask the board"]
    assert texts(history.search(kind="pitfall", text="tillid")) == []


def test_a_date_range_counts_local_days_both_ends_included(history: Archive):
    assert len(history.search(since=date(2026, 4, 6))) == 3
    assert len(history.search(until=date(2026, 4, 6))) == 6
    assert len(history.search(since=date(2026, 4, 6), until=date(2026, 4, 6))) == 2
    assert history.search(since=date(2027, 1, 1)) == []


def test_hits_carry_their_session_summary(history: Archive):
    [hit] = history.search(lens="stakeholders")
    assert hit.session.group == "gruppe 1" and hit.session.case_owner == "Bo"
    assert hit.note.session_id == hit.session.id


def test_sessions_by_group_member_and_day(history: Archive):
    assert [s.group for s in history.sessions(group="gruppe 1")] == ["gruppe 1", "Gruppe 1"]
    assert len(history.sessions(member="dorte")) == 3
    assert [s.group for s in history.sessions(since=date(2026, 4, 7))] == ["Gruppe 2"]
    assert history.sessions(until=date(2026, 3, 1)) == []


def test_the_index_follows_every_save_and_delete(history: Archive):
    session = history.load(history.sessions(group="Gruppe 2")[0].id).session
    note = add_note(history, session, "brand new økonomi")
    assert "brand new økonomi" in texts(history.search(text="økonomi"))
    note.text = "edited"
    history.save_note(note)
    assert texts(history.search(text="edited")) == ["edited"]
    assert "brand new økonomi" not in texts(history.search(text="økonomi"))
    history.delete_note(session.id, note.id)
    assert history.search(text="edited") == []


def test_limit_stops_early(history: Archive):
    assert len(history.search(limit=2)) == 2


def _age(root: Path) -> None:
    """Make every session file look written an hour ago, so caches can vouch for them."""
    past = (datetime.now(UTC) - timedelta(hours=1)).timestamp()
    for path in (root / "sessions").glob("*.json"):
        os.utime(path, (past, past))


def test_the_search_index_spares_reading_unchanged_sessions(
    history: Archive, root: Path, monkeypatch: pytest.MonkeyPatch
):
    expected = texts(history.search(text="tillid"))
    history.close()
    _age(root)
    with Archive(root) as store:  # sees new signatures, re-reads, writes the caches
        store.search(text="x")
    reads: list[Path] = []
    real = mirror_module.stored_from_tables

    def counting(tables, path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(tables, path)

    monkeypatch.setattr(mirror_module, "stored_from_tables", counting)
    with Archive(root, read_only=True) as store:
        assert texts(store.search(text="tillid")) == expected
    assert reads == []

    with Archive(root) as store:
        session = store.load(store.sessions(group="Gruppe 2")[0].id).session
        add_note(store, session, "tillid, written after the index")
    reads.clear()
    with Archive(root, read_only=True) as store:
        found = texts(store.search(text="tillid"))
    assert found == [*expected, "tillid, written after the index"]
    assert {p.stem for p in reads} == {session.id}  # (re-read while it is this recent)


def test_a_damaged_search_index_is_deleted_rebuilt_and_reported(history: Archive, root: Path):
    expected = texts(history.search(text="tillid"))
    history.close()
    (root / "search-index.bin").write_text("[not an index")
    with Archive(root) as store:
        assert texts(store.search(text="tillid")) == expected
        [told] = [d for d in store.damaged if d.path.name == "search-index.bin"]
        assert told.rebuilt and "only a cache" in str(told)
    assert [p.name for p in root.glob("search-index.bin*")] == ["search-index.bin"]
    assert b"not an index" not in (root / "search-index.bin").read_bytes()
    with Archive(root) as store:
        assert texts(store.search(text="tillid")) == expected
        assert store.damaged == []  # told once


def test_a_page_is_newest_first_and_counts_every_match(tmp_path):
    from sparring.domain.records import Note
    from sparring.store import Archive, NoteQuery
    from tests.conftest import make_session

    store = Archive(tmp_path / "data")
    texts = []
    for day in (1, 2, 3):
        session = make_session()
        session.created_at = f"2026-10-0{day}T09:00:00.000+00:00"
        store.save_session(session)
        for number in range(4):
            text = f"day{day} idea{number}"
            store.save_note(Note(session_id=session.id, phase="present", text=text,
                                 at=f"2026-10-0{day}T09:0{number}:00.000+00:00"))
            texts.append(text)
    newest_first = list(reversed(texts))
    hits, total = store.page(NoteQuery(), offset=0, limit=5)
    assert total == 12
    assert [h.note.text for h in hits] == newest_first[:5]
    hits, total = store.page(NoteQuery(), offset=5, limit=5)
    assert [h.note.text for h in hits] == newest_first[5:10]
    hits, total = store.page(NoteQuery(text="idea3"), offset=1, limit=5)
    assert total == 3
    assert [h.note.text for h in hits] == ["day2 idea3", "day1 idea3"]
    store.close()
