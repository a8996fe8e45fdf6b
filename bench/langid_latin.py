"""Is a Latin-script text English? ``langid.identify`` on other Latin-script languages and on real text.

    PYTHONPATH=src python bench/langid_latin.py [--split tune|test|all] [--dump OUT.json]

Rows of ``bench/data/latin_other.tsv`` (German, also typed without ä ö ü ß, French, Spanish, Italian,
Portuguese, Dutch, Turkish, Polish, Kazakh in the Latin alphabet; most typed without their
diacritics, the hard case) must not be read as English: "tune" rows are what the rules were tuned on,
"test" rows are held out. Real text must keep its language: every line of the NTREX dev texts
(``NAME.LANG.txt``, one sentence a line) and the seed article's title, abstract sentences and keyword
list in each language. ``--dump`` writes every answer, so two versions can be compared line by line
(run once with each version on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ushtil import read_article
from ushtil.langid import identify
from ushtil.split import split_article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "latin_other.tsv"
SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
NTREX = ROOT.parent / "shared" / "bench" / "ntrex-dev"


def _answer(text: str) -> str:
    guess = identify(text)
    return "other" if guess.other else guess.lang or f"?{guess.script}"


def other_rows(split: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        part, lang, text = line.split("\t")
        if split in ("all", part):
            rows.append((part, lang, text))
    return rows


def real_texts() -> list[tuple[str, str]]:
    """(language, text) of every real text looked at."""
    texts = []
    for path in sorted(NTREX.glob("*.txt")):
        name = path.name.split(".")
        if "raw" in name or name[-2] not in ("en", "kk", "ru"):
            continue
        texts += [(name[-2], line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    article = split_article(read_article(SEED))
    for lang, part in article.parts.items():
        texts += [(lang, part.title), (lang, ", ".join(part.keywords))]
        texts += [(lang, sentence) for sentence in part.sentence_list]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=("tune", "test", "all"))
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    answers: dict[str, str] = {}
    rows = other_rows(args.split)
    read_as_english = Counter()
    for part, lang, text in rows:
        answers[text] = _answer(text)
        if answers[text] == "en":
            read_as_english[part, lang] += 1
            print(f"  read as English ({part} {lang}): {text}")
    by_part = Counter(part for part, _, _ in rows)
    for part in sorted(by_part):
        wrong = sum(count for (p, _), count in read_as_english.items() if p == part)
        print(f"other languages, {part}: {wrong} of {by_part[part]} read as English "
              f"({', '.join(f'{lang} {n}' for (p, lang), n in sorted(read_as_english.items()) if p == part)})")
    wrong_real: Counter = Counter()
    totals: Counter = Counter()
    for lang, text in real_texts():
        answers[text] = answer = _answer(text)
        totals[lang] += 1
        # undecided (a short Cyrillic line without a clue) is no error: is_compatible takes it
        if answer != lang and not (answer == "?Cyrl" and lang != "en"):
            wrong_real[lang] += 1
            print(f"  real {lang} read as {answer}: {text[:120]}")
    print("real text: " + ", ".join(f"{lang} {wrong_real[lang]} of {totals[lang]} not read as {lang}"
                                    for lang in sorted(totals)))
    if args.dump:
        args.dump.write_text(json.dumps(answers, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
