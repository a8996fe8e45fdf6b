"""What a command's process keeps to its end is never freed (the build's millions of objects cost
0.2-0.3 s to free one by one), its exit handlers still run, and no other process keeps anything."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PROBE = """
import atexit, os
from ushtil.leftovers import ending_process, keep_to_end

class Noted:
    def __init__(self, name):
        self.name = name
    def __del__(self, write=os.write):  # (os.write bound here: at exit the module's names are gone)
        write(1, f"freed {self.name}\\n".encode())

atexit.register(lambda: os.write(1, b"exit handler\\n"))
keep_to_end(Noted("outside"))
with ending_process():
    kept, dropped = Noted("kept"), Noted("dropped")
    keep_to_end(kept)
    del kept, dropped
os.write(1, b"ended\\n")
"""


def test_what_a_command_keeps_to_its_end_is_never_freed_and_its_exit_handlers_run():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT / "src")}, check=True)
    # kept outside a command's process: freed at once; not kept: freed when let go; kept: never
    assert done.stdout.splitlines() == ["freed outside", "freed dropped", "ended", "exit handler"]
