"""The glossary builder on real text: the seed article's acceptance entries, NTREX gold beads, and
the pieces (keyword pairing, headwords, acronyms, association statistics, language data)."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

import ushtil
from conftest import SEED_ARTICLE, SHARED
from ushtil.errors import UshtilError
from ushtil.glossary import build_glossary
from ushtil.glossary.association import Counts
from ushtil.glossary.index import is_acronym, split_acronym, tokenize
from ushtil.glossary.sources import pair_keywords
from ushtil.model import LANGS, Alignment, Bead
from ushtil.translit import name_similarity

NTREX = SHARED / "bench" / "ntrex-dev"


@pytest.fixture(scope="module")
def seed_glossary():
    return build_glossary([SEED_ARTICLE])


def entry_of(glossary, en: str):
    entry = glossary.find(en)
    assert entry is not None, f"no entry for {en!r}: {[e.en for e in glossary.entries]}"
    return entry


@pytest.mark.parametrize(("en", "kk", "ru", "kind"), [
    ("EU", "ЕО", "ЕС", "acronym"),
    ("Russia", "Ресей", "Россия", "name"),
    ("China", "Қытай", "Китай", "name"),
    ("USA", "АҚШ", "США", "acronym"),
    # CLDR's form, which the article also writes (Орта Азия is Middle Asia, kept as a variant)
    ("Central Asia", "Орталық Азия", "Центральная Азия", "name"),
    ("civilizations", "өркениеттер", "цивилизации", "keyword"),
    ("geopolitical interests", "геосаяси мүдделер", "геополитические интересы", "keyword"),
    ("regional and non-regional", "аймақтық және аймақтық емес", "региональное и вне региональное", "keyword"),
    ("Russian Federation", "Ресей Федерациясы", "Российская Федерация", "name"),
])
def test_seed_article_entries(seed_glossary, en, kk, ru, kind):
    entry = entry_of(seed_glossary, en)
    assert (entry.en, entry.kk, entry.ru, entry.kind) == (en, kk, ru, kind)
    assert entry.articles == ["004_9d99ed68fdecf78d"]
    assert entry.evidence and entry.evidence[0].article == "004_9d99ed68fdecf78d"


def test_central_asia_is_inconsistent_with_counted_variants(seed_glossary):
    entry = entry_of(seed_glossary, "Central Asia")
    assert entry.inconsistent
    assert set(entry.variants["kk"]) == {"Орта Азия", "Орталық Азия"}
    assert set(entry.variants["ru"]) == {"Центральная Азия", "Средняя Азия"}
    assert entry.variants["kk"]["Орта Азия"] > entry.variants["kk"]["Орталық Азия"] >= 2
    assert entry.variants["ru"]["Центральная Азия"] > entry.variants["ru"]["Средняя Азия"] >= 1
    assert entry.alternatives("kk") == ["Орта Азия"]
    assert entry in seed_glossary.inconsistent
    assert "Central Asia: kk: Орталық Азия / Орта Азия; ru: Центральная Азия / Средняя Азия" in seed_glossary.summary()


def test_headwords_are_in_dictionary_form(seed_glossary):
    """Ресейді/Ресейдің, России/Россию and Центральной Азии never stand as headwords."""
    headwords = {entry.term(lang) for entry in seed_glossary.entries for lang in LANGS}
    for inflected in ("Ресейді", "Ресейдің", "России", "Россию", "Центральной Азии", "Орта Азияның",
                      "Орталық Азиядағы"):
        assert inflected not in headwords


def test_keyword_and_title_entries_are_confident(seed_glossary):
    for en in ("EU", "Russia", "China", "Central Asia", "civilizations"):
        assert entry_of(seed_glossary, en).confidence >= 0.9
    ranked = [entry.confidence for entry in seed_glossary.entries]
    assert ranked == sorted(ranked, reverse=True)


def test_ids_are_unique_ascii_slugs(seed_glossary):
    ids = [entry.id for entry in seed_glossary.entries]
    assert len(ids) == len(set(ids))
    assert entry_of(seed_glossary, "Central Asia").id == "central-asia"
    assert all(entry_id.isascii() and " " not in entry_id for entry_id in ids)


def gold_alignment(case: str) -> Alignment:
    lines = {lang: (NTREX / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS}
    beads = []
    for line in (NTREX / f"{case}.gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = {lang: " ".join(lines[lang][i] for i in record[lang]) for lang in LANGS}
        beads.append(Bead(sentences={lang: record[lang] for lang in LANGS}, text=text))
    return Alignment(name=case, sentences=lines, beads=beads)


@pytest.mark.skipif(not NTREX.is_dir(), reason="needs ../shared/bench/ntrex-dev")
def test_ntrex_names_and_acronyms_from_gold_beads():
    cases = sorted(p.name.removesuffix(".gold.jsonl") for p in NTREX.glob("*.gold.jsonl")
                   if p.name.startswith(("newsweek", "cnn", "cnbc")))
    glossary = build_glossary([gold_alignment(case) for case in cases])
    by_en = {entry.en: entry for entry in glossary.entries}
    trump = by_en["Trump"]
    assert (trump.kk, trump.ru, trump.kind) == ("Трамп", "Трамп", "name")
    assert trump.frequency >= 5 and len(trump.articles) >= 2
    top = glossary.entries[:20]
    assert all(entry.kk and entry.ru for entry in top)
    assert all(entry.confidence >= 0.9 for entry in top)


def test_alignment_without_aligner_or_articles():
    """Sources may be ready alignments: nothing is read or aligned again."""
    beads = [
        Bead(sentences={}, text={"en": "NATO met in Brussels.", "kk": "НАТО Брюссельде жиналды.",
                                 "ru": "НАТО собралось в Брюсселе."}),
        Bead(sentences={}, text={"en": "Brussels hosted NATO again.", "kk": "Брюссель НАТО-ны тағы қабылдады.",
                                 "ru": "Брюссель снова принял НАТО."}),
    ]
    glossary = build_glossary([Alignment(name="a1", sentences={}, beads=beads)])
    nato = glossary.find("NATO")
    assert (nato.kk, nato.ru, nato.kind, nato.frequency) == ("НАТО", "НАТО", "acronym", 2)
    brussels = glossary.find("Brussels")
    assert (brussels.kk, brussels.ru) == ("Брюссель", "Брюссель")


def test_no_parallel_text_is_a_one_line_error(tmp_path):
    lonely = Alignment(name="x", sentences={}, beads=[Bead(sentences={}, text={"en": "Only English."})])
    with pytest.raises(UshtilError, match="no parallel text"):
        build_glossary([lonely])
    with pytest.raises(UshtilError, match="no such file"):
        build_glossary([tmp_path / "missing.txt"])
    with pytest.raises(UshtilError, match="nothing to build"):
        build_glossary([])


@pytest.mark.parametrize(("token", "acronym"), [
    ("EU", True), ("АҚШ", True), ("U.S", True), ("ШЫҰ", True), ("Russia", False), ("I", False), ("ЕО", True),
])
def test_acronyms(token, acronym):
    assert is_acronym(token) is acronym


def test_case_endings_come_off_acronyms_and_punctuation_breaks_runs():
    assert split_acronym("АҚШ-тың") == "АҚШ"
    assert split_acronym("қарама-қайшылық") == "қарама-қайшылық"
    surface, breaks, _, possessives = tokenize("Facebook, Google and Kazakhstan's EU-ның")
    assert surface == ["Facebook", "Google", "and", "Kazakhstan", "EU"]
    assert breaks == {1}
    assert possessives == {3}  # Kazakhstan's


@pytest.mark.parametrize(("en", "other", "alike"), [
    ("Nazarbayev", "Назарбаев", True), ("Trump", "Трамп", True), ("NATO", "НАТО", True),
    ("Sulawesi", "Сулавеси", True), ("China", "Ресей", False), ("Russia", "Қытай", False),
])
def test_spelling_similarity_across_scripts(en, other, alike):
    assert (name_similarity(en, other) >= 0.5) is alike


def test_unequal_keyword_lists_pair_by_spelling_and_position():
    pairs = pair_keywords(["Nazarbayev", "EAEU", "integration"], ["Назарбаев", "интеграция"])
    assert pairs == {0: "Назарбаев", 2: "интеграция"}


def test_log_likelihood_grows_with_the_corpus():
    small, large = Counts(both=2, source=2, target=2, total=20), Counts(both=20, source=20, target=20, total=200)
    assert small.dice == large.dice == 1.0
    assert large.log_likelihood > small.log_likelihood > 0
    assert Counts(both=1, source=10, target=10, total=20).log_likelihood == 0.0


def test_term_data_has_no_duplicates():
    data = tomllib.loads(resources.files("ushtil.glossary").joinpath("data", "terms.toml").read_text("utf-8"))
    for lang, table in data.items():
        for name, values in table.items():
            if isinstance(values, list):
                assert len(values) == len(set(values)), f"{lang}.{name} has duplicates"


def test_public_api_names():
    assert ushtil.build_glossary is build_glossary
    assert ushtil.Glossary.__name__ == "Glossary"


def test_acronyms_that_differ_per_language_and_transliterated_names():
    """CSTO/ҰҚШҰ/ОДКБ, EAEU/ЕАЭО/ЕАЭС, SCO/ШЫҰ/ШОС share no letters: co-occurrence pairs them;
    Nazarbayev/Назарбаев is paired by spelling and shown in the nominative."""
    rows = [
        ("Nazarbayev spoke about the CSTO and the EAEU.", "Назарбаев ҰҚШҰ мен ЕАЭО туралы айтты.",
         "Назарбаев говорил об ОДКБ и ЕАЭС."),
        ("The EAEU and the SCO met in Astana.", "ЕАЭО мен ШЫҰ Астанада кездесті.", "ЕАЭС и ШОС встретились в Астане."),
        ("The CSTO and the SCO agreed, said Nazarbayev.", "ҰҚШҰ-ның және ШЫҰ-ның келісімін Назарбаевтың сөзі растады.",
         "ОДКБ и ШОС договорились, сказал Назарбаев."),
    ]
    beads = [Bead(sentences={}, text=dict(zip(LANGS, row, strict=True))) for row in rows]
    glossary = build_glossary([Alignment(name="acronyms", sentences={}, beads=beads)])
    found = {entry.en: (entry.kk, entry.ru, entry.kind) for entry in glossary.with_candidates()}
    assert found["CSTO"] == ("ҰҚШҰ", "ОДКБ", "acronym")
    assert found["EAEU"] == ("ЕАЭО", "ЕАЭС", "acronym")
    assert found["SCO"] == ("ШЫҰ", "ШОС", "acronym")
    assert found["Nazarbayev"] == ("Назарбаев", "Назарбаев", "name")


def test_alignment_file_with_joined_keyword_beads(tmp_path):
    """An aligner may put two keywords in one bead; each keyword still pairs with its own rendering."""
    sentences = {"en": ["EU", "China"], "kk": ["ЕО", "Қытай"], "ru": ["ЕС", "Китай"]}
    bead = Bead(sentences={lang: [0, 1] for lang in LANGS}, text={lang: " ".join(sentences[lang]) for lang in LANGS},
                section="keywords")
    path = tmp_path / "kw.alignment.jsonl"
    ushtil.write_alignment(Alignment(name="kw", sentences=sentences, beads=[bead]), path)
    glossary = build_glossary([path])
    assert {(e.en, e.kk, e.ru) for e in glossary.entries} == {("EU", "ЕО", "ЕС"), ("China", "Қытай", "Китай")}
    assert all(e.source == "keywords" for e in glossary.entries)


def test_roman_numerals_are_not_acronyms():
    assert not is_acronym("XIX") and not is_acronym("ХІХ") and is_acronym("CSTO")
