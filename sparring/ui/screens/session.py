"""The running session: countdown, who speaks, the prompts, and the note field.

The note field keeps the focus while a phase runs, so typing writes a note; the
timekeeper's controls are ctrl keys that work while typing. The screen asks the
protocol for the time on every tick and fires `time_up` when the clock says so; it never
counts ticks. It dismisses with "checkout" when the protocol reaches check-out.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import SimpleCommand
from textual.containers import Horizontal
from textual.widgets import Header, Input, OptionList, Static

from sparring.domain.protocol import CHECKOUT, Protocol
from sparring.domain.records import Note
from sparring.domain.scenario import Scenario
from sparring.i18n import N_, _, set_language
from sparring.store import Archive, StoreError
from sparring.ui.localized import LocalizedScreen
from sparring.ui.screens.confirm import ConfirmScreen
from sparring.ui.screens.note_choices import (
    Choices,
    about_choices,
    author_choices,
    fixed_author,
    kind_choices,
    lens_choices,
    tag_commands,
)
from sparring.ui.text import clock_text
from sparring.ui.widgets.countdown import WARNING_SECONDS, Countdown
from sparring.ui.widgets.footer import KeyFooter
from sparring.ui.widgets.note_tags import NoteTags
from sparring.ui.widgets.notes import NoteList
from sparring.ui.widgets.phase_info import phase_header, phase_prompts
from sparring.ui.widgets.progress import ProgressState, SessionProgress

TICK_SECONDS = 0.25
"""How often the screen reads the clock; the time shown never depends on it."""

DRAFT_TICKS = 2
"""Every how many ticks a changed draft is kept (at most half a second behind typing)."""

CLOCK_TICKS = 8
"""Every how many ticks a running countdown's time is kept with the draft (2 s), so that
after a kill the session resumes within seconds of where it was."""


def _binding(
    key: str, action: str, description: str, tooltip: str, *, show: bool = True
) -> Binding:
    """A timekeeper's key: works while typing a note (priority), with an id for keymaps."""
    return Binding(key, action, description, tooltip=tooltip, id=action, priority=True, show=show)


class SessionScreen(LocalizedScreen[str]):
    """Runs the phases of one session for the timekeeper and captures every note."""

    BINDINGS = [
        _binding("ctrl+p", "pause", N_("Pause"), N_("Pause the countdown")),
        _binding("ctrl+p", "resume", N_("Resume"), N_("Resume the countdown")),
        _binding("ctrl+n", "next", N_("Next"), N_("Next phase (in a round: next turn)")),
        _binding("ctrl+r", "back", N_("Back"), N_("Back to the previous phase or turn")),
        _binding("ctrl+t", "more_time", N_("+1 min"), N_("One minute more")),
        _binding("ctrl+g", "less_time", N_("-1 min"), N_("One minute less")),
        _binding("ctrl+o", "check_out", N_("Check-out"),
                 N_("End the phases and go to check-out")),
        _binding("ctrl+l", "pick_lens", N_("Lens"), N_("Pick the note's lens"), show=False),
        _binding("ctrl+y", "pick_kind", N_("Kind"), N_("Pick the note's insight kind"),
                 show=False),
        _binding("ctrl+f", "pick_about", N_("About"), N_("Pick whose case the note is about"),
                 show=False),
        _binding("ctrl+s", "pick_author", N_("Said by"), N_("Pick who of the team said it"),
                 show=False),
        Binding(
            "escape",
            "cancel_edit",
            N_("Cancel edit"),
            id="cancel_edit",
            tooltip=N_("Stop editing the note; the saved text stays"),
        ),
        Binding(
            "delete",
            "delete_note",
            N_("Delete note"),
            id="delete_note",
            tooltip=N_("Delete the highlighted note (asks first)"),
        ),
    ]

    CSS = """
    SessionScreen { layout: vertical; }
    #phase-header { height: auto; padding: 0 1; background: $boost; }
    #middle { height: auto; }
    #prompts { width: 1fr; height: auto; max-height: 5; padding: 0 1; }
    #note { margin: 0 0; }
    SessionScreen.-overtime #phase-header { background: $error 30%; }
    /* Toasts sit on the right above the note field, away from the countdown (left). */
    SessionScreen ToastRack { margin-bottom: 6; }
    SessionScreen Toast { max-width: 45%; }
    """

    def __init__(
        self,
        scenario: Scenario,
        protocol: Protocol,
        store: Archive,
        notes: list[Note] | None = None,
        draft: str = "",
        *,
        warning_seconds: float = WARNING_SECONDS,
    ):
        super().__init__()
        self.warning_seconds = warning_seconds
        self.scenario = scenario
        self.protocol = protocol
        self.store = store
        self.session = protocol.session
        self.language = self.session.language
        # The screens of a session speak its language, whatever the app spoke before.
        set_language(self.language)
        self.notes: list[Note] = list(notes or [])
        self.draft = draft
        self.editing: Note | None = None
        self._shown_state: tuple[str, int] | None = None
        self._warned: tuple[str, int] | None = None
        self._ticks = 0
        self._keeping_failed = False

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SessionProgress(self._progress_state(), id="progress")
        yield Static("", id="phase-header", markup=False)
        with Horizontal(id="middle"):
            yield Countdown(id="countdown")
            yield Static("", id="prompts", markup=False)
        yield NoteList(self.scenario, self.language, id="notes")
        yield NoteTags(self.scenario, self.language, id="tags")
        yield Input(self.draft, placeholder=_("Type a note; Enter saves it"), id="note")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(Countdown).warning_seconds = self.warning_seconds
        self.title = "Sparring · " + self.session.group
        self.sub_title = self.scenario.title.get(self.language)
        self.refresh_view()
        self.query_one("#note", Input).focus()
        self.set_interval(TICK_SECONDS, self.tick)

    # -- the clock ------------------------------------------------------------------

    def tick(self) -> None:
        """Read the clock: fire time up when it is, warn a minute before, redraw the time;
        keep the draft and the time now and then."""
        self._ticks += 1
        self._keep_draft_and_clock()
        protocol = self.protocol
        if protocol.is_running and protocol.allowed("time_up"):
            if not self._fire("time_up"):
                return
            self.app.bell()
            self.add_class("-overtime")
            self.notify(
                _("Time is up: {phase}. Overtime counts until you move on (ctrl+n).").format(
                    phase=self._countdown_name()),
                title=_("Time's up"),
                severity="warning",
                markup=False,
            )
            if protocol.state == CHECKOUT:
                return
        elif (
            protocol.is_running
            and not protocol.paused
            and self._warns()
            and 0 < protocol.remaining <= self.warning_seconds
            and self._warned != self._place()
        ):
            self._warned = self._place()
            self.notify(
                _("{time} left: {name}.").format(
                    time=clock_text(self.warning_seconds), name=self._countdown_name()
                ),
                title=_("Nearly time"),
                markup=False,
            )
        self.refresh_view()

    def _warns(self) -> bool:
        """Whether this countdown is long enough for a warning to mean something: longer
        than twice the warning's lead time (a 20-second turn gets none)."""
        return 0 < 2 * self.warning_seconds < self.protocol.countdown_seconds

    def _place(self) -> tuple[str, int]:
        return (self.protocol.state, self.protocol.turn)

    def _countdown_name(self) -> str:
        phase = self.protocol.phase
        if phase is None:
            return ""
        name = phase.title.get(self.language)
        speaker = self.protocol.speaker
        return _("{phase}, {name}'s turn").format(phase=name, name=speaker) if speaker else name

    # -- redrawing ------------------------------------------------------------------

    def _progress_state(self) -> ProgressState:
        timings = self.protocol.timings()
        return ProgressState(
            titles=tuple(p.title.get(self.language) for p in self.scenario.phases),
            planned=tuple(t.planned_seconds for t in timings),
            spent=tuple(t.actual_seconds for t in timings),
            current=self.protocol.phase_index,
            elapsed=self.protocol.elapsed,
            remaining=self.protocol.total_remaining,
            extended=self.protocol.extended,
        )

    def refresh_view(self) -> None:
        """Redraw what changes with time, and what changes with the phase when it did."""
        protocol = self.protocol
        if protocol.state == CHECKOUT:
            self._leave_for_checkout()
            return
        if not protocol.is_running:
            return
        if self._shown_state != self._place():
            self._shown_state = self._place()
            self._show_phase()
        self.set_class(protocol.overtime > 0, "-overtime")
        caption = ""
        if protocol.turn_count > 1:
            caption = _("turn {turn}/{turns}, phase {time}").format(
                turn=protocol.turn + 1, turns=protocol.turn_count,
                time=clock_text(max(0.0, protocol.phase_remaining)))
        self.query_one(Countdown).show(protocol.remaining, paused=protocol.paused, caption=caption)
        self.query_one(SessionProgress).show(self._progress_state())

    def _show_phase(self) -> None:
        """Phase header, prompts, note tags and the phase's notes, for the phase now on."""
        phase = self.protocol.phase
        assert phase is not None
        self._set_default_tags()
        self.query_one("#phase-header", Static).update(
            phase_header(self.scenario, self.protocol, self.language)
        )
        self.query_one("#prompts", Static).update(
            phase_prompts(self.scenario, phase, self.language)
        )
        self._show_notes()
        self.refresh_bindings()

    def _phase_notes(self) -> list[Note]:
        return [note for note in self.notes if note.phase == self.protocol.state]

    def _show_notes(self) -> None:
        self.query_one(NoteList).show(self._phase_notes())

    @property
    def tags(self) -> NoteTags:
        """The tags the next note is saved with."""
        return self.query_one(NoteTags)

    # -- tags -----------------------------------------------------------------------

    def _set_default_tags(self) -> None:
        """Whose case a note is on: the speaker's own in a round, else the case owner's."""
        tags = self.tags
        tags.pick_author = bool(author_choices(self.protocol))
        tags.keys = self._tag_keys()
        tags.set(lens=None, kind=None, about=self.protocol.speaker or self.session.case_owner)

    def _tag_keys(self) -> dict[str, str]:
        """The key of each tag's picker as bound now (a remap shows its own key)."""
        keys: dict[str, str] = {}
        for active in self.active_bindings.values():
            action = active.binding.action
            if action.startswith("pick_") and action[5:] not in keys:
                keys[action[5:]] = self.app.get_key_display(active.binding)
        return keys

    def _author(self) -> str | None:
        return fixed_author(self.protocol) or self.tags.author

    def _pick(self, tag: str, choices: Choices) -> None:
        """Open the picker for `tag` on `choices`; the note field keeps its text."""
        if self.protocol.is_running:
            self.tags.choose(tag, choices, then=self.query_one("#note", Input).focus)

    def action_pick_lens(self) -> None:
        self._pick("lens", lens_choices(self.scenario, self.protocol, self.language))

    def action_pick_kind(self) -> None:
        self._pick("kind", kind_choices(self.scenario, self.protocol, self.language))

    def action_pick_about(self) -> None:
        self._pick("about", about_choices(self.protocol))

    def action_pick_author(self) -> None:
        self._pick("author", author_choices(self.protocol))

    def palette_commands(self) -> list[SimpleCommand]:
        """Each lens, insight kind and team member, to tag the next note with by name."""
        if not self.protocol.is_running:
            return []
        return tag_commands(self.scenario, self.protocol, self.language, self.tags)

    # -- notes ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or not self.protocol.is_running:
            return
        tags = self.tags
        if self.editing is not None:
            note = replace(
                self.editing,
                text=text,
                lens=tags.lens,
                kind=tags.kind,
                about=tags.about,
                author=fixed_author(self.protocol) or tags.author or self.editing.author,
            )
        else:
            note = Note(
                session_id=self.session.id,
                phase=self.protocol.state,
                text=text,
                about=tags.about,
                author=self._author(),
                lens=tags.lens,
                kind=tags.kind,
                clock=self.protocol.clock.now(),
                turn=self.protocol.turn if self.protocol.turn_count > 1 else None,
            )
        try:
            self.store.save_note(note, clear_draft=bool(self.draft))
            self.draft = ""
        except (StoreError, OSError) as error:
            self._save_failed(_("The note"), error)
            return
        if self.editing is not None:
            self.notes = [note if n.id == note.id else n for n in self.notes]
            self.editing = None
        else:
            self.notes.append(note)
        event.input.value = ""
        self._show_notes()
        # The next note starts untagged, so it is not tagged with this one's lens unseen.
        tags.set(lens=None, kind=None, about=tags.about)

    def _save_failed(self, what: str, error: Exception) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.notify(
            _("{what} was NOT saved: {reason}. It is still in the field; free some "
              "disk space or check the data folder, then press Enter again.").format(
                what=what, reason=reason),
            title=_("Not saved"),
            severity="error",
            timeout=15,
            markup=False,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a note in the list: edit it in the note field."""
        note = next((n for n in self.notes if n.id == event.option.id), None)
        if note is None:
            return
        self.editing = note
        self.tags.set(
            lens=note.lens, kind=note.kind, about=note.about, author=note.author, editing=True
        )
        field = self.query_one("#note", Input)
        field.value = note.text
        field.focus()

    def action_cancel_edit(self) -> None:
        if self.editing is None:
            return
        self.editing = None
        self.query_one("#note", Input).value = ""
        self._set_default_tags()

    def action_delete_note(self) -> None:
        note_id = self.query_one(NoteList).highlighted_note_id
        if note_id is None:
            return

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.store.delete_note(self.session.id, note_id)
            except (StoreError, OSError) as error:
                self._save_failed(_("The deletion"), error)
                return
            self.notes = [n for n in self.notes if n.id != note_id]
            self._show_notes()

        self.app.push_screen(ConfirmScreen(_("Delete the highlighted note?")), delete)

    def save_draft(self) -> None:
        """Keep a half-typed note so it is there when the session is resumed."""
        text = self.query_one("#note", Input).value
        if text != self.draft:
            self.store.save_draft(self.session.id, text, self.protocol.clock.now())
            self.draft = text

    def _keep_draft_and_clock(self) -> None:
        """On a tick: keep a changed draft, and a running countdown's time, so that a kill
        loses at most the last half second of typing and a few seconds of the clock."""
        protocol = self.protocol
        text = self.query_one("#note", Input).value
        draft_due = text != self.draft and self._ticks % DRAFT_TICKS == 0
        clock_due = (
            protocol.is_running and not protocol.paused and self._ticks % CLOCK_TICKS == 0
        )
        if not (draft_due or clock_due):
            return
        try:
            self.store.save_draft(self.session.id, text, protocol.clock.now())
        except (StoreError, OSError) as error:
            if not self._keeping_failed:  # said once, not on every tick
                self._keeping_failed = True
                self._save_failed(_("The half-typed note"), error)
            return
        self._keeping_failed = False
        self.draft = text

    # -- the timekeeper's triggers ---------------------------------------------------

    def _fire(self, trigger: str, **args: float) -> bool:
        try:
            fired = self.protocol.fire(trigger, **args)
        except (StoreError, OSError) as error:
            self._save_failed(_("The step"), error)
            return False
        self.refresh_bindings()
        return fired

    def _act(self, trigger: str, **args: float) -> None:
        if self._fire(trigger, **args):
            self.refresh_view()

    def action_pause(self) -> None:
        self._act("pause")

    def action_resume(self) -> None:
        self._act("resume")

    def action_next(self) -> None:
        self._act("advance")

    def action_back(self) -> None:
        self._act("back")

    def action_more_time(self) -> None:
        self._act("extend", minutes=1)

    def action_less_time(self) -> None:
        self._act("extend", minutes=-1)

    def action_check_out(self) -> None:
        def go(confirmed: bool | None) -> None:
            if confirmed:
                self._act("check_out")

        self.app.push_screen(ConfirmScreen(_("End the phases now and go to check-out?")), go)

    def _leave_for_checkout(self) -> None:
        if self.is_current:
            self.save_draft()
            self.dismiss(CHECKOUT)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide pause or resume (whichever does not apply), dim what cannot be done now."""
        protocol = self.protocol
        if action == "pause":
            return not protocol.paused
        if action == "resume":
            return protocol.paused
        needs = {
            "next": ("advance", {}),
            "back": ("back", {}),
            "more_time": ("extend", {"minutes": 1}),
            "less_time": ("extend", {"minutes": -1}),
            "check_out": ("check_out", {}),
        }
        if action in needs:
            trigger, args = needs[action]
            return True if protocol.allowed(trigger, **args) else None
        if action == "cancel_edit":
            return self.editing is not None
        if action == "delete_note":
            return True if isinstance(self.focused, NoteList) and self._phase_notes() else None
        return True
