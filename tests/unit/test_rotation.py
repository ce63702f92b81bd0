"""Who presents next: never taken first, else longest ago."""

from sparring.domain.rotation import suggest_case_owner

MEMBERS = ["Anne", "Bo", "Carla", "Dorte"]


def test_a_group_with_no_history_gets_no_suggestion():
    assert suggest_case_owner(MEMBERS, []) is None


def test_a_member_never_taken_comes_first():
    past = [("2026-09-01", "Anne"), ("2026-10-01", "Bo")]
    suggestion = suggest_case_owner(MEMBERS, past)
    assert suggestion is not None
    assert suggestion.name == "Carla"
    assert "not been taken" in suggestion.reason


def test_otherwise_the_one_taken_longest_ago():
    past = [("2026-09-01", "anne"), ("2026-10-01", "Bo"), ("2026-08-01", "Carla"),
            ("2026-11-01", "Dorte"), ("2026-07-01", "Bo"), ("2026-06-01", "Dorte")]
    suggestion = suggest_case_owner(MEMBERS, past)
    assert suggestion is not None
    assert suggestion.name == "Carla"
    assert "1 August 2026" in suggestion.reason


def test_former_members_do_not_count():
    past = [("2026-09-01", "Erik"), ("2026-10-01", "Anne")]
    suggestion = suggest_case_owner(["Anne", "Bo", "Carla"], past)
    assert suggestion is not None and suggestion.name == "Bo"
