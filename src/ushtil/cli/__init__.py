"""The ``ushtil`` command: a thin layer over the library, one module per subcommand.

Each subcommand module has ``register(subparsers)`` and ``run(args) -> int``; :data:`COMMANDS`
is the one list of them. Errors the user can fix (:class:`UshtilError`) and file system failures are
printed on one line with exit code 2, never as a traceback; Ctrl-C exits with 130 and, since every
command writes its outputs together at the end (:mod:`ushtil.outputs`), changes no file.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys

from .. import __version__
from ..errors import UshtilError
from ..leftovers import ending_process

#: Subcommand modules in pipeline order, as ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("extract", "align", "review", "glossary", "check")


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The parser of the ``commands`` (all of them: ``--help`` lists every one)."""
    parser = argparse.ArgumentParser(
        prog="ushtil",
        description="Align English, Kazakh and Russian abstracts and build a trilingual glossary.",
        epilog="Every command refuses an output that is one of its inputs (or whose suffix does not fit its "
        "format), writes all its outputs together at the end (a failure or Ctrl-C changes no file), reports "
        "each unusable input on one line and goes on with the others. Exit codes: 0 done, 1 some inputs "
        "could not be used (or, for check, errors were found), 2 nothing could be done, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"ushtil {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in commands:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


#: The cycle collector's thresholds for a command (Python's: 700, 10, 10). A command holds a whole
#: corpus (alignments, indexes, findings) that only grows until it ends; collected every 700 new
#: objects, the young ones were scanned again and again (a fifth of the CPU of checking a 1,001-article
#: work folder again). Rarer collections free the same cycles, later; the results are the same.
COLLECT_EVERY = (50_000, 20, 10)


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` asks for (none given: this process's own arguments, as the ``ushtil``
    command and ``python -m ushtil`` run it, the process then ending with it: what the command holds
    is left to the process's end, not freed object by object, :mod:`ushtil.leftovers`)."""
    if argv is None:
        try:
            with ending_process():
                code = main(sys.argv[1:])
        except KeyboardInterrupt:  # while the command started (its imports) or ended: never mid-write
            print("ushtil: interrupted before or after the command's work; no output is half written",
                  file=sys.stderr)
            code = 130
        # the command is over: a Ctrl-C now (the cache committed at exit) would only print a traceback
        with contextlib.suppress(ValueError):  # (not the main thread: no signals to take)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return code
    # only the command asked for is registered: each imports what its options list (the checks, for
    # check's), and the three commands of a re-run each started by importing every command's
    parser = build_parser((argv[0],) if argv and argv[0] in COMMANDS else COMMANDS)
    args = parser.parse_args(argv)
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECT_EVERY)
    try:
        return _run(args)
    finally:
        gc.set_threshold(*thresholds)


def _run(args: argparse.Namespace) -> int:
    """The command ``args`` asks for, its failures as one line and an exit code."""
    try:
        return args.run(args)
    except UshtilError as exc:
        print(f"ushtil {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"ushtil {args.command}: interrupted; no output was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file system failure no writer foresaw: still one line, never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"ushtil {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("USHTIL_DEBUG"):
            raise
        print(f"ushtil {args.command}: internal error: {type(exc).__name__}: {exc} "
              "(please report it; USHTIL_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 2
