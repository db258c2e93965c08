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
