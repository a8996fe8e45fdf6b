"""Words typed with lookalike letters of another script: false alarms on real text, and planted ones.

    python bench/lookalikes.py [--seed N] [--rate R] [--keep DIR]

1. Real text: every word of the seed article and of the NTREX dev texts (../shared/bench/ntrex-dev)
   that :mod:`ushtil.lookalikes` would read in another spelling, listed (each is a false alarm unless
   it really mixes scripts).
2. Planted: the seed with letters of a share ``--rate`` of its abstracts' words (title, authors,
   abstract, keywords; three letters or more) replaced
   by their lookalikes of another script (random, seeded: Latin a, o, ə, i, h, Greek θ, ¥ in Kazakh
   and Russian words, Cyrillic а, о, с … in English ones; a word gets one letter, one in five two).
   ``ushtil glossary --csv`` and ``ushtil check --json`` run on the clean and the planted file, as a
   user runs them: the glossaries must be byte-identical, the planted file's findings other than
   ``mixed-script`` must equal the clean file's, and every planted word must be named by a
   ``mixed-script`` finding (in the language planted, in a bead whose text holds the word).
3. Planted triples: the first ``--triples`` NTREX dev triples, lookalikes planted in all their text
   (a triple's text is kept as written; its words are read): glossary and other findings as the
   clean triples', every planted word named.
4. Latin y in Kazakh: every у and ү (У, Ү) of the seed and the NTREX dev Kazakh texts typed as Latin
   y (Y), each line read again: how many у words and how many ү words read back as written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil import read_article  # noqa: E402
from ushtil.langs import get_language  # noqa: E402
from ushtil.lookalikes import respell, respellings  # noqa: E402
from ushtil.tokens import WORD  # noqa: E402

SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
NTREX = ROOT.parent / "shared" / "bench" / "ntrex-dev"
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def real_text() -> None:
    files = [SEED, *sorted(NTREX.glob("*.txt"))]
    words = changed = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(WORD.findall(text))
        for item in respellings(text):
            changed += 1
            print(f"  {path.name}: {item.written!r} -> {item.respelled!r}")
    print(f"real text: {len(files)} files, {words} words, {changed} read in another spelling")


def _lookalikes_of(code: str) -> dict[str, list[str]]:
    """Own letter → the letters of other scripts drawn like it."""
    found: dict[str, list[str]] = {}
    for foreign, own in get_language(code).lookalikes.items():
        found.setdefault(own, []).append(foreign)
    return found


def _part_spans(text: str) -> list[tuple[int, int]]:
    """Where the seed's title, authors, abstract paragraphs and keywords stand in its text (each as
    the reader found it, at its first place: the text writes them verbatim, one a line)."""
    article = read_article(SEED)
    spans = []
    for part in article.parts.values():
        for value in [part.title, *part.authors, *part.paragraphs, *part.keywords]:
            at = text.find(value)
            if value and at >= 0:
                spans.append((at, at + len(value)))
    return spans


def plant(text: str, rate: float, rng: random.Random, spans: list[tuple[int, int]] | None = None,
          ) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with lookalikes planted in the words inside ``spans`` (all: None); the (written,
    original) words planted, in text order."""
    cyrillic = _lookalikes_of("kk") | _lookalikes_of("ru")
    latin = _lookalikes_of("en")
    spans = spans if spans is not None else [(0, len(text))]
    out, planted, at = [], [], 0
    for match in _WORD.finditer(text):
        if not any(start <= match.start() and match.end() <= end for start, end in spans):
            continue
        word = match.group()
        table = cyrillic if _CYRILLIC.match(word) else latin
        places = [i for i, letter in enumerate(word) if letter in table]
        if len(word) < 3 or not places or rng.random() >= rate:
            continue
        new = list(word)
        for i in rng.sample(places, min(len(places), 2 if rng.random() < 0.2 else 1)):
            new[i] = rng.choice(table[word[i]])
        out += [text[at:match.start()], "".join(new)]
        at = match.end()
        planted.append(("".join(new), word))
    return "".join(out) + text[at:], planted


def _run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "ushtil", *args, "--quiet"], cwd=ROOT, check=False,
                   env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _findings(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def planted_seed(seed: int, rate: float, keep: Path | None) -> None:
    work = keep or Path(tempfile.mkdtemp(prefix="lookalikes-"))
    clean = SEED.read_text(encoding="utf-8")
    text, planted = plant(clean, rate, random.Random(seed), _part_spans(clean))
    results = {}
    for name, content in (("clean", SEED.read_text(encoding="utf-8")), ("planted", text)):
        folder = work / name
        folder.mkdir(parents=True, exist_ok=True)
        article = folder / SEED.name
        article.write_text(content, encoding="utf-8")
        _run("glossary", str(article), "-o", str(folder / "glossary.xlsx"), "--csv", str(folder / "glossary.csv"))
        _run("check", str(article), "-o", str(folder / "check.xlsx"), "--json", str(folder / "check.json"))
        results[name] = (folder / "glossary.csv").read_bytes(), _findings(folder / "check.json")
    clean_csv, clean_findings = results["clean"]
    planted_csv, planted_findings = results["planted"]
    print(f"planted seed (seed {seed}, rate {rate}): {len(planted)} words planted "
          f"({Counter(len(w) - sum(a == b for a, b in zip(w, o, strict=True)) for w, o in planted)} letters each)")
    print(f"  glossary CSV identical: {clean_csv == planted_csv} ({len(clean_csv.splitlines())} lines)")
    mixed = [f for f in planted_findings if f["check"] == "mixed-script"]
    others = [f for f in planted_findings if f["check"] != "mixed-script"]
    print(f"  mixed-script findings: clean {sum(f['check'] == 'mixed-script' for f in clean_findings)}, "
          f"planted {len(mixed)}; other findings equal: {others == clean_findings}")
    wanted = Counter(written for written, _ in planted)
    named = Counter(f["text"] for f in mixed)
    missed = wanted - named
    extra = named - wanted
    beads = {bead["number"]: bead for bead in json.loads((work / "planted" / "check.json").read_text(
        encoding="utf-8"))["articles"][0]["beads"]}
    originals = dict(planted)
    placed = [f for f in mixed if f["bead"] is not None]
    right = sum(re.search(rf"(?<!\w){re.escape(originals[f['text']])}(?!\w)", beads[f["bead"]]["text"][f["lang"]])
                is not None for f in placed if f["text"] in originals)
    print(f"  planted words named: {sum((wanted & named).values())}/{len(planted)}, missed {sum(missed.values())} "
          f"{dict(missed)}, named but not planted {sum(extra.values())} {dict(extra)}")
    print(f"  in a bead: {len(placed)} (the bead's text holds the word: {right}); "
          f"without: {Counter(f['section'] for f in mixed if f['bead'] is None)}")
    if others != clean_findings:
        for finding in others:
            if finding not in clean_findings:
                print(f"    new finding: {finding['check']} {finding['lang']} {finding['message'][:150]}")
        for finding in clean_findings:
            if finding not in others:
                print(f"    lost finding: {finding['check']} {finding['lang']} {finding['message'][:150]}")


def planted_triples(seed: int, rate: float, count: int, keep: Path | None) -> None:
    """The first ``count`` NTREX dev triples, clean and with lookalikes planted in all their text."""
    work = keep or Path(tempfile.mkdtemp(prefix="lookalikes-triples-"))
    rng = random.Random(seed)
    names = sorted(path.name.removesuffix(".en.txt") for path in NTREX.glob("*.en.txt") if ".raw." not in path.name)
    planted: list[tuple[str, str]] = []
    for variant in ("clean", "planted"):
        (work / variant).mkdir(parents=True, exist_ok=True)
    for name in names[:count]:
        for lang in ("en", "kk", "ru"):
            text = (NTREX / f"{name}.{lang}.txt").read_text(encoding="utf-8")
            (work / "clean" / f"{name}.{lang}.txt").write_text(text, encoding="utf-8")
            text, words = plant(text, rate, rng)
            planted += words
            (work / "planted" / f"{name}.{lang}.txt").write_text(text, encoding="utf-8")
    results = {}
    for variant in ("clean", "planted"):
        folder = work / variant
        _run("glossary", str(folder), "-o", str(work / f"{variant}.xlsx"), "--csv", str(work / f"{variant}.csv"))
        _run("check", str(folder), "-o", str(work / f"{variant}.check.xlsx"), "--json", str(work / f"{variant}.json"))
        results[variant] = (work / f"{variant}.csv").read_bytes(), _findings(work / f"{variant}.json")
    mixed = [f for f in results["planted"][1] if f["check"] == "mixed-script"]
    others = [f for f in results["planted"][1] if f["check"] != "mixed-script"]
    wanted, named = Counter(written for written, _ in planted), Counter(f["text"] for f in mixed)
    # a triple's findings quote its text as written: compared as read
    others = [{key: respell(value) if isinstance(value, str) else value for key, value in f.items()} for f in others]
    print(f"planted NTREX triples ({count}, seed {seed}, rate {rate}): {len(planted)} words planted")
    print(f"  glossary CSV identical: {results['clean'][0] == results['planted'][0]}; other findings equal "
          f"(their quotes as read): {others == results['clean'][1]}; planted words named: "
          f"{sum((wanted & named).values())}/{len(planted)}, "
          f"named but not planted {sum((named - wanted).values())}, "
          f"with a bead {sum(f['bead'] is not None for f in mixed)}")


def latin_y() -> None:
    files = [SEED, *(path for path in sorted(NTREX.glob("*.kk.txt")) if ".raw." not in path.name)]
    typed_as_y = str.maketrans("уүУҮ", "yyYY")
    counts = Counter()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            typed = line.translate(typed_as_y)
            if typed == line:
                continue
            for word, written, read in zip(*(_WORD.findall(text) for text in (line, typed, respell(typed))),
                                           strict=True):
                if written != word:
                    counts["ү" if set(word) & set("үҮ") else "у", read == word] += 1
    for letter in "уү":
        right, wrong = counts[letter, True], counts[letter, False]
        print(f"latin y: {letter} words read back {right} of {right + wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--rate", type=float, default=0.15)
    parser.add_argument("--triples", type=int, default=12, help="NTREX triples planted (0: none)")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    real_text()
    latin_y()
    planted_seed(args.seed, args.rate, args.keep)
    if args.triples:
        planted_triples(args.seed, args.rate, args.triples, args.keep and args.keep / "triples")


if __name__ == "__main__":
    main()
