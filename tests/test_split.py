"""The built-in sentence splitter: golden tables per language and the seed gold."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ushtil.split import split_sentences

GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Secretary of State M. Pompeo visited Kazakhstan. It was in 2020.",
         ["Secretary of State M. Pompeo visited Kazakhstan.", "It was in 2020."]),
        ("en", "Zh.B. Akimova and N. Nazarbayev met. Dr. Kerry et al. wrote it, e.g. in the U.S. Journal.",
         ["Zh.B. Akimova and N. Nazarbayev met.", "Dr. Kerry et al. wrote it, e.g. in the U.S. Journal."]),
        ("en", "Exports to China (worth $6.8 billion) grew. The rest fell.",
         ["Exports to China (worth $6.8 billion) grew.", "The rest fell."]),
        ("en", "The troops left the U.S. The talks went on.", ["The troops left the U.S.", "The talks went on."]),
        ("en", "**Abstract.** For centuries, Central Asia was a crossroads.",
         ["**Abstract.** For centuries, Central Asia was a crossroads."]),
        ("en", 'He said: "It is late. We go." Then he left.', ['He said: "It is late.', 'We go."', "Then he left."]),
        ("en", "Kazakhstan ranks:\n– first in chromium,\n– fourth in copper.",
         ["Kazakhstan ranks:", "– first in chromium,", "– fourth in copper."]),
        # a Kazakh list lettered а), ә), б): ә is a letter of its alphabet as б is (kk.toml)
        ("kk", "Зерттеу міндеттері:\nа) деректерді жинау\nә) деректерді талдау\nб) нәтижелерді бағалау",
         ["Зерттеу міндеттері:", "а) деректерді жинау", "ә) деректерді талдау", "б) нәтижелерді бағалау"]),
        ("en", "Figure 1. Total trade of the EU. See Table 2. Done.",
         ["Figure 1. Total trade of the EU.", "See Table 2.", "Done."]),
        ("kk", "Д.М. Туртугулова т.б. авторлар 2025 ж. жазды. Бұл жаңа сөйлем.",
         ["Д.М. Туртугулова т.б. авторлар 2025 ж. жазды.", "Бұл жаңа сөйлем."]),
        ("kk", "Ол XIX ғ. өмір сүрді, 45 б. қараңыз. Ғалымдар, ақындар т.с.с. Қазақстанда тұрады.",
         ["Ол XIX ғ. өмір сүрді, 45 б. қараңыз.", "Ғалымдар, ақындар т.с.с.", "Қазақстанда тұрады."]),
        ("kk", "«Жаңа кезең басталды. Ол ұзаққа созылады», – деді ол. Әңгіме осымен бітті.",
         ["«Жаңа кезең басталды.", "Ол ұзаққа созылады», – деді ол.", "Әңгіме осымен бітті."]),
        ("ru", "Д.М. Туртугулова и др. писали в 2025 г. о Казахстане. Экспорт вырос на 2,7 трлн тенге.",
         ["Д.М. Туртугулова и др. писали в 2025 г. о Казахстане.", "Экспорт вырос на 2,7 трлн тенге."]),
        ("ru", "Это регион, т.е. территория. В 2019 г. Однако рост был в 1990-х гг. и позже.",
         ["Это регион, т.е. территория.", "В 2019 г.", "Однако рост был в 1990-х гг. и позже."]),
        ("ru", "Страны (Россия, Китай и т.д.) спорят. Ученые, врачи и др. Участвуют все.",
         ["Страны (Россия, Китай и т.д.) спорят.", "Ученые, врачи и др.", "Участвуют все."]),
    ],
)
def test_golden_sentences(lang, text, expected):
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize("name", ["seed_abstract.en.txt", "seed_abstract.kk.txt", "seed_abstract.ru.txt",
                                  "seed_body.en.txt"])
def test_seed_gold_paragraphs(name):
    lang = name.split(".")[1]
    for block in (GOLD / name).read_text(encoding="utf-8").strip().split("\n\n"):
        gold = block.split("\n")
        assert split_sentences(" ".join(gold), lang) == gold


def test_seed_abstracts_split_as_gold(seed_article):
    for lang in ("en", "kk", "ru"):
        gold = (GOLD / f"seed_abstract.{lang}.txt").read_text(encoding="utf-8").strip().split("\n\n")
        assert seed_article.part(lang).sentences == [block.split("\n") for block in gold]


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown sentence splitter backend"):
        split_sentences("Text.", "en", backend="spacy")


def test_a_unit_given_as_one_sentence_is_cut_at_its_sentence_ends_only():
    """sentences_within: a pre-segmented line joining two sentences (NTREX's merges) gives both; a
    line is not a text's opening, so no heading is cut off its start (split_sentences reads "But the
    challenge Mrs" as a headline run into a sentence)."""
    from ushtil.split import sentences_within

    line = "Ее советники по разведке сообщают ей об этом. Итак, Бэтмен и Робин снова в игре."
    assert sentences_within(line, "ru") == ["Ее советники по разведке сообщают ей об этом.",
                                            "Итак, Бэтмен и Робин снова в игре."]
    whole = "But the challenge Mrs May faces in reconciling her deeply divided ranks has been underlined."
    assert split_sentences(whole, "en") != [whole]
    assert sentences_within(whole, "en") == [whole]
    assert sentences_within("Д.М. Туртугулова т.б. авторлар 2025 ж. жазды.", "kk") == [
        "Д.М. Туртугулова т.б. авторлар 2025 ж. жазды."]
