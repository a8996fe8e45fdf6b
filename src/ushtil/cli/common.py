"""Options and helpers shared by several subcommands (input reading, progress, summaries)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import UshtilError
from ..model import LANGS, Article
from ..outputs import input_files
from ..read import iter_article_files, read_abstract_files, read_article
from ..read.formats import SUFFIXES
from ..split import BACKENDS

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


def add_article_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="*", metavar="FILE_OR_DIR",
        help="article files (.txt, .md, .docx, .pdf) or folders holding them",
    )
    for lang, name in (("en", "English"), ("kk", "Kazakh"), ("ru", "Russian")):
        parser.add_argument(
            f"--{lang}", metavar="FILE", help=f"a file holding only the {name} abstract (instead of FILE_OR_DIR)"
        )


def article_input_files(args: argparse.Namespace, *extra: str | Path | None) -> list[Path]:
    """Every file the command will read: the articles named or found in folders, the
    ``--en/--kk/--ru`` files and ``extra`` files or folders (references, a glossary)."""
    named = [*args.inputs, *(getattr(args, lang) for lang in LANGS)]
    return input_files([*named, *extra], SUFFIXES)


def progress(items: Iterable, total: int, desc: str) -> Iterator:
    """Iterate with a progress bar on stderr when there is enough to wait for."""
    from tqdm import tqdm

    return iter(tqdm(items, total=total, desc=desc, unit="file", disable=total < 3 or None, file=sys.stderr))


def read_inputs(args: argparse.Namespace) -> tuple[list[Article], list[str]]:
    """Articles named on the command line, and one error line per file that could not be read."""
    separate = {lang: getattr(args, lang) for lang in LANGS if getattr(args, lang)}
    if separate:
        if args.inputs:
            raise UshtilError("give either FILE_OR_DIR or --en/--kk/--ru files, not both")
        return [read_abstract_files(separate, backend=args.nlp)], []
    if not args.inputs:
        raise UshtilError("no input: name article files or folders, or --en/--kk/--ru files")
    paths, errors = [], []
    for item in args.inputs:  # a missing file or an empty folder is one bad input among several
        try:
            paths.extend(iter_article_files([item]))
        except UshtilError as exc:
            errors.append(str(exc))
    articles = []
    for path in progress(paths, len(paths), "reading"):
        try:
            articles.append(read_article(path, backend=args.nlp))
        except UshtilError as exc:
            errors.append(str(exc))
    return articles, errors


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
    return f"{Path(article.source).name or article.id}  " + " | ".join(cells)
