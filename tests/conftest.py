"""Shared fixtures: the seeds, the optional corpora, the optional word vectors, and an isolated
home for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.paths import seeds_dir

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = PROJECT_ROOT.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point bookmarks, config and cache at a temporary folder so no test touches the real home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NEWSREADER_BOOKMARKS", str(home / "bookmarks.yaml"))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(home / "config.yaml"))
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(home / "library"))
    monkeypatch.setenv("NEWSREADER_FEEDS", str(home / "feeds.yaml"))
    return home


@pytest.fixture
def seeds() -> Path:
    return seeds_dir()


@pytest.fixture
def corpora() -> Path:
    """The shared corpora folder; tests that use it skip when it is absent (a user's clone)."""
    if not CORPORA_DIR.is_dir():
        pytest.skip("../shared/corpora is not present")
    return CORPORA_DIR


@pytest.fixture
def word_vectors() -> None:
    """Tests of synonyms and paraphrase skip when the wordllama embedding is not installed."""
    from reader.paraphrase import vectors

    if vectors(["word"]) is None:
        pytest.skip("the wordllama embedding is not installed")
