"""Finding each language's title, authors, abstract and keywords among an article's paragraphs.

An abstract starts at a marker (Abstract, Аңдатпа, Аннотация, … from the language data files) and
runs until its keyword list, a section heading, another marker or an author line. A structured
abstract's labels ("Relevance.", "Цель:", "Әдістері —") stay inside it, recorded per paragraph.
Its title and authors are the heading-like paragraphs just before the marker, or given with inline
labels ("Topic: … Authors: …"). The language of an abstract is identified from its text; the marker
is only a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..langid import identify
from ..langs import LANGUAGE_CODES, get_language, letters
from .layout import Paragraph

#: An abstract longer than this many paragraphs has lost its end marker: cut it there.
MAX_ABSTRACT_PARAGRAPHS = 12
#: How many paragraphs before a marker may hold its title and authors.
FRONT_MATTER_WINDOW = 8
#: The longest title read under a marker ("SUMMARY" / title / names): a short abstract without a
#: final stop over the next part's byline is no title.
MAX_TITLE_WORDS = 30

_UPPER = letters(upper=True)
_LOWER = letters()
_INITIAL = rf"[{_UPPER}][{_LOWER}]?\."
_SURNAME = rf"[{_UPPER}][{_LOWER}'’\-]+(?:-[{_UPPER}][{_LOWER}]+)?"
#: a surname in capitals ("Д.М. ТУРТУГУЛОВА"), taken only beside initials: "CENTRAL ASIA" is no name
_CAPITAL_SURNAME = rf"[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?"
_NAME = re.compile(
    rf"^(?:(?:{_INITIAL}\s?){{1,3}}\s*(?:{_SURNAME}|{_CAPITAL_SURNAME})"
    rf"|(?:{_SURNAME}|{_CAPITAL_SURNAME})\s+(?:{_INITIAL}\s?){{1,3}}"
    rf"|{_SURNAME}\s+{_SURNAME}(?:\s+{_SURNAME})?)$"
)
_NAME_NOISE = re.compile(r"[*\d†‡§¹²³⁴⁵⁶⁷⁸⁹⁰()]+")
_INITIALS_GLUED = re.compile(rf"((?:{_INITIAL}){{1,3}})(?=[{_UPPER}][{_LOWER}])")


def _alternatives(attribute: str) -> str:
    """A regex alternation of the labels every language record lists under ``attribute``, longest first."""
    words = {word for lang in LANGUAGE_CODES for word in getattr(get_language(lang), attribute)}
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


#: a line opening with a classification label of any language (UDC, ӘОЖ, УДК, … and DOI)
_CLASSIFICATION = rf"^(?:{_alternatives('classification_labels')})\b"
_METADATA = re.compile(rf"{_CLASSIFICATION}|https?://|@", re.IGNORECASE)


def is_classification_line(line: str) -> bool:
    """A line of classification codes or a DOI ("UDC 327.8", "МРНТИ 11.25.19", "DOI: 10.…"): a
    paragraph of its own, never the start of the title below it."""
    return re.match(_CLASSIFICATION, line, re.IGNORECASE) is not None
_KEYWORD_SEPARATOR = re.compile(r"\s*[,·•]\s*")
_SENTENCE_END_TITLE = re.compile(r"[.!?;]\s*$")
_SEMICOLON = re.compile(r"\s*;\s*")
_DASH_SEPARATOR = re.compile(r"\s+[—–-]\s+")


@dataclass
class Marker:
    """A marker word found at the start of a paragraph, and the text that follows it."""

    kind: str  # "abstract" | "keywords" | "section"
    lang: str
    word: str
    rest: str


@dataclass
class Region:
    """One abstract found in the text, before language identification settles its slot."""

    marker: Marker | None
    paragraphs: list[str]
    keywords: list[str] = field(default_factory=list)
    #: the label of each paragraph of a structured abstract, "" where none
    labels: list[str] = field(default_factory=list)
    title: str = ""
    authors: list[str] = field(default_factory=list)
    lang: str = ""
    confidence: float = 0.0


@cache
def _markers() -> tuple[re.Pattern, list[tuple[str, str, str]]]:
    """One pattern of every marker, longest first so "Түйін сөздер" beats "Түйін" (alternative
    number ``i``, group ``i + 1``, is marker ``i``: tried in order, as separate patterns would be,
    but compiled at once: a re-run reading one new article compiled some eighty patterns for it),
    and (kind, lang, word) of each."""
    markers = []
    for lang in LANGUAGE_CODES:
        language = get_language(lang)
        for kind, words in (
            ("keywords", language.keyword_markers),
            ("abstract", language.abstract_markers),
            ("section", language.section_markers),
        ):
            for word in language.with_typed_forms(words):  # an old font's markers too (Туйин создер)
                markers.append((kind, lang, word))
    markers.sort(key=lambda marker: -len(marker[2]))
    alternatives = []
    for kind, _, word in markers:
        spaced = r"[\s-]+".join(map(re.escape, word.split()))
        # a section heading may be numbered ("1 Introduction", "1. Кіріспе")
        number = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?" if kind == "section" else ""
        alternatives.append(f"({number}{spaced})")
    # a marker is followed by punctuation (Abstract. / Аңдатпа:) or ends the paragraph
    pattern = re.compile(rf"^(?:{'|'.join(alternatives)})\s*(?:[.:—–-]\s*|$)(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
    return pattern, markers


@cache
def _labels() -> tuple[re.Pattern, list[bool]]:
    """One pattern of every structured-abstract label, longest first (alternative ``i``, group
    ``i + 1``, is label ``i``; see :func:`_markers`), and whether each is also a section heading.
    After the label: punctuation, a dash, or nothing before a capital ("Purpose The aim …")."""
    sections = {word.lower() for lang in LANGUAGE_CODES for word in get_language(lang).section_markers}
    labels = sorted({word for lang in LANGUAGE_CODES
                     for word in get_language(lang).with_typed_forms(get_language(lang).abstract_labels)},
                    key=lambda w: -len(w))
    alternatives = "|".join("(" + r"[\s-]+".join(map(re.escape, word.split())) + ")" for word in labels)
    pattern = re.compile(
        rf"^(?:{alternatives})\s*(?:[.:]\s*|(?P<dash>\s?[—–]\s*|\s-\s*)|(?P<bare>(?<=\s))(?-i:(?=[{_UPPER}]))|$)"
        r"(?P<rest>.*)$",
        re.IGNORECASE | re.DOTALL,
    )
    return pattern, [word.lower() in sections for word in labels]


def _alternative(match: re.Match) -> int:
    """The number of the alternative that matched (the first group of :func:`_markers` or
    :func:`_labels` that took part)."""
    return next(number for number in range(1, match.re.groups + 1) if match.start(number) != -1) - 1


def find_label(text: str) -> tuple[str, str, bool, str] | None:
    """The structured-abstract label opening ``text`` as (label, text after it, also a section
    heading, weak). Weak is "dash" or "bare" for a label followed by a dash or by no punctuation at
    all ("" otherwise): "Цель исследования – оценить …" or "Цель Казахстана …" may be a sentence."""
    pattern, sections = _labels()
    match = pattern.match(text)
    if match is None:
        return None
    label = text[: match.start("rest")].strip(" .:—–-\n\t")
    weak = next((kind for kind in ("dash", "bare") if match.group(kind) is not None), "")
    return label, match.group("rest").strip(), sections[_alternative(match)], weak


@cache
def _inner_labels(bare: bool = False) -> re.Pattern:
    """A label inside a paragraph after a sentence's end ("… loans. Methods: Data …"), written as
    the language data writes it or in capitals; its group is the label. ``bare``: the labels of a
    paragraph that opened with a label without punctuation ("… loans. Methods Data …"). Its text
    may open with a quote or bracket ("… structure. Results: «Since …»", "Results: (1) …")."""
    words = {word for lang in LANGUAGE_CODES for word in get_language(lang).abstract_labels}
    words |= {word.upper() for word in words}
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda w: -len(w)))
    after = rf"\s+(?=[{_UPPER}])" if bare else r"\s*[:.]\s+(?=[\w«\"“„‘(\[])"
    return re.compile(rf"(?<=[.!?…»\"”)])\s+({alternatives}){after}")


@cache
def _inline_front_labels() -> re.Pattern:
    """"Topic: … Authors: …" anywhere in a paragraph; group names say which label it is."""
    return re.compile(
        rf"(?:^|(?<=\s))(?:(?P<title>{_alternatives('title_labels')})|(?P<authors>{_alternatives('author_labels')}))"
        r"\s*:\s*",
        re.IGNORECASE,
    )


def labelled_front_matter(text: str) -> tuple[str, list[str]]:
    """Title and authors given with inline labels: "Topic: … Authors: A. Totin, B. Ali"."""
    matches = list(_inline_front_labels().finditer(text))
    title, authors = "", []
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        value = text[match.end():end].strip().rstrip(";").strip()
        if match.group("title"):
            title = value.rstrip(".")
        else:
            authors = split_names(value) or [name.strip() for name in re.split(r"[,;]", value) if name.strip()]
    return title, authors


#: a word printed letter-spaced, as headings are ("А Ң Д А Т П А", "A B S T R A C T")
_LETTER_SPACED = re.compile(r"^(?:[^\W\d_] ){3,}[^\W\d_](?![^\W\d_])")


def find_marker(text: str) -> Marker | None:
    """The marker that opens ``text``, if any (also letter-spaced)."""
    spaced = _LETTER_SPACED.match(text)
    if spaced:
        text = spaced.group().replace(" ", "") + text[spaced.end():]
    pattern, markers = _markers()
    match = pattern.match(text)
    if match is None:
        return None
    kind, lang, word = markers[_alternative(match)]
    return Marker(kind, lang, word, match.group("rest").strip())


@cache
def _name_separator() -> re.Pattern[str]:
    """What separates the names of a byline: a comma, a semicolon, or a language's joining word."""
    joiners = [re.escape(word) for code in LANGUAGE_CODES for word in get_language(code).name_joiners]
    return re.compile(rf"\s*(?:[,;]|\b(?:{'|'.join(joiners)})\b)\s*")


def split_names(text: str) -> list[str]:
    """Author names of a byline, or [] when the paragraph is not a byline."""
    text = _NAME_NOISE.sub(" ", text)
    pieces = [piece.strip() for piece in _name_separator().split(text) if piece.strip(" .")]
    if not pieces or len(pieces) > 30:
        return []
    names = []
    for piece in pieces:
        piece = _INITIALS_GLUED.sub(r"\1 ", re.sub(r"\s+", " ", piece)).strip()
        if not _NAME.match(piece):
            piece = piece.rstrip(".")  # "Turtugulova D.M." keeps its period, "Akimova." loses it
            if not _NAME.match(piece):
                return []
        names.append(piece)
    return names


def split_keywords(text: str) -> list[str]:
    """A keyword list cut at semicolons, else at commas, else at dashes; final period dropped."""
    text = text.strip().rstrip(".;")
    if ";" in text:
        separator = _SEMICOLON
    elif _KEYWORD_SEPARATOR.search(text):
        separator = _KEYWORD_SEPARATOR
    else:
        separator = _DASH_SEPARATOR
    return [keyword.strip() for keyword in separator.split(text) if keyword.strip()]


def _is_affiliation(text: str) -> bool:
    """"L.N. Gumilyov Eurasian National University, Astana, Kazakhstan": an institution word and a comma."""
    lowered = text.lower()
    return "," in text and any(
        word.lower() in lowered for lang in LANGUAGE_CODES for word in get_language(lang).affiliation_words
    )


def title_versions(text: str) -> list[str]:
    """The language versions of a title printed on one line, "Қазақша / Русский / English", each of
    three words or more ([] for one title; "АЙМАҚТАНУ/ REGIONAL STUDIES" is a rubric, not a title)."""
    pieces = [piece.strip() for piece in re.split(r"\s+/\s+|\s*//\s*", text)]
    if len(pieces) < 2 or any(len(piece.split()) < 3 for piece in pieces):
        return []
    return pieces


#: a date ("12.03.2022"): a line of when the article was received or published, never a title
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def _is_title_like(paragraph: Paragraph) -> bool:
    text = paragraph.text
    words = text.split()
    if not 2 <= len(words) <= 120 or _METADATA.search(text) or _DATE.search(text) or (
            "/" in text and not title_versions(text)):
        return False
    if not title_versions(text) and len(words) > 40:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and (paragraph.heading or not text.endswith("."))


def find_regions(paragraphs: list[Paragraph]) -> list[Region]:
    """Every abstract in the article with its keywords, title and authors."""
    markers = [find_marker(paragraph.text) for paragraph in paragraphs]
    regions = []
    previous_end = 0
    index = 0
    while index < len(paragraphs):
        marker = markers[index]
        if marker is None or marker.kind != "abstract":
            index += 1
            continue
        region = Region(marker=marker, paragraphs=[])
        weak: dict[int, str] = {}  # paragraphs whose label was followed by a dash or nothing: their full text
        pending = _add_paragraph(region, marker.rest, "", weak) if marker.rest else ""
        end = index + 1 if marker.rest else _front_matter_under_marker(region, paragraphs, markers, index + 1)
        while end < len(paragraphs) and len(region.paragraphs) < MAX_ABSTRACT_PARAGRAPHS:
            paragraph, following = paragraphs[end], markers[end]
            if following is None and _inline_front_labels().match(paragraph.text):
                # "Тема: … Авторы: …" right under the marker: the part's title and byline
                title, names = labelled_front_matter(paragraph.text)
                region.title, region.authors = region.title or title, region.authors or names
                end += 1
                continue
            label = find_label(paragraph.text) if following is None or following.kind == "section" else None
            # a label that is also a section word ("Methods", "Conclusion") counts at the abstract's
            # start or inside an abstract already structured by labels; otherwise it is the body's heading
            structured = any(region.labels) or pending or not region.paragraphs
            if label and (structured or not label[2]) and (label[1] or not paragraph.heading or structured):
                pending = _add_paragraph(region, paragraph.text, pending, weak)
                end += 1
                continue
            if following is not None:
                if following.kind == "keywords":
                    rest, end = following.rest, end + 1
                    if not rest and end < len(paragraphs) and markers[end] is None and not paragraphs[end].heading:
                        rest, end = paragraphs[end].text, end + 1  # "Keywords:" alone, the list below it
                    region.keywords = split_keywords(rest)
                break
            if paragraph.heading or split_names(paragraph.text):
                break
            pending = _add_paragraph(region, paragraph.text, pending, weak)
            end += 1
        _drop_lone_weak_label(region, weak)
        _attach_front_matter(region, paragraphs, markers, max(previous_end, index - FRONT_MATTER_WINDOW), index)
        regions.append(region)
        previous_end = end
        index = end
    return regions


def _front_matter_under_marker(
    region: Region, paragraphs: list[Paragraph], markers: list[Marker | None], start: int
) -> int:
    """A summary printed at the article's end under its marker ("SUMMARY" / title / names / text):
    the title over a byline, or a byline, right under the marker are the part's, not its first
    paragraphs; returns where the abstract's text starts. A title over a byline needs its text
    under them: a short abstract without a final stop over the byline, affiliation and title of the
    next part (or over nothing, or the next marker) is the abstract, not a title."""
    ahead: list[Paragraph] = []  # the two paragraphs under the marker, up to the next marker
    for paragraph, marker in zip(paragraphs[start:start + 2], markers[start:start + 2], strict=True):
        if marker is not None:
            break
        ahead.append(paragraph)
    if (len(ahead) == 2 and _is_title_like(ahead[0]) and len(ahead[0].text.split()) <= MAX_TITLE_WORDS
            and not split_names(ahead[0].text) and split_names(ahead[1].text)
            and _text_follows(paragraphs, markers, start + 2)):
        region.title, region.authors = ahead[0].text, split_names(ahead[1].text)
        return start + 2
    if ahead and split_names(ahead[0].text):
        region.authors = split_names(ahead[0].text)
        return start + 1
    return start


def _text_follows(paragraphs: list[Paragraph], markers: list[Marker | None], start: int) -> bool:
    """Whether running text (no marker, byline or title; a structured abstract's label is text)
    comes at ``start``, affiliations and e-mail lines passed over."""
    for paragraph, marker in zip(paragraphs[start:], markers[start:], strict=True):
        if marker is None and (_is_affiliation(paragraph.text) or _METADATA.search(paragraph.text)):
            continue
        return marker is None and not split_names(paragraph.text) and (
            find_label(paragraph.text) is not None or not _is_title_like(paragraph))
    return False


def _add_paragraph(region: Region, text: str, pending: str, weak: dict[int, str]) -> str:
    """Add a paragraph, its label taken off; returns a label standing alone, for the next paragraph.
    Under a label standing alone, "Зерттеудің мақсаты – …" opens the paragraph's first sentence."""
    label = find_label(text)
    if label and label[3] and pending:
        label = None
    bare = bool(label) and label[3] == "bare"
    if label:
        if label[3]:
            weak[len(region.paragraphs)] = text
        name, text = label[0], label[1]
        if not text:
            return name
    else:
        name = pending
    # a structured abstract printed as one paragraph: "Purpose: … Methods: … Results: …", or with its
    # labels run into their sentences ("Purpose The aim … Methods Data …")
    pieces = _inner_labels(bare).split(text) if name and (bare or not (label and label[3])) else [text]
    region.paragraphs.append(pieces[0])
    region.labels.append(name)
    for inner_name, inner_text in zip(pieces[1::2], pieces[2::2], strict=True):
        region.paragraphs.append(inner_text)
        region.labels.append(inner_name)
    return ""


def _drop_lone_weak_label(region: Region, weak: dict[int, str]) -> None:
    """A label followed by a dash or by no punctuation is a label only in an abstract structured by
    two labels or more: "Цель исследования – оценить …" or "Цель Казахстана – …" alone opens an
    unstructured abstract's first sentence."""
    if sum(1 for name in region.labels if name) < 2:
        for position, text in weak.items():
            region.paragraphs[position], region.labels[position] = text, ""
    if not any(region.labels):
        region.labels = []


def _attach_front_matter(
    region: Region, paragraphs: list[Paragraph], markers: list[Marker | None], start: int, stop: int
) -> None:
    """Title and authors from the paragraphs between the previous abstract and this marker."""
    title_at = -1
    for position in range(stop - 1, start - 1, -1):
        paragraph = paragraphs[position]
        if markers[position] is not None and markers[position].kind != "section":
            break
        if re.match(r"^\d{1,3}\.\s", paragraph.text):
            break  # a numbered reference: the previous article part ends here
        labelled = _inline_front_labels().match(paragraph.text)
        title, names = labelled_front_matter(paragraph.text) if labelled else ("", [])
        if title or names:
            region.title = region.title or title
            region.authors = region.authors or names
            continue
        names = split_names(paragraph.text)
        if names:
            # one name a line under the title ("A.B. Nurlanova1" / affiliation / "K.S. Zhakypov2"): all
            # the bylines between the title and the marker are the authors, in their order
            if not region.authors or not region.title:
                region.authors = [*names, *(name for name in region.authors if name not in names)]
            continue
        if region.title or _is_affiliation(paragraph.text) or not _is_title_like(paragraph):
            continue
        region.title, title_at = paragraph.text, position
    # a title wrapped over two paragraphs (a PDF's lines): "… in Central Asia" / "in the Clash …"
    if title_at > start and _continues_title(paragraphs[title_at - 1], paragraphs[title_at], markers[title_at - 1]):
        region.title = f"{paragraphs[title_at - 1].text} {region.title}"


def _continues_title(first: Paragraph, second: Paragraph, marker: Marker | None) -> bool:
    if marker is not None or not _is_title_like(first) or split_names(first.text) or _is_affiliation(first.text):
        return False
    if first.heading != second.heading or _SENTENCE_END_TITLE.search(first.text):
        return False
    both_upper = first.text.isupper() and second.text.isupper()
    return both_upper or second.text[:1].islower()


def body_region(paragraphs: list[Paragraph]) -> list[Region]:
    """Without any marker, the text itself is the abstract: one region per language found."""
    by_lang: dict[str, Region] = {}
    for paragraph in paragraphs:
        if _METADATA.search(paragraph.text) and len(paragraph.text) < 200:
            continue
        guess = identify(paragraph.text)
        if not guess.lang:
            continue
        region = by_lang.setdefault(guess.lang, Region(marker=None, paragraphs=[], lang=guess.lang))
        region.paragraphs.append(paragraph.text)
    return list(by_lang.values())
