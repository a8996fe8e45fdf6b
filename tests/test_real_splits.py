"""Sentences of real abstracts that the splitter must keep whole or cut: citations after "et al." /
"и др." / "т.б.", hyphenated initials of a double first name (Қ.-Ж. Тоқаев), and the abbreviations,
initials and decimals of Kazakh journals' abstracts. Each case is a list of the sentences expected."""

import pytest

from ushtil import split_sentences

CASES = [
    # a bracketed citation after "et al." / "и др." / "т.б." does not start a sentence (cut before)
    ("en", ["Smith et al. (2020) showed this.", "It holds."]),
    ("en", ["This was shown by Smith et al. [5].", "Their work is cited."]),
    ("ru", ["Это показали Иванов и др. (2020).", "Их работа важна."]),
    ("ru", ["Иванов и др. [5] показали это.", "Оно верно."]),
    ("kk", ["Мұны Иванов т.б. (2020) көрсетті.", "Ол маңызды."]),
    ("kk", ["Иванов т.б. [5] дәлелдеді.", "Ол дұрыс."]),
    # hyphenated initials (Қасым-Жомарт) are initials (cut before)
    ("kk", ["ҚР Президенті Қ.-Ж.К. Тоқаев айтты.", "Бұл маңызды."]),
    ("ru", ["Президент К.-Ж. Токаев сказал.", "Это важно."]),
    ("en", ["President K.-J. Tokayev said so.", "It matters."]),
    # abbreviations of reference and place ("Tab.", "Sect.", "Ref.", "bln.", "атын."; "обл." may end one)
    ("en", ["The data (Tab. 3) were used.", "They are public."]),
    ("en", ["See Sect. 2 for details.", "It is short."]),
    ("en", ["Results are shown in Table 2 (Ref. 5).", "They hold."]),
    ("en", ["Data on GDP (in bln. USD) are given.", "They grow."]),
    ("kk", ["Әл-Фараби атын. ҚазҰУ ғалымдары зерттеді.", "Олар дәлелдеді."]),
    ("ru", ["Он расположен в Акмолинской обл.", "Он большой."]),
    ("ru", ["Жители Акмолинской обл. Казахстана ответили.", "Они правы."]),
    # already right: a final abbreviation before a capital still ends a sentence
    ("ru", ["Россия, Китай и др.", "Они инвесторы."]),
    ("kk", ["Ресей, Қытай т.б.", "Олар инвестор."]),
    ("en", ["Several countries (e.g. China, Russia) invest.", "The EU does too."]),
    ("en", ["As shown in Fig. 2, trade grew.", "It fell in 2020."]),
    ("kk", ["Көрсеткіш 0,012-ге тең (p < 0,05).", "Бұл маңызды."]),
    ("ru", ["В 2019 г. Казахстан вырос.", "Это новый этап."]),
    ("kk", ["2019 ж. Қазақстан өсті.", "Бұл жаңа кезең."]),
    # a year ending a sentence, the next opening with a word abstracts open sentences with (cut
    # between; a name after "г." still goes on, above)
    ("ru", ["В статье рассматривается водная политика Казахстана в 1991–2022 гг.",
            "Авторы анализируют межгосударственные соглашения."]),
    ("ru", ["Данные собраны в 2015–2020 гг.", "Результаты показывают рост экспорта на 12%."]),
    ("ru", ["Плотина построена в 2005 г.", "Исследование основано на архивных данных."]),
    ("ru", ["Соглашение подписано в 1998 г.", "Статья основана на его тексте."]),
]


@pytest.mark.parametrize(("lang", "sentences"), CASES, ids=[" ".join(s)[:40] for _, s in CASES])
def test_real_abstract_sentences(lang, sentences):
    assert split_sentences(" ".join(sentences), lang) == sentences
