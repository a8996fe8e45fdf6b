"""Issue 10, point 9: long runs show progress — a bar on a terminal, short lines every few seconds
into a log file, nothing with --quiet — and end with their summary."""

from __future__ import annotations

import io
import shutil
import sys

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import build_parser, common, main


def subcommand_parsers():
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command").choices
    yield from ((name, sub) for name, sub in commands.items() if name != "review")
    review_actions = next(a for a in commands["review"]._actions if a.dest == "action").choices
    yield from ((f"review {name}", sub) for name, sub in review_actions.items())


def test_every_command_has_quiet():
    for name, parser in subcommand_parsers():
        assert "--quiet" in parser.format_help(), name


def test_log_file_gets_plain_lines_at_start_each_interval_and_end(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(common, "LOG_INTERVAL", 0)
    assert list(common.progress(range(4), 4, "checking", unit="article")) == [0, 1, 2, 3]
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[0].startswith("ushtil: checking:   0%") and "0/4" in lines[0]
    assert lines[-1].startswith("ushtil: checking: 100%") and "4/4" in lines[-1]
    assert len(lines) >= 4


def test_terminal_gets_a_bar_and_quiet_gets_nothing(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(common.progress(range(3), 3, "aligning")) == [0, 1, 2]
    assert "\r" in terminal.getvalue() and "aligning" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert list(common.progress(range(3), 3, "aligning", quiet=True)) == [0, 1, 2]
    assert quiet.getvalue() == ""


@pytest.mark.parametrize(("command", "summary"), [
    (["check", "--only", "structure"], "2 article(s) checked"),
    (["extract", "--json", "x.jsonl"], "2 article(s) written to"),
])
def test_commands_log_progress_and_end_with_their_summary(command, summary, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED_ARTICLE, tmp_path / name)
    main([command[0], "a.txt", "b.txt", *command[1:]])
    shown = capsys.readouterr()
    assert any("2/2" in line for line in shown.err.splitlines() if line.startswith("ushtil: "))
    last_lines = [text.strip().splitlines()[-1] for text in (shown.out, shown.err) if text.strip()]
    assert any(summary in line for line in last_lines)
    main([command[0], "a.txt", "b.txt", *command[1:], "--quiet"])
    quiet = capsys.readouterr()
    assert not [line for line in quiet.err.splitlines() if line.startswith("ushtil: ")]
    assert summary in quiet.out + quiet.err
