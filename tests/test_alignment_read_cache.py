"""Alignment files read before are taken from the work folder's cache (as ``marshal``) exactly as a
fresh read makes them; a changed file is read again, and a damaged entry (checksum wrong, or right
over a payload of another shape) is discarded and the file read again, never used."""

from __future__ import annotations

import marshal
import sqlite3
from pathlib import Path

import pytest

from ushtil.aligner import sources
from ushtil.aligner.io import parsed_key, read_aligned, write_aligned
from ushtil.cache import CACHE_FOLDER, STORE_FILE, ResultCache
from ushtil.errors import InputError
from ushtil.model import AlignedArticle


@pytest.fixture
def work(tmp_path, seed_article, seed_alignment, monkeypatch):
    """A work folder with the seed's alignment file, and the list of files read (not taken from the cache)."""
    write_aligned(AlignedArticle(seed_article, seed_alignment), tmp_path / "seed.alignment.jsonl")
    read: list = []

    def counted(path, data=None):
        read.append(path)
        return read_aligned(path, data)

    monkeypatch.setattr(sources, "read_aligned", counted)
    return tmp_path, read


def aligned_in(folder) -> AlignedArticle:
    cache = ResultCache(folder / CACHE_FOLDER)
    corpus = sources.align_inputs([folder], cache=cache)
    assert not corpus.errors and len(corpus.aligned) == 1
    assert not cache.stats  # the caller's counts (findings, tokens reused) are not these
    return corpus.aligned[0]


def same(found: AlignedArticle, fresh: AlignedArticle) -> bool:
    return (found.article, found.alignment, found.digest) == (fresh.article, fresh.alignment, fresh.digest)


def test_a_file_read_before_is_taken_from_the_cache_as_read(work):
    folder, read = work
    fresh = read_aligned(folder / "seed.alignment.jsonl")
    assert len(fresh.alignment.beads) > 10 and fresh.article.part("kk").sentences
    assert same(aligned_in(folder), fresh) and len(read) == 1
    assert same(aligned_in(folder), fresh) and len(read) == 1  # the second time from the cache


def test_a_changed_file_is_read_again(work):
    folder, read = work
    path = folder / "seed.alignment.jsonl"
    aligned_in(folder)
    path.write_text(path.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan"), encoding="utf-8")
    found = aligned_in(folder)
    assert len(read) == 2 and same(found, read_aligned(path))
    assert "Qazaqstan" in found.alignment.beads[0].text["en"]


def _kept_seed(folder: Path) -> tuple:
    """The seed's alignment file as read fresh, and the key it is kept under once read through the cache."""
    path = folder / "seed.alignment.jsonl"
    fresh = read_aligned(path)
    aligned_in(folder)
    return fresh, parsed_key(path, path.read_bytes())


def test_a_damaged_entry_is_read_again_never_used(work):
    folder, read = work
    fresh, key = _kept_seed(folder)
    payload = ResultCache(folder / CACHE_FOLDER).get_bytes(key)
    assert payload is not None
    with sqlite3.connect(folder / CACHE_FOLDER / STORE_FILE) as db:  # a disk error: the checksum fails
        db.execute("UPDATE results SET payload = ? WHERE key = ?", (payload[:-9] + b"x" * 9, key))
    damaged = [marshal.dumps([1, 2, 3]), payload[:-40],  # checksums right: only the content tells
               marshal.dumps((fresh.digest, [], []))]
    for number in range(len(damaged) + 1):
        assert same(aligned_in(folder), fresh) and len(read) == 2 + number
        if number < len(damaged):
            cache = ResultCache(folder / CACHE_FOLDER)
            cache.put_bytes(key, damaged[number])
            cache.flush()
    assert same(aligned_in(folder), fresh) and len(read) == 5  # stored again, whole


def test_kept_fields_that_cannot_be_decoded_are_read_again_when_used(work):
    folder, read = work
    fresh, key = _kept_seed(folder)
    header = marshal.loads(ResultCache(folder / CACHE_FOLDER).get_bytes(key))
    cache = ResultCache(folder / CACHE_FOLDER)
    cache.put_bytes(key, marshal.dumps((*header[:4], marshal.dumps(([], [])))))  # its name, settings and id right
    cache.flush()
    found = aligned_in(folder)
    assert len(read) == 1 and found.name == fresh.name and found.article_id == fresh.article.id
    assert same(found, fresh)  # the fields, once used, are the file's, read again
    assert ResultCache(folder / CACHE_FOLDER).get_bytes(key) != marshal.dumps((*header[:4], marshal.dumps(([], []))))
    assert same(aligned_in(folder), fresh) and len(read) == 1  # kept anew, whole


def test_kept_fields_of_a_file_deleted_since_are_one_line_when_used(work):
    folder, _ = work
    _, key = _kept_seed(folder)
    header = marshal.loads(ResultCache(folder / CACHE_FOLDER).get_bytes(key))
    cache = ResultCache(folder / CACHE_FOLDER)
    cache.put_bytes(key, marshal.dumps((*header[:4], marshal.dumps(([], [])))))
    cache.flush()
    found = aligned_in(folder)
    (folder / "seed.alignment.jsonl").unlink()  # between listing the folder and using the fields
    with pytest.raises(InputError, match=r"seed\.alignment\.jsonl: cannot read"):
        assert found.article is None  # never reached: using the fields reads the file
