"""``ushtil align`` from the command line: articles, triples, pre-segmented folders, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ushtil.cli import main

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "004_9d99ed68fdecf78d.txt"

DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
EN = ["The parliament met on 12 March 2024.", "It approved the budget of 5.2 billion.", "The session ended."]
KK = ["Парламент 2024 жылғы 12 наурызда жиналды.", "Ол 5,2 миллиардтық бюджетті бекітті.", "Сессия аяқталды."]
RU = ["Парламент собрался 12 марта 2024 года.", "Он утвердил бюджет в 5,2 миллиарда.", "Сессия завершилась."]


def write_triple(folder: Path, name: str = "t", texts=(EN, KK, RU), sep: str = "\n") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for lang, lines in zip(("en", "kk", "ru"), texts, strict=True):
        (folder / f"{name}.{lang}.txt").write_text(sep.join(lines) + sep, encoding="utf-8")


def beads(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_article(tmp_path, capsys):
    assert main(["align", str(SEED_ARTICLE), "-o", str(tmp_path)]) == 0
    out = beads(tmp_path / f"{SEED_ARTICLE.stem}.alignment.jsonl")
    assert sum("missing:kk" in bead["flags"] for bead in out) == 2
    err = capsys.readouterr().err
    assert "bead types (en-kk-ru): 1-1-1 ×17, 1-0-1 ×2" in err
    assert "mean score:" in err


def test_presegmented_folder(tmp_path):
    write_triple(tmp_path / "in")
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    out = beads(tmp_path / "out" / "t.alignment.jsonl")
    assert [(b["en"], b["kk"], b["ru"]) for b in out] == [([0], [0], [0]), ([1], [1], [1]), ([2], [2], [2])]


def test_raw_triple_is_split_into_sentences(tmp_path):
    write_triple(tmp_path / "in", texts=([" ".join(EN)], [" ".join(KK)], [" ".join(RU)]))
    assert main(["align", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    out = beads(tmp_path / "out" / "t.alignment.jsonl")
    assert [b["text"]["en"] for b in out] == EN


def test_bom_and_crlf(tmp_path):
    write_triple(tmp_path / "in", sep="\r\n")
    path = tmp_path / "in" / "t.kk.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    out = beads(tmp_path / "out" / "t.alignment.jsonl")
    assert out[0]["text"]["kk"] == KK[0]


def test_missing_file_of_a_triple(tmp_path, capsys):
    write_triple(tmp_path / "in")
    (tmp_path / "in" / "t.ru.txt").unlink()
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no t.ru.txt beside" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "t.alignment.jsonl").exists()


def test_empty_file(tmp_path, capsys):
    write_triple(tmp_path / "in")
    (tmp_path / "in" / "t.en.txt").write_text("", encoding="utf-8")
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    assert "t.en.txt: the file is empty" in capsys.readouterr().err


def test_file_in_another_language(tmp_path, capsys):
    write_triple(tmp_path / "in", texts=(EN, EN, RU))
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    assert "t.kk.txt: the text is English, not Kazakh" in capsys.readouterr().err


def test_one_bad_triple_does_not_stop_the_others(tmp_path, capsys):
    write_triple(tmp_path / "in", "good")
    write_triple(tmp_path / "in", "bad", texts=(EN, KK, [""]))
    assert main(["align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "good.alignment.jsonl").exists()
    assert "bad.ru.txt" in capsys.readouterr().err


def test_no_input(capsys):
    assert main(["align", "-o", "x"]) == 2
    assert "no input" in capsys.readouterr().err


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/bench/ntrex-dev is not there")
def test_ntrex_case_from_the_command_line(tmp_path):
    for lang in ("en", "kk", "ru"):
        shutil.copy(DEV / f"bbc.381780.{lang}.txt", tmp_path / f"bbc.381780.{lang}.txt")
    assert main(["align", "--presegmented", str(tmp_path), "-o", str(tmp_path / "out")]) == 0
    gold = [json.loads(line) for line in (DEV / "bbc.381780.gold.jsonl").read_text().splitlines()]
    out = beads(tmp_path / "out" / "bbc.381780.alignment.jsonl")
    assert [(b["en"], b["kk"], b["ru"]) for b in out] == [(g["en"], g["kk"], g["ru"]) for g in gold]


def test_exports_and_glossary_option(tmp_path, capsys):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\tkk\tru\nparliament\tпарламент\tпарламент\n", encoding="utf-8")
    write_triple(tmp_path / "in")
    code = main([
        "align", "--presegmented", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--glossary", str(glossary),
        "--xlsx", str(tmp_path / "review.xlsx"), "--tmx", str(tmp_path / "memory.tmx"),
    ])
    err = capsys.readouterr().err
    assert code == 0, err
    assert (tmp_path / "review.xlsx").stat().st_size > 0 and (tmp_path / "memory.tmx").stat().st_size > 0
    assert "TMX written to" in err
