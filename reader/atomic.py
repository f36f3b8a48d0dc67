"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of it.

The same pattern as the bookmarks file: a hidden temp file in the same folder, flushed and
fsynced, then `os.replace`d over the target, then the folder fsynced so the rename is durable.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8), keeping the permissions of the
    file it replaces. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX
    )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        with suppress(FileNotFoundError):
            os.chmod(temp_name, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temp files left in `folder` (and below) by a write that was killed; how many."""
    removed = 0
    for temp in folder.rglob(f".*{TEMP_SUFFIX}"):
        with suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
