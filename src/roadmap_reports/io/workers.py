"""Worker processes (the build's and collect's pools) that end when the process that started them dies.

A pool's workers wait for work on a pipe their parent feeds. If the parent is killed (SIGKILL, Task
Manager's "End task", an out-of-memory kill), nobody closes that pipe and the workers would wait, and
hold their memory, forever. Each worker therefore watches its parent and exits once it is gone.
"""

from __future__ import annotations

import os
import threading
import time


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


# --- a pool of forked workers that share one state ---------------------------------------------------
_STATE = None  # in a worker: the state given to forked_map, inherited when the worker forked


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX; not on Windows)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _init_forked(state) -> None:
    global _STATE
    _STATE = state
    exit_with_parent()


def _call_with_state(fn, item):
    return fn(_STATE, item)


def forked_map(fn, items: list, *, state, workers: int, weights: list | None = None):
    """Yield ``fn(state, item)`` for every item, in the order of `items`, computed on `workers` forked
    processes. `state` reaches the workers by the fork, never pickled (a dataset of 10,000 measures);
    `fn` must be a module-level function; with `weights`, the heaviest items start first so that a big
    one does not start last. Call it only when `can_fork()`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(items)), key=lambda i: -weights[i]) if weights is not None else range(len(items))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_init_forked, initargs=(state,)) as pool:
        futures = {i: pool.submit(_call_with_state, fn, items[i]) for i in order}
        for i in range(len(items)):
            yield futures[i].result()
