#!/usr/bin/env bash
# The long variants of the reliability gauntlet (see RELIABILITY.md): thousands of kills,
# hundreds of closed terminals, longer fuzzing. Prints each test's counts.
set -euo pipefail
cd "$(dirname "$0")/../.."
SPARRING_LONG=1 .venv/bin/python -m pytest tests/reliability -q -s -n0 -p no:cacheprovider \
    -rfE --durations=0 --durations-min=1 "$@" \
    | grep -E "GAUNTLET|^[0-9.]+s call|^(FAILED|ERROR) |[0-9]+ (passed|failed|error)"
