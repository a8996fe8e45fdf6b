"""Tests every alignment exporter must pass, inherited by each format's test class (as translate-toolkit's
storage tests inherit ``test_base``): a subclass says how to write a file and how to read the beads' text
back from it."""

from __future__ import annotations

from pathlib import Path

from ushtil.model import LANGS, Alignment, Bead


def alignment_of(name: str, rows: list[tuple[str, str, str]], signature: str = "test-signature") -> Alignment:
    """An alignment of one bead per row of (en, kk, ru) text; an empty string is a missing sentence."""
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGS}
    beads = []
    for row in rows:
        indices = {}
        for lang, text in zip(LANGS, row, strict=True):
            indices[lang] = [len(sentences[lang])] if text else []
            if text:
                sentences[lang].append(text)
        flags = [f"missing:{lang}" for lang in LANGS if not indices[lang]]
        beads.append(Bead(sentences=indices, text=dict(zip(LANGS, row, strict=True)), score=0.8, flags=flags))
    return Alignment(name=name, sentences=sentences, beads=beads, signature=signature)


class ExporterContract:
    """Subclasses define ``suffix``, ``write(alignments, path, signature)`` and ``read_back(path)``, the
    latter returning per article the list of beads' text by language ("" where a side is empty)."""

    suffix = ""

    def write(self, alignments: list[Alignment], path: Path, signature: str = "") -> None:
        raise NotImplementedError

    def read_back(self, path: Path) -> dict[str, list[dict[str, str]]]:
        raise NotImplementedError

    def signature_of(self, path: Path) -> str:
        raise NotImplementedError

    def round_trip(self, alignments: list[Alignment], tmp_path: Path) -> dict[str, list[dict[str, str]]]:
        path = tmp_path / f"out{self.suffix}"
        self.write(alignments, path)
        return self.read_back(path)

    @staticmethod
    def expected(alignment: Alignment) -> list[dict[str, str]]:
        return [{lang: bead.text.get(lang, "").strip() for lang in LANGS} for bead in alignment.beads]

    def test_seed_alignment_text_survives(self, seed_alignment, tmp_path):
        back = self.round_trip([seed_alignment], tmp_path)
        assert back[seed_alignment.name] == self.expected(seed_alignment)

    def test_missing_sides_read_back_empty(self, tmp_path):
        alignment = alignment_of("gaps", [("One.", "", "Один."), ("", "Екі.", "Два."), ("Three.", "Үш.", "")])
        back = self.round_trip([alignment], tmp_path)
        assert back["gaps"] == self.expected(alignment)

    def test_markup_and_formula_like_text_kept_verbatim(self, tmp_path):
        rows = [
            ("=HYPERLINK(\"http://evil.example\",\"click\")", "+7 (727) 123", "-1 градус"),
            ("@SUM(A1:A9)", "<b>қалың</b> & «тырнақша»", "=1+1"),
            ("Tab\tand \"quotes\" & 'apostrophes'", "#N/A", "=cmd|' /C calc'!A0"),
        ]
        alignment = alignment_of("markup", rows)
        assert self.round_trip([alignment], tmp_path)["markup"] == self.expected(alignment)

    def test_control_characters_do_not_break_the_file(self, tmp_path):
        alignment = alignment_of("controls", [("Form\x0cfeed and bell\x07.", "Қалыпты сөйлем.", "Обычное.")])
        back = self.round_trip([alignment], tmp_path)["controls"]
        assert back[0]["en"] == "Form\ufffdfeed and bell\ufffd."
        assert back[0]["kk"] == "Қалыпты сөйлем."

    def test_several_articles_keep_their_order(self, tmp_path):
        first = alignment_of("b-first", [("One.", "Бір.", "Один.")])
        second = alignment_of("a-second", [("Two.", "Екі.", "Два."), ("Three.", "Үш.", "Три.")])
        back = self.round_trip([first, second], tmp_path)
        assert list(back) == ["b-first", "a-second"]
        assert back["a-second"] == self.expected(second)

    def test_signature_is_recorded(self, tmp_path):
        path = tmp_path / f"signed{self.suffix}"
        self.write([alignment_of("x", [("One.", "Бір.", "Один.")])], path, signature="ushtil 0.1.0 | opts k=v")
        assert self.signature_of(path) == "ushtil 0.1.0 | opts k=v"

    def test_output_replaces_an_old_file_whole(self, tmp_path):
        path = tmp_path / f"again{self.suffix}"
        path.write_bytes(b"old content that must disappear" * 1000)
        alignment = alignment_of("x", [("One.", "Бір.", "Один.")])
        self.write([alignment], path)
        assert self.read_back(path)["x"] == self.expected(alignment)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary files left behind"
