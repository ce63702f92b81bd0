"""Options shared by the commands, and commands whose help speaks the current language.

Click cleans a command's and an option's help when the command is made, at import, before
any language is chosen. The commands here keep the English help (a lazy text, `N_`) and
translate it each time help is drawn, and `sparring` itself chooses the language from its
arguments (`--language` anywhere among them), the settings and the locale before it parses
them, so `sparring --help --language da` and `LANG=da_DK.UTF-8 sparring --help` are Danish.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from sparring.i18n import LANGUAGES, N_, LazyText, _, resolve_language, set_language
from sparring.paths import DATA_DIR_ENV, data_dir
from sparring.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])

CLICK_WORDS = {
    "Options": N_("Options"),
    "Commands": N_("Commands"),
    "Positional arguments": N_("Arguments"),
}
"""Click's own headings in the help, as Sparring says them."""


class TranslatedFormatter(click.HelpFormatter):
    """Click's help formatter with its headings and "Usage:" in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(str(CLICK_WORDS.get(name, name))):
            yield


class TranslatedContext(click.Context):
    formatter_class = TranslatedFormatter


class _TranslatedHelp:
    """Help kept in English (a lazy text keeps its placeholders' values) and shown translated.

    Click cleans `help` into a plain text when it is made; the lazy text given is kept
    aside first, so its values survive.
    """

    _english_help: str | None = None

    @property
    def help(self) -> str | None:
        return _translate(self._english_help)

    @help.setter
    def help(self, value: str | None) -> None:
        if not isinstance(self._english_help, LazyText) or value != str.__str__(self._english_help):
            self._english_help = value


def _translate(text: str | None) -> str | None:
    if isinstance(text, LazyText):
        return str(text)
    return _(text) if text else text


class TranslatedOption(_TranslatedHelp, click.Option):
    """An option whose help (and a metavar given as a lazy text) is translated when shown."""

    def __init__(self, *args: Any, **attrs: Any) -> None:
        self._english_help = attrs.get("help")
        super().__init__(*args, **attrs)

    def make_metavar(self, ctx: click.Context) -> str:
        if isinstance(self.metavar, LazyText):
            return str(self.metavar)
        return super().make_metavar(ctx)


class TranslatedCommand(_TranslatedHelp, click.Command):
    """A command whose help, and its help option's, is translated when it is shown."""

    context_class = TranslatedContext

    def __init__(self, *args: Any, **attrs: Any) -> None:
        self._english_help = attrs.get("help")
        super().__init__(*args, **attrs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of translated commands; as `sparring` itself, it chooses the language first,
    from `--language` anywhere in its arguments, before it parses them (and so before
    `--help`, which is eager, draws anything)."""

    command_class = TranslatedCommand
    group_class = type

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            chosen = language_in(args)
            if chosen in LANGUAGES:
                ctx.meta[LANGUAGE_KEY] = chosen
            set_language(resolve_language(chosen, _settings_language(ctx)))
        return super().parse_args(ctx, args)


def language_in(args: Sequence[str]) -> str | None:
    """The last `--language` among the arguments (`--language da` or `--language=da`)."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--language" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--language="):
            found = arg.partition("=")[2]
    return found


def command(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], TranslatedCommand]:
    """`click.command` with help in the current language: give it as `help=N_(...)`."""
    return click.command(name, cls=TranslatedCommand, **attrs)


def option(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.option` with help in the current language: give it as `help=N_(...)`."""
    return click.option(*param_decls, cls=TranslatedOption, **attrs)


def data_dir_option(command: F) -> F:
    """The `--data-dir` option: on `sparring` itself and on every command that uses data."""
    return option(
        "--data-dir",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=N_(
            "The data folder (default: $SPARRING_DATA_DIR, else data_folder in the settings "
            "file, else your user data folder)."
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


def user_settings(context: click.Context | None = None) -> tuple[Settings, tuple[str, ...]]:
    """The settings file, read once per command, and what is wrong in it."""
    context = context or click.get_current_context(silent=True)
    meta = context.find_root().meta if context is not None else {}
    if "sparring.settings" not in meta:
        settings, problems = load_settings()
        meta["sparring.settings"] = (settings, tuple(problems))
    found: tuple[Settings, tuple[str, ...]] = meta["sparring.settings"]
    return found


def warn_about_settings() -> None:
    """Print what is wrong in the settings file on stderr (the app shows it itself)."""
    for problem in user_settings()[1]:
        click.echo(_("warning: {problem}").format(problem=problem), err=True)


LANGUAGE_KEY = "sparring.language"
"""Where the language given on `sparring` itself waits for its command (`Context.meta`)."""


def _choose_language(context: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Speak the language given here, else the one given before the command, else the locale's.

    Eager, so the command's own messages are in it; the settings file's `language` comes
    before the locale.
    """
    given = value or context.meta.get(LANGUAGE_KEY)
    if value:
        context.meta[LANGUAGE_KEY] = value
    set_language(resolve_language(given, _settings_language(context)))


def _settings_language(context: click.Context) -> str | None:
    return user_settings(context)[0].language


def language_option(command: F) -> F:
    """The `--language` option: on `sparring` itself and on every command."""
    return option(
        "--language",
        type=click.Choice(sorted(LANGUAGES)),
        default=None,
        is_eager=True,
        expose_value=False,
        callback=_choose_language,
        help=N_("The language Sparring speaks (default: the settings, else $LANG, else en)."),
    )(command)
