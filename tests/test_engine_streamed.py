"""Items made by an iterator reach a local pool as they are made: the workers start on the first
while this process is still making the next (the glossary finds its candidates while a worker
finds the single-word terms); outcomes still come back one per item, in order."""

from __future__ import annotations

import time
from pathlib import Path

from ushtil.engine import Engine, run_each
from ushtil.errors import UshtilError

#: How long the iterator waits for the first item's worker before it gives up (a bound, not a measure).
PATIENCE_S = 60


def _mark_or_square(item: tuple[str, int]) -> int:
    marker, number = item
    if number == 0:
        Path(marker).write_text("started", encoding="utf-8")
    if number == 4:
        raise UshtilError("item 4 is bad")
    return number * number


def test_a_pool_starts_on_the_first_item_while_the_iterator_makes_the_next(tmp_path):
    marker = tmp_path / "first-item-started"
    seen = []

    def items():
        yield str(marker), 0
        deadline = time.monotonic() + PATIENCE_S
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(marker.exists())  # the first item was worked on before the next one existed
        yield from ((str(marker), number) for number in range(1, 8))

    done = []
    outcomes = run_each(_mark_or_square, items(), engine=Engine(jobs=2), on_done=done.append)
    assert seen == [True]
    assert [outcome.value for outcome in outcomes] == [0, 1, 4, 9, None, 25, 36, 49]
    assert outcomes[4].error == "item 4 is bad"
    assert done == list(range(1, 9))


def test_an_iterator_run_here_gives_the_same_outcomes(tmp_path):
    items = [(str(tmp_path / "marker"), number) for number in range(8)]
    here = run_each(_mark_or_square, iter(items))
    pooled = run_each(_mark_or_square, iter(items), engine=Engine(jobs=2))
    assert [(o.value, o.error) for o in here] == [(o.value, o.error) for o in pooled]
    assert run_each(_mark_or_square, iter([]), engine=Engine(jobs=2)) == []


CTRL_C_SCRIPT = """
import os, signal, sys, time
from pathlib import Path
from ushtil.engine import Engine, run_each
from test_engine_streamed import _mark_or_square

signal.signal(signal.SIGINT, signal.default_int_handler)
marker = Path(sys.argv[1])

def items():
    yield str(marker), 0
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # both workers now wait for items
    os.killpg(os.getpgrp(), signal.SIGINT)  # Ctrl-C: the whole group, as a terminal sends it
    time.sleep(5)
    yield str(marker), 1

try:
    run_each(_mark_or_square, items(), engine=Engine(jobs=2))
except KeyboardInterrupt:
    print("interrupted")
    sys.exit(130)
"""


def test_ctrl_c_while_the_workers_wait_for_items_stops_quietly(tmp_path):
    import os
    import subprocess
    import sys

    tests = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [tests, os.environ.get("PYTHONPATH", "")]))}
    done = subprocess.run([sys.executable, "-c", CTRL_C_SCRIPT, str(tmp_path / "marker")], capture_output=True,
                          text=True, env=env, start_new_session=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (130, "interrupted")
    assert "Traceback" not in done.stderr  # no worker died printing one
