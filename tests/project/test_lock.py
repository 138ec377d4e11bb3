"""The project's write lock (project/lock.py): one holder, and the operating system frees it
when the holder dies, however it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.project.lock import Held, ProjectLock

HOLDER = """
import sys, time
from pathlib import Path
from drafter.project.lock import ProjectLock
ProjectLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_holder_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    first, second = ProjectLock(tmp_path / "lock"), ProjectLock(tmp_path / "lock")
    first.acquire()
    with pytest.raises(Held):
        second.acquire()
    first.release()
    second.acquire()
    second.release()
    second.release()  # twice is harmless


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(Held):
            ProjectLock(tmp_path / "lock").acquire()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        holder.kill()
    deadline = time.monotonic() + 5
    lock = ProjectLock(tmp_path / "lock")
    while True:  # the kernel frees it as the process goes
        try:
            lock.acquire()
            break
        except Held:
            assert time.monotonic() < deadline, "the lock outlived its holder"
            time.sleep(0.05)
    lock.release()


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW")
def test_a_link_in_the_lock_file_s_place_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("not drafter's\n")
    (tmp_path / "lock").symlink_to(elsewhere)
    with pytest.raises(OSError):
        ProjectLock(tmp_path / "lock").acquire()
    assert elsewhere.read_text() == "not drafter's\n"
