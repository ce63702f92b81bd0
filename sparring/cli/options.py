"""Options shared by the commands: where the data folder is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sparring.paths import data_dir

F = TypeVar("F", bound=Callable[..., Any])


def data_dir_option(command: F) -> F:
    """The `--data-dir` option: on `sparring` itself and on every command that uses data."""
    return click.option(
        "--data-dir",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The data folder (default: $SPARRING_DATA_DIR, else your user data folder).",
    )(command)


def folder(data: Path | None) -> Path:
    """The data folder: this command's --data-dir, else the one given before it, else default."""
    if data is None:
        context = click.get_current_context(silent=True)
        parent = context.parent.params.get("data") if context and context.parent else None
        if parent:
            data = Path(parent)
    return data_dir(data)
