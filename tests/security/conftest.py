"""The harness of the attack tests: a sandbox with a project and a sentinel tree beside it, the
real `drafter` binary run as a child whose memory is measured (and bounded), and file systems
that are full or read-only (a real tmpfs when this process may mount one, as root in CI; else
RLIMIT_FSIZE and the write-refusing hook in `inject/`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BRAZIL_CO_TXT, SEED_LETTER, require

INJECT = Path(__file__).resolve().parent / "inject"
# The child's address space: a backstop so a bomb that got through fails instead of taking the
# machine (the 200 MiB DOCX took 3.7 GB).
ADDRESS_SPACE = 3 * 1024**3
# Peak resident memory any attack may cost; drafter itself needs about 40-120 MiB.
MAX_RSS_MIB = 300


@dataclass
class Run:
    args: list[str]
    status: int
    stdout: str
    stderr: str
    rss_mib: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def drafter(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    file_size: int | None = None,
    timeout: float = 180,
) -> Run:
    """Run the installed `drafter` binary; its own peak memory comes from wait4's rusage."""
    require("drafter")
    exe = shutil.which("drafter")
    assert exe is not None

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    argv = [exe, *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            argv,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            preexec_fn=limit,
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            argv,
            child.returncode,
            out.read().decode("utf-8", "backslashreplace"),
            err.read().decode("utf-8", "backslashreplace"),
            usage.ru_maxrss / 1024,  # KiB on Linux
        )


def assert_refused(run: Run, *words: str) -> str:
    """Exit 2, one line on stderr that says `words`, no traceback, memory bounded."""
    assert run.status == 2, run
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr
    assert len(run.lines) == 1, run.stderr
    line = run.lines[0]
    assert line.startswith("drafter: "), line
    for w in words:
        assert w in line, line
    assert run.rss_mib < MAX_RSS_MIB, f"{run.rss_mib:.0f} MiB"
    return line


def assert_fine(run: Run) -> None:
    """Exit 0, nothing on stderr, memory bounded."""
    assert run.status == 0, run
    assert run.stderr == "", run.stderr
    assert run.rss_mib < MAX_RSS_MIB, f"{run.rss_mib:.0f} MiB"


def tree_hashes(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every file (and link) under `root`, but `skip`, with a hash of its bytes (or target)."""
    hashes: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if skip is not None and (here == skip or skip in here.parents):
            dirnames[:] = []
            continue
        for name in [*filenames, *dirnames]:
            path = here / name
            if skip is not None and path == skip:
                continue
            if path.is_symlink():
                hashes[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                hashes[str(path)] = "dir"
    return hashes


@dataclass
class Sandbox:
    """`root/outside/…` (a sentinel tree: what must never change) and `root/proj` (a project)."""

    root: Path
    project: Path
    outside: Path

    @property
    def project_file(self) -> Path:
        return self.project / "drafter.toml"

    def snapshot(self) -> tuple[dict[str, str], str]:
        """(every file outside the project, the project file): what an attack must not change."""
        return tree_hashes(self.root, skip=self.project), _hash(self.project_file)

    def link_out(self, folder: str, target: Path) -> None:
        """Replace the project's `folder` (if there) with a symbolic link to `target`."""
        inside = self.project / folder
        if inside.exists():
            shutil.rmtree(inside)
        inside.symlink_to(target)

    def set_source_path(self, value: str, index: int = 0) -> None:
        text = self.project_file.read_text(encoding="utf-8")
        paths = [line for line in text.splitlines() if line.startswith("path = ")]
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace(paths[index], f'path = "{escaped}"', 1)
        self.project_file.write_text(text, encoding="utf-8")


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


@pytest.fixture(scope="session")
def base_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with concluding observations (a text copy, fast to read) and a letter, made
    with the binary once per session."""
    folder = tmp_path_factory.mktemp("base") / "proj"
    for args in (
        ("new", folder, "--template", "cerd-alternative-report", "--title", "Report"),
        ("import", folder, BRAZIL_CO_TXT, "--as", "concluding-observations"),
        ("import", folder, SEED_LETTER, "--as", "committee-letter"),
        ("entry", folder, "-p", "16", "--commentary", "The State's claims are not borne out."),
    ):
        run = drafter(*args)
        assert run.status == 0, run
    shutil.rmtree(folder / ".drafter" / "backups")  # each test's project starts without history
    return folder


@pytest.fixture
def sandbox(tmp_path: Path, base_project: Path) -> Iterator[Sandbox]:
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "credentials.txt").write_text("password = hunter2\n")
    (outside / "other").mkdir()
    (outside / "other" / "thesis.txt").write_text("Three years of work.\n" * 50)
    (outside / "notes.md").write_text("# My notes\n")
    project = tmp_path / "proj"
    shutil.copytree(base_project, project, symlinks=True)
    yield Sandbox(tmp_path, project, outside)


@contextlib.contextmanager
def mounted_tmpfs(where: Path, size_kib: int) -> Iterator[bool]:
    """A tmpfs of `size_kib` at `where` while the block runs; False if none can be mounted."""
    where.mkdir(parents=True, exist_ok=True)
    # DRAFTER_TEST_NO_MOUNT=1 tries the fallbacks (the hook, RLIMIT_FSIZE) where mounting works.
    no_mount = os.environ.get("DRAFTER_TEST_NO_MOUNT")
    if os.geteuid() != 0 or shutil.which("mount") is None or no_mount:
        yield False
        return
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(where)],
        capture_output=True,
    )
    if made.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def fill(where: Path, leave: int) -> None:
    """Fill the file system of `where` until `leave` bytes are free."""
    st = os.statvfs(where)
    free = st.f_bavail * st.f_frsize
    (where / "filler").write_bytes(b"\0" * max(0, free - leave))
