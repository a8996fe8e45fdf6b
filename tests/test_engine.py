"""The engine runs per-article work anywhere with the same results; the cache never serves a stale
or damaged result."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time

import pytest

from conftest import SEED_ARTICLE
from ushtil.cache import STORE_FILE, ResultCache, cache_key
from ushtil.engine import Engine, engine_for, run_each
from ushtil.errors import UshtilError
from ushtil.read import read_article


def _articles(tmp_path, count=4):
    paths = []
    for n in range(count):
        path = tmp_path / f"a{n}.txt"
        shutil.copy(SEED_ARTICLE, path)
        paths.append(path)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths.insert(2, empty)
    return paths


def _records(outcomes):
    return [outcome.value.to_dict() if outcome.ok else outcome.error for outcome in outcomes]


def test_pool_gives_the_same_outcomes_in_the_same_order_and_a_bad_item_does_not_stop_the_rest(tmp_path):
    paths = _articles(tmp_path)
    done = []
    serial = run_each(read_article, paths)
    pooled = run_each(read_article, paths, engine=Engine(jobs=2), on_done=done.append)
    assert _records(pooled) == _records(serial)
    assert [outcome.ok for outcome in pooled] == [True, True, False, True, True]
    assert "the file is empty" in pooled[2].error
    assert pooled[0].value.part("en").title.startswith("Kazakhstan as a Center of Gravity")
    assert sorted(done) == [1, 2, 3, 4, 5]


def test_shared_object_reaches_every_worker(tmp_path):
    texts = ["Бұл бірінші сөйлем. Бұл екінші сөйлем.", "Бір. Екі сөйлем бар."]
    outcomes = run_each(_split_with, texts, engine=Engine(jobs=2), shared="kk")
    assert [o.value for o in outcomes] == [["Бұл бірінші сөйлем.", "Бұл екінші сөйлем."], ["Бір.", "Екі сөйлем бар."]]


def _split_with(text, lang):
    from ushtil.split import split_sentences

    return split_sentences(text, lang)


def test_jobs_must_be_positive():
    with pytest.raises(UshtilError, match="--jobs 0"):
        engine_for(0)
    assert engine_for(None).jobs >= 1


def test_unreachable_scheduler_is_one_line(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("ushtil.engine.CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UshtilError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        engine_for(scheduler="tcp://127.0.0.1:9")


def test_cache_returns_what_was_stored_and_drops_a_damaged_entry(tmp_path):
    cache = ResultCache(tmp_path / "cache")
    key = cache_key("read", {"nlp": "builtin"}, SEED_ARTICLE.read_bytes())
    assert cache.get(key) is None
    cache.put(key, {"id": "004", "sentences": ["Бір.", "Екі."]})
    assert cache.get(key) == {"id": "004", "sentences": ["Бір.", "Екі."]}
    cache.flush()
    damage_cache(tmp_path / "cache", "Екі", "Үш")
    assert cache.get(key) is None
    assert cache.get(key) is None  # removed, not kept
    assert cache.stats == {"miss": 2, "stored": 1, "hit": 1, "corrupt": 1}
    assert key != cache_key("read", {"nlp": "stanza"}, SEED_ARTICLE.read_bytes())


def damage_cache(folder, old: str, new: str) -> int:
    """Change ``old`` to ``new`` in every stored payload (their checksums left as they were); how many
    entries held it."""
    with contextlib.closing(sqlite3.connect(folder / STORE_FILE)) as db, db:
        return db.execute("UPDATE results SET payload = CAST(replace(CAST(payload AS TEXT), ?, ?) AS BLOB) "
                          "WHERE instr(CAST(payload AS TEXT), ?)", (old, new, old)).rowcount


def test_a_store_sqlite_cannot_read_is_set_aside_and_started_again(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / STORE_FILE).write_bytes(b"not a database, " * 100)
    cache = ResultCache(folder)
    assert cache.get("k") is None
    cache.put("k", [1, 2])
    cache.flush()
    assert ResultCache(folder).get("k") == [1, 2]
    assert (folder / f"{STORE_FILE}.damaged").exists()


def test_dask_cluster_gives_the_same_outcomes(tmp_path):
    distributed = pytest.importorskip("distributed")
    paths = _articles(tmp_path, count=3)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, engine_for(scheduler=cluster.scheduler_address) as engine:
        on_cluster = run_each(read_article, paths, engine=engine)
        split = run_each(_split_with, ["Бір. Екі сөйлем бар.", "Үш."], engine=engine, shared="kk")
    assert _records(on_cluster) == _records(run_each(read_article, paths))
    assert [o.value for o in split] == [["Бір.", "Екі сөйлем бар."], ["Үш."]]


def _pid_written_late(item: dict) -> None:
    time.sleep(0.2)  # (a block that did not wait for it would end first)
    item["path"].write_text(str(os.getpid()))


def _failing(item) -> None:
    raise ValueError("the store is gone")


def test_work_handed_meanwhile_runs_on_a_forked_worker_and_the_block_waits_for_it(tmp_path):
    engine = Engine(jobs=2)
    # a lambda in the item: it is inherited by the forked worker, never pickled
    item = {"path": tmp_path / "done", "unsent": lambda: None}
    engine.meanwhile(_pid_written_late, item)  # outside the block: here, now
    assert (tmp_path / "done").read_text() == str(os.getpid())
    with engine.finishing_meanwhile():
        engine.meanwhile(_pid_written_late, item)
        assert (tmp_path / "done").read_text() == str(os.getpid())  # still running, elsewhere
    assert (tmp_path / "done").read_text() != str(os.getpid())
    with pytest.raises(UshtilError, match=r"internal error \(ValueError: the store is gone\)"), \
            engine.finishing_meanwhile():
        engine.meanwhile(_failing, None)
    with Engine(jobs=1).finishing_meanwhile() as alone:  # one process: here, when handed
        alone.meanwhile(_pid_written_late, item)
        assert (tmp_path / "done").read_text() == str(os.getpid())


def test_a_reopened_cache_reads_the_same_store_and_leaves_one_locked_by_another_run_alone(tmp_path, monkeypatch):
    monkeypatch.setattr("ushtil.cache.LOCK_TIMEOUT_S", 0.5)
    cache = ResultCache(tmp_path)
    cache.put("k", [1, 2])
    cache.flush()
    assert cache.reopened().get("k") == [1, 2]
    with contextlib.closing(sqlite3.connect(tmp_path / STORE_FILE)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another run writing the store
        locked = ResultCache(tmp_path)
        assert locked.get("k") is None  # waited for the lock, then left the store alone
        started = time.monotonic()
        locked.reopened().put("k", [3])
        assert time.monotonic() - started < 0.25  # not waited for again
        other.rollback()
    assert ResultCache(tmp_path).get("k") == [1, 2]
