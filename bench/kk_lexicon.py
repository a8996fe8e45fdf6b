"""Build ``src/ushtil/lemma/data/kk_lexicon.tsv`` (form → lemma) from UD Kazakh KTB tuning data.

Usage: python bench/kk_lexicon.py [CONLLU ...]   (default: ../shared/ud/kk_ktb-test-first80.conllu)

Only the first 80% of each KTB test document is used; the last 20% stays unseen for the benchmark.
Each lower-cased form keeps its most frequent lemma; punctuation and numbers are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ud import read_conllu

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil.files import atomic_write  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "ud" / "kk_ktb-test-first80.conllu"
TARGET = ROOT / "src" / "ushtil" / "lemma" / "data" / "kk_lexicon.tsv"
HEADER = """\
# Kazakh word forms and their lemmas, from the first 80% of each document of the UD Kazakh-KTB
# test file (commit e9f3b87; made by bench/kk_lexicon.py). Derived from UD_Kazakh-KTB,
# licensed CC BY-SA 4.0 (https://github.com/UniversalDependencies/UD_Kazakh-KTB); this file is
# shared under the same licence. Lemmas of names keep their capital.
# form (lower case)	lemma	part of speech
"""


def lexicon_rows(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(form, lemma, upos) with the most frequent lemma of each lower-cased form, sorted by form."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        for paragraph in read_conllu(path):
            for sentence in paragraph.sentences:
                for word in sentence.words:
                    if word.upos in {"PUNCT", "NUM", "SYM"} or not any(c.isalpha() for c in word.form):
                        continue
                    counts[word.form.lower()][(word.lemma, word.upos)] += 1
    return sorted((form, *lemmas.most_common(1)[0][0]) for form, lemmas in counts.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conllu", nargs="*", type=Path, default=[DEFAULT], help="CoNLL-U files to read")
    args = parser.parse_args()
    rows = lexicon_rows(args.conllu)
    with atomic_write(TARGET) as handle:
        handle.write(HEADER + "".join("\t".join(row) + "\n" for row in rows))
    print(f"{len(rows)} forms written to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
