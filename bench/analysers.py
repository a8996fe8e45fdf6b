"""The built-in analysers against stanza on Universal Dependencies test files: boundaries, lemmas, speed.

Usage: python bench/analysers.py [--lang en kk ru] [--no-stanza] [--tuning] [--repeat N] [--threads N]

For each language: sentence-boundary precision/recall/F1 (the `# text` lines of each paragraph or
document joined with spaces and split again), lemma accuracy on the gold words (all words; for
Kazakh also NOUN/PROPN), and speed in gold sentences per second from raw text to lemmas (split,
tokenise, lemmatise), both systems timed the same way on the same text (best of --repeat runs).
The built-in speed is given with an empty lemma cache (a fresh process) and with a warm one (a
second pass); stanza's after its models are loaded, on --threads torch threads. Stanza runs when
it and its models ($USHTIL_STANZA_DIR) are there, else its columns say 'n/a'.
Kazakh is compared on kk_ktb-test-last20 only; --tuning adds first80, the data the rules and the
lexicon were made from (so its scores are not a test).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from boundaries import BoundaryScore
from ud import Paragraph, read_conllu

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil.errors import MissingModelError  # noqa: E402
from ushtil.lemma import builtin_lemmatizer  # noqa: E402
from ushtil.split import split_sentences  # noqa: E402
from ushtil.tokens import tokens  # noqa: E402

UD = ROOT.parent / "shared" / "ud"
TEST_SETS = {
    "en": [("EWT test", "en_ewt-ud-test.conllu")],
    "ru": [("GSD test", "ru_gsd-ud-test.conllu")],
    "kk": [("KTB last20", "kk_ktb-test-last20.conllu")],
}
TUNING_SETS = {"kk": [("KTB first80*", "kk_ktb-test-first80.conllu")]}


@dataclass
class Result:
    boundaries: BoundaryScore
    lemma_correct: int
    lemma_total: int
    noun_correct: int
    noun_total: int
    seconds: float
    warm_seconds: float | None = None

    @property
    def lemma_accuracy(self) -> float:
        return self.lemma_correct / self.lemma_total

    @property
    def noun_accuracy(self) -> float:
        return self.noun_correct / self.noun_total if self.noun_total else float("nan")


class System:
    """One analyser pipeline: split raw text, lemmatise gold words, and run end to end."""

    name = ""

    def split(self, text: str, lang: str) -> list[str]:
        raise NotImplementedError

    def lemmas(self, sentences: list[list[str]], lang: str) -> list[list[str]]:
        raise NotImplementedError

    def end_to_end(self, texts: list[str], lang: str) -> None:
        raise NotImplementedError

    def reset(self, lang: str) -> None:
        """Forget what was cached, so the next timing starts cold."""


class Builtin(System):
    name = "builtin"

    def split(self, text, lang):
        return split_sentences(text, lang)

    def lemmas(self, sentences, lang):
        lemmatizer = builtin_lemmatizer(lang)
        return [lemmatizer.lemmatize(words) for words in sentences]

    def end_to_end(self, texts, lang):
        lemmatizer = builtin_lemmatizer(lang)
        for text in texts:
            for sentence in split_sentences(text, lang):
                lemmatizer.lemmatize(tokens(sentence))

    def reset(self, lang):
        builtin_lemmatizer(lang).clear_cache()


class Stanza(System):
    name = "stanza"

    def split(self, text, lang):
        return split_sentences(text, lang, backend="stanza")

    def lemmas(self, sentences, lang):
        from ushtil.lemma.stanza_backend import stanza_lemmatize_sentences

        return stanza_lemmatize_sentences(sentences, lang)

    def end_to_end(self, texts, lang):
        from ushtil.stanza_models import stanza_pipeline

        pipeline = stanza_pipeline(lang, "tokenize,lemma")
        for text in texts:
            pipeline(text)


def evaluate(system: System, paragraphs: list[Paragraph], lang: str, repeat: int) -> Result:
    score = BoundaryScore()
    for paragraph in paragraphs:
        score.add([s.text for s in paragraph.sentences], system.split(paragraph.text, lang))
    sentences = [s for paragraph in paragraphs for s in paragraph.sentences]
    predicted = system.lemmas([[w.form for w in s.words] for s in sentences], lang)
    correct = total = noun_correct = noun_total = 0
    for sentence, lemmas in zip(sentences, predicted, strict=True):
        for word, lemma in zip(sentence.words, lemmas, strict=True):
            total += 1
            correct += lemma == word.lemma
            if word.upos in {"NOUN", "PROPN"}:
                noun_total += 1
                noun_correct += lemma == word.lemma
    texts = [paragraph.text for paragraph in paragraphs]
    seconds = warm = float("inf")
    for _ in range(repeat):  # best of several runs: the CPU is shared
        system.reset(lang)
        seconds = min(seconds, _timed(lambda: system.end_to_end(texts, lang)))
        if isinstance(system, Builtin):
            warm = min(warm, _timed(lambda: system.end_to_end(texts, lang)))
    return Result(score, correct, total, noun_correct, noun_total, seconds, warm if warm < float("inf") else None)


def _timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _stanza_available(lang: str, threads: int) -> bool:
    try:
        import torch

        from ushtil.stanza_models import stanza_pipeline

        torch.set_num_threads(threads)

        stanza_pipeline(lang, "tokenize,lemma")
        stanza_pipeline(lang, "tokenize")
        stanza_pipeline(lang, "tokenize,lemma", pretokenized=True)
    except (ImportError, MissingModelError) as exc:
        print(f"stanza {lang}: n/a ({exc})", file=sys.stderr)
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", choices=sorted(TEST_SETS), default=["en", "kk", "ru"],
                        help="languages to measure (default: all three)")
    parser.add_argument("--no-stanza", action="store_true", help="measure only the built-in analysers")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads for stanza (default 1: the built-in analysers use one core)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each system this many times and keep the fastest run (default 3)")
    parser.add_argument("--tuning", action="store_true",
                        help="also score the Kazakh tuning data (first80), marked with *")
    args = parser.parse_args()
    header = (f"{'lang':<4} {'set':<13} {'system':<8} {'sent':>5} {'P':>6} {'R':>6} {'F1':>6} "
              f"{'lemma':>6} {'N/PN':>6} {'sent/s':>8} {'warm/s':>8} {'ratio':>6} {'warm':>6}")
    print(header)
    print("-" * len(header))
    for lang in args.lang:
        sets = TEST_SETS[lang] + (TUNING_SETS.get(lang, []) if args.tuning else [])
        use_stanza = not args.no_stanza and _stanza_available(lang, args.threads)
        for name, filename in sets:
            paragraphs = read_conllu(UD / filename)
            count = sum(len(p.sentences) for p in paragraphs)
            builtin = evaluate(Builtin(), paragraphs, lang, args.repeat)
            stanza = evaluate(Stanza(), paragraphs, lang, args.repeat) if use_stanza else None
            for system, result in (("builtin", builtin), ("stanza", stanza)):
                if result is None:
                    print(f"{lang:<4} {name:<13} {system:<8} {count:>5} " + " ".join(["   n/a"] * 5))
                    continue
                speed = count / result.seconds
                warm = f"{count / result.warm_seconds:>8.0f}" if result.warm_seconds else f"{'':>8}"
                ratio = warm_ratio = ""
                if stanza and system == "builtin":
                    ratio = f"{stanza.seconds / result.seconds:>5.0f}x"
                    warm_ratio = f"{stanza.seconds / result.warm_seconds:>5.0f}x"
                nouns = f"{100 * result.noun_accuracy:>6.2f}" if lang == "kk" else f"{'':>6}"
                print(f"{lang:<4} {name:<13} {system:<8} {count:>5} {100 * result.boundaries.precision:>6.2f} "
                      f"{100 * result.boundaries.recall:>6.2f} {100 * result.boundaries.f1:>6.2f} "
                      f"{100 * result.lemma_accuracy:>6.2f} {nouns} {speed:>8.0f} {warm} {ratio:>6} {warm_ratio:>6}")
    print("P/R/F1: sentence boundaries; lemma: accuracy on gold words (N/PN: nouns and names);"
          " sent/s: raw text to lemmas (builtin: cold cache, warm: second pass); ratio: builtin/stanza speed"
          " (cold, warm)")


if __name__ == "__main__":
    main()
