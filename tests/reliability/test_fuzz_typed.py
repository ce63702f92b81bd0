"""Promise 5 for what is typed or pasted into the note field, fuzzed with hypothesis:
markup brackets, escape sequences, emoji, combining and right-to-left characters, NUL,
lone surrogates, 100 KB of text.

No traceback: each note is saved and comes back from the data folder exactly as it was
entered (less the spaces around it, which a note never keeps), or, where it cannot be
stored as text (a lone surrogate), it is refused with a message, nothing is written and
it stays in the field.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from sparring.domain.clock import FakeClock
from tests.conftest import make_session
from tests.reliability.conftest import count
from tests.ui.session_host import SessionHost, open_store

PIECES = st.sampled_from([
    "[bold]", "[/]", "[link=x]", "\x1b[2J", "\x1b]0;title\x07", "\x9b31m", "\x00", "\x07",
    "🙂", "👩‍👩‍👧", "e\u0301", "\u202eltr\u202c", "שלום", "مرحبا", "æøå ÆØÅ", "\t", "  ",
    "\ud800", "\udfff", "<script>", "&amp;", "x" * 100_000,
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), min_size=1, max_size=4).map("".join)


def drawn_texts(examples: int) -> list[str]:
    """`examples` texts drawn by hypothesis, the same every run."""
    found: list[str] = []

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(TEXTS)
    def draw(text: str) -> None:
        found.append(text)

    draw()
    return found


def storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


async def test_fuzzed_notes_come_back_exactly_or_are_refused_with_a_message(
    sparring_scenario: Any, tmp_path: Any, report_count: Any
):
    texts = [t for t in drawn_texts(count(15, 300)) if t.strip()]
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    notices: list[str] = []
    tried = {"saved": 0, "refused": 0}
    async with host.run_test(size=(100, 30)) as pilot:
        host.notify = lambda message, **kw: notices.append(str(message))  # type: ignore[method-assign]
        field = host.screen.query_one("#note", Input)
        for text in texts:
            before = len(host.store.load(host.protocol.session.id).notes)
            field.value = ""
            field.insert_text_at_cursor(text)  # as a paste would
            await pilot.press("enter")
            await pilot.pause()
            notes = host.store.load(host.protocol.session.id).notes
            if storable(text):
                assert len(notes) == before + 1
                assert notes[-1].text == text.strip()
                assert field.value == ""
                tried["saved"] += 1
            else:
                assert len(notes) == before
                assert notices and "NOT saved" in notices[-1]
                assert field.value == text
                tried["refused"] += 1
    report_count("notes typed and saved", tried["saved"])
    report_count("notes typed and refused", tried["refused"])
    assert tried["saved"] and tried["refused"]
