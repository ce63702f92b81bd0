"""Forget a member or a case: afterwards no byte of the data folder holds a trace of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import FollowUp, NextStep
from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant, Session
from sparring.store import Archive
from tests.store.helpers import add_note, data_files

HER = "Åsebrit"
CHALLENGE = "the warehouse keeps secrets"


def folder_bytes(root: Path) -> bytes:
    return b"\n".join(path.read_bytes() for path in data_files(root))


def traces(root: Path, *needles: str) -> list[str]:
    """The needles found anywhere in the folder's bytes, in any case."""
    # (The search index has parts that are not text: its texts are UTF-8 all the same.)
    haystack = folder_bytes(root).decode("utf-8", "replace").casefold()
    return [needle for needle in needles if needle.casefold() in haystack]


class Story:
    """Three sessions: Åsebrit's case, a later one she keeps time in, one without her."""

    def __init__(self, root: Path, scenario: Scenario):
        self.root = root
        clock = FakeClock()
        with Archive(root) as store:
            names = [HER, "Halfdan", "Gunnhild", "Torbjørn"]
            first = Session(
                "cross-functional-sparring",
                group="Gruppe Nord",
                participants=[
                    Participant(n, f"{n}: {CHALLENGE}" if n == HER else f"{n}'s") for n in names
                ],
                case_owner=HER,
                timekeeper="Halfdan",
            )
            store.save_session(first)
            self.her_case = first.participants[0].case_id
            protocol = Protocol(scenario, first, clock, recorder=store.recorder(first))
            for _ in range(4):
                protocol.fire("advance" if protocol.state != "setup" else "start")
                clock.advance(100)
            self.state, self.turn = protocol.state, protocol.turn
            add_note(store, first, "NOTE-ON-HER-CASE")
            add_note(store, first, "SHE-SAID-THIS", phase="round", about="Halfdan", author=HER)
            add_note(store, first, "HALFDAN-OWN", phase="round", about="Halfdan", author="Halfdan")
            add_note(
                store,
                first,
                "like Åsebrits boss, KEPT-MENTION",
                phase="round",
                about="Halfdan",
                author="Gunnhild",
            )
            her_step = NextStep(first.id, HER, "HER-STEP")
            his_step = NextStep(first.id, "Halfdan", "HIS-STEP")
            store.save_next_step(her_step)
            store.save_next_step(his_step)
            later = Session(
                "cross-functional-sparring",
                group=f"{HER} og co",
                participants=[Participant(n, "") for n in names[:3]],
                case_owner="Halfdan",
                timekeeper=HER,
            )
            later.participants[0].case_id = self.her_case
            store.save_session(later)
            store.save_follow_up(
                FollowUp(
                    later.id,
                    her_step.id,
                    first.id,
                    HER,
                    "HER-STEP",
                    "done",
                    comment="HER-FOLLOW-UP",
                )
            )
            store.save_follow_up(
                FollowUp(later.id, his_step.id, first.id, "Halfdan", "HIS-STEP", "in_progress")
            )
            add_note(store, later, "LATER-ON-HALFDAN", author="Gunnhild")
            other = Session(
                "cross-functional-sparring",
                group="Gruppe Syd",
                participants=[Participant(n, "") for n in ("Ib", "Jens", "Kaj")],
                case_owner="Ib",
                timekeeper="Jens",
            )
            store.save_session(other)
            add_note(store, other, "UNRELATED")
            store.search(text="x")  # so the search index holds every note too
            self.first, self.later, self.other = first, later, other
        self.other_bytes = (root / "sessions" / f"{other.id}.json").read_bytes()


@pytest.fixture
def story(tmp_path: Path, sparring_scenario: Scenario) -> Story:
    return Story(tmp_path / "data", sparring_scenario)


def test_forgetting_a_member_leaves_no_trace_and_the_rest_intact(
    story: Story, sparring_scenario: Scenario
):
    root = story.root
    gone = [
        HER,
        "Åsebrits",
        CHALLENGE,
        story.her_case,
        "NOTE-ON-HER-CASE",
        "SHE-SAID-THIS",
        "HER-FOLLOW-UP",
        "HER-STEP",
    ]
    assert traces(root, *gone) == gone
    with Archive(root, read_only=True) as reader:
        plan = reader.forget_participant("åsebrit", dry_run=True)
    with Archive(root) as store:
        report = store.forget_participant("åsebrit")
        assert store.search(member=HER) == []
        kept = sorted(h.note.text for h in store.search())
    assert plan.sessions == report.sessions == sorted([story.first.id, story.later.id])
    assert (plan.notes, plan.next_steps, plan.follow_ups) == (2, 1, 1)
    assert (report.notes, report.next_steps, report.follow_ups) == (2, 1, 1)
    assert report.names == 2 and report.challenges == 1 and report.mentions == 2
    assert traces(root, *gone) == []
    assert kept == [
        "HALFDAN-OWN",
        "LATER-ON-HALFDAN",
        "UNRELATED",
        "like (forgotten) boss, KEPT-MENTION",
    ]
    assert (root / "sessions" / f"{story.other.id}.json").read_bytes() == story.other_bytes
    with Archive(root, read_only=True) as reader:
        first = reader.load(story.first.id)
        later = reader.load(story.later.id)
    assert first.session.member_names == ["(forgotten)", "Halfdan", "Gunnhild", "Torbjørn"]
    assert first.session.case_owner == "(forgotten)"
    assert later.session.timekeeper == "(forgotten)" and later.session.group == "(forgotten) og co"
    assert [s.text for s in first.next_steps] == ["HIS-STEP"]
    assert [f.who for f in later.follow_ups] == ["Halfdan"]
    replayed = Protocol(sparring_scenario, first.session, FakeClock(first.last_clock_time))
    assert (replayed.state, replayed.turn) == (story.state, story.turn)


def test_forgetting_a_case_removes_its_challenge_and_notes_but_not_the_member(
    story: Story, sparring_scenario: Scenario
):
    root = story.root
    with Archive(root) as store:
        report = store.forget_case(story.her_case)
        texts = sorted(h.note.text for h in store.search())
    assert traces(root, story.her_case, CHALLENGE, "NOTE-ON-HER-CASE", "HER-FOLLOW-UP") == []
    assert report.notes == 1 and report.challenges == 1 and report.next_steps == 1
    assert report.follow_ups == 1
    assert "SHE-SAID-THIS" in texts and traces(root, HER) == [HER]
    with Archive(root, read_only=True) as reader:
        first = reader.load(story.first.id)
    replayed = Protocol(sparring_scenario, first.session, FakeClock(first.last_clock_time))
    assert (replayed.state, replayed.turn) == (story.state, story.turn)
    assert (root / "sessions" / f"{story.other.id}.json").read_bytes() == story.other_bytes


def test_forgetting_someone_who_was_never_there_changes_nothing(story: Story):
    before = folder_bytes(story.root)
    with Archive(story.root) as store:
        assert not store.forget_participant("Nobody").found
        assert not store.forget_case("no-such-case").found
    assert folder_bytes(story.root) == before


def test_forget_needs_the_writer_lock(story: Story):
    from sparring.store import ReadOnlyArchive

    with Archive(story.root, read_only=True) as reader, pytest.raises(ReadOnlyArchive):
        reader.forget_participant(HER)


def test_an_empty_name_or_case_is_refused_rather_than_matching_everything(story: Story):
    from sparring.store import StoreError

    before = folder_bytes(story.root)
    with Archive(story.root) as store:
        for forget in (store.forget_participant, store.forget_case):
            with pytest.raises(StoreError, match="Give the"):
                forget("  ")
    assert folder_bytes(story.root) == before
