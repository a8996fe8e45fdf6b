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


def _repeated(alignment, times: int):
    """``alignment`` with its sentences and beads written ``times`` over: a long text's alignment."""
    from ushtil.model import LANGS, Alignment, Bead

    sentences = {lang: list(alignment.sentences[lang]) * times for lang in LANGS}
    beads = [Bead({lang: [index + copy * len(alignment.sentences[lang]) for index in bead.sentences.get(lang, [])]
                   for lang in LANGS}, dict(bead.text), bead.score, list(bead.flags), bead.section)
             for copy in range(times) for bead in alignment.beads]
    return Alignment(alignment.name, sentences, beads, alignment.signature, dict(alignment.settings))


def test_an_alignment_larger_than_an_input_is_read_back(tmp_path, seed_alignment):
    """``ushtil align`` writes each sentence several times: a 4 MB triple's alignment is over 16 MB,
    the limit of an input file, and check and glossary refused it ("17 MB is too large")."""
    from ushtil.aligner.io import write_alignment
    from ushtil.files import MAX_INPUT_BYTES

    path = tmp_path / "long.alignment.jsonl"
    long = _repeated(seed_alignment, 900)
    write_alignment(long, path)
    assert path.stat().st_size > MAX_INPUT_BYTES
    [opened] = sources.read_alignment_files([path], None, ResultCache(tmp_path / CACHE_FOLDER))
    assert opened.ok and opened.value.alignment.sentences == long.sentences
    assert [bead.sentences for bead in read_aligned(path).alignment.beads] == [bead.sentences for bead in long.beads]


def test_an_alignment_over_its_limit_is_one_line(tmp_path, seed_alignment, monkeypatch):
    from ushtil.aligner import io
    from ushtil.aligner.io import write_alignment

    path = tmp_path / "long.alignment.jsonl"
    write_alignment(_repeated(seed_alignment, 2), path)
    monkeypatch.setattr(io, "MAX_ALIGNMENT_BYTES", 1000)
    monkeypatch.setattr(sources, "MAX_ALIGNMENT_BYTES", 1000)
    [opened] = sources.read_alignment_files([path], None, ResultCache(tmp_path / CACHE_FOLDER))
    assert not opened.ok and "too large" in str(opened.error) and "\n" not in str(opened.error)
    with pytest.raises(InputError, match="too large"):
        read_aligned(path)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda bead: {**bead, "text": "The whole bead, typed over."}, "has no attribute 'get'"),
    (lambda bead: {**bead, "sentence_text": None, "text": None}, "has no attribute 'get'"),
    (lambda bead: {**bead, "en": [-1]}, "a sentence number below 0"),
])
def test_an_alignment_file_edited_by_hand_is_one_line(tmp_path, seed_article, seed_alignment, edit, message):
    """A bead's "text" or "sentence_text" made a string or null was an "internal error (AttributeError …)"
    naming no file; a sentence number -1 was read as the last sentence."""
    import json

    path = tmp_path / "seed.alignment.jsonl"
    write_aligned(AlignedArticle(seed_article, seed_alignment), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = json.dumps(edit(json.loads(lines[3])), ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}:4: not a bead \\(.*{message}") as raised:
        read_aligned(path)
    assert "\n" not in str(raised.value)
