"""How well ``ushtil check`` finds the passages deleted from the NTREX benchmark, and what else it flags.

    python bench/check_ntrex.py [../shared/bench/ntrex-dev]

Each raw-track case (three abstract-like texts) is checked; the manifest says which cases lost a run of
sentences in which language. A deletion counts as found when a missing-sentence/paragraph error names
that language, and as quoted when such an error quotes a sentence of the deleted run (another
language's line holding one, or a sentence of such a line); any other missing/extra error is a false alarm.
The other error and warning ids are counted too: news translations convert units and add
explanations, so some number findings are real.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LANGS = ("en", "kk", "ru")


def main(argv: list[str]) -> int:
    import ushtil
    from ushtil import read_abstract_files

    folder = Path(argv[0]) if argv else ROOT.parent / "shared" / "bench" / "ntrex-dev"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    found = missed = quoted = false_alarms = clean_cases_flagged = 0
    ids: Counter = Counter()
    for case in manifest["cases"]:
        name = case["case"]
        article = read_abstract_files({lang: folder / f"{name}.raw.{lang}.txt" for lang in ("en", "kk", "ru")},
                                      article_id=name)
        report = ushtil.check(article)
        ids.update(f"{f.severity.value} {f.check}" for f in report.findings)
        gaps = [f for f in report.errors if f.check.startswith(("missing-sentence", "missing-paragraph", "extra-"))]
        deletion = case["deletion"]
        hits = [f for f in gaps if deletion and f.check.startswith("missing") and deletion["lang"] in f.lang]
        if deletion:
            deleted = deleted_lines(folder, case)
            quoted += any(line in f.text or f.text in line for f in hits for line in deleted)
            found += bool(hits)
            missed += not hits
        elif gaps:
            clean_cases_flagged += 1
        false_alarms += len(gaps) - (1 if hits else 0)
    with_deletion = found + missed
    print(f"| {'NTREX dev raw track, ' + str(len(manifest['cases'])) + ' cases':44} | {'value':>7} |")
    print(f"|{'-' * 46}|{'-' * 9}|")
    print(f"| {'deletions found (case level)':44} | {found:>3}/{with_deletion:<3} |")
    print(f"| {'  of them quoting a deleted sentence':44} | {quoted:>3}/{with_deletion:<3} |")
    print(f"| {'other missing/extra errors (false alarms)':44} | {false_alarms:>7} |")
    print(f"| {'cases without deletion given such an error':44} | {clean_cases_flagged:>7} |")
    print("findings by id:")
    for name, count in sorted(ids.items()):
        print(f"  {name:40} {count:5}")
    return 0


def deleted_lines(folder: Path, case: dict) -> list[str]:
    """The other languages' lines holding a deleted sentence (a line may merge it with a neighbour)."""
    deletion = case["deletion"]
    lines = []
    for lang in LANGS:
        if lang == deletion["lang"]:
            continue
        text = (folder / f"{case['case']}.{lang}.txt").read_text(encoding="utf-8").splitlines()
        merged = {second for _, second in case["merges"][lang]}  # a gold sentence joined to the one before
        line = -1
        for position in range(case["n_gold"]):
            line += position not in merged
            if position in deletion["gold_positions"]:
                lines.append(text[line])
    return lines


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
