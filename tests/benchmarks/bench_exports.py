"""Benchmark: exporting one member's notes and a whole group with 100,000 notes stored.

Run it with `.venv/bin/python tests/benchmarks/bench_exports.py`. It builds the synthetic
history `bench_storage.grow` builds (4,000 sessions of 25 notes, 12 groups), opens the
folder in a fresh process, as `sparring export` does, and measures through the real
store and the real exports:

- member: `sparring export --member NAME --group G --format html` (the sessions the
  member took part in read, their notes gathered, the page written out);
- group: `sparring export --group G` (every session of the group, as one group file).

Each must take at most 1 s. The last line reads `member_s=X group_s=Y sessions=N notes=M`.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sparring.store import Archive
from tests.benchmarks.bench_storage import grow

NOTES = 100_000
BUDGET_S = 1.0

MEASURE = """
import json, sys, time
from sparring.cli.data import _json_text
from sparring.review.group import export_group
from sparring.review.member import group_sessions, member_html, member_notes
from sparring.store import Archive

root, group, member = sys.argv[1], sys.argv[2], sys.argv[3]
began = time.perf_counter()
with Archive(root, read_only=True) as store:
    summaries = store.sessions(member=member, group=group)
    sessions = [store.load(s.id) for s in summaries]
    points = store.learning_points()
found = member_notes(sessions, group, member, points)
page = member_html(found, {})
member_s = time.perf_counter() - began
began = time.perf_counter()
with Archive(root, read_only=True) as store:
    sessions = group_sessions(store, group)
    text = _json_text(export_group(group, sessions, {}, store.learning_points()))
group_s = time.perf_counter() - began
print(json.dumps({"member_s": member_s, "group_s": group_s, "member_sessions": len(summaries),
                  "group_sessions": len(sessions), "group_bytes": len(text),
                  "member_bytes": len(page)}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "data"
        docs = grow(root, random.Random(3), NOTES, datetime(2018, 1, 1, tzinfo=UTC))
        # The catalogue made once, as the app does the first time it opens the folder.
        with Archive(root) as store:
            store.sessions()
        out = subprocess.run([sys.executable, "-c", MEASURE, str(root), "Gruppe 3", "Anne"],
                             check=True, capture_output=True, text=True)
        found = json.loads(out.stdout)
        print(f"{len(docs):,} notes stored")
        print(f"member export (Anne, Gruppe 3): {found['member_s']:.3f} s over "
              f"{found['member_sessions']} sessions, {found['member_bytes']:,} bytes of HTML")
        print(f"group export (Gruppe 3): {found['group_s']:.3f} s over "
              f"{found['group_sessions']} sessions, {found['group_bytes']:,} bytes")
        print(f"member_s={found['member_s']:.3f} group_s={found['group_s']:.3f} "
              f"sessions={found['group_sessions']} notes={len(docs)}")
        if max(found["member_s"], found["group_s"]) > BUDGET_S:
            raise SystemExit(f"over the budget of {BUDGET_S} s")


if __name__ == "__main__":
    main()
