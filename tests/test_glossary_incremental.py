"""A glossary re-run over a work folder tokenises only the articles that are new (and takes the whole
build from the cache when no bead changed), and writes what a fresh build writes (CSV, TBX and the
workbook's sheets), on one core or two; a damaged cache entry is made again, ``--fresh`` takes nothing;
a build taken from the cache is merged into the curated store as a fresh one is (no decision lost)."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

from conftest import ROOT, SEED_ARTICLE
from test_engine import damage_cache
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.glossary import load_glossary

OUTPUTS = ("glossary.csv", "glossary.tbx", "glossary.xlsx")
STORE = ROOT / "glossary" / "glossary.tsv"


def glossary(work: Path, out: Path, *options: str) -> dict[str, bytes]:
    """The glossary of ``work`` written into ``out``: each file's content (a workbook by its parts,
    less the creation time)."""
    out.mkdir(exist_ok=True)
    assert main(["glossary", str(work), "-o", str(out / "glossary.xlsx"), "--csv", str(out / "glossary.csv"),
                 "--tbx", str(out / "glossary.tbx"), "--no-store", "-q", *options]) == 0
    written = {name: (out / name).read_bytes() for name in OUTPUTS if name != "glossary.xlsx"}
    with zipfile.ZipFile(out / "glossary.xlsx") as book:
        written.update({part: book.read(part) for part in book.namelist() if part != "docProps/core.xml"})
    return written


def test_rerun_after_a_new_or_changed_article_tokenises_it_alone_and_equals_a_fresh_build(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = glossary(work, tmp_path / "first", "--jobs", "1")
    assert "tokens and lemmas of 6 article(s) made, 0 taken from" in capsys.readouterr().err
    again = glossary(work, tmp_path / "again", "--jobs", "2")
    assert "the beads of all 6 article(s) and the settings are as at the last build" in capsys.readouterr().err
    assert again == first
    assert damage_cache(work / CACHE_FOLDER, "evidence", "evidencX") == 1  # the kept build, damaged
    repaired = glossary(work, tmp_path / "repaired", "--jobs", "2")
    assert "tokens and lemmas of 0 article(s) made, 6 taken from" in capsys.readouterr().err
    assert repaired == first
    fresh_again = glossary(work, tmp_path / "fresh-again", "--jobs", "2", "--fresh")
    assert "tokens and lemmas of 6 article(s) made, 0 taken from" in capsys.readouterr().err
    assert fresh_again == first

    text = SEED_ARTICLE.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan")
    (corpus / "seed-again.txt").write_text(text, encoding="utf-8")
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    capsys.readouterr()
    incremental = glossary(work, tmp_path / "incremental", "--jobs", "2")
    assert "tokens and lemmas of 1 article(s) made, 6 taken from" in capsys.readouterr().err
    assert incremental["glossary.csv"] != first["glossary.csv"]  # the new article counts

    assert_equals_a_fresh_build(work, tmp_path / "fresh-1", incremental, capsys)

    # one article changed (its text, so its beads): it alone is tokenised again
    (corpus / "seed-again.txt").write_text(text.replace("China", "Cathay"), encoding="utf-8")
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    capsys.readouterr()
    changed = glossary(work, tmp_path / "changed", "--jobs", "2")
    assert "tokens and lemmas of 1 article(s) made, 6 taken from" in capsys.readouterr().err
    assert changed["glossary.csv"] != incremental["glossary.csv"]
    assert_equals_a_fresh_build(work, tmp_path / "fresh-2", changed, capsys)
    # four corpus states were built: the cache keeps the last build only, not one per state
    with sqlite3.connect(work / CACHE_FOLDER / STORE_FILE) as db:
        payloads = [payload for (payload,) in db.execute("SELECT payload FROM results")]
    assert sum(b"candidates" in payload and b"signature" in payload for payload in payloads) == 1


def assert_equals_a_fresh_build(work: Path, folder: Path, written: dict[str, bytes], capsys, articles: int = 7) -> None:
    """A build from a copy of ``work`` (``articles`` articles) without its cache, on one process, writes
    ``written``."""
    fresh_work = folder / "work"
    shutil.copytree(work, fresh_work)
    shutil.rmtree(fresh_work / CACHE_FOLDER)
    fresh = glossary(fresh_work, folder / "out", "--jobs", "1")
    assert f"tokens and lemmas of {articles} article(s) made, 0 taken from" in capsys.readouterr().err
    assert sorted(fresh) == sorted(written)
    for name in fresh:
        assert fresh[name] == written[name], name


def test_a_build_taken_from_the_cache_keeps_every_curated_decision(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    store = tmp_path / "store.tsv"
    shutil.copy(STORE, store)
    decided = {entry.id: (entry.status, entry.en, entry.kk, entry.ru, entry.note)
               for entry in load_glossary(STORE).entries if entry.status != "candidate"}
    assert {status for status, *_ in decided.values()} == {"approved", "rejected"}
    built = {}
    for run, options in (("first", ()), ("cached", ()), ("fresh", ("--fresh",))):
        assert main(["glossary", str(work), "--store", str(store), "--csv", str(tmp_path / f"{run}.csv"), "-q",
                     "--jobs", "2", *options]) == 0
        built[run] = (tmp_path / f"{run}.csv").read_bytes(), store.read_bytes()
        assert ("as at the last build" in capsys.readouterr().err) == (run == "cached")
        kept = {entry.id: (entry.status, entry.en, entry.kk, entry.ru, entry.note)
                for entry in load_glossary(store).entries if entry.id in decided}
        assert kept == decided, run
    assert built["cached"] == built["first"] == built["fresh"]
