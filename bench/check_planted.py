"""Does ``ushtil check`` find one planted translation error, and stay quiet on harmless edits?

    python bench/check_planted.py [--keep DIR] [--no-deletions]

Variants of the real seed article (corpus/004_9d99ed68fdecf78d.txt: a correct translation whose
Kazakh abstract lacks paragraph 4) each carry ONE planted error in one language, or a harmless edit.
Each is checked with ``python -m ushtil check FILE --json OUT`` as a translator runs it. A planted
error is found when a finding the seed does not already have names the planted language, the
planted part (abstract, keywords, title, authors) and one of the ids that mean that kind of error.
A false alarm is any finding of a clean variant the seed does not already have. Findings are
compared by (check, lang, section, the words of their text): bead numbers and counts shift when text is added.
The number variants start from the seed with three numeric sentences added, correctly, in all
three languages (itself a clean variant), since the seed abstract has no digits.

A second table deletes each abstract sentence of each language in turn (one variant each, the
sentence and the space before it cut from that language's abstract): a deletion is found when a new
missing-sentence/-paragraph error of that language quotes the deleted sentence's counterpart (its
bead's other sides in the seed's own alignment); "wrong sentence" when such an error of that
language quotes another sentence only; other new errors are any the seed does not already have
(the seed's own kk missing-paragraph finding, requoted, is the seed's). The seed's own missing/extra
errors other than that paragraph are its false alarms.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"

NUMBERS = {
    "en": ("In 2018, fuels, metals, and minerals accounted for 84.27% of Kazakhstan's exports to China. "
           "Kazakhstan's trade with the United States (almost $2 billion in 2020) cannot be compared to its "
           "trade with China ($21.4 billion). The correlation coefficient was 0.012 over 1,500 firms."),
    "kk": ("2018 жылы отын, металдар мен минералдар Қазақстанның Қытайға экспортының 84,27%-ын құрады. "
           "Қазақстанның АҚШ-пен саудасын (2020 жылы 2 млрд долларға жуық) Қытаймен саудасымен "
           "(21,4 млрд доллар) салыстыруға болмайды. Корреляция коэффициенті 1 500 фирма бойынша 0,012 болды."),
    "ru": ("В 2018 году топливо, металлы и минералы составили 84,27% экспорта Казахстана в Китай. "
           "Торговлю Казахстана с США (почти 2 млрд долларов в 2020 году) нельзя сравнить с его торговлей "
           "с Китаем (21,4 млрд долларов). Коэффициент корреляции составил 0,012 по 1 500 фирмам."),
}
LAST_PARAGRAPH_END = {
    "en": "educational, and cultural cooperation.",
    "kk": "білім беру және мәдени ынтымақтастықты қамтиды.",
    "ru": "образовательное и культурное сотрудничество.",
}

KK_FED = "Ресей Федерациясы да өз тарапынан аймақ елдерімен қарым-қатынасты дамытудың маңыздылығын мәлімдейді."
RU_FED = "Российская Федерация, со своей стороны, также заявляет о важности развития отношений со странами региона."
EN_FED = ("The Russian Federation, for its part, also claims the importance of developing relations with the "
          "countries of the region.")
KK_EXPERTS = "Кейбір сарапшылар Орта Азияның ХІХ ғасырдағы Ұлы ойынға – тек жаңа ойыншылармен оралып жатқанын айтады»."
RU_FRICTION = "Но между ними также есть некоторые трения."
EN_KEYWORDS = ("**Keywords:** regional and non-regional, civilizations, geopolitical interests, Russia, EU, China, "
               "Central Asia.")
KK_KEYWORDS = ("**Түйін сөздер:** аймақтық және аймақтық емес, өркениеттер, геосаяси мүдделер, "
               "Ресей, ЕО, Қытай, Орта Азия.")
RU_KEYWORDS = ("**Ключевые слова:** региональное и вне региональное, цивилизации, геополитические интересы, "
               "Россия, ЕС, Китай, Центральная Азия.")
EN_TITLE = "Kazakhstan as a Center of Gravity in Central Asia in the Clash between the USA and China"
KK_TITLE = "## Қазақстан АҚШ пен Қытай арасындағы қарама-қайшылықта Орталық Азиядағы тартымды орталық ретінде"
RU_TITLE = "#### Казахстан как центр притяжения в Центральной Азии в противостоянии США и Китая"
KK_BYLINE = "#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б.Әкімова"
RU_BYLINE = "#### Д.М. Туртугулова, Б. Сейлхан, Ж.Б. Акимова"


def replace(text: str, old: str, new: str) -> str:
    if text.count(old) < 1:
        raise SystemExit(f"bench/check_planted.py: the seed no longer has {old[:60]!r}")
    return text.replace(old, new, 1)


def with_numbers(seed: str) -> str:
    for lang, end in LAST_PARAGRAPH_END.items():
        seed = replace(seed, end, f"{end} {NUMBERS[lang]}")
    return seed


def abstract_span(text: str, lang: str) -> tuple[int, int]:
    """Where one language's abstract paragraphs lie (from its label to its keywords)."""
    label = {"en": "**Abstract.**", "kk": "**Аңдатпа.**", "ru": "**Аннотация.**"}[lang]
    keywords = {"en": "**Keywords:**", "kk": "**Түйін сөздер:**", "ru": "**Ключевые слова:**"}[lang]
    start = text.index(label)
    return start, text.index(keywords, start)


def reflowed(seed: str) -> str:
    """Every abstract paragraph hard-wrapped at 72 columns, as pasted from a PDF or an e-mail."""
    for lang in ("en", "kk", "ru"):
        start, end = abstract_span(seed, lang)
        paragraphs = seed[start:end].split("\n\n")
        wrapped = "\n\n".join(textwrap.fill(p, 72) if p.strip() else p for p in paragraphs)
        seed = seed[:start] + wrapped + seed[end:]
    return seed


def typographic(seed: str) -> str:
    """Straight quotes and hyphens in the Russian abstract, curly quotes and em dashes in the English."""
    start, end = abstract_span(seed, "ru")
    ru = seed[start:end].replace("«", '"').replace("»", '"').replace(" – ", " - ")
    seed = seed[:start] + ru + seed[end:]
    start, end = abstract_span(seed, "en")
    en = re.sub(r'"(\w)', "“\\1", seed[start:end])
    en = en.replace('"', "”").replace(" - ", " — ")
    return seed[:start] + en + seed[end:]


def guillemets_kk(seed: str) -> str:
    start, end = abstract_span(seed, "kk")
    kk = seed[start:end].replace("«", '"').replace("»", '"')
    return seed[:start] + kk + seed[end:]


def non_breaking(text: str) -> str:
    """Non-breaking spaces after initials, before units and inside grouped numbers, as Word types them."""
    text = re.sub(r"(\b[A-ZА-ЯӘҒҚҢӨҰҮҺІ]\.) (?=[A-ZА-ЯӘҒҚҢӨҰҮҺІ])", "\\1\u00a0", text)
    text = text.replace("1 500", "1\u00a0500").replace(" млрд", "\u00a0млрд").replace(" – ", "\u00a0– ")
    return text.replace("84,27%", "84,27\u00a0%")


def decimals_as_en(text: str) -> str:
    """The Kazakh part writing its decimals with a point (0.012, 21.4), as many Kazakh journals do."""
    start = text.index("**Аңдатпа.**")
    end = text.index("**Түйін сөздер:**", start)
    kk = text[start:end].replace("84,27", "84.27").replace("21,4", "21.4").replace("0,012", "0.012")
    return text[:start] + kk + text[end:]


def variants(seed: str):
    """(kind, name, text, planted as (lang, section) or None for a clean variant, ids that count)."""
    numbered = with_numbers(seed)
    number_ids = {"number-mismatch", "number-missing", "number-extra"}
    gap_ids = {"missing-sentence", "missing-paragraph", "truncated-abstract", "paragraph-count"}
    language_ids = {"wrong-language", "untranslated", "untranslated-partly"}
    glossary_ids = {"glossary-foreign-form", "glossary-variant", "inconsistent-term"}
    author_ids = {"author-name", "author-count", "missing-authors"}
    keyword_ids = {"keyword-missing", "keyword-count", "keyword-unmatched", "missing-keywords"}
    yield "clean", "seed itself", seed, None, set()
    yield "clean", "seed + numbers in 3 languages", numbered, None, set()
    yield "clean", "abstracts hard-wrapped at 72 columns", reflowed(numbered), None, set()
    yield "clean", "straight quotes/hyphens ru, curly/em dash en", typographic(numbered), None, set()
    yield "clean", "kk « » written as \" \"", guillemets_kk(numbered), None, set()
    yield "clean", "non-breaking spaces (initials, units, 1 500)", non_breaking(numbered), None, set()
    yield "clean", "kk percent as a word (84,27 пайызын)", \
        replace(numbered, "84,27%-ын", "84,27 пайызын"), None, set()
    yield "clean", "ru money abbreviated (млрд долл.)", \
        replace(numbered, "2 млрд долларов в 2020", "2 млрд долл. в 2020"), None, set()
    yield "clean", "kk decimals with a point (21.4, 0.012)", decimals_as_en(numbered), None, set()

    kk_numbers, ru_numbers = NUMBERS["kk"], NUMBERS["ru"]
    yield "number", "kk year 2018 -> 2081", replace(numbered, kk_numbers, kk_numbers.replace("2018", "2081")), \
        ("kk", "abstract"), number_ids
    yield "number", "ru decimal 0,012 -> 0,021", replace(numbered, ru_numbers, ru_numbers.replace("0,012", "0,021")), \
        ("ru", "abstract"), number_ids
    yield "number", "ru percentage 84,27% -> 48,27%", \
        replace(numbered, ru_numbers, ru_numbers.replace("84,27%", "48,27%")), ("ru", "abstract"), number_ids
    yield "number", "kk money 21,4 млрд -> 12,4 млрд", \
        replace(numbered, kk_numbers, kk_numbers.replace("21,4", "12,4")), ("kk", "abstract"), number_ids

    en_numbers = NUMBERS["en"]
    yield "number", "en percentage 84.27% -> 48.27%", \
        replace(numbered, en_numbers, en_numbers.replace("84.27%", "48.27%")), ("en", "abstract"), number_ids

    yield "deleted sentence", "kk: Ресей Федерациясы … deleted", replace(seed, " " + KK_FED, ""), \
        ("kk", "abstract"), gap_ids
    yield "deleted sentence", "ru: Но между ними … deleted", replace(seed, " " + RU_FRICTION, ""), \
        ("ru", "abstract"), gap_ids
    yield "deleted sentence", "ru: Российская Федерация … deleted", replace(seed, " " + RU_FED, ""), \
        ("ru", "abstract"), gap_ids
    yield "deleted sentence", "en: The Russian Federation … deleted", replace(seed, " " + EN_FED, ""), \
        ("en", "abstract"), gap_ids
    yield "deleted sentence", "kk: Кейбір сарапшылар … deleted", replace(seed, " " + KK_EXPERTS, ""), \
        ("kk", "abstract"), gap_ids

    yield "English left in", "ru sentence left in English", replace(seed, RU_FED, EN_FED), \
        ("ru", "abstract"), language_ids
    yield "English left in", "kk sentence left in English", replace(seed, KK_FED, EN_FED), \
        ("kk", "abstract"), language_ids

    yield "Russian in kk", "ru sentence pasted into kk", replace(seed, KK_FED, RU_FED), \
        ("kk", "abstract"), language_ids
    yield "Russian in kk", "ru keyword pasted into kk list", \
        replace(seed, KK_KEYWORDS, KK_KEYWORDS.replace("геосаяси мүдделер", "геополитические интересы")), \
        ("kk", "keywords"), language_ids | keyword_ids | glossary_ids
    yield "English left in", "ru title left in English", replace(seed, RU_TITLE, "#### " + EN_TITLE), \
        ("ru", "title"), language_ids

    yield "keyword dropped", "kk: геосаяси мүдделер dropped", \
        replace(seed, KK_KEYWORDS, KK_KEYWORDS.replace(" геосаяси мүдделер,", "")), ("kk", "keywords"), keyword_ids
    yield "keyword dropped", "ru: Китай dropped", \
        replace(seed, RU_KEYWORDS, RU_KEYWORDS.replace(" Китай,", "")), ("ru", "keywords"), keyword_ids

    yield "keyword dropped", "en: civilizations dropped", \
        replace(seed, EN_KEYWORDS, EN_KEYWORDS.replace(" civilizations,", "")), ("en", "keywords"), keyword_ids

    yield "glossary term", "kk keywords ЕО -> ЕС (ru form)", \
        replace(seed, KK_KEYWORDS, KK_KEYWORDS.replace("ЕО", "ЕС")), ("kk", "keywords"), glossary_ids
    yield "glossary term", "ru title США -> АҚШ (kk form)", \
        replace(seed, RU_TITLE, RU_TITLE.replace("США", "АҚШ")), ("ru", "title"), glossary_ids
    yield "glossary term", "kk title Қытай -> Китай (ru form)", \
        replace(seed, KK_TITLE, KK_TITLE.replace("Қытай", "Китай")), ("kk", "title"), glossary_ids

    yield "author name", "kk: Сейлхан -> Сейтхан", replace(seed, KK_BYLINE, KK_BYLINE.replace("Сейлхан", "Сейтхан")), \
        ("kk", "authors"), author_ids
    yield "author name", "ru: Б. Сейлхан missing", replace(seed, RU_BYLINE, RU_BYLINE.replace(" Б. Сейлхан,", "")), \
        ("ru", "authors"), author_ids
    yield "author name", "kk: Ж.Б.Әкімова missing", replace(seed, KK_BYLINE, KK_BYLINE.replace(", Ж.Б.Әкімова", "")), \
        ("kk", "authors"), author_ids
    yield "author name", "en: Akimova -> Akimva", \
        replace(seed, "Zh.B. Akimova<sup>", "Zh.B. Akimva<sup>"), ("en", "authors"), author_ids
    yield "author name", "ru: Туртугулова -> Туртуглова", \
        replace(seed, RU_BYLINE, RU_BYLINE.replace("Туртугулова", "Туртуглова")), ("ru", "authors"), author_ids


def check(text: str, folder: Path, name: str) -> list[dict]:
    return report(text, folder, name)["findings"]


def report(text: str, folder: Path, name: str) -> dict:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    out = folder / f"{name}.json"
    run = subprocess.run([sys.executable, "-m", "ushtil", "check", str(path), "--json", str(out)],
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"bench/check_planted.py: check failed on {name}: {run.stderr.strip()[-300:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def key(finding: dict) -> tuple:
    """A finding up to its punctuation (a seed finding quoting a sentence whose dashes were retyped is
    the seed's finding)."""
    return finding["check"], finding["lang"], finding["section"], " ".join(re.findall(r"\w+", finding["text"]))


GAP_IDS = ("missing-sentence", "missing-paragraph")
#: The seed's own finding: its Kazakh abstract lacks paragraph 4.
SEED_GAP = ("missing-paragraph", "kk", "abstract")


def without_sentence(seed: str, lang: str, sentence: str) -> str:
    """The seed with one sentence cut from ``lang``'s abstract (with the space joining it to the next
    or previous sentence of its paragraph)."""
    start, end = abstract_span(seed, lang)
    part = seed[start:end]
    for old, new in ((f" {sentence} ", " "), (f"{sentence} ", ""), (f" {sentence}", ""), (sentence, "")):
        if old in part:
            return seed[:start] + part.replace(old, new, 1) + seed[end:]
    raise SystemExit(f"bench/check_planted.py: {sentence[:60]!r} is not in the seed's {lang} abstract")


def deletions(seed: str, folder: Path) -> list[str]:
    """Each abstract sentence of each language deleted in turn: the table's lines and its notes."""
    seed_report = report(seed, folder, "seed")
    (article,) = seed_report["articles"]
    seed_errors = [f for f in seed_report["findings"] if f["severity"] == "error"]
    baseline = {key(f) for f in seed_report["findings"]}
    false_alarms = [f for f in seed_errors if f["check"].startswith(("missing-", "extra-"))
                    and (f["check"], f["lang"], f["section"]) != SEED_GAP]
    rows, notes = {}, []
    for lang in ("en", "kk", "ru"):
        row = rows[lang] = [0, 0, 0, 0]
        for bead in article["beads"]:
            if bead["section"] != "abstract" or not bead[lang]:
                continue
            counterparts = [bead["text"][other] for other in ("en", "kk", "ru") if other != lang and bead[other]]
            sentence = bead["text"][lang]
            name = f"d-{lang}-{bead['number']:02d}"
            new = [f for f in check(without_sentence(seed, lang, sentence), folder, name) if key(f) not in baseline]
            gaps = [f for f in new if f["check"] in GAP_IDS and f["lang"] == lang and f["severity"] == "error"]
            hits = [f for f in gaps if any(text in f["text"] for text in counterparts)]
            others = [f for f in new if f["severity"] == "error" and f not in gaps
                      and (f["check"], f["lang"], f["section"]) != SEED_GAP]
            row[0] += 1
            row[1] += bool(hits)
            row[2] += bool(gaps and not hits)
            row[3] += len(others)
            if not hits:
                notes.append(f"  {'WRONG SENTENCE' if gaps else 'MISSED'} [{lang} #{bead['number']} "
                             f"{sentence[:50]}…]: " + ("; ".join(f"{f['check']} {f['lang']} #{f['bead']} "
                                                               f"{f['text'][:40]}" for f in gaps) or "none"))
            notes += [f"  other error [{lang} #{bead['number']} deleted]: {f['check']} {f['lang']} #{f['bead']}: "
                      f"{f['message'][:100]}" for f in others]
    lines = ["", f"| {'seed, each abstract sentence deleted':36} "
                 "| deleted | found | wrong sentence | other new errors |",
             f"|{'-' * 38}|---------|-------|----------------|------------------|"]
    for lang, (deleted, found, wrong, other) in rows.items():
        lines.append(f"| {lang:36} | {deleted:7} | {found:5} | {wrong:14} | {other:16} |")
    total = [sum(column) for column in zip(*rows.values(), strict=True)]
    lines.append(f"| {'all':36} | {total[0]:7} | {total[1]:5} | {total[2]:14} | {total[3]:16} |")
    lines.append(f"the seed's own missing/extra errors besides kk's paragraph 4 (false alarms): {len(false_alarms)}")
    lines += [f"  seed false alarm: {f['check']} {f['lang']} #{f['bead']}: {f['message'][:100]}" for f in false_alarms]
    return lines + notes


def main(argv: list[str]) -> int:
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    seed = SEED.read_text(encoding="utf-8")
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        baseline = {key(f) for f in check(seed, folder, "seed")}
        for i, (kind, name, text, planted, ids) in enumerate(variants(seed)):
            new = [f for f in check(text, folder, f"v{i:02d}") if key(f) not in baseline]
            if planted is None:
                rows["clean variants"][0] += 1
                rows["clean variants"][2] += len(new)
                notes += [f"  false alarm [{name}]: {f['severity']} {f['check']} {f['lang']} #{f['bead']} "
                          f"{f['section']}: {f['message'][:110]}" for f in new]
                continue
            lang, section = planted
            hits = [f for f in new if f["check"] in ids and lang in f["lang"].split("-") and f["section"] == section]
            rows[kind][0] += 1
            rows[kind][1] += bool(hits)
            if not hits:
                notes.append(f"  MISSED [{name}]: new findings: "
                             + ("; ".join(f"{f['check']} {f['lang']} {f['section']}" for f in new) or "none"))
            others = [f for f in new if f not in hits and f["severity"] == "error"]
            rows[kind][2] += len(others)
            notes += [f"  other error [{name}]: {f['check']} {f['lang']} #{f['bead']} {f['section']}: "
                      f"{f['message'][:110]}" for f in others]
        deleted = [] if "--no-deletions" in argv else deletions(seed, folder)
    print(f"| {'kind':22} | planted | found | other new errors / clean false alarms |")
    print(f"|{'-' * 24}|---------|-------|---------------------------------------|")
    for kind, (planted, found, other) in rows.items():
        shown = "-" if kind == "clean variants" else str(found)
        print(f"| {kind:22} | {planted:7} | {shown:>5} | {other:37} |")
    print("\n".join(notes + deleted))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
