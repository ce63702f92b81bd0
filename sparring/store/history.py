"""Reading the data folder: its sessions, their files, and searches over their notes.

The part of the store a reader needs, and all a read-only store does; `SessionStore`
adds writing, and opens the folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sparring.store.checks import ID
from sparring.store.files import StoreError, UnreadableFile, parse_json, read_bytes
from sparring.store.index import search_sessions
from sparring.store.mirror import Mirror
from sparring.store.model import SessionSummary, StoredSession, stored_from_tables
from sparring.store.query import NoteHit, NoteQuery
from sparring.store.schema import SESSION, check


class History:
    """Every session in the data folder, as read through the store's mirror (see
    `SessionStore`, which opens the folder and sets these)."""

    root: Path
    sessions_dir: Path
    _mirror: Mirror

    # -- what is where ------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        """The file of session `session_id`; StoreError if that is not a session id."""
        if not ID.match(session_id):
            raise StoreError(f"'{session_id}' is not a session id.")
        return self.sessions_dir / f"{session_id}.json"

    @property
    def damaged(self) -> list[UnreadableFile]:
        """Every file that could not be read, each with what is wrong with it."""
        return self._mirror.damaged

    def refresh(self) -> None:
        """Pick up what another process saved since (a read-only store does it on every read).

        The writer is the only one that changes the folder, so for it this does nothing.
        """
        self._mirror.refresh()

    # -- reading ------------------------------------------------------------------

    def load(self, session_id: str) -> StoredSession:
        """Everything stored of one session, as it is on disk now.

        Raises:
            UnreadableFile: its file is damaged (a StoreError too).
            StoreError: there is no such session.
        """
        path = self.path_of(session_id)
        try:
            raw, _, _ = read_bytes(path)
        except FileNotFoundError:
            raise StoreError(f"There is no session {session_id} in {self.root}.") from None
        return stored_from_tables(check(parse_json(path, raw), path, SESSION), path)

    def find(self, prefix: str) -> SessionSummary:
        """The session whose id starts with `prefix`; StoreError if none or several do."""
        self.refresh()
        found = [
            e for e in self._mirror.entries.values() if prefix and e.summary.id.startswith(prefix)
        ]
        if len(found) == 1:
            return found[0].summary
        if not found:
            raise StoreError(f"There is no session {prefix} in {self.root}.")
        raise StoreError(f"{len(found)} sessions start with {prefix}; give more of the id.")

    def sessions(self) -> list[SessionSummary]:
        """Every readable session, newest first."""
        self.refresh()
        summaries = (entry.summary for entry in self._mirror.entries.values())
        return sorted(summaries, key=lambda s: s.created_at, reverse=True)

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed, newest first."""
        return [s for s in self.sessions() if s.unfinished]

    def __iter__(self) -> Iterator[StoredSession]:
        """Every readable session, newest first (damaged ones are added to `damaged`)."""
        for summary in self.sessions():
            try:
                yield self.load(summary.id)
            except UnreadableFile as error:
                self._mirror.note_damaged(error)
            except StoreError:
                continue  # removed since it was listed

    def search(
        self,
        *,
        text: str | None = None,
        member: str | None = None,
        about: str | None = None,
        author: str | None = None,
        case_id: str | None = None,
        group: str | None = None,
        phase: str | None = None,
        lens: str | None = None,
        kind: str | None = None,
        since: date | None = None,
        until: date | None = None,
        session_id: str | None = None,
        limit: int | None = None,
    ) -> list[NoteHit]:
        """The notes that match every criterion given, oldest session first.

        See `NoteQuery` for what each criterion means. The first search of a process
        loads every note (from the search index where it is current); later ones run in
        memory and see every save since.
        """
        query = NoteQuery(
            text=text,
            member=member,
            about=about,
            author=author,
            case_id=case_id,
            group=group,
            phase=phase,
            lens=lens,
            kind=kind,
            since=since,
            until=until,
            session_id=session_id,
        )
        return self.query(query, limit=limit)

    def query(self, query: NoteQuery, *, limit: int | None = None) -> list[NoteHit]:
        """`search` with the criteria in one object."""
        self._mirror.ensure_index()
        return self._mirror.query(query, limit)

    def page(self, query: NoteQuery, *, offset: int = 0,
             limit: int = 100) -> tuple[list[NoteHit], int]:
        """Notes that match `query`, newest first, from `offset`, at most `limit`; and how
        many match in all. For lists too long to build whole."""
        self._mirror.ensure_index()
        return self._mirror.page(query, offset, limit)

    def prepare_search(self) -> None:
        """Load the notes and work out now what searches otherwise work out on first use
        (each session's folded texts, names and time span), so that the first search of
        each kind is as quick as the later ones. For a process that will search often."""
        self._mirror.ensure_index()
        for entry in list(self._mirror.entries.values()):
            if entry.notes is not None:
                entry.notes.prepare()
        self._mirror.all_notes().prepare()

    def search_sessions(
        self,
        *,
        group: str | None = None,
        member: str | None = None,
        since: date | None = None,
        until: date | None = None,
        state: str | None = None,
        scenario_id: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions by group, member, day (local, both ends included), state or scenario,
        newest first."""
        self.refresh()
        return search_sessions(
            (entry.summary for entry in self._mirror.entries.values()),
            group=group,
            member=member,
            since=since,
            until=until,
            state=state,
            scenario_id=scenario_id,
        )
