"""Documents written by hand or by another tool: what can be derived is filled in.

A next step, a follow-up or a note without an `id` gets one made from the session's id,
where it is in its list and its text, so importing the same file twice gives the same
ids (and doubles nothing). A member without a `case_id` gets one made from the group
and their name, so their case follows them from one such session to the next. One
without `at` is dated at the session's start (else its
creation, else its first event). Everything else is checked as for any document, and a
message names the field that is really wrong.
"""

from __future__ import annotations

import hashlib
from typing import Any

LISTS = ("notes", "next_steps", "follow_ups")
"""The lists whose items may leave out `id` and `at`."""


def _when(data: dict[str, Any]) -> Any:
    for key in ("started_at", "created_at"):
        if isinstance(data.get(key), str):
            return data[key]
    events = data.get("events")
    if isinstance(events, list) and events and isinstance(events[0], dict):
        wall = events[0].get("wall")
        if isinstance(wall, str):
            return wall
    return None


def derived_id(session_id: str, key: str, index: int, text: Any) -> str:
    """The id an item without one gets: the same each time the same file is read."""
    seed = f"{session_id}\x00{key}\x00{index}\x00{text if isinstance(text, str) else ''}"
    return "d" + hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:31]


def filled(document: Any) -> Any:
    """`document` with the derivable fields of its items filled in (a copy; anything
    that is not the shape expected is left for the checks to name)."""
    if not isinstance(document, dict):
        return document
    data = dict(document)
    raw_id, raw_group = data.get("id"), data.get("group")
    session_id = raw_id if isinstance(raw_id, str) else ""
    group = raw_group if isinstance(raw_group, str) else ""
    when = _when(data)
    if data.get("created_at") is None and when is not None:
        data["created_at"] = when
    members = data.get("participants")
    if isinstance(members, list):
        data["participants"] = [
            dict(
                member, case_id=derived_id(group.strip().casefold(), "case", 0, member.get("name"))
            )
            if isinstance(member, dict) and member.get("case_id") in (None, "")
            else member
            for member in members
        ]
    for key in LISTS:
        items = data.get(key)
        if not isinstance(items, list):
            continue
        made = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                item = dict(item)
                if item.get("id") in (None, ""):
                    item["id"] = derived_id(session_id, key, index, item.get("text"))
                if item.get("at") in (None, "") and when is not None:
                    item["at"] = when
            made.append(item)
        data[key] = made
    return data
