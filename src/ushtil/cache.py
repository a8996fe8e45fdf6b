"""Per-article results kept in a work folder between runs, so a re-run redoes only what changed.

A result is stored under a key that hashes everything it was made from: the ushtil version, the
stage, its settings and the content of its input (:func:`cache_key`). A changed article or changed
settings give another key, so stale results are never found, only left behind. The results of a
work folder live in one SQLite file (a thousand articles' results load in a fraction of a second,
where a file per result took seconds to open); each entry carries a checksum of its payload, and an
entry that does not match (a disk error, a hand edit) is removed and recomputed, never used. A store
SQLite cannot read at all is set aside and started again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import sqlite3
import time
import weakref
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__

#: The folder name of the cache inside a work folder.
CACHE_FOLDER = ".ushtil-cache"
#: The store's file in that folder.
STORE_FILE = "results.sqlite"
#: Stored results are committed at least this often (entries, seconds).
COMMIT_EVERY = 500
COMMIT_SECONDS = 5.0
#: Seconds to wait for another run that is writing the same store.
LOCK_TIMEOUT_S = 30


#: The encoders of hashed parts and of stored values, made once (``json.dumps`` with options makes
#: one per call, and a corpus run hashes and stores thousands).
_KEY_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
_VALUE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def content_hash(*parts: Any) -> str:
    """A stable hash of JSON-able parts (bytes are hashed as they are)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else _KEY_ENCODER.encode(part).encode()
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


def encoded(value: Any) -> bytes:
    """What :meth:`ResultCache.put` stores for ``value``: a worker that made the value can encode it
    there, for this process to store with :meth:`ResultCache.put_bytes`."""
    return _VALUE_ENCODER.encode(value).encode()


def marshalled(value: Any) -> bytes | None:
    """``value`` kept with ``marshal`` (read back several times faster than JSON) for
    :meth:`ResultCache.put_bytes`; None for a value marshal cannot keep (it is then not stored)."""
    try:
        return marshal.dumps(value)
    except ValueError:
        return None


def cache_key(stage: str, settings: Any, content: Any) -> str:
    """The key of one stage's result for one input under the given settings and this code."""
    return content_hash(code_fingerprint(), stage, settings, content)


class ResultCache:
    """Results by key in ``folder``: JSON, or bytes a stage encodes itself (no folder: a cache that
    keeps nothing; ``reuse=False``: one that only stores).

    ``stats`` counts hits, misses, stores and corrupt entries, for the run's summary. Stored results
    are committed every few seconds and by :meth:`flush` (and when the cache is let go), so a run
    stopped by Ctrl-C keeps what it finished.
    """

    def __init__(self, folder: str | Path | None, reuse: bool = True):
        self.folder = Path(folder) if folder else None
        #: False: every result is computed anew (and stored for the next run)
        self.reuse = reuse
        self.stats: Counter = Counter()
        self._db: sqlite3.Connection | None = None
        self._unusable = False
        self._pending = 0
        self._committed = time.monotonic()

    def reopened(self) -> ResultCache:
        """The same store through a connection of its own (a forked process must not use the one it
        inherited); a store this run found unusable (locked by another run) stays unused."""
        other = ResultCache(self.folder, reuse=self.reuse)
        other._unusable = self._unusable
        return other

    @property
    def path(self) -> Path | None:
        """The store's file."""
        return self.folder / STORE_FILE if self.folder else None

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``; None when absent or corrupt (a corrupt entry is removed)."""
        return self.get_decoded(key, json.loads)

    def get_decoded(self, key: str, decode: Callable[[bytes], Any]) -> Any | None:
        """What ``decode`` makes of the payload stored under ``key``; None when absent, or when its
        checksum fails or ``decode`` finds it of another shape (ValueError, TypeError, EOFError,
        KeyError or AttributeError): the entry is then removed, never used."""
        payload = self.get_bytes(key)
        if payload is None:
            return None
        try:
            return decode(payload)
        except (ValueError, TypeError, EOFError, KeyError, AttributeError):
            self.discard(key)
            return None

    def get_bytes(self, key: str, tally: bool = True) -> bytes | None:
        """The payload stored under ``key`` as it was stored (:meth:`put_bytes`); None when absent or
        when it does not match its checksum (the entry is then removed). ``tally=False``: not counted
        in :attr:`stats` as a hit or miss (what a command's summary counts is its own results)."""
        if self.folder is None or not self.reuse:
            return None
        try:
            db = self._connection(create=False)
            row = db.execute("SELECT checksum, payload FROM results WHERE key = ?", (key,)).fetchone() if db else None
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            row = None
        if row is None:
            self.stats["miss"] += tally
            return None
        checksum, payload = row
        if not isinstance(payload, bytes) or hashlib.sha256(payload).hexdigest() != checksum:
            self.discard(key)
            return None
        self.stats["hit"] += tally
        return payload

    def discard(self, key: str) -> None:
        """Remove a corrupt entry (its checksum fails, or what it holds cannot be read), counted as such."""
        self.stats["corrupt"] += 1
        if self._db is not None:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("DELETE FROM results WHERE key = ?", (key,))
                self._pending += 1

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-able) under ``key``; a cache that cannot be written is only a slower run."""
        if self.folder is not None:
            self.put_bytes(key, encoded(value))

    def put_bytes(self, key: str, payload: bytes, tally: bool = True) -> None:
        """Store ``payload`` under ``key`` as it is (read back by :meth:`get_bytes`; ``tally=False``:
        not counted in :attr:`stats`)."""
        if self.folder is None:
            return
        try:
            db = self._connection()
            if db is None:
                return
            db.execute("INSERT OR REPLACE INTO results (key, checksum, payload) VALUES (?, ?, ?)",
                       (key, hashlib.sha256(payload).hexdigest(), payload))
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            return
        self.stats["stored"] += tally
        self._pending += 1
        if self._pending >= COMMIT_EVERY or time.monotonic() - self._committed > COMMIT_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Commit what was stored since the last commit."""
        if self._db is not None and self._pending:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.commit()
        self._pending = 0
        self._committed = time.monotonic()

    def _connection(self, create: bool = True) -> sqlite3.Connection | None:
        """The open store (opened on first use; made on the first store, so a run that stores
        nothing leaves no folder behind); None when it cannot be."""
        if self._db is None and not self._unusable:
            assert self.folder is not None
            if not create and not (self.folder / STORE_FILE).is_file():
                return None
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.folder / STORE_FILE, timeout=LOCK_TIMEOUT_S)
                db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, checksum TEXT NOT NULL, "
                           "payload BLOB NOT NULL)")
                db.commit()
            except (OSError, sqlite3.DatabaseError) as exc:
                self._unusable = True
                if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
                    self._set_aside()
                return None
            self._db = db
            weakref.finalize(self, _commit_and_close, db)
        return self._db

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        """A store SQLite cannot read is set aside (a new one is made on the next use); a locked
        one is left alone for this run."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.close()
            self._db = None
        if isinstance(exc, sqlite3.OperationalError):  # locked by another run, or the disk is full
            self._unusable = True
            return
        self.stats["corrupt"] += 1
        self._set_aside()

    def _set_aside(self) -> None:
        """Move the damaged store out of the way, so that the next use makes a new one."""
        assert self.folder is not None
        with contextlib.suppress(OSError):
            (self.folder / STORE_FILE).replace(self.folder / f"{STORE_FILE}.damaged")
            self._unusable = False


def _commit_and_close(db: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        db.commit()
        db.close()
