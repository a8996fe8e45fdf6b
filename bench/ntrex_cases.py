"""Reading the NTREX en/kk/ru alignment cases of ../shared/bench (shared by the bench scripts)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LANGS = ("en", "kk", "ru")
#: The dev split, next to the repository.
DEV_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"


@dataclass
class Case:
    name: str
    lines: dict[str, list[str]]
    #: raw-track text: paragraphs of running text per language
    raw: dict[str, str]
    #: gold beads: per bead, the line indices of each language
    gold: list[dict[str, list[int]]]


def case_names(folder: Path = DEV_DIR) -> list[str]:
    return sorted(path.name[: -len(".gold.jsonl")] for path in folder.glob("*.gold.jsonl"))


def read_case(name: str, folder: Path = DEV_DIR) -> Case:
    lines = {
        lang: (folder / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS
    }
    raw = {lang: (folder / f"{name}.raw.{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}
    gold = [json.loads(line) for line in (folder / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return Case(name, lines, raw, [{lang: bead.get(lang, []) for lang in LANGS} for bead in gold])


def case_source(name: str, folder: Path = DEV_DIR, presegmented: bool = True):
    """One case as ``align_corpus`` takes it: (name, its triple read and split; one sentence a line
    when ``presegmented``)."""
    from ushtil.read.triples import Triple, read_triple
    from ushtil.split import split_triple

    triple = read_triple(Triple(name, {lang: folder / f"{name}.{lang}.txt" for lang in LANGS}))
    return name, split_triple(triple, presegmented=presegmented)


def fold_of(name: str) -> int:
    """0, 1 or 2: a third of the cases each, for fitting on two thirds and watching the third.

    (The dev split itself is sha1(name) % 3 == 0, so a salted hash picks the thirds.)"""
    return int(hashlib.sha1(f"watch {name}".encode()).hexdigest(), 16) % 3


PAIRS = (("en", "kk"), ("en", "ru"), ("kk", "ru"))


def source_sentences(folder: Path = DEV_DIR) -> dict[str, dict[str, list[list[int]]]]:
    """Per case and language, the source document's sentences each line holds (its positions among
    the case's gold sentences), rebuilt from ``manifest.json``'s deletion and merges: what a bead
    holds beyond its lines (e.g. a sentence deleted from one language inside a line merged in
    another). Empty without a manifest."""
    path = folder / "manifest.json"
    if not path.is_file():
        return {}
    held = {}
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
        deletion = case["deletion"] or {"lang": None, "gold_positions": []}
        held[case["case"]] = {}
        for lang in LANGS:
            deleted = set(deletion["gold_positions"]) if deletion["lang"] == lang else set()
            merged = {first: last for first, last in case["merges"][lang]}
            lines, position = [], 0
            while position < case["n_gold"]:
                if position in deleted:
                    position += 1
                    continue
                last = merged.get(position, position)
                lines.append(list(range(position, last + 1)))
                position = last + 1
            held[case["case"]][lang] = lines
    return held


def _project(beads: list[dict[str, list[int]]], a: str, b: str) -> dict[str, set]:
    links, strict, nulls = set(), set(), set()
    for bead in beads:
        sa, sb = tuple(sorted(bead.get(a, []))), tuple(sorted(bead.get(b, [])))
        if not sa and not sb:
            continue
        strict.add((sa, sb))
        if sa and sb:
            links.update((i, j) for i in sa for j in sb)
        else:
            nulls.update((a, i) for i in sa)
            nulls.update((b, j) for j in sb)
    return {"link": links, "strict": strict, "null": nulls}


def quick_scores(pairs_of_beads: list[tuple[list[dict], list[dict]]]) -> dict[str, dict[str, float]]:
    """Micro-averaged F1 per pair and metric, as ../shared/bench/score_alignment.py counts them
    (for quick in-process checks while fitting; the bench table uses the real scorer)."""
    counts = {f"{a}-{b}": {m: [0, 0, 0] for m in ("link", "strict", "null")} for a, b in PAIRS}
    for gold, pred in pairs_of_beads:
        for a, b in PAIRS:
            g, p = _project(gold, a, b), _project(pred, a, b)
            for metric in ("link", "strict", "null"):
                c = counts[f"{a}-{b}"][metric]
                c[0] += len(g[metric] & p[metric])
                c[1] += len(g[metric])
                c[2] += len(p[metric])
    result = {}
    for pair, metrics in counts.items():
        result[pair] = {}
        for metric, (tp, ng, np_) in metrics.items():
            precision = tp / np_ if np_ else float(ng == 0)
            recall = tp / ng if ng else float(np_ == 0)
            result[pair][metric] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return result
