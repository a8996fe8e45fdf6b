"""Reading articles: the seed article's three abstracts, marker variants, layouts, formats."""

from __future__ import annotations

import docx
import pytest

import ushtil
from conftest import SEED_ARTICLE, SHARED
from ushtil.read import article_from_text, read_abstract_files
from ushtil.split import split_article

SEEDS = SHARED / "seeds"


def test_seed_article_paragraphs_and_keywords(seed_article):
    assert [len(seed_article.part(lang).paragraphs) for lang in ("en", "kk", "ru")] == [6, 5, 6]
    for lang, acronym in (("en", "EU"), ("kk", "ЕО"), ("ru", "ЕС")):
        keywords = seed_article.part(lang).keywords
        assert len(keywords) == 7
        assert acronym in keywords
    assert seed_article.part("en").keywords[0] == "regional and non-regional"
    assert seed_article.part("kk").keywords[-1] == "Орта Азия"
    assert seed_article.part("ru").keywords[-1] == "Центральная Азия"


def test_seed_article_titles(seed_article):
    assert seed_article.part("en").title == (
        "Kazakhstan as a Center of Gravity in Central Asia in the Clash between the USA and China"
    )
    assert seed_article.part("kk").title == (
        "Қазақстан АҚШ пен Қытай арасындағы қарама-қайшылықта Орталық Азиядағы тартымды орталық ретінде"
    )
    assert seed_article.part("ru").title == (
        "Казахстан как центр притяжения в Центральной Азии в противостоянии США и Китая"
    )


def test_seed_article_authors_spelled_as_in_text(seed_article):
    assert seed_article.part("en").authors == ["D.M. Turtugulova", "B. Seilkhan", "Zh.B. Akimova"]
    assert seed_article.part("kk").authors == ["Д.М. Туртугулова", "Б. Сейлхан", "Ж.Б. Әкімова"]
    assert seed_article.part("ru").authors == ["Д.М. Туртугулова", "Б. Сейлхан", "Ж.Б. Акимова"]


def test_seed_article_abstract_text_is_clean(seed_article):
    english = seed_article.part("en")
    assert english.marker == "Abstract"
    assert english.paragraphs[0].startswith("For centuries, Central Asia")
    assert english.paragraphs[-1].endswith("cultural cooperation.")
    assert seed_article.part("kk").paragraphs[-1].endswith("ынтымақтастықты қамтиды.")
    # the sample's Kazakh abstract really lacks a paragraph: said, never silent
    assert seed_article.notes == ["truncated:kk: 5 paragraphs in kk where the others have more (en 6, ru 6)"]
    assert all(part.detected_lang == lang for lang, part in seed_article.parts.items())


@pytest.mark.parametrize(
    ("abstract_marker", "keyword_marker"),
    [("Андатпа", "Түйінді сөздер"), ("Түйіндеме", "Тірек сөздер"), ("АҢДАТПА", "Түйін сөздер")],
)
def test_kazakh_marker_variants(abstract_marker, keyword_marker):
    text = (
        f"{abstract_marker}: Орта Азияның барлық елдері Ресейді басты басымдық ретінде анықтайды.\n\n"
        f"{keyword_marker}: Ресей, ЕО, Қытай."
    )
    part = article_from_text(text, "variants").part("kk")
    assert part.paragraphs == ["Орта Азияның барлық елдері Ресейді басты басымдық ретінде анықтайды."]
    assert part.keywords == ["Ресей", "ЕО", "Қытай"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "**Annotation.** Russia is a major partner of all Central Asian states.\n\nKey words: Russia; EU"),
        ("ru", "Резюме. Все страны Центральной Азии считают Россию главным партнёром.\n\nКлючевые слова: Россия, ЕС"),
    ],
)
def test_other_marker_variants(lang, text):
    part = article_from_text(text, "variants").part(lang)
    assert len(part.paragraphs) == 1
    assert part.keywords[0] in ("Russia", "Россия")


def test_running_headers_never_enter_an_abstract():
    text = (
        "Abstract. Central Asia has become an arena of competition between the great powers, which\n\n"
        "Nº1(150)/ 2025\n\n122\n\n"
        "Science and Education in Karakalpakstan. 2023 №2/1 ISSN 2181-9203 326\n\n"
        "affects the relations between them. Russia remains a key partner.\n\n"
        "Keywords: Russia, EU."
    )
    part = split_article(article_from_text(text, "headers")).part("en")
    assert part.paragraphs == [
        "Central Asia has become an arena of competition between the great powers, which affects the "
        "relations between them. Russia remains a key partner."
    ]
    assert part.sentence_list[-1] == "Russia remains a key partner."


def test_russian_text_under_kazakh_marker_is_reported():
    text = (
        "Аңдатпа. Все страны Центральной Азии определяют Россию как главный внешнеполитический приоритет.\n\n"
        "Түйін сөздер: Россия, Китай."
    )
    article = article_from_text(text, "wrong")
    assert "ru" in article.parts and "kk" not in article.parts
    assert any(note.startswith("wrong-language:ru") for note in article.notes)
    assert "missing:kk: no kk abstract in the article" in article.notes


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
@pytest.mark.parametrize("name", ["000_b87a9ba84a8c77b6.txt", "001_b99bc96f86f95b38.txt"])
def test_english_only_article_reports_missing_parts(name):
    article = ushtil.read_article(SEEDS / name)
    assert article.missing == ["kk", "ru"]
    english = article.part("en")
    assert len(english.paragraphs) >= 3
    assert not any("ISSN" in paragraph for paragraph in english.paragraphs)
    assert english.paragraphs[1].startswith("In Kazakhstan, in recent years") or name.startswith("001")


def test_three_separate_abstract_files(tmp_path, seed_article):
    paths = {}
    for lang in ("en", "kk", "ru"):
        path = tmp_path / f"abstract.{lang}.txt"
        path.write_text("\n\n".join(seed_article.part(lang).paragraphs), encoding="utf-8")
        paths[lang] = path
    article = ushtil.read_abstract_files(paths)
    assert [len(article.part(lang).sentence_list) for lang in ("en", "kk", "ru")] == [11, 9, 11]
    assert article.notes == ["truncated:kk: 5 paragraphs in kk where the others have more (en 6, ru 6)"]


def test_separate_file_in_the_wrong_language_is_reported(tmp_path, seed_article):
    paths = {}
    for lang, source in (("en", "en"), ("kk", "ru"), ("ru", "ru")):
        path = tmp_path / f"abstract.{lang}.txt"
        path.write_text("\n\n".join(seed_article.part(source).paragraphs), encoding="utf-8-sig")
        paths[lang] = path
    article = read_abstract_files(paths)
    assert any(note.startswith("wrong-language:kk") for note in article.notes)


def test_docx_article(tmp_path, seed_article):
    document = docx.Document()
    for lang in ("en", "kk", "ru"):
        part = seed_article.part(lang)
        document.add_heading(part.title, level=2)
        document.add_paragraph(", ".join(part.authors))
        document.add_paragraph(f"{part.marker}. {part.paragraphs[0]}")
        for paragraph in part.paragraphs[1:]:
            document.add_paragraph(paragraph)
        document.add_paragraph(f"Keywords: {', '.join(part.keywords)}." if lang == "en" else
                               f"{'Түйін сөздер' if lang == 'kk' else 'Ключевые слова'}: {', '.join(part.keywords)}.")
    path = tmp_path / "article.docx"
    document.save(path)
    article = ushtil.read_article(path)
    for lang in ("en", "kk", "ru"):
        assert article.part(lang).paragraphs == seed_article.part(lang).paragraphs
        assert article.part(lang).keywords == seed_article.part(lang).keywords
        assert article.part(lang).title == seed_article.part(lang).title
        assert article.part(lang).authors == seed_article.part(lang).authors


def _pdf_with_lines(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Latin text, Helvetica)."""
    body = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(
        "({}) '".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_text_pdf_article(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(_pdf_with_lines([
        "Abstract. Central Asia has become an arena of competition between the great powers.",
        "",
        "Russia, the U.S., the EU and China declared their support for regional cooperation.",
        "",
        "Keywords: Central Asia, EU, Russia.",
    ]))
    article = ushtil.read_article(path)
    english = article.part("en")
    assert english.sentence_list[0] == (
        "Central Asia has become an arena of competition between the great powers."
    )
    assert english.keywords == ["Central Asia", "EU", "Russia"]
    assert article.missing == ["kk", "ru"]


def test_read_article_matches_extract_schema(seed_article):
    record = seed_article.to_dict()
    for lang in ("en", "kk", "ru"):
        assert set(record[lang]) >= {"title", "authors", "abstract", "keywords", "sentences"}
        assert record[lang]["abstract"] == seed_article.part(lang).paragraphs
    assert ushtil.Article.from_dict(record) == seed_article


def test_seed_file_is_bundled():
    assert SEED_ARTICLE.exists()


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("D.M. Turtugulova<sup>(0)</sup>, B. Seilkhan, Zh.B. Akimova*",
         ["D.M. Turtugulova", "B. Seilkhan", "Zh.B. Akimova"]),
        ("Туртугулова Д.М., Сейлхан Б.", ["Туртугулова Д.М.", "Сейлхан Б."]),
        ("Ж.Б.Әкімова", ["Ж.Б. Әкімова"]),
        ("Dina Turtugulova and Balausa Seilkhan.", ["Dina Turtugulova", "Balausa Seilkhan"]),
        ("Kazakhstan as a Center of Gravity in Central Asia", []),
        ("L.N. Gumilyov Eurasian National University, Astana, Kazakhstan", []),
    ],
)
def test_bylines(byline, names):
    from ushtil.read.layout import clean_markup
    from ushtil.read.sections import split_names

    assert split_names(clean_markup(byline)) == names
