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


def path_of(root: Path) -> Path:
    """Where a data folder keeps its learning points."""
    return root / FILE_NAME


def read_points(root: Path) -> list[LearningPoint]:
    """Every version of every learning point kept in `root`, oldest first.

    Raises:
        UnreadableFile: the file is damaged or written by a newer Sparring.
    """
    path = path_of(root)
    if not path.exists():
        return []
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("_meta"), dict):
        raise UnreadableFile(path, _("is not a file of learning points"))
    meta = data["_meta"]
    if meta.get("kind") != KIND:
        raise UnreadableFile(path, _("is not a file of learning points"))
    version = meta.get("version")
    if not isinstance(version, int) or version > SCHEMA:
        raise UnreadableFile(path, _("was written by a newer Sparring"), newer=True)
    items = data.get("points")
    if not isinstance(items, list):
        raise UnreadableFile(path, _("is not a file of learning points"))
    try:
        return merged([], (point_from(item, f"points[{n}]") for n, item in enumerate(items)))
    except ShapeError as error:
        raise UnreadableFile(path, str(error)) from None


def _write(root: Path, points: list[LearningPoint]) -> None:
    document = {
        "_meta": {"kind": KIND, "version": SCHEMA},
        "points": [point.to_dict() for point in points],
    }
    write_atomic(path_of(root), dumps(document))


def change_points(
    root: Path, change: Callable[[list[LearningPoint]], list[LearningPoint]]
) -> list[LearningPoint]:
    """Read the points, let `change` make the new list, write it if it differs; the new list.

    Under the caches' lock, so a version another Sparring saved meanwhile is kept.
    """
    with caches_lock(root):
        before = read_points(root)
        after = change(list(before))
        if after != before:
            _write(root, after)
        return after


def add_points(root: Path, points: Iterable[LearningPoint]) -> int:
    """Add versions (from another laptop); how many were new here."""
    new = list(points)
    counted: list[int] = []

    def change(old: list[LearningPoint]) -> list[LearningPoint]:
        result = merged(old, new)
        counted.append(len(result) - len(old))
        return result

    change_points(root, change)
    return counted[0]


def forget_member(root: Path, name: str, group: str | None) -> int:
    """Remove every version of a member's learning point (of `group`, else every group)."""
    removed: list[int] = []

    def change(old: list[LearningPoint]) -> list[LearningPoint]:
        kept = [
            p
            for p in old
            if not (is_of(p, group, name) if group is not None else is_of(p, p.group, name))
        ]
        removed.append(len(old) - len(kept))
        return kept

    if not path_of(root).exists():
        return 0
    change_points(root, change)
    return removed[0]
