"""A glossary re-run after an article was added at the end takes a candidate's rendering as the last
build chose it from its ranked grams when it read no count the new article changed; every one taken
is the one chosen anew, the glossary is a fresh build's, and a damaged kept choice is never used."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sqlite3

import pytest

from test_glossary_incremental import assert_equals_a_fresh_build, glossary
from test_glossary_index_cache import add_article
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.glossary import choices, rankings
from ushtil.glossary.index import LanguageIndex

ANEW = "ranked anew (no earlier build ranked the first of these articles in order"


def chosen_counts(said: str) -> tuple[int, int]:
    """How many renderings the note says were chosen as the last build chose them, and anew."""
    kept = int(said.split(" renderings chosen from their ranking as the last build chose them")[0].rsplit(" ", 1)[1])
    anew = int(said.split(" chosen anew")[0].rsplit(" ", 1)[1])
    return kept, anew


def test_every_choice_taken_again_is_the_one_made_anew(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """Each kept choice the re-run takes is checked against choosing it again from the same ranked
    grams: what the index recorded as read is all that choosing reads."""
    taken_again = []
    chosen = choices.Choices.chosen

    def checked(self, candidate, units, english_form, consumed, choose, target, english):
        value = chosen(self, candidate, units, english_form, consumed, choose, target, english)
        if self.reused and self.reused[-1] == candidate:
            assert value == choose(), candidate
            taken_again.append(candidate)
        return value

    monkeypatch.setattr(choices.Choices, "chosen", checked)
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = glossary(work, tmp_path / "first", "--jobs", "1")
    assert ANEW in capsys.readouterr().err
    add_article(corpus, work, "zz-seed-again.txt", "Kazakhstan", "Qazaqstan")
    capsys.readouterr()
    added = glossary(work, tmp_path / "added", "--jobs", "1")
    kept, anew = chosen_counts(capsys.readouterr().err)
    assert kept == len(taken_again) > 0 and anew > 0  # the new article's words changed some, not all
    assert added["glossary.csv"] != first["glossary.csv"]
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)


def test_a_damaged_kept_choice_is_never_used(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    database = work / CACHE_FOLDER / STORE_FILE
    with contextlib.closing(sqlite3.connect(database)) as db:
        (good,), = db.execute("SELECT payload FROM results WHERE key = ?", (rankings._LAST_RANKINGS,))
    article_keys, sizes, stored, chosen = marshal.loads(good)
    candidate = next(key for key, kept in chosen["ru"].items() if kept[5] is not None)
    units, form, consumed, reads, english_reads, choice = chosen["ru"][candidate]
    chosen["ru"][candidate] = (units, form, consumed, reads, english_reads, choice[:3])  # a choice cut short
    odd = marshal.dumps((article_keys, sizes, stored, chosen))
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        assert db.execute("UPDATE results SET payload = ?, checksum = ? WHERE key = ?",
                          (odd, hashlib.sha256(odd).hexdigest(), rankings._LAST_RANKINGS)).rowcount == 1
    add_article(corpus, work, "zz-seed-again.txt", "Kazakhstan", "Qazaqstan")
    capsys.readouterr()
    repaired = glossary(work, tmp_path / "repaired", "--jobs", "2")
    assert ANEW in capsys.readouterr().err
    assert_equals_a_fresh_build(work, tmp_path / "fresh", repaired, capsys)


def _index(lang: str) -> LanguageIndex:
    return LanguageIndex(lang=lang, sides=[], postings={"белый дом": [0, 1], "дом": [0, 1, 2]},
                         surfaces={"белый дом": {"Белый дом": 2}, "дом": {"дом": 3}})


@pytest.mark.parametrize(("change", "taken"), [
    ({}, True),
    ({"changed": {"дом"}}, False),  # a gram it read is held by a new article
    ({"english_changed": {"white"}}, False),  # an English word it read
    ({"changed": {"стол"}, "english_changed": {"table"}}, True),  # grams it never read
])
def test_a_kept_choice_is_taken_only_when_it_read_no_changed_gram(change, taken):
    target, english = _index("ru"), _index("en")

    def choose():
        target.frequency("дом")
        target.written("белый дом")
        english.note("white")
        return ("белый дом", "Белый дом", [0, 1], 2, 0.5, 0.0, 0.0, 0.0, 0.0, {"Белый дом": 2}, "corpus")

    candidate = (("white", "house"), "name", False)
    first = choices.Choices()
    made = first.chosen(candidate, [0, 1], "White House", ("best", ("белый дом", 0.9), 0.1), choose, target, english)
    kept = first.this_build()[candidate]
    assert kept[3] == ["белый дом", "дом"] and kept[4] == ["white"]  # what choosing read, recorded
    assert target.reads is None and english.reads is None  # and recording stopped
    again = choices.Choices(kept={candidate: kept}, **change)
    calls = []
    value = again.chosen(candidate, [0, 1], "White House", ("best", ("белый дом", 0.9), 0.1),
                         lambda: calls.append(1) or choose(), target, english)
    assert value == made
    assert (again.reused == [candidate] and not calls) if taken else (not again.reused and calls == [1])
    # other ranked grams or scores, other beads: chosen anew
    for units, consumed in (([0, 1], ("best", ("белый дом", 0.8), 0.1)), ([0, 1, 5], kept[2])):
        other = choices.Choices(kept={candidate: kept})
        other.chosen(candidate, units, "White House", consumed, choose, target, english)
        assert not other.reused
