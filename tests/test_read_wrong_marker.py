"""Issue 10 point 5: text under the wrong marker (or in the wrong --kk/--ru slot) is never thrown away."""

from __future__ import annotations

import ushtil
from conftest import ROOT, SEED_ARTICLE
from ushtil.read import article_from_text, read_abstract_files
from ushtil.split import split_article


def _seed_with_kazakh_abstract_replaced_by_russian(seed_article) -> str:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start, end = text.index("**Аңдатпа.** "), text.index("**Түйін сөздер:**")
    russian = "\n\n".join(seed_article.part("ru").paragraphs)
    return text[:start] + "**Аңдатпа.** " + russian + "\n\n" + text[end:]


def test_russian_text_under_kazakh_marker_is_kept_and_kk_is_blamed(seed_article):
    article = split_article(article_from_text(_seed_with_kazakh_abstract_replaced_by_russian(seed_article), "planted"))
    # the Kazakh title, authors and keywords stay Kazakh
    kazakh = article.part("kk")
    assert kazakh.title == seed_article.part("kk").title
    assert kazakh.authors == seed_article.part("kk").authors
    assert kazakh.keywords == seed_article.part("kk").keywords
    assert kazakh.paragraphs == []
    # the real Russian abstract keeps its slot, with its own title and keywords
    assert article.part("ru") == seed_article.part("ru")
    # the Russian text under the Kazakh marker is in the record, not discarded
    assert [extra.lang for extra in article.extras] == ["ru"]
    assert article.extras[0].paragraphs == seed_article.part("ru").paragraphs
    record = article.to_dict()
    assert record["extras"][0]["abstract"] == seed_article.part("ru").paragraphs
    assert ushtil.Article.from_dict(record) == article
    assert "wrong-language:kk: the kk abstract is in Russian (under the marker 'Аңдатпа')" in article.notes
    assert any(note.startswith("duplicate:ru:") for note in article.notes)

    report = ushtil.check(article, only=["structure"])
    wrong = [finding for finding in report.findings if finding.check == "wrong-language-abstract"]
    assert [(finding.lang, finding.message.split(" (")[0]) for finding in wrong] == [
        ("kk", "the kk abstract is in Russian")
    ]
    assert not [finding for finding in report.findings if finding.lang == "ru" and finding.severity.name == "ERROR"]
    # said once: no empty-abstract or truncated-part for kk beside it
    not_info = [(finding.check, finding.lang) for finding in report.findings if finding.severity.name != "INFO"]
    assert not_info == [("wrong-language-abstract", "kk")]


def test_only_russian_text_under_kazakh_marker_goes_to_ru():
    text = (
        "Аңдатпа. Все страны Центральной Азии определяют Россию как главный внешнеполитический приоритет.\n\n"
        "Түйін сөздер: Россия, Китай."
    )
    article = article_from_text(text, "wrong")
    assert article.part("ru").paragraphs[0].startswith("Все страны")
    assert article.part("ru").keywords == ["Россия", "Китай"]
    assert not article.extras


def _gold(lang: str):
    return ROOT / "tests" / "gold" / f"seed_abstract.{lang}.txt"


def test_file_in_the_wrong_slot_is_kept_and_the_slot_is_named(seed_article):
    article = read_abstract_files({"en": _gold("en"), "kk": _gold("ru"), "ru": _gold("ru")})
    assert article.missing == ["kk"]
    assert article.part("ru").paragraphs == seed_article.part("ru").paragraphs
    assert article.extras[0].lang == "ru"
    assert article.extras[0].paragraphs == seed_article.part("ru").paragraphs
    assert any(note.startswith("wrong-language:kk: the kk abstract is in Russian") for note in article.notes)


def test_swapped_slots_are_put_right(seed_article):
    article = read_abstract_files({"en": _gold("en"), "kk": _gold("ru"), "ru": _gold("kk")})
    assert article.part("kk").paragraphs == seed_article.part("kk").paragraphs
    assert article.part("ru").paragraphs == seed_article.part("ru").paragraphs
    assert not article.extras
    assert {note.split(":")[1] for note in article.notes if note.startswith("wrong-language:")} == {"kk", "ru"}


def test_whole_kazakh_part_replaced_by_the_russian_one_is_kept_whole(seed_article):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start = text.index("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б.Әкімова")
    end = text.index("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова")
    russian = text[end:text.index("#### Information about authors")]
    planted = text[:start] + russian.replace("**Аннотация.**", "**Аңдатпа.**").replace(
        "**Ключевые слова:**", "**Түйін сөздер:**") + text[end:]
    article = split_article(article_from_text(planted, "planted"))
    assert article.missing == ["kk"]
    assert article.part("ru") == seed_article.part("ru")
    extra = article.extras[0]
    assert (extra.lang, extra.title, extra.paragraphs, extra.keywords) == (
        "ru", seed_article.part("ru").title, seed_article.part("ru").paragraphs, seed_article.part("ru").keywords
    )
    assert "wrong-language:kk: the kk abstract is in Russian (under the marker 'Аңдатпа')" in article.notes
