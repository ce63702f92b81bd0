"""Summaries people can open: HTML, Markdown and CSV, private, in the session's language,
with every typed text shown as typed and never read as markup."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from sparring.domain.scenario import Scenario
from sparring.review.csv_export import export_csv
from sparring.review.html import export_html
from sparring.store import Archive
from tests.leave.helpers import TRICKY, group_history, run
from tests.store.helpers import add_note


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_html_shows_typed_text_and_runs_none_of_it(root: Path, sparring_scenario: Scenario):
    ids = group_history(root)
    huge = "tillid " * 15_000  # about 100 KB
    with Archive(root) as store:
        first = store.load(ids["first"]).session
        first.participants[0].name = "<b>Anne</b> & [i]co[/i]"
        first.case_owner = first.participants[0].name
        store.save_session(first)
        add_note(store, first, huge, author="Bo")
        stored = store.load(ids["first"])
    page = export_html(stored, sparring_scenario)
    assert page.startswith("<!DOCTYPE html>") and page.count("<script") == 0
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "[bold]fed[/bold] &amp; Co ␇␛[31m æøå" in page
    assert "&lt;b&gt;Anne&lt;/b&gt; &amp; [i]co[/i]" in page
    assert "\x07" not in page and "\x1b" not in page
    assert huge.strip() in page
    assert "<b>" not in page
    assert "@media print" in page and "<link" not in page  # self-contained, prints
    assert "Tal med direktionen" in page and "Faldgrube" not in page


def test_html_speaks_the_sessions_language(root: Path, sparring_scenario: Scenario):
    ids = group_history(root)
    with Archive(root) as store:
        session = store.load(ids["first"]).session
        session.language = "da"
        store.save_session(session)
        stored = store.load(ids["first"])
    page = export_html(stored, sparring_scenario)
    assert '<html lang="da">' in page
    assert "Noter" in page and "Faldgruber" in page and "Næste skridt" in page


def test_csv_opens_in_danish_excel_one_note_a_row(root: Path, sparring_scenario: Scenario):
    ids = group_history(root)
    with Archive(root) as store:
        sessions = [store.load(ids["first"]), store.load(ids["second"])]
    content = export_csv(sessions, {sparring_scenario.id: sparring_scenario})
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Session",
        "Date",
        "Group",
        "Phase",
        "Lens",
        "Kind",
        "About",
        "Said by",
        "Note",
    ]
    assert len(rows) == 1 + 4
    tricky = rows[1]
    assert tricky[0] == ids["first"] and tricky[2] == "Gruppe Ø"
    assert tricky[3:9] == ["Present", "The team", "Pitfalls", "Anne", "Bo", TRICKY]
    assert rows[2][8] == "'=SUM(A1) er ikke en formel"  # shown by Excel, never computed
    assert rows[4][6] == "Anne" and rows[3][6] == "Bo"


@pytest.mark.parametrize(
    ("form", "start"),
    [("html", b"<!DOCTYPE html>"), ("md", b"# Gruppe"), ("csv", b"\xef\xbb\xbf"), ("json", b"{")],
)
def test_export_writes_each_format_private(root: Path, tmp_path: Path, form: str, start: bytes):
    ids = group_history(root)
    out = tmp_path / f"summary.{form}"
    result = run(
        "export", ids["first"][:8], "--format", form, "-o", str(out), "--data-dir", str(root)
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(start)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert TRICKY not in result.output  # the note is in the file, not on the terminal
