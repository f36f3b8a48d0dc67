"""How the analysis's tasks run: in worker processes, or one by one in the calling thread.

To the pipeline a `Runner` is a map function (`runner.map(tasks)` yields each task's result),
as lemon24/reader's pool map is to its update pipeline; how the work is spread is decided
here. Worker processes are spawned, not forked (the caller may have threads), run at a lower
CPU priority than the app, print nothing to its terminal, keep numpy and the tokenizer to one
thread each (the pool has a worker per core already), and are replaced between stages
(`fresh_workers`), since a worker keeps the peak size of its biggest task.

Task arguments and results cross between processes as lists of small pickles (`packed`): a
pool unpickles one result in a call that holds the GIL throughout, and 15 MB of documents in
one pickle froze an app's UI for 30 ms.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the pool's modules load when a pool starts, not with the app
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.queues import SimpleQueue

Task = tuple[Callable[..., Any], tuple[Any, ...]]
"""A function (module-level, so a worker process can run it) and its arguments."""

BACKGROUND_NICENESS = 10
"""How much lower than the app's the CPU priority of background work is: the worker
processes here, the analysis thread in the app (`reader.tui.scheduling`)."""
PARALLEL_MIN_ARTICLES = 300
"""Below this, worker processes cost more to start than they save."""
MAX_WORKERS = 4
IN_FLIGHT_PER_WORKER = 2
"""Tasks queued per worker: enough to keep it busy, few enough that a stop never waits."""
ONE_THREAD_EACH = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
"""What keeps a worker's libraries to its own thread: numpy's BLAS (the paraphrase
similarities, story grouping) and the word tokenizer would each start a thread per core, in
every worker. The pool already has a worker per core: with two workers on two cores, BLAS
threads waiting for work in a spin took a core from the other worker and from the app, and
the facts and quotes of the corpora took 1.7 times the CPU time."""


class AnalysisStopped(Exception):
    """Raised by a run once its `stopped` event is set (an app quitting mid-analysis)."""


def default_workers(articles: int) -> int:
    """Worker processes for a library of `articles`: none below `PARALLEL_MIN_ARTICLES`."""
    if articles < PARALLEL_MIN_ARTICLES:
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class Runner:
    """Runs tasks in a process pool when it has one, else in the calling thread, one by one."""

    def __init__(self, workers: int, stopped: threading.Event) -> None:
        self.workers = workers
        self.stopped = stopped
        self._lock = threading.Lock()
        self._pids: SimpleQueue[int] | None = None
        self._executor: ProcessPoolExecutor | None = self._start()

    def map(self, tasks: Iterable[Task]) -> Iterator[Any]:
        """Each task's result as tasks finish (in order when run here)."""
        if self._executor is None:
            for function, args in tasks:
                self._check()
                yield function(*args)
            return
        queue = iter(tasks)
        limit = IN_FLIGHT_PER_WORKER * self.workers
        futures = {self._submit(task) for task in itertools.islice(queue, limit)}
        while futures:
            finished, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in finished:
                yield self._result(future)
                futures |= {self._submit(task) for task in itertools.islice(queue, 1)}

    def fresh_workers(self) -> None:
        """Replace the (idle) worker processes with new ones, so what the old ones allocated
        goes back to the system."""
        with self._lock:
            if self._executor is None:
                return
            self._executor.shutdown(wait=True)
            self._executor = None if self.stopped.is_set() else self._start()
        self._check()

    def end(self) -> None:
        """End the worker processes now, without waiting for their tasks (a stop)."""
        with self._lock:
            if self._executor is None:
                return
            self._executor.shutdown(wait=False, cancel_futures=True)
            for pid in self._worker_pids():
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGTERM)

    def close(self) -> None:
        """Shut the workers down once their work is done (or at once after a stop)."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=not self.stopped.is_set(), cancel_futures=True)

    @property
    def parallel(self) -> bool:
        """Whether tasks run in worker processes."""
        return self._executor is not None

    def _start(self) -> ProcessPoolExecutor | None:
        """`workers` spawned processes, or None for one worker or where processes cannot be
        started. Each worker reports its pid, so a stop can end it (`end`)."""
        if self.workers <= 1:
            return None
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        try:
            _start_resource_tracker()
            context = get_context("spawn")
            self._pids = context.SimpleQueue()
            return ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self._pids,),
            )
        except (OSError, NotImplementedError, ValueError):
            return None

    def _worker_pids(self) -> list[int]:
        pids = []
        while self._pids is not None and not self._pids.empty():
            pids.append(self._pids.get())
        return pids

    def _submit(self, task: Task) -> Future[Any]:
        self._check()
        assert self._executor is not None
        return self._executor.submit(_run_in_worker, task[0], task[1])

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result()
        except Exception as error:
            if self.stopped.is_set():
                raise AnalysisStopped() from error
            raise

    def _check(self) -> None:
        if self.stopped.is_set():
            raise AnalysisStopped()


def labelled(label: str, task: Task) -> Task:
    """`task`, made to answer `(label, its result)`: a map over tasks of several kinds yields
    results as they finish, and the label tells whose each is."""
    function, args = task
    return _with_label, (label, function, args)


def _with_label(label: str, function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    return label, function(*args)


def _run_in_worker(function: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """`function(*args)`, then the worker's freed heap handed back to the system: glibc keeps
    freed pages for reuse, so a worker stayed at the size of its biggest task, and a facts
    worker ended its stage 20 MB bigger than without."""
    try:
        return function(*args)
    finally:
        return_freed_memory()


def _start_worker(pids: SimpleQueue[int]) -> None:
    """Worker processes share the terminal of an app, and its CPU cores: nothing they print
    may reach the terminal, and they run at a lower priority, so the UI gets a core the
    moment it needs one (on two cores, two busy workers doubled key-press latency). Their
    libraries run one thread each (`ONE_THREAD_EACH`: set before a task imports numpy)."""
    pids.put(os.getpid())
    os.environ.update(ONE_THREAD_EACH)
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    with contextlib.suppress(OSError, AttributeError):
        app_niceness = os.getpriority(os.PRIO_PROCESS, os.getppid())
        os.nice(max(0, min(19, app_niceness + BACKGROUND_NICENESS) - os.nice(0)))


@functools.cache
def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (once) with `sys.stderr` as the process
    started with it: the tracker is handed `sys.stderr.fileno()`, and a full-screen UI's
    replacement answers -1, which left the analysis without worker processes."""
    from multiprocessing import resource_tracker

    replaced = sys.stderr
    if sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = replaced


def return_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc keeps freed memory for reuse, so
    letting go of tens of MB of text would not show in the process's size otherwise)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def packed(items: Iterable[Any]) -> list[bytes]:
    """Each item pickled on its own, for a task's arguments or results (see the module)."""
    return [pickle.dumps(item, pickle.HIGHEST_PROTOCOL) for item in items]


def unpacked(items: Iterable[bytes]) -> Iterator[Any]:
    return (pickle.loads(item) for item in items)
