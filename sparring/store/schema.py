"""Schema versions of the data folder's files, and the place for migrations.

Every file is a TinyDB document whose `_meta` table holds one record:
`{"kind": "session" | "catalogue" | "overview", "schema": N}` (the search index has a layout of its
own: see `table_file`). A file with a schema
newer than `SCHEMA_VERSION` was written by a newer Sparring: it is reported and left
untouched. An older one is upgraded in memory, one version at a time, by `MIGRATIONS`,
and written back in the new version the next time it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sparring.i18n import _
from sparring.store.files import Tables, UnreadableFile

SCHEMA_VERSION = 1
"""The version of the files this code writes."""

META = "_meta"
"""The table every file keeps its kind and schema version in."""

SESSION = "session"
CATALOGUE = "catalogue"
OVERVIEW = "overview"

Migration = Callable[[Tables], Tables]

MIGRATIONS: dict[tuple[str, int], Migration] = {}
"""(kind, version) -> a function that turns a document of that version into the next.

To change a file format: raise `SCHEMA_VERSION`, add one entry per kind that changes,
keyed by the old version, and a test that opens a file of the old version. A migration
gets the whole document and returns the new one; it must not touch the disk.
"""


def new_document(kind: str, **meta: Any) -> Tables:
    """An empty document of `kind` at the current version (extra `meta` kept in _meta)."""
    return {META: {"1": {"kind": kind, "schema": SCHEMA_VERSION, **meta}}}


def meta_of(tables: Tables) -> dict[str, Any]:
    """The _meta record of a checked document."""
    return next(iter(tables[META].values()))


def check_shape(data: Any, path: Path) -> Tables:
    """`data` if it has the shape of a TinyDB document, else UnreadableFile."""
    if isinstance(data, dict) and all(
        isinstance(table, dict)
        and all(isinstance(doc, dict) and doc_id.isdigit() for doc_id, doc in table.items())
        for table in data.values()
    ):
        return data
    raise UnreadableFile(path, _("is not a TinyDB document (wrong shape)"))


def check(data: Any, path: Path, kind: str) -> Tables:
    """Check a parsed file: shape, kind and version; upgrade it to the current version.

    Raises:
        UnreadableFile: naming the file and what is wrong (`newer` set for a newer schema).
    """
    tables = check_shape(data, path)
    records = list(tables.get(META, {}).values())
    if len(records) != 1:
        raise UnreadableFile(path, _("has no schema version (not a Sparring file)"))
    info = records[0]
    if info.get("kind") != kind:
        raise UnreadableFile(path, _("is not a {kind} file").format(kind=kind))
    version = info.get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableFile(path, _("has no valid schema version"))
    if version > SCHEMA_VERSION:
        raise UnreadableFile(
            path,
            _("was written by a newer Sparring (schema {version}, this one reads up to "
              "{readable}); update Sparring to read it").format(version=version,
                                                                readable=SCHEMA_VERSION),
            newer=True,
        )
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get((kind, version))
        if migrate is None:
            raise UnreadableFile(path, _("has schema {version}, which this Sparring cannot "
                                         "read").format(version=version))
        tables = check_shape(migrate(tables), path)
        version += 1
        meta_of(tables)["schema"] = version
    return tables

