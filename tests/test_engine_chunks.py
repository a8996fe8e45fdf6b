"""The pool hands items out in runs (largest first); outcomes still come back one per item, in order."""

from __future__ import annotations

from ushtil.engine import Engine, _chunks, run_each
from ushtil.errors import UshtilError


def test_runs_cover_every_item_once_in_order_largest_first_and_end_with_single_items():
    for count, jobs in ((1001, 2), (37, 2), (5, 4), (100, 8)):
        chunks = _chunks(count, jobs)
        assert [n for chunk in chunks for n in chunk] == list(range(count))
        sizes = [len(chunk) for chunk in chunks]
        assert sizes == sorted(sizes, reverse=True)
        assert sizes[-1] == 1
    assert len(_chunks(1001, 2)) < 60  # not one task per item


def _square_or_fail(number: int) -> int:
    if number % 7 == 3:
        raise UshtilError(f"item {number} is bad")
    return number * number


def test_pool_of_runs_gives_each_item_its_own_outcome_in_order_and_ticks_once_per_item():
    items = list(range(120))
    done = []
    pooled = run_each(_square_or_fail, items, engine=Engine(jobs=2), on_done=done.append)
    assert [(o.value, o.error) for o in pooled] == [(o.value, o.error) for o in run_each(_square_or_fail, items)]
    assert pooled[3].error == "item 3 is bad" and pooled[4].value == 16
    assert done == list(range(1, 121))
