"""Where per-article work runs: this process, a pool of local processes, or a Dask cluster.

Every stage that treats articles one by one hands the work to :func:`run_each`, which returns one
:class:`Outcome` per item in the order given, whatever ran where: a result, or the one-line error
of an item that failed (the others still finish). The results do not depend on where they were
computed, so ``--jobs 1``, ``--jobs N`` and ``--scheduler tcp://…`` write the same files.

An object every item needs (a learned lexicon, the glossary) is passed once as ``shared`` and
reaches each worker once: inherited by forked pool workers, broadcast to Dask workers.

Within :meth:`Engine.keeping_workers`, the local worker processes serve every :func:`run_each`
call (one pool for both passes of a corpus alignment), and an item given a key goes back to the
worker that had its key before: that worker still holds what it kept of the item (the profiles
and evidence of a text's first pass, warm caches), which a new pool would compute again.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.reduction
import os
import signal
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
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
    #: the worker processes kept within :meth:`keeping_workers`
    workers: _Workers | None = field(default=None, init=False, repr=False, compare=False)
    #: the work :meth:`meanwhile` started within :meth:`finishing_meanwhile` (None outside it)
    started: list | None = field(default=None, init=False, repr=False, compare=False)

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

    @contextlib.contextmanager
    def keeping_workers(self) -> Iterator[Engine]:
        """Within: local work runs in one set of worker processes, started at the first parallel
        :func:`run_each` and kept until the block ends, and an item with a key goes to the worker
        that had the same key before (another one takes it only when that worker has nothing else
        left): the passes of a corpus alignment find each text's first-pass profiles and evidence
        where they were made (in pools made per pass, the second pass cost 30-40 % more CPU than
        in one process). Nothing changes for a cluster or one process."""
        if self.scheduler or self.jobs == 1 or self.workers is not None:
            yield self
            return
        self.workers = _Workers(self.jobs)
        try:
            yield self
        finally:
            workers, self.workers = self.workers, None
            workers.close()

    @contextlib.contextmanager
    def finishing_meanwhile(self) -> Iterator[Engine]:
        """Within: work handed to :meth:`meanwhile` runs on a forked worker while this process goes
        on, and is waited for when the block ends (a failure is then a one-line error). A command
        hands it what it keeps for its next run, which none of its outputs reads, and writes its
        outputs meanwhile: a glossary re-run stored its rankings (0.15 s) and then wrote its
        workbook (0.3 s), one core idle. With one process or a cluster (whose workers hold nothing
        of this process), or where processes are not forked, the work runs when handed."""
        if self.jobs == 1 or self.scheduler or self.started is not None or _pool_context().get_start_method() != "fork":
            yield self
            return
        self.started = started = []
        try:
            yield self
        finally:
            self.started = None
            errors = [_waited(pool, future) for pool, future in started]
        failed = [error for error in errors if error]
        if failed:
            raise UshtilError(failed[0])

    def meanwhile(self, func: Callable[[Any], Any], item: Any) -> None:
        """``func(item)`` on a forked worker within :meth:`finishing_meanwhile` (``item`` inherited
        there, never sent), else here and now."""
        if self.started is None:
            func(item)
            return
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=_pool_context(),
                                                      initializer=_install_shared, initargs=(item,))
        self.started.append((pool, pool.submit(_applied, func)))

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
    keys: Sequence[Hashable] | None = None,
) -> list[Outcome[T]]:
    """``func(item)`` — or ``func(item, shared)`` when ``shared`` is given — for every item.

    ``func`` must be a module-level function (it travels to other processes by name). ``on_done(n)``
    is called in this process after each finished item, with the number finished so far. ``items``
    is a sequence, or an iterator: a local pool is then handed each item as the iterator makes it,
    so the workers start on the first items while this process makes the next (a cluster gets them
    all once made). ``keys`` (one per item of a sequence) send an item, within
    :meth:`Engine.keeping_workers`, to the worker that had its key before; they change no result.
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
    if engine.workers is not None:
        return engine.workers.run(func, items, shared, on_done, keys)
    jobs = min(engine.jobs, len(items))
    return _run_in_pool(func, ((chunk, [items[n] for n in chunk]) for chunk in _chunks(len(items), jobs)), shared,
                        on_done, jobs)


@contextlib.contextmanager
def aside(func: Callable[..., T], item: Any, *, engine: Engine | None = None,
          shared: Any = None) -> Iterator[Callable[[], Outcome[T]]]:
    """``func(item)`` (or ``func(item, shared)``) on one forked worker while the block goes on in this
    process, which is handed a call that waits for its :class:`Outcome`: two parts of one step, on
    two cores, without a pool's start for a step too small to share out. Without a parallel local
    ``engine`` (or on a cluster, whose workers do not hold what this process holds) the call runs it
    here."""
    if engine is None or not engine.parallel or engine.scheduler:
        yield lambda: _call(func, item, shared)
        return
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=_pool_context(),
                                                  initializer=_install_shared, initargs=(shared,))
    future = pool.submit(_call_chunk, func, [item], shared is not None)

    def outcome() -> Outcome[T]:
        try:
            return future.result()[0]
        except Exception as exc:  # the worker itself died (out of memory, killed)
            return Outcome(error=f"worker failed ({type(exc).__name__}: {exc})")

    try:
        yield outcome
    finally:  # (on Ctrl-C the worker stops too: it gets the signal while busy, see _interrupt_when_busy)
        pool.shutdown(wait=True, cancel_futures=True)


#: How stages report progress: ``progress(items, label)`` wraps an iteration (a progress bar).
Progress = Callable[[Iterable, str], Iterable]


def ticker(progress: Progress | None, total: int, label: str) -> Callable[[int], None] | None:
    """An ``on_done`` callback for :func:`run_each` that advances a ``progress`` bar by one per item."""
    if progress is None or not total:
        return None
    steps = iter(progress(range(total), label))
    next(steps, None)  # the bar starts at 0 of total; each finished item moves it, the last one ends it
    return lambda done: next(steps, None)


def _applied(func: Callable[[Any], Any]) -> list[Outcome]:
    """:meth:`Engine.meanwhile`'s work in its worker: ``func`` of the object the worker inherited."""
    return _call_chunk(func, [_SHARED], False)


def _waited(pool: concurrent.futures.ProcessPoolExecutor, future: concurrent.futures.Future) -> str:
    """The error of :meth:`Engine.meanwhile`'s work once done ("" if none), its worker let go."""
    try:
        return future.result()[0].error
    except Exception as exc:  # the worker itself died (out of memory, killed)
        return f"worker failed ({type(exc).__name__}: {exc})"
    finally:
        pool.shutdown(wait=True)


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
            done = _record(outcomes, numbers, values, done, on_done)
    except BaseException:
        cancel()
        raise
    return [outcome or Outcome(error="not run") for outcome in outcomes]


def _record(outcomes: list, numbers: Iterable[int], values: list[Outcome], done: int, on_done) -> int:
    """Put a finished run's ``values`` at their ``numbers``, telling ``on_done`` of each; the number
    finished so far."""
    for number, outcome in zip(numbers, values, strict=True):
        outcomes[number] = outcome
        done += 1
        if on_done:
            on_done(done)
    return done


class _Workers:
    """Worker processes kept for several :func:`run_each` calls (see :meth:`Engine.keeping_workers`),
    each fed one run of items at a time through its own pipe, so an item can be sent to the worker
    that had its key before. A worker that dies fails its run's items; the others take the rest."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.pipes: list[multiprocessing.connection.Connection] = []
        self.shared: Any = None
        #: the worker that last had each key
        self.placed: dict[Hashable, int] = {}
        #: why each worker that died is gone
        self.lost: dict[int, str] = {}

    def start(self, shared: Any) -> None:
        """Every worker at once, before this process waits on any of them (forked, they inherit
        ``shared`` and what this process has loaded)."""
        context = _pool_context()
        for _ in range(self.jobs):
            here, there = context.Pipe()
            # a forked worker would hold this process's ends too, and never see its own pipe closed
            process = context.Process(target=_serve, args=(there, shared, [*self.pipes, here]), daemon=True)
            process.start()
            there.close()
            self.processes.append(process)
            self.pipes.append(here)
        self.shared = shared

    def run(self, func, items: Sequence, shared, on_done, keys: Sequence[Hashable] | None) -> list[Outcome]:
        if not self.processes:
            self.start(shared)
        elif shared is not self.shared:
            self._send_shared(shared)
        try:
            return self._run(func, items, shared is not None, on_done, keys)
        except BaseException:  # Ctrl-C: the workers are stopped now, their items are not waited for
            self.close(stop=True)
            raise

    def _send_shared(self, shared: Any) -> None:
        message = multiprocessing.reduction.ForkingPickler.dumps(("shared", shared))
        for number in self._alive():
            self._send(number, message)
        self.shared = shared

    def _alive(self) -> list[int]:
        return [number for number in range(len(self.pipes)) if number not in self.lost]

    def _send(self, number: int, message: bytes) -> None:
        try:
            self.pipes[number].send_bytes(message)
        except OSError as exc:
            self.lost[number] = f"{type(exc).__name__}: {exc}"

    def _run(self, func, items: Sequence, has_shared: bool, on_done, keys) -> list[Outcome]:
        owners = [self.placed.get(key) for key in keys] if keys is not None else [None] * len(items)
        plan = _Plan(owners, self.jobs)
        outcomes: list[Outcome | None] = [None] * len(items)
        running: dict[multiprocessing.connection.Connection, tuple[int, list[int]]] = {}
        done = 0

        def hand_out() -> None:
            """The next run to every idle worker (while there are items left)."""
            busy = {number for number, _ in running.values()}
            for number in self._alive():
                run = [] if number in busy else plan.next_run(number, len(self._alive()))
                if not run:
                    continue
                if keys is not None:
                    self.placed.update((keys[n], number) for n in run)
                self._send(number, multiprocessing.reduction.ForkingPickler.dumps(
                    ("run", (func, [items[n] for n in run], has_shared))))
                if number in self.lost:
                    plan.give_back(run)
                else:
                    running[self.pipes[number]] = number, run

        hand_out()
        while running:
            for pipe in multiprocessing.connection.wait(list(running)):
                number, run = running.pop(pipe)
                try:
                    values = pipe.recv()
                except (EOFError, OSError) as exc:  # the worker itself died (out of memory, killed)
                    self.processes[number].join(1)
                    self.lost[number] = (f"the worker process ended, exit code {self.processes[number].exitcode}"
                                         if isinstance(exc, EOFError) else f"{type(exc).__name__}: {exc}")
                    values = [Outcome(error=f"worker failed ({self.lost[number]})")] * len(run)
                done = _record(outcomes, run, values, done, on_done)
            hand_out()
        reason = "; ".join(sorted(set(self.lost.values())))
        return [outcome or Outcome(error=f"worker failed ({reason})") for outcome in outcomes]

    def close(self, stop: bool = False) -> None:
        """Let the workers end (``stop``: end them now, their items unfinished)."""
        if stop:
            for process in self.processes:
                if process.is_alive():
                    process.terminate()
        for pipe in self.pipes:
            pipe.close()
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.terminate()
                process.join()
        self.processes, self.pipes = [], []


class _Plan:
    """Which items a kept worker takes next: runs of its own items (those whose key it had before),
    then of the items no worker had, then of the items another worker has most of left (from their
    end, so that worker keeps its next runs); each run a share of what is left (guided, as
    :func:`_chunks`), the last ones single items, so the workers end together."""

    def __init__(self, owners: list[int | None], jobs: int) -> None:
        self.own = [deque() for _ in range(jobs)]
        self.loose: deque[int] = deque()
        for n, owner in enumerate(owners):
            (self.loose if owner is None else self.own[owner]).append(n)

    def next_run(self, number: int, alive: int) -> list[int]:
        own = self.own[number]
        if own:
            return [own.popleft() for _ in range(max(1, len(own) // CHUNKS_PER_WORKER))]
        if self.loose:
            return [self.loose.popleft() for _ in range(max(1, len(self.loose) // (max(alive, 1) * CHUNKS_PER_WORKER)))]
        other = max(self.own, key=len)
        return sorted(other.pop() for _ in range(max(1, len(other) // (2 * CHUNKS_PER_WORKER)))) if other else []

    def give_back(self, run: list[int]) -> None:
        """A run its worker could not be sent (it died): another worker takes it."""
        self.loose.extendleft(reversed(run))


def _serve(pipe: multiprocessing.connection.Connection, shared: Any,
           not_mine: list[multiprocessing.connection.Connection]) -> None:
    """A kept worker: runs of items, or a new ``shared`` object, from its pipe until it is closed
    (``not_mine``: the other ends of the pipes, closed here at once)."""
    global _SHARED
    for end in not_mine:
        end.close()
    _install_shared(shared)
    while True:
        try:
            kind, payload = pipe.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if kind == "shared":
            _SHARED = payload
            continue
        try:
            outcomes = _call_chunk(*payload)
        except KeyboardInterrupt:  # Ctrl-C: this process's work is given up, quietly
            return
        try:
            pipe.send(outcomes)
        except (OSError, KeyboardInterrupt):
            return
        except Exception as exc:  # a result that cannot be sent back (not picklable)
            pipe.send([Outcome(error=f"internal error (result not sent: {type(exc).__name__}: {exc})")] * len(outcomes))


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
