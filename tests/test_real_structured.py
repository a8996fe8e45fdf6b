"""Structured abstracts as Kazakh journals print them: labels (Purpose / Мақсаты / Цель) inline, on
a line of their own right above their text, run on in one paragraph; and the unstructured abstract
whose first sentence opens with "Цель исследования – …". Every sentence must come out whole: no
label glued to a sentence, no label read as a sentence, no words of a sentence taken as a label."""

import pytest

from conftest import wrapped_lines
from ushtil import read_article
from ushtil.read import article_from_text
from ushtil.split import split_article

LABELS = {
    "en": ["Purpose", "Methods", "Results", "Conclusion"],
    "kk": ["Мақсаты", "Әдістері", "Нәтижелері", "Қорытынды"],
    "ru": ["Цель", "Методы", "Результаты", "Заключение"],
}
SENTENCES = {
    "en": [
        ["The aim of the study is to assess the influence of China, Russia, the EU, etc. on Kazakhstan.",
         "We compare trade data for 2015–2022, e.g. exports and loans."],
        ["Data of the Bureau of National Statistics and the works of A.B. Ivanov et al. were analysed.",
         "The regression in Fig. 2 was estimated by OLS (p < 0.05)."],
        ["The share of China grew from 0.012 to 0.25 of total trade.", "Russia remains the main partner in the EAEU."],
        ["Kazakhstan pursues a multi-vector policy.", "Further research should cover Central Asia as a whole."],
    ],
    "kk": [
        ["Зерттеудің мақсаты – Қытай, Ресей, ЕО т.б. елдердің Қазақстанға ықпалын бағалау.",
         "Біз 2015–2022 жж. сауда деректерін салыстырамыз."],
        ["Ұлттық статистика бюросының деректері мен А.Б. Иванов т.б. еңбектері талданды.",
         "Сурет 2-дегі регрессия ЕКӘ әдісімен бағаланды (p < 0,05)."],
        ["Қытайдың үлесі 2019 ж. жалпы сауданың 0,012-ден 0,25-ке дейін өсті.",
         "Ресей ЕАЭО-дағы басты серіктес болып қала береді."],
        ["Қазақстан көпвекторлы саясат жүргізеді.", "Болашақ зерттеулер бүкіл Орталық Азияны қамтуы тиіс."],
    ],
    "ru": [
        ["Цель исследования – оценить влияние Китая, России, ЕС и др. на Казахстан.",
         "Мы сравниваем данные о торговле за 2015–2022 гг., т.е. экспорт и кредиты."],
        ["Проанализированы данные Бюро национальной статистики и работы А.Б. Иванова и др. авторов.",
         "Регрессия на рис. 2 оценена МНК (p < 0,05)."],
        ["Доля Китая в 2019 г. выросла с 0,012 до 0,25 от общего товарооборота.",
         "Россия остается главным партнером в ЕАЭС."],
        ["Казахстан проводит многовекторную политику.",
         "Дальнейшие исследования должны охватить всю Центральную Азию."],
    ],
}
FRONT = {
    "en": ("UDC 327.8\nIRSTI 11.25.19\nhttps://doi.org/10.32523/2616-6887-2025-150-1-120-134\n\n"
           "A.B. Ivanov¹, D.M. Turtugulova²*\n¹L.N. Gumilyov Eurasian National University, Astana, Kazakhstan\n"
           "*Corresponding author: dina.turt@gmail.com\n\nKazakhstan between China and Russia: trade and influence"),
    "kk": ("ӘОЖ 327.8\nХҒТАР 11.25.19\n\nА.Б. Иванов¹, Д.М. Туртугулова²*\n"
           "¹Л.Н. Гумилев атындағы Еуразия ұлттық университеті, Астана, Қазақстан\nE-mail: dina.turt@gmail.com\n\n"
           "ҚАЗАҚСТАН ҚЫТАЙ МЕН РЕСЕЙ АРАСЫНДА: САУДА ЖӘНЕ ЫҚПАЛ"),
    "ru": ("УДК 327.8\nМРНТИ 11.25.19\n\nА.Б. Иванов¹, Д.М. Туртугулова²*\n"
           "¹Евразийский национальный университет им. Л.Н. Гумилева, Астана, Казахстан\nE-mail: dina.turt@gmail.com\n\n"
           "Казахстан между Китаем и Россией: торговля и влияние"),
}
MARKERS = {"en": "Abstract", "kk": "Аңдатпа", "ru": "Аннотация"}
KEYWORDS = {"en": "Keywords: Kazakhstan, China, Russia, trade, influence.",
            "kk": "Түйін сөздер: Қазақстан, Қытай, Ресей, сауда, ықпал.",
            "ru": "Ключевые слова: Казахстан, Китай, Россия, торговля, влияние."}


def _abstract(lang: str, layout: str) -> str:
    bodies = [" ".join(sentences) for sentences in SENTENCES[lang]]
    labels = LABELS[lang]
    marker = MARKERS[lang]
    if layout == "label-line-above-text":  # "Purpose" on its line, its text on the next, no blank line
        return f"{marker}\n\n" + "\n\n".join(f"{label}\n{body}" for label, body in zip(labels, bodies, strict=True))
    if layout == "marker-and-first-label-on-one-line":  # "Abstract. Purpose" / text below
        parts = [f"{label}\n{body}" for label, body in zip(labels, bodies, strict=True)]
        return f"{marker}. " + "\n\n".join(parts)
    if layout == "one-paragraph-colon":  # "Purpose: … Methods: … Results: …"
        return f"{marker}\n\n" + " ".join(f"{label}: {body}" for label, body in zip(labels, bodies, strict=True))
    if layout == "label-run-into-text":  # "Purpose The aim of …": a label without punctuation
        return f"{marker}\n\n" + "\n\n".join(f"{label} {body}" for label, body in zip(labels, bodies, strict=True))
    if layout == "one-paragraph-run-in":  # "Purpose The aim … Methods Data of … Results The share …"
        return f"{marker}. " + " ".join(f"{label} {body}" for label, body in zip(labels, bodies, strict=True))
    if layout == "one-paragraph-period":  # "Purpose. … Methods. … Results. …"
        return f"{marker}. " + " ".join(f"{label}. {body}" for label, body in zip(labels, bodies, strict=True))
    assert layout == "unstructured"
    return f"{marker}. " + "\n\n".join(bodies)


def _article(layout: str, newline: str = "\n") -> str:
    text = "\n\n".join(f"{FRONT[lang]}\n\n{_abstract(lang, layout)}\n\n{KEYWORDS[lang]}" for lang in ("kk", "ru", "en"))
    return (text + "\n\nВведение\n\nТекст статьи начинается здесь.\n").replace("\n", newline)


@pytest.mark.parametrize("layout", ["label-line-above-text", "marker-and-first-label-on-one-line",
                                    "one-paragraph-colon", "one-paragraph-period", "label-run-into-text",
                                    "one-paragraph-run-in", "unstructured"])
def test_structured_abstract_sentences_come_out_whole(tmp_path, layout):
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbf" + _article(layout, "\r\n").encode())
    article = read_article(path)
    assert article.notes == []
    for lang in ("en", "kk", "ru"):
        part = article.part(lang)
        assert [s for paragraph in part.sentences for s in paragraph] == [
            s for paragraph in SENTENCES[lang] for s in paragraph], (lang, part.sentences)
        assert part.labels == ([] if layout == "unstructured" else LABELS[lang])
        assert len(part.authors) == 2 and part.keywords[0] in ("Kazakhstan", "Қазақстан", "Казахстан")


QUOTED = {"en": ['"Trade has grown," the ministry says.', "(1) China's share rose; (2) Russia's fell."],
          "kk": ["«Сауда өсті», – дейді министрлік.", "(1) Қытайдың үлесі өсті; (2) Ресейдікі азайды."],
          "ru": ["«Торговля выросла», – отмечает министерство.", "(1) Доля Китая выросла; (2) доля России снизилась."]}


def test_labels_run_on_before_a_quote_or_bracket_open_their_paragraphs():
    """"… structure. Results: «Since …»" and "Conclusion: (1) …" in one paragraph: the label was not
    seen before the quote or bracket, so it stayed glued to its sentence ("Results: «Since …") and the
    paragraph was not cut there (3 labels and paragraphs of 4, in every language)."""
    text = ""
    for lang in ("en", "kk", "ru"):
        bodies = [" ".join(SENTENCES[lang][0]), " ".join(SENTENCES[lang][1]), *QUOTED[lang]]
        text += f"{MARKERS[lang]}. " + " ".join(f"{label}: {body}" for label, body in zip(LABELS[lang], bodies,
                                                                                           strict=True))
        text += f"\n\n{KEYWORDS[lang]}\n\n"
    article = split_article(article_from_text(text, "quoted"))
    for lang in ("en", "kk", "ru"):
        part = article.part(lang)
        assert part.labels == LABELS[lang], lang
        assert part.sentences[2:] == [[QUOTED[lang][0]], [QUOTED[lang][1]]], lang


PDF_PARTS = {
    "en": ("IRSTI 11.25.19", "KAZAKHSTAN BETWEEN CHINA AND RUSSIA: TRADE AND INFLUENCE",
           "Ivanov A.B.1, Turtugulova D.M.2", "1Eurasian National University, Astana, Kazakhstan", "ABSTRACT",
           "Key words"),
    "kk": ("МРНТИ 11.25.19", "ҚАЗАҚСТАН ҚЫТАЙ МЕН РЕСЕЙ АРАСЫНДА: САУДА ЖӘНЕ ЫҚПАЛ", "Иванов А.Б.1, Туртугулова Д.М.2",
           "1Еуразия ұлттық университеті, Астана, Қазақстан", "АҢДАТПА", "Түйінді сөздер"),
    "ru": ("ГРНТИ 11.25.19", "КАЗАХСТАН МЕЖДУ КИТАЕМ И РОССИЕЙ: ТОРГОВЛЯ И ВЛИЯНИЕ", "Иванов А.Б.1, Туртугулова Д.М.2",
           "1Евразийский национальный университет, Астана, Казахстан", "АННОТАЦИЯ", "Ключевые слова"),
}


def _pdf_text(sentences: dict[str, list[list[str]]]) -> str:
    lines = []
    for lang in ("en", "kk", "ru"):
        code, title, authors, affiliation, marker, keywords = PDF_PARTS[lang]
        listed = "; ".join(KEYWORDS[lang].split(": ", 1)[1].rstrip(".").split(", "))
        email = "(E-mail: a@mail.ru, dina.turt@gmail.com)"
        lines += [code, *wrapped_lines(title, 40), authors, affiliation, email, marker]
        lines += [line for paragraph in sentences[lang] for line in wrapped_lines(" ".join(paragraph), 70)]
        lines += wrapped_lines(f"{keywords}: {listed}", 40)
    return "\n".join(lines) + "\n"


def test_pdf_text_without_blank_lines(tmp_path):
    """A PDF's text export: no blank lines, wrapped at a fixed width, the code line over the title, the
    title in capitals over two lines, the marker in capitals alone on its line, the keyword list
    wrapped after a semicolon. The marker was not found (the whole file read as one abstract), the
    code glued to the title, the list's last keyword cut off. Two Kazakh paragraphs and a Russian one
    end on a full line (only a short last line shows a paragraph's end): they ran on into the next,
    and kk and ru had false truncated notes."""
    path = tmp_path / "article.txt"
    path.write_text(_pdf_text(SENTENCES))
    article = read_article(path)
    assert article.notes == []
    for lang in ("en", "kk", "ru"):
        part = article.part(lang)
        assert part.paragraphs == [" ".join(sentences) for sentences in SENTENCES[lang]], lang
        assert part.title == PDF_PARTS[lang][1]
        assert len(part.authors) == 2
        assert part.keywords == KEYWORDS[lang].split(": ", 1)[1].rstrip(".").split(", ")


def test_label_word_opening_an_unstructured_abstract_stays_in_its_sentence():
    """"Цель Казахстана – …" reads like a label run into its sentence ("Цель Целью исследования …"),
    but a label without punctuation counts only in an abstract with two labels or more."""
    text = ("Аннотация. Цель Казахстана – войти в число 30 развитых стран мира. Для этого принята "
            "Стратегия «Казахстан-2050».\n\nКлючевые слова: стратегия, развитие.\n\n"
            "Abstract. Results Kazakhstan reported in 2020 were better than expected. The reasons are discussed."
            "\n\nKeywords: strategy, development.\n")
    article = split_article(article_from_text(text, "one-label-word"))
    assert article.part("ru").sentences == [["Цель Казахстана – войти в число 30 развитых стран мира.",
                                             "Для этого принята Стратегия «Казахстан-2050»."]]
    assert article.part("ru").labels == [] and article.part("en").labels == []
    assert article.part("en").sentences[0][0] == "Results Kazakhstan reported in 2020 were better than expected."


def test_pdf_text_with_a_paragraph_really_missing_keeps_its_note(tmp_path):
    """A full line that may end a paragraph is cut only where the other language ends one: the
    Russian text without its third paragraph is not cut to look whole, its note stands."""
    shortened = {**SENTENCES, "ru": [SENTENCES["ru"][0], SENTENCES["ru"][1], SENTENCES["ru"][3]]}
    article = article_from_text(_pdf_text(shortened), "missing-paragraph")
    assert [note.split(" ")[0] for note in article.notes] == ["truncated:ru:"]
    assert [len(article.part(lang).paragraphs) for lang in ("en", "kk")] == [4, 4]
