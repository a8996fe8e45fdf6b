"""What the glossary takes of each alignment file (its units, notes and settings) is kept in the work
folder's cache under the file's name and bytes: a re-run reads back only the files new or changed,
takes the others' kept units, which are those the files give when read; a damaged entry is
discarded and the file read again, never used."""

from __future__ import annotations

import marshal
from pathlib import Path

from conftest import SEED_ARTICLE
from test_engine import damage_cache
from ushtil.cache import CACHE_FOLDER, ResultCache
from ushtil.cli import main
from ushtil.glossary import sources
from ushtil.glossary.sources import article_units


def reading(monkeypatch) -> list[str]:
    """The names of the alignment files the glossary reads (not taken from the cache), as it reads them."""
    read: list[str] = []
    real = sources.read_alignment_files

    def recorded(paths, engine, cache):
        read.extend(Path(path).name for path in paths)
        return real(paths, engine, cache)

    monkeypatch.setattr(sources, "read_alignment_files", recorded)
    return read


def kept_units(work: Path) -> tuple[list, list[str]]:
    found = article_units([str(work)], cache=ResultCache(work / CACHE_FOLDER))
    return found.articles, found.notes


def as_read(work: Path) -> tuple[list, list[str]]:
    """The units and notes of the files read whole, with no cache."""
    found = article_units([str(work)])
    return found.articles, found.notes


def test_unchanged_files_units_are_taken_back_a_changed_or_damaged_one_is_read_again(tmp_path, monkeypatch):
    folder, work = tmp_path / "journal", tmp_path / "work"
    folder.mkdir()
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    (folder / "seed-again.txt").write_text(seed.replace("Kazakhstan", "Qazaqstan"), encoding="utf-8")
    assert main(["align", str(folder), "-o", str(work), "-q", "--jobs", "1"]) == 0
    names = sorted(path.name for path in work.glob("*.alignment.jsonl"))
    expected = as_read(work)
    assert len(expected[0]) == 2 and all(len(units) > 10 for units in expected[0])
    read = reading(monkeypatch)

    assert kept_units(work) == expected and sorted(read) == names  # the first build reads every file
    read.clear()
    assert kept_units(work) == expected and read == []  # the re-run reads none: every file's units kept

    changed = work / names[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Qazaqstan", "Qazaqstan Republic"),
                       encoding="utf-8")
    changed_units = as_read(work)
    assert changed_units != expected
    read.clear()
    assert kept_units(work) == changed_units and read == [names[0]]  # only the changed file read again

    # damaged entries: their checksum fails, or it holds over a payload of another shape
    assert damage_cache(work / CACHE_FOLDER, "Qazaqstan Republic", "Qazaqstan Republix") >= 1
    key = sources._file_units_key(work / names[1], (work / names[1]).read_bytes())
    cache = ResultCache(work / CACHE_FOLDER)
    cache.put_bytes(key, marshal.dumps(("seed", {}, [], 3, [["seed", {"en": "a"}]])))  # a unit's fields short
    cache.flush()
    read.clear()
    assert kept_units(work) == changed_units and sorted(read) == names  # both read again, never used
    read.clear()
    assert kept_units(work) == changed_units and read == []  # and stored again whole
