"""One planted error in the real seed article, found and blamed on the right language; harmless
copies of numbers left alone (bench/check_planted.py measures the same kinds on more variants)."""

from __future__ import annotations

import json

import pytest

import ushtil
from conftest import NTREX, ROOT, SEED_ARTICLE
from ushtil.cli import main

KK_FEDERATION = "Ресей Федерациясы да өз тарапынан аймақ елдерімен қарым-қатынасты дамытудың маңыздылығын мәлімдейді."
RU_FEDERATION = ("Российская Федерация, со своей стороны, также заявляет о важности развития отношений со странами "
                 "региона.")


def _check(tmp_path, *replacements: tuple[str, str]):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / SEED_ARTICLE.name
    path.write_text(text, encoding="utf-8")
    return ushtil.check(path)


def test_a_letter_dropped_from_a_long_russian_surname_is_found(tmp_path):
    report = _check(tmp_path, ("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова",
                               "#### Д.М. Туртуглова, Б. Сейлхан, Ж.Б. Акимова"))
    named = [f for f in report.findings if f.check == "author-name"]
    assert [f.lang for f in named] == ["ru"]
    assert "Turtugulova" in named[0].message


def test_the_seed_authors_are_one_spelling_under_transliteration(seed_article):
    assert not [f for f in ushtil.check(seed_article).findings if f.section == "authors"]


def test_a_decimal_copied_with_its_point_into_kazakh_is_the_same_number(tmp_path):
    report = _check(
        tmp_path,
        ("educational, and cultural cooperation.", "educational, and cultural cooperation. The correlation was 0.012."),
        ("мәдени ынтымақтастықты қамтиды.", "мәдени ынтымақтастықты қамтиды. Корреляция 0.012 болды."),
        ("культурное сотрудничество.", "культурное сотрудничество. Корреляция составила 0,012."),
    )
    assert not [f for f in report.findings if f.family == "numbers"]


def test_a_russian_sentence_pasted_into_kazakh_is_blamed_on_kazakh(tmp_path):
    report = _check(tmp_path, (KK_FEDERATION, RU_FEDERATION))
    language = [f for f in report.findings if f.family == "language"]
    assert language and all(f.lang == "kk" for f in language)


def test_a_keyword_dropped_from_the_english_list_is_found_in_english(tmp_path):
    report = _check(tmp_path, ("Russia, EU, China, Central Asia.", "Russia, EU, Central Asia."))
    missing = [f for f in report.findings if f.check == "keyword-missing"]
    assert [(f.lang, f.section) for f in missing] == [("en", "keywords")]
    assert "China" in missing[0].message


def test_a_number_changed_in_english_only_is_blamed_on_english(tmp_path):
    report = _check(
        tmp_path,
        ("educational, and cultural cooperation.", "educational, and cultural cooperation. It fell by 48.27%."),
        ("мәдени ынтымақтастықты қамтиды.", "мәдени ынтымақтастықты қамтиды. Ол 84,27%-ға төмендеді."),
        ("культурное сотрудничество.", "культурное сотрудничество. Он снизился на 84,27%."),
    )
    numbers = [f for f in report.findings if f.family == "numbers"]
    assert [(f.check, f.lang) for f in numbers] == [("number-mismatch", "en")]
    assert "48.27" in numbers[0].text


def test_an_english_surname_misspelled_is_blamed_on_english(tmp_path):
    report = _check(tmp_path, ("Zh.B. Akimova<sup>", "Zh.B. Akimva<sup>"))
    named = [f for f in report.findings if f.check == "author-name"]
    assert [f.lang for f in named] == ["en"]
    assert "Akimva" in named[0].message


def test_a_russian_title_left_in_english_is_reported_untranslated(tmp_path):
    report = _check(tmp_path, ("#### Казахстан как центр притяжения в Центральной Азии в противостоянии США и Китая",
                               "#### Kazakhstan as a Center of Gravity in Central Asia in the Clash between the USA "
                               "and China"))
    titles = [f for f in report.findings if f.section == "title"]
    assert [(f.check, f.lang) for f in titles] == [("untranslated", "ru")]
    assert "English" in titles[0].message


def test_a_keyword_dropped_from_one_list_is_counted_against_that_language(tmp_path):
    report = _check(tmp_path, ("Россия, ЕС, Китай, Центральная Азия.", "Россия, ЕС, Центральная Азия."))
    counted = [f for f in report.findings if f.check == "keyword-count"]
    assert [(f.lang, f.section) for f in counted] == [("ru", "keywords")]
    assert "the ru keyword list has 6 where the others have 7" in counted[0].message


def test_an_author_dropped_from_one_byline_is_counted_against_that_language(tmp_path):
    report = _check(tmp_path, ("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова",
                               "#### Д.М. Туртугулова, Ж.Б. Акимова"))
    counted = [f for f in report.findings if f.check == "author-count"]
    assert [(f.lang, f.section) for f in counted] == [("ru", "authors")]


#: Russian sentences of the seed with their English originals: two in paragraph 4, the one the Kazakh
#: abstract lacks, and one in paragraph 6
RU_PLAYERS = "Основные внешние игроки – Россия, США, ЕС и Китай – заявили"
RU_FRICTION = "Но между ними также есть некоторые трения."
RU_HOWEVER = "Однако в силу ряда объективных и субъективных факторов"


@pytest.mark.parametrize(("deleted", "english"), [
    (RU_PLAYERS, "The main external players"),
    (RU_FRICTION, "But there is also some friction between them."),
    (RU_HOWEVER, "However, due to several objective and subjective factors"),
], ids=["same-paragraph-first", "same-paragraph-last", "another-paragraph"])
def test_a_russian_sentence_deleted_beside_the_missing_kazakh_paragraph_is_found(tmp_path, deleted, english):
    # the seed's Kazakh abstract lacks paragraph 4; the Russian also drops one sentence, inside that
    # paragraph or another one: both are reported, nothing is blamed on English
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start = text.index(deleted)
    end = text.index(".", start + len(deleted) - 1) + 1
    report = _check(tmp_path, (text[start:end + 1], ""))
    gaps = [f for f in report.errors if f.check.startswith(("missing-", "extra-"))]
    assert [(f.check, f.lang) for f in gaps if f.lang == "kk"] == [("missing-paragraph", "kk")]
    russian = [f for f in gaps if f.lang == "ru"]
    assert [f.check for f in russian] == ["missing-sentence"] and english in russian[0].text
    assert not [f for f in gaps if f.lang == "en"]


def test_an_english_sentence_deleted_inside_the_missing_kazakh_paragraph_is_found(tmp_path):
    # the seed's Kazakh abstract lacks paragraph 4; with its first English sentence deleted too, its
    # Russian sentence stands alone: English and Russian are one witness each, and the omission is
    # reported (English lacks it), not a Russian sentence "with no counterpart"
    report = _check(tmp_path, ("The main external players – Russia, the U.S., the EU, and China - have declared "
                               "their support for peace, stability, and regional cooperation in Central Asia - "
                               "declarations that are, of course, welcome in the region. ", ""))
    gaps = [f for f in report.errors if f.check.startswith(("missing-", "extra-"))]
    assert [(f.check, f.lang) for f in gaps if f.lang == "kk"] == [("missing-paragraph", "kk")]
    english = [f for f in gaps if f.lang == "en"]
    assert [f.check for f in english] == ["missing-sentence"] and english[0].text.startswith(RU_PLAYERS)
    assert not [f for f in gaps if f.lang == "ru"]


def test_a_paragraphs_first_english_sentence_deleted_is_quoted_not_its_neighbour(tmp_path):
    # the aligner pairs paragraph 6's remaining English sentence with the others' first (their
    # paragraphs open together) and leaves the gap at the second; by length the English sentence
    # is the second's translation, and the finding quotes the deleted sentence's counterpart
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    deleted = ("However, due to several objective and subjective factors, relations between Russia and the "
               "Central Asian republics face some difficulties. ")
    assert deleted in text
    path = tmp_path / SEED_ARTICLE.name
    path.write_text(text.replace(deleted, "", 1), encoding="utf-8")
    assert main(["check", str(path), "--json", str(tmp_path / "check.json"), "--quiet"]) == 1
    findings = json.loads((tmp_path / "check.json").read_text(encoding="utf-8"))["findings"]
    english = [f for f in findings if f["lang"] == "en" and f["check"].startswith(("missing-", "extra-"))]
    assert [f["check"] for f in english] == ["missing-sentence"]
    assert english[0]["text"].startswith("Алайда бірқатар объективті және субъективті факторларға")


@pytest.mark.parametrize(("deleted", "lang"), [
    ('"Since the beginning of the twenty-first century, Central Asia has been undergoing a new stage of '
     'geopolitical transformation. ', "en"),
    ("«С начала двадцать первого века Центральная Азия переживает новый этап геополитической трансформации. ",
     "ru"),
])
def test_a_paragraphs_first_sentence_deleted_is_placed_by_the_glossary_term_it_shares(tmp_path, deleted, lang):
    # the paragraph's two sentences are as long as each other, so length cannot place the gap; the
    # remaining sentence names the Great Game (a curated glossary entry), as the others' second
    # sentences do and not their first
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert deleted in text
    path = tmp_path / SEED_ARTICLE.name
    path.write_text(text.replace(deleted, "", 1), encoding="utf-8")
    report = ushtil.check(path, glossary=ROOT / "glossary" / "glossary.tsv")
    gaps = [f for f in report.errors if f.lang == lang and f.check.startswith(("missing-", "extra-"))]
    assert [f.check for f in gaps] == ["missing-sentence"]
    assert gaps[0].text.startswith(("«Жиырма бірінші ғасырдың басынан", '"Since the beginning of the twenty-first'))


def test_a_kazakh_sentence_deleted_next_to_the_missing_paragraph_is_placed_apart_from_it(tmp_path):
    # the seed's Kazakh abstract lacks paragraph 4; with paragraph 3's first Kazakh sentence deleted
    # too, the aligner pairs the remaining one (Кейбір сарапшылар … Ұлы ойынға) with the others' first
    # and the gap runs on into paragraph 4: the Great Game places the run's first bead as a gap of its
    # own, and paragraph 4 is reported as in the seed
    deleted = "«Жиырма бірінші ғасырдың басынан бері Орта Азия геосаяси трансформацияның жаңа кезеңін бастан кешіруде. "
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert deleted in text
    path = tmp_path / SEED_ARTICLE.name
    path.write_text(text.replace(deleted, "", 1), encoding="utf-8")
    report = ushtil.check(path, glossary=ROOT / "glossary" / "glossary.tsv")
    gaps = [f for f in report.errors if f.check.startswith(("missing-", "extra-"))]
    assert [(f.check, f.lang) for f in gaps] == [("missing-sentence", "kk"), ("missing-paragraph", "kk")]
    assert gaps[0].text.startswith('"Since the beginning of the twenty-first century')
    assert gaps[1].text.startswith("The main external players") and gaps[1].text.endswith("friction between them.")


def _ntrex_gaps(name: str) -> list:
    """The missing- and extra- findings of the check of an NTREX case's raw texts."""
    article = ushtil.read_abstract_files({lang: NTREX / f"{name}.raw.{lang}.txt" for lang in ("en", "kk", "ru")},
                                        article_id=name)
    return [f for f in ushtil.check(article).errors if f.check.startswith(("missing-", "extra-"))]


@pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/bench/ntrex-dev is not there")
def test_a_deleted_russian_sentence_is_placed_by_the_name_its_neighbour_shares():
    # NTREX telegraph.405408 lost its Russian "China has pledged to match the US…": the aligner pairs
    # the next Russian sentence with it, and length favours that; Washington (Вашингтон) places it
    gaps = _ntrex_gaps("telegraph.405408")
    assert [(f.check, f.lang) for f in gaps] == [("missing-sentence", "ru")]
    assert gaps[0].text.startswith("China has pledged to match the US shot-for-shot")


@pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/bench/ntrex-dev is not there")
def test_two_sentences_deleted_from_one_paragraph_are_one_finding():
    # NTREX newsweek.51331 lost its Russian second and third sentences: one run of one paragraph, not a
    # paragraph gap with a sentence beside it, so its edges are not placed apart (placed on its own,
    # the first went to the headline's bead: two findings, one quoting the headline)
    gaps = _ntrex_gaps("newsweek.51331")
    assert [(f.check, f.lang) for f in gaps] == [("missing-sentence", "ru")]
    assert gaps[0].text.startswith("A farmer was attacked and killed by a pig")
