"""A backstop on time and memory for one command, behind the limits checked at load.

Formulas and files are bounded where they are read (sizes, depths, exponents,
digits); this is the last line should something still run away: the command
stops with a clear message instead of hanging or exhausting the machine.
THIDUA_TIME_LIMIT (seconds) and THIDUA_MEMORY_LIMIT (MiB) change the defaults.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from types import FrameType

from scoring.errors import ThiduaError
from scoring.wording import Msg, msg, word

TIME_LIMIT = 1800  # seconds: a national round of 10,000 units scores in well under a minute
MEMORY_LIMIT = 16 * 1024  # MiB of address space


class OverLimit(ThiduaError):
    """The command ran past the time or memory backstop; its message is worded when shown."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return word(self.message)


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "")
    return int(text) if text.isdigit() and int(text) > 0 else default


@contextmanager
def bounded() -> Iterator[None]:
    seconds = _setting("THIDUA_TIME_LIMIT", TIME_LIMIT)
    mebibytes = _setting("THIDUA_MEMORY_LIMIT", MEMORY_LIMIT)
    restore_memory = _limit_memory(mebibytes)
    restore_time = _limit_time(seconds)
    try:
        yield
    except MemoryError:
        raise OverLimit(
            msg(
                "the work needed more memory than the limit of {mebibytes} MiB (THIDUA_MEMORY_LIMIT)",
                mebibytes=Decimal(mebibytes),
            )
        ) from None
    finally:
        restore_time()
        restore_memory()


def _limit_memory(mebibytes: int) -> Callable[[], None]:
    if sys.platform == "win32":  # no address-space limit there
        return _nothing
    import resource  # noqa: PLC0415 - POSIX only

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mebibytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return _nothing  # already as strict
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _limit_time(seconds: int) -> Callable[[], None]:
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return _nothing  # alarms only exist on POSIX, in the main thread
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        return _nothing  # someone else's alarm is set: leave it alone

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverLimit(msg("the work took longer than the limit of {seconds} s (THIDUA_TIME_LIMIT)", seconds=Decimal(seconds)))

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)

    def restore() -> None:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    return restore


def _nothing() -> None:
    return None


def child_unbounded() -> None:
    """In a child process (a browser printing a PDF), before it runs: the address-space limit back to the hard one.

    The engine's own limit guards its arithmetic; a browser reserves far more address space than it uses.
    """
    if sys.platform == "win32":
        return
    import resource  # noqa: PLC0415 - POSIX only

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
