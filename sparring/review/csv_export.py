"""The notes as CSV that Danish Excel opens as it is: `;` between fields, UTF-8 with a
byte order mark (without it Excel reads "æøå" wrongly), one note a row.

A cell that starts with `=`, `+`, `-`, `@` or a tab is one Excel would run as a formula:
it gets a leading `'`, so the note is shown, never computed. Otherwise text is as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from sparring.domain.records import StoredSession
from sparring.domain.scenario import Scenario
from sparring.formats import moment_text
from sparring.i18n import _, speaking
from sparring.review.wording import Wording

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A text as a cell Excel shows and never computes."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_csv(sessions: Iterable[StoredSession], scenario_of: dict[str, Scenario]) -> bytes:
    """Every note of `sessions`, one a row, in the language of the first session.

    Args:
        sessions: the sessions whose notes to write, in the order to write them.
        scenario_of: the scenarios by id, for the names of phases, lenses and kinds.
    """
    sessions = list(sessions)
    language = sessions[0].session.language if sessions else "en"
    with speaking(language):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(
            [
                _("Session"),
                _("Date"),
                _("Group"),
                _("Phase"),
                _("Lens"),
                _("Kind"),
                _("About"),
                _("Said by"),
                _("Note"),
            ]
        )
        for stored in sessions:
            session = stored.session
            words = Wording(scenario_of.get(session.scenario_id))
            for note in stored.notes:
                writer.writerow(
                    [
                        cell(value)
                        for value in (
                            session.id,
                            moment_text(note.at),
                            session.group,
                            words.phase(note.phase),
                            words.lens(note.lens),
                            words.kind(note.kind),
                            note.about or session.case_owner or "",
                            note.author or "",
                            note.text,
                        )
                    ]
                )
        return (BOM + buffer.getvalue()).encode("utf-8")
