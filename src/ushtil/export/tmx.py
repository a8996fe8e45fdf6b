"""TMX 1.4b: alignments as a translation memory that CAT tools (and translate-toolkit) read.

One ``<tu>`` per bead, one ``<tuv xml:lang="en|kk|ru"><seg>`` per language that has text there (a
language missing from a bead is left out, not written empty), and the bead's article, number,
score, flags and section as ``<prop type="x-…">``. The header names the tool, its version and the
run's signature.
"""

from __future__ import annotations

import os

from .. import __version__
from ..files import atomic_path
from ..model import LANGS, Alignment
from . import xml_safe

TMX_VERSION = "1.4"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write_tmx(alignments: list[Alignment], path: str | os.PathLike, signature: str = "") -> None:
    """Write ``alignments`` as one TMX 1.4b file at ``path`` (atomically)."""
    from lxml import etree

    root = etree.Element("tmx", version=TMX_VERSION)
    header = etree.SubElement(root, "header", {
        "creationtool": "ushtil",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "ushtil-alignment",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    })
    signature = signature or " ; ".join(sorted({a.signature for a in alignments if a.signature}))
    if signature:
        _prop(header, "x-signature", signature)
    body = etree.SubElement(root, "body")
    for alignment in alignments:
        for number, bead in enumerate(alignment.beads, 1):
            sides = [(lang, bead.text.get(lang, "").strip()) for lang in LANGS]
            sides = [(lang, text) for lang, text in sides if text]
            if not sides:
                continue
            unit = etree.SubElement(body, "tu", tuid=f"{alignment.name}:{number}")
            _prop(unit, "x-article", alignment.name)
            _prop(unit, "x-bead", str(number))
            _prop(unit, "x-type", bead.kind)
            _prop(unit, "x-score", f"{bead.score:.4f}")
            if bead.flags:
                _prop(unit, "x-flags", " ".join(bead.flags))
            if bead.section:
                _prop(unit, "x-section", bead.section)
            for lang, text in sides:
                variant = etree.SubElement(unit, "tuv", {XML_LANG: lang})
                etree.SubElement(variant, "seg").text = xml_safe(text)
    with atomic_path(path) as tmp:
        etree.ElementTree(root).write(
            str(tmp), encoding="UTF-8", xml_declaration=True, pretty_print=True
        )


def _prop(parent, kind: str, value: str) -> None:
    from lxml import etree

    etree.SubElement(parent, "prop", type=kind).text = xml_safe(value)
