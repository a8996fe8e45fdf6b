"""Deliberately broken copies of the seed abstracts: each defect is caught, the clean copy has no error.

The corpus is written by the tests from the seed article: its three abstracts (title, authors,
abstract, keywords), with the Kazakh paragraph the seed lacks translated back in and one sentence
with numbers added to every language, so the clean copy is a correct trilingual article. Paragraphs
2 and 3 are left out of every language to keep the alignment (and the tests) quick.
"""

from __future__ import annotations

import pytest

import ushtil
from ushtil.checks import Severity

KK_PARAGRAPH_4 = (
    "Негізгі сыртқы ойыншылар – Ресей, АҚШ, ЕО және Қытай – Орталық Азиядағы бейбітшілікті, тұрақтылықты "
    "және аймақтық ынтымақтастықты қолдайтындарын мәлімдеді – бұл мәлімдемелерді аймақ, әрине, құптайды. "
    "Бірақ олардың арасында да біршама үйкеліс бар."
)
NUMBERS = {
    "en": "In 2019, China's trade with the region reached $6.8 billion, and 84.27% of it was with Kazakhstan.",
    "kk": "2019 жылы Қытайдың аймақпен саудасы 6,8 млрд долларға жетті, оның 84,27%-ы Қазақстанның үлесінде.",
    "ru": "В 2019 году торговля Китая с регионом достигла 6,8 млрд долларов, и 84,27% из них пришлось на "
          "Казахстан.",
}
LEFT_OUT = ("Today, Central Asia", '"Since the beginning', "Бүгінгі таңда", "«Жиырма бірінші", "Сегодня Центральная",
            "«С начала")
KEYWORD_LINES = {"en": "**Keywords:**", "kk": "**Түйін сөздер:**", "ru": "**Ключевые слова:**"}


def _block(lines: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i in range(first, len(lines)) if lines[i].startswith(end))
    return lines[first:last + 1]


@pytest.fixture(scope="module")
def clean_text(seed_article) -> str:
    """The three abstracts of the seed article, complete and with numbers."""
    from ushtil.read.formats import load_text

    lines = load_text(seed_article.source).splitlines()
    blocks = {
        "en": _block(lines, "# Kazakhstan as a Center", KEYWORD_LINES["en"]),
        "kk": _block(lines, "#### Д.М. Туртугулова", KEYWORD_LINES["kk"]),
        "ru": _block(lines, "#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова", KEYWORD_LINES["ru"]),
    }
    kk = blocks["kk"]
    fifth = next(i for i, line in enumerate(kk) if line.startswith("Орта Азияның барлық елдері"))
    kk[fifth:fifth] = [KK_PARAGRAPH_4, ""]
    for lang, block in blocks.items():
        block[:] = [line for line in block if not line.startswith(LEFT_OUT)]
        block[-1:-1] = [NUMBERS[lang], ""]
    return "\n\n".join("\n".join(block) for block in blocks.values()) + "\n"


def _check(text: str, tmp_path, name: str = "article"):
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return ushtil.check(ushtil.read_article(path))


def _broken(clean: str, old: str, new: str) -> str:
    assert clean.count(old) == 1, old
    return clean.replace(old, new)


def _errors(report) -> set[tuple[str, str]]:
    return {(f.check, f.lang) for f in report.findings if f.severity == Severity.ERROR}


def test_clean_copy_has_no_error(clean_text, tmp_path):
    report = _check(clean_text, tmp_path)
    assert _errors(report) == set()
    assert report.exit_code == 0
    assert not [f for f in report.findings if f.family == "numbers"]


DEFECTS = {
    "russian acronym in kazakh keywords": (
        "Ресей, ЕО, Қытай, Орта Азия.", "Ресей, ЕС, Қытай, Орта Азия.", {("glossary-foreign-form", "kk")},
    ),
    "russian acronym in kazakh title": (
        "Қазақстан АҚШ пен Қытай", "Қазақстан США пен Қытай", {("glossary-foreign-form", "kk")},
    ),
    "changed year": ("2019 жылы Қытайдың", "2018 жылы Қытайдың", {("number-mismatch", "kk")}),
    "changed amount": ("6,8 млрд долларов", "6,8 млн долларов", {("number-mismatch", "ru")}),
    "deleted sentence": (
        " Ресей Федерациясы да өз тарапынан аймақ елдерімен қарым-қатынасты дамытудың маңыздылығын мәлімдейді.",
        "", {("missing-sentence", "kk")},
    ),
    "russian sentence pasted into kazakh": (
        "Ресей Федерациясы да өз тарапынан",
        "Все страны Центральной Азии признают интересы России в регионе и развивают с ней отношения. "
        "Ресей Федерациясы да өз тарапынан",
        {("wrong-language", "kk")},
    ),
    "swapped keyword": ("өркениеттер, геосаяси мүдделер, Ресей,", "өркениеттер, геосаяси мүдделер, Жапония,",
                        {("keyword-missing", "kk")}),
    "english sentence left untranslated": (
        "Но между ними также есть некоторые трения.", "But there is also some friction between them.",
        {("untranslated", "ru")},
    ),
}


@pytest.mark.parametrize("defect", DEFECTS, ids=list(DEFECTS))
def test_each_defect_is_caught(clean_text, tmp_path, defect):
    old, new, expected = DEFECTS[defect]
    report = _check(_broken(clean_text, old, new), tmp_path)
    assert expected <= _errors(report)
    assert report.exit_code == 1
    (checked,) = report.articles
    for finding in report.errors:
        if finding.bead is not None:
            assert checked.alignment.beads[finding.bead - 1].text[finding.lang] or \
                finding.check.startswith("missing")


def test_keyword_the_text_never_uses_is_a_warning(clean_text, tmp_path):
    """No term rule knows "civilizations": the abstract's own text shows the swap."""
    report = _check(_broken(clean_text, "өркениеттер, геосаяси", "көші-қон саясаты, геосаяси"), tmp_path)
    found = [f for f in report.findings if f.check == "keyword-not-in-text"]
    assert [(f.lang, f.text, f.severity) for f in found] == [("kk", "көші-қон саясаты", Severity.WARNING)]
    assert _errors(report) == set()


def test_missing_abstract_and_title(clean_text, tmp_path):
    english_only = clean_text.split("#### Д.М. Туртугулова")[0]
    report = _check(english_only, tmp_path)
    assert _errors(report) == {("missing-abstract", "kk"), ("missing-abstract", "ru")}
    title = "#### Казахстан как центр притяжения в Центральной Азии в противостоянии США и Китая\n"
    untitled = _broken(clean_text, title, "")
    assert ("missing-title", "ru") in _errors(_check(untitled, tmp_path))


def test_empty_kazakh_abstract_is_one_error(clean_text, tmp_path):
    start = clean_text.index("Ғасырлар бойы")
    end = clean_text.index("**Түйін сөздер:**")
    report = _check(clean_text[:start] + "\n\n" + clean_text[end:], tmp_path)
    assert _errors(report) == {("empty-abstract", "kk")}
