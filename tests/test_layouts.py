"""The layout corpus (issue 14): each article in tests/data/layouts/ gives its expected record.

expected.toml holds, per layout and language, what the reader must find: [title, authors,
paragraphs, keywords] counts, the paragraph labels of structured abstracts, the title, the first
and last sentence; layouts composed from the seed must give the seed .txt's parts exactly.
"""

from __future__ import annotations

import tomllib

import pytest

import ushtil
from conftest import ROOT

LAYOUTS = ROOT / "tests" / "data" / "layouts"
EXPECTED = tomllib.loads((LAYOUTS / "expected.toml").read_text(encoding="utf-8"))


def test_the_corpus_has_twelve_distinct_layouts():
    files = sorted(path.name for path in LAYOUTS.iterdir() if path.suffix in (".txt", ".md", ".docx", ".pdf"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 12
    assert len({name.rsplit(".", 1)[0] for name in files}) == len(files)  # `ushtil extract` takes the folder
    assert {path.rsplit(".", 1)[1] for path in files} == {"txt", "md", "docx", "pdf"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_gives_its_expected_record(name, seed_article):
    expected = EXPECTED[name]
    article = ushtil.read_article(LAYOUTS / name)
    assert article.missing == []
    assert not article.extras
    for lang in ("en", "kk", "ru"):
        part, want = article.part(lang), expected[lang]
        found = part.found
        assert [found["title"], found["authors"], found["paragraphs"], found["keywords"]] == want["found"], lang
        assert part.labels == want.get("labels", []), lang
        assert part.title == want.get("title", ""), lang
        assert part.sentence_list[0] == want["first"], lang
        assert part.sentence_list[-1] == want["last"], lang
        # a label is the label of its paragraph, never a sentence of its own
        assert not any(sentence.rstrip(".:") in part.labels for sentence in part.sentence_list)
        if expected.get("same_as_seed"):
            seed = seed_article.part(lang)
            assert (part.paragraphs, part.keywords, part.sentences) == (seed.paragraphs, seed.keywords, seed.sentences)
            assert len(part.authors) in (0, len(seed.authors))
    record = article.to_dict()
    assert ushtil.Article.from_dict(record) == article
    assert record["en"]["found"]["keywords"] == expected["en"]["found"][3]


def test_structured_label_that_is_a_section_word_stays_in_the_abstract():
    from ushtil.read import article_from_text

    text = (
        "Abstract\n\nRelevance. Forest inventories rely on field surveys.\n\n"
        "Methods. We trained a Mask R-CNN model.\n\nResults. The model reached a mAP of 0.71.\n\n"
        "Keywords: tree crowns, Mask R-CNN\n\n## Materials and methods\n\nThe study area covers 40 km²."
    )
    part = article_from_text(text, "labels").part("en")
    assert part.labels == ["Relevance", "Methods", "Results"]
    assert part.paragraphs[-1] == "The model reached a mAP of 0.71."
    assert part.keywords == ["tree crowns", "Mask R-CNN"]


def test_body_heading_without_keywords_still_ends_a_plain_abstract():
    from ushtil.read import article_from_text

    text = "Abstract. Central Asia is a crossroads of Eurasia.\n\n## Methods\n\nWe read the sources."
    part = article_from_text(text, "plain").part("en")
    assert part.paragraphs == ["Central Asia is a crossroads of Eurasia."]
    assert part.labels == []


def test_fewer_keywords_in_one_language_is_noted_and_checked():
    from ushtil.read import article_from_text

    text = (
        "Abstract. Russia is a major partner of the Central Asian states.\n\nKeywords: Russia, EU, China\n\n"
        "Аннотация. Россия является главным партнером государств Центральной Азии.\n\nКлючевые слова: Россия"
    )
    article = article_from_text(text, "short")
    assert "truncated:ru: 1 keywords in ru where the others have more (en 3)" in article.notes
    report = ushtil.check(article, only=["structure"])
    assert [(f.check, f.lang) for f in report.findings if f.check == "truncated-part"] == [("truncated-part", "ru")]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Д.М. ТУРТУГУЛОВА¹, Б. СЕЙЛХАН², Ж.Б. ӘКІМОВА*", ["Д.М. ТУРТУГУЛОВА", "Б. СЕЙЛХАН", "Ж.Б. ӘКІМОВА"]),
        ("TURTUGULOVA D.M., SEILKHAN B.", ["TURTUGULOVA D.M.", "SEILKHAN B."]),
        ("Anuar Totin1,2, Aigerim Sadykova3", ["Anuar Totin", "Aigerim Sadykova"]),
        ("CENTRAL ASIA", []),
        ("U.S. POLICY IN CENTRAL ASIA", []),
    ],
)
def test_bylines_in_capitals_and_with_marks(byline, names):
    from ushtil.read.sections import split_names

    assert split_names(byline) == names


def test_keyword_list_under_its_own_label_line():
    from ushtil.read import article_from_text

    text = (
        "# Abstract\n\nCentral Asia is a crossroads of Eurasia.\n\n**Keywords:**\n\nRussia; EU; China\n\n"
        "# Introduction"
    )
    assert article_from_text(text, "list").part("en").keywords == ["Russia", "EU", "China"]
