"""Alignments on disk: JSON Lines, one bead per line, in text order (the format is a contract).

Each line is :meth:`~ushtil.model.Bead.to_dict` (``en``/``kk``/``ru`` indices, ``text``,
``score``, ``flags``, ``section``) plus ``sentence_text``: the bead's sentences one by one, so that
:func:`read_alignment` restores the sentence lists exactly. The first line also carries
``alignment``: what made it (signature and settings), where paragraphs open, and the article's
front matter (authors, markers, notes), so that a later stage can use the file as it stands
(:func:`read_aligned`). Readers ignore keys they do not know.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
from pathlib import Path

from ..cache import ResultCache, cache_key, content_hash, marshalled
from ..errors import InputError
from ..files import MAX_INPUT_BYTES, atomic_write, read_text
from ..model import LANGS, Abstract, AlignedArticle, Alignment, Article, Bead
from ..read.inputs import ALIGNMENT_SUFFIX as SUFFIX
from .edit import article_of

__all__ = ["MAX_ALIGNMENT_BYTES", "SUFFIX", "KeptAlignedArticle", "aligned_from_payload", "aligned_payload",
           "alignment_from_payload", "alignment_payload", "alignment_text", "alignment_to_dict", "holds_text",
           "parsed_key", "read_aligned", "read_alignment", "text_key", "write_aligned", "write_alignment"]

#: An alignment file holds each sentence three times (in its bead, in the bead's sentence list and
#: in the article's front matter) with a record per bead: 4 times the text of a triple's files, 12
#: times that of an article of short lines. Reading it is held to this limit, not to an input's, so
#: what ``ushtil align`` writes from inputs within theirs is read back by every later stage.
MAX_ALIGNMENT_BYTES = 16 * MAX_INPUT_BYTES


def write_alignment(alignment: Alignment, path: str | Path, article: Article | None = None) -> None:
    """Write ``alignment`` (and the front matter of ``article``, the article it aligns) to ``path``
    atomically (JSON Lines)."""
    with atomic_write(path) as handle:
        handle.write(alignment_text(alignment, article))


def alignment_text(alignment: Alignment, article: Article | None = None) -> str:
    """The file :func:`write_alignment` writes, as text."""
    lines = []
    for number, bead in enumerate(alignment.beads):
        record = bead.to_dict()
        record["sentence_text"] = {
            lang: [alignment.sentences[lang][i] for i in bead.sentences.get(lang, [])] for lang in LANGS
        }
        if number == 0:
            record["alignment"] = _header(alignment, article)
        lines.append(_ENCODER.encode(record) + "\n")
    return "".join(lines)


#: One encoder for every bead (``json.dumps`` with options makes a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def text_key(aligned: AlignedArticle) -> str:
    """The cache key of the file :func:`write_aligned` writes for ``aligned``: made of every field
    of it kept with ``marshal`` (several times faster than writing the JSON it stands for), ""
    for a value marshal cannot keep. Version 0 of marshal writes equal values as equal bytes (later
    ones mark a string interned, or seen before in the same value, which an alignment read from
    the cache and one made afresh do differently)."""
    try:
        fields = marshal.dumps(_payload_fields(aligned), 0)
        return cache_key("aligner: alignment file", {}, hashlib.sha256(fields).hexdigest())
    except ValueError:
        return ""


def holds_text(path: Path, digest: object) -> bool:
    """Whether the file at ``path`` holds the bytes whose SHA-256 is ``digest`` (a work folder's
    record of what was written there for a :func:`text_key`): a re-run need not make the text of an
    unchanged alignment again only to find the file holds it."""
    try:
        return isinstance(digest, str) and path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def write_aligned(aligned: AlignedArticle, path: str | Path) -> None:
    write_alignment(aligned.alignment, path, aligned.article)


def _header(alignment: Alignment, article: Article | None) -> dict:
    header: dict = {"name": alignment.name, "signature": alignment.signature, "settings": dict(alignment.settings)}
    if alignment.paragraph_starts:
        header["paragraph_starts"] = {lang: list(v) for lang, v in alignment.paragraph_starts.items()}
    if article is not None:
        header["article"] = article.to_dict()
    return header


def read_aligned(path: str | Path, data: bytes | None = None) -> AlignedArticle:
    """An alignment file and the article it stands for (its front matter, its beads' sentences);
    ``data``: the file's bytes, when the caller read them already (to key them in a cache)."""
    text = read_text(Path(path), MAX_ALIGNMENT_BYTES, data=data)
    alignment, front = _parse(Path(path), text)
    return AlignedArticle(article_of(alignment, front), alignment, digest=content_hash(text.encode("utf-8")))


def read_alignment(path: str | Path) -> Alignment:
    """Read an alignment written by :func:`write_alignment` (or any file in the bead format)."""
    return _read(Path(path))[0]


def _read(path: Path) -> tuple[Alignment, Article | None]:
    return _parse(path, read_text(path, MAX_ALIGNMENT_BYTES))


def _parse(path: Path, text: str) -> tuple[Alignment, Article | None]:
    beads: list[Bead] = []
    header: dict = {}
    found: dict[str, dict[int, str]] = {lang: {} for lang in LANGS}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:  # (a file edited by hand: "text": "…" where an object was is an AttributeError)
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            bead = Bead.from_dict(record)
            if any(index < 0 for indices in bead.sentences.values() for index in indices):
                raise ValueError("a sentence number below 0")  # (Python would take -1 for the last)
            sentence_text = record.get("sentence_text") or {}
            for lang in LANGS:
                texts = sentence_text.get(lang) or []
                indices = bead.sentences[lang]
                if len(texts) != len(indices):
                    texts = [bead.text.get(lang, "")] + [""] * (len(indices) - 1) if indices else []
                for index, sentence in zip(indices, texts, strict=False):
                    found[lang][index] = sentence
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}:{number}: not a bead ({exc})") from exc
        if not beads and isinstance(record.get("alignment"), dict):
            header = record["alignment"]
        beads.append(bead)
    sentences = {lang: [found[lang].get(i, "") for i in range(max(found[lang], default=-1) + 1)] for lang in LANGS}
    name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    try:
        alignment = Alignment(
            name=name, sentences=sentences, beads=beads, signature=str(header.get("signature", "")),
            settings={str(k): str(v) for k, v in (header.get("settings") or {}).items()},
            paragraph_starts={lang: [int(i) for i in v] for lang, v in (header.get("paragraph_starts") or {}).items()
                              if lang in LANGS},
        )
        front = Article.from_dict(header["article"]) if isinstance(header.get("article"), dict) else None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(f"{path}:1: the alignment header is damaged ({type(exc).__name__}: {exc})") from exc
    return alignment, front


_ALIGNMENT_FIELDS = tuple(item.name for item in dataclasses.fields(Alignment))
_BEAD_FIELDS = tuple(item.name for item in dataclasses.fields(Bead))
_ARTICLE_FIELDS = tuple(item.name for item in dataclasses.fields(Article))
_ABSTRACT_FIELDS = tuple(item.name for item in dataclasses.fields(Abstract))
#: A language's place in :data:`LANGS` (a part of another language sorts after them).
_LANG_ORDER = {lang: n for n, lang in enumerate(LANGS)}


def parsed_key(path: Path, data: bytes) -> str:
    """The cache key of what :func:`read_aligned` makes of the file ``path`` holding ``data`` (its
    name is the alignment's name)."""
    return cache_key("aligner: read alignment (marshal)", path.name, content_hash(data))


def aligned_payload(aligned: AlignedArticle) -> bytes:
    """An aligned article read from a file, kept with ``marshal`` (read back many times faster than
    the file is parsed) in two parts: what a later stage reads of every article (the alignment's
    name and settings, the article's id), and every field as it is, decoded when first used
    (:class:`KeptAlignedArticle`); ValueError for a value marshal cannot keep."""
    return marshal.dumps((aligned.digest, aligned.name, dict(aligned.settings), aligned.article_id,
                          marshal.dumps(_payload_fields(aligned)[1:])))


def _payload_fields(aligned: AlignedArticle) -> tuple:
    """Every field of an aligned article, as values ``marshal`` keeps."""
    alignment, article = aligned.alignment, aligned.article
    fields = [getattr(alignment, name) for name in _ALIGNMENT_FIELDS]
    fields[_ALIGNMENT_FIELDS.index("beads")] = [[getattr(bead, name) for name in _BEAD_FIELDS]
                                                for bead in alignment.beads]
    front = [getattr(article, name) for name in _ARTICLE_FIELDS]
    # the parts in one order, whatever order the article gave them in (the reader keeps the page's:
    # an article with its Kazakh abstract first, read again from the cache, has them in LANGS order,
    # and its alignment file's key changed on every re-run although the file did not)
    front[_ARTICLE_FIELDS.index("parts")] = {lang: _abstract_fields(article.parts[lang])
                                             for lang in sorted(article.parts, key=_lang_order)}
    front[_ARTICLE_FIELDS.index("extras")] = [_abstract_fields(part) for part in article.extras]
    return aligned.digest, fields, front


def aligned_from_payload(payload: bytes, source: tuple[str, str, str]) -> KeptAlignedArticle:
    """The aligned article :func:`aligned_payload` kept, its fields decoded when first used;
    ``source``: the path of the file it was read from, the cache's folder and the entry's key (see
    :class:`KeptAlignedArticle`). ValueError, TypeError or EOFError for a payload of another shape."""
    digest, name, settings, article_id, fields = marshal.loads(payload)
    if not (isinstance(digest, str) and isinstance(name, str) and isinstance(settings, dict)
            and isinstance(article_id, str) and isinstance(fields, bytes)):
        raise TypeError("not a kept alignment")
    return KeptAlignedArticle(digest, name, settings, article_id, fields, source)


class KeptAlignedArticle(AlignedArticle):
    """An aligned article taken from a work folder's cache: its name, settings and article id at
    hand, its article and alignment decoded when first used. A re-run's check takes the findings
    and report lines of every unchanged article from the cache, by name and digest, and never reads
    their text (decoding a thousand alignments whole took a fifth of a second). Fields that cannot
    be decoded are never used: the file is read again, and kept anew when it still holds the bytes
    it was kept for (``source``: its path, the cache's folder and the entry's key)."""

    def __init__(self, digest: str, name: str, settings: dict[str, str], article_id: str, fields: bytes,
                 source: tuple[str, str, str]):
        self.digest, self.made_as = digest, ""
        self._name, self._settings, self._article_id = name, settings, article_id
        self._fields: bytes | None = fields
        self._source = source
        self._whole: tuple[Article, Alignment] | None = None

    @property
    def article(self) -> Article:
        return self._decoded()[0]

    @property
    def alignment(self) -> Alignment:
        return self._decoded()[1]

    @property
    def name(self) -> str:
        return self._name

    @property
    def settings(self) -> dict[str, str]:
        return self._settings

    @property
    def article_id(self) -> str:
        return self._article_id

    def _decoded(self) -> tuple[Article, Alignment]:
        if self._whole is None:
            try:
                self._whole = _decoded_fields(self._fields)
            except (ValueError, TypeError, EOFError, KeyError):
                self._whole = self._read_again()
            self._fields = None
        return self._whole

    def _read_again(self) -> tuple[Article, Alignment]:
        path, folder, key = self._source
        try:
            data = Path(path).read_bytes()
        except OSError as exc:  # deleted or moved since it was listed: one line, as any unreadable input
            raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
        fresh = read_aligned(path, data)
        if parsed_key(Path(path), data) == key:
            cache = ResultCache(folder)
            cache.put_bytes(key, aligned_payload(fresh))
            cache.flush()
        self.digest = fresh.digest
        return fresh.article, fresh.alignment


def _decoded_fields(payload: bytes) -> tuple[Article, Alignment]:
    fields, front = marshal.loads(payload)
    alignment = dict(zip(_ALIGNMENT_FIELDS, fields, strict=True))
    alignment["beads"] = [Bead(*values) for values in alignment["beads"]]
    article = dict(zip(_ARTICLE_FIELDS, front, strict=True))
    article["parts"] = {lang: Abstract(*values) for lang, values in article["parts"].items()}
    article["extras"] = [Abstract(*values) for values in article["extras"]]
    return Article(**article), Alignment(**alignment)


def _lang_order(lang: str) -> int:
    return _LANG_ORDER.get(lang, len(LANGS))


def _abstract_fields(part: Abstract) -> list:
    return [getattr(part, name) for name in _ABSTRACT_FIELDS]


def alignment_to_dict(alignment: Alignment) -> dict:
    """Every field as it is (scores unrounded), so a cached alignment equals a fresh one. The values
    are the alignment's own (not copies, unlike ``dataclasses.asdict``, which takes ten times longer):
    for JSON and hashes, not to be changed."""
    record = {name: getattr(alignment, name) for name in _ALIGNMENT_FIELDS}
    record["beads"] = [{name: getattr(bead, name) for name in _BEAD_FIELDS} for bead in alignment.beads]
    return record


def alignment_payload(alignment: Alignment) -> bytes | None:
    """An alignment kept with ``marshal`` (every field as it is: read back several times faster than
    its JSON, tuples staying tuples); None for a value marshal cannot keep."""
    fields = [getattr(alignment, name) for name in _ALIGNMENT_FIELDS]
    fields[_ALIGNMENT_FIELDS.index("beads")] = [[getattr(bead, name) for name in _BEAD_FIELDS]
                                                for bead in alignment.beads]
    return marshalled(fields)


def alignment_from_payload(payload: bytes) -> Alignment:
    """The alignment :func:`alignment_payload` kept; ValueError, TypeError or EOFError for a payload
    of another shape."""
    alignment = dict(zip(_ALIGNMENT_FIELDS, marshal.loads(payload), strict=True))
    alignment["beads"] = [Bead(*values) for values in alignment["beads"]]
    return Alignment(**alignment)


