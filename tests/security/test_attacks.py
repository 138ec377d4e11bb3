"""Every attack of issue 14, run with the real `drafter` binary: each is refused with one line
(exit 2) or handled (exit 0), never a traceback, within a memory bound, and the project file and
every file outside the project are what they were.

A project file reaches its author through a coalition's git repository, so everything in it
(paths, titles) and everything beside it (links in `sources/` or `.drafter/`) is attacker-made
here. One crafted file per attack (`crafted.py`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from unittest.mock import ANY

import docx
import pytest

from tests.conftest import SEED_LETTER, require
from tests.security import crafted
from tests.security.conftest import (
    INJECT,
    Sandbox,
    assert_fine,
    assert_refused,
    drafter,
    fill,
    mounted_tmpfs,
    remount_read_only,
)

pytestmark = pytest.mark.security

SECRET = "hunter2"


def _no_secret_inside(box: Sandbox) -> None:
    """The secret was not copied into the project (cache, sources, a report)."""
    for path in box.project.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET.encode() not in path.read_bytes(), path


# --- Paths the project file names ---------------------------------------------------------------

ESCAPES: dict[str, Callable[[Sandbox], str]] = {
    "relative ../": lambda box: "../outside/secret/credentials.txt",
    "../../ deep": lambda box: "../../../../../../../../etc/passwd",
    "absolute": lambda box: str(box.outside / "secret" / "credentials.txt"),
    "/etc/passwd": lambda box: "/etc/passwd",
    "in, then out": lambda box: "sources/../../outside/secret/credentials.txt",
    "Windows drive": lambda box: "C:\\Users\\x\\secret.txt",
}


@pytest.mark.parametrize("case", list(ESCAPES))
def test_a_source_outside_the_project_is_refused_naming_the_entry(
    sandbox: Sandbox, case: str
) -> None:
    value = ESCAPES[case](sandbox)
    sandbox.set_source_path(value)
    before = sandbox.snapshot()
    line = assert_refused(drafter("check", sandbox.project), "drafter.toml: line ")
    assert f"sources.0.path: {value!r} is " in line
    assert "outside the project folder" in line or "absolute path" in line
    assert sandbox.snapshot() == before
    _no_secret_inside(sandbox)


@pytest.mark.parametrize(
    "command",
    [
        ("render",),
        ("links", "-p", "16"),
        ("entry", "-p", "16"),
        ("entry", "-p", "16", "--commentary", "changed"),
        ("metadata", "--set", "title=changed"),
        ("import", SEED_LETTER, "--as", "committee-letter"),
    ],
    ids=lambda c: " ".join(map(str, c[:2])),
)
def test_every_command_refuses_a_source_outside_the_project(
    sandbox: Sandbox, command: tuple[str, ...]
) -> None:
    sandbox.set_source_path("../outside/secret/credentials.txt")
    before = sandbox.snapshot()
    name, *rest = command
    assert_refused(drafter(name, sandbox.project, *rest), "sources.0.path", "outside")
    assert sandbox.snapshot() == before
    assert not list(sandbox.project.glob("*.docx"))
    _no_secret_inside(sandbox)


def test_a_symbolic_link_out_of_the_project_is_refused(sandbox: Sandbox) -> None:
    (sandbox.project / "sources" / "link.txt").symlink_to(
        sandbox.outside / "secret" / "credentials.txt"
    )
    sandbox.set_source_path("sources/link.txt")
    before = sandbox.snapshot()
    assert_refused(drafter("render", sandbox.project), "sources.0.path", "symbolic link")
    assert sandbox.snapshot() == before
    _no_secret_inside(sandbox)


def test_a_sources_folder_that_links_out_is_refused(sandbox: Sandbox) -> None:
    sandbox.link_out("sources", sandbox.outside / "other")
    before = sandbox.snapshot()
    assert_refused(drafter("check", sandbox.project), "sources.0.path", "symbolic link")
    assert sandbox.snapshot() == before


def test_a_logo_outside_the_project_is_refused(sandbox: Sandbox) -> None:
    """The cover's picture would carry a file from outside into the report."""
    (sandbox.outside / "secret" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    text = sandbox.project_file.read_text(encoding="utf-8")
    sandbox.project_file.write_text(
        text.replace("[metadata]\n", '[metadata]\nlogo = "../outside/secret/scan.png"\n', 1)
    )
    before = sandbox.snapshot()
    assert_refused(drafter("render", sandbox.project, "--draft"), "metadata.logo", "outside")
    assert sandbox.snapshot() == before
    _no_secret_inside(sandbox)
    sandbox.project_file.write_text(text)
    before = sandbox.snapshot()
    run = drafter("metadata", sandbox.project, "--set", "logo=/home/someone/scan.png")
    # A bad option value is a usage error (click's usage lines, then the one error line).
    assert run.status == 2 and "Traceback" not in run.stderr
    assert run.lines[-1] == (
        "Error: --set logo: '/home/someone/scan.png' is an absolute path; give it relative to "
        "the project folder"
    )
    assert sandbox.snapshot() == before


def test_a_template_folder_outside_the_project_is_refused(sandbox: Sandbox) -> None:
    (sandbox.outside / "tpl").mkdir()
    (sandbox.outside / "tpl" / "template.toml").write_text('id = "x"\nname = "x"\n')
    text = sandbox.project_file.read_text(encoding="utf-8")
    sandbox.project_file.write_text(
        text.replace('template = "cerd-alternative-report"', 'template = "../outside/tpl"')
    )
    before = sandbox.snapshot()
    # Run from inside the project, where "../outside/tpl" names the folder as the attack means.
    run = drafter("render", ".", cwd=sandbox.project)
    assert_refused(run, "metadata.template: '../outside/tpl' is outside the project folder")
    assert sandbox.snapshot() == before


def test_a_template_in_the_project_with_a_zip_bomb_reference_is_refused(sandbox: Sandbox) -> None:
    """A template folder inside the project is allowed; its reference.docx came with the
    repository, so it is bounded like any .docx before python-docx opens it."""
    tpl = sandbox.project / "our-template"
    tpl.mkdir()
    (tpl / "template.toml").write_text('id = "ours"\nname = "Ours"\nextends = "generic"\n')
    crafted.zip_bomb_docx(tpl).rename(tpl / "reference.docx")
    text = sandbox.project_file.read_text(encoding="utf-8")
    sandbox.project_file.write_text(
        text.replace('template = "cerd-alternative-report"', 'template = "./our-template"')
    )
    before = sandbox.snapshot()
    line = assert_refused(drafter("render", sandbox.project), "metadata.template", "MiB")
    assert "reference.docx" in line
    assert sandbox.snapshot() == before


# --- drafter never deletes or overwrites what it did not create ----------------------------------


def test_import_never_deletes_a_file_outside_the_project(sandbox: Sandbox) -> None:
    """The issue's attack: a source entry naming a file outside, with the kind and the name of
    the file being imported, had that file unlinked (exit 0, no message)."""
    sandbox.set_source_path("../outside/other/thesis.txt", index=1)  # the committee letter
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    shutil.copy(SEED_LETTER, inputs / "thesis.txt")
    before = sandbox.snapshot()
    run = drafter("import", sandbox.project, inputs / "thesis.txt", "--as", "committee-letter")
    assert_refused(run, "sources.1.path", "outside the project folder")
    assert sandbox.snapshot() == before
    assert (sandbox.outside / "other" / "thesis.txt").is_file()


def test_reimport_keeps_an_earlier_copy_drafter_did_not_make(sandbox: Sandbox) -> None:
    """A source naming the author's own file inside the project (not in sources/): a re-import
    copies into sources/ and keeps that file."""
    own = sandbox.project / "notes" / "letter.txt"
    own.parent.mkdir()
    own.write_text("The author's own notes, not a copy drafter made.\n")
    sandbox.set_source_path("notes/letter.txt", index=1)
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    shutil.copy(SEED_LETTER, inputs / "letter.txt")
    before = sandbox.snapshot()[0]
    run = drafter("import", sandbox.project, inputs / "letter.txt", "--as", "committee-letter")
    assert run.status == 0, run
    assert "kept the earlier copy" in run.stdout
    assert own.read_text().startswith("The author's own notes")
    assert sandbox.snapshot()[0] == before


def test_import_never_replaces_a_file_in_sources_that_is_not_a_source(sandbox: Sandbox) -> None:
    mine = sandbox.project / "sources" / "thesis.txt"
    mine.write_text("Put here by hand; no source names it.\n")
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    shutil.copy(SEED_LETTER, inputs / "thesis.txt")
    run = drafter("import", sandbox.project, inputs / "thesis.txt", "--as", "evidence")
    assert run.status == 0, run
    assert mine.read_text() == "Put here by hand; no source names it.\n"
    assert 'path = "sources/thesis-2.txt"' in sandbox.project_file.read_text()


@pytest.mark.parametrize(
    "target",
    [
        "proj/drafter.toml",
        "proj/sources/report.docx",
        "proj/sources/CERD_C_BRA_CO_18-20.txt",
        "proj/.drafter/report.docx",
        "outside/notes.md",
        "proj/.gitignore",
    ],
)
def test_render_never_writes_over_the_project_file_sources_or_a_non_report(
    sandbox: Sandbox, target: str
) -> None:
    out = sandbox.root / target
    existed = out.exists()
    before = sandbox.snapshot()
    project_tree = {p: p.read_bytes() for p in sandbox.project.rglob("*") if p.is_file()}
    assert_refused(drafter("render", sandbox.project, "-o", out), str(out))
    assert sandbox.snapshot() == before
    assert out.exists() == existed
    for p, data in project_tree.items():
        if ".drafter" not in p.parts:
            assert p.read_bytes() == data, p


def test_links_left_in_the_cache_folder_are_never_written_through(sandbox: Sandbox) -> None:
    """`.drafter/` arrives from the repository too: its lock must not be a link, and files
    drafter replaces there (the written-text marker) replace the link, not its target."""
    notes = sandbox.outside / "notes.md"
    cache = sandbox.project / ".drafter"
    (cache / "written.sha256").unlink(missing_ok=True)
    (cache / "written.sha256").symlink_to(notes)
    run = drafter("entry", sandbox.project, "-p", "16", "--commentary", "Saved.")
    assert run.status == 0, run
    assert notes.read_text() == "# My notes\n"
    assert not (cache / "written.sha256").is_symlink()

    (cache / "lock").unlink(missing_ok=True)
    (cache / "lock").symlink_to(notes)
    before = sandbox.snapshot()
    run = drafter("entry", sandbox.project, "-p", "16", "--commentary", "Again.")
    assert_refused(run, "lock", "symbolic link")
    assert sandbox.snapshot() == before


def test_cache_files_that_link_to_an_endless_device_are_ignored(sandbox: Sandbox) -> None:
    """A read of .drafter/session.json or written.sha256 through a link to /dev/zero never
    ended; drafter's own cache files are read only when they are plain files of sane size."""
    cache = sandbox.project / ".drafter"
    for name in ("session.json", "written.sha256"):
        (cache / name).unlink(missing_ok=True)
        (cache / name).symlink_to("/dev/zero")
    run = drafter("entry", sandbox.project, "-p", "16", "--commentary", "Saved.", timeout=60)
    assert_fine(run)
    assert "Saved." in sandbox.project_file.read_text(encoding="utf-8")


def test_a_markdown_cache_folder_that_links_out_is_left_alone(sandbox: Sandbox) -> None:
    """The renderer's Markdown cache deletes other versions' files in its folder: never in a
    folder a link leads to."""
    (sandbox.outside / "thesis.msgpack").write_text("Three years of work.\n")
    sandbox.link_out(".drafter/markdown", sandbox.outside)
    before = sandbox.snapshot()
    run = drafter("render", sandbox.project, "--draft", "-o", sandbox.root / "r.docx")
    assert run.status == 0, run
    assert sandbox.snapshot()[0] == {**before[0], str(sandbox.root / "r.docx"): ANY}


def test_a_link_cache_folder_that_links_out_is_left_alone(sandbox: Sandbox) -> None:
    """The TUI's worker ranks every paragraph and writes .drafter/links/, deleting older files
    there (in-process: only the TUI triggers it)."""
    from drafter.project.workspace import Workspace

    (sandbox.outside / "thesis.msgpack").write_text("Three years of work.\n")
    sandbox.link_out(".drafter/links", sandbox.outside)
    before = sandbox.snapshot()
    with Workspace.open(sandbox.project) as ws:
        ws.warm_links()
    assert sandbox.snapshot()[0] == before[0]


def test_a_cache_folder_that_links_out_is_refused(sandbox: Sandbox) -> None:
    sandbox.link_out(".drafter", sandbox.outside / "other")
    before = sandbox.snapshot()
    run = drafter("entry", sandbox.project, "-p", "16", "--commentary", "x")
    assert_refused(run, ".drafter", "symbolic link")
    assert sandbox.snapshot() == before


def test_new_does_not_write_through_a_link_left_as_gitignore(sandbox: Sandbox) -> None:
    folder = sandbox.root / "fresh"
    folder.mkdir()
    (folder / ".gitignore").symlink_to(sandbox.outside / "planted.txt")  # dangling
    run = drafter("new", folder, "--template", "cerd-alternative-report")
    assert run.status == 0, run
    assert not (sandbox.outside / "planted.txt").exists()


def test_git_setup_never_reads_or_writes_through_a_linked_gitattributes(sandbox: Sandbox) -> None:
    """Read through, the secret would land in a file the author then commits."""
    require("git")
    (sandbox.project / ".gitattributes").symlink_to(sandbox.outside / "secret" / "credentials.txt")
    assert subprocess.run(["git", "init", "-q", str(sandbox.project)]).returncode == 0
    before = sandbox.snapshot()
    assert_refused(drafter("git-setup", sandbox.project), ".gitattributes", "symbolic link")
    assert sandbox.snapshot() == before
    _no_secret_inside(sandbox)


# --- Denial of service --------------------------------------------------------------------------


def test_a_zip_bomb_docx_is_refused_before_it_is_inflated(sandbox: Sandbox) -> None:
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    bomb = crafted.zip_bomb_docx(inputs)
    assert bomb.stat().st_size < 400_000  # 200 MiB of XML inside
    before = sandbox.snapshot()
    assert_refused(drafter("parse", bomb), "inflates to 200 MiB")
    run = drafter("import", sandbox.project, bomb, "--as", "evidence")
    assert_refused(run, str(bomb), "MiB")
    assert sandbox.snapshot() == before


def test_a_zip_bomb_as_a_reviewed_report_is_refused(sandbox: Sandbox) -> None:
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    bomb = crafted.zip_bomb_docx(inputs)
    before = sandbox.snapshot()
    assert_refused(drafter("import-review", sandbox.project, bomb), str(bomb), "200 MiB")
    assert sandbox.snapshot() == before


@pytest.mark.parametrize(
    ("start", "fmt"), [(10**12, "lowerRoman"), (10**9, "lowerLetter")], ids=["roman", "letters"]
)
def test_an_absurd_list_number_costs_nothing(tmp_path: Path, start: int, fmt: str) -> None:
    """Once: 10**12 in Roman numerals hung; 10**9 in letters made 38-million-character labels."""
    path = crafted.numbering_docx(tmp_path, f"{fmt}.docx", start, fmt)
    run = drafter("parse", path, "--json", timeout=60)
    assert_fine(run)
    assert len(run.stdout) < 100_000
    assert "Concluding observations on the report of Freedonia" in run.stdout


def test_a_damaged_pdf_page_is_named_instead_of_read_in_part(tmp_path: Path) -> None:
    """The issue: a bit-flipped PDF gave 5 of 70 paragraphs with exit 0."""
    path = crafted.bit_flipped_pdf(tmp_path)
    line = assert_refused(drafter("parse", path), f"drafter: {path}: page 2: ", "damaged")
    assert "incomplete" in line


# --- Tracebacks and wrong messages ----------------------------------------------------------------


def test_a_word97_file_named_docx_is_called_what_it_is(tmp_path: Path) -> None:
    path = crafted.renamed_word97(tmp_path)
    assert_refused(
        drafter("parse", path), "is a Word 97-2003 .doc file, not .docx; save it as .docx"
    )


def test_a_title_longer_than_word_allows_renders(sandbox: Sandbox) -> None:
    title = "Alternative report on the implementation of the Convention, " * 6  # 366 characters
    assert drafter("metadata", sandbox.project, "--set", f"title={title.strip()}").status == 0
    before = sandbox.snapshot()
    out = sandbox.root / "report.docx"
    run = drafter("render", sandbox.project, "-o", out)
    assert run.status == 0 and "Traceback" not in run.stderr, run
    document = docx.Document(str(out))
    assert len(document.core_properties.title) <= 255
    assert document.core_properties.title.endswith("…")
    assert any(title.strip() in p.text for p in document.paragraphs)
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # not 0600
    assert sandbox.snapshot()[1] == before[1]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("entry", "{p}", "-p", "16", "--commentary", "caf\udce9"), "entries.16.commentary"),
        (("metadata", "{p}", "--set", "title=caf\udce9"), "metadata.title"),
        (("new", "{root}/caf\udce9", "--template", "generic", "--title", "\udcff"), "title"),
    ],
    ids=["entry", "metadata", "new"],
)
def test_arguments_that_are_not_utf8_get_one_line(
    sandbox: Sandbox, args: tuple[str, ...], field: str
) -> None:
    """Latin-1 bytes typed in a UTF-8 terminal reach Python as surrogates: one line, nothing
    saved, nothing created."""
    before = sandbox.snapshot()
    argv = [a.format(p=sandbox.project, root=sandbox.root) for a in args]
    assert_refused(drafter(*argv), field, "not valid UTF-8")
    assert sandbox.snapshot() == before


def test_a_file_whose_name_is_not_utf8_is_imported_under_a_utf8_name(sandbox: Sandbox) -> None:
    inputs = sandbox.root / "inputs"
    inputs.mkdir()
    name = "lettre-\udce9t\udce9.txt"  # "lettre-été.txt" in Latin-1
    shutil.copy(SEED_LETTER, inputs / name)
    run = drafter("import", sandbox.project, inputs / name, "--as", "evidence")
    assert_fine(run)
    assert (sandbox.project / "sources" / "lettre-_t_.txt").is_file()


# --- Faults: a read-only folder, a full disk ------------------------------------------------------


def _project_on(mount: Path, box: Sandbox) -> Path:
    project = mount / "proj"
    shutil.copytree(box.project, project, symlinks=True)
    shutil.rmtree(project / ".drafter")  # as a fresh clone: the cache folder must be made
    return project


@pytest.mark.parametrize(
    "command",
    [
        ("entry", "-p", "16", "--commentary", "x"),
        ("metadata", "--set", "title=x"),
        ("import", SEED_LETTER, "--as", "evidence"),
    ],
    ids=["entry", "metadata", "import"],
)
def test_a_read_only_project_folder_gets_one_line(
    sandbox: Sandbox, command: tuple[str, ...]
) -> None:
    mount = sandbox.root / "mnt"
    with mounted_tmpfs(mount, 8192) as real:
        project = _project_on(mount, sandbox)
        env: dict[str, str] = {}
        if real:
            remount_read_only(mount)
        else:  # no right to mount: the same EROFS, from a hook in the child
            env = {"PYTHONPATH": str(INJECT), "DRAFTER_TEST_READ_ONLY": str(mount)}
        before = sandbox.snapshot()[0]
        name, *rest = command
        run = drafter(name, project, *rest, env=env)
        assert_refused(run, str(project), "read-only file system", "nothing was changed")
        # Looking still works.
        assert drafter("entry", project, "-p", "16", env=env).status == 0
        assert sandbox.snapshot()[0] == before


def test_a_full_disk_during_render_keeps_the_old_report(sandbox: Sandbox) -> None:
    mount = sandbox.root / "mnt"
    with mounted_tmpfs(mount, 1024) as real:
        project = _project_on(mount, sandbox)
        out = mount / "report.docx"
        out.write_bytes(b"the report rendered yesterday")
        limit = None
        if real:
            fill(mount, leave=8192)
        else:
            limit = 16_384  # RLIMIT_FSIZE: the same failure mid-write (EFBIG)
        run = drafter("render", project, "-o", out, file_size=limit)
        assert_refused(run, str(out), "could not save", "the file on disk is unchanged")
        if real:
            assert "the disk is full" in run.stderr
        assert out.read_bytes() == b"the report rendered yesterday"
        assert sorted(p.name for p in mount.iterdir()) == sorted(
            ["proj", "report.docx", *(["filler"] if real else [])]
        )


def test_a_full_disk_during_import_leaves_no_hidden_copy(sandbox: Sandbox) -> None:
    mount = sandbox.root / "mnt"
    with mounted_tmpfs(mount, 1024) as real:
        project = _project_on(mount, sandbox)
        toml = (project / "drafter.toml").read_bytes()
        sources = sorted(p.name for p in (project / "sources").iterdir())
        big = sandbox.root / "evidence.txt"
        big.write_text(SEED_LETTER.read_text(encoding="utf-8") * 40)  # ~200 KB
        limit = None
        if real:
            fill(mount, leave=64 * 1024)
        else:
            limit = 100_000
        run = drafter("import", project, big, "--as", "evidence", file_size=limit)
        assert_refused(run, "nothing was copied")
        if real:
            assert "the disk is full" in run.stderr
        assert sorted(p.name for p in (project / "sources").iterdir()) == sources
        assert (project / "drafter.toml").read_bytes() == toml
