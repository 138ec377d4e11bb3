"""The ranked links are cached under .drafter/links while the sources are unchanged: the same
links as ranking afresh, without loading the ranking library; a changed source ranks again.
And drafter.toml changes are seen by content, not by size and modification time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from drafter.project.linking import Linker
from drafter.project.paragraphs import current_co
from drafter.project.workspace import Workspace


def as_rows(ws: Workspace, pid: str) -> list[tuple[str, str, bool, bool]]:
    links = ws.links(pid, with_hidden=True)
    return [
        (lk.group.value, lk.key, lk.pinned, lk.hidden)
        for group in links.groups.values()
        for lk in group
    ]


def test_cached_links_are_the_ranked_links_with_the_authors_choices(seeded: Path) -> None:
    with Workspace.open(seeded) as ws:
        ws.warm_links()
        pid = "39"
        fresh = Linker(ws.documents, current_co(ws.project.sources, ws.documents))
        ranked = fresh.links(ws.co_paragraph(pid) or ws.co_paragraphs()[0])
        keys = [lk.key for g in ranked.groups.values() for lk in g]
        assert len(keys) > 2
        pinned, hidden = keys[-1], keys[0]
        ws.pin(pid, pinned)
        ws.hide(pid, hidden)
        ws.save()
    assert list((seeded / ".drafter" / "links").glob("*.msgpack"))
    with Workspace.open(seeded, read_only=True) as ws:
        rows = as_rows(ws, pid)
    groups_of = {key: group for group, key, _, _ in rows}
    assert (groups_of[pinned], pinned, True, False) in rows
    assert (groups_of[hidden], hidden, False, True) == rows[[r[1] for r in rows].index(hidden)]
    # The first of its group: pinned links come first.
    first_of_group = next(r for r in rows if r[0] == groups_of[pinned])
    assert first_of_group[1] == pinned


def test_a_second_opening_shows_links_without_the_ranking_library(seeded: Path) -> None:
    with Workspace.open(seeded) as ws:
        ws.warm_links()
        expected = as_rows(ws, "39")
    probe = (
        "import sys\n"
        "from drafter.project.workspace import Workspace\n"
        f"ws = Workspace.open({str(seeded)!r}, read_only=True)\n"
        "rows = [(lk.group.value, lk.key, lk.pinned, lk.hidden)"
        " for g in ws.links('39', with_hidden=True).groups.values() for lk in g]\n"
        "print(repr(rows))\n"
        "print('bm25s' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    rows, loaded = done.stdout.strip().splitlines()
    assert rows == repr(expected)
    assert loaded == "False"


def test_a_changed_source_is_ranked_again(seeded: Path, tmp_path: Path) -> None:
    with Workspace.open(seeded) as ws:
        ws.warm_links()
        before = ws._links_cache().key
        letter = next(s for s in ws.project.sources if s.kind == "committee-letter")
        changed = tmp_path / Path(letter.path).name
        changed.write_text(
            (seeded / letter.path).read_text(encoding="utf-8") + "\n\nA sentence added later.\n",
            encoding="utf-8",
        )
        ws.import_source(changed, "committee-letter")
        assert ws._links_cache().key != before


def test_an_edit_keeping_size_and_mtime_is_a_change(seeded: Path) -> None:
    with Workspace.open(seeded) as ws:
        file = seeded / "drafter.toml"
        st = file.stat()
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("Kazakhstan", "Kazakhstam", 1), encoding="utf-8")
        os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert file.stat().st_size == st.st_size
        assert ws.changed_on_disk() is True
        file.write_text(text, encoding="utf-8")
        assert ws.changed_on_disk() is False
        file.unlink()
        assert ws.changed_on_disk() is None
