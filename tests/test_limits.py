"""The backstop on time and memory around every command (scoring/limits.py)."""

from __future__ import annotations

import resource
import time

import pytest

from scoring import cli, wording
from scoring.cli import main
from scoring.limits import OverLimit, bounded


@pytest.fixture
def command(monkeypatch):
    """Replace `thidua validate` by the given function, so the test controls what the work does."""

    def install(work):
        monkeypatch.setitem(cli._COMMANDS, "validate", lambda args, out: work())

    return install


def test_work_that_runs_away_is_stopped_with_a_message(command, capsys, monkeypatch):
    monkeypatch.setenv("THIDUA_TIME_LIMIT", "1")
    command(lambda: time.sleep(30))
    started = time.monotonic()
    assert main(["validate", "c.yaml"]) == 1
    assert time.monotonic() - started < 20  # stopped by the alarm, not after the sleep
    assert capsys.readouterr().err == "thidua: the work took longer than the limit of 1 s (THIDUA_TIME_LIMIT)\n"


def test_running_out_of_memory_is_a_message_not_a_traceback(command, capsys, monkeypatch):
    monkeypatch.setenv("THIDUA_MEMORY_LIMIT", "4096")

    def work():
        raise MemoryError

    command(work)
    assert main(["validate", "c.yaml"]) == 1
    assert capsys.readouterr().err == "thidua: the work needed more memory than the limit of 4096 MiB (THIDUA_MEMORY_LIMIT)\n"


def test_the_memory_limit_holds_during_the_command_and_is_lifted_after(command, monkeypatch):
    monkeypatch.setenv("THIDUA_MEMORY_LIMIT", "8192")
    before = resource.getrlimit(resource.RLIMIT_AS)
    seen = []
    command(lambda: seen.append(resource.getrlimit(resource.RLIMIT_AS)[0]) or 0)
    assert main(["validate", "c.yaml"]) == 0
    assert seen == [8192 * 1024 * 1024] or before[0] <= 8192 * 1024 * 1024
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_the_backstop_speaks_vietnamese(monkeypatch):
    monkeypatch.setenv("THIDUA_MEMORY_LIMIT", "16384")
    with pytest.raises(OverLimit) as memory, bounded():
        raise MemoryError
    monkeypatch.setenv("THIDUA_TIME_LIMIT", "1")
    with pytest.raises(OverLimit) as slow, bounded():
        time.sleep(30)
    with wording.use("vi"):
        assert [str(memory.value), str(slow.value)] == [
            "lệnh cần nhiều bộ nhớ hơn mức cho phép là 16.384 MiB (THIDUA_MEMORY_LIMIT)",
            "lệnh chạy quá thời gian cho phép là 1 giây (THIDUA_TIME_LIMIT)",
        ]
    assert str(memory.value) == "the work needed more memory than the limit of 16384 MiB (THIDUA_MEMORY_LIMIT)"
