"""The seed article's Kazakh part as Kazakh texts are often typed: with the Latin i for і (a Latin
keyboard), and with no Kazakh letters at all (an old font, a Russian keyboard: қ → к, ә → а …).
Both are Kazakh: the part must be read as the seed's is (same paragraphs, sentences, keywords, in
the kk slot), not as Russian, and its keyword marker "Түйiн сөздер" must still be found."""

from pathlib import Path

import pytest

from ushtil import read_article
from ushtil.langid import identify

SEED = Path(__file__).parent.parent / "corpus" / "004_9d99ed68fdecf78d.txt"
PLAIN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def _kazakh_part_retyped(text: str, retype) -> str:
    start = text.index("#### Д.М. Туртугулова")
    end = text.index("#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова")
    return text[:start] + retype(text[start:end]) + text[end:]


@pytest.mark.parametrize("typing", ["latin-i", "no-kazakh-letters"])
def test_kazakh_part_typed_without_kazakh_letters(tmp_path, typing):
    text = SEED.read_text(encoding="utf-8")
    if typing == "latin-i":
        retyped = _kazakh_part_retyped(text, lambda part: part.replace("і", "i").replace("І", "I"))
    else:
        retyped = _kazakh_part_retyped(text, lambda part: part.translate(PLAIN))
    path = tmp_path / "article.txt"
    path.write_text(retyped, encoding="utf-8")
    seed, article = read_article(SEED), read_article(path)
    assert article.notes == seed.notes and article.missing == []
    kk, seed_kk = article.part("kk"), seed.part("kk")
    assert [len(p) for p in kk.sentences] == [len(p) for p in seed_kk.sentences]
    assert len(kk.keywords) == len(seed_kk.keywords) == 7
    if typing == "latin-i":  # the Latin i is read as і: the same text as the seed's
        assert kk.sentences == seed_kk.sentences and kk.keywords == seed_kk.keywords
    else:
        assert kk.keywords[-1] == "Орта Азия" and kk.title == seed_kk.title.translate(PLAIN)


def test_russian_stays_russian():
    """The rule for Kazakh typed without its letters leaves Russian texts, long and short, alone."""
    seed = read_article(SEED)
    for paragraph in seed.part("ru").paragraphs:
        assert identify(paragraph).lang == "ru"
    assert identify(seed.part("ru").title).lang == "ru"
    assert identify(" ".join(seed.part("ru").keywords)).lang == "ru"
