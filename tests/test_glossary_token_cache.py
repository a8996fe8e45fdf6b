"""Each article's tokens kept in a work folder's cache (as ``marshal``) are taken back as they were made;
an entry whose checksum holds but which is not an article's tokens (another shape, truncated) is
discarded and made again, never used."""

from __future__ import annotations

import marshal

from conftest import SEED_ARTICLE
from ushtil import read_article
from ushtil.aligner import align_articles
from ushtil.cache import ResultCache
from ushtil.glossary import index
from ushtil.glossary.sources import texts_digest, units_of_alignment


def seed_units() -> list:
    aligned = align_articles([read_article(SEED_ARTICLE)])[0]
    return units_of_alignment(aligned.alignment, aligned.article.id)


def test_kept_tokens_equal_fresh_ones_and_a_damaged_entry_is_made_again(tmp_path):
    units = seed_units()
    fresh, made = index.corpus_tokens([units])
    assert made == 1 and len(fresh["en"]) == len(units) > 10
    cache = ResultCache(tmp_path)
    stored, made = index.corpus_tokens([units], cache=cache)
    assert made == 1 and stored == fresh
    again, made = index.corpus_tokens([units], cache=ResultCache(tmp_path))
    assert made == 0 and again == fresh  # taken from the cache, as made

    key = index.tokens_key(texts_digest(units))
    for damaged in (marshal.dumps({"en": fresh["en"][:-1], "kk": fresh["kk"], "ru": fresh["ru"]}),  # a unit short
                    marshal.dumps([1, 2, 3]), marshal.dumps(fresh)[:-40]):
        cache = ResultCache(tmp_path)
        cache.put_bytes(key, damaged)  # its checksum is right: only its content tells it is not usable
        cache.flush()
        cache = ResultCache(tmp_path)
        repaired, made = index.corpus_tokens([units], cache=cache)
        assert made == 1 and cache.stats["corrupt"] == 1
        assert repaired == fresh
        assert index.corpus_tokens([units], cache=ResultCache(tmp_path))[1] == 0  # stored again, whole
