"""What keeps searching quick at 100,000 notes answers exactly as before: words found in
a session's joined text, names by their folded form, days by a session's time span, and
work done ahead of time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sparring.domain.records import Note
from sparring.domain.session import Participant
from sparring.store import NoteQuery, SessionStore
from sparring.store.index import SessionNotes, Window, fold
from tests.store.helpers import add_note, saved_session


def moment(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat(
        timespec="milliseconds"
    )


def test_a_window_settles_whole_sessions_and_cuts_the_rest_as_before():
    ats = [moment(date(2026, 4, day), hour) for day in (5, 6, 7) for hour in (0, 12, 23)]
    notes = SessionNotes.of(Note("s", "present", f"note {i}", at=at) for i, at in enumerate(ats))
    windows = [
        Window(date(2026, 4, 6), None),
        Window(None, date(2026, 4, 6)),
        Window(date(2026, 4, 6), date(2026, 4, 6)),
        Window(date(2026, 4, 1), date(2026, 4, 30)),
        Window(date(2026, 5, 1), None),
        Window(None, date(2026, 3, 1)),
    ]
    for window in windows:
        expected = [i for i in range(notes.count) if ats[i] in window]
        assert list(window.select(range(notes.count), ats, notes.span)) == expected
        assert list(window.select(range(notes.count), ats, None)) == expected
        assert window.misses(notes.span) == (expected == [])
    assert not Window(date(2026, 5, 1), None).misses(None)  # not known: looked at note by note


def test_a_time_not_written_by_the_store_is_compared_by_its_meaning():
    ats = ["2026-04-06T10:00:00", moment(date(2026, 4, 6), 12)]  # a local time, no zone
    notes = SessionNotes.of(Note("s", "present", "x", at=at) for at in ats)
    assert notes.span is None
    window = Window(date(2026, 4, 6), date(2026, 4, 6))
    assert list(window.select(range(2), ats, notes.span)) == [0, 1]


def test_names_and_span_follow_every_change_of_the_notes():
    first = Note("s", "present", "a", about="Åse", author="bo", at=moment(date(2026, 4, 6), 9))
    notes = SessionNotes.of([first])
    assert notes.names == {"åse": frozenset({"Åse"}), "bo": frozenset({"bo"})}
    later = Note("s", "round", "b", about="ÅSE", at=moment(date(2026, 5, 1), 9))
    notes.put(later)
    assert notes.names["åse"] == frozenset({"Åse", "ÅSE"})
    assert notes.span == (first.at, later.at)
    notes.remove(first.id)
    assert "bo" not in notes.names
    assert notes.span == (later.at, later.at)


def test_a_member_is_found_in_any_case_and_only_where_named(tmp_path: Path):
    store = SessionStore(tmp_path / "data")
    session = saved_session(store)
    session.participants[2] = Participant("Åse", "Nights")
    store.save_session(session)
    add_note(store, session, "on Anne's case")
    add_note(store, session, "said by åse", author="åse")
    add_note(store, session, "about ÅSE", phase="round", about="ÅSE")
    elsewhere = saved_session(store)
    add_note(store, elsewhere, "nobody called Åse here", author="Bo")
    found = {hit.note.text for hit in store.search(member="åse")}
    assert found == {"said by åse", "about ÅSE"}
    assert [h.note.text for h in store.search(about="Åse")] == ["about ÅSE"]
    assert [h.note.text for h in store.search(author="ÅSE")] == ["said by åse"]
    assert store.search(member="Ørjan") == []
    store.close()


def test_preparing_changes_no_answer(tmp_path: Path):
    store = SessionStore(tmp_path / "data")
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for week in range(6):
        session = saved_session(store, created_at=(start + timedelta(weeks=week)).isoformat())
        for number in range(5):
            add_note(store, session, f"uge {week} tillid {number}", about="Bo" if number else None,
                     lens="team" if number % 2 else None,
                     at=(start + timedelta(weeks=week, minutes=number)).isoformat(
                         timespec="milliseconds"))
    store.close()
    queries = [NoteQuery(), NoteQuery(text="TILLID 3"), NoteQuery(member="bo"),
               NoteQuery(about="Anne", lens="team"), NoteQuery(since=date(2026, 1, 20)),
               NoteQuery(since=date(2026, 1, 12), until=date(2026, 1, 26), member="Bo")]
    cold = SessionStore(tmp_path / "data", read_only=True)
    warm = SessionStore(tmp_path / "data", read_only=True)
    warm.prepare_search()
    for query in queries:
        assert warm.page(query, offset=3, limit=7) == cold.page(query, offset=3, limit=7)
        assert warm.query(query) == cold.query(query)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abøåÆ tT\x1e", max_size=12), min_size=1, max_size=8),
    word=st.text(alphabet="abøåæt", min_size=1, max_size=3),
)
def test_the_notes_holding_a_word_are_those_whose_text_holds_it(texts: list[str], word: str):
    notes = SessionNotes.of(Note("s", "present", text) for text in texts)
    expected = [i for i, text in enumerate(texts) if word in fold(text)]
    assert notes.holding(word) == expected
