"""A glossary re-run after an article was added at the end takes each candidate's ranked renderings
from the last build where a new article cannot reorder them, and writes what a fresh build writes;
an article changed or removed makes every ranking anew; a damaged kept ranking is never used."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from test_glossary_incremental import assert_equals_a_fresh_build, glossary
from test_glossary_index_cache import add_article
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.glossary import build as glossary_build
from ushtil.glossary import rankings
from ushtil.glossary.index import build_index, library_lemmatizer
from ushtil.glossary.sources import Unit

ANEW = "ranked anew (no earlier build ranked the first of these articles in order"


def taken(said: str) -> int:
    """How many candidate-language rankings the note says were taken from the last build."""
    return int(said.split(" taken from the ranking over the first")[0].rsplit(" ", 1)[1])



def built_then_added(folder: Path, tmp_path, capsys, added_jobs: str) -> tuple[Path, dict, dict, str]:
    """The corpus in ``folder`` aligned and its glossary built (every ranking made anew), then one article added
    at the end and the glossary built again with ``--jobs added_jobs``: the work folder, both
    builds' files and what the second build said."""
    work = tmp_path / "work"
    assert main(["align", str(folder), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = glossary(work, tmp_path / "first", "--jobs", "1")
    assert ANEW in capsys.readouterr().err
    add_article(folder, work, "zz-seed-again.txt", "Kazakhstan", "Qazaqstan")
    capsys.readouterr()
    added = glossary(work, tmp_path / "added", "--jobs", added_jobs)
    return work, first, added, capsys.readouterr().err

@pytest.mark.parametrize("kept", [rankings.KEPT_RANKED, 3])
def test_an_added_article_reranks_only_what_it_can_reorder_and_the_glossary_equals_a_fresh_one(
        corpus, tmp_path, capsys, monkeypatch, kept):  # noqa: F811
    # three grams kept: many candidates' kept grams fall behind their boundary, and are ranked anew
    monkeypatch.setattr(rankings, "KEPT_RANKED", kept)
    work, first, added, said = built_then_added(corpus, tmp_path, capsys, "2")
    assert "taken from the ranking over the first 6 article(s), rescored: 1 new article(s)" in said
    assert taken(said) > 0
    assert "word supports and noun-phrase tests of renderings worked out anew" in said
    assert added["glossary.csv"] != first["glossary.csv"]  # the new article counts
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)

    # the article changed: the kept rankings counted its old beads, so every candidate is ranked anew
    add_article(corpus, work, "zz-seed-again.txt", "Kazakhstan", "Kazakstan")
    capsys.readouterr()
    changed = glossary(work, tmp_path / "changed", "--jobs", "1")
    assert ANEW in capsys.readouterr().err
    assert_equals_a_fresh_build(work, tmp_path / "fresh-changed", changed, capsys)

    # and removed: the same
    (corpus / "zz-seed-again.txt").unlink()
    (work / "zz-seed-again.alignment.jsonl").unlink()
    capsys.readouterr()
    removed = glossary(work, tmp_path / "removed", "--jobs", "2")
    assert ANEW in capsys.readouterr().err
    assert removed == first
    assert_equals_a_fresh_build(work, tmp_path / "fresh-removed", removed, capsys, articles=6)


@pytest.mark.parametrize("share", [glossary_build.RENDER_HERE_SHARE, 0.2])
def test_little_to_redo_is_rendered_in_this_process_whatever_the_jobs(
        corpus, tmp_path, capsys, monkeypatch, share):  # noqa: F811
    # one new article after six: more than 1 % of the articles ranked, so the workers render; within a
    # share of a fifth, this process renders (no pool started) while one forked worker finds the
    # single-word terms, and the glossary is a fresh build's
    monkeypatch.setattr(glossary_build, "RENDER_HERE_SHARE", share)
    pools, asides = [], []
    pooled, put_aside = glossary_build.run_each, glossary_build.aside
    monkeypatch.setattr(glossary_build, "run_each", lambda *args, **kwargs: pools.append(1) or pooled(*args, **kwargs))
    monkeypatch.setattr(glossary_build, "aside",
                        lambda *args, **kwargs: asides.append(kwargs["engine"].parallel) or put_aside(*args, **kwargs))
    work, _, added, said = built_then_added(corpus, tmp_path, capsys, "2")
    assert taken(said) > 0
    assert len(pools) == (1 if share < 1 / 6 else 0)
    assert (True in asides) == (share > 1 / 6)  # (the first build, with --jobs 1, finds them here)
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)


def _set_kept_rankings(work: Path, payload: bytes, checksum: str) -> int:
    key = rankings._LAST_RANKINGS
    with contextlib.closing(sqlite3.connect(work / CACHE_FOLDER / STORE_FILE)) as db, db:
        return db.execute("UPDATE results SET payload = ?, checksum = ? WHERE key = ?",
                          (payload, checksum, key)).rowcount


def test_a_damaged_kept_ranking_is_never_used(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    with contextlib.closing(sqlite3.connect(work / CACHE_FOLDER / STORE_FILE)) as db:
        (good, checksum), = db.execute("SELECT payload, checksum FROM results WHERE key = ?",
                                       (rankings._LAST_RANKINGS,))
    article_keys, sizes, stored, chosen, composed, associations = marshal.loads(good)
    assert stored["kk"] and stored["ru"] and associations["kk"] and associations["ru"]
    # its checksum wrong; payloads of another shape under a right checksum (a ranking of four grams
    # counted in three beads; a word support of three lists, a noun-phrase test that is no bool)
    candidate = next(iter(stored["kk"]))
    units, form, grams, both, scores, boundary = stored["kk"][candidate]
    odd_ranking = dict(stored["kk"])
    odd_ranking[candidate] = (units, form, [*grams, "extra"], both, scores, boundary)
    odd = marshal.dumps((article_keys, sizes, {**stored, "kk": odd_ranking}, chosen, composed, associations))
    support = next(item for item in associations["ru"] if isinstance(item, tuple))
    phrase = next(item for item in associations["kk"] if isinstance(item, str))
    odd_support = marshal.dumps((article_keys, sizes, stored, chosen, composed,
                                 {**associations, "ru": {**associations["ru"], support: ([1.0], [1.0], [1.0])}}))
    odd_phrase = marshal.dumps((article_keys, sizes, stored, chosen, composed,
                                {**associations, "kk": {**associations["kk"], phrase: 1}}))
    for number, (payload, sum_of) in enumerate([(good.replace(b"\x00", b"\x01", 1), checksum),
                                                *((odd_one, hashlib.sha256(odd_one).hexdigest())
                                                  for odd_one in (odd, odd_support, odd_phrase))]):
        add_article(corpus, work, f"zz-seed-{number}.txt", "Kazakhstan", f"Qazaqstan{number}")
        assert _set_kept_rankings(work, payload, sum_of) == 1
        capsys.readouterr()
        repaired = glossary(work, tmp_path / f"repaired{number}", "--jobs", "2")
        assert ANEW in capsys.readouterr().err
        assert_equals_a_fresh_build(work, tmp_path / f"fresh{number}", repaired, capsys, articles=7 + number)


def test_units_holding_a_gram_whose_usual_form_changed_are_unsettled():
    """A new unit that writes "белый дом" in lower case once more makes that its usual form (it was
    "Белый дом", seen first at one use each): a name became a term, so the units holding it are
    ranked anew; one more "Белый дом" changes no usual form."""
    old = [Unit(article="a", text={"ru": "Белый дом стоит."}), Unit(article="a", text={"ru": "Мы видели белый дом."})]
    lemmatize = library_lemmatizer()
    for new, unsettled in (("Там белый дом.", {0, 1}), ("Белый дом там.", set())):
        index = build_index([*old, Unit(article="b", text={"ru": new})], "ru", lemmatize)
        assert rankings.unsettled_units(index, len(old)) == unsettled, new


def test_only_the_kept_grams_still_ranked_before_the_boundary_are_taken():
    """Astana's kept Kazakh grams rescored: қала fell behind the last kept gram as it was ranked
    (елорда, 0.5), where a gram not kept may now stand before it, so only астана is sure to be
    first; a renderer that reads two grams gets a fresh ranking, as does a candidate found in other
    beads or beside a gram written otherwise now."""
    candidate = (("astana",), "name", False)
    kept = rankings.KeptRanking(units=[0, 1], english_form="Astana", grams=["астана", "қала", "елорда"],
                                both=[2, 2, 1], scores=[0.9, 0.6, 0.5], boundary=(0.5, "елорда"))
    now = {"астана": 0.9, "қала": 0.4, "елорда": 0.5, "бас": 0.45}
    fresh = [("астана", 0.9), ("елорда", 0.5), ("бас", 0.45), ("қала", 0.4)]

    def score(cooccurring):
        return {gram: now[gram] for gram in cooccurring}

    def ranked(units, needed, unsettled=()):
        # the new articles hold қала only: the other kept grams keep their kept scores
        found = rankings.Rankings(kept={candidate: kept}, unsettled=set(unsettled), changed={"қала"})
        return found.ranked(candidate, units, "Astana", score, lambda: dict.fromkeys(now, 1),
                            lambda part, complete: complete or len(part) >= needed), len(found.reused)

    assert ranked([0, 1], 1) == ([("астана", 0.9)], 1)
    assert ranked([0, 1], 2) == (fresh, 0)
    assert ranked([0, 1, 5], 1) == (fresh, 0)
    assert ranked([0, 1], 1, unsettled={1}) == (fresh, 0)


def test_only_the_kept_grams_the_new_articles_hold_are_scored_again():
    """A kept gram the new articles do not hold keeps its kept score (its counts are as they were);
    one they hold is scored again."""
    kept = rankings.KeptRanking(units=[0, 1], english_form="Astana", grams=["астана", "қала"], both=[2, 2],
                                scores=[0.9, 0.6], boundary=None)
    asked = []

    def score(cooccurring):
        asked.extend(cooccurring)
        return {gram: 0.3 for gram in cooccurring}

    found = rankings.Rankings(changed={"қала", "бас"})
    assert found.rescored(kept, score) == {"астана": 0.9, "қала": 0.3}
    assert asked == ["қала"]


def rescoring_checked(monkeypatch) -> list[str]:
    """Make every kept ranking's rescoring assert it equals scoring all its kept grams again; the
    English forms so compared."""
    compared = []
    rescored = rankings.Rankings.rescored

    def checked(self, kept, score):
        found = rescored(self, kept, score)
        assert found == score(Counter(dict(zip(kept.grams, kept.both, strict=True)))), kept.english_form
        compared.append(kept.english_form)
        return found

    monkeypatch.setattr(rankings.Rankings, "rescored", checked)
    return compared


def test_kept_grams_rescored_score_as_all_scored_again(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """On a real re-run, the kept grams' scores (kept or scored again) are those of scoring every
    kept gram again."""
    compared = rescoring_checked(monkeypatch)
    work, _, added, said = built_then_added(corpus, tmp_path, capsys, "1")
    assert len(compared) >= taken(said) > 0
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)


def test_a_ranking_taken_again_is_kept_as_rescored(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """Two articles added one re-run after the other: a ranking the first re-run took again is kept
    with its scores as rescored, so the second re-run's kept scores are those of scoring every kept
    gram again (kept as the first build scored them, a gram the first new article lowered would keep
    its higher score), and its glossary is a fresh build's."""
    work, _, _, _ = built_then_added(corpus, tmp_path, capsys, "1")
    compared = rescoring_checked(monkeypatch)
    (corpus / "zz-third.txt").write_text((corpus / sorted(p.name for p in corpus.iterdir())[0]).read_text(
        encoding="utf-8").replace("Kazakhstan", "Kazakstan"), encoding="utf-8")
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    capsys.readouterr()
    again = glossary(work, tmp_path / "again", "--jobs", "1")
    assert taken(capsys.readouterr().err) > 0 and compared
    assert_equals_a_fresh_build(work, tmp_path / "fresh-again", again, capsys, articles=8)
