"""A paragraph's first line without final punctuation, followed by a capital, is a sentence of its own
(titles, headlines, labels); a line that wraps a sentence is not cut."""

from __future__ import annotations

import pytest

from ushtil.split.rules import RuleSplitter


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Bernard Vann: WW1 Victoria Cross cleric celebrated\nThe only cleric to win it. He was.",
         ["Bernard Vann: WW1 Victoria Cross cleric celebrated", "The only cleric to win it.", "He was."]),
        ("en", "Methods\nWe used data.", ["Methods", "We used data."]),
        ("kk", "Қазақстанның сыртқы саясаты\nБұл мақалада біз зерттейміз.",
         ["Қазақстанның сыртқы саясаты", "Бұл мақалада біз зерттейміз."]),
        ("ru", "Внешняя политика Казахстана\nВ статье рассматривается роль ЕС.",
         ["Внешняя политика Казахстана", "В статье рассматривается роль ЕС."]),
        # a wrapped sentence: the line ends in a function word, or the next line starts in lower case
        ("en", "We studied the role of\nKazakhstan in the region. It works.",
         ["We studied the role of Kazakhstan in the region.", "It works."]),
        ("en", "The results of the study\nshow that we can.", ["The results of the study show that we can."]),
        ("en", "As shown in the table:\nThe values differ.", ["As shown in the table: The values differ."]),
    ],
)
def test_heading_lines(lang, text, expected):
    assert RuleSplitter(lang).split(text) == expected
