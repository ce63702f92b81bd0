"""Numbers, dates and times as the current language writes them, through Babel.

Danish writes 1.200 and 3,5 and "5. marts 2026"; English 1,200 and 3.5 and
"March 5, 2026". A countdown's M:SS is the same in both and is not made here.

Babel is imported when a date is first written, not with this module: the app's first
frame does not wait for it. Numbers are written with each language's two marks, kept here
as Babel has them (see `SYMBOLS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sparring.domain.moments import local_moment
from sparring.i18n import current_language

_LOCALES = {"da": "da_DK", "en": "en_GB"}
"""The Babel locale of each language (British English writes 24-hour times, as Sparring did)."""


def locale() -> str:
    """The Babel locale of the current language."""
    return _LOCALES.get(current_language(), "en_GB")


SYMBOLS = {"da": (".", ","), "en": (",", ".")}
"""Each language's thousands separator and decimal mark, as Babel's locale data has them
(a test holds the two to Babel's): numbers are written with these, so that listing
thousands of sessions does not wait for Babel's locale data to load."""


def _symbols() -> tuple[str, str]:
    return SYMBOLS.get(current_language(), SYMBOLS["en"])


def _grouped(text: str) -> str:
    """A number Python wrote with ',' and '.' in the language's own marks."""
    group, decimal = _symbols()
    return text.translate({ord(","): group, ord("."): decimal})


def number_text(value: int) -> str:
    """A whole number with the language's thousands separator: 1200 -> '1,200' / '1.200'."""
    return _grouped(f"{value:,}")


def decimal_text(value: float) -> str:
    """A number with one decimal where needed: 3.5 -> '3.5' / '3,5'; 4.0 -> '4'."""
    text = f"{round(value, 1):,.1f}".removesuffix(".0")
    return _grouped("0" if text == "-0" else text)


def number_list(numbers: Iterable[str]) -> str:
    """Numbers in a list, told apart where the decimal mark is a comma: '2.9, 3' / '2,9; 3'."""
    separator = "; " if _symbols()[1] == "," else ", "
    return separator.join(numbers)


def minutes_text(seconds: float) -> str:
    """Seconds as minutes with one decimal where needed: 600 -> '10', 612 -> '10.2' / '10,2'."""
    return decimal_text(seconds / 60)


def date_text(day: date) -> str:
    """A day written out: 'March 5, 2026' / '5. marts 2026'."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=locale())


def moment_text(moment: str | None) -> str:
    """A stored ISO 8601 time as a local day and time in the language ('' if unreadable)."""
    from babel.dates import format_datetime

    local = local_moment(moment)
    if local is None:
        return (moment or "")[:16].replace("T", " ")
    return format_datetime(local, format="d. MMMM y HH:mm" if current_language() == "da"
                           else "d MMMM y HH:mm", locale=locale())


def day_of(moment: str | None) -> str:
    """A stored ISO 8601 time's local day, written out in the language."""
    local = local_moment(moment)
    return date_text(local.date()) if local is not None else (moment or "")[:10]


__all__ = ["SYMBOLS", "date_text", "day_of", "decimal_text", "locale", "minutes_text",
           "moment_text", "number_list", "number_text"]
