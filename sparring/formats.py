"""Numbers, dates and times as the current language writes them, through Babel.

Danish writes 1.200 and 3,5 and "5. marts 2026"; English 1,200 and 3.5 and
"March 5, 2026". A countdown's M:SS is the same in both and is not made here.

Babel is imported when a number or a date is first written, not with this module, and a
whole number below 1,000 (the minutes of a phase, the count of a few notes) is written
without it: it reads the same in both languages, and the app's first frame does not wait
for Babel's locale data.
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


def _plain(value: float) -> str | None:
    """A whole number below 1,000 as both languages write it, else None."""
    if value == int(value) and -1000 < value < 1000:
        return str(int(value))
    return None


def number_text(value: int) -> str:
    """A whole number with the language's thousands separator: 1200 -> '1,200' / '1.200'."""
    if (plain := _plain(value)) is not None:
        return plain
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale())


def decimal_text(value: float) -> str:
    """A number with one decimal where needed: 3.5 -> '3.5' / '3,5'; 4.0 -> '4'."""
    value = round(value, 1)
    if (plain := _plain(value)) is not None:
        return plain
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.#", locale=locale())


def number_list(numbers: Iterable[str]) -> str:
    """Numbers in a list, told apart where the decimal mark is a comma: '2.9, 3' / '2,9; 3'."""
    from babel.numbers import get_decimal_symbol

    separator = "; " if get_decimal_symbol(locale()) == "," else ", "
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


__all__ = ["date_text", "day_of", "decimal_text", "locale", "minutes_text",
           "moment_text", "number_text"]
