"""The trends of a group over its sessions: scores and minutes, from stored sessions."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from sparring.domain.catalogue import load_catalogue
from sparring.domain.scenario import Scenario
from sparring.i18n import set_language
from sparring.review import (
    QUESTION_LABELS,
    default_group,
    describe_minutes,
    describe_scores,
    evaluation_trend,
    finished_sessions,
    group_names,
    load_group,
    minutes_by_phase,
    scenarios_by_use,
)
from sparring.store import Archive, SessionSummary
from tests.group_history import finished, save_all, scores, two_groups


@pytest.fixture(scope="module")
def sparring() -> Scenario:
    return load_catalogue().get("cross-functional-sparring")


@pytest.fixture(scope="module")
def feedback() -> Scenario:
    return load_catalogue().get("feedback-round")


def test_the_review_does_not_import_textual():
    code = (
        "import sys, sparring.review\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


class TestWhichSessions:
    def test_finished_sessions_of_a_group_oldest_first_any_capitalisation(self, sparring):
        later = finished(sparring, "b", "2025-02-01", group="group 1")
        earlier = finished(sparring, "a", "2025-01-01", group="GROUP 1 ")
        other = finished(sparring, "c", "2025-01-15", group="Group 2")
        unfinished = finished(sparring, "d", "2025-01-20", finish=False)

        found = finished_sessions([later, other, unfinished, earlier], "Group 1")

        assert [s.session.id for s in found] == ["a", "b"]

    def test_group_names_once_each_as_typed_in_the_newest_session(self, sparring):
        sessions = [
            finished(sparring, "a", "2025-01-01", group="group 1"),
            finished(sparring, "b", "2025-03-01", group="Group 1"),
            finished(sparring, "c", "2025-02-01", group="Ørsted [team]"),
            finished(sparring, "d", "2025-02-02", group="alpha"),
        ]
        summaries = [SessionSummary.of(stored) for stored in sessions]

        assert group_names(summaries) == ["alpha", "Group 1", "Ørsted [team]"]
        assert default_group(summaries) == "Group 1"
        assert default_group([]) is None


class TestScores:
    def test_each_finished_session_oldest_first_with_its_scores_and_mean(self, sparring, feedback):
        trend = evaluation_trend(two_groups(sparring, feedback)[:5])

        assert [e.date for e in trend.sessions] == [
            "2025-01-14",
            "2025-02-11",
            "2025-03-11",
            "2025-04-08",
            "2025-05-13",
        ]
        first = trend.sessions[0]
        assert first.scores["time_kept"] == 2
        assert first.overall == pytest.approx(26 / 9)
        # A skipped question is None and does not count in the mean.
        assert trend.sessions[2].scores["other"] is None
        assert trend.sessions[2].overall == 4
        # A session without an evaluation is there, with nothing answered.
        assert trend.sessions[3].overall is None
        assert set(trend.sessions[3].scores.values()) == {None}
        assert len(trend.evaluated) == 4

    def test_points_of_the_mean_and_of_one_question(self, sparring, feedback):
        trend = evaluation_trend(two_groups(sparring, feedback)[:5])

        assert [index for index, _ in trend.points()] == [0, 1, 2, 4]
        assert trend.points("time_kept") == [(0, 2.0), (1, 3.0), (2, 4.0), (4, 4.0)]
        assert trend.points("other") == [(0, 3.0), (1, 3.0), (4, 5.0)]
        assert trend.mean("time_kept") == pytest.approx(13 / 4)

    def test_the_sentence_says_the_numbers(self, sparring, feedback):
        trend = evaluation_trend(two_groups(sparring, feedback)[:5])

        text = describe_scores(trend, "Group 1", "time_kept")

        assert text == (
            "Mean score (1-5) of 4 sessions, oldest first: 2.9, 3.1, 4, 4.9 "
            "(2025-01-14 to 2025-05-13). 1 without an evaluation. Time kept: 2, 3, 4, 4."
        )

    def test_one_session_and_empty_states(self, sparring):
        one = evaluation_trend([finished(sparring, "a", "2025-01-01", None, scores(4))])
        assert describe_scores(one, "Group 1") == "Mean score on 2025-01-01: 4 of 5."

        unevaluated = evaluation_trend([finished(sparring, "a", "2025-01-01")])
        assert describe_scores(unevaluated, "Group 1") == "No evaluations yet for Group 1."
        assert describe_scores(evaluation_trend([]), "") == (
            "No finished sessions yet for (no group name)."
        )

    def test_every_answer_skipped_counts_as_no_evaluation(self, sparring):
        skipped = finished(sparring, "a", "2025-01-01", None, {"energy": None})

        trend = evaluation_trend([skipped])

        assert trend.evaluated == ()
        assert trend.points() == []


class TestMinutes:
    def test_planned_and_actual_per_phase_with_the_mean(self, sparring, feedback):
        minutes = minutes_by_phase(two_groups(sparring, feedback)[:5], sparring)

        assert minutes.count == 4  # the feedback round is another protocol
        assert minutes.dates == ("2025-01-14", "2025-02-11", "2025-04-08", "2025-05-13")
        assert [p.phase_id for p in minutes.phases] == ["present", "reflect", "interview", "round"]
        assert [p.title for p in minutes.phases] == ["Present", "Reflect", "Interview", "Round"]
        present = minutes.phases[0]
        assert present.planned == (10, 10, 10, 10)
        assert present.actual == pytest.approx((12, 11, 10.5, 10))
        assert present.mean_planned == 10
        assert present.mean_actual == pytest.approx(10.875)
        # The round's turns add up to the phase.
        assert minutes.phases[3].actual == pytest.approx((13, 12, 11, 10))

    def test_titles_in_the_language_asked(self, sparring):
        minutes = minutes_by_phase([finished(sparring, "a", "2025-01-01")], sparring, language="da")

        assert minutes.phases[0].title == "Præsentation"

    def test_the_most_used_protocol_first(self, sparring, feedback):
        sessions = two_groups(sparring, feedback)[:5]

        assert scenarios_by_use(sessions) == ["cross-functional-sparring", "feedback-round"]
        tie = [
            finished(sparring, "a", "2025-01-01"),
            finished(feedback, "b", "2025-02-01", [5, 10]),
        ]
        assert scenarios_by_use(tie) == ["feedback-round", "cross-functional-sparring"]

    def test_a_log_the_protocol_no_longer_accepts_is_counted_not_charted(self, sparring):
        # Two members: the protocol (3 to 6 now) refuses the start when the log replays.
        odd = finished(sparring, "odd", "2025-01-01", members=2)
        good = finished(sparring, "good", "2025-02-01")

        minutes = minutes_by_phase([odd, good], sparring)

        assert minutes.count == 1
        assert minutes.not_timed == 1
        assert describe_minutes(minutes, "Group 1") == (
            "Minutes on 2025-02-01, planned / actual: Present 10 / 10, Reflect 10 / 10, "
            "Interview 5 / 5, Round 10 / 10. 1 session could not be timed against this "
            "protocol."
        )

    def test_the_sentence_says_the_means(self, sparring, feedback):
        minutes = minutes_by_phase(two_groups(sparring, feedback)[:5], sparring)

        assert describe_minutes(minutes, "Group 1") == (
            "Mean minutes of 4 sessions, planned / actual: Present 10 / 10.9, "
            "Reflect 10 / 9.8, Interview 5 / 5.4, Round 10 / 11.5."
        )

    def test_no_sessions_of_the_protocol(self, sparring):
        minutes = minutes_by_phase([], sparring)

        assert minutes.count == 0
        assert minutes.phases[0].mean_actual == 0
        assert describe_minutes(minutes, "Group 1") == (
            "No timed sessions of Cross-functional sparring yet for Group 1."
        )


class TestLoadGroup:
    def test_reads_a_groups_finished_sessions_and_counts_damaged_files(
        self, tmp_path, sparring, feedback
    ):
        store = Archive(tmp_path / "data")
        save_all(store, two_groups(sparring, feedback))
        save_all(store, [finished(sparring, "g1-jun", "2025-06-10", finish=False)])
        # Damaged after the store listed it: left out and counted.
        store.path_of("g1-feb").write_text("{ not json", encoding="utf-8")

        found = load_group(store, "GROUP 1")

        assert found.group == "Group 1"
        assert [s.session.id for s in found.sessions] == ["g1-jan", "g1-mar", "g1-apr", "g1-may"]
        assert found.damaged == 1
        store.close()

    def test_a_read_only_store(self, tmp_path, sparring, feedback):
        with Archive(tmp_path / "data") as writer:
            save_all(writer, two_groups(sparring, feedback))
        reader = Archive(tmp_path / "data", read_only=True)

        found = load_group(reader, "Group 2")

        assert [s.session.id for s in found.sessions] == ["g2-may"]
        assert found.damaged == 0
        reader.close()


def test_a_group_of_many_sessions_is_described_by_its_latest(sparring):
    first = date(2024, 1, 2)
    sessions = [
        finished(
            sparring,
            f"s{index:02d}",
            (first + timedelta(weeks=index)).isoformat(),
            None,
            scores(1 + index % 5),
        )
        for index in range(30)
    ]

    text = describe_scores(evaluation_trend(sessions), "Group 1", "energy", latest=3)

    assert text == (
        "Mean score (1-5) of 30 sessions, the last 3: 3, 4, 5 (2024-07-09 to 2024-07-23). "
        "Gave energy: 3, 4, 5."
    )


class TestInDanish:
    def test_the_scores_sentence_in_danish_words_numbers_and_labels(self, sparring, feedback):
        trend = evaluation_trend(two_groups(sparring, feedback)[:5])
        set_language("da")

        text = describe_scores(trend, "Gruppe 1", "time_kept")

        assert text == (
            "Gennemsnitsscore (1-5) for 4 sessioner, ældste først: 2,9; 3,1; 4; 4,9 "
            "(2025-01-14 til 2025-05-13). 1 uden evaluering. Tidsstyring: 2; 3; 4; 4."
        )
        assert QUESTION_LABELS["time_kept"] == "Tidsstyring"
        assert describe_scores(evaluation_trend([]), "") == (
            "Ingen afsluttede sessioner endnu for (intet gruppenavn)."
        )

    def test_the_minutes_sentence_in_danish(self, sparring, feedback):
        set_language("da")
        minutes = minutes_by_phase(two_groups(sparring, feedback)[:5], sparring)

        text = describe_minutes(minutes, "Gruppe 1")

        assert text.startswith("Gennemsnitlige minutter for 4 sessioner, planlagt / faktisk: ")
        assert "10 / 10,9; " in text and "Present" not in text
