"""Coalition work in git: `git merge` of two branches' drafter.toml goes through
`drafter merge-file` (set up by `drafter git-setup`), and the merged file is what drafter itself
writes for the expected project. Plus properties of the merge itself."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.project import merge
from drafter.project.merge import merge_lists, merge_projects
from drafter.project.model import Entry, Organisation, Project, Source
from drafter.project.store import full_dump, parse_project
from drafter.project.workspace import Workspace
from tests.conftest import SEED_FIDH_1, SEED_LETTER, SEED_STATE_REPORT, require
from tests.project.conftest import run


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and out.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {out.stdout}{out.stderr}")
    return out


def load(folder: Path) -> Project:
    text = (folder / "drafter.toml").read_text(encoding="utf-8")
    return parse_project(text, folder / "drafter.toml")[0]


def drafter_bin() -> None:
    require("git", "drafter")


@pytest.fixture
def repo(project_dir: Path) -> Path:
    """A project with the State report imported and a few entries, committed on main, with
    drafter's merge driver set up by the real command."""
    drafter_bin()
    run("import", project_dir, SEED_STATE_REPORT, "--as", "state-report")
    with Workspace.open(project_dir) as ws:
        for pid in ("15", "16", "17"):
            e = ws.entry(pid)
            e.commentary = f"Shared start for {pid}.\nSecond line.\n"
            e.questions = ["First question?", "Second question?"]
            ws.touch(pid)
        ws.save()
    out = run("git-setup", project_dir, "--init")
    assert "Set up" in out
    assert "merge=drafter" in (project_dir / ".gitattributes").read_text()
    git(project_dir, "checkout", "-qb", "main")
    git(project_dir, "add", ".")
    git(project_dir, "commit", "-qm", "start")
    return project_dir


def branch(repo: Path, name: str, edit: object, start: str = "main") -> Project:
    """Make a branch from `start`, apply `edit(ws)`, save, commit; return the project saved."""
    git(repo, "checkout", "-q", start)
    git(repo, "checkout", "-qb", name)
    with Workspace.open(repo) as ws:
        edit(ws)  # type: ignore[operator]
        ws.mark_dirty()
        ws.save()
        saved = copy.deepcopy(ws.project)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", name)
    return saved


def merge_into(repo: Path, ours: str, theirs: str) -> subprocess.CompletedProcess[str]:
    git(repo, "checkout", "-q", ours)
    return git(repo, "merge", "--no-edit", theirs, check=False)


def test_git_setup_is_idempotent_and_check_warns_a_clone_without_it(repo: Path) -> None:
    assert "already set up" in run("git-setup", repo)
    assert (repo / ".gitattributes").read_text().count("merge=drafter") == 1
    git(repo, "config", "--remove-section", "merge.drafter")
    # Paragraphs written but not assessed are warnings: the check passes, and says so.
    out = run("check", repo)
    assert "drafter git-setup" in out and "once per clone" in out
    run("git-setup", repo)
    assert "git-setup" not in run("check", repo)


def test_branches_each_importing_a_source_merge_to_both(repo: Path) -> None:
    a = branch(repo, "org-a", lambda ws: ws.import_source(SEED_LETTER, "committee-letter"))
    b = branch(repo, "org-b", lambda ws: ws.import_source(SEED_FIDH_1, "evidence"))
    out = merge_into(repo, "org-a", "org-b")
    assert out.returncode == 0, out.stdout + out.stderr
    expected = copy.deepcopy(a)
    expected.sources.append(b.sources[-1])
    assert (repo / "drafter.toml").read_text(encoding="utf-8") == full_dump(expected)
    with Workspace.open(repo, read_only=True) as ws:
        assert {s.kind for s in ws.project.sources} == {
            "state-report",
            "committee-letter",
            "evidence",
        }
        assert not ws.document_errors


def test_different_fields_of_one_entry_merge_field_by_field(repo: Path) -> None:
    def edit_a(ws: Workspace) -> None:
        ws.entry("16").assessment = "partially-satisfactory"
        ws.entry("16").author = "Org A"
        ws.touch("16")

    def edit_b(ws: Workspace) -> None:
        ws.entry("16").commentary = "Shared start for 16.\nSecond line.\nOrg B adds a third.\n"
        ws.entry("16").evidence.append("cerd-c-kaz-11-14:170")
        ws.touch("16")

    a = branch(repo, "org-a", edit_a)
    b = branch(repo, "org-b", edit_b)
    out = merge_into(repo, "org-b", "org-a")
    assert out.returncode == 0, out.stdout + out.stderr
    expected = copy.deepcopy(b)
    e = expected.entries["16"]
    e.assessment, e.author = "partially-satisfactory", "Org A"
    e.updated = max(a.entries["16"].updated, b.entries["16"].updated)
    assert (repo / "drafter.toml").read_text(encoding="utf-8") == full_dump(expected)


def test_same_commentary_changed_on_both_sides_keeps_both_in_the_field(repo: Path) -> None:
    def edit(text: str, assessment: str) -> object:
        def do(ws: Workspace) -> None:
            ws.entry("17").commentary = f"Shared start for 17.\n{text}\n"
            ws.entry("17").assessment = assessment
            ws.touch("17")
            ws.entry("15").questions[0] = f"{text} asks?"
            ws.entry("15").recommendations = [f"{text} recommends."]  # added on both: both kept
            ws.touch("15")

        return do

    branch(repo, "org-a", edit("Org A's second line.", "not-implemented"))
    branch(repo, "org-b", edit("Org B's second line.", "satisfactory"))
    out = merge_into(repo, "org-a", "org-b")
    assert out.returncode != 0
    assert "CONFLICT" in out.stdout
    assert "paragraph 17: commentary" in out.stderr  # the driver's own line

    text = (repo / "drafter.toml").read_text(encoding="utf-8")
    assert "<<<<<<< org-a\nOrg A's second line.\n=======\nOrg B's second line.\n>>>>>>> org-b" in (
        text
    )
    with Workspace.open(repo) as ws:  # the file loads: valid TOML, valid project
        e = ws.entry("17")
        assert e.commentary.startswith("Shared start for 17.\n<<<<<<< org-a\n")
        assert e.assessment == "not-implemented"  # ours kept, theirs recorded
        assert {(c.paragraph, c.field, c.kind) for c in ws.project.conflicts} == {
            ("17", "commentary", "text"),
            ("17", "assessment", "value"),
            ("15", "questions", "text"),
        }
        assert ws.entry("15").recommendations == [
            "Org A's second line. recommends.",
            "Org B's second line. recommends.",
        ]
    assert text == full_dump(load(repo))  # byte-stable: what drafter writes for it

    check = run("check", repo, code=1)
    assert "error: paragraph 17: commentary: merge conflict" in check
    assert "error: paragraph 17: assessment: merge conflict: 'not-implemented' on org-a" in check
    assert "paragraph 17" in run("conflicts", repo, code=1)

    # The author settles them: theirs for the assessment, an edit for the commentary.
    run("resolve", repo, "-p", "17", "--field", "assessment", "--take", "theirs")
    run("resolve", repo, "-p", "17", "--field", "commentary", code=2)  # markers still there
    with Workspace.open(repo) as ws:
        ws.entry("17").commentary = "Shared start for 17.\nBoth organisations agree.\n"
        ws.touch("17")
        ws.save()  # the markers are gone: that conflict is settled
        assert ws.entry("17").assessment == "satisfactory"
    run("resolve", repo, "-p", "15", "--take", "both")
    assert "No merge conflicts." in run("conflicts", repo)
    with Workspace.open(repo, read_only=True) as ws:
        assert ws.entry("15").questions == [
            "Org A's second line. asks?\nOrg B's second line. asks?\n",
            "Second question?",
        ]
    git(repo, "add", "drafter.toml")
    git(repo, "commit", "-qm", "merged")


def test_questions_reordered_on_one_side_and_added_on_the_other(repo: Path) -> None:
    def reorder(ws: Workspace) -> None:
        ws.entry("16").questions.reverse()
        ws.touch("16")

    def add(ws: Workspace) -> None:
        ws.entry("16").questions.append("Third question?")
        ws.entry("16").questions.insert(0, "Opening question?")
        ws.touch("16")

    a = branch(repo, "org-a", reorder)
    b = branch(repo, "org-b", add)
    out = merge_into(repo, "org-a", "org-b")
    assert out.returncode == 0, out.stdout + out.stderr
    expected = copy.deepcopy(a)
    expected.entries["16"].questions = [
        "Opening question?",
        "Second question?",
        "Third question?",
        "First question?",
    ]
    expected.entries["16"].updated = max(a.entries["16"].updated, b.entries["16"].updated)
    assert (repo / "drafter.toml").read_text(encoding="utf-8") == full_dump(expected)


def test_metadata_edits_merge_field_by_field(repo: Path) -> None:
    def edit_a(ws: Workspace) -> None:
        ws.project.metadata.title = "Joint alternative report"
        ws.project.metadata.organisations.append(Organisation("Org A", role="lead"))
        ws.project.front_matter.about = "Org A is a human rights bureau.\n"

    def edit_b(ws: Workspace) -> None:
        ws.project.metadata.deadline = "2026-03-30"
        ws.project.metadata.organisations.append(Organisation("Org B", role="member"))
        ws.project.front_matter.methodology = "Interviews.\n"

    a = branch(repo, "org-a", edit_a)
    branch(repo, "org-b", edit_b)
    out = merge_into(repo, "org-a", "org-b")
    assert out.returncode == 0, out.stdout + out.stderr
    expected = copy.deepcopy(a)
    expected.metadata.deadline = "2026-03-30"
    expected.metadata.organisations.append(Organisation("Org B", role="member"))
    expected.front_matter.methodology = "Interviews.\n"
    assert (repo / "drafter.toml").read_text(encoding="utf-8") == full_dump(expected)


def test_unreadable_version_falls_back_to_git_line_merge(tmp_path: Path) -> None:
    drafter_bin()
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text('schema = 1\n[metadata]\ntitle = "a"\n')
    ours.write_text('schema = 1\n[metadata]\ntitle = "b"\n<<<<<<< x\n')
    theirs.write_text('schema = 1\n[metadata]\ntitle = "c"\n')
    out = subprocess.run(
        ["drafter", "merge-file", base, ours, theirs, "-P", "drafter.toml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "not a project drafter can read" in out.stderr and "Traceback" not in out.stderr
    assert "=======" in ours.read_text()  # git's markers: git marks the file conflicted


def test_a_line_merge_by_git_without_the_driver_says_how_to_redo_it(repo: Path) -> None:
    def edit(text: str) -> object:
        def do(ws: Workspace) -> None:
            ws.entry("16").assessment = text
            ws.touch("16")

        return do

    branch(repo, "org-a", edit("satisfactory"))
    branch(repo, "org-b", edit("not-implemented"))
    git(repo, "config", "--remove-section", "merge.drafter")  # a clone that skipped git-setup
    assert merge_into(repo, "org-a", "org-b").returncode != 0
    out = run("check", repo, code=2)
    assert "drafter.toml: line" in out and "git checkout -m drafter.toml" in out
    run("git-setup", repo)
    git(repo, "checkout", "-m", "drafter.toml")  # git merges it again, with the driver now
    with Workspace.open(repo, read_only=True) as ws:
        assert ws.entry("16").assessment == "satisfactory"
        assert [c.field for c in ws.project.conflicts] == ["assessment"]


def test_new_with_git_sets_the_repository_up(tmp_path: Path, templates: Path) -> None:
    require("git")
    folder = tmp_path / "joint"
    out = run("new", folder, "--template", "test-cerd", "--git")
    assert "new git repository" in out
    assert (
        git(folder, "config", "--get", "merge.drafter.driver")
        .stdout.strip()
        .endswith("merge-file %O %A %B --marker-size %L --path %P")
    )
    inside = folder / "second"
    assert "Hint" in run("new", inside, "--template", "test-cerd")
    assert "Hint" not in run("new", tmp_path / "elsewhere", "--template", "test-cerd")


# -- properties of the merge -------------------------------------------------------------------

line = st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=6)
items = st.lists(line, max_size=6)


@settings(max_examples=300, deadline=None)
@given(base=items, x=items, pair=st.booleans())
def test_merge_with_an_unchanged_side_is_the_other_side(
    base: list[str], x: list[str], pair: bool
) -> None:
    assert merge_lists(base, x, base, pair_edits=pair).items == x
    assert merge_lists(base, base, x, pair_edits=pair).items == x


@settings(max_examples=400, deadline=None)
@given(base=items, x=items, y=items, pair=st.booleans())
def test_list_merge_is_symmetric_without_conflicts_and_keeps_every_addition(
    base: list[str], x: list[str], y: list[str], pair: bool
) -> None:
    joined = merge.merge_text
    xy = merge_lists(base, x, y, pair_edits=pair, merge_text=lambda b, o, t: joined(b, o, t)[0])
    yx = merge_lists(base, y, x, pair_edits=pair, merge_text=lambda b, o, t: joined(b, o, t)[0])
    clean = not (xy.edit_conflicts or xy.order_conflict)
    if clean:
        assert xy.items == yx.items
    for added in [i for i in x + y if i not in base]:
        assert any(added == i or added in i.splitlines() for i in xy.items), (added, xy)


entry_texts = st.sampled_from(["", "one\n", "one\ntwo\n", "two\n", "three\nfour\n"])


@st.composite
def projects(draw: st.DrawFn, base: Project | None = None) -> Project:
    """A project, or an edit of `base`: entries, sources, metadata changed at random."""
    p = copy.deepcopy(base) if base is not None else Project()
    if draw(st.booleans()):
        p.metadata.title = draw(st.sampled_from(["", "Report", "Joint report"]))
    for pid in draw(st.lists(st.sampled_from(["9", "16", "22(a)"]), max_size=3, unique=True)):
        e = p.entries.get(pid) or Entry(pid)
        e.commentary = draw(entry_texts)
        e.assessment = draw(st.sampled_from(["", "satisfactory", "not-implemented"]))
        e.questions = draw(st.lists(st.sampled_from(["q1", "q2", "q3", "q4"]), max_size=3))
        e.done = draw(st.booleans())
        p.entries[pid] = e
    for sid in draw(st.lists(st.sampled_from(["s1", "s2", "s3"]), max_size=2, unique=True)):
        if p.source(sid) is None:
            p.sources.append(Source(sid, "evidence", f"sources/{sid}.txt"))
        elif draw(st.booleans()):
            p.sources = [s for s in p.sources if s.id != sid]
    return p


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_project_merge_properties(data: st.DataObject) -> None:
    base = data.draw(projects())
    x = data.draw(projects(base))
    y = data.draw(projects(base))
    # Merging with an unchanged side gives the other side, byte for byte.
    assert full_dump(merge_projects(base, x, base).project) == full_dump(x)
    assert full_dump(merge_projects(base, base, x).project) == full_dump(x)
    xy = merge_projects(base, x, y)
    text = full_dump(xy.project)
    parse_project(text, Path("drafter.toml"))  # always a file drafter can open
    if xy.clean:
        assert text == full_dump(merge_projects(base, y, x).project)
    # Nothing added on either side is lost (an item both sides edited differently keeps both
    # texts inside its conflict markers).
    for side in (x, y):
        for s in side.sources:
            if base.source(s.id) is None:
                assert xy.project.source(s.id) is not None
        for pid, e in side.entries.items():
            merged = xy.project.entries.get(pid)
            for q in e.questions:
                if pid not in base.entries or q not in base.entries[pid].questions:
                    assert merged is not None and any(q in m for m in merged.questions)


def test_labels_default_outside_a_merge() -> None:
    from drafter.project.gitsetup import merge_labels

    env = {k: v for k, v in os.environ.items() if k.startswith("GITHEAD_")}
    assert not env
    assert merge_labels() == ("ours", "theirs")
