"""The start screen and the history show sessions an older Sparring stored with times at
the calendar's ends and NaN numbers (their files named), and nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.domain.catalogue import load_catalogue
from sparring.store import Archive
from sparring.ui.app import SparringApp
from sparring.ui.screens.history import HistoryScreen
from tests.store.test_store_bad_documents import older_catalogue


async def test_the_start_screen_and_the_history_show_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "data"
    older_catalogue(root, monkeypatch)
    app = SparringApp(lambda: Archive(root), load_catalogue(), export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if app.store_ready:
                break
            await pilot.pause(0.01)
        assert app.store_ready
        await pilot.press("h")
        for _ in range(100):
            if isinstance(app.screen, HistoryScreen):
                break
            await pilot.pause(0.01)
        assert isinstance(app.screen, HistoryScreen)
        for tab in ("2", "3", "1"):
            await pilot.press(tab)
            await pilot.pause(0.05)
        assert app.return_code is None
    app.close_store()
