"""TMX 1.4b export: the shared exporter contract, the header and units, and translate-toolkit reading it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from export_contract import ExporterContract, alignment_of
from ushtil import __version__
from ushtil.export.tmx import XML_LANG, write_tmx
from ushtil.model import LANGS


def parse(path: Path):
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def prop(element, kind: str) -> str | None:
    found = element.find(f"prop[@type='{kind}']")
    return None if found is None else found.text


class TestTmx(ExporterContract):
    suffix = ".tmx"

    def write(self, alignments, path, signature=""):
        write_tmx(alignments, path, signature=signature)

    def read_back(self, path):
        articles: dict[str, list[dict[str, str]]] = {}
        for unit in parse(path).iter("tu"):
            text = {lang: "" for lang in LANGS}
            for variant in unit.findall("tuv"):
                text[variant.get(XML_LANG)] = variant.findtext("seg")
            articles.setdefault(prop(unit, "x-article"), []).append(text)
        return articles

    def signature_of(self, path):
        return prop(parse(path).find("header"), "x-signature")

    def test_header_says_what_made_it(self, tmp_path):
        path = tmp_path / "a.tmx"
        write_tmx([alignment_of("x", [("One.", "Бір.", "Один.")])], path)
        root = parse(path)
        assert root.tag == "tmx" and root.get("version") == "1.4"
        header = root.find("header")
        assert header.get("creationtool") == "ushtil"
        assert header.get("creationtoolversion") == __version__
        assert header.get("srclang") == "en"
        assert header.get("segtype") == "sentence"
        for required in ("adminlang", "datatype", "o-tmf"):
            assert header.get(required)
        assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")

    def test_one_unit_per_bead_with_properties(self, seed_alignment, tmp_path):
        path = tmp_path / "seed.tmx"
        write_tmx([seed_alignment], path)
        units = list(parse(path).iter("tu"))
        assert len(units) == len(seed_alignment.beads)
        for number, (unit, bead) in enumerate(zip(units, seed_alignment.beads, strict=True), 1):
            assert prop(unit, "x-bead") == str(number)
            assert float(prop(unit, "x-score")) == round(bead.score, 4)
            assert prop(unit, "x-type") == bead.kind
            assert (prop(unit, "x-flags") or "").split() == bead.flags
            langs = [variant.get(XML_LANG) for variant in unit.findall("tuv")]
            assert langs == [lang for lang in LANGS if bead.text[lang].strip()]

    def test_missing_translation_is_omitted_not_empty(self, seed_alignment, tmp_path):
        # the seed's Kazakh abstract lacks a paragraph: those beads carry no kk variant at all
        path = tmp_path / "seed.tmx"
        write_tmx([seed_alignment], path)
        missing = [n for n, bead in enumerate(seed_alignment.beads) if not bead.sentences["kk"]]
        assert missing
        units = list(parse(path).iter("tu"))
        for n in missing:
            assert [v.get(XML_LANG) for v in units[n].findall("tuv")] == ["en", "ru"]
        assert not [seg for seg in parse(path).iter("seg") if not (seg.text or "").strip()]

    def test_translate_toolkit_reads_it(self, seed_alignment, tmp_path):
        from translate.storage.tmx import tmxfile

        path = tmp_path / "seed.tmx"
        write_tmx([seed_alignment], path)
        for target in ("kk", "ru"):
            with path.open("rb") as handle:
                store = tmxfile(handle, sourcelanguage="en", targetlanguage=target)
            units = [unit for unit in store.units if not unit.isheader()]
            assert len(units) == len(seed_alignment.beads)
            for unit, bead in zip(units, seed_alignment.beads, strict=True):
                assert unit.source == bead.text["en"].strip()
                assert (unit.target or "") == bead.text[target].strip()
