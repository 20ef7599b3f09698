"""Writing records and minutes so that no file is ever half-written or silently replaced.

A record is written to a temporary file in the target's own folder (a rename is
only atomic within one file system), made durable with fsync, then renamed over
the target. A `<name>.lock` beside the target keeps two runs from writing it at
once, and temporary files of runs that were killed are removed by the next run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from scoring.errors import ThiduaError
from scoring.wording import Msg, msg, word

# A live writer fills its lock file right after creating it; one still empty
# after this many seconds belongs to a run killed between the two steps.
_LOCK_GRACE = 1.0


class OutputError(ThiduaError):
    """An output that could not be written; its message is worded when shown."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return word(self.message)


class OutputExists(OutputError):
    """The target is already there and --force was not given."""


class OutputLocked(OutputError):
    """Another run is writing the same target right now."""


class OutputFailed(OutputError):
    """The operating system refused the write; the old file is unchanged."""


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` whole or not at all; refuse to replace it without `force`."""
    existed = False
    try:
        existed = _check_existing(path, force)  # before touching the folder, so the usual mistake gets the usual message
        with _locked(path):
            existed = _check_existing(path, force)  # again under the lock: another run may have written it meanwhile
            _remove_stray_temporaries(path)
            _replace(path, data)
    except _NotALock as e:
        old = msg("the old file is unchanged") if existed else msg("no file was written")
        reason = msg(
            "its lock file {lock} is not a regular file (a pipe, a device or a link); remove it and try again", lock=str(e.lock)
        )
        raise OutputFailed(msg("cannot write {path}: {reason} ({old})", path=str(path), reason=reason, old=old)) from None
    except OSError as e:
        raise _failed(path, e, existed) from e


class _NotALock(Exception):
    """`<name>.lock` is there but is no file thidua wrote: a pipe would hang the read, a device never end it."""

    def __init__(self, lock: Path) -> None:
        super().__init__(str(lock))
        self.lock = lock


def _check_existing(path: Path, force: bool) -> bool:
    exists = path.exists()
    if exists and not path.is_dir() and not path.is_file():
        # --force replaces a record, not a pipe or a device that someone put in its place
        raise OutputFailed(msg("{path} is not a regular file (a pipe or a device); it is not replaced", path=str(path)))
    if exists and not force:
        raise OutputExists(msg("{path} already exists; give --force to replace it", path=str(path)))
    return exists


def _replace(path: Path, data: bytes) -> None:
    # The pid in the name lets a later run tell a killed writer's leftovers from a live one's.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)  # the bytes must be on disk before the rename makes them the record
        finally:
            os.close(fd)
        # mkstemp makes the file private (0600); give it the mode an ordinary write would.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777  # keep the mode someone gave the old file
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read the umask is to set it; put it back at once
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows and some file systems cannot open or sync a folder.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = path.with_name(path.name + ".lock")
    text = f"{os.getpid()} {socket.gethostname()} {datetime.now().isoformat(timespec='seconds')}"
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            _take_over_if_stale(path, lock)
            continue
        try:
            os.write(fd, text.encode())
        except BaseException:
            os.close(fd)
            os.unlink(lock)  # an empty lock would hold off the next run for the grace period
            raise
        os.close(fd)
        break
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)


def _take_over_if_stale(path: Path, lock: Path) -> None:
    """Remove `lock` if its run is dead; raise OutputLocked if it may still be alive."""
    waited = 0.0
    while True:
        try:
            fields = _read_lock(lock).split(" ", 2)
        except FileNotFoundError:
            return  # released meanwhile: try to take it
        if len(fields) == 3 and _is_pid(fields[0]):
            break
        if waited >= _LOCK_GRACE:
            # Empty or garbled for longer than any live writer needs: its run died while creating it.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(lock)
            return
        time.sleep(0.05)
        waited += 0.05
    pid, host, since = int(fields[0]), fields[1], fields[2].strip()
    # A pid means nothing on another machine (a shared folder): only our own host's dead runs are stale.
    if host != socket.gethostname() or _alive(pid):
        raise OutputLocked(
            msg(
                "{path} is being written by process {pid} on {host} since {since}; try again when it has finished",
                path=str(path),
                pid=pid,
                host=host,
                since=since,
            )
        )
    # Two runs taking over the same stale lock at the same instant could both succeed; the rename
    # still leaves one whole file, so the cost is only a lost --force check, which we accept.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(lock)


def _read_lock(lock: Path) -> str:
    """The lock's one line, read only from a regular file and only its first bytes: never waited on, never endless."""
    if not stat.S_ISREG(os.lstat(lock).st_mode):
        raise _NotALock(lock)
    # O_NOFOLLOW and O_NONBLOCK: a link or a pipe put there between the check and the open is not followed or waited on
    fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotALock(lock)
        return os.read(fd, _LOCK_BYTES).decode("utf-8", errors="replace")
    finally:
        os.close(fd)


_LOCK_BYTES = 1024  # a lock's line is a pid, a host name and a time


def _remove_stray_temporaries(path: Path) -> None:
    prefix = f".{path.name}."
    for entry in os.listdir(path.parent):
        if not (entry.startswith(prefix) and entry.endswith(".tmp")):
            continue
        # ".<name>.<pid>.<random>.tmp"; more dots means another target's file, such as "<name>.1".
        parts = entry[len(prefix) : -len(".tmp")].split(".")
        if len(parts) == 2 and _is_pid(parts[0]) and not _alive(int(parts[0])):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.parent / entry)


def _is_pid(text: str) -> bool:
    """ASCII digits of a number a pid can be: str.isdigit() also takes '²³', which int() refuses."""
    return text.isascii() and text.isdigit() and len(text) <= 10


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False  # kill(0) and kill(-1) would ask about whole process groups, not one process
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would send CTRL_C_EVENT there; assume alive rather than guess
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; or beyond any pid the system has
        return False
    except PermissionError:
        return True  # it exists but belongs to another user
    return True


def _failed(path: Path, error: OSError, existed: bool) -> OutputFailed:
    system = error.strerror or str(error)  # the operating system's words, shown as they are
    reason: Msg | str = system
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = msg("the folder is read-only or permission is denied ({error})", error=system)
    elif error.errno == errno.ENOENT and not path.parent.is_dir():
        reason = msg("the folder {folder} does not exist", folder=str(path.parent))
    old = msg("the old file is unchanged") if existed else msg("no file was written")
    return OutputFailed(msg("cannot write {path}: {reason} ({old})", path=str(path), reason=reason, old=old))
