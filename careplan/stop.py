"""Stopping cleanly: SIGTERM and SIGHUP are handled like Ctrl-C.

A stop raises `KeyboardInterrupt` (for SIGTERM and SIGHUP the subclass `Stopped`) in the main
thread, so that every `finally` runs: temporary files are removed, decoded fonts deleted, the
terminal restored, the draft kept. The exit status is 128 + the signal's number, as a shell
reports a process the signal ended: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import NoReturn

from careplan.errors import Stopped

#: The signals handled: every one ends the run the same way.
HANDLED = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
ALL = (signal.SIGINT, *HANDLED)


def exit_status(interrupt: BaseException) -> int:
    """The exit status for a stop: 128 + the signal's number (130 for Ctrl-C)."""
    return 128 + getattr(interrupt, "signum", signal.SIGINT)


def _raise(signum: int, frame: FrameType | None) -> None:
    # Ignored from here on, at once: a second Ctrl-C must not break off the clean-up.
    ignore_more()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def as_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `Stopped`, Ctrl-C KeyboardInterrupt; after
    the first, the others are ignored until the block ends (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {signum: signal.getsignal(signum) for signum in ALL}
    for signum in ALL:
        signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in old.items():
            if handler is not None:
                signal.signal(signum, handler)


def ignore_more() -> None:
    """After the first stop: the clean-up it started is not broken off by a second one.

    `as_interrupts` puts the handlers back as they were at its end.
    """
    if threading.current_thread() is threading.main_thread():
        for signum in ALL:
            signal.signal(signum, signal.SIG_IGN)


def exit_now(status: int) -> NoReturn:
    """End the process with `status` once its work is done, as Python's own exit does but
    without tearing the interpreter down: the threads that are not daemons are waited for (and
    what they registered for then, such as a batch's pool of workers), the exit handlers run
    (the decoded fonts are removed, the logs flushed), the standard streams are flushed, and
    then the process ends. Freeing, one by one, the million objects a render leaves
    (WeasyPrint's boxes, caches and fonts) took about a tenth of a second of a cold plan, for a
    process about to end. A stop that comes during the exit handlers is ignored: the work is
    done, and nothing is left to keep.
    """
    wait_for_threads = getattr(threading, "_shutdown", None)
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if wait_for_threads is None or run_exit_handlers is None:  # not CPython: the usual exit
        sys.exit(status)
    wait_for_threads()
    ignore_more()
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # nobody reads it any more, or it is closed
            pass
    os._exit(status)
