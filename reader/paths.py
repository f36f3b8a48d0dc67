"""Where newsreader keeps its files: platformdirs defaults, each with an override.

Every path can be overridden by an environment variable (and, in the CLI, a flag), so tests
and scripts never touch the real home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"

BOOKMARKS_ENV = "NEWSREADER_BOOKMARKS"
CONFIG_ENV = "NEWSREADER_CONFIG"
CACHE_ENV = "NEWSREADER_CACHE_DIR"
LIBRARY_ENV = "NEWSREADER_LIBRARY"
FEEDS_ENV = "NEWSREADER_FEEDS"


def _override(env_var: str) -> Path | None:
    value = os.environ.get(env_var, "").strip()
    return Path(value).expanduser() if value else None


def bookmarks_path() -> Path:
    """The bookmarks file: $NEWSREADER_BOOKMARKS, else bookmarks.yaml in the user data folder."""
    return _override(BOOKMARKS_ENV) or platformdirs.user_data_path(APP_NAME) / "bookmarks.yaml"


def config_path() -> Path:
    """The config file: $NEWSREADER_CONFIG, else config.yaml in the user config folder."""
    return _override(CONFIG_ENV) or platformdirs.user_config_path(APP_NAME) / "config.yaml"


def cache_dir() -> Path:
    """The cache folder: $NEWSREADER_CACHE_DIR, else the user cache folder."""
    return _override(CACHE_ENV) or platformdirs.user_cache_path(APP_NAME)


def library_dir() -> Path:
    """Where fetched articles are stored: $NEWSREADER_LIBRARY, else the user data folder's
    library/."""
    return _override(LIBRARY_ENV) or platformdirs.user_data_path(APP_NAME) / "library"


def feeds_path() -> Path:
    """The subscriptions file: $NEWSREADER_FEEDS, else feeds.yaml in the user config folder."""
    return _override(FEEDS_ENV) or platformdirs.user_config_path(APP_NAME) / "feeds.yaml"


def seeds_dir() -> Path:
    """The bundled seed articles: inside the installed package, or beside it in a checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "seeds"
    return installed if installed.is_dir() else package_dir.parent / "seeds"
