"""The glossary's work on a pool of processes gives what one process gives: each article's tokens
(their distinct words lemmatised in parts on the workers) and the rendered candidates (in parts)."""

from __future__ import annotations

from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cli import main
from ushtil.engine import Engine
from ushtil.glossary import build as glossary_build
from ushtil.glossary import index
from ushtil.glossary.sources import aligned_sources, units_of_alignment


def articles_of(work) -> list:
    return [units_of_alignment(item.alignment, item.article.id) for item in aligned_sources([str(work)]).aligned]


def test_tokens_and_renderings_made_on_two_processes_are_those_made_here(corpus, tmp_path, monkeypatch):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    articles = articles_of(work)
    assert len(articles) == 6
    here, made_here = index.corpus_tokens(articles)
    monkeypatch.setattr(index, "VOCABULARY_PART", 200)  # this small corpus's words in parts
    parts = []
    monkeypatch.setattr(index, "run_each", lambda func, items, **options: parts.extend(items)
                        or glossary_build.run_each(func, items, **options))
    pooled, made_pooled = index.corpus_tokens(articles, engine=Engine(jobs=2))
    assert len(parts) >= 4 and {lang for lang, _, _ in parts} == {"en", "kk", "ru"}
    words = [(lang, typed, word) for lang, typed, part in parts for word in part]
    assert len(words) == len(set(words)) > 1000  # each distinct word of a vocabulary lemmatised once, in one part
    assert made_here == made_pooled == 6
    assert pooled == here

    units = [unit for article in articles for unit in article]
    lemmatize = glossary_build.library_lemmatizer()
    one = glossary_build.glossary_from_units(units, lemmatize, threshold=0.8, tokens=here)
    two = glossary_build.glossary_from_units(units, lemmatize, threshold=0.8, tokens=pooled, engine=Engine(jobs=2))
    assert len(one.entries) > 10 and one.candidates
    assert two == one
