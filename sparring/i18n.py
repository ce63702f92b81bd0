"""The language Sparring speaks: gettext translations, the language's choice, its formats.

Every user-visible text goes through `_` (or `ngettext`), with named `{placeholder}`s
filled in after translation: `_("Saved {count} notes").format(count=n)`. Texts made at
import time (class-level `BINDINGS`, module constants) use `N_`, a lazy text that is
translated each time it is shown (`str(text)` or `resolve(text)`).

The catalogue is the Danish `.po` file under `sparring/locale/`, compiled into memory by
Babel the first time Danish is asked for: there is no compiled `.mo` to go stale, and the
same file is found by a wheel and an editable install alike. English is the source
language, so it needs no catalogue.

This module imports neither Textual nor the store: every layer may use it.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path

LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk"}
"""The languages Sparring speaks, each by its own name (as a chooser shows them)."""

DEFAULT_LANGUAGE = "en"
DOMAIN = "sparring"
LOCALE_DIR = Path(__file__).parent / "locale"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The environment variables that name the locale, the first set one wins (POSIX order)."""

_current = DEFAULT_LANGUAGE


def catalogue_path(language: str) -> Path:
    """Where the `.po` catalogue of `language` is kept."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The translations of `language`, compiled from its `.po` file on first use."""
    path = catalogue_path(language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(BytesIO(_compiled(path, language)))


def _compiled(path: Path, language: str) -> bytes:
    """The `.po` file compiled, as gettext reads it. Compiling takes Babel about 0.1 s, so
    the result is kept in the user's cache folder, named after the `.po` file's size and
    time: a changed catalogue is compiled again, never read stale. It holds only
    Sparring's own words, no note."""
    stat = path.stat()
    kept = _cache_dir() / f"{DOMAIN}-{language}-{stat.st_size}-{stat.st_mtime_ns}.mo"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    # Babel is imported only here, so a start that finds the compiled file does not pay.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    compiled = buffer.getvalue()
    try:  # no cache folder (read-only home): compiled again next time, nothing lost
        kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = kept.with_name(f".{kept.name}.{os.getpid()}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(compiled)
        os.replace(temp, kept)
    except OSError:
        pass
    return compiled


def _cache_dir() -> Path:
    """Where compiled catalogues are kept: $SPARRING_CACHE_DIR, else the user's cache."""
    given = os.environ.get("SPARRING_CACHE_DIR")
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sparring"))


def set_language(code: str) -> None:
    """Speak `code` from now on ("da" or "en"); an unknown code gives English."""
    global _current
    _current = code if code in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The language Sparring speaks now."""
    return _current


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak `code` within the block (a session's export in its own language), then as before."""
    before = _current
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


def _(message: str) -> str:
    """`message` (English) in the current language."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, as the current language counts `n`."""
    return translations(_current).ngettext(singular, plural, n)


class LazyText(str):
    """A text made at import time and translated when shown: `str(text)` translates it.

    It is a `str` (its value the English message) so Textual's `Binding` takes it as
    one; what draws it must call `resolve` (the screens do, for their keys).
    `format(name=value)` gives a lazy text that fills its placeholders when shown.
    """

    _values: dict[str, object]

    def __new__(cls, message: str, values: dict[str, object] | None = None) -> LazyText:
        text = super().__new__(cls, message)
        text._values = values or {}
        return text

    def format(self, *args: object, **values: object) -> LazyText:
        # Only named placeholders: a translation may put them in another order.
        if args:
            raise TypeError("a lazy text takes only named {placeholders}")
        return LazyText(str.__str__(self), {**self._values, **values})

    def __str__(self) -> str:
        translated = _(str.__str__(self))
        return translated.format(**self._values) if self._values else translated

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def N_(message: str) -> LazyText:
    """Mark `message` for the catalogue and translate it only when it is shown."""
    return LazyText(message)


def resolve(text: str) -> str:
    """`text` translated if it is a lazy text, else as it is."""
    return str(text) if isinstance(text, LazyText) else text


def _locale_language(environ: Mapping[str, str]) -> str | None:
    """The language the locale names ("da_DK.UTF-8" -> "da"), if Sparring speaks it."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def resolve_language(cli_option: str | None, settings_value: str | None,
                     environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: `--language`, then the settings, then the locale, else English.

    A value Sparring does not speak is passed over, as if it were not given.
    """
    for choice in (cli_option, settings_value):
        if choice and choice.lower() in LANGUAGES:
            return choice.lower()
    found = _locale_language(os.environ if environ is None else environ)
    return found or DEFAULT_LANGUAGE
