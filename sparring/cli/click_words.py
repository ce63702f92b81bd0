"""Click's own words (its errors, "Aborted!", a missing argument) in the language spoken.

Click marks its messages for gettext (`from gettext import gettext as _`, in each of its
modules) but ships no catalogue, and Sparring's catalogue is compiled in memory, not
installed where gettext looks. So the messages a user of `sparring` meets are listed here
(their English exactly as Click writes them, for the catalogue), and
`speak_in_sparrings_language` gives Click's modules Sparring's `_`: a message the
catalogue has is said in the current language, any other (and Click's plurals) stays
Click's English.
"""

from __future__ import annotations

import click.core
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from sparring.i18n import N_, _

CLICK_MESSAGES = (
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("default: {default}"),
)
"""What Click says that a user of `sparring` may read, as Click says it in English."""


def speak_in_sparrings_language() -> None:
    """Let Click's messages come through Sparring's catalogue (English if it lacks one)."""
    for module in (click.core, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types):
        module._ = _  # type: ignore[attr-defined]
