"""Text exports of Kazakh journal articles as people save them: a page break with its running header
in the middle of an abstract, and a .docx or web page saved as text (one line per paragraph, no
blank lines). Each abstract must come out in its printed paragraphs, no false truncated note."""

import pytest

from conftest import wrapped_lines
from ushtil.read import article_from_text

TITLES = {
    "en": "Water Diplomacy of Kazakhstan in the Syr Darya Basin",
    "kk": "Сырдария бассейніндегі Қазақстанның су дипломатиясы",
    "ru": "Водная дипломатия Казахстана в бассейне Сырдарьи",
}
BYLINES = {"en": "A.B. Nurlanova, K.S. Zhakypov", "kk": "А.Б. Нұрланова, Қ.С. Жақыпов",
           "ru": "А.Б. Нурланова, К.С. Жакыпов"}
MARKERS = {"en": "Abstract.", "kk": "Аңдатпа.", "ru": "Аннотация."}
KEYWORDS = {
    "en": "Keywords: water diplomacy, Syr Darya, Aral Sea, Central Asia, transboundary rivers.",
    "kk": "Түйін сөздер: су дипломатиясы, Сырдария, Арал теңізі, Орталық Азия, трансшекаралық өзендер.",
    "ru": "Ключевые слова: водная дипломатия, Сырдарья, Аральское море, Центральная Азия, трансграничные реки.",
}
PARAGRAPHS = {
    "en": ["The article examines the water policy of Kazakhstan in the Syr Darya basin in 1991–2022. The authors "
           "analyse interstate agreements with Uzbekistan, Kyrgyzstan and Tajikistan.",
           "It is shown that the Kok-Aral dam raised the level of the Small Aral Sea by 12 m. The results can be "
           "used by the Ministry of Ecology of the Republic of Kazakhstan."],
    "kk": ["Мақалада 1991–2022 жж. Сырдария бассейніндегі Қазақстанның су саясаты қарастырылады. Авторлар "
           "Өзбекстан, Қырғызстан және Тәжікстанмен мемлекетаралық келісімдерді талдайды.",
           "Көкарал бөгеті Кіші Арал теңізінің деңгейін 12 м көтергені көрсетілген. Нәтижелерді Қазақстан "
           "Республикасының Экология министрлігі пайдалана алады."],
    "ru": ["В статье рассматривается водная политика Казахстана в бассейне Сырдарьи в 1991–2022 гг. Авторы "
           "анализируют межгосударственные соглашения с Узбекистаном, Кыргызстаном и Таджикистаном.",
           "Показано, что Кокаральская плотина подняла уровень Малого Аральского моря на 12 м. Результаты могут "
           "быть использованы Министерством экологии Республики Казахстан."],
}
HEADER = "ISSN 1563-0285            Вестник КазНУ. Серия международные отношения. №2 (98). 2022"


def _check(article):
    assert article.notes == []
    for lang in ("en", "kk", "ru"):
        part = article.part(lang)
        assert part.paragraphs == PARAGRAPHS[lang], lang
        assert part.title == TITLES[lang] and len(part.authors) == 2 and len(part.keywords) == 5


def test_running_header_inside_a_sentence_going_on_with_a_capital():
    """The page ends after "в бассейне", the next page goes on "Сырдарьи в 1991–2022 гг." under the
    journal's header and page number: the Russian paragraph was cut in two (ru 3, a false
    truncated note for en and kk)."""
    parts = []
    for page, lang in enumerate(("en", "kk", "ru"), start=31):
        words = PARAGRAPHS[lang][0].split()
        first = f"{' '.join(words[:8])}\n\n{HEADER}\n\n{page}\n\n{' '.join(words[8:])}"
        parts.append(f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{MARKERS[lang]} {first}\n\n{PARAGRAPHS[lang][1]}\n\n"
                     f"{KEYWORDS[lang]}\n")
    _check(article_from_text("\n".join(parts), "header-inside"))


def test_one_line_per_paragraph_without_blank_lines():
    """A .docx saved as text: every paragraph one long line, no blank line between them; the two
    paragraphs of each abstract were read as one."""
    lines = []
    for lang in ("kk", "ru", "en"):
        lines += [TITLES[lang], BYLINES[lang], f"{MARKERS[lang]} {PARAGRAPHS[lang][0]}", PARAGRAPHS[lang][1],
                  KEYWORDS[lang]]
    _check(article_from_text("\n".join(lines) + "\n", "one-line-paragraphs"))


def test_journal_name_over_a_page_break_printed_twice():
    """A two-page article: the journal's running header (no ISSN, no issue number) stands once inside
    the English abstract and once inside the Kazakh one, each time in the middle of a sentence;
    printed only twice, it was kept as a paragraph of each abstract."""
    header = ("Bulletin of L.N. Gumilyov Eurasian National University. Political Science. Regional Studies. "
              "Oriental Studies. Turkology Series")
    parts = []
    for lang, cut in (("en", 8), ("kk", 5), ("ru", 0)):
        words = PARAGRAPHS[lang][0].split()
        first = f"{' '.join(words[:cut])}\n\n{header}\n\n{' '.join(words[cut:])}" if cut else PARAGRAPHS[lang][0]
        parts.append(f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{MARKERS[lang]} {first}\n\n{PARAGRAPHS[lang][1]}\n\n"
                     f"{KEYWORDS[lang]}\n")
    _check(article_from_text("\n".join(parts), "header-twice"))


def _side_by_side(left: list[str], right: list[str], width: int) -> str:
    left, right = left + [""] * (len(right) - len(left)), right + [""] * (len(left) - len(right))
    return "\n".join(f"{one:<{width}}{other}".rstrip() for one, other in zip(left, right, strict=True))




def test_pdf_text_export_keeping_two_columns_side_by_side():
    """`pdftotext -layout`: the English part over the full width, then the Kazakh part in the left
    column and the Russian one in the right, line beside line, no blank lines inside a column. Each
    line was read as one sentence of both languages: no Russian abstract, the Kazakh one mixed."""
    def column(lang: str, marker: str) -> list[str]:
        lines = [*wrapped_lines(TITLES[lang], 56), *wrapped_lines(BYLINES[lang], 56), marker]
        for paragraph in PARAGRAPHS[lang]:
            lines += wrapped_lines(paragraph, 56)
        return lines + wrapped_lines(KEYWORDS[lang], 56)

    english = "\n\n".join([TITLES["en"], BYLINES["en"], f"{MARKERS['en']} {PARAGRAPHS['en'][0]}",
                           PARAGRAPHS["en"][1], KEYWORDS["en"]])
    text = f"{HEADER}\n\n{english}\n\n{_side_by_side(column('kk', 'АҢДАТПА'), column('ru', 'АННОТАЦИЯ'), 62)}\n\n32\n"
    _check(article_from_text(text, "two-columns"))


def test_one_abstract_over_two_columns_then_one_column():
    """The Kazakh abstract runs down the left column into the right one, the Russian part below over
    the full width: the right column's keywords were read after the Russian title."""
    left = wrapped_lines(f"{MARKERS['kk']} {PARAGRAPHS['kk'][0]}", 50)
    right = [*wrapped_lines(PARAGRAPHS["kk"][1], 50), "", *wrapped_lines(KEYWORDS["kk"], 50)]
    parts = [f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{MARKERS[lang]} {PARAGRAPHS[lang][0]}\n\n{PARAGRAPHS[lang][1]}\n\n"
             f"{KEYWORDS[lang]}\n" for lang in ("en", "ru")]
    text = f"{parts[0]}\n{TITLES['kk']}\n\n{BYLINES['kk']}\n\n{_side_by_side(left, right, 55)}\n\n{parts[1]}"
    _check(article_from_text(text, "one-abstract-two-columns"))


def _part(lang: str, marker: str, after: str = "") -> str:
    return (f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{marker}\n\n" + "\n\n".join(PARAGRAPHS[lang])
            + f"\n\n{after}")


def test_numbered_body_heading_ends_an_abstract_without_keywords():
    """No keyword list: the abstract runs to the body's first heading, numbered "1 Introduction",
    "1. Кіріспе", "1. ВВЕДЕНИЕ"; the body was read as abstract, the next part's title with it."""
    headings = {"en": "1 Introduction", "kk": "1. Кіріспе", "ru": "1. ВВЕДЕНИЕ"}
    body = {"en": "Water resources of Central Asia are distributed unevenly.",
            "kk": "Орталық Азияның су ресурстары біркелкі бөлінбеген.",
            "ru": "Водные ресурсы Центральной Азии распределены неравномерно."}
    text = "\n\n".join(_part(lang, MARKERS[lang], f"{headings[lang]}\n\n{body[lang]}") for lang in ("en", "kk", "ru"))
    article = article_from_text(text, "numbered-headings")
    assert article.notes == []
    for lang in ("en", "kk", "ru"):
        assert article.part(lang).paragraphs == PARAGRAPHS[lang] and article.part(lang).title == TITLES[lang]


def test_letter_spaced_markers():
    """Markers printed letter-spaced on their own line, as headings are ("А Ң Д А Т П А"): no marker
    was found, the whole text was read as one abstract per language with titles and names in it."""
    spaced = {"en": "A B S T R A C T", "kk": "А Ң Д А Т П А", "ru": "А Н Н О Т А Ц И Я"}
    text = "\n\n".join(_part(lang, spaced[lang], KEYWORDS[lang]) for lang in ("en", "kk", "ru"))
    _check(article_from_text(text, "letter-spaced"))


def test_summary_at_the_end_with_its_title_and_names_under_the_marker():
    """A Kazakh article ends with the Russian and English summaries, each marker over the title and
    the names: the title was read as the whole abstract, the names ended it."""
    body = "Кіріспе\n\nОрталық Азияның су ресурстары біркелкі бөлінбеген."
    kazakh = _part("kk", MARKERS["kk"], f"{KEYWORDS['kk']}\n\n{body}")
    ends = [f"{marker}\n\n{TITLES[lang]}\n\n{BYLINES[lang]}\n\n" + "\n\n".join(PARAGRAPHS[lang])
            + f"\n\n{KEYWORDS[lang]}" for lang, marker in (("ru", "РЕЗЮМЕ"), ("en", "SUMMARY"))]
    _check(article_from_text("\n\n".join([kazakh, *ends]) + "\n", "summaries-at-the-end"))


AFFILIATIONS = {"en": "Al-Farabi Kazakh National University, Almaty, Kazakhstan",
                "kk": "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан",
                "ru": "Казахский национальный университет имени аль-Фараби, Алматы, Казахстан"}


def test_one_author_a_line_each_with_an_affiliation():
    """"A.B. Nurlanova1" / "1Al-Farabi …" / "K.S. Zhakypov2" / "2…": only the last author was kept."""
    parts = []
    for lang in ("en", "kk", "ru"):
        first, second = BYLINES[lang].split(", ")
        front = f"{TITLES[lang]}\n\n{first}1\n1{AFFILIATIONS[lang]}\n\n{second}2\n2{AFFILIATIONS[lang]}"
        parts.append(f"{front}\n\n{MARKERS[lang]} " + "\n\n".join(PARAGRAPHS[lang]) + f"\n\n{KEYWORDS[lang]}")
    article = article_from_text("\n\n".join(parts), "author-lines")
    _check(article)
    assert article.part("kk").authors == ["А.Б. Нұрланова", "Қ.С. Жақыпов"]


def test_received_line_between_byline_and_marker_is_no_title():
    """"Received: 12.03.2022; Accepted: 20.05.2022" right above the marker was read as the title."""
    received = {"en": "Received: 12.03.2022; Accepted: 20.05.2022", "kk": "Мақала түсті: 12.03.2022",
                "ru": "Поступила в редакцию: 12.03.2022"}
    parts = [f"{TITLES[lang]}\n\n{BYLINES[lang]}\n{AFFILIATIONS[lang]}\n\n{received[lang]}\n\n{MARKERS[lang]} "
             + "\n\n".join(PARAGRAPHS[lang]) + f"\n\n{KEYWORDS[lang]}" for lang in ("en", "kk", "ru")]
    _check(article_from_text("\n\n".join(parts), "received-line"))


def test_references_without_blank_lines_then_the_next_parts_title():
    """The English part's numbered references, a line each, and right under them the Kazakh title,
    byline and affiliation, without blank lines. The references ran together and the Kazakh title
    was glued to the last one (no Kazakh title)."""
    references = "\n".join([
        "REFERENCES",
        "1. Allouche J. Water nationalism: an explanation of the past and present conflicts in Central Asia",
        "2. Жақыпов Қ.С. Орталық Азиядағы су мәселесі. – Алматы: Қазақ университеті, 2019. – 240 б.",
        "3. Нурланова А.Б. Водные ресурсы Казахстана // Вестник КазНУ. – 2020. – №3 (91). – С. 45–53.",
    ])
    parts = []
    for lang in ("en", "kk", "ru"):
        front = f"{TITLES[lang]}\n{BYLINES[lang]}\n{AFFILIATIONS[lang]}"
        parts.append(f"{front}\n\n{MARKERS[lang]} " + "\n\n".join(PARAGRAPHS[lang]) + f"\n\n{KEYWORDS[lang]}")
    text = f"{parts[0]}\n\n{references}\n{parts[1]}\n\n{parts[2]}\n"
    article = article_from_text(text, "references-then-title")
    _check(article)
    assert article.part("kk").title == TITLES["kk"]


def test_markers_with_latin_letters_drawn_like_cyrillic():
    """A PDF font that maps some Cyrillic letters to their Latin twins: "Aңдатпа" (Latin A),
    "Түйін сөздeр" (Latin e), "Аннотaция", "Ключевые cлова". No Kazakh or Russian abstract was found."""
    markers = {"en": ("Abstract.", "Keywords:"), "kk": ("Aңдатпа.", "Түйін сөздeр:"),
               "ru": ("Аннотaция.", "Ключевые cлова:")}
    parts = [f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{markers[lang][0]} " + "\n\n".join(PARAGRAPHS[lang])
             + f"\n\n{markers[lang][1]} {KEYWORDS[lang].split(': ', 1)[1]}" for lang in ("en", "kk", "ru")]
    _check(article_from_text("\n\n".join(parts), "latin-twins"))


def test_keyword_marker_alone_over_its_list_in_lower_case():
    """"KEYWORDS" on its line, the list in lower case on the next: it was joined to the marker as a
    paragraph cut by a page break, so no keywords and the list read as abstract."""
    markers = {"en": "KEYWORDS", "kk": "ТҮЙІН СӨЗДЕР", "ru": "КЛЮЧЕВЫЕ СЛОВА"}
    parts = [f"{TITLES[lang]}\n\n{BYLINES[lang]}\n\n{MARKERS[lang]} " + "\n\n".join(PARAGRAPHS[lang])
             + f"\n\n{markers[lang]}\n{KEYWORDS[lang].split(': ', 1)[1]}" for lang in ("en", "kk", "ru")]
    _check(article_from_text("\n\n".join(parts), "keywords-alone"))


def test_markdown_table_padded_with_spaces_is_no_two_column_page():
    """A Markdown table of the three languages, its cells padded with spaces to line up: read cell by
    cell as a table, not cut into page columns at the padding."""
    cells = [["English", "Қазақша", "Русский"], [TITLES[lang] for lang in ("en", "kk", "ru")],
             [f"{MARKERS[lang]} {PARAGRAPHS[lang][0]}" for lang in ("en", "kk", "ru")],
             [PARAGRAPHS[lang][1] for lang in ("en", "kk", "ru")],
             [KEYWORDS[lang] for lang in ("en", "kk", "ru")]]
    width = max(len(cell) for row in cells for cell in row) + 4
    rows = ["| " + " | ".join(cell.ljust(width) for cell in row) + " |" for row in cells]
    rows.insert(1, "|" + "|".join("-" * (width + 2) for _ in range(3)) + "|")
    article = article_from_text("\n".join(rows) + "\n", "padded-table")
    assert [article.part(lang).paragraphs for lang in ("en", "kk", "ru")] == [
        PARAGRAPHS[lang] for lang in ("en", "kk", "ru")]


SEED_AFFILIATIONS = {"en": "L.N. Gumilyov Eurasian National University, Astana, Kazakhstan",
                     "kk": "Л.Н. Гумилев атындағы Еуразия ұлттық университеті, Астана, Қазақстан",
                     "ru": "Евразийский национальный университет имени Л.Н. Гумилева, Астана, Казахстан"}


@pytest.mark.parametrize("markdown", [False, True], ids=["txt", "md"])
def test_short_abstract_without_final_stop_over_the_next_byline_stays_the_abstract(seed_article, markdown):
    """The seed's parts as a journal prints them one after another, each its byline, affiliation,
    title, marker alone on its line and a one-sentence abstract whose final stop was lost: the
    abstract over the next part's byline was read as the part's title (the byline as its authors,
    the affiliation as its abstract)."""
    parts, abstracts = [], {}
    for lang, marker in (("en", "Abstract"), ("kk", "Аңдатпа"), ("ru", "Аннотация")):
        seed = seed_article.part(lang)
        abstracts[lang] = seed.sentences[0][0].rstrip(".")
        assert len(abstracts[lang].split()) <= 30
        title, marker = (f"# {seed.title}", f"**{marker}**") if markdown else (seed.title, marker)
        front = f"{', '.join(seed.authors)}\n\n{SEED_AFFILIATIONS[lang]}\n\n{title}"
        parts.append(f"{front}\n\n{marker}\n\n{abstracts[lang]}")
    article = article_from_text("\n\n".join(parts) + "\n", "short-abstracts")
    for lang in ("en", "kk", "ru"):
        part, seed = article.part(lang), seed_article.part(lang)
        assert part.paragraphs == [abstracts[lang]], lang
        assert part.title == seed.title and part.authors == seed.authors, lang


def test_summary_with_its_title_and_names_over_a_label_alone():
    """"РЕЗЮМЕ" / title / names / "Цель исследования" alone on its line / text: the label opens the
    summary's text, so the title and names over it are the part's."""
    text = (f"{_part('kk', MARKERS['kk'], KEYWORDS['kk'])}\n\nРЕЗЮМЕ\n\n{TITLES['ru']}\n\n{BYLINES['ru']}\n\n"
            f"Цель исследования\n\n" + "\n\n".join(PARAGRAPHS["ru"]) + f"\n\n{KEYWORDS['ru']}\n")
    russian = article_from_text(text, "summary-with-label").part("ru")
    assert (russian.title, len(russian.authors)) == (TITLES["ru"], 2)
    assert russian.paragraphs == PARAGRAPHS["ru"] and russian.labels[0] == "Цель исследования"



def test_many_lines_printed_twice_are_read_in_linear_time():
    """Each line printed twice looked for its neighbours by stripping every line before it: an 8 MB
    article took 18 s to read (now 5 s), a list of 20,000 lines each printed twice over a minute."""
    import time

    from ushtil.read.layout import _headers_inside_sentences

    for end in (".", ""):
        lines = [f"Sentence number {n % 10000} of a long reference list, repeated{end}" for n in range(20000)]
        started = time.perf_counter()
        assert _headers_inside_sentences(lines, set()) == set()
        assert time.perf_counter() - started < 5


@pytest.mark.parametrize("rule", ["***", "* * *", "---", "<hr>", "<br/>"])
def test_a_line_of_markup_alone_is_no_paragraph(rule):
    """A Markdown or HTML rule between paragraphs: "***", "<hr>" and "<br/>" left a block with no text,
    and the article was refused ("internal error (IndexError …)"); "* * *" and "---" were a sentence."""
    article = article_from_text(f"Abstract. Kazakhstan borders China.\n\n{rule}\n\nIt is large.\n", "rule")
    assert article.part("en").paragraphs == ["Kazakhstan borders China.", "It is large."]


def test_markdown_links_keep_their_text_and_images_go():
    """A link kept its target in the abstract ("[the report](https://doi.org/…)"), and an image inlined
    as base64 made the English abstract's last paragraph 200 KB of base64 (its language unknown)."""
    text = ("Abstract. Kazakhstan borders China, see [the report](https://doi.org/10.1/x \"DOI\"). "
            "As [1](2015) shows, it is large.\n\n![Figure 1](data:image/png;base64,iVBORw0KGgo/AAA+=)\n\n"
            "Keywords: Kazakhstan, China.\n")
    part = article_from_text(text, "links").part("en")
    assert part.paragraphs == ["Kazakhstan borders China, see the report. As [1](2015) shows, it is large."]
