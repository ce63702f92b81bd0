"""Reading the store in a thread for the screens, one question at a time, newest answer wins.

The first search of a process loads every note (a second or so with 100,000), and a
search over all of them takes tens of milliseconds: neither may stop the screen from
drawing or the user from typing. So the questions run in a thread worker. The store is
not thread-safe, so they run one at a time under a lock. And each question has a
generation per topic: an answer to a question that has since been replaced (the user
typed on) is dropped, never shown over the newer one.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode

from sparring.store import Archive, StoreError

T = TypeVar("T")


class StoreReader:
    """Asks `store` questions in a thread on behalf of `node` (which runs the workers).

    Args:
        node: the screen or widget the workers belong to (they end with it).
        store: the data folder.
    """

    def __init__(self, node: DOMNode, store: Archive):
        self.node = node
        self.store = store
        self._lock = threading.Lock()
        self._generations: dict[str, int] = {}

    def asked(self, topic: str) -> int:
        """How many questions on `topic` were asked so far."""
        return self._generations.get(topic, 0)

    def ask(self, topic: str, work: Callable[[Archive], T], answer: Callable[[T], None],
            failed: Callable[[str], None]) -> None:
        """Run `work(store)` in a thread, then `answer` its result (or `failed` with what
        went wrong) in the app's thread, unless a newer question on `topic` was asked."""
        generation = self._generations[topic] = self.asked(topic) + 1

        def current() -> bool:
            return self._generations[topic] == generation

        def run() -> None:
            with self._lock:
                if not current():
                    return
                try:
                    result: Any = work(self.store)
                except (StoreError, OSError) as error:
                    self._reply(current, failed, str(error))
                    return
            self._reply(current, answer, result)

        # Not `exclusive`: cancelling a thread worker leaves its thread running unseen.
        # A replaced question finds out it is stale before it starts, or is dropped after.
        self.node.run_worker(run, thread=True, group=f"store-{topic}",
                             name=f"read the store: {topic}")

    def _reply(self, current: Callable[[], bool], callback: Callable[[Any], None],
               value: Any) -> None:
        def deliver() -> None:
            if current() and self.node.is_attached:
                callback(value)

        # RuntimeError: the app has closed meanwhile, and nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            self.node.app.call_from_thread(deliver)
