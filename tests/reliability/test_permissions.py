"""Promises 4 and 6: every file Sparring writes is 0600 and every folder it makes 0700,
temp files included; readers change no mode; a folder the user made read-only, or one on
a read-only file system, is read and never written; a lock that cannot be taken is named.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.catalogue import load_catalogue
from sparring.domain.records import NextStep
from sparring.store import Archive, StoreError
from sparring.store import files as store_files
from sparring.ui.app import SparringApp
from tests.reliability.conftest import count
from tests.store.helpers import add_note, saved_session


def modes(root: Path) -> dict[str, int]:
    """The mode of the folder and of everything in it, by path."""
    found = {str(root): stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path)] = stat.S_IMODE(path.lstat().st_mode)
    return found


def busy_folder(root: Path, sessions: int = 2) -> list[str]:
    """A folder with sessions, notes, a next step, a draft and both caches; the ids."""
    ids = []
    with Archive(root) as store:
        for n in range(sessions):
            session = saved_session(store)
            add_note(store, session, f"note {n}")
            store.save_next_step(NextStep(session.id, "Anne", "try"))
            store.save_draft(session.id, "half")
            ids.append(session.id)
        assert store.search(text="note")
    return ids


@pytest.fixture
def temp_modes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The mode of every temp file at the moment it is renamed into place."""
    seen: list[int] = []
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(store_files.os, "replace", replace)
    yield seen


def test_every_file_written_is_0600_and_every_folder_0700_temp_files_included(
    tmp_path: Path, temp_modes: list[int], report_count: Any
):
    root = tmp_path / "data"
    rounds = count(3, 30)
    old_umask = os.umask(0)  # the most generous umask: the modes are Sparring's own
    try:
        for _ in range(rounds):
            busy_folder(root)
    finally:
        os.umask(old_umask)
    report_count("folders written", rounds)
    assert temp_modes and set(temp_modes) == {0o600}
    for path, mode in modes(root).items():
        expected = 0o700 if Path(path).is_dir() else 0o600
        assert mode == expected, path


READERS = [["sessions"], ["sessions", "--json"], ["history"], ["history", "--json"]]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c))
def test_readers_change_no_mode_and_call_no_chmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
):
    root = tmp_path / "data"
    busy_folder(root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # as another user might have it
    before = modes(root)
    calls: list[Any] = []
    for name in ("chmod", "fchmod", "lchmod"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, lambda *a, **k: calls.append(a))
    result = CliRunner().invoke(cli, ["--data-dir", str(root), *command])
    assert result.exit_code == 0, result.output
    assert calls == []
    assert modes(root) == before


def test_a_folder_the_user_made_read_only_is_read_and_never_written(tmp_path: Path):
    root = tmp_path / "data"
    [session_id, _] = busy_folder(root)
    root.chmod(0o500)
    try:
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        with Archive(root) as store:
            assert store.read_only
            assert "read-only (mode 500)" in (store.read_only_reason or "")
            assert store.load(session_id).notes
            with pytest.raises(StoreError):
                store.save_draft(session_id, "more")
        result = CliRunner().invoke(cli, ["--data-dir", str(root), "delete", session_id, "--yes"])
        assert result.exit_code == 1 and "read-only (mode 500)" in result.output
        assert stat.S_IMODE(root.stat().st_mode) == 0o500
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    finally:
        root.chmod(0o700)


class ReadOnlyMount:
    """`os.statvfs` as a read-only mount answers it (the flag is all Sparring reads)."""

    f_flag = os.ST_RDONLY


async def test_the_app_opens_a_read_only_mount_to_read_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "data"
    busy_folder(root)
    root.chmod(0o755)  # as a backup disk mounted read-only may have it
    real_statvfs, real_chmod, real_open = os.statvfs, os.chmod, os.open

    def inside(path: Any) -> bool:
        return isinstance(path, str | Path) and Path(path).is_relative_to(root)

    def refuse(*args: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(args[0]))

    def chmod(path: Any, *args: Any, **kwargs: Any) -> None:
        return refuse(path) if inside(path) else real_chmod(path, *args, **kwargs)

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(
        os, "statvfs", lambda p: ReadOnlyMount() if Path(p) == root else real_statvfs(p)
    )
    app = SparringApp(lambda: Archive(root), load_catalogue(), export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.store_ready:
                break
            await pilot.pause(0.01)
        assert app.store_ready and app.return_code is None
        assert app.store.read_only
        assert "read-only file system" in (app.store.read_only_reason or "")
        assert len(app.store.sessions()) == 2
    app.close_store()


def test_a_writer_takes_away_only_what_others_may_do(tmp_path: Path):
    root = tmp_path / "data"
    busy_folder(root)
    root.chmod(0o755)
    with Archive(root):
        pass
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_a_lock_that_cannot_be_taken_is_named(tmp_path: Path):
    root = tmp_path / "data"
    [session_id, _] = busy_folder(root)
    lock = root / "locks" / f"{session_id}.lock"
    lock.unlink()
    lock.mkdir()  # a directory where the lock file goes
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "delete", session_id, "--yes"])
    assert result.exit_code == 1
    assert f"Cannot take the lock {lock}" in result.output
    assert "Traceback" not in result.output
    assert (root / "sessions" / f"{session_id}.json").exists()


def test_a_writer_changes_no_mode_of_a_folder_that_is_not_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "data"
    busy_folder(root)
    root.chmod(0o755)
    monkeypatch.setattr(os, "geteuid", lambda: root.stat().st_uid + 1)  # another user's
    with Archive(root):
        pass
    assert stat.S_IMODE(root.stat().st_mode) == 0o755
