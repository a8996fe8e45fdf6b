"""How file bytes become text: UTF-8 (BOM allowed) or UTF-16 with BOM, line ends made "\\n", and
binary data (many control characters) refused, while a few are kept."""

from __future__ import annotations

import pytest

from ushtil.errors import InputError
from ushtil.files import decode_text

TEXT = "Қазақстан Орталық Азияда.\nКазахстан в Центральной Азии.\n"


@pytest.mark.parametrize(("data", "text"), [(TEXT.encode(), TEXT), (b"\xef\xbb\xbf" + TEXT.encode(), TEXT),
                                            (TEXT.encode("utf-16"), TEXT)])
def test_text_in_each_encoding_is_read(data, text):
    assert decode_text(data, "a.txt") == text


def test_cp1251_is_read_as_cp1251_not_as_utf16():
    """A Russian file saved as cp1251 (Windows' "ANSI") whose bytes are even in number decodes as
    UTF-16 too, into private-use characters: so read, a triple's Russian text was one sentence of
    garbage and every bead missing:ru, with no word said."""
    data = "Казахстан в Центральной Азии.\n".encode("cp1251")
    assert data.decode("utf-16")  # (no error: what made the garbage)
    assert decode_text(data, "a.ru.txt") == "Казахстан в Центральной Азии.\n"


def test_damaged_text_is_one_line_saying_where():
    """A UTF-16 file cut short was an "internal error (UnicodeDecodeError …)" naming no file; a stray
    byte in a UTF-8 file is shown where it is, to be mended."""
    with pytest.raises(InputError, match=r"^a.txt: damaged UTF-16 text \(truncated data at byte 6\)$"):
        decode_text(TEXT.encode("utf-16")[:7], "a.txt")
    stray = TEXT.encode() + "Ә и е.\n".encode() + b"\xb9\n"  # (Ә's second byte is none of cp1251's)
    with pytest.raises(InputError, match=r"^b.txt: not valid UTF-8 text \(byte 0xB9 on line 4\), nor UTF-16 or cp"):
        decode_text(stray, "b.txt")


def test_decomposed_letters_are_composed(seed_article, tmp_path):
    """The seed saved with its letters decomposed (й as и and a combining breve, as a Mac or a PDF may
    write it): the marker "Түйін сөздер" was not found, the Kazakh keywords read as a paragraph of the
    abstract, and the Kazakh and Russian authors lost (check: 5 errors where the seed has 1)."""
    import unicodedata

    import ushtil
    from conftest import SEED_ARTICLE

    path = tmp_path / "decomposed.txt"
    path.write_text(unicodedata.normalize("NFD", SEED_ARTICLE.read_text(encoding="utf-8")), encoding="utf-8")
    assert path.read_bytes() != SEED_ARTICLE.read_bytes()
    article = ushtil.read_article(path)
    for lang in ("en", "kk", "ru"):
        assert article.part(lang).keywords == seed_article.part(lang).keywords
        assert article.part(lang).authors == seed_article.part(lang).authors
        assert article.part(lang).sentences == seed_article.part(lang).sentences


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b"], ids=["soft-hyphen", "zero-width-space"])
def test_an_articles_invisible_characters_are_dropped(seed_article, tmp_path, invisible):
    """Soft hyphens (a web page's or Word's hyphenation) or zero-width spaces inside words: with
    "Abst\u00adract" and "Анно\u00adтация" the English and Russian abstracts were not found at all."""
    import re

    import ushtil
    from conftest import SEED_ARTICLE

    path = tmp_path / "hyphenated.txt"
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\w{4})(\w{4,})", lambda m: m[1] + invisible + m[2], text), encoding="utf-8")
    article = ushtil.read_article(path)
    assert not article.missing
    for lang in ("en", "kk", "ru"):
        assert article.part(lang).sentences == seed_article.part(lang).sentences
        assert article.part(lang).keywords == seed_article.part(lang).keywords


def test_line_ends_become_line_feeds():
    assert decode_text(TEXT.replace("\n", "\r\n").encode(), "a.txt") == TEXT
    assert decode_text(TEXT.replace("\n", "\r").encode(), "a.txt") == TEXT


def test_a_few_control_characters_are_kept_and_many_refused():
    few = TEXT.replace("Азияда", "Азия\x0cда")  # a form feed pasted from a PDF: text still
    assert decode_text(few.encode(), "a.txt") == few
    many = "\x01\x02 word " * 400  # no NUL byte, but every third character a control character
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_text(many.encode(), "b.txt")
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_text(TEXT.encode() + many[:600].encode(), "c.txt")  # the control characters after real text
