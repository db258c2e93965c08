"""Worker processes (the build's and collect's pools): started the same way on every system, ended by
their parent on Ctrl-C or SIGTERM, and gone when the process that started them dies.

- **Start method.** `start_method()`: fork where the system has it (Linux), else spawn (Windows,
  macOS); ROADMAP_REPORTS_START_METHOD=spawn|fork|forkserver forces one (the tests run Windows' spawn
  on Linux this way).
- **Signals.** Ctrl-C in a terminal signals the whole process group. Workers ignore SIGINT: the parent
  alone decides, cancels what is queued and ends the workers (`pool()`), so no worker prints a
  KeyboardInterrupt traceback or deadlocks sending back a result. SIGTERM keeps its default action in a
  worker (it ends the worker at once); the parent ends its workers with SIGTERM, then SIGKILL.
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


def init_worker(initializer, initargs) -> None:
    """First thing in every worker: ignore Ctrl-C, die on SIGTERM, watch the parent, then `initializer`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    exit_with_parent()
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def pool(max_workers: int, *, method: str | None = None, initializer=None, initargs=()):
    """A ProcessPoolExecutor whose workers are set up by `init_worker`. Leaving the block normally waits
    for the workers; leaving it by an exception (Ctrl-C, SIGTERM, an error) cancels the queued work and
    ends the workers at once, so that the command can exit within a second and leave no process behind."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context(method or start_method())
    executor = ProcessPoolExecutor(max_workers=max_workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(initializer, tuple(initargs)))
    try:
        yield executor
    except BaseException:
        end_workers(executor)
        raise
    executor.shutdown(wait=True)


def end_workers(executor, timeout: float = 0.5) -> None:
    """Cancel what is queued and end the executor's worker processes (SIGTERM, then SIGKILL)."""
    import multiprocessing

    mine = [p for p in multiprocessing.active_children()]  # this process's children: the workers
    executor.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
    for process in mine:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in mine:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.kill()
                process.join(timeout)
