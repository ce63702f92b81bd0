"""The settings file: every setting read, every mistake named with its file, key, line
and what is allowed, and the defaults kept for what is wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.settings import Settings, load_settings, save_theme, settings_path, with_theme


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "settings.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_a_missing_file_gives_the_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == (Settings(), [])


def test_every_setting_is_read(tmp_path):
    path = write(
        tmp_path,
        '# mine\nlanguage = "da"\ntheme = "light"\nbell = false\nwarning_seconds = 90\n'
        'data_folder = "~/sparring-data"\n\n[keys]\npause = "f5"\nnext = "f6, ctrl+n"\n',
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.language == "da"
    assert settings.theme == "light"
    assert settings.bell is False
    assert settings.warning_seconds == 90
    assert settings.data_folder == Path("~/sparring-data").expanduser()
    assert dict(settings.keys) == {"pause": "f5", "next": "f6,ctrl+n"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('language = "de"', 'line 2: language must be one of "da", "en"'),
        ('theme = "blue"', 'line 2: theme must be one of "light", "dark", "high-contrast"'),
        ('bell = "yes"', "line 2: bell must be true or false"),
        ("warning_seconds = -5", "line 2: warning_seconds must be a whole number of seconds"),
        ("warning_seconds = 1.5", "line 2: warning_seconds must be a whole number of seconds"),
        ("data_folder = 3", "line 2: data_folder must be the path of a folder"),
        ("colour = 1", "line 2: colour is not a setting; the settings are language, theme"),
        ('keys = "f5"', "line 2: keys must be a table of key ids and keys"),
    ],
)
def test_a_wrong_value_is_named_and_its_default_kept(tmp_path, line, expected):
    path = write(tmp_path, f"# mine\n{line}\n")
    settings, problems = load_settings(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}, {expected}"), problems
    assert settings == Settings()


def test_a_wrong_key_keeps_the_rest(tmp_path):
    path = write(tmp_path, 'theme = "light"\nbell = 2\n[keys]\npause = "f5"\nnext = ""\n')
    settings, problems = load_settings(path)
    assert (settings.theme, settings.bell, dict(settings.keys)) == ("light", True, {"pause": "f5"})
    assert problems == [
        f"{path}, line 2: bell must be true or false; the bell rings.",
        f'{path}, line 5: keys.next must be keys as text, e.g. "f5" or "f5,ctrl+p"; '
        "the usual key is used.",
    ]


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = write(tmp_path, b'theme = "light"\n# caf\xe9\n')
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems == [
        f"{path}, line 2: the file is not UTF-8 text; save it as UTF-8. "
        "The default settings are used."
    ]


def test_a_file_that_is_not_toml_is_named_with_its_line(tmp_path):
    path = write(tmp_path, 'theme = "light"\nlanguage = da\n')
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].startswith(f"{path} is not valid TOML: ")
    assert "line 2" in problems[0]


def test_a_number_too_long_to_read_is_named_not_a_crash(tmp_path):
    path = write(tmp_path, 'theme = "light"\nwarning_seconds = ' + "9" * 5000 + "\n")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems == [f"{path} is not valid TOML: it holds a number too long to read "
                        "(more than 4,300 digits). The default settings are used."]


def test_the_path_comes_from_the_environment_else_the_config_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SPARRING_SETTINGS", raising=False)
    assert settings_path() == Path(os.environ["SPARRING_CONFIG_DIR"]) / "settings.toml"
    monkeypatch.setenv("SPARRING_SETTINGS", str(tmp_path / "elsewhere.toml"))
    assert settings_path() == tmp_path / "elsewhere.toml"


def test_the_theme_is_remembered_with_the_users_comments_and_keys(tmp_path):
    path = write(tmp_path, '# my projector\ntheme = "dark"  # for now\nbell = false\n[keys]\n'
                           'pause = "f5"\n')
    save_theme("light", path)
    text = path.read_text(encoding="utf-8")
    assert text == (
        '# my projector\ntheme = "light"  # for now\nbell = false\n[keys]\npause = "f5"\n'
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(path)[0].theme == "light"


def test_the_theme_goes_before_the_first_table_or_into_a_new_file(tmp_path):
    assert with_theme('bell = false\n[keys]\npause = "f5"', "dark") == (
        'bell = false\ntheme = "dark"\n[keys]\npause = "f5"'
    )
    path = tmp_path / "new" / "settings.toml"
    save_theme("high-contrast", path)
    assert path.read_text(encoding="utf-8") == 'theme = "high-contrast"\n'


def test_a_file_that_cannot_be_read_is_not_overwritten(tmp_path):
    path = write(tmp_path, b"theme = \n")
    with pytest.raises(ValueError):
        save_theme("light", path)
    assert path.read_bytes() == b"theme = \n"


def test_the_command_line_prints_the_problems_and_uses_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SPARRING_DATA_DIR")
    path = write(tmp_path, f'data_folder = "{tmp_path / "mine"}"\ntheme = "blue"\n')
    monkeypatch.setenv("SPARRING_SETTINGS", str(path))
    result = CliRunner().invoke(cli, ["locate"])
    assert result.exit_code == 0
    assert f"data:      {tmp_path / 'mine'}" in result.output
    assert f"settings:  {path}" in result.output
    assert f"warning: {path}, line 2: theme must be one of" in result.stderr
