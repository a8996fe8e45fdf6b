"""Plain data classes that travel between the pipeline stages.

read → split → align → glossary → check → export: each stage takes and returns these, never
string-keyed dicts, so a notebook can inspect every intermediate result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .langs import LANGUAGE_CODES

#: The languages of a trilingual article, in the order every table shows them.
LANGS: tuple[str, ...] = LANGUAGE_CODES


@dataclass
class Abstract:
    """One language's front matter of an article: title, authors, abstract and keywords.

    ``paragraphs`` is the abstract's text (exported as ``abstract`` in JSON), as the reader finds
    it; ``sentences`` holds the same paragraphs split into sentences, one list per paragraph, filled
    by the splitter (:func:`ushtil.split.split_article`; empty as the reader returns the article).
    """

    lang: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    sentences: list[list[str]] = field(default_factory=list)
    #: the marker that introduced the abstract ("Аңдатпа", "Abstract", …), "" when none was found
    marker: str = ""
    #: language identified from the abstract's own text (may differ from ``lang``)
    detected_lang: str = ""
    #: the label of each paragraph of a structured abstract ("Relevance", "Цель", "" for none),
    #: parallel to ``paragraphs``; empty when no paragraph has a label
    labels: list[str] = field(default_factory=list)
    #: words the reader found typed with lookalike letters of another script ("Қaзaқстан" with Latin
    #: a) and reads in their own script: ``[section, index, start, written]`` each, where section is
    #: title / authors / abstract / keywords, index the author, paragraph or keyword, start the
    #: word's place in it (the text holds the word so read at the same place)
    respelled: list[list] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.paragraphs or self.keywords)

    @property
    def found(self) -> dict[str, int]:
        """What the reader found: 1/0 title, and how many authors, paragraphs, sentences, keywords."""
        return {
            "title": int(bool(self.title)),
            "authors": len(self.authors),
            "paragraphs": len(self.paragraphs),
            "sentences": sum(len(paragraph) for paragraph in self.sentences),
            "keywords": len(self.keywords),
        }

    @property
    def sentence_list(self) -> list[str]:
        """All sentences of the abstract in reading order, paragraphs flattened."""
        return [sentence for paragraph in self.sentences for sentence in paragraph]

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "abstract": list(self.paragraphs),
            "keywords": list(self.keywords),
            "sentences": [list(p) for p in self.sentences],
            "marker": self.marker,
            "detected_lang": self.detected_lang,
            "labels": list(self.labels),
            "found": self.found,
            **({"respelled": [list(item) for item in self.respelled]} if self.respelled else {}),
        }

    @classmethod
    def from_dict(cls, lang: str, data: dict) -> Abstract:
        return cls(
            lang=lang,
            title=data.get("title", ""),
            authors=list(data.get("authors", [])),
            paragraphs=list(data.get("abstract", [])),
            keywords=list(data.get("keywords", [])),
            sentences=[list(p) for p in data.get("sentences", [])],
            marker=data.get("marker", ""),
            detected_lang=data.get("detected_lang", ""),
            labels=list(data.get("labels", [])),
            respelled=[list(item) for item in data.get("respelled", [])],
        )


@dataclass
class Article:
    """A trilingual article as read from one file (or from three abstract files)."""

    id: str
    source: str
    parts: dict[str, Abstract] = field(default_factory=dict)
    #: what a reader of the file should know: missing parts, wrong languages, skipped noise
    notes: list[str] = field(default_factory=list)
    #: text the reader found but could not give a slot: a second abstract in a language whose slot
    #: is filled (a Russian text under the Kazakh marker beside the real Russian abstract). Kept so
    #: that no text is lost; each has a ``duplicate:`` note.
    extras: list[Abstract] = field(default_factory=list)

    def part(self, lang: str) -> Abstract:
        """The abstract in ``lang``; an empty one when the article has none."""
        return self.parts.get(lang) or Abstract(lang=lang)

    @property
    def missing(self) -> list[str]:
        return [lang for lang in LANGS if self.part(lang).is_empty]

    def to_dict(self) -> dict:
        record: dict = {"id": self.id, "source": self.source}
        for lang in LANGS:
            record[lang] = self.part(lang).to_dict()
        record["missing"] = self.missing
        record["notes"] = list(self.notes)
        record["extras"] = [{"lang": extra.lang, **extra.to_dict()} for extra in self.extras]
        return record

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        parts = {lang: Abstract.from_dict(lang, data[lang]) for lang in LANGS if lang in data}
        return cls(
            id=data["id"],
            source=data.get("source", ""),
            parts={lang: part for lang, part in parts.items() if not part.is_empty},
            notes=list(data.get("notes", [])),
            extras=[Abstract.from_dict(extra.get("lang", ""), extra) for extra in data.get("extras", [])],
        )


@dataclass
class Bead:
    """One alignment unit: the sentences of each language that translate each other.

    ``sentences[lang]`` holds 0-based indices into the aligned sentence list of that language; an
    empty list means the translation has no sentence here (``missing:<lang>``).
    """

    sentences: dict[str, list[int]]
    text: dict[str, str]
    score: float = 1.0
    flags: list[str] = field(default_factory=list)
    #: which part of the article the bead belongs to: "title", "abstract", "keywords", or "" for plain text
    section: str = ""
    #: per language, the label of the structured-abstract paragraph that opens in this bead
    #: ("Methods", "Әдістері", "Методы"); languages with none are left out
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """Bead type as reviewers say it, e.g. ``1-1-1`` or ``1-0-1`` (en-kk-ru)."""
        return "-".join(str(len(self.sentences.get(lang, []))) for lang in LANGS)

    def to_dict(self) -> dict:
        record: dict = {lang: list(self.sentences.get(lang, [])) for lang in LANGS}
        record["text"] = {lang: self.text.get(lang, "") for lang in LANGS}
        record["score"] = round(float(self.score), 4)
        record["flags"] = list(self.flags)
        if self.section:
            record["section"] = self.section
        labels = {lang: self.labels[lang] for lang in LANGS if self.labels.get(lang)}
        if labels:
            record["labels"] = labels
        return record

    @classmethod
    def from_dict(cls, data: dict) -> Bead:
        return cls(
            sentences={lang: [int(i) for i in data.get(lang, [])] for lang in LANGS},
            text={lang: str(data.get("text", {}).get(lang, "")) for lang in LANGS},
            score=float(data.get("score", 1.0)),
            flags=[str(flag) for flag in data.get("flags", [])],
            section=str(data.get("section", "")),
            labels=_labels_of(data.get("labels")),
        )


def _labels_of(value) -> dict[str, str]:
    """A bead record's ``labels`` (optional; anything but a mapping of languages to text is ignored)."""
    if not isinstance(value, dict):
        return {}
    return {lang: str(value[lang]) for lang in LANGS if value.get(lang)}


@dataclass
class Alignment:
    """The three-way sentence alignment of one article or one parallel text."""

    name: str
    sentences: dict[str, list[str]]
    beads: list[Bead] = field(default_factory=list)
    #: how it was made (tool version, options, backend): written into every export
    signature: str = ""
    #: what made it, key by key (ushtil, aligner weights, splitter, glossary, terms): what a later
    #: stage compares with its own settings
    settings: dict[str, str] = field(default_factory=dict)
    #: per language, the indices of the sentences that open an abstract paragraph (none known: {})
    paragraph_starts: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class AlignedArticle:
    """An article with its alignment: made once (``ushtil align``, or read from the alignment file,
    maybe reviewed) and what review, check, glossary and the exporters all read.

    ``article`` is the article as the alignment has it: after a review its sentences are the
    reviewed ones. Aligned text triples have an article with abstracts only.
    """

    article: Article
    alignment: Alignment
    #: a hash of the alignment file it was read from ("" when made in memory): what a later stage's
    #: cache keys its results on, without serialising the article again
    digest: str = field(default="", compare=False)
    #: the key of the alignment file this article's pass makes ("" when not known): its aligned
    #: result's cache key and the settings the file records, so a re-run finds an unchanged file's
    #: record without encoding the article again
    made_as: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        return self.alignment.name

    @property
    def signature(self) -> str:
        return self.alignment.signature

    @property
    def settings(self) -> dict[str, str]:
        return self.alignment.settings

    @property
    def article_id(self) -> str:
        return self.article.id
