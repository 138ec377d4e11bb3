"""The project file: validation errors that name the place, unknown fields kept, atomic and
incremental saves, the lock, backups, and changes made on disk by someone else."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest

from drafter.errors import ConflictError, LockedError, ProjectError
from drafter.project import store
from drafter.project.model import Entry
from drafter.project.store import full_dump
from drafter.project.workspace import Workspace


def _write(project_dir: Path, text: str) -> Path:
    f = project_dir / "drafter.toml"
    f.write_text(text, encoding="utf-8")
    return f


HEAD = 'schema = 1\n\n[metadata]\ntitle = "T"\ntemplate = "test-cerd"\n'


def test_new_project_layout(project_dir: Path) -> None:
    assert (project_dir / "drafter.toml").is_file()
    assert (project_dir / "sources").is_dir()
    assert (project_dir / ".drafter").is_dir()
    assert ".drafter/" in (project_dir / ".gitignore").read_text().splitlines()
    data = tomllib.loads((project_dir / "drafter.toml").read_text())
    assert data["schema"] == 1
    assert data["metadata"]["template"] == "test-cerd"
    assert data["metadata"]["committee"] == "CERD"
    assert data["metadata"]["state"] == "Kazakhstan"


def test_new_refuses_existing_project(project_dir: Path) -> None:
    with pytest.raises(ProjectError, match="already exists"):
        Workspace.create(project_dir, "test-cerd")


def test_open_by_file_or_folder(project_dir: Path) -> None:
    with Workspace.open(project_dir / "drafter.toml") as ws:
        assert ws.folder == project_dir
    with Workspace.open(project_dir) as ws:
        assert ws.file == project_dir / "drafter.toml"


def test_bad_toml_names_file_and_line(project_dir: Path) -> None:
    f = _write(project_dir, HEAD + '\n[entries.16]\nassessment = "x\n')
    before = f.read_bytes()
    with pytest.raises(ProjectError) as exc:
        Workspace.open(project_dir)
    line = exc.value.one_line()
    assert line.startswith(f"{f}: line 8: not valid TOML")
    assert f.read_bytes() == before


def test_assessment_not_on_scale_names_field_and_line(project_dir: Path) -> None:
    f = _write(
        project_dir,
        HEAD + '\n[entries.9]\ncommentary = "ok"\n\n[entries.16]\ncommentary = "c"\n'
        'assessment = "partialy"\n',
    )
    before = f.read_bytes()
    with pytest.raises(ProjectError) as exc:
        Workspace.open(project_dir)
    assert exc.value.where == "line 12"
    assert "entries.16.assessment: 'partialy' is not one of 'satisfactory'" in exc.value.message
    assert f.read_bytes() == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('\n[entries.16]\ndone = "yes"\n', "entries.16.done: Expected `bool`, got `str`"),
        ('\n[entries.16]\nquestions = "one"\n', "entries.16.questions: Expected `array`"),
        ('\n[[sources]]\nid = 3\nkind = "evidence"\npath = "p"\n', "sources.0.id"),
        ('\n[[sources]]\nid = "x"\n', "sources.0: Object missing required field `kind`"),
        ("schema = 99\n", "schema: this file is schema 99"),
    ],
)
def test_schema_errors_name_the_field(project_dir: Path, body: str, expected: str) -> None:
    text = body if body.startswith("schema") else HEAD + body
    if body.startswith("schema"):
        text = body + '\n[metadata]\ntemplate = "test-cerd"\n'
    _write(project_dir, text)
    with pytest.raises(ProjectError) as exc:
        Workspace.open(project_dir)
    assert expected in exc.value.one_line()


def test_unknown_template_is_a_clear_error(project_dir: Path) -> None:
    _write(project_dir, 'schema = 1\n[metadata]\ntemplate = "nope"\n')
    with pytest.raises(ProjectError, match=r"metadata.template: no template named 'nope'"):
        Workspace.open(project_dir)


def test_unknown_fields_survive_a_save(project_dir: Path) -> None:
    _write(
        project_dir,
        'schema = 1\nfuture_top = "kept"\n\n[metadata]\ntemplate = "test-cerd"\n'
        'future_meta = 3\norganisations = [{ name = "A", future_org = true }]\n\n'
        '[[sources]]\nid = "s"\nkind = "evidence"\npath = "sources/s.txt"\nfuture_src = [1, 2]\n\n'
        '[front_matter]\nabout = "x"\nfuture_fm = "y"\n\n[future_table]\nz = 1\n\n'
        '[entries.16]\ncommentary = "c"\nfuture_entry = "e"\n\n[entries.16.nested]\ndeep = 1\n',
    )
    with Workspace.open(project_dir) as ws:
        ws.entry("16").commentary = "changed"
        ws.touch("16")
        ws.project.metadata.title = "New"
        ws.save()
    data = tomllib.loads((project_dir / "drafter.toml").read_text())
    assert data["future_top"] == "kept"
    assert data["future_table"] == {"z": 1}
    assert data["metadata"]["future_meta"] == 3
    assert data["metadata"]["organisations"][0]["future_org"] is True
    assert data["sources"][0]["future_src"] == [1, 2]
    assert data["front_matter"]["future_fm"] == "y"
    assert data["entries"]["16"]["future_entry"] == "e"
    assert data["entries"]["16"]["nested"] == {"deep": 1}
    assert data["entries"]["16"]["commentary"] == "changed"


def test_layout_one_table_per_entry_multiline_text(ws: Workspace) -> None:
    for pid in ("22", "9", "16"):
        ws.entry(pid).commentary = f"First line of {pid}.\nSecond line."
        ws.touch(pid)
    ws.save()
    text = ws.file.read_text()
    assert text.index("[entries.9]") < text.index("[entries.16]") < text.index("[entries.22]")
    assert 'commentary = """\nFirst line of 16.\nSecond line."""' in text


def test_empty_entries_are_not_written(ws: Workspace) -> None:
    ws.entry("5")
    ws.entry("6").assessment = "satisfactory"
    ws.touch("6")
    ws.save()
    text = ws.file.read_text()
    assert "[entries.5]" not in text
    assert "[entries.6]" in text


def _fill(ws: Workspace, n: int) -> None:
    for i in range(1, n + 1):
        e = ws.entry(str(i))
        e.assessment = "satisfactory" if i % 2 else ""
        e.commentary = f"Commentary {i} with \"quotes\" and '''\n[entries.{i}]\nnot a header."
        e.questions = [f"Question {i}?"] if i % 3 else []
        e.extra = {"sub": {"k": i}} if i % 5 == 0 else {}
        ws.touch(str(i))


def test_incremental_save_is_byte_identical_to_full_dump(ws: Workspace) -> None:
    _fill(ws, 40)
    ws.save()
    assert ws.file.read_text() == full_dump(ws.project)
    ws.entry("17").commentary = "edited"
    ws.touch("17")
    ws.save()
    assert ws.file.read_text() == full_dump(ws.project)
    # An edit nobody announced with touch() is still saved.
    ws.project.entries["3"].questions.append("Unannounced?")
    ws.save()
    assert ws.file.read_text() == full_dump(ws.project)
    assert "Unannounced?" in ws.file.read_text()


def test_incremental_after_reopen_reuses_file_text(project_dir: Path) -> None:
    with Workspace.open(project_dir) as ws:
        _fill(ws, 30)
        ws.save()
    with Workspace.open(project_dir) as ws:
        # Every entry's text came from the file, sliced, not serialized again.
        assert len(ws._store._chunks) == 30
        ws.entry("12").commentary = "after reopening"
        ws.touch("12")
        ws.save()
        assert ws.file.read_text() == full_dump(ws.project)


def test_slicing_refuses_ambiguous_files() -> None:
    text = "schema = 1\n\n[entries.1]\nx = 1\n\n[other]\ny = 2\n"
    assert store.slice_entries(text, ["1"]) is None
    # A header-like line in commentary naming another entry: refused (the save then writes
    # every entry afresh); naming its own entry: harmless.
    text = 'schema = 1\n\n[entries.1]\nx = """\n[entries.2]\n"""\n\n[entries.3]\ny = 2\n'
    assert store.slice_entries(text, ["1", "3"]) is None
    assert store.slice_entries(text, ["1", "2", "3"]) is None
    text = 'schema = 1\n\n[entries.1]\nx = """\n[entries.1]\n"""\n\n[entries.3]\ny = 2\n'
    chunks = store.slice_entries(text, ["1", "3"])
    assert chunks == {
        "1": '\n[entries.1]\nx = """\n[entries.1]\n"""\n',
        "3": "\n[entries.3]\ny = 2\n",
    }


def test_header_like_commentary_is_saved_exactly(project_dir: Path) -> None:
    with Workspace.open(project_dir) as ws:
        _fill(ws, 5)
        ws.entry("2").commentary = "Line\n[entries.4]\n[metadata]\nend"
        ws.touch("2")
        ws.save()
    with Workspace.open(project_dir) as ws:
        ws.entry("3").commentary = "y"
        ws.touch("3")
        ws.save()
        assert ws.file.read_text() == full_dump(ws.project)
        assert ws.entry("2").commentary == "Line\n[entries.4]\n[metadata]\nend"


def test_hand_edited_file_is_serialized_afresh(project_dir: Path) -> None:
    with Workspace.open(project_dir) as ws:
        _fill(ws, 5)
        ws.save()
    f = project_dir / "drafter.toml"
    f.write_text(f.read_text().replace("[entries.2]", "# a note\n[entries.2]"))
    with Workspace.open(project_dir) as ws:
        assert ws._store._chunks == {}  # not cut: drafter did not write this text
        ws.entry("4").commentary = "x"
        ws.touch("4")
        ws.save()
        assert f.read_text() == full_dump(ws.project)


def test_second_writer_is_locked_out_read_only_allowed(ws: Workspace) -> None:
    with pytest.raises(LockedError, match="another drafter"):
        Workspace.open(ws.folder)
    with Workspace.open(ws.folder, read_only=True) as ro:
        assert ro.read_only
        with pytest.raises(ProjectError, match="read-only"):
            ro.save()
    ws.close()
    Workspace.open(ws.folder).close()


def test_change_on_disk_is_never_overwritten(ws: Workspace) -> None:
    ws.entry("16").commentary = "mine"
    ws.touch("16")
    ws.save()
    theirs = ws.file.read_text().replace("mine", "theirs")
    ws.file.write_text(theirs)
    ws.entry("16").commentary = "mine again"
    ws.touch("16")
    with pytest.raises(ConflictError, match="changed on disk"):
        ws.save()
    assert ws.file.read_text() == theirs
    copy = ws.save_conflict_copy()
    assert "mine again" in copy.read_text()
    ws.reload()
    assert ws.entry("16").commentary == "theirs"


def test_touching_the_file_without_changing_it_is_not_a_conflict(ws: Workspace) -> None:
    os.utime(ws.file, ns=(1, 1))
    ws.entry("1").commentary = "x"
    ws.touch("1")
    ws.save()


def test_deleted_file_is_a_conflict(ws: Workspace) -> None:
    ws.file.unlink()
    with pytest.raises(ConflictError, match="deleted"):
        ws.save()


def test_backups_rotate(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BACKUPS_KEPT", 3)
    for i in range(6):
        ws.entry("1").commentary = f"version {i}"
        ws.touch("1")
        ws.save()
    backups = sorted((ws.folder / ".drafter" / "backups").glob("drafter-*.toml"))
    assert len(backups) == 3
    # The newest backup is the file as it was before the last save.
    assert "version 4" in backups[-1].read_text()


def test_full_disk_leaves_old_file_whole(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    ws.entry("1").commentary = "old words"
    ws.touch("1")
    ws.save()
    before = ws.file.read_bytes()
    ws.entry("1").commentary = "new words " * 5000
    ws.touch("1")
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 1:  # the first block goes through, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[:4096])

    monkeypatch.setattr(store.os, "write", full_disk)
    with pytest.raises(ProjectError, match="disk is full") as exc:
        ws.save()
    assert exc.value.path == str(ws.file)
    assert ws.file.read_bytes() == before
    assert not list(ws.folder.glob(".drafter.toml.*.tmp"))
    monkeypatch.setattr(store.os, "write", real_write)
    ws.save()  # and once there is room again, the words are all there
    assert ws.file.read_text().count("new words") == 5000


def test_fsync_failure_leaves_old_file(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ws.file.read_bytes()
    ws.entry("2").commentary = "x"
    ws.touch("2")

    def bad_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store.os, "fsync", bad_fsync)
    with pytest.raises(ProjectError, match="Input/output error"):
        ws.save()
    assert ws.file.read_bytes() == before


def test_session_state_lives_in_the_cache(ws: Workspace) -> None:
    ws.session_state["paragraph"] = "16"
    ws.session_state["cursor"] = [3, 7]
    ws.save_session_state()
    assert "16" not in ws.file.read_text()
    ws.close()
    with Workspace.open(ws.folder) as again:
        assert again.session_state == {"paragraph": "16", "cursor": [3, 7]}


def test_a_snapshot_is_a_copy_that_saves_nothing(ws: Workspace) -> None:
    """What another thread reads (the TUI's word count) while the author goes on writing."""
    ws.entry("16").commentary = "before"
    ws.touch("16")
    snap = ws.snapshot()
    ws.entry("16").commentary = "after"
    ws.entry("17").commentary = "new"
    assert snap.project.entries["16"].commentary == "before"
    assert "17" not in snap.project.entries
    assert snap.read_only and snap.origin is ws and ws.origin is ws
    with pytest.raises(ProjectError, match="read-only"):
        snap.save()
    snap.close()  # holds no lock: the workspace keeps its own
    with pytest.raises(LockedError):
        Workspace.open(ws.folder)
    ws.save()
    assert "after" in ws.file.read_text()


def test_pins_and_hides(ws: Workspace) -> None:
    ws.pin("16", "a:1")
    ws.hide("16", "a:2")
    ws.hide("16", "a:1")  # hiding a pinned link unpins it
    assert ws.entry("16").pinned == []
    assert ws.entry("16").hidden == ["a:2", "a:1"]
    ws.pin("16", "a:2")
    assert ws.entry("16").pinned == ["a:2"]
    assert ws.entry("16").hidden == ["a:1"]
    ws.unhide("16", "a:1")
    ws.unpin("16", "a:2")
    assert ws.entry("16") == Entry("16", updated=ws.entry("16").updated)
    assert ws.dirty


def test_byte_order_mark_and_crlf_are_read(project_dir: Path) -> None:
    f = project_dir / "drafter.toml"
    f.write_bytes(
        b"\xef\xbb\xbf"
        + (HEAD + '\n[entries.7]\ncommentary = "c"\n').replace("\n", "\r\n").encode()
    )
    with Workspace.open(project_dir) as ws:
        assert ws.entry("7").commentary == "c"


def test_not_utf8_is_a_clear_error(project_dir: Path) -> None:
    f = _write(project_dir, HEAD)
    f.write_bytes(f.read_bytes() + b'\n[entries.7]\ncommentary = "caf\xe9"\n')
    with pytest.raises(ProjectError, match=r"not UTF-8"):
        Workspace.open(project_dir)
