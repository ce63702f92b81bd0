"""Reading a scenario file: TOML, checked key by key, every problem named with the file,
the key and (where known) the line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sparring.domain.scenario import (
    LANGUAGES,
    NOT_PHASE_IDS,
    ROLES,
    TIME_UP_MODES,
    TURN_MODES,
    InsightKind,
    Lens,
    Phase,
    Scenario,
    Text,
)
from sparring.domain.toml_text import parse_toml
from sparring.i18n import N_, _

_ID = re.compile(r"\A[a-z][a-z0-9_-]{0,63}\Z")
_PHASE_ID = re.compile(r"\A[a-z][a-z0-9_]{0,63}\Z")


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, whatever the file holds."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


class ScenarioError(Exception):
    """A scenario file that cannot be used, with where and why.

    Attributes:
        path: the file.
        key: the dotted key the problem is at ("" for the file as a whole).
        line: the line in the file, where known.
        reason: what is wrong, in a sentence.
    """

    def __init__(self, path: Path | str, key: str, reason: str, line: int | None = None):
        self.path = Path(path)
        self.key = key
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += _(", line {line}").format(line=self.line)
        if self.key:
            where += _(", key '{key}'").format(key=self.key)
        return f"{where}: {self.reason}"


def load_scenario(path: Path | str) -> Scenario:
    """Read and check one scenario file.

    Raises:
        ScenarioError: naming the file, the key and (for TOML syntax) the line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = _("cannot be read ({reason})").format(reason=error.strerror)
        raise ScenarioError(path, "", reason) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ScenarioError(path, "", _("is not UTF-8 text"), line=line) from None
    try:
        data = parse_toml(text)
        return _Reader(path, text).scenario(data)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(path, text, error) from None
    except RecursionError:
        raise ScenarioError(path, "", _("is nested too deeply to be a scenario")) from None


def _toml_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> ScenarioError:
    message = str(error)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    line = int(match.group(1)) if match else getattr(error, "lineno", None)
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    if match is None and "end of document" in message:
        # The file ends early: what is missing belongs after its last line.
        reason = re.sub(r"\s*\(at end of document\)", "", reason) + _(" (the file ends early)")
        line = max(len(text.splitlines()), 1)
    return ScenarioError(path, "", _("is not valid TOML: {reason}").format(reason=reason),
                         line=line)


_WORDS = {"lens": N_("lens"), "insight kind": N_("insight kind"), "phase": N_("phase")}
"""What a scenario's items are called in its problems, in the current language."""


def _word(what: str) -> str:
    return str(_WORDS.get(what, what))


class _Reader:
    """Checks the parsed TOML of one file, key by key, and builds the scenario."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()

    def fail(self, key: str, reason: str) -> ScenarioError:
        return ScenarioError(self.path, key, reason, line=self.line_of(key))

    def line_of(self, key: str) -> int | None:
        """The line `key` is written on, found by walking its path through the text."""
        start = 0
        parts = key.split(".")
        for depth, part in enumerate(parts):
            match = re.match(r"^([\w-]+)(?:\[(\d+)\])?$", part)
            if match is None:
                return None
            name, index = match.group(1), match.group(2)
            headers = [
                n
                for n in range(start, len(self.lines))
                if re.match(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]", self.lines[n])
            ]
            if headers:
                position = int(index) if index is not None else 0
                if position >= len(headers):
                    return None
                start = headers[position]
            else:
                found = self.assignment(name, start)
                if found is None:
                    return None
                start = found
            if depth == len(parts) - 1:
                return start + 1
            start += 0 if not headers else 1
        return None

    def assignment(self, name: str, start: int) -> int | None:
        """The line index of `name = ...` (or `name.x = ...`) from `start`, within its table."""
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*[=.]")
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if number > start and re.match(r"^\s*\[", line):
                return None
            if pattern.match(line) or re.search(rf"[{{,]\s*{re.escape(name)}\s*=", line):
                return number
        return None

    def table(
        self, value: Any, key: str, allowed: set[str], required: tuple[str, ...]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, _("must be a table"))
        for name in value:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(f"{key}.{name}" if key else name,
                                _("unknown key (known: {known})").format(known=known))
        for name in required:
            if name not in value:
                # A missing key has no line of its own: point at the table that lacks it.
                return_line = self.line_of(key) if key else None
                raise ScenarioError(
                    self.path, f"{key}.{name}" if key else name, _("is missing"), line=return_line
                )
        return value

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, _("must be a non-empty string"))
        return value

    def text(self, value: Any, key: str) -> Text:
        table = self.table(value, key, set(LANGUAGES), LANGUAGES)
        return Text(**{lang: self.string(table[lang], f"{key}.{lang}") for lang in LANGUAGES})

    def identifier(self, value: Any, key: str, pattern: re.Pattern[str] = _ID) -> str:
        text = self.string(value, key)
        if not pattern.match(text):
            reason = _(
                "{text} is not an id (lower-case letters, digits, '_' or '-'; at most 64)"
            )
            raise self.fail(key, reason.format(text=_shown(text)))
        return text

    def choice(self, value: Any, key: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(key, _("must be one of {choices}, not {value}").format(
                choices=", ".join(choices), value=_shown(value)))
        return str(value)

    def whole(self, value: Any, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, _("must be a whole number from {low} to {high}").format(
                low=low, high=high))
        return value

    def array(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(key, _("must be an array"))
        return value

    def ids(self, value: Any, key: str, known: dict[str, Any], what: str) -> tuple[str, ...]:
        result = []
        for index, item in enumerate(self.array(value, key)):
            item_key = f"{key}[{index}]"
            if not isinstance(item, str):
                raise self.fail(item_key, _("must be the id of one {what}, as a string").format(
                    what=_word(what)))
            if item not in known:
                names = ", ".join(known) or _("none defined")
                reason = _("names an unknown {what} {item} (known: {known})")
                raise self.fail(item_key, reason.format(what=_word(what), item=_shown(item),
                                                        known=names))
            result.append(item)
        return tuple(result)

    def unique(self, items: list[Any], key: str, what: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                raise self.fail(f"{key}[{index}].id", _("duplicate {what} id '{id}'").format(
                    what=_word(what), id=item.id))
            seen[item.id] = item
        return seen

    def scenario(self, data: dict[str, Any]) -> Scenario:
        top = self.table(
            data, "", {"scenario", "lenses", "insight_kinds", "phases"}, ("scenario", "phases")
        )
        head = self.table(
            top["scenario"],
            "scenario",
            {
                "id",
                "title",
                "source",
                "challenge",
                "min_members",
                "max_members",
                "recommended_members",
            },
            ("id", "title", "source"),
        )
        lenses = [
            self.lens(item, f"lenses[{i}]")
            for i, item in enumerate(self.array(top.get("lenses", []), "lenses"))
        ]
        kinds = [
            self.kind(item, f"insight_kinds[{i}]")
            for i, item in enumerate(self.array(top.get("insight_kinds", []), "insight_kinds"))
        ]
        known_lenses = self.unique(lenses, "lenses", "lens")
        known_kinds = self.unique(kinds, "insight_kinds", "insight kind")
        phase_items = self.array(top["phases"], "phases")
        if not phase_items:
            raise self.fail("phases", _("needs at least one phase"))
        phases = [
            self.phase(item, f"phases[{i}]", known_lenses, known_kinds)
            for i, item in enumerate(phase_items)
        ]
        self.unique(phases, "phases", "phase")
        for index, phase in enumerate(phases):
            if phase.id in NOT_PHASE_IDS:
                raise self.fail(
                    f"phases[{index}].id",
                    _("'{id}' is a step of every session, not a phase ({steps}): "
                      "choose another id").format(id=phase.id,
                                                  steps=", ".join(sorted(NOT_PHASE_IDS))),
                )
        low = self.whole(head.get("min_members", 3), "scenario.min_members", 2, 12)
        high = self.whole(head.get("max_members", 6), "scenario.max_members", low, 12)
        recommended = self.whole(
            head.get("recommended_members", low), "scenario.recommended_members", low, high
        )
        challenge = head.get("challenge")
        return Scenario(
            id=self.identifier(head["id"], "scenario.id"),
            title=self.text(head["title"], "scenario.title"),
            source=self.string(head["source"], "scenario.source"),
            challenge=self.text(challenge, "scenario.challenge") if challenge else None,
            min_members=low,
            max_members=high,
            recommended_members=recommended,
            phases=tuple(phases),
            lenses=tuple(lenses),
            insight_kinds=tuple(kinds),
            path=self.path,
        )

    def lens(self, value: Any, key: str) -> Lens:
        table = self.table(value, key, {"id", "name", "hint"}, ("id", "name"))
        hint = table.get("hint")
        return Lens(
            id=self.identifier(table["id"], f"{key}.id"),
            name=self.text(table["name"], f"{key}.name"),
            hint=self.text(hint, f"{key}.hint") if hint is not None else None,
        )

    def kind(self, value: Any, key: str) -> InsightKind:
        table = self.table(value, key, {"id", "name"}, ("id", "name"))
        return InsightKind(
            id=self.identifier(table["id"], f"{key}.id"),
            name=self.text(table["name"], f"{key}.name"),
        )

    def phase(
        self, value: Any, key: str, lenses: dict[str, Lens], kinds: dict[str, InsightKind]
    ) -> Phase:
        table = self.table(
            value,
            key,
            {
                "id",
                "minutes",
                "title",
                "who",
                "speakers",
                "listeners",
                "prompts",
                "lenses",
                "insight_kinds",
                "turns",
                "on_time_up",
            },
            ("id", "minutes", "title", "who", "speakers", "prompts"),
        )
        minutes = table["minutes"]
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int | float)
            or not minutes > 0
            or minutes > 24 * 60
        ):
            raise self.fail(
                f"{key}.minutes", _("must be a positive number of minutes, not {value}").format(
                    value=_shown(minutes))
            )
        listeners = table.get("listeners")
        prompts = self.array(table["prompts"], f"{key}.prompts")
        return Phase(
            id=self.identifier(table["id"], f"{key}.id", _PHASE_ID),
            minutes=float(minutes),
            title=self.text(table["title"], f"{key}.title"),
            who=self.text(table["who"], f"{key}.who"),
            speakers=self.choice(table["speakers"], f"{key}.speakers", ROLES),
            listeners=(
                self.choice(listeners, f"{key}.listeners", ROLES) if listeners is not None else None
            ),
            prompts=tuple(self.text(p, f"{key}.prompts[{i}]") for i, p in enumerate(prompts)),
            lenses=self.ids(table.get("lenses", []), f"{key}.lenses", lenses, "lens"),
            insight_kinds=self.ids(
                table.get("insight_kinds", []), f"{key}.insight_kinds", kinds, "insight kind"
            ),
            turns=self.choice(table.get("turns", "none"), f"{key}.turns", TURN_MODES),
            on_time_up=self.choice(
                table.get("on_time_up", "overtime"), f"{key}.on_time_up", TIME_UP_MODES
            ),
        )
