"""Worker processes (the build's and collect's pools): started the same way on every system, ended by
their parent on Ctrl-C or SIGTERM, and gone when the process that started them dies.

- **Start method.** `start_method()`: fork where the system has it (Linux), else spawn (Windows,
  macOS); ROADMAP_REPORTS_START_METHOD=spawn|fork|forkserver forces one (the tests run Windows' spawn
  on Linux this way).
- **Signals.** Ctrl-C in a terminal signals the whole process group. Workers ignore SIGINT: the parent
  alone decides, cancels what is queued and ends the workers (`pool()`), so no worker prints a
  KeyboardInterrupt traceback or deadlocks sending back a result. SIGTERM keeps its default action in a
  worker (it ends the worker at once); the parent ends its workers with SIGTERM, then SIGKILL.
- **Spawned workers' state** (Windows, macOS, or forced) goes through a temporary file that each worker reads
  (`_StateFile`): the parent then holds Ctrl-C back for the milliseconds a process takes to be created, not
  until the new worker has started Python and read a whole dataset from its pipe.
- **Orphans.** If the parent is killed (SIGKILL, Task Manager's "End task", an out-of-memory kill),
  nobody closes the pipe the workers wait on: each worker watches its parent and exits once it is gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

START_METHOD_VARIABLE = "ROADMAP_REPORTS_START_METHOD"


def start_method() -> str:
    """'fork' where available, else 'spawn'; the environment variable above forces one."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    forced = os.environ.get(START_METHOD_VARIABLE, "").strip().lower()
    if forced in methods:
        return forced
    return "fork" if "fork" in methods else "spawn"


def exit_with_parent(interval: float = 0.5) -> None:
    """In a worker process: start a daemon thread that ends the process when its parent is gone."""
    from roadmap_reports.io.files import pid_alive

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent or not pid_alive(parent):  # re-parented (POSIX) or gone (Windows)
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


@contextlib.contextmanager
def _signals_blocked():
    """Hold back SIGINT and SIGTERM (not lose them: they arrive when the block ends) while workers are
    started, so that a worker never sees one before `init_worker` has set it up: a new process inherits
    the blocked set, and a signal that arrives meanwhile waits for the parent."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def init_worker(initializer, initargs) -> None:
    """First thing in every worker: ignore Ctrl-C, die on SIGTERM, watch the parent, then `initializer`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    exit_with_parent()
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def pool(max_workers: int, *, method: str | None = None, initializer=None, initargs=()):
    """A ProcessPoolExecutor whose workers are set up by `init_worker`. Leaving the block normally waits
    for the workers; leaving it by an exception (Ctrl-C, SIGTERM, an error) cancels the queued work and
    ends the workers at once, so that the command can exit within a second and leave no process behind."""
    import multiprocessing

    ctx = multiprocessing.get_context(method or start_method())
    handoff = None
    if initializer is not None and ctx.get_start_method() != "fork":
        handoff = _StateFile(initializer, tuple(initargs))
        initializer, initargs = _init_from_file, (handoff.path,)
    try:
        executor = _executor_class()(max_workers=max_workers, mp_context=ctx, initializer=init_worker,
                                       initargs=(initializer, tuple(initargs)))
        try:
            yield executor
        except BaseException:
            end_workers(executor)
            raise
        executor.shutdown(wait=True)
    finally:
        if handoff is not None:
            handoff.remove()


class _StateFile:
    """A spawned worker's initializer and its arguments (a whole dataset), pickled once into a temporary file
    that every worker reads itself. Passed in the process object instead, they would be written into the new
    process's pipe, and the parent would wait — with Ctrl-C held back (`_signals_blocked`) — until the worker
    had started Python and read them: seconds on a busy machine, during which Ctrl-C did nothing."""

    def __init__(self, initializer, initargs) -> None:
        import pickle
        import tempfile

        fd, self.path = tempfile.mkstemp(prefix="roadmap-reports-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as file:
                pickle.dump((initializer, initargs), file, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            self.remove()
            raise

    def remove(self) -> None:
        with contextlib.suppress(OSError):  # Windows: a worker still reading it; the temporary folder keeps it
            os.unlink(self.path)


def _init_from_file(path: str) -> None:
    """In a spawned worker: read the initializer and its arguments that `_StateFile` wrote, and call it."""
    import pickle

    with open(path, "rb") as file:
        initializer, initargs = pickle.load(file)
    initializer(*initargs)


def _executor_class():
    from concurrent.futures import ProcessPoolExecutor

    class Executor(ProcessPoolExecutor):
        """Starts its workers (which happens in submit) with SIGINT and SIGTERM held back."""

        def submit(self, *args, **kwargs):
            with _signals_blocked():
                return super().submit(*args, **kwargs)

    return Executor


def end_workers(executor, timeout: float = 1.0) -> None:
    """End the executor's worker processes at once (they hold nothing to clean up: results come back over
    pipes, files are written by the parent), then let the executor wind down and cancel what was queued."""
    import multiprocessing

    terminate = getattr(executor, "kill_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
    workers = multiprocessing.active_children()  # this process's children: the workers
    for process in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
    for process in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.join(timeout)
    _close_results_writer(executor)
    with _signals_blocked():  # a second Ctrl-C must not interrupt the executor's own cleanup
        executor.shutdown(wait=True, cancel_futures=True)


def _close_results_writer(executor) -> None:
    """Close this process's copy of the write end of the executor's results pipe. A worker killed while it
    was sending a result (a workbook's bytes, megabytes) leaves half a message in the pipe; the executor's
    manager thread then waits for the rest for ever, because this process still holds a write end, and
    `shutdown` waits for that thread. With every worker gone and this end closed, the read ends with EOF:
    the executor sees a broken pool and winds down. (The executor's private `_result_queue`, as in Python
    3.8–3.14; if it is not there, nothing changes.)"""
    writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()


# --- a pool of workers that share one state -----------------------------------------------------------
_STATE = None  # in a worker: the state given to forked_map, inherited by a fork (pickled once by a spawn)


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX; not on Windows)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _init_state(state) -> None:
    global _STATE
    _STATE = state


def _call_with_state(fn, item):
    return fn(_STATE, item)


def forked_map(fn, items: list, *, state, workers: int, weights: list | None = None):
    """Yield ``fn(state, item)`` for every item, in the order of `items`, computed on `workers` processes
    of `pool()` (so Ctrl-C and SIGTERM end them). Forked workers inherit `state` without pickling (a
    dataset of 10,000 measures); spawned ones (`start_method()`, Windows) receive it pickled, once each.
    `fn` must be a module-level function; with `weights`, the heaviest items start first so that a big
    one does not start last."""
    order = sorted(range(len(items)), key=lambda i: -weights[i]) if weights is not None else range(len(items))
    with pool(workers, initializer=_init_state, initargs=(state,)) as executor:
        futures = {i: executor.submit(_call_with_state, fn, items[i]) for i in order}
        for i in range(len(items)):
            yield futures[i].result()
