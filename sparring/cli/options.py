"""Options shared by the commands: where the data folder is, the language, and the user's
settings."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sparring.i18n import LANGUAGES, _, resolve_language, set_language
from sparring.paths import DATA_DIR_ENV, data_dir
from sparring.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def data_dir_option(command: F) -> F:
    """The `--data-dir` option: on `sparring` itself and on every command that uses data."""
    return click.option(
        "--data-dir",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=(
            "The data folder (default: $SPARRING_DATA_DIR, else data_folder in the "
            "settings file, else your user data folder)."
        ),
    )(command)


def folder(data: Path | None) -> Path:
    """The data folder: this command's --data-dir, else the one given before it, else default."""
    if data is None:
        context = click.get_current_context(silent=True)
        parent = context.parent.params.get("data") if context and context.parent else None
        if parent:
            data = Path(parent)
    if data is None and not os.environ.get(DATA_DIR_ENV):
        data = user_settings()[0].data_folder
    return data_dir(data)


def user_settings() -> tuple[Settings, tuple[str, ...]]:
    """The settings file, read once per command, and what is wrong in it."""
    context = click.get_current_context(silent=True)
    meta = context.find_root().meta if context is not None else {}
    if "sparring.settings" not in meta:
        settings, problems = load_settings()
        meta["sparring.settings"] = (settings, tuple(problems))
    found: tuple[Settings, tuple[str, ...]] = meta["sparring.settings"]
    return found


def warn_about_settings() -> None:
    """Print what is wrong in the settings file on stderr (the app shows it itself)."""
    for problem in user_settings()[1]:
        click.echo(f"warning: {problem}", err=True)
LANGUAGE_KEY = "sparring.language"
"""Where the language given on `sparring` itself waits for its command (`Context.meta`)."""


def _choose_language(context: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Speak the language given here, else the one given before the command, else the locale's.

    Eager, so the command's own messages are in it; the settings file's `language` comes
    before the locale.
    """
    given = value or context.meta.get(LANGUAGE_KEY)
    settings = user_settings()[0].language
    if value:
        context.meta[LANGUAGE_KEY] = value
    set_language(resolve_language(given, settings))


def language_option(command: F) -> F:
    """The `--language` option: on `sparring` itself and on every command."""
    return click.option(
        "--language",
        type=click.Choice(sorted(LANGUAGES)),
        default=None,
        is_eager=True,
        expose_value=False,
        callback=_choose_language,
        help=_("The language Sparring speaks (default: the settings, else $LANG, else en)."),
    )(command)
