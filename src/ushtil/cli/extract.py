"""``ushtil extract``: read articles and print their abstracts, keywords and sentences as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from ..outputs import OutputTransaction, guard_outputs, requested
from .common import (
    add_article_inputs,
    add_engine_options,
    add_nlp_option,
    add_quiet_option,
    article_input_files,
    article_summary,
    read_inputs,
    report_errors,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="read articles and output title, authors, abstract, keywords and sentences per language",
        description="Read trilingual articles and output one JSON record per article (JSON Lines): "
        "title, authors, abstract paragraphs, keywords and sentences for en, kk and ru. "
        "A one-line summary per article goes to stderr.",
    )
    add_article_inputs(parser)
    parser.add_argument("--json", metavar="OUT", help="write the JSON Lines to OUT instead of stdout")
    add_nlp_option(parser)
    add_engine_options(parser, cluster=False)
    add_quiet_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    inputs = article_input_files(args)
    guard_outputs(inputs, [requested("--json", args.json, "jsonl")])
    articles, errors = read_inputs(args)
    report_errors(errors, "extract")
    if not articles:
        return 2
    lines = [json.dumps(article.to_dict(), ensure_ascii=False) for article in articles]
    if args.json:
        with OutputTransaction(inputs) as written:
            written.write_text(args.json, "".join(line + "\n" for line in lines))
    else:
        sys.stdout.writelines(line + "\n" for line in lines)
    for article in articles:
        print(article_summary(article), file=sys.stderr)
        for note in article.notes:
            print(f"  note: {note}", file=sys.stderr)
    unread = f"; {len(errors)} input(s) could not be read (see the error lines above)" if errors else ""
    print(f"{len(articles)} article(s) written to {args.json or 'stdout'}{unread}", file=sys.stderr)
    return 1 if errors else 0
