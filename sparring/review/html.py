"""The session summary as one self-contained HTML file: it opens in any browser and in
Word, and prints cleanly to PDF.

The same content as the Markdown summary (`export.py`). Every text a person typed is
escaped (`wording.escaped`), so a note holding `<script>` shows those characters and
does nothing; the style is inline, so the file needs nothing else.
"""

from __future__ import annotations

from sparring.domain.records import EVALUATION_QUESTIONS, Note, StoredSession
from sparring.domain.scenario import Scenario
from sparring.formats import day_of, decimal_text, moment_text
from sparring.i18n import _, current_language, speaking
from sparring.review.export import status_name
from sparring.review.interchange import phases_of
from sparring.review.wording import Wording, escaped, said_by

STYLE = """
body { font-family: Calibri, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #1b1b1b; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #bbb; }
h3 { font-size: 12pt; margin-top: 1.2em; }
h4 { font-size: 11pt; margin: 0.8em 0 0.2em; font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.who { color: #555; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
td.number { text-align: right; }
.empty { color: #666; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  li, tr { page-break-inside: avoid; break-inside: avoid; }
}
"""


def page(title: str, body: list[str]) -> str:
    """A whole HTML document in the language spoken: `title` is plain text, `body` HTML."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escaped(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def facts(pairs: list[tuple[str, str]]) -> str:
    """A list of labelled facts (all plain text)."""
    rows = "".join(
        f'<dt>{escaped(key)}</dt><dd class="text">{escaped(value)}</dd>' for key, value in pairs
    )
    return f'<dl class="facts">{rows}</dl>'


def table(head: list[str], rows: list[list[str]], numbers: frozenset[int] = frozenset()) -> str:
    """A table of plain texts; the columns in `numbers` are aligned right."""
    header = "".join(f"<th>{escaped(cell)}</th>" for cell in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"number" if n in numbers else "text"}">{escaped(cell)}</td>'
            for n, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def heading(level: int, text: str) -> str:
    """A heading of plain text."""
    return f"<h{level}>{escaped(text)}</h{level}>"


def items(texts: list[str]) -> str:
    """A list of items already made HTML."""
    return "<ul>" + "".join(f"<li>{text}</li>" for text in texts) + "</ul>"


def note_item(note: Note, owner: str | None) -> str:
    """One note: its text as typed, then who said it and whose case."""
    said = said_by(note, owner)
    who = f' <span class="who">({escaped(said)})</span>' if said else ""
    return f'<span class="text">{escaped(note.text)}</span>{who}'


def _minutes(seconds: float | None) -> str:
    return "?" if seconds is None else decimal_text(seconds / 60)


def export_html(stored: StoredSession, scenario: Scenario | None) -> str:
    """The session summary as a self-contained HTML page, in the session's language."""
    with speaking(stored.session.language):
        return _html(stored, scenario)


def _ordered(known: list[str], seen: list[str | None]) -> list[str | None]:
    present = set(seen)
    result: list[str | None] = [item for item in known if item in present]
    result += [item for item in dict.fromkeys(seen) if item is not None and item not in result]
    return result + ([None] if None in present else [])


def _html(stored: StoredSession, scenario: Scenario | None) -> str:
    session = stored.session
    words = Wording(scenario)
    title = f"{session.group or 'Sparring'}: {day_of(session.started_at or session.created_at)}"
    body = [heading(1, title)]
    case = session.case
    pairs = [
        (_("Protocol"), words.protocol(session.scenario_id)),
        (_("Case owner"), session.case_owner or ""),
        (_("Case"), case.challenge if case else ""),
        (_("Members"), ", ".join(session.member_names)),
        (_("Timekeeper"), session.timekeeper or ""),
        (_("Started"), moment_text(session.started_at)),
    ]
    if session.finished_at:
        pairs.append((_("Finished"), moment_text(session.finished_at)))
    body.append(facts(pairs))

    body.append(heading(2, _("Notes")))
    if not stored.notes:
        body.append(f'<p class="empty">{escaped(_("No notes were taken."))}</p>')
    phases = [p.id for p in scenario.phases] if scenario else []
    lenses = [lens.id for lens in scenario.lenses] if scenario else []
    kinds = [kind.id for kind in scenario.insight_kinds] if scenario else []
    for phase in _ordered(phases, [n.phase for n in stored.notes]):
        in_phase = [n for n in stored.notes if n.phase == phase]
        body.append(heading(3, words.phase(phase)))
        for lens in _ordered(lenses, [n.lens for n in in_phase]):
            in_lens = [n for n in in_phase if n.lens == lens]
            for kind in _ordered(kinds, [n.kind for n in in_lens]):
                in_kind = [n for n in in_lens if n.kind == kind]
                tag = " · ".join(t for t in (words.lens(lens), words.kind(kind)) if t)
                if tag:
                    body.append(heading(4, tag))
                body.append(items([note_item(n, session.case_owner) for n in in_kind]))

    if stored.next_steps:
        body.append(heading(2, _("Next steps")))
        body.append(
            table(
                [_("Who"), _("Next step"), _("Status"), _("Comment")],
                [[s.who, s.text, status_name(s.status), s.comment] for s in stored.next_steps],
            )
        )
    if stored.follow_ups:
        body.append(heading(2, _("Follow-ups of earlier next steps")))
        body.append(
            table(
                [_("Who"), _("Next step"), _("Status"), _("Comment")],
                [[f.who, f.text, status_name(f.status), f.comment] for f in stored.follow_ups],
            )
        )
    if stored.evaluation is not None:
        body.append(heading(2, _("Evaluation")))
        rows = []
        for question in EVALUATION_QUESTIONS:
            if question.id in stored.evaluation.scores:
                score = stored.evaluation.scores[question.id]
                text = question.da if current_language() == "da" else question.en
                rows.append([text, str(score) if score is not None else _("skipped")])
        body.append(table([_("Question"), _("Score (1-5)")], rows, frozenset({1})))
        if stored.evaluation.other:
            body.append(
                f"<p><strong>{escaped(_('Other'))}:</strong> "
                f'<span class="text">{escaped(stored.evaluation.other)}</span></p>'
            )
    timings = phases_of(stored, scenario)
    if timings:
        body.append(heading(2, _("Time: planned against actual minutes")))
        body.append(
            table(
                [_("Phase"), _("Planned"), _("Actual")],
                [
                    [
                        words.phase(t["id"]),
                        _minutes(t["planned_seconds"]),
                        _minutes(t["actual_seconds"]),
                    ]
                    for t in timings
                ],
                frozenset({1, 2}),
            )
        )
    return page(title, body)
