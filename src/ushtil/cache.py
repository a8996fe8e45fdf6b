"""Per-article results kept in a work folder between runs, so a re-run redoes only what changed.

A result is stored under a key that hashes everything it was made from: the ushtil version, the
stage, its settings and the content of its input (:func:`cache_key`). A changed article or changed
settings give another key, so stale results are never found, only left behind. Each entry carries a
checksum of its payload; an entry that does not match (a crash mid-write, a disk error, a hand edit)
is removed and recomputed, never used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from . import __version__
from .errors import OutputError
from .files import atomic_write

#: The folder name of the cache inside a work folder.
CACHE_FOLDER = ".ushtil-cache"


def content_hash(*parts: Any) -> str:
    """A stable hash of JSON-able parts (bytes are hashed as they are)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of ushtil's own code and data: a result made by other code (another version, or a
    development checkout that changed) is never taken for this one's."""
    package = Path(__file__).parent
    files = sorted(path for path in package.rglob("*") if path.suffix in {".py", ".toml", ".tsv", ".json", ".txt"})
    return content_hash(__version__, *(path.relative_to(package).as_posix().encode() + path.read_bytes()
                                       for path in files))


def cache_key(stage: str, settings: Any, content: Any) -> str:
    """The key of one stage's result for one input under the given settings and this code."""
    return content_hash(code_fingerprint(), stage, settings, content)


class ResultCache:
    """JSON results by key under ``folder`` (no folder: a cache that keeps nothing; ``reuse=False``:
    one that only stores).

    ``stats`` counts hits, misses, stores and corrupt entries, for the run's summary.
    """

    def __init__(self, folder: str | Path | None, reuse: bool = True):
        self.folder = Path(folder) if folder else None
        #: False: every result is computed anew (and stored for the next run)
        self.reuse = reuse
        self.stats: Counter = Counter()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``; None when absent or corrupt (a corrupt entry is removed)."""
        if self.folder is None or not self.reuse:
            return None
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.stats["miss"] += 1
            return None
        checksum, _, payload = raw.partition(b"\n")
        try:
            if hashlib.sha256(payload).hexdigest().encode() != checksum:
                raise ValueError("checksum mismatch")
            value = json.loads(payload)
        except ValueError:
            self.stats["corrupt"] += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.stats["hit"] += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-able) under ``key``; a cache that cannot be written is only a slower run."""
        if self.folder is None:
            return
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            with atomic_write(self._path(key), "wb") as handle:
                handle.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        except (OSError, OutputError):
            return
        self.stats["stored"] += 1
