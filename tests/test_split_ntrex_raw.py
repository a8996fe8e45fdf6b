"""Sentence ends the NTREX raw track showed the splitter missing: a month's abbreviation ending a
sentence before a sentence starter, and a Kazakh quote closed with “ after ? or !."""

from pathlib import Path

import pytest

from ushtil.split import split_paragraphs, split_sentences

NTREX = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Track Palin spent a year in Iraq after enlisting on Sept. He was arrested on Monday.",
         ["Track Palin spent a year in Iraq after enlisting on Sept.", "He was arrested on Monday."]),
        ("The rally was held on Oct. 31 in Wheeling. It drew thousands.",
         ["The rally was held on Oct. 31 in Wheeling.", "It drew thousands."]),
        ("The votes are cast on Nov. 6, and the polls close at eight.",
         ["The votes are cast on Nov. 6, and the polls close at eight."]),
    ],
)
def test_a_month_abbreviation_ends_a_sentence_only_before_a_sentence_starter(text, expected):
    assert split_sentences(text, "en") == expected


def test_a_kazakh_quote_closed_with_a_left_mark_after_a_question_ends_the_sentence():
    assert split_sentences("Ер адам: “Бұл жалпы не?“ Роджерс: “Бұл – уран іздеуге арналған құрал“.", "kk") == [
        "Ер адам: “Бұл жалпы не?“", "Роджерс: “Бұл – уран іздеуге арналған құрал“."]


@pytest.mark.parametrize(("name", "lang", "numbers"), [
    ("cnn.304478", "en", (1, 2)),  # "… after enlisting on Sept." / "He was arrested …"
    ("abcnews.306774", "en", (2, 3)),  # "… in his path on Oct." / "In order to justify …"
    ("cbsnews.248484", "kk", (4, 6)),  # "Ер адам: “Бұл жалпы не?“", "Эванс: “Бұл қазір белгілі болады!“"
])
def test_ntrex_raw_paragraphs_give_these_gold_lines(name, lang, numbers):
    if not (NTREX / f"{name}.gold.jsonl").is_file():
        pytest.skip("../shared/bench/ntrex-dev is not there")
    paragraphs = (NTREX / f"{name}.raw.{lang}.txt").read_text(encoding="utf-8").split("\n\n")
    lines = (NTREX / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    sentences = [sentence for paragraph in split_paragraphs(paragraphs, lang) for sentence in paragraph]
    assert [lines[n] for n in numbers if lines[n] not in sentences] == []
