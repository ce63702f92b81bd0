"""How names and text compare: case-folded and NFC-composed, so 'Anne' and ' anne' are one
member of a group, and 'Å' finds 'å'. Groups are told apart by their names compared so."""

from __future__ import annotations

import functools
import unicodedata


def fold(text: str) -> str:
    """Text as searches compare it: case-folded and NFC-composed (so 'Å' finds 'å' and 'å')."""
    return unicodedata.normalize("NFC", text.casefold())


@functools.lru_cache(maxsize=4096)
def folded_name(name: str) -> str:
    """A name as searches compare it (names repeat from note to note: kept once folded)."""
    return fold(name.strip())


def group_key(group: str) -> str:
    """A group's name as groups are told apart: as a name is compared (case and outer
    spaces do not count)."""
    return folded_name(group)
