"""The commands give the same files on one core, on every core and on a Dask cluster; a re-run
redoes only what changed; a damaged cache entry is recomputed; an unreachable cluster is one line."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import marshal
import shutil
import sqlite3
from pathlib import Path

import pytest

import ushtil.checks
from conftest import SEED_ARTICLE, SHARED
from test_engine import damage_cache
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.model import Alignment

DEV = SHARED / "bench" / "ntrex-dev"
CASES = ["bbc.381780", "cnn.304478", "rt.com.91337", "reuters.218911", "scotsman.133783"]
MARKERS = {"en": ("Abstract", "Keywords"), "kk": ("Аңдатпа", "Түйін сөздер"), "ru": ("Аннотация", "Ключевые слова")}


def ntrex_article(name: str) -> str:
    """An NTREX case as an article: its first line the title, the rest the abstract."""
    parts = []
    for lang, (marker, keywords) in MARKERS.items():
        lines = (DEV / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
        parts.append(f"# {lines[0]}\n\n**{marker}.** {' '.join(lines[1:])}\n\n**{keywords}:** {lines[0].split()[0]}.\n")
    return "\n".join(parts)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    if not DEV.is_dir():
        pytest.skip("../shared/bench/ntrex-dev is not here")
    monkeypatch.setattr("ushtil.aligner.lexicon.MIN_BEADS", 30)  # a lexicon from this small corpus
    folder = tmp_path / "journal"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / "seed.txt")
    for name in CASES:
        (folder / f"{name}.md").write_text(ntrex_article(name), encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def run_workflow(corpus: Path, work: Path, *options: str) -> dict[str, bytes]:
    """align (every text anew), glossary and check, each with ``options``; the files written."""
    assert main(["align", str(corpus), "-o", str(work), "-q", "--fresh", *options]) == 0
    assert main(["glossary", str(work), "--csv", str(work / "glossary.csv"), "--no-store", "-q", *options]) == 0
    assert main(["check", str(work), "--json", str(work / "check.json"), "-q", *options]) == 1
    return files(work)


def test_jobs_2_writes_what_jobs_1_writes(corpus, tmp_path, capsys):
    one = run_workflow(corpus, tmp_path / "one", "--jobs", "1")
    two = run_workflow(corpus, tmp_path / "two", "--jobs", "2")
    assert "note: learned lexicon:" in capsys.readouterr().err
    assert sorted(one) == sorted(two) and len(one) == len(CASES) + 3
    for name in one:
        if name != "check.json":  # the report names its input folder
            assert one[name] == two[name], name
    assert one["check.json"].replace(b"/one/", b"/two/") == two["check.json"]


def test_rerun_with_one_new_article_reuses_the_rest_and_equals_a_fresh_run(corpus, tmp_path, capsys):
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--fresh"]) == 0  # --fresh still stores
    capsys.readouterr()
    shutil.copy(SEED_ARTICLE, corpus / "seed-again.txt")
    assert main(["align", str(corpus), "-o", str(work), "-q"]) == 0
    err = capsys.readouterr().err
    reused = int(err.split("result(s) reused")[0].split()[-1])
    assert reused >= 2 * (len(CASES) + 1)  # every earlier text read and first-aligned from the cache
    assert "second pass:" in err
    fresh = tmp_path / "fresh"
    assert main(["align", str(corpus), "-o", str(fresh), "-q", "--fresh"]) == 0
    assert files(work) == files(fresh)


def test_the_same_corpus_named_by_another_path_is_not_aligned_again(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # both runs read the same glossary (none): a folder's glossary/ is a setting
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--fresh"]) == 0
    capsys.readouterr()
    assert main(["align", corpus.name, "-o", "work", "-q"]) == 0
    err = capsys.readouterr().err
    assert "second pass: 0 text(s) realigned" in err
    computed = int(err.split("computed")[0].split()[-1])
    assert computed == len(CASES) + 1  # each text read again (its path is in the article), none aligned
    seed = json.loads((work / "seed.alignment.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert seed["alignment"]["article"]["source"] == str(Path(corpus.name) / "seed.txt")  # the path as now named
    fresh = tmp_path / "fresh"
    assert main(["align", corpus.name, "-o", "fresh", "-q", "--fresh"]) == 0
    assert files(work) == files(fresh)


def test_a_damaged_cache_entry_is_recomputed_never_used(corpus, tmp_path):
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    expected = files(work)
    assert damage_cache(work / CACHE_FOLDER, "Kazakhstan", "Kazakstan") >= 2
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert files(work) == expected


def test_a_kept_result_of_another_shape_is_recomputed_never_used(corpus, tmp_path, capsys):
    """An entry whose checksum holds but whose payload is of another shape (no alignment, no article
    read) is not used."""
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    expected = files(work)
    capsys.readouterr()
    fields = len(dataclasses.fields(Alignment))
    with contextlib.closing(sqlite3.connect(work / CACHE_FOLDER / STORE_FILE)) as db, db:
        reshaped = read = 0
        for key, payload in db.execute("SELECT key, payload FROM results").fetchall():
            with contextlib.suppress(ValueError, EOFError, TypeError):
                value = marshal.loads(payload)
                alignment = isinstance(value, list) and len(value) == fields
                if alignment or (isinstance(value, dict) and "article" in value):
                    read += isinstance(value, dict)
                    short = marshal.dumps(value[:-1] if isinstance(value, list) else {"article": []})
                    db.execute("UPDATE results SET checksum = ?, payload = ? WHERE key = ?",
                               (hashlib.sha256(short).hexdigest(), short, key))
                    reshaped += 1
    assert reshaped - read >= 2 * (len(CASES) + 1) and read == len(CASES) + 1  # two passes and a read per text
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert f"second pass: {len(CASES) + 1} text(s) realigned, 0 " in capsys.readouterr().err
    assert files(work) == expected


def test_dask_cluster_writes_what_one_process_writes(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    local = run_workflow(corpus, tmp_path / "local", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_workflow(corpus, tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    for name in local:
        if name != "check.json":
            assert local[name] == remote[name], name


def test_unreachable_scheduler_is_one_line_and_exit_2(corpus, tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("ushtil.engine.CONNECT_TIMEOUT_S", 1)
    assert main(["align", str(corpus), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("ushtil align: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.jsonl"))


def test_check_of_a_work_folder_checks_again_only_what_changed(corpus, tmp_path, monkeypatch):
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert main(["check", str(work), "--json", str(tmp_path / "first.json"), "-q", "--jobs", "1"]) == 1
    checked = []
    original = ushtil.checks._check_article
    monkeypatch.setattr(ushtil.checks, "_check_article", lambda item, shared: checked.append(item.name) or
                        original(item, shared))
    (work / "seed.alignment.jsonl").unlink()
    shutil.copy(SEED_ARTICLE, tmp_path / "seed.txt")
    assert main(["align", str(tmp_path / "seed.txt"), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert main(["check", str(work), "--json", str(tmp_path / "second.json"), "-q", "--jobs", "1"]) == 1
    assert checked == ["seed"]  # the one alignment written again; the others' findings from the cache
    reports = [json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")) for name in ("first", "second")]
    assert reports[0]["findings"] == reports[1]["findings"]
