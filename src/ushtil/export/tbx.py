"""TBX v3 (ISO 30042:2019), TBX-Basic dialect: the glossary for CAT tools.

One ``conceptEntry`` per entry, one ``langSec xml:lang`` per language, one ``termSec`` per term: the
headword first, then its variants. Each term carries its part of speech, its type (acronym,
variant), an ``administrativeStatus`` — preferred for approved entries, deprecated for rejected
ones (so CAT tools flag them), admitted for candidates and variants — and a context sentence from
the evidence. translate-toolkit's TBX class writes the older bilingual ``martif`` format, hence lxml.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..glossary import Glossary, GlossaryEntry
from ..model import LANGS
from . import xml_safe
from .glossary_base import GlossaryExporter

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMAS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
     "TBXcoreStructV03_TBX-Basic_integrated.rng", "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)
STATUS_VALUES = {
    "approved": "preferredTerm-admn-sts",
    "candidate": "admittedTerm-admn-sts",
    "rejected": "deprecatedTerm-admn-sts",
}
PART_OF_SPEECH = {"name": "properNoun", "acronym": "noun", "term": "noun", "keyword": "noun"}


class GlossaryTbx(GlossaryExporter):
    name = "TBX"
    suffix = ".tbx"

    def write_file(self, glossary: Glossary, path: Path) -> None:
        from lxml import etree

        root = etree.Element(f"{{{TBX_NAMESPACE}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"},
                             nsmap={None: TBX_NAMESPACE})
        header = _sub(root, "tbxHeader")
        description = _sub(header, "fileDesc")
        _sub(_sub(description, "titleStmt"), "title", "ushtil trilingual glossary (en, kk, ru)")
        _sub(_sub(description, "sourceDesc"), "p", glossary.signature or f"ushtil {__version__}")
        body = _sub(_sub(root, "text"), "body")
        for entry in glossary.entries:
            _concept(body, entry)
        document = etree.ElementTree(root)
        for href, schema in SCHEMAS:
            root.addprevious(etree.ProcessingInstruction(
                "xml-model", f'href="{href}" type="application/xml" schematypens="{schema}"'))
        document.write(str(path), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _sub(parent, tag: str, text: str | None = None, **attributes):
    from lxml import etree

    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _concept(body, entry: GlossaryEntry) -> None:
    concept = _sub(body, "conceptEntry", id=f"c-{entry.id}")
    if entry.note:
        _sub(concept, "note", entry.note)
    for lang in LANGS:
        headword = entry.term(lang)
        if not headword:
            continue
        section = _sub(concept, "langSec", **{XML_LANG: lang})
        context = next((e.text.get(lang, "") for e in entry.evidence
                        if e.section != "keywords" and headword_in(headword, e.text.get(lang, ""))), "")
        _term(section, headword, entry, STATUS_VALUES[entry.status], context, variant=False)
        deprecated = entry.status == "rejected"
        for form in entry.alternatives(lang):
            _term(section, form, entry, STATUS_VALUES["rejected" if deprecated else "candidate"], "", variant=True)


def headword_in(headword: str, sentence: str) -> bool:
    """Whether the sentence shows the term (its first word's stem, so inflected forms count)."""
    stem = headword.split(" ")[0][:max(3, len(headword.split(" ")[0]) - 2)].casefold()
    return bool(sentence) and stem in sentence.casefold()


def _term(section, form: str, entry: GlossaryEntry, status: str, context: str, variant: bool) -> None:
    term_section = _sub(section, "termSec")
    _sub(term_section, "term", form)
    _sub(term_section, "termNote", PART_OF_SPEECH[entry.kind], type="partOfSpeech")
    if entry.kind == "acronym":
        _sub(term_section, "termNote", "acronym", type="termType")
    elif variant:
        _sub(term_section, "termNote", "variant", type="termType")
    _sub(term_section, "termNote", status, type="administrativeStatus")
    if context:
        _sub(term_section, "descrip", " ".join(context.split()), type="context")


EXPORTER = GlossaryTbx
