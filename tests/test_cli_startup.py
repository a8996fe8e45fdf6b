"""A command imports what it runs, not what the other commands list in their options: a re-run of a
work folder starts three commands, each of which imported every command's modules (the checks for
check's options, a tenth of a second)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PROBE = """
import sys
from ushtil.cli import main
try:
    main([{args}])
except SystemExit:
    pass
print(sorted(name for name in ("ushtil.checks", "ushtil.cli.check", "ushtil.cli.glossary", "ushtil.cli.extract")
             if name in sys.modules))
"""


def _imported(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=", ".join(map(repr, args)))],
                          capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")}, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_a_command_registers_only_itself_and_help_lists_every_command():
    assert _imported("align", "--help") == "[]"
    assert _imported("glossary", "--help") == "['ushtil.cli.glossary']"
    listed = subprocess.run([sys.executable, "-m", "ushtil", "--help"], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT / "src")}, check=True).stdout
    assert all(command in listed for command in ("extract", "align", "review", "glossary", "check"))
    # a command misspelt is told which there are
    wrong = subprocess.run([sys.executable, "-m", "ushtil", "chek"], capture_output=True, text=True, cwd=ROOT,
                           env={"PYTHONPATH": str(ROOT / "src")})
    assert wrong.returncode == 2 and "'check'" in wrong.stderr and "'glossary'" in wrong.stderr
