"""The two languages: the catalogue is complete and current, and the language is chosen right."""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import sparring
from sparring import formats
from sparring.i18n import (
    N_,
    _,
    catalogue_path,
    current_language,
    ngettext,
    resolve,
    resolve_language,
    set_language,
    speaking,
)

PACKAGE = Path(sparring.__file__).parent


def _catalogue():  # type: ignore[no-untyped-def]
    with catalogue_path("da").open("rb") as po:
        return read_po(po, locale="da")


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def _messages(catalogue) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [message for message in catalogue if message.id]


def test_every_message_has_a_danish_translation_that_is_not_fuzzy():
    untranslated = [
        message.id for message in _messages(_catalogue())
        if message.fuzzy or not message.string
        or (isinstance(message.string, tuple) and not all(message.string))
    ]
    assert untranslated == []


def test_a_translation_keeps_exactly_the_placeholders_of_its_message():
    wrong = []
    for message in _messages(_catalogue()):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in strings:
            if _fields(translated) != _fields(ids[-1]):
                wrong.append((ids[-1], translated))
    assert wrong == []


def test_the_catalogue_is_current_with_the_code():
    """`pybabel extract` finds no message the Danish catalogue lacks, and none it has extra."""
    in_code = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")]
        )
    }
    in_code = {m if isinstance(m, str) else tuple(m) for m in in_code}
    in_catalogue = {m.id for m in _messages(_catalogue())}
    assert sorted(map(str, in_code - in_catalogue)) == []
    assert sorted(map(str, in_catalogue - in_code)) == []


def test_danish_is_spoken_once_chosen_and_english_is_the_source():
    assert _("Ground rules") == "Ground rules"
    set_language("da")
    assert _("Ground rules") == "Spilleregler"
    assert ngettext("{count} session", "{count} sessions", 1) == "{count} session"
    assert ngettext("{count} session", "{count} sessions", 3) == "{count} sessioner"
    set_language("xx")
    assert current_language() == "en"


def test_a_lazy_text_is_translated_when_shown_not_when_made():
    text = N_("Start the clock")
    filled = N_("Score this question {score} of 5.").format(score=4)
    set_language("da")
    assert str(text) == resolve(text) == "Start uret"
    assert f"{text}" == "Start uret"
    assert str(filled) == "Giv dette spørgsmål 4 ud af 5."
    set_language("en")
    assert str(filled) == "Score this question 4 of 5."
    assert resolve("plain") == "plain"


def test_speaking_sets_the_language_for_a_block_only():
    with speaking("da"):
        assert current_language() == "da"
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("option", "settings", "environ", "expected"),
    [
        ("da", "en", {"LANG": "en_US.UTF-8"}, "da"),
        (None, "da", {"LANG": "en_US.UTF-8"}, "da"),
        (None, None, {"LANG": "da_DK.UTF-8"}, "da"),
        (None, None, {"LC_ALL": "da_DK.UTF-8", "LANG": "en_GB.UTF-8"}, "da"),
        (None, None, {"LC_MESSAGES": "da_DK", "LANG": "en_GB.UTF-8"}, "da"),
        (None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"LANG": "C.UTF-8"}, "en"),
        (None, None, {}, "en"),
        ("en", None, {"LANG": "da_DK.UTF-8"}, "en"),
        (None, "fr", {"LANG": "da_DK.UTF-8"}, "da"),
    ],
)
def test_the_language_comes_from_the_option_then_settings_then_locale(
    option, settings, environ, expected
):
    assert resolve_language(option, settings, environ) == expected


def test_numbers_and_dates_follow_the_language():
    assert (formats.number_text(1200), formats.decimal_text(3.5)) == ("1,200", "3.5")
    assert formats.date_text(date(2026, 3, 5)) == "5 March 2026"
    set_language("da")
    assert (formats.number_text(1200), formats.decimal_text(3.5)) == ("1.200", "3,5")
    assert formats.decimal_text(4.0) == "4"
    assert formats.minutes_text(612) == "10,2"
    assert formats.date_text(date(2026, 3, 5)) == "5. marts 2026"


@pytest.mark.parametrize("language", ["da", "en"])
def test_numbers_are_written_as_babel_writes_them(language):
    import random

    from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

    set_language(language)
    assert formats.SYMBOLS[language] == (get_group_symbol(formats.locale()),
                                         get_decimal_symbol(formats.locale()))
    rng = random.Random(5)
    values = [*range(-1001, 1002), 999.96, 0.04, -0.04, -0.06, 35.0, 12.5, 1234.56, -98765.43,
              *(rng.uniform(-1e7, 1e7) for _ in range(2000)),
              *(rng.randrange(-10**12, 10**12) for _ in range(2000))]
    for value in values:
        babel = format_decimal(round(value, 1), format="#,##0.#", locale=formats.locale())
        assert formats.decimal_text(value) == ("0" if babel == "-0" else babel), value
        if value == int(value):
            assert formats.number_text(int(value)) == format_decimal(int(value),
                                                                      locale=formats.locale())


# -- no user-visible text bypasses the catalogue ------------------------------------------

SHOWN_CALLS = {"Label", "Static", "Button", "notify", "Binding", "ConfirmScreen", "Option",
               "TabPane", "add_column", "echo", "UsageError", "BadParameter"}
SHOWN_KEYWORDS = {"title", "placeholder", "prompt", "tooltip", "description", "help"}
SHOWN_ATTRIBUTES = {"title", "sub_title", "border_title", "border_subtitle", "read_only_reason"}
ERROR_CALLS = {"StoreError": (0, 1), "ReadOnlyArchive": (0, 1), "SessionBusy": (0, 1),
               "InterchangeError": (0, 1), "UnreadableFile": (1, 2), "ScenarioError": (2, 3),
               "ShapeError": (1, 2), "fail": (1, 2), "_only_read": (0, 1)}
"""Errors whose message the user reads, and where in their arguments it is (a path or a
key before it is no message)."""
WORD = re.compile(r"[A-Za-z]{3,}")


def _is_words(node: ast.AST) -> bool:
    """A literal (or f-string) with an English word in it: a text meant for people."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_words(part) for part in node.values)
    return False


def bypassing(source: str, name: str) -> list[str]:
    """Where a literal text reaches the screen without `_`/`N_` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            args = list(node.args[:3]) if called in SHOWN_CALLS else []
            if called == "Binding":
                args = list(node.args[2:3])
            if called == "Column":  # a table's heading: Column(key, label, ...)
                args = list(node.args[1:2])
            if called in ERROR_CALLS:
                args = list(node.args[slice(*ERROR_CALLS[called])])
            args += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            found += [f"{name}:{arg.lineno}" for arg in args if _is_words(arg)]
        elif isinstance(node, ast.Assign):
            targets = [t for t in node.targets if isinstance(t, ast.Attribute)]
            if any(t.attr in SHOWN_ATTRIBUTES for t in targets) and _is_words(node.value):
                found.append(f"{name}:{node.lineno}")
    return found


NOT_SHOWN_CONSTANTS = {"DEFAULT_SCENARIO", "TITLE", "THEMES", "FORMATS"}
"""Constants of words that are no message: a scenario's id, the product's name, the
settings file's theme names and Textual's, the names of file formats (HTML, CSV)."""


def _phrase(node: ast.AST) -> bool:
    """A literal of words with a space or a capital: a phrase, not an id like "in_progress"."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_words(node)
            and (" " in node.value or node.value != node.value.lower()))


def _literal_words(node: ast.AST | None) -> bool:
    """A literal text, a dict with one as a value, or a tuple or list with a phrase in it."""
    if isinstance(node, ast.Dict):
        return any(_literal_words(value) for value in node.values)
    if isinstance(node, (ast.Tuple, ast.List)):
        return any(_phrase(item) or (isinstance(item, (ast.Tuple, ast.List)) and
                   _literal_words(item)) for item in node.elts)
    return node is not None and _is_words(node)


def constants_bypassing(source: str, name: str) -> list[str]:
    """Module and class constants (UPPER_CASE) of literal words: texts made at import that
    a screen shows later (a prompt, a state's name). Styles and CSS are not words."""
    tree = ast.parse(source)
    bodies = [tree.body] + [n.body for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    found = []
    for body in bodies:
        for node in body:
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign):
                targets, value = [node.target], node.value
            else:
                continue
            names = [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
            shown = [n for n in names if not n.endswith(("CSS", "STYLE"))
                     and n not in NOT_SHOWN_CONSTANTS]
            if shown and _literal_words(value):
                found.append(f"{name}:{node.lineno}")
    return found


def test_the_scan_finds_a_constant_made_of_literal_words():
    source = ('PROMPT = "Pick a member"\nNAMES = {"a": "running"}\nCSS = "Screen { }"\n'
              'class A:\n    HINT = "Type a note"\n    OK = N_("Type a note")\n'
              'IDS = ("member", "in_progress")\nCHOICES = ((N_("Done"), "done"), ("Open", "o"))\n')
    assert sorted(constants_bypassing(source, "x")) == ["x:1", "x:2", "x:5", "x:8"]
    assert bypassing('Column("date", "Date", 10)\nColumn("date", N_("Date"))', "x") == ["x:1"]


def test_the_scan_finds_a_text_that_bypasses_the_catalogue():
    source = 'Static("Ground rules")\nself.notify(f"Saved {n}", title="Saved")\n'
    assert bypassing(source, "x") == ["x:1", "x:2", "x:2"]
    errors = ('raise StoreError(f"Cannot lock {path}")\nUnreadableFile(path, "is odd")\n'
              'ShapeError(f"events[{i}].at", _("must be text"))\nself.fail(key, f"not {x}")\n')
    assert bypassing(errors, "x") == ["x:1", "x:2", "x:4"]
    assert bypassing('Static(_("Ground rules"))\nBinding("q", "quit", N_("Quit"))', "x") == []


def _found(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        found += bypassing(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    return found


def test_no_text_on_screen_bypasses_the_catalogue():
    assert _found(PACKAGE / "ui") == []
    constants = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        constants += constants_bypassing(path.read_text(encoding="utf-8"), path.name)
    assert constants == []


INTERNAL = {"domain/evaluation.py"}
"""The shipped evaluation questions, checked when Sparring is built: their errors are for
whoever edits Sparring, never for a user."""


def test_no_message_of_the_store_imports_scenarios_or_settings_bypasses_the_catalogue():
    found = []
    for folder in ("store", "review", "domain"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            if str(path.relative_to(PACKAGE)) not in INTERNAL:
                found += bypassing(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    found += bypassing((PACKAGE / "settings.py").read_text(encoding="utf-8"), "settings.py")
    assert found == []


def translated_at_import(source: str, name: str) -> list[str]:
    """`_()` or `ngettext()` called outside a function: translated once, at import, in the
    language of that moment (English) and never again; such texts need `N_`."""
    found = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if (isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
                    and child.func.id in {"_", "ngettext"}):
                found.append(f"{name}:{child.lineno}")
            visit(child)

    visit(ast.parse(source))
    return found


def test_the_import_scan_finds_a_text_translated_once_at_import():
    source = 'A = _("Lens")\nB = N_("Lens")\nclass C:\n    D = {"k": _("Kind")}\n' \
             'def f():\n    return _("Lens")\n'
    assert translated_at_import(source, "x") == ["x:1", "x:4"]


def test_no_text_is_translated_once_at_import():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += translated_at_import(path.read_text(encoding="utf-8"), path.name)
    assert found == []


CLICK_DECORATORS = {"command", "group"}


def help_from_docstrings(source: str, name: str) -> list[str]:
    """Commands whose help would be their docstring: click reads it once, untranslated."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call):
                continue
            func = decorator.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            helped = any(k.arg == "help" for k in decorator.keywords)
            if called in CLICK_DECORATORS and not helped:
                found.append(f"{name}:{node.lineno}")
    return found


def test_the_docstring_scan_finds_a_command_whose_help_is_its_docstring():
    source = '@click.command("x")\ndef x():\n    """Help."""\n'
    assert help_from_docstrings(source, "x") == ["x:2"]
    assert help_from_docstrings('@command("x", help=N_("Help."))\ndef x(): ...', "x") == []


def test_the_command_line_has_no_untranslated_text():
    found = _found(PACKAGE / "cli")
    for path in sorted((PACKAGE / "cli").rglob("*.py")):
        found += help_from_docstrings(path.read_text(encoding="utf-8"), path.name)
    assert found == []


def test_the_compiled_catalogue_is_kept_and_made_again_when_the_po_changes(tmp_path, monkeypatch):
    from sparring import i18n

    monkeypatch.setenv("SPARRING_CACHE_DIR", str(tmp_path / "cache"))
    po = tmp_path / "sparring.po"
    po.write_bytes(i18n.catalogue_path("da").read_bytes())
    first = i18n._compiled(po, "da")
    [kept] = (tmp_path / "cache").iterdir()
    assert kept.read_bytes() == first and kept.stat().st_mode & 0o777 == 0o600
    kept.write_bytes(b"kept")  # what a later start reads, without compiling again
    assert i18n._compiled(po, "da") == b"kept"
    po.write_bytes(po.read_bytes() + b"\n")  # a changed catalogue is compiled again
    assert i18n._compiled(po, "da") == first
