"""The archive: every session of a data folder, read and written through one object.

It opens the folder (see `folder` for the layout) and answers every question the app,
the commands and the review ask: the sessions, one session, the notes that match a
query a page at a time, a member's notes, the groups. It writes each change at once,
atomically and durably (see `files`), and only to a session this process holds the lock
of (see `locks`): two processes may run two sessions on one folder at the same time,
never the same one. A file that cannot be read is never written over: it is reported,
left where it is, and the rest of the history loads.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sparring.domain.checks import ID
from sparring.domain.forgetting import Change, ForgetReport, case_change, participant_change, plan
from sparring.domain.learning import LearningPoint
from sparring.domain.records import Evaluation, FollowUp, NextStep, Note, StoredSession
from sparring.domain.search import (
    Group,
    NoteHit,
    NoteQuery,
    Overview,
    SessionQuery,
    groups_of,
    newest_first,
)
from sparring.domain.session import Event, Session
from sparring.domain.states import next_state
from sparring.domain.summaries import SessionSummary
from sparring.i18n import _
from sparring.store import learning
from sparring.store.files import ReadOnlyArchive, StoreError, UnreadableFile, saving
from sparring.store.folder import Folder
from sparring.store.session_files import SessionFiles, Summarize, refusal, removing, upserting


class Archive:
    """A data folder's sessions, to read (any number of processes at once) and write
    (one process per session).

    Args:
        root: the data folder; made (0700) if missing, unless opened read-only.
        read_only: open for reading only (what the reading commands do).

    Raises:
        StoreError: the folder cannot be made or used.
    """

    def __init__(self, root: Path | str, *, read_only: bool = False):
        self.root = Path(root)
        self.read_only_reason = None if read_only else refusal(self.root)
        """Why an archive that was to write only reads (the folder cannot be written, or
        an older Sparring holds it): a history can always be read."""
        self.read_only = read_only or self.read_only_reason is not None
        self._folder = Folder(self.root, self.read_only)
        self._listed_at: int | None = None
        """The folder's count of changes when `_listed` (and `_groups`) were worked out."""
        self._listed: list[SessionSummary] = []
        self._groups: list[Group] | None = None
        self._files = SessionFiles(self._folder)
        if not self.read_only:
            with contextlib.suppress(OSError):  # left for the next writer to remove
                self._files.remove_temp_files()

    # -- reading --------------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        """The file of session `session_id`; StoreError if that is not a session id."""
        if not ID.fullmatch(session_id):
            raise StoreError(_("'{session}' is not a session id.").format(session=session_id))
        return self._folder.path_of(session_id)

    @property
    def damaged(self) -> list[UnreadableFile]:
        """Every file that could not be read, each with what is wrong with it."""
        self._folder.survey()
        return self._folder.damaged

    @property
    def damage_met(self) -> list[UnreadableFile]:
        """The files found unreadable so far, without looking at the folder again."""
        return self._folder.damaged

    def refresh(self) -> None:
        """Pick up what any process saved since (every read does it too)."""
        self._folder.refresh()

    def load(self, session_id: str) -> StoredSession:
        """Everything stored of one session, as it is on disk now.

        Raises:
            UnreadableFile: its file is damaged (a StoreError too).
            StoreError: there is no such session.
        """
        self.path_of(session_id)
        try:
            return self._folder.read(session_id)[0]
        except FileNotFoundError:
            raise self._folder.missing(session_id) from None

    def find(self, prefix: str) -> SessionSummary:
        """The session whose id is `prefix`, or the one whose id starts with it."""
        entries = self._folder.entries
        if prefix in entries:
            return entries[prefix].summary
        found = [e.summary for e in entries.values() if prefix and e.summary.id.startswith(prefix)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise self._folder.missing(prefix)
        raise StoreError(_("{count} sessions start with {prefix}; give more of the id.").format(
            count=len(found), prefix=prefix))

    def sessions(self, **criteria: Any) -> list[SessionSummary]:
        """The sessions that match every criterion of `SessionQuery` given (by name),
        newest first."""
        return SessionQuery(**criteria).select(self._newest_first())

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed, newest first."""
        return [s for s in self.sessions() if s.unfinished]

    def __iter__(self) -> Iterator[StoredSession]:
        """Every readable session, newest first (damaged ones are added to `damaged`)."""
        for summary in self.sessions():
            try:
                yield self.load(summary.id)
            except UnreadableFile as error:
                self._folder.note_damaged(error)
            except StoreError:
                continue  # removed since it was listed

    def groups(self) -> list[Group]:
        """Every group with a name, the one that met most recently first."""
        every = self._newest_first()
        if self._groups is None:
            self._groups = groups_of(every)
        return list(self._groups)

    def overview(self) -> Overview:
        """What the start screen lists, as the files are now."""
        return self._held_in(Overview.of(self._newest_first(), self.groups()))

    def first_overview(self) -> Overview | None:
        """What the start screen lists, before the folder is first read (None once it is,
        or if the overview cache does not serve): from the overview cache, if no session
        file was written nor removed since it was made. Only a first view: a file written
        in the same instant as the last one it saw would not be in it, so the folder is
        to be read next, and `overview` shown then."""
        found = self._folder.first_overview()
        return None if found is None else self._held_in(found)

    def _held_in(self, overview: Overview) -> Overview:
        """`overview`, with the unfinished sessions another process writes now."""
        held = {s.id: pid for s in overview.unfinished if (pid := self.holder(s.id)) is not None}
        return replace(overview, held=held)

    def _newest_first(self) -> list[SessionSummary]:
        """Every session, newest first, worked out again (and the groups with it) only when
        one changed."""
        entries = self._folder.entries
        if self._listed_at != self._folder.changes:
            self._listed_at = self._folder.changes
            self._listed = newest_first(e.summary for e in entries.values())
            self._groups = None
        return self._listed

    def page(self, query: NoteQuery, *, offset: int = 0,
             limit: int = 100) -> tuple[list[NoteHit], int]:
        """Notes that match `query`, newest first, from `offset`, at most `limit`; and how
        many match in all."""
        return self._folder.query(lambda table: table.page(query, offset, limit))

    def search(self, *, limit: int | None = None, **criteria: Any) -> list[NoteHit]:
        """Every note that matches the criteria of `NoteQuery`, given by name (at most
        `limit`), oldest first."""
        query = NoteQuery(**criteria)
        return self._folder.query(lambda table: table.hits(query, limit))

    def holder(self, session_id: str) -> str | None:
        """The pid of another Sparring writing this session now; None if none is."""
        return self._files.locks.holder(session_id)

    # -- writing ----------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyArchive(self.read_only_reason or _(
                "{folder} is open for reading only.").format(folder=self.root))

    def claim(self, session_id: str) -> None:
        """Hold the session's lock before writing it; SessionBusy if another process does."""
        self._check_writable()
        self.path_of(session_id)
        self._files.claim(session_id)

    def _write(self, session_id: str, what: str, change: Callable[[Any], object], *,
               notes: bool = False, summary: Summarize | None = None) -> None:
        """Make one change to a session's file (see `SessionFiles.change`)."""
        self.claim(session_id)
        with saving(what, self.root):
            self._files.change(session_id, change, notes=notes, summary=summary)

    def save_session(self, session: Session) -> None:
        """Save the session record (who, whose case, the timekeeper); creates it if new."""
        self.claim(session.id)
        with saving(_("the session"), self.root):
            self._files.save_session(session)

    def record_event(self, session: Session, event: Event) -> None:
        """Save one protocol event durably (the protocol's recorder)."""
        if self._folder.known(session.id) is None:
            self.save_session(session)

        def summary(old: SessionSummary) -> SessionSummary:
            changes: dict[str, Any] = {"state": next_state(old.state, event)}
            if event.trigger == "start" and old.started_at is None:
                changes["started_at"] = event.wall
            elif event.trigger == "finish":
                changes["finished_at"] = event.wall
            return replace(old, **changes)

        self._write(session.id, _("the event"),
                    lambda db: db.table("events").insert(event.to_dict()), summary=summary)

    def recorder(self, session: Session) -> Callable[[Event], None]:
        """A recorder for `Protocol` that saves each event of `session` before it applies."""
        return lambda event: self.record_event(session, event)

    def save_note(self, note: Note, *, clear_draft: bool = False) -> None:
        """Save a note, new or edited (with `clear_draft`, the draft is cleared in the same
        write); when this returns, it is on disk.

        Raises:
            StoreError: it could not be saved (the message names the folder, not the note).
        """

        def change(db: Any) -> None:
            upserting("notes", note.to_dict())(db)
            if clear_draft:
                db.table("draft").truncate()

        self._write(note.session_id, _("the note"), change, notes=True)

    def delete_note(self, session_id: str, note_id: str) -> None:
        """Remove a note."""
        self._write(session_id, _("the deletion"), removing("notes", note_id), notes=True)

    def save_next_step(self, step: NextStep) -> None:
        """Save a next step, new or edited."""
        self._write(step.session_id, _("the next step"), upserting("next_steps", step.to_dict()))

    def delete_next_step(self, session_id: str, step_id: str) -> None:
        """Remove a next step."""
        self._write(session_id, _("the deletion"), removing("next_steps", step_id))

    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Save where an earlier next step stands, with the session it was followed up in."""
        doc = follow_up.to_dict()
        self._write(follow_up.session_id, _("the follow-up"), upserting("follow_ups", doc))

    def save_evaluation(self, evaluation: Evaluation) -> None:
        """Save the session's meeting evaluation (replacing an earlier one)."""
        doc = {"id": "evaluation", **evaluation.to_dict()}
        self._write(evaluation.session_id, _("the evaluation"), upserting("evaluation", doc))

    def save_draft(self, session_id: str, text: str, clock: float = 0.0) -> None:
        """Keep a half-typed note (an empty text clears it) and the session clock time
        `clock` it was kept at (a running session's last known time)."""
        doc = {"id": "draft", "text": text, "clock": clock}
        self._write(session_id, _("the draft"), upserting("draft", doc))

    def import_session(self, stored: StoredSession) -> str:
        """Add a session from elsewhere (see `interchange`), unless it is already here.

        Returns:
            "imported"; "unchanged" if the same session is here already; or "kept" if a
            different version of it is here (that one is kept, nothing is written).
        """
        self.claim(stored.session.id)
        try:
            with saving(_("the imported session"), self.root):
                return self._files.add(stored)
        finally:
            self.release(stored.session.id)

    def release(self, session_id: str) -> None:
        """Let go of a session this process wrote, so that another may write it."""
        self._files.release(session_id)

    # -- learning points (kept apart from the sessions: see store/learning.py) ------------

    def learning_points(self) -> list[LearningPoint]:
        """Every version of every member's learning point, oldest first (see `learning`)."""
        return learning.read_points(self.root)

    def add_learning_points(self, points: Iterable[LearningPoint]) -> int:
        """Keep versions of learning points (one stated now, or another laptop's); how
        many were not here yet. A damaged file of them is not written over."""
        self._check_writable()
        with saving("the learning point", self.root):
            return learning.add_points(self.root, points)

    # -- forgetting and deleting -----------------------------------------------------------

    def forget_participant(
        self, name: str, *, group: str | None = None, dry_run: bool = False
    ) -> ForgetReport:
        """Remove every trace of a member (of `group`, else of every group): their notes,
        names, challenges and next steps (see `domain.forgetting`). With `dry_run`, only
        count what would go (works read-only too)."""
        if not name.strip():
            raise StoreError(_("Give the name of the member to forget."))
        report = self._forget(participant_change(name, group), dry_run)
        if not dry_run:
            with saving("the change", self.root):
                learning.forget_member(self.root, name, group)
        return report

    def forget_case(self, case_id: str, *, dry_run: bool = False) -> ForgetReport:
        """Remove a case: its challenge, the notes on it and, where it was the case worked
        on, the owner's next steps. The member stays."""
        if not case_id.strip():
            raise StoreError(_("Give the id of the case to forget."))
        return self._forget(case_change(case_id), dry_run)

    def _forget(self, change: Change, dry_run: bool) -> ForgetReport:
        report, changed = plan(self, change)
        # A cache that was damaged is gone already (deleted, and made again); every other
        # file that could not be read may hold a trace that this forget cannot reach.
        report.unreadable = sorted({error.path for error in self.damaged if not error.rebuilt})
        if dry_run or not changed:
            return report
        # Every session is claimed before any is written: one held elsewhere stops it all.
        claimed = [sid for sid in changed if not self._files.locks.held(sid)]
        try:
            with saving(_("the change"), self.root):
                for session_id in changed:
                    self.claim(session_id)
                for stored in changed.values():
                    self._files.write_whole(stored)
                # The search index holds note text: it goes, made again from what is left.
                self._folder.forget_caches()
                self._folder.save_caches()
        finally:
            for session_id in claimed:
                self.release(session_id)
        return report

    def delete_session(self, session_id: str) -> None:
        """Delete a session: its file, its lock, and every trace of it in the caches."""
        self.claim(session_id)
        try:
            with saving(_("the deletion"), self.root):
                self._files.delete(session_id)
        finally:
            self._files.release(session_id, remove=True)

    # -- closing ------------------------------------------------------------------------

    def close(self, *, caches: bool = True) -> None:
        """Bring the caches up to date (unless not `caches`: a command that wrote only a
        few sessions leaves that to the next Sparring, which reads them from their files)
        and let go of every session this process holds."""
        if caches:
            self._folder.save_caches()
        self._files.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
