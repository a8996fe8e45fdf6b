"""Where per-article work runs: this process, a pool of local processes, or a Dask cluster.

Every stage that treats articles one by one hands the work to :func:`run_each`, which returns one
:class:`Outcome` per item in the order given, whatever ran where: a result, or the one-line error
of an item that failed (the others still finish). The results do not depend on where they were
computed, so ``--jobs 1``, ``--jobs N`` and ``--scheduler tcp://…`` write the same files.

An object every item needs (a learned lexicon, the glossary) is passed once as ``shared`` and
reaches each worker once: inherited by forked pool workers, broadcast to Dask workers.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import UshtilError

T = TypeVar("T")

#: The worker's copy of the ``shared`` object of the current :func:`run_each` (see :func:`_install_shared`).
_SHARED: Any = None
#: Seconds to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10


@dataclass
class Engine:
    """Where :func:`run_each` runs work: ``jobs`` local processes, or the Dask cluster ``client`` is
    connected to (see :func:`engine_for`)."""

    jobs: int = 1
    scheduler: str = ""
    client: Any = field(default=None, repr=False, compare=False)

    @property
    def parallel(self) -> bool:
        return bool(self.scheduler) or self.jobs > 1

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        """Let go of the cluster (its workers stay up for the next command)."""
        if self.client is not None:
            self.client.close()
            self.client = None

    def for_files(self) -> Engine:
        """The engine for work that opens the user's files: a cluster's workers may not see them,
        so with a cluster that work runs on this machine's cores (its results travel with the tasks)."""
        return self.local()

    def local(self) -> Engine:
        """The engine for work that reads what this process holds (a corpus-wide index, too big to
        send): forked local workers share it; with a cluster that work runs on this machine's cores."""
        return Engine(jobs=default_jobs()) if self.scheduler else self

    def describe(self) -> str:
        if self.scheduler:
            return f"Dask cluster at {self.scheduler}"
        return "1 process" if self.jobs == 1 else f"{self.jobs} processes"


def default_jobs() -> int:
    """All the cores this process may use."""
    with contextlib.suppress(AttributeError):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def engine_for(jobs: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine the options ask for (``jobs=None``: every core); a cluster is connected to now,
    so one that cannot be reached is a one-line error before any work starts."""
    if jobs is not None and jobs < 1:
        raise UshtilError(f"--jobs {jobs}: give 1 or more worker processes")
    if scheduler:
        return Engine(scheduler=scheduler, client=_connect(scheduler))
    return Engine(jobs=default_jobs() if jobs is None else jobs)


@dataclass
class Outcome(Generic[T]):
    """What one item gave: its value, or a one-line error (``value`` is then None)."""

    value: T | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def run_each(
    func: Callable[..., T],
    items: Iterable,
    *,
    engine: Engine | None = None,
    shared: Any = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Outcome[T]]:
    """``func(item)`` — or ``func(item, shared)`` when ``shared`` is given — for every item.

    ``func`` must be a module-level function (it travels to other processes by name). ``on_done(n)``
    is called in this process after each finished item, with the number finished so far. ``items``
    is a sequence, or an iterator: a local pool is then handed each item as the iterator makes it,
    so the workers start on the first items while this process makes the next (a cluster gets them
    all once made).
    """
    engine = engine or Engine()
    if not isinstance(items, Sequence):
        if not engine.parallel:
            return _run_here(func, items, shared, on_done)
        if engine.scheduler:
            items = list(items)
        else:
            return _run_in_pool(func, ((range(n, n + 1), [item]) for n, item in enumerate(items)), shared,
                                on_done, engine.jobs)
    if not items:
        return []
    if not engine.parallel or len(items) == 1:
        return _run_here(func, items, shared, on_done)
    if engine.scheduler:
        return _run_on_dask(func, items, shared, on_done, engine.client or _connect(engine.scheduler))
    jobs = min(engine.jobs, len(items))
    return _run_in_pool(func, ((chunk, [items[n] for n in chunk]) for chunk in _chunks(len(items), jobs)), shared,
                        on_done, jobs)


#: How stages report progress: ``progress(items, label)`` wraps an iteration (a progress bar).
Progress = Callable[[Iterable, str], Iterable]


def ticker(progress: Progress | None, total: int, label: str) -> Callable[[int], None] | None:
    """An ``on_done`` callback for :func:`run_each` that advances a ``progress`` bar by one per item."""
    if progress is None or not total:
        return None
    steps = iter(progress(range(total), label))
    next(steps, None)  # the bar starts at 0 of total; each finished item moves it, the last one ends it
    return lambda done: next(steps, None)


def _call(func: Callable, item: Any, shared: Any) -> Outcome:
    """One item, its failure turned into a one-line error (an unexpected one named as such)."""
    try:
        return Outcome(value=func(item) if shared is None else func(item, shared))
    except UshtilError as exc:
        return Outcome(error=str(exc))
    except Exception as exc:  # a bug must not stop the other articles; say what it was
        return Outcome(error=f"internal error ({type(exc).__name__}: {exc})")


def _run_here(func, items, shared, on_done) -> list[Outcome]:
    outcomes = []
    for number, item in enumerate(items, 1):
        outcomes.append(_call(func, item, shared))
        if on_done:
            on_done(number)
    return outcomes


#: Whether this pool worker is working on items now (see :func:`_interrupt_when_busy`).
_BUSY = False


def _install_shared(shared: Any) -> None:
    """A pool worker's start: the ``shared`` object, and Ctrl-C stopping only work under way."""
    global _SHARED
    _SHARED = shared
    signal.signal(signal.SIGINT, _interrupt_when_busy)


def _interrupt_when_busy(signum, frame) -> None:
    """Ctrl-C (sent to every process of the terminal's group) stops a worker's items at once; a
    worker waiting for items is let go by the pool instead (stopped while it waited, it died
    printing a traceback)."""
    if _BUSY:
        raise KeyboardInterrupt


def _pool_context() -> multiprocessing.context.BaseContext:
    """Forked workers start at once and inherit what this process has loaded; spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


#: The remaining items over the workers are cut into this many runs per worker at each step (see :func:`_chunks`).
CHUNKS_PER_WORKER = 4


def _chunks(count: int, jobs: int) -> list[range]:
    """The items cut into runs for the pool, largest first (guided scheduling): a task carries many
    small items (one task per item paid a round trip through the pool's queues each: 1,001 alignment
    files read on 2 workers took 3.6-4.1 s one by one, 2.6-3.1 s in runs), and the last tasks one
    item each, so the workers still end together."""
    chunks, start = [], 0
    while start < count:
        size = max(1, (count - start) // (jobs * CHUNKS_PER_WORKER))
        chunks.append(range(start, start + size))
        start += size
    return chunks


def _call_chunk(func: Callable, items: list, has_shared: bool) -> list[Outcome]:
    global _BUSY
    _BUSY = True
    try:
        return [_call(func, item, _SHARED if has_shared else None) for item in items]
    finally:
        _BUSY = False


def _run_in_pool(func, tasks: Iterable[tuple[range, list]], shared, on_done, jobs: int) -> list[Outcome]:
    """``tasks``: runs of items with their numbers, each handed to the pool as it comes (the workers
    are started at the first, and work on it while the next is made)."""
    has_shared = shared is not None
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=_pool_context(), initializer=_install_shared, initargs=(shared,),
    ) as pool:
        def cancel() -> None:
            pool.shutdown(wait=False, cancel_futures=True)

        futures = {}
        try:
            for numbers, run in tasks:
                futures[pool.submit(_call_chunk, func, run, has_shared)] = numbers
        except BaseException:  # Ctrl-C (or a failure) while this process made the next items
            cancel()
            raise
        return _collect(futures, sum(map(len, futures.values())), concurrent.futures.as_completed, cancel, on_done)


def _collect(futures: dict, count: int, as_completed: Callable, cancel: Callable[[], Any], on_done) -> list[Outcome]:
    """Outcomes in item order as the futures finish (each future's value: the outcomes of the items
    numbered by its ``range``); on Ctrl-C the rest is cancelled."""
    outcomes: list[Outcome | None] = [None] * count
    done = 0
    try:
        for future in as_completed(futures):
            numbers = futures[future]
            try:
                values = future.result()
            except Exception as exc:  # the worker itself died (out of memory, killed) or was lost
                values = [Outcome(error=f"worker failed ({type(exc).__name__}: {exc})")] * len(numbers)
            for number, outcome in zip(numbers, values, strict=True):
                outcomes[number] = outcome
                done += 1
                if on_done:
                    on_done(done)
    except BaseException:
        cancel()
        raise
    return [outcome or Outcome(error="not run") for outcome in outcomes]


def _connect(address: str):
    """A Dask client connected to the scheduler at ``address`` (closed when the process ends)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise UshtilError("--scheduler needs Dask: pip install 'ushtil[dask]'") from exc
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UshtilError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc


def _run_on_dask(func, items, shared, on_done, client) -> list[Outcome]:
    from distributed import as_completed

    shared_arg = client.scatter(shared, broadcast=True) if shared is not None else None
    futures = {client.submit(_as_chunk, func, item, shared_arg, pure=False): range(n, n + 1)
               for n, item in enumerate(items)}
    return _collect(futures, len(items), as_completed, lambda: client.cancel(list(futures)), on_done)


def _as_chunk(func: Callable, item: Any, shared: Any) -> list[Outcome]:
    """One item on a Dask worker, as the one outcome of a chunk."""
    return [_call(func, item, shared)]
