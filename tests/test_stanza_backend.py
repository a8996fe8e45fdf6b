"""The optional stanza backend against the models in ../shared/models/stanza (skipped without them).

One pipeline per language and processor set is loaded (``stanza_pipeline`` caches them), so these
tests stay fast.
"""

from __future__ import annotations

import os

import pytest

from conftest import SHARED

MODELS = SHARED / "models" / "stanza"

pytest.importorskip("stanza")
pytestmark = pytest.mark.skipif(not (MODELS / "resources.json").exists(), reason="no stanza models in ../shared")


@pytest.fixture(autouse=True)
def _models(monkeypatch):
    monkeypatch.setenv("USHTIL_STANZA_DIR", os.fspath(MODELS))


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        (["Орта", "Азияның", "барлық", "елдері"], "kk", ["Орта", "Азия", "барлық", "ел"]),
        (["Все", "страны", "Центральной", "Азии"], "ru", ["весь", "страна", "центральный", "Азия"]),
        (["All", "Central", "Asian", "countries"], "en", ["all", "Central", "Asian", "country"]),
    ],
)
def test_stanza_lemmas_for_given_words(words, lang, expected):
    from ushtil.lemma import lemmatize

    assert lemmatize(words, lang, backend="stanza") == expected


def test_stanza_lemmas_keep_one_lemma_per_word_across_sentences():
    from ushtil.lemma.stanza_backend import stanza_lemmatize_sentences

    sentences = [["Россию", "и", "России"], [], ["Китая"]]
    lemmas = stanza_lemmatize_sentences(sentences, "ru")
    assert [len(lemma) for lemma in lemmas] == [3, 0, 1]
    assert lemmas[0][0] == lemmas[0][2] == "Россия"


def test_missing_models_give_a_clear_error(monkeypatch, tmp_path):
    from ushtil.errors import MissingModelError
    from ushtil.stanza_models import stanza_pipeline

    monkeypatch.setenv("USHTIL_STANZA_DIR", os.fspath(tmp_path))
    with pytest.raises(MissingModelError, match="USHTIL_STANZA_DIR"):
        stanza_pipeline.__wrapped__("ru", "tokenize,lemma", pretokenized=True)  # past the cache
