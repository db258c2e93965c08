"""Ctrl-C and SIGTERM: end within a second with one line and exit code 130 or 143.

SIGTERM (a `kill`, a service manager, a CI timeout) is turned into `Terminated`, a KeyboardInterrupt,
so that every path that already cleans up after Ctrl-C — temporary files removed, worker processes
ended (io/workers.py), nothing renamed into place — runs for it too. The command line then prints
one line and exits 128 + the signal's number, as a shell does.
"""

from __future__ import annotations

import signal
import sys


class Terminated(KeyboardInterrupt):
    """SIGTERM was received."""


#: The signal received, if any. Python drops an exception raised while it runs a weakref callback (an
#: import's module lock, a finalizer): `check()` raises it again at the next safe point.
received: int | None = None


def _on_signal(signum, frame):
    global received
    received = signum
    raise pending()


def install() -> None:
    """In the main process of the command line: Ctrl-C raises KeyboardInterrupt, SIGTERM Terminated, and
    both are remembered for `check()`."""
    global received
    received = None
    if sys.unraisablehook is not _quiet_unraisable:
        _quiet_unraisable.default = sys.unraisablehook
        sys.unraisablehook = _quiet_unraisable
    signal.signal(signal.SIGINT, _on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_signal)


def _quiet_unraisable(unraisable) -> None:
    """Python prints "Exception ignored in …" with a traceback when our interruption is raised inside a
    finalizer (a ZipFile's __del__, a weakref callback) and has to drop it, or when a finalizer then fails on
    the object the interruption left half-made (a ZipFile interrupted in __init__ has no `_writing`). Once a
    signal came, these are its echoes — the interruption itself is not lost: `check()` raises it again at the
    next safe point — so say nothing. Before any signal, unraisable exceptions are reported as usual."""
    if received is not None:
        return
    _quiet_unraisable.default(unraisable)


_quiet_unraisable.default = sys.unraisablehook


def pending() -> KeyboardInterrupt | None:
    """The interruption of the signal received, if any."""
    if received is None:
        return None
    return KeyboardInterrupt() if received == signal.SIGINT else Terminated()


def check() -> None:
    """Raise the interruption again if a signal came and its exception was lost on the way."""
    if received is not None:
        raise pending()


def checking(progress=None):
    """A progress callback for the library that first gives a lost interruption back (see `check`)."""
    def call(item=None):
        check()
        if progress is not None:
            progress(item)

    return call


def interruption(exc: BaseException) -> tuple[int, str]:
    """(exit code, the one line to print) for a KeyboardInterrupt or Terminated."""
    from roadmap_reports.errors import EXIT_INTERRUPTED, EXIT_TERMINATED
    from roadmap_reports.i18n import _

    if isinstance(exc, Terminated):
        return EXIT_TERMINATED, _("Terminated; no output was left half-written.")
    return EXIT_INTERRUPTED, _("Interrupted; no output was left half-written.")


def ignore_further() -> None:
    """While the command ends after an interruption: a second Ctrl-C or SIGTERM changes nothing."""
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), signal.SIG_IGN)
            except (ValueError, OSError):  # not the main thread (CliRunner in a thread)
                pass


def finished() -> None:
    """The command is done (its files renamed into place, its message printed): a signal from now on gets
    the system's default — the process ends with 128 + the signal at once — rather than an exception that
    the interpreter's teardown would drop (exit code 0 after a Ctrl-C). One that came already stays in
    `received`; after an interruption (signals ignored, see `ignore_further`) nothing changes."""
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            try:
                if signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
                    signal.signal(getattr(signal, name), signal.SIG_DFL)
            except (ValueError, OSError):  # not the main thread (CliRunner in a thread)
                pass


def _unlink_semaphores() -> None:
    """Run multiprocessing's own exit-time finalizers of priority ≥ 0 — those that unlink the pool's named
    semaphores — which os._exit would skip: otherwise, under the spawn start method, the resource tracker
    process finds them and prints a "leaked semaphore" warning after our one line. (The finalizers that join
    threads have negative priorities and are left out: the workers are already ended.)"""
    util = sys.modules.get("multiprocessing.util")
    if util is None:
        return
    try:
        util._run_finalizers(0)
    except Exception:  # noqa: BLE001 — leaving now matters more than a tidy /dev/shm
        pass


def exit_now(code: int) -> None:
    """Flush what was printed and leave at once: the interpreter's teardown (freeing a large dataset and the
    modules) takes up to a second, and every file and worker was already dealt with on the way out."""
    import gc
    import os

    gc.collect()  # finalize the pool's semaphores, so that multiprocessing's resource tracker has nothing to report
    _unlink_semaphores()

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
