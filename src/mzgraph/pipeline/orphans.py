"""Worker processes that end with the build that started them, even when it is killed with SIGKILL.

A pool's workers wait on a pipe their parent writes; a parent killed outright never closes it, so
without this they would run on as orphans. Kept apart from the engines so that a spawned
store or answers worker imports nothing heavy to run it.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent"]


def die_with_parent(parent: int) -> None:
    """End this worker process when process ``parent`` ends, even by SIGKILL.

    On Linux the kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); everywhere,
    a daemon thread also checks once a second that the parent is still this process's parent.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="mzgraph-parent-watch", daemon=True).start()
