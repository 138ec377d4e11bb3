"""Fixtures for project tests: a small template of our own, and empty projects made with it.

The tests point DRAFTER_TEMPLATES at a template written here, so they test the project code and
not whichever templates the repository ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.workspace import Workspace
from tests.conftest import SEED_FIDH_1, SEED_LETTER, SEED_STATE_REPORT

TEMPLATE_TOML = """\
id = "test-cerd"
name = "Test CERD alternative report"
committee = "CERD"
treaty = "International Convention on the Elimination of All Forms of Racial Discrimination"
report_label = "Alternative report"

[[scale]]
id = "satisfactory"
label = "Satisfactory"

[[scale]]
id = "partially-satisfactory"
label = "Partially satisfactory"

[[scale]]
id = "not-implemented"
label = "Not implemented"

[word_limit]
words = {words}
counts = "{counts}"
source = "test"
"""


def write_template(
    root: Path, name: str = "test-cerd", words: int = 500, counts: str = "body"
) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.toml").write_text(
        TEMPLATE_TOML.format(words=words, counts=counts), encoding="utf-8"
    )
    return folder


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "templates"
    write_template(root)
    write_template(root, "tiny-limit", words=20)
    write_template(root, "tiny-all", words=20, counts="all")
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(root))
    return root


@pytest.fixture(scope="module")
def module_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test template for a module's shared projects (built once per module)."""
    root = tmp_path_factory.mktemp("templates")
    write_template(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRAFTER_TEMPLATES", str(root))
        yield root


@pytest.fixture
def project_dir(tmp_path: Path, templates: Path) -> Path:
    folder = tmp_path / "report"
    Workspace.create(folder, "test-cerd", title="Test", state="Kazakhstan").close()
    return folder


@pytest.fixture
def ws(project_dir: Path) -> Iterator[Workspace]:
    w = Workspace.open(project_dir)
    yield w
    w.close()


def run(*args: str | Path, code: int = 0) -> str:
    """Run a drafter command in-process; assert its exit code; return what it printed."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output + (result.stderr or "")
    return result.output


@pytest.fixture
def seeded(tmp_path: Path, templates: Path) -> Path:
    folder = tmp_path / "kaz"
    run(
        "new",
        folder,
        "--template",
        "test-cerd",
        "--title",
        "Alternative report",
        "--state",
        "Kazakhstan",
    )
    run("import", folder, SEED_STATE_REPORT, "--as", "state-report")
    run("import", folder, SEED_LETTER, "--as", "committee-letter")
    run("import", folder, SEED_FIDH_1, "--as", "evidence")
    return folder
