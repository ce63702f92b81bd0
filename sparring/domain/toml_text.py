"""Reading TOML (scenario files, the settings): every way `tomllib` can fail on a text
is a `TOMLDecodeError`, with a reason a user can act on."""

from __future__ import annotations

import tomllib
from typing import Any

from sparring.i18n import _


def parse_toml(text: str) -> dict[str, Any]:
    """`text` parsed as TOML.

    Raises:
        tomllib.TOMLDecodeError: it is not valid TOML, or it holds what Python will not
            read: an integer of more than 4,300 digits (tomllib lets that ValueError
            through as it is).
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except ValueError:
        raise tomllib.TOMLDecodeError(
            _("it holds a number too long to read (more than 4,300 digits)")) from None
