"""Options and helpers shared by several subcommands (input reading, progress, summaries)."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..cache import CACHE_FOLDER, ResultCache, cache_key
from ..engine import Engine, engine_for, ticker
from ..errors import UshtilError
from ..model import LANGS, Article
from ..outputs import input_files
from ..read.formats import SUFFIXES
from ..read.inputs import ALIGNMENT_SUFFIX, Inputs, collect_inputs, read_documents
from ..split import BACKENDS, split_document

#: The curated working glossary (see glossary/README.md), used by default when present.
DEFAULT_GLOSSARY = Path("glossary") / "glossary.tsv"


def add_nlp_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--nlp",
        choices=BACKENDS,
        default="builtin",
        help="sentence splitter and lemmatiser: the built-in offline rules (default) or stanza "
        "(needs 'pip install ushtil[stanza]' and models in $USHTIL_STANZA_DIR)",
    )


def add_glossary_option(parser: argparse.ArgumentParser, purpose: str) -> None:
    parser.add_argument(
        "--glossary", metavar="TSV",
        help=f"glossary file {purpose} (default: {DEFAULT_GLOSSARY} when present)",
    )
    parser.add_argument("--no-glossary", action="store_true", help="use no glossary, not even the default one")


def glossary_path(args: argparse.Namespace) -> Path | None:
    """The glossary the user named, else the default one when it exists, else none."""
    if args.no_glossary:
        return None
    if args.glossary:
        return Path(args.glossary)
    return DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_file() else None


def glossary_terms(args: argparse.Namespace) -> tuple[list[tuple[str, str, str]], str]:
    """The (en, kk, ru) term pairs of the glossary the run uses, and its file name ("" for none)."""
    path = glossary_path(args)
    if path is None:
        return [], ""
    from ..glossary.terms import term_pairs

    return term_pairs(path), str(path)


def add_article_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="*", metavar="FILE_OR_DIR",
        help="article files (.txt, .md, .docx, .pdf) or folders holding them (check also takes the "
        "NAME.alignment.jsonl files 'ushtil align' and 'ushtil review import' write, and uses them as they are)",
    )
    for lang, name in (("en", "English"), ("kk", "Kazakh"), ("ru", "Russian")):
        parser.add_argument(
            f"--{lang}", metavar="FILE", help=f"a file holding only the {name} abstract (instead of FILE_OR_DIR)"
        )


def article_input_files(args: argparse.Namespace, *extra: str | Path | None, found: Inputs | None = None) -> list[Path]:
    """Every file the command will read: the documents named or found in folders (by the one input
    rule, :func:`ushtil.read.inputs.collect_inputs`; ``found``, when the command collected them
    already: a thousand files' folder is listed once), the ``--en/--kk/--ru`` files and ``extra``
    files or folders (references, a glossary)."""
    if found is None:
        separate = {lang: getattr(args, lang) for lang in LANGS if getattr(args, lang)}
        found = collect_inputs(args.inputs, abstracts=None if args.inputs else separate,
                               presegmented=getattr(args, "presegmented", ()))
    named = [path for item in found.items for path in item.files.values()]
    return named + input_files(extra, SUFFIXES)


#: Seconds between progress lines when stderr is a log file rather than a terminal.
LOG_INTERVAL = 5.0


def whole_number(minimum: int, wanted: str) -> Callable[[str], int]:
    """An option's type: a whole number of at least ``minimum``; ``wanted`` says what to give instead."""
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{number}: give {wanted}")
        return number
    return parse


def add_engine_options(parser: argparse.ArgumentParser, cluster: bool = True) -> None:
    """``--jobs`` and ``--scheduler``: where the per-article work runs (the results are the same)."""
    parser.add_argument("-j", "--jobs", type=whole_number(1, "1 or more worker processes"), default=None, metavar="N",
                        help="worker processes for the per-article work (default: every core; 1: this "
                        "process only); the output is the same whatever N")
    if not cluster:  # work that only opens the user's files runs where they are
        parser.set_defaults(scheduler=None)
        return
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the per-article work on a Dask cluster instead (e.g. tcp://HOST:8786; needs "
                        "'pip install ushtil[dask]', the same ushtil on every worker and the input files "
                        "reachable from them)")


def engine_of(args: argparse.Namespace) -> Engine:
    return engine_for(args.jobs, args.scheduler)


def add_quiet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar or progress lines (errors and the closing summary still print)")


class _LogLines:
    """A stream for tqdm that writes each redraw as one plain line (a log file shows no carriage returns)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        text = text.replace("\r", "").strip()
        if text:
            self.stream.write(text + "\n")

    def flush(self) -> None:
        self.stream.flush()


def progress(items: Iterable, total: int, desc: str, quiet: bool = False, unit: str = "file") -> Iterator:
    """Iterate over ``items`` showing progress on stderr: a bar on a terminal, a short line every
    :data:`LOG_INTERVAL` seconds when stderr is a log file, nothing when ``quiet`` or with one item."""
    if quiet or total < 2:
        return iter(items)
    from tqdm import tqdm

    if sys.stderr.isatty():
        return iter(tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True))
    return iter(tqdm(items, total=total, desc=f"ushtil: {desc}", unit=unit, file=_LogLines(sys.stderr),
                     mininterval=LOG_INTERVAL, ascii=True, ncols=90))


def collect_article_inputs(args: argparse.Namespace, kinds: tuple[str, ...]) -> Inputs:
    """The documents named by FILE_OR_DIR or --en/--kk/--ru (:func:`ushtil.read.inputs.collect_inputs`)."""
    separate = {lang: getattr(args, lang) for lang in LANGS if getattr(args, lang)}
    if separate and args.inputs:
        raise UshtilError("give either FILE_OR_DIR or --en/--kk/--ru files, not both")
    if not separate and not args.inputs:
        raise UshtilError("no input: name article files or folders, or --en/--kk/--ru files")
    return collect_inputs(args.inputs, abstracts=separate, kinds=kinds)


def read_inputs(args: argparse.Namespace) -> tuple[list[Article], list[str]]:
    """Articles named on the command line, and one error line per file that could not be read."""
    inputs = collect_article_inputs(args, kinds=("article", "abstracts"))
    shown = None if args.quiet else (lambda items, label: progress(items, len(items), label, unit="file"))
    with engine_of(args) as engine:
        outcomes = read_documents(inputs.items, args.nlp, split=split_document, engine=engine.for_files(),
                                  on_done=ticker(shown, len(inputs.items), "reading"))
    articles = [outcome.value for outcome in outcomes if outcome.ok]
    return articles, [*inputs.errors, *(outcome.error for outcome in outcomes if not outcome.ok)]


#: At most this many articles' notes (or note lines) are printed; the rest are counted in one line.
NOTE_LIMIT = 20


def capped_notes(groups: list[list[str]], where: str, limit: int = NOTE_LIMIT, per_article: bool = True) -> list[str]:
    """The note lines of the first ``limit`` groups (one group per article, or with ``per_article``
    False one note each), then one line counting the rest and saying ``where`` they all are: a
    1,000-article run does not flood the terminal."""
    groups = [group for group in groups if group]
    shown = [line for group in groups[:limit] for line in group]
    rest = sum(len(group) for group in groups[limit:])
    if rest:
        more = f" on {len(groups) - limit} more article(s)" if per_article else ""
        shown.append(f"… and {rest} more note(s){more}; {where}")
    return shown


def report_errors(errors: list[str], command: str) -> None:
    for error in errors:
        print(f"ushtil {command}: error: {error}", file=sys.stderr)


def error_reporter(errors: list[str], command: str) -> Callable[[str], None]:
    """An ``on_error`` callback for library functions: prints the line now and keeps it in ``errors``."""
    def report(line: str) -> None:
        errors.append(line)
        report_errors([line], command)

    return report


def article_summary(article: Article) -> str:
    """One line per article: paragraphs, sentences and keywords per language, and what is missing."""
    cells = []
    for lang in LANGS:
        part = article.part(lang)
        if part.is_empty:
            cells.append(f"{lang}: missing")
        else:
            cells.append(
                f"{lang}: {len(part.paragraphs)} ¶, {len(part.sentence_list)} sent., {len(part.keywords)} kw"
            )
    # three abstract files (--en/--kk/--ru) are named each, not by the last one's name alone
    names = ", ".join(Path(source).name for source in article.source.split(", ")) if article.source else ""
    return f"{names or article.id}  " + " | ".join(cells)


def work_folder_cache(inputs: list[str], fresh: bool = False) -> ResultCache | None:
    """The cache of the work folder ``align`` wrote, when that folder is what is read: a re-run of
    ``check`` checks (and of ``glossary`` analyses) only the articles whose beads changed (a review
    import, a new article). ``fresh``: nothing is taken from it (what is made is still stored)."""
    folder = Path(inputs[0]) if len(inputs) == 1 else None
    if folder is None or not folder.is_dir() or not any(folder.glob(f"*{ALIGNMENT_SUFFIX}")):
        return None
    return ResultCache(folder / CACHE_FOLDER, reuse=not fresh)


def untouched_since_written(cache: ResultCache | None, path: Path) -> bool:
    """Whether ``path`` holds the bytes a run with this ``cache`` wrote there (:func:`record_written`):
    a workbook no one edited since, not read again to find a person's edits in it."""
    # its own connection: the caller's goes on to the workers of the run
    own = ResultCache(cache.folder, reuse=cache.reuse) if cache is not None and cache.folder else None
    recorded = own.get_bytes(_written_key(path), tally=False) if own is not None else None
    try:
        return recorded is not None and hashlib.sha256(path.read_bytes()).digest() == recorded
    except OSError:
        return False


def record_written(cache: ResultCache | None, path: Path, staged: Path) -> None:
    """Note in ``cache`` the bytes of the workbook staged for ``path``."""
    if cache is not None:
        cache.put_bytes(_written_key(path), hashlib.sha256(staged.read_bytes()).digest(), tally=False)


def _written_key(path: Path) -> str:
    return cache_key("workbook written", {}, str(path.resolve()))
