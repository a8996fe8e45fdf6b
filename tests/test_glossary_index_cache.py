"""A glossary re-run after articles were added at the end of the corpus takes the last build's index
(its postings and surfaces) from the work folder and indexes only the new articles; what it writes is
what a fresh build writes; after a few new articles the kept index is left as it was. An article
put before the others, or a damaged kept index, makes the index anew. What a build on two processes keeps
for the next run (stored by a forked worker while it writes its outputs) the next run takes."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from conftest import SEED_ARTICLE
from test_engine import damage_cache
from test_glossary_incremental import assert_equals_a_fresh_build, glossary
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.glossary import index


def add_article(folder: Path, work: Path, name: str, old: str, new: str) -> None:
    """The seed article with ``old`` written ``new`` as ``name`` in ``folder``, all aligned into ``work``."""
    text = SEED_ARTICLE.read_text(encoding="utf-8").replace(old, new)
    (folder / name).write_text(text, encoding="utf-8")
    assert main(["align", str(folder), "-o", str(work), "-q", "--jobs", "1"]) == 0


def rebuilt_after_adding(folder: Path, work: Path, out: Path, capsys, name: str, old: str, new: str,
                         *options: str) -> tuple[dict[str, bytes], str]:
    """:func:`add_article`, then the glossary of ``work`` built into ``out``: what it wrote, and what it said."""
    add_article(folder, work, name, old, new)
    capsys.readouterr()
    written = glossary(work, out, *options)
    return written, capsys.readouterr().err


def test_articles_added_at_the_end_are_indexed_alone_and_the_glossary_equals_a_fresh_one(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = glossary(work, tmp_path / "first", "--jobs", "1")
    assert "the index made anew" in capsys.readouterr().err

    added, said = rebuilt_after_adding(corpus, work, tmp_path / "added", capsys, "zz-seed-again.txt", "Kazakhstan",
                                       "Qazaqstan", "--jobs", "2")
    assert "tokens and lemmas of 1 article(s) made, 6 taken from" in said
    assert "the index of the first 6 taken from the last build and 1 added to it" in said
    assert added["glossary.csv"] != first["glossary.csv"]  # the new article counts
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)

    # the kept index damaged (its checksum no longer holds): not used, the index is made anew
    assert damage_cache(work / CACHE_FOLDER, "qazaqstan", "qazaqstaX") >= 1
    repaired, said = rebuilt_after_adding(corpus, work, tmp_path / "repaired", capsys, "zz-seed-third.txt", "China",
                                          "Cathay", "--jobs", "1")
    assert "the index made anew" in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh-repaired", repaired, capsys, articles=8)

    # an article before the others: the kept index counted other units first, so it is made anew
    before, said = rebuilt_after_adding(corpus, work, tmp_path / "before", capsys, "aa-seed-first.txt", "Asia", "Asiya",
                                        "--jobs", "2")
    assert "the index made anew" in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh-before", before, capsys, articles=9)


def kept_index(work: Path) -> bytes:
    with contextlib.closing(sqlite3.connect(work / CACHE_FOLDER / STORE_FILE)) as db:
        (payload,), = db.execute("SELECT payload FROM results WHERE key = ?", (index._LAST_INDEX,))
    return payload


def test_a_few_added_articles_leave_the_kept_index_as_it_is(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """Up to REINDEX_SHARE of the kept articles added, the kept index is not stored again: each re-run
    adds those articles to it again, and writes what a fresh build writes; past that share it is."""
    monkeypatch.setattr(index, "REINDEX_SHARE", 0.4)  # of 6 articles: 2 may be added
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    stored = kept_index(work)
    for number, name in enumerate(("zz-seed-1.txt", "zz-seed-2.txt"), 1):
        added, said = rebuilt_after_adding(corpus, work, tmp_path / f"added{number}", capsys, name, "Kazakhstan",
                                           f"Qazaqstan{number}", "--jobs", "2")
        assert f"the index of the first 6 taken from the last build and {number} added to it" in said
        assert kept_index(work) == stored
        assert_equals_a_fresh_build(work, tmp_path / f"fresh{number}", added, capsys, articles=6 + number)
    add_article(corpus, work, "zz-seed-3.txt", "Kazakhstan", "Qazaqstan3")
    glossary(work, tmp_path / "added3", "--jobs", "1")
    assert kept_index(work) != stored  # 3 of 6 added: stored again, with all 9
    _, said = rebuilt_after_adding(corpus, work, tmp_path / "added4", capsys, "zz-seed-4.txt", "Kazakhstan",
                                   "Qazaqstan4", "--jobs", "1")
    assert "the index of the first 9 taken from the last build and 1 added to it" in said


def test_what_a_build_on_two_processes_keeps_for_the_next_run_is_taken_by_it(corpus, tmp_path, capsys):  # noqa: F811
    # the build's glossary, rankings and choices are stored by a forked worker while the outputs are written
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = glossary(work, tmp_path / "first", "--jobs", "2")
    capsys.readouterr()
    assert glossary(work, tmp_path / "again", "--jobs", "2") == first
    assert "the beads of all 6 article(s) and the settings are as at the last build" in capsys.readouterr().err
    add_article(corpus, work, "zz-seed-again.txt", "Kazakhstan", "Qazaqstan")
    capsys.readouterr()
    added = glossary(work, tmp_path / "added", "--jobs", "2")
    said = capsys.readouterr().err
    assert "taken from the ranking over the first 6 article(s)" in said
    assert " renderings chosen from their ranking as the last build chose them" in said
    assert_equals_a_fresh_build(work, tmp_path / "fresh", added, capsys)
