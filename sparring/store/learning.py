"""The members' learning points: one small file in the data folder, `learning-points.json`.

A learning point belongs to a member of a group, not to one session, and is changed
between meetings; so it is kept apart from the session files, as a list of every version
with its date. The file is written like every other (temp file, fsync, rename, 0600),
read-modify-written under the caches' lock so two Sparrings never lose each other's
version. A damaged file, or one of a newer version, is never written over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sparring.domain.checks import ShapeError
from sparring.domain.learning import LearningPoint, is_of, merged, point_from
from sparring.i18n import _
from sparring.store.files import UnreadableFile, dumps, read_json, write_atomic
from sparring.store.locks import caches_lock

FILE_NAME = "learning-points.json"
KIND = "learning-points"
SCHEMA = 1


def read_points(root: Path) -> list[LearningPoint]:
    """Every version of every learning point kept in `root`, oldest first; UnreadableFile
    if their file is damaged or written by a newer Sparring."""
    path = root / FILE_NAME
    if not path.exists():
        return []
    data = read_json(path)
    wrong = UnreadableFile(path, _("is not a file of learning points"))
    meta = data.get("_meta") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or meta.get("kind") != KIND:
        raise wrong
    version = meta.get("version")
    if not isinstance(version, int) or version > SCHEMA:
        raise UnreadableFile(path, _("was written by a newer Sparring"), newer=True)
    items = data.get("points")
    if not isinstance(items, list):
        raise wrong
    try:
        return merged([], (point_from(item, f"points[{n}]") for n, item in enumerate(items)))
    except ShapeError as error:
        raise UnreadableFile(path, str(error)) from None


def change_points(root: Path, change: Callable[[list[LearningPoint]], list[LearningPoint]]) -> int:
    """Read the points, let `change` make the new list, write it if it differs; how many
    more points there are than before. Under the caches' lock, so a version another
    Sparring saved meanwhile is kept."""
    with caches_lock(root):
        before = read_points(root)
        after = change(list(before))
        if after != before:
            points = [point.to_dict() for point in after]
            write_atomic(root / FILE_NAME, dumps({
                "_meta": {"kind": KIND, "version": SCHEMA}, "points": points}))
        return len(after) - len(before)


def add_points(root: Path, points: Iterable[LearningPoint]) -> int:
    """Add versions (from another laptop); how many were new here."""
    new = list(points)
    return change_points(root, lambda old: merged(old, new))


def forget_member(root: Path, name: str, group: str | None) -> None:
    """Remove every version of a member's learning point (of `group`, else every group)."""
    if (root / FILE_NAME).exists():
        change_points(root, lambda old: [
            p for p in old if not is_of(p, p.group if group is None else group, name)])
