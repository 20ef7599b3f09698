"""Writing records: whole or not at all, never over an existing one without --force, one run at a time."""

from __future__ import annotations

import errno
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from scoring import files, wording
from scoring.errors import ThiduaError
from scoring.files import OutputExists, OutputFailed, OutputLocked, write_atomic

ROOT = Path(__file__).resolve().parent.parent
OLD = b'{"decision": "old", "units": ["a", "b"]}\n'
NEW = b'{"decision": "new", "units": ["a", "b", "c"]}\n' * 50
HOST = socket.gethostname()


def dead_pid() -> int:
    """The pid of a process that has run and been reaped, so nothing answers to it."""
    with subprocess.Popen([sys.executable, "-c", "pass"]) as child:
        assert child.wait() == 0
    return child.pid


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- writing and refusing ---------------------------------------------------------------------


def test_errors_belong_to_the_project():
    assert issubclass(OutputExists, ThiduaError)
    assert issubclass(OutputLocked, ThiduaError)
    assert issubclass(OutputFailed, ThiduaError)


def test_writes_a_new_file_byte_for_byte(tmp_path):
    target = tmp_path / "record.json"
    data = bytes(range(256)) * 3  # every byte value, so nothing is translated on the way
    write_atomic(target, data)
    assert target.read_bytes() == data
    assert listing(tmp_path) == ["record.json"]  # no lock, no temporary file left
    # as an ordinary open() would make it: 0o666 less the umask, not mkstemp's private 0o600
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask()


def test_writes_an_empty_file(tmp_path):
    target = tmp_path / "minutes.md"
    write_atomic(target, b"")
    assert target.read_bytes() == b""
    assert listing(tmp_path) == ["minutes.md"]


def test_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    with pytest.raises(OutputExists) as info:
        write_atomic(target, NEW)
    assert str(info.value) == f"{target} already exists; give --force to replace it"
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["record.json"]


def test_replaces_with_force_and_keeps_the_mode(tmp_path):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_atomic(target, NEW, force=True)
    assert target.read_bytes() == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    assert listing(tmp_path) == ["record.json"]


# --- the lock ---------------------------------------------------------------------------------


def test_holds_a_lock_naming_the_writer_while_writing(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    lock = tmp_path / "record.json.lock"
    seen: list[str] = []
    real_fsync = os.fsync

    def spying_fsync(fd: int) -> None:
        seen.append(lock.read_text())
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spying_fsync)
    write_atomic(target, NEW)
    pid, host, since = seen[0].split(" ")
    assert (pid, host) == (str(os.getpid()), HOST)
    assert len(since) == len("2024-05-01T09:30:00")
    assert not lock.exists()


def test_a_stale_lock_of_a_dead_run_is_taken_over(tmp_path):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    (tmp_path / "record.json.lock").write_text(f"{dead_pid()} {HOST} 2024-05-01T09:30:00")
    write_atomic(target, NEW, force=True)
    assert target.read_bytes() == NEW
    assert listing(tmp_path) == ["record.json"]


def test_a_live_lock_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    lock = tmp_path / "record.json.lock"
    holder = os.getppid()  # the process that started pytest: certainly alive
    lock.write_text(f"{holder} {HOST} 2024-05-01T09:30:00")
    with pytest.raises(OutputLocked) as info:
        write_atomic(target, NEW, force=True)
    assert str(info.value) == (
        f"{target} is being written by process {holder} on {HOST} since 2024-05-01T09:30:00; try again when it has finished"
    )
    assert target.read_bytes() == OLD
    assert lock.read_text() == f"{holder} {HOST} 2024-05-01T09:30:00"  # still the holder's


@pytest.mark.parametrize("pid", ["9999999999", "99999999999999999999", "²³"])
def test_a_lock_whose_pid_no_process_can_have_is_taken_over(tmp_path, monkeypatch, pid):
    # found by a helper: os.kill raised OverflowError, and int() refused the superscripts isdigit() accepts
    monkeypatch.setattr(files, "_LOCK_GRACE", 0.1)
    target = tmp_path / "record.json"
    (tmp_path / "record.json.lock").write_text(f"{pid} {HOST} 2024-05-01T09:30:00")
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert listing(tmp_path) == ["record.json"]


def test_a_temporary_named_with_digits_no_pid_has_is_left_alone(tmp_path):
    odd = [".record.json.²³.k3x9q1ab.tmp", ".record.json.99999999999999999999.k3x9q1ab.tmp"]
    for name in odd:
        (tmp_path / name).write_bytes(b"partial")
    write_atomic(tmp_path / "record.json", NEW)
    assert listing(tmp_path) == sorted([*odd, "record.json"])


def test_a_lock_from_another_machine_is_refused_even_if_its_pid_is_dead_here(tmp_path):
    target = tmp_path / "record.json"
    pid = dead_pid()
    (tmp_path / "record.json.lock").write_text(f"{pid} other-{HOST} 2024-05-01T09:30:00\n")
    with pytest.raises(OutputLocked) as info:
        write_atomic(target, NEW)
    assert str(info.value) == (
        f"{target} is being written by process {pid} on other-{HOST} since 2024-05-01T09:30:00; try again when it has finished"
    )
    assert not target.exists()


def test_an_empty_lock_left_by_a_run_killed_while_creating_it_is_taken_over(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_LOCK_GRACE", 0.1)
    target = tmp_path / "record.json"
    (tmp_path / "record.json.lock").write_bytes(b"")
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert listing(tmp_path) == ["record.json"]


def test_the_lock_is_removed_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "record.json"

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputFailed) as info:
        write_atomic(target, NEW)
    assert str(info.value) == f"cannot write {target}: Input/output error (no file was written)"
    assert listing(tmp_path) == []


# --- stray temporary files --------------------------------------------------------------------


def test_stray_temporaries_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "record.json"
    dead = dead_pid()
    dead_tmp = f".record.json.{dead}.k3x9q1ab.tmp"
    live_tmp = f".record.json.{os.getppid()}.m2v8p0cd.tmp"  # another run, still writing
    own_tmp = f".record.json.{os.getpid()}.z7y6x5wv.tmp"
    other_target_tmp = f".record.json.1.{dead}.a1b2c3d4.tmp"  # belongs to "record.json.1", not to us
    unrelated = [".record.json.notes", "record.json.bak", f".other.json.{dead}.q1w2e3r4.tmp"]
    for name in [dead_tmp, live_tmp, own_tmp, other_target_tmp, *unrelated]:
        (tmp_path / name).write_bytes(b"partial")
    write_atomic(target, NEW)
    assert listing(tmp_path) == sorted([live_tmp, own_tmp, other_target_tmp, *unrelated, "record.json"])
    assert target.read_bytes() == NEW


# --- the operating system refuses -------------------------------------------------------------


def test_disk_full_half_way_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    real_write = os.write
    partial: list[list[str]] = []

    def full_disk(fd: int, data: bytes) -> int:
        chunk = bytes(data)
        if chunk == NEW:
            return real_write(fd, chunk[:100])  # the disk takes the first 100 bytes …
        if chunk == NEW[100:]:
            partial.append(listing(tmp_path))
            raise OSError(errno.ENOSPC, "No space left on device")  # … and then is full
        return real_write(fd, chunk)  # the lock's own line

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OutputFailed) as info:
        write_atomic(target, NEW, force=True)
    assert str(info.value) == f"cannot write {target}: No space left on device (the old file is unchanged)"
    # a half-written temporary and the lock did exist when the disk filled …
    assert len(partial) == 1
    assert [n for n in partial[0] if n.endswith(".tmp")] != []
    assert "record.json.lock" in partial[0]
    # … and neither is left, while the old record is untouched
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["record.json"]


def test_disk_full_at_fsync_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputFailed) as info:
        write_atomic(target, NEW, force=True)
    assert str(info.value) == f"cannot write {target}: No space left on device (the old file is unchanged)"
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["record.json"]


def test_read_only_folder_simulated(tmp_path, monkeypatch):
    # We run as root, whom chmod does not stop; a read-only mount is what mkstemp would then report.
    target = tmp_path / "record.json"
    target.write_bytes(OLD)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OutputFailed) as info:
        write_atomic(target, NEW, force=True)
    assert str(info.value) == (
        f"cannot write {target}: the folder is read-only or permission is denied (Read-only file system)"
        " (the old file is unchanged)"
    )
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["record.json"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root (and Windows) ignore a folder's mode bits")
def test_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    target = folder / "record.json"
    target.write_bytes(OLD)
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputFailed) as info:
            write_atomic(target, NEW, force=True)
    finally:
        folder.chmod(0o700)
    assert str(info.value) == (
        f"cannot write {target}: the folder is read-only or permission is denied (Permission denied) (the old file is unchanged)"
    )
    assert target.read_bytes() == OLD
    assert listing(folder) == ["record.json"]


def test_missing_folder(tmp_path):
    target = tmp_path / "nowhere" / "record.json"
    with pytest.raises(OutputFailed) as info:
        write_atomic(target, NEW)
    assert str(info.value) == f"cannot write {target}: the folder {tmp_path / 'nowhere'} does not exist (no file was written)"


def test_the_refusals_in_vietnamese(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)
    with pytest.raises(OutputExists) as exists:
        write_atomic(target, NEW)
    lock = tmp_path / "record.json.lock"
    holder = os.getppid()
    lock.write_text(f"{holder} {HOST} 2024-05-01T09:30:00")
    with pytest.raises(OutputLocked) as locked:
        write_atomic(target, NEW, force=True)
    lock.unlink()
    with pytest.raises(OutputFailed) as nowhere:
        write_atomic(tmp_path / "nowhere" / "record.json", NEW)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OutputFailed) as refused:
        write_atomic(target, NEW, force=True)
    with wording.use("vi"):
        shown = [str(e.value) for e in (exists, locked, nowhere, refused)]
    assert shown == [
        f"{target} đã có; thêm --force nếu muốn ghi đè",
        f"{target} đang được tiến trình {holder} trên máy {HOST} ghi từ 2024-05-01T09:30:00; hãy chạy lại khi việc ghi đã xong",
        f"không ghi được {tmp_path / 'nowhere' / 'record.json'}: thư mục {tmp_path / 'nowhere'} không tồn tại"
        " (chưa có tệp nào được ghi)",
        f"không ghi được {target}: thư mục chỉ cho phép đọc hoặc không có quyền ghi (Read-only file system)"
        " (tệp cũ vẫn giữ nguyên)",
    ]
    assert target.read_bytes() == OLD


def test_an_interrupt_mid_write_cleans_up_and_is_not_disguised(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_bytes(OLD)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW, force=True)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["record.json"]


# --- killed mid-write -------------------------------------------------------------------------

ROWS = 2_500_000  # 2.5 M rows of 21 bytes ≈ 52 MB, long enough to be killed inside
CHILD = """
import sys
from pathlib import Path
from scoring.files import write_atomic
data = b'{"rows": [' + b'"xxxxxxxxxxxxxxxxx", ' * int(sys.argv[2]) + b'"end"]}\\n'
sys.stdout.write("ready\\n")
sys.stdout.flush()
write_atomic(Path(sys.argv[1]), data, force=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_write_leaves_the_old_or_the_new_file_never_a_mix(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_LOCK_GRACE", 0.1)  # a kill between creating and filling the lock is possible
    target = tmp_path / "record.json"
    big = b'{"rows": [' + b'"xxxxxxxxxxxxxxxxx", ' * ROWS + b'"end"]}\n'  # the same bytes the child builds

    def run(delay: float | None) -> float:
        """Start a writer over OLD; kill it after `delay` seconds (None: let it finish). Return its run time."""
        target.write_bytes(OLD)
        with subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(ROWS)], stdout=subprocess.PIPE, cwd=ROOT) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
            start = time.perf_counter()
            if delay is None:
                assert proc.wait() == 0
            else:
                time.sleep(delay)
                proc.kill()
                proc.wait()  # reaped: a zombie would still answer kill(pid, 0)
            return time.perf_counter() - start

    def state() -> str:
        after = target.read_bytes()
        return "old" if after == OLD else "new" if after == big else f"neither: {len(after)} bytes starting {after[:40]!r}"

    full = run(None)  # one whole write, to spread the kills over however long it takes on this machine
    assert state() == "new"
    assert listing(tmp_path) == ["record.json"]

    rng = random.Random(20240501)
    outcomes = []
    for i in range(10):
        run(full * (i + rng.random()) / 9)  # slot i of 10, from 0 to a little past a whole write
        outcomes.append(state())
        leftovers = set(listing(tmp_path)) - {"record.json"}
        assert all(n == "record.json.lock" or (n.startswith(".record.json.") and n.endswith(".tmp")) for n in leftovers), (
            leftovers
        )
        # the next run is not stopped by the dead one's lock, and sweeps its temporary away
        write_atomic(target, b'{"decision": "next"}\n', force=True)
        assert target.read_bytes() == b'{"decision": "next"}\n'
        assert listing(tmp_path) == ["record.json"]
    assert set(outcomes) <= {"old", "new"}, outcomes
