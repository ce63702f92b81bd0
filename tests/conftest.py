"""Shared fixtures: scenarios, a ready session and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant, Session
from sparring.i18n import LOCALE_VARIABLES, set_language


@pytest.fixture(autouse=True)
def _private_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real data and config folders."""
    monkeypatch.setenv("SPARRING_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("SPARRING_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the machine's locale; a test asks for Danish."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def sparring_scenario() -> Scenario:
    """The seed protocol: 10 + 10 + 5 + 10 minutes."""
    return load_catalogue().get("cross-functional-sparring")


def make_session(members: int = 4, scenario_id: str = "cross-functional-sparring") -> Session:
    """A session ready to start: `members` members, the first one's case, the second keeps time."""
    names = ["Anne", "Bo", "Carla", "Dorte", "Emil", "Frida"][:members]
    return Session(
        scenario_id=scenario_id,
        group="Group 1",
        participants=[Participant(name, f"{name}'s challenge") for name in names],
        case_owner=names[0],
        timekeeper=names[1] if members > 1 else None,
    )


@pytest.fixture
def session() -> Session:
    """A group of four, ready to start."""
    return make_session()


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when the test says so."""
    return FakeClock()
