"""A group's whole history as one file, to move a group from one laptop to the next.

A group file is one JSON object: `{"format": "sparring-group", "version": 1, "group",
"exported_at", "sessions": [session documents], "learning_points": [...]}`; each session
is an interchange document (`interchange.py`), so the file also reads as the sessions it
holds. A group file is taken whole or not at all: one damaged session in it and nothing
of it is imported, since the file is then not what was exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sparring.domain.checks import ShapeError
from sparring.domain.learning import LearningPoint, point_from
from sparring.domain.names import group_key
from sparring.domain.records import StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.session import wall_now
from sparring.i18n import _
from sparring.review.interchange import (
    Document,
    InterchangeError,
    export_session,
    read_documents,
    session_from_document,
)

GROUP_FORMAT = "sparring-group"
"""The value of a group file's "format" field."""

GROUP_VERSION = 1
"""The version of the group file this code writes; it reads this one and older."""


def export_group(
    group: str,
    sessions: Iterable[StoredSession],
    scenario_of: dict[str, Scenario],
    points: Iterable[LearningPoint] = (),
) -> dict[str, Any]:
    """The group file of `group`: its sessions (oldest first) and its learning points."""
    key = group_key(group)
    mine = sorted(
        (s for s in sessions if group_key(s.session.group) == key),
        key=lambda s: (s.session.created_at, s.session.id),
    )
    return {
        "format": GROUP_FORMAT,
        "version": GROUP_VERSION,
        "group": group,
        "exported_at": wall_now(),
        "sessions": [export_session(s, scenario_of.get(s.session.scenario_id)) for s in mine],
        "learning_points": [p.to_dict() for p in points if p.key[0] == key],
    }


def is_group_file(data: Any) -> bool:
    """Whether parsed JSON is a group file (of any version)."""
    return isinstance(data, dict) and data.get("format") == GROUP_FORMAT


@dataclass
class GroupFile:
    """What a group file holds, checked whole."""

    group: str
    sessions: list[StoredSession] = field(default_factory=list)
    points: list[LearningPoint] = field(default_factory=list)


def read_group(data: dict[str, Any], where: str) -> GroupFile:
    """The sessions and learning points of a parsed group file.

    Raises:
        InterchangeError: what is wrong, and where (a field path; never a note's text).
    """
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InterchangeError(
            _("{where}: version: must be a whole number from 1").format(where=where)
        )
    if version > GROUP_VERSION:
        raise InterchangeError(
            _(
                "{where}: version: is {version}: written by a newer Sparring (this one reads up "
                "to {newest}); nothing of it was imported"
            ).format(where=where, version=version, newest=GROUP_VERSION)
        )
    sessions, points = data.get("sessions"), data.get("learning_points", [])
    if not isinstance(sessions, list):
        raise InterchangeError(
            _("{where}: sessions: must be a list of sessions").format(where=where)
        )
    if not isinstance(points, list):
        raise InterchangeError(_("{where}: learning_points: must be a list").format(where=where))
    group = data.get("group")
    found = GroupFile(group if isinstance(group, str) else "")
    try:
        for number, document in enumerate(sessions):
            found.sessions.append(_session(document, f"sessions[{number}]"))
        for number, item in enumerate(points):
            found.points.append(point_from(item, f"learning_points[{number}]"))
    except ShapeError as error:
        raise InterchangeError(
            _("{where}: {problem}; nothing of it was imported").format(where=where, problem=error)
        ) from None
    ids = [s.session.id for s in found.sessions]
    repeated = next((sid for n, sid in enumerate(ids) if sid in ids[:n]), None)
    if repeated is not None:
        raise InterchangeError(
            _("{where}: holds session {session} twice; nothing of it was imported").format(
                where=where, session=repeated
            )
        )
    return found


def _session(document: Any, where: str) -> StoredSession:
    try:
        return session_from_document(document)
    except ShapeError as error:
        raise ShapeError(f"{where}.{error.where}" if error.where else where, error.what) from None


def read_import(path: Path) -> GroupFile | list[Document]:
    """What an import file holds: a group file, or session documents (`read_documents`).

    Raises:
        InterchangeError: the file cannot be read, or a group file in it is wrong.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InterchangeError(
            _("{file}: cannot be read ({reason})").format(file=path, reason=error.strerror)
        ) from None
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, RecursionError, ValueError):
            data = None  # read_documents says what is wrong, as for any file
        if is_group_file(data):
            return read_group(data, str(path))
    return read_documents(path)
