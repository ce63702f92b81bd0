"""Fixtures of the wall's tests: the data folder and writer processes on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.wall.helpers import Writer


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def writers(data: Path) -> Iterator[Callable[[], Writer]]:
    """Starts writer processes on the test's data folder; each is stopped at the end."""
    started: list[Writer] = []

    def start() -> Writer:
        writer = Writer(data)
        started.append(writer)
        return writer

    yield start
    for writer in started:
        try:
            writer.stop()
        finally:
            if writer.process.poll() is None:
                writer.process.kill()


@pytest.fixture
def writer(writers: Callable[[], Writer]) -> Writer:
    return writers()
