"""The user's settings file: language, theme, keys, bell, warning and data folder.

Read with `load_settings`, which never fails: a file that is missing gives the defaults;
a file that cannot be read, or a key or value that is wrong, gives the defaults for what
is wrong and a message naming the file, the key (and its line where it can) and what is
allowed. Nothing here imports Textual, so the command line reads the same settings.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sparring.domain.toml_text import parse_toml
from sparring.i18n import _
from sparring.paths import config_dir

SETTINGS_ENV = "SPARRING_SETTINGS"
"""Environment variable that overrides the settings file's path."""
SETTINGS_NAME = "settings.toml"

LANGUAGES = ("da", "en")
THEMES = ("light", "dark", "high-contrast")
MAX_WARNING_SECONDS = 600


def settings_path() -> Path:
    """The settings file: $SPARRING_SETTINGS, else settings.toml in the config folder."""
    chosen = os.environ.get(SETTINGS_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return config_dir() / SETTINGS_NAME


@dataclass(frozen=True)
class Settings:
    """What the user chose, or the defaults.

    Attributes:
        language: "da" or "en", or None when the file does not say (the locale decides).
        theme: "light", "dark" or "high-contrast".
        keys: binding id -> keys ("ctrl+p" or "f5,ctrl+p"), to remap the app's keys.
        bell: whether the terminal bell rings when time is up.
        warning_seconds: how long before a countdown ends its warning comes (0: never).
        data_folder: the data folder when neither --data-dir nor $SPARRING_DATA_DIR says.
    """

    language: str | None = None
    theme: str = "dark"
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    bell: bool = True
    warning_seconds: int = 60
    data_folder: Path | None = None


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line where `key` is set (in `[table]`, or before any table), if it can be found."""
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip("\"'")
            continue
        if current == table and pattern.match(line):
            return number
    return None


def _where(path: Path, text: str, key: str, table: str | None = None) -> str:
    line = _line_of(text, key, table)
    name = f"{table}.{key}" if table else key
    if line is None:
        return _("{path}: {key}").format(path=path, key=name)
    return _("{path}, line {line}: {key}").format(path=path, line=line, key=name)


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{value}"' for value in values)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in `path` (default: `settings_path()`) and what is wrong with them."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as error:
        reason = error.strerror or str(error)
        return Settings(), [
            _("{path} cannot be read ({reason}); the default settings are used.").format(
                path=path, reason=reason
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Settings(), [
            _(
                "{path}, line {line}: the file is not UTF-8 text; save it as UTF-8. "
                "The default settings are used."
            ).format(path=path, line=line)
        ]
    try:
        table = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [
            _("{path} is not valid TOML: {reason}. The default settings are used.").format(
                path=path, reason=error
            )
        ]
    return _read(path, text, table)


def _read(path: Path, text: str, table: dict[str, Any]) -> tuple[Settings, list[str]]:
    settings = Settings()
    problems: list[str] = []
    changes: dict[str, Any] = {}
    for key, value in table.items():
        where = _where(path, text, key)
        if key == "language":
            if value in LANGUAGES:
                changes["language"] = value
            else:
                problems.append(
                    _("{where} must be one of {allowed}; the language is not set.").format(
                        where=where, allowed=_choices(LANGUAGES)
                    )
                )
        elif key == "theme":
            if value in THEMES:
                changes["theme"] = value
            else:
                problems.append(
                    _('{where} must be one of {allowed}; "{default}" is used.').format(
                        where=where, allowed=_choices(THEMES), default=settings.theme
                    )
                )
        elif key == "bell":
            if isinstance(value, bool):
                changes["bell"] = value
            else:
                problems.append(
                    _("{where} must be true or false; the bell rings.").format(where=where)
                )
        elif key == "warning_seconds":
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and 0 <= value <= MAX_WARNING_SECONDS
            ):
                changes["warning_seconds"] = value
            else:
                problems.append(
                    _(
                        "{where} must be a whole number of seconds from 0 (no warning) "
                        "to {most}; {default} is used."
                    ).format(
                        where=where, most=MAX_WARNING_SECONDS, default=settings.warning_seconds
                    )
                )
        elif key == "data_folder":
            if isinstance(value, str) and value.strip():
                changes["data_folder"] = Path(value).expanduser()
            else:
                problems.append(
                    _(
                        '{where} must be the path of a folder, e.g. "~/sparring"; '
                        "the usual data folder is used."
                    ).format(where=where)
                )
        elif key == "keys":
            keys, key_problems = _read_keys(path, text, value)
            changes["keys"] = keys
            problems.extend(key_problems)
        else:
            problems.append(
                _("{where} is not a setting; the settings are {allowed}.").format(
                    where=where, allowed=", ".join(SETTING_NAMES)
                )
            )
    return replace(settings, **changes), problems


SETTING_NAMES = ("language", "theme", "bell", "warning_seconds", "data_folder", "[keys]")


def _read_keys(path: Path, text: str, value: Any) -> tuple[Mapping[str, str], list[str]]:
    if not isinstance(value, dict):
        return MappingProxyType({}), [
            _(
                '{where} must be a table of key ids and keys, e.g. [keys] then pause = "f5"; '
                "the usual keys are used."
            ).format(where=_where(path, text, "keys"))
        ]
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys_text in value.items():
        if isinstance(keys_text, str) and all(part.strip() for part in keys_text.split(",")):
            keys[binding_id] = ",".join(part.strip() for part in keys_text.split(","))
        else:
            problems.append(
                _(
                    '{where} must be keys as text, e.g. "f5" or "f5,ctrl+p"; '
                    "the usual key is used."
                ).format(where=_where(path, text, binding_id, "keys"))
            )
    return MappingProxyType(keys), problems


def unknown_key_ids(settings: Settings, known: set[str], path: Path | None = None) -> list[str]:
    """A message for each id in `settings.keys` that is not one of the `known` binding ids."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return [
        _(
            "{where} is not a key id of Sparring, so it changes no key; "
            "the ids are listed in the README under Keys."
        ).format(where=_where(path, text, binding_id, "keys"))
        for binding_id in settings.keys
        if binding_id not in known
    ]


# -- writing -------------------------------------------------------------------------

_THEME_LINE = re.compile(
    r"""^(?P<indent>\s*)(?:theme|"theme"|'theme')\s*=\s*(?:"[^"]*"|'[^']*'|[^#\s]*)"""
    r"""(?P<comment>\s*#.*)?$"""
)


def with_theme(text: str, theme: str) -> str:
    """`text` (a settings file) with `theme` set, its other lines and comments kept."""
    lines = text.splitlines(keepends=True)
    new_line = f'theme = "{theme}"\n'
    for index, line in enumerate(lines):
        if re.match(r"^\s*\[", line):
            # Top-level keys come before the first table: insert it there.
            lines.insert(index, new_line)
            return "".join(lines)
        match = _THEME_LINE.match(line.rstrip("\r\n"))
        if match:
            # The user's comment on the line stays.
            lines[index] = f'{match["indent"]}theme = "{theme}"{match["comment"] or ""}\n'
            return "".join(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join([*lines, new_line])


def save_theme(theme: str, path: Path | None = None) -> None:
    """Remember `theme` in the settings file: written atomically, readable by the user only.

    The file's other settings and its comments are kept. A file that is not UTF-8 or
    not TOML is left as it is (OSError or ValueError), so nothing of the user's is lost.
    """
    from sparring.store import write_atomic  # only when writing: keeps the start light

    path = path or settings_path()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        text = ""
    tomllib.loads(text)  # a file we cannot read is not overwritten
    new_text = with_theme(text, theme)
    tomllib.loads(new_text)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new_text.encode("utf-8"))
