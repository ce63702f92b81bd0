"""The reliability gauntlet: counted, repeatable attacks on Sparring's promises.

Each test here runs a short count in the normal suite and a long one when
`SPARRING_LONG=1` is set (`tests/reliability/long_run.sh` runs the long variants and
prints the counts for RELIABILITY.md).
"""

from __future__ import annotations

import os

import pytest

LONG = os.environ.get("SPARRING_LONG") == "1"
"""Whether the long variants run (set by `tests/reliability/long_run.sh`)."""


def count(normal: int, long: int) -> int:
    """How many times an attack is repeated: `normal` in the suite, `long` in the long run."""
    return long if LONG else normal


@pytest.fixture
def report_count(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Call with (what, n) to print how many attacks a test made, for the long run's tally."""

    def report(what: str, n: int) -> None:
        print(f"\nGAUNTLET {request.node.nodeid} {what}={n}")

    return report
