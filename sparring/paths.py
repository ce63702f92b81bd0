"""Where Sparring keeps its data, its settings and the user's own scenario files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sparring"
DATA_DIR_ENV = "SPARRING_DATA_DIR"
"""Environment variable that overrides the data folder."""
CONFIG_DIR_ENV = "SPARRING_CONFIG_DIR"
"""Environment variable that overrides the config folder (and so the user's scenarios)."""


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: `override`, else $SPARRING_DATA_DIR, else the platform's user data dir."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The config folder: $SPARRING_CONFIG_DIR, else the platform's user config dir."""
    chosen = os.environ.get(CONFIG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_scenario_dir() -> Path:
    """The folder where a user puts scenario files of their own."""
    return config_dir() / "scenarios"


def suggested_folder(home: Path | None = None) -> Path:
    """Where summaries go unless the user says otherwise: Documents (or the Danish
    Dokumenter), else the home folder."""
    home = home or Path.home()
    for name in ("Documents", "Dokumenter"):
        if (home / name).is_dir():
            return home / name
    return home
