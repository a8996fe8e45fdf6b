"""Two gaps next to each other in different languages (issue 12): the seed's Kazakh abstract lacks
the paragraph of en 6-7; with the English paragraph before it cut as well, both gaps must stay
where they are. A gap never falls in the middle of one language's paragraph where the languages
the bead takes all open one (a missing paragraph leaves its language at a paragraph break).

Still short: Russian lacking the paragraph en 4-5 or en 8-9 beside the Kazakh gap, where the
programme shifts one language by whole paragraphs and pairs sentences of different content, to
which the pair log-odds still give positive scores."""

from __future__ import annotations

import ushtil
from conftest import SEED_ARTICLE
from ushtil.aligner import align_corpus


def _without_english_paragraph(tmp_path, drop: int):
    """The seed article with paragraph ``drop`` (0-based, not the first) of its English abstract cut."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start, end = text.index("**Abstract.**"), text.index("**Keywords:**")
    paragraphs = [p for p in text[start:end].split("\n\n") if p.strip()]
    kept = paragraphs[:drop] + paragraphs[drop + 1 :]
    path = tmp_path / "seed_cut.txt"
    path.write_text(text[:start] + "\n\n".join(kept) + "\n\n" + text[end:], encoding="utf-8")
    return ushtil.read_article(path)


def test_two_adjacent_gaps_in_two_languages_stay_where_they_are(tmp_path):
    alignment = align_corpus([("cut", _without_english_paragraph(tmp_path, 2))]).alignments[0]
    abstract = [(b.sentences["en"], b.sentences["kk"], b.sentences["ru"]) for b in alignment.beads
                if b.section == "abstract"]
    # English lacks kk/ru 4-5, Kazakh lacks en 4-5 (ru 6-7). Before, en 4 took kk/ru 4-5 and the
    # Russian 6 stood alone: a gap in the middle of the English paragraph en 3-4
    assert abstract == [
        *[([i], [i], [i]) for i in range(1, 4)],
        ([], [4], [4]), ([], [5], [5]),
        ([4], [], [6]), ([5], [], [7]),
        *[([en], [en], [en + 2]) for en in range(6, 10)],
    ]
