"""Never lose a word: any text round-trips exactly, a killed save leaves the old or the new file,
and two authors editing different paragraphs on two git branches merge without a conflict."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.project.model import Entry, Project
from drafter.project.store import ProjectStore, full_dump, parse_project
from drafter.project.workspace import Workspace
from tests.conftest import require  # importable by the saver subprocess too

# Every code point TOML can carry (all but surrogates), weighted toward the troublesome ones.
nasty = st.sampled_from(
    [
        "'''",
        '"""',
        "'",
        '"',
        "\\",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\x00",
        "\x7f",
        "\x1b",
        "\u2028",
        "\ufeff",
        "[entries.1]",
        "#",
        "=",
        "😀",
        "\u0301",
    ]
)
any_text = st.lists(st.one_of(st.text(), nasty), max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    commentary=any_text,
    questions=st.lists(any_text, max_size=3),
    title=any_text,
    pid=st.sampled_from(["16", "22(a)", "b3", "x y", "1.2"]),
)
def test_any_text_round_trips_exactly(
    commentary: str, questions: list[str], title: str, pid: str
) -> None:
    p = Project()
    p.metadata.title = title
    p.front_matter.about = commentary
    p.entries[pid] = Entry(pid, commentary=commentary, questions=questions, author=title)
    text = full_dump(p)
    back, _ = parse_project(text, Path("drafter.toml"))
    assert back.metadata.title == title
    assert back.front_matter.about == commentary
    if not p.entries[pid].is_empty():
        assert back.entries[pid].commentary == commentary
        assert back.entries[pid].questions == questions
        assert back.entries[pid].author == title


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(any_text, min_size=1, max_size=8),
    edits=st.lists(st.tuples(st.integers(0, 7), any_text), max_size=6),
)
def test_incremental_serialization_equals_full_dump(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], edits: list[tuple[int, str]]
) -> None:
    folder = tmp_path_factory.mktemp("inc")
    st_ = ProjectStore(folder, folder / "drafter.toml")
    p = Project()
    for i, t in enumerate(texts):
        p.entries[str(i + 1)] = Entry(str(i + 1), commentary=t or "x")
    st_.save(p)
    assert (folder / "drafter.toml").read_text() == full_dump(p)
    st_.load()  # chunks now come from slicing the file
    for i, t in edits:
        pid = str(i % len(texts) + 1)
        p.entries[pid].commentary = t or "y"
        assert st_.serialize(p) == full_dump(p)


# -- a save killed at a random moment ----------------------------------------------------------


def version(i: int) -> Project:
    """The project as the saver writes it the i-th time: about 800 kB, two entries differ from
    version i - 1, so most of each save is spent writing and syncing the file."""
    p = Project()
    p.metadata.title = f"version {i}"
    for n in range(1, 151):
        p.entries[str(n)] = Entry(str(n), commentary=f"Entry {n}.\n" + "words " * 900)
    p.entries[str(i % 150 + 1)].commentary += f"\nedit {i}"
    return p


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from drafter.project.store import ProjectStore
    from tests.project.test_durability import version

    folder, start = Path(sys.argv[1]), int(sys.argv[2])
    store = ProjectStore(folder, folder / "drafter.toml")
    store.load()
    i = start
    while True:
        store.save(version(i))
        print(i, flush=True)
        i += 1
    """
)


@pytest.mark.slow
def test_sigkill_during_saves_leaves_old_or_new(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    ProjectStore(folder, folder / "drafter.toml").save(version(0))
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    rng = random.Random(4)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    on_disk = 0  # the version the file holds
    saves = kills = caught_mid_save = 0
    # 200 saves, and on until a kill has landed inside a save (the case this test is for): a fast
    # machine can finish 200 saves with every kill between two of them.
    while saves < 200 or (caught_mid_save == 0 and kills < 150):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(folder), str(on_disk + 1)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        done = on_disk
        for n in range(rng.randint(2, 8)):
            line = proc.stdout.readline()
            if not line:
                # A saver that dies before its first save would make this loop forever.
                assert n or proc.wait() in (0, -signal.SIGKILL), "the saver died at start"
                break
            done = int(line)
            saves += 1
        time.sleep(rng.random() * 0.03)  # then kill it at a random moment
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().split():  # saves reported while we slept
            done = int(line)
            saves += 1
        proc.stdout.close()
        kills += 1
        if list(folder.glob(".drafter.toml.*.tmp")):
            caught_mid_save += 1
        text = (folder / "drafter.toml").read_text(encoding="utf-8")
        title = tomllib.loads(text)["metadata"]["title"]
        on_disk = int(title.split()[1])
        # The last save it reported, or the one after it (killed between rename and report).
        assert on_disk in (done, done + 1), (on_disk, done)
        assert text == full_dump(version(on_disk))  # whole, byte for byte
        # The next writer clears what a killed save left behind.
        store = ProjectStore(folder, folder / "drafter.toml")
        store.acquire()
        store.release()
        assert not list(folder.glob(".drafter.toml.*.tmp"))
    assert kills >= 20
    print(f"{saves} saves, {kills} kills, {caught_mid_save} inside a save")
    assert caught_mid_save >= 1  # the kills did land inside saves


# -- coalition work in git ---------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    out = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


def test_two_branches_editing_different_entries_merge_cleanly(project_dir: Path) -> None:
    require("git")
    with Workspace.open(project_dir) as ws:
        for pid in ("15", "16", "17", "18"):
            ws.entry(pid).commentary = f"Shared start for {pid}.\nSecond line."
            ws.entry(pid).assessment = "not-implemented"
            ws.touch(pid)
        ws.save()
    _git(project_dir, "init", "-q", "-b", "main")
    _git(project_dir, "add", ".")
    _git(project_dir, "commit", "-qm", "start")
    assert ".drafter" not in _git(project_dir, "ls-files")

    _git(project_dir, "checkout", "-qb", "org-a")
    with Workspace.open(project_dir) as ws:
        ws.entry("16").commentary += "\nOrganisation A adds evidence."
        ws.entry("16").assessment = "partially-satisfactory"
        ws.entry("16").author = "Org A"
        ws.touch("16")
        ws.save()
    _git(project_dir, "commit", "-qam", "A on 16")

    _git(project_dir, "checkout", "-q", "main")
    _git(project_dir, "checkout", "-qb", "org-b")
    with Workspace.open(project_dir) as ws:
        ws.entry("17").commentary = "Organisation B rewrites 17."
        ws.entry("17").questions = ["Why not?"]
        ws.touch("17")
        ws.entry("19").commentary = "B adds a new paragraph."
        ws.touch("19")
        ws.save()
    _git(project_dir, "commit", "-qam", "B on 17 and 19")

    _git(project_dir, "merge", "-q", "--no-edit", "org-a")  # raises on a conflict
    with Workspace.open(project_dir) as ws:
        assert ws.entry("16").commentary.endswith("Organisation A adds evidence.")
        assert ws.entry("16").assessment == "partially-satisfactory"
        assert ws.entry("17").commentary == "Organisation B rewrites 17."
        assert ws.entry("19").commentary == "B adds a new paragraph."
        assert ws.entry("15").commentary.startswith("Shared start")


# Values a newer drafter might write: nested tables, arrays of tables, numbers, dates.
toml_scalars = st.one_of(
    any_text,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
)
toml_keys = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(toml_keys, inner, max_size=3),
        st.lists(st.dictionaries(toml_keys, inner, min_size=1, max_size=2), min_size=1, max_size=2),
    ),
    max_leaves=6,
)


@settings(max_examples=80, deadline=None)
@given(
    extras=st.lists(st.dictionaries(toml_keys, toml_values, max_size=3), min_size=2, max_size=5),
    edit=st.integers(0, 4),
)
def test_unknown_fields_round_trip_through_incremental_saves(
    tmp_path_factory: pytest.TempPathFactory, extras: list[dict[str, object]], edit: int
) -> None:
    folder = tmp_path_factory.mktemp("extra")
    store = ProjectStore(folder, folder / "drafter.toml")
    p = Project()
    known = {
        "assessment",
        "commentary",
        "questions",
        "recommendations",
        "evidence",
        "pinned",
        "hidden",
        "author",
        "updated",
        "done",
        "reviewed",
    }
    for i, extra in enumerate(extras):
        extra = {k: v for k, v in extra.items() if k not in known}
        p.entries[str(i + 1)] = Entry(str(i + 1), commentary=f"entry {i + 1}", extra=extra)
    store.save(p)
    loaded = store.load()
    for pid, e in p.entries.items():
        assert loaded.entries[pid].extra == e.extra
    loaded.entries[str(edit % len(extras) + 1)].commentary = "edited"
    store.save(loaded)
    assert (folder / "drafter.toml").read_text(encoding="utf-8") == full_dump(loaded)
    again = store.load()
    for pid, e in loaded.entries.items():
        assert again.entries[pid].extra == e.extra
        assert again.entries[pid].commentary == e.commentary
