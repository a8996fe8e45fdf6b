"""What a command's process keeps until it ends, never freed object by object.

A glossary build over a 1,000-article work folder holds millions of small objects (every unit's
tokens and gram sets, the postings, the rankings, the renderers' caches); freeing them one by one
when the build returns took 0.2-0.3 s of CPU of a 4 s re-run, where the operating system takes a
process's memory back at once when it ends. In the process of one command (:func:`ending_process`,
which the ``ushtil`` command and ``python -m ushtil`` run in) what a stage hands to
:func:`keep_to_end` is left in a frozen reference cycle: no reference count of it falls to zero, and
the cycle collector, which never looks at frozen objects, does not free it at exit either. Exit
handlers still run (the work folder's cache is committed and closed by its own). In any other process
(the library called from a program, the tests) nothing is kept.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: What :func:`keep_to_end` was handed in this command's process; None outside one.
_kept: list | None = None


def keep_to_end(*objects: Any) -> None:
    """Keep ``objects`` until the process ends, within :func:`ending_process` (else nothing)."""
    if _kept is not None:
        _kept.extend(objects)


@contextmanager
def ending_process() -> Iterator[None]:
    """The block is the last work of this process: what it hands to :func:`keep_to_end` is never freed.

    Freezing moves every object alive now to the collector's permanent generation, so cyclic garbage
    made before it is not collected at exit: the block's outputs are written and closed by then, and
    the objects that must be finalised at exit (the cache's connection) are by exit handlers."""
    global _kept
    _kept = kept = []
    try:
        yield
    finally:
        _kept = None
        kept.append(kept)  # a cycle: only the collector could free it ...
        gc.freeze()  # ... and it never looks at frozen objects again
