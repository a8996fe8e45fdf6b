"""The aligner's editing code: what a reviewer's decisions do to an alignment, re-validated."""

from __future__ import annotations

import pytest

from ushtil.aligner import edit
from ushtil.errors import UshtilError
from ushtil.model import LANGS, Alignment, Bead

SENTENCES = {
    "en": ["Title.", "One. Two.", "Three.", "Four."],
    "kk": ["Тақырып.", "Бір. Екі.", "Үш.", "Төрт."],
    "ru": ["Заголовок.", "Один. Два.", "Три.", "Четыре."],
}


def sample() -> Alignment:
    beads = [Bead(sentences={lang: [i] for lang in LANGS}, text={lang: SENTENCES[lang][i] for lang in LANGS},
                  score=0.9, flags=["low_score"] if i == 2 else [], section="title" if i == 0 else "abstract")
             for i in range(4)]
    return Alignment(name="a", sentences={lang: list(v) for lang, v in SENTENCES.items()}, beads=beads,
                     signature="sig", settings={"splitter": "builtin"},
                     paragraph_starts={lang: [1, 3] for lang in LANGS})


def texts(alignment: Alignment, lang: str = "en") -> list[str]:
    return [bead.text[lang] for bead in alignment.beads]


def test_drafts_round_trip_unchanged():
    alignment = sample()
    again = edit.alignment_of(edit.drafts_of(alignment), alignment)
    assert again == alignment


def test_reject_makes_one_bead_per_language():
    alignment = sample()
    drafts = edit.drafts_of(alignment)
    drafts[2:3] = edit.reject(drafts[2])
    after = edit.alignment_of(drafts, alignment)
    assert [bead.kind for bead in after.beads] == ["1-1-1", "1-1-1", "1-0-0", "0-1-0", "0-0-1", "1-1-1"]
    assert after.beads[3].text == {"en": "", "kk": "Үш.", "ru": ""}
    assert after.beads[3].flags == ["missing:en", "missing:ru"] and after.beads[3].score == 0.0
    assert after.sentences == alignment.sentences  # nothing is lost, nothing moves in the text


def test_split_by_lines_and_merge_with_the_next():
    alignment = sample()
    drafts = edit.drafts_of(alignment)
    pieces = edit.split(drafts[1], {"en": [["One."], ["Two."]], "kk": [["Бір."], ["Екі."]], "ru": [["Один."]]})
    drafts[1:2] = pieces
    after = edit.alignment_of(drafts, alignment)
    assert texts(after) == ["Title.", "One.", "Two.", "Three.", "Four."]
    assert after.beads[2].kind == "1-1-0" and "missing:ru" in after.beads[2].flags
    assert after.sentences["en"] == ["Title.", "One.", "Two.", "Three.", "Four."]
    assert after.paragraph_starts["en"] == [1, 4]  # the paragraph still opens at "One." and at "Four."
    drafts = edit.drafts_of(after)
    drafts[3:5] = [edit.merge(drafts[3], drafts[4])]
    merged = edit.alignment_of(drafts, after)
    assert texts(merged)[-1] == "Three. Four." and merged.beads[-1].kind == "2-2-2"
    assert merged.paragraph_starts["en"] == [1, 4]


def test_an_emptied_side_stands_alone_and_a_typed_one_fills_the_gap():
    alignment = sample()
    drafts = edit.drafts_of(alignment)
    drafts[3:4] = edit.replace_side(drafts[3], "kk", [""])
    after = edit.alignment_of(drafts, alignment)
    assert [bead.kind for bead in after.beads][-2:] == ["1-0-1", "0-1-0"]
    drafts = edit.drafts_of(after)
    drafts[3:4] = edit.replace_side(drafts[3], "kk", ["Төртінші."])
    filled = edit.alignment_of(drafts[:4] + drafts[5:], after)
    assert filled.beads[3].text["kk"] == "Төртінші." and "missing:kk" not in filled.beads[3].flags
    assert filled.paragraph_starts["kk"] == [1, 3]


def test_validation_refuses_a_sentence_in_two_beads_and_merges_across_sections():
    alignment = sample()
    alignment.beads[1].sentences["en"] = [1, 2]
    with pytest.raises(UshtilError, match="not each in exactly one bead"):
        edit.validate(alignment)
    drafts = edit.drafts_of(sample())
    with pytest.raises(UshtilError, match="cannot be merged"):
        edit.merge(drafts[0], drafts[1])


def test_article_of_an_edited_alignment():
    alignment = sample()
    article = edit.article_of(alignment)
    assert article.part("en").title == "Title."
    assert article.part("en").sentences == [["One. Two.", "Three."], ["Four."]]
    assert article.part("en").paragraphs == ["One. Two. Three.", "Four."]


def test_a_bead_emptied_in_every_language_leaves_its_sentences_standing_alone():
    alignment = sample()
    drafts = edit.drafts_of(alignment)
    emptied = [drafts[1]]
    for lang in LANGS:
        first, *alone = edit.replace_side(emptied[0], lang, [])
        emptied = [first, *emptied[1:], *alone]
    drafts[1:2] = emptied
    after = edit.alignment_of(drafts, alignment)
    assert [bead.kind for bead in after.beads] == ["1-1-1", "1-0-0", "0-1-0", "0-0-1", "1-1-1", "1-1-1"]
    assert after.sentences == alignment.sentences
