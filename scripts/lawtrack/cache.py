"""Keep computed results across builds, by content hash: one JSON file per key.

The file I/O of the cache, injected into the pure stages (`compare_index.build_index`). A missing,
unreadable or corrupt entry is a miss, never an error: the result is simply computed again.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_FOLDER = ".cache/lawtrack"
"""The cache folder, relative to the project root (ignored by git)."""
_KEY_RE = re.compile(r"^[0-9a-f]{16,128}$")


class MemoryCache:
    """A cache that lives as long as the object (for tests and one-off runs)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None (counted as a miss)."""
        text = self.values.get(key)
        if text is None:
            self.misses += 1
            return None
        self.hits += 1
        return json.loads(text)

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-compatible value (as JSON, so it round-trips like the disk cache)."""
        self.values[key] = json.dumps(value, ensure_ascii=False)


class DiskCache:
    """A cache in a folder, one `<key>.json` file per entry, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        if not _KEY_RE.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None when absent or unreadable."""
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-compatible value; a failure to write only loses the cache entry."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                # dumps, not dump: only the one-shot encoder is in C (10 times faster here)
                out.write(json.dumps(value, ensure_ascii=False))
            os.replace(temp, path)
        except OSError:
            return
