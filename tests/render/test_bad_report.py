"""One small bad project per way a report can break (tests/render/fixtures/bad_report/*.toml,
each a change to the Brazil sample): `drafter check` names it as an error, `drafter render`
refuses with the same words, and a draft renders with the problem listed and marked."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.workspace import Workspace
from tests.conftest import REPO
from tests.render.docx_reading import body, normal

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_report").glob("*.toml"))


@pytest.fixture(scope="module")
def brazil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Brazil sample, opened once so its parsed documents are cached for every copy."""
    folder = shutil.copytree(
        REPO / "sample_projects" / "brazil-cerd-follow-up-2026",
        tmp_path_factory.mktemp("brazil") / "project",
    )
    Workspace.open(folder, read_only=True).close()
    return folder


def apply(project: Path, fixture: dict[str, Any]) -> None:
    with Workspace.open(project) as ws:
        where = fixture["where"]
        if where == "executive_summary":
            ws.project.front_matter.executive_summary = fixture["text"]
        else:
            e = ws.entry(where)
            e.commentary = fixture["text"]
            e.evidence = list(fixture.get("evidence", []))
            if "quote" in fixture:
                e.quotes[fixture["quote"]["key"]] = fixture["quote"]["words"]
            ws.touch(where)
        if "untitled" in fixture:
            source = ws.project.source(fixture["untitled"])
            assert source is not None
            source.symbol = source.title = ""
        ws.mark_dirty()
        ws.save()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_each_broken_report_is_named_refused_and_marked_in_a_draft(
    path: Path, brazil: Path, tmp_path: Path
) -> None:
    fixture = tomllib.loads(path.read_text(encoding="utf-8"))
    project = shutil.copytree(brazil, tmp_path / "project")
    apply(project, fixture)
    template = ["--template", fixture["template"]] if "template" in fixture else []
    runner = CliRunner()

    checked = runner.invoke(cli, ["check", str(project), "--json", *template])
    assert checked.exit_code == 1, checked.output
    errors = [
        p["message"] for p in json.loads(checked.output)["problems"] if p["severity"] == "error"
    ]
    assert [m for m in errors if fixture["expect"] in m], errors

    out = tmp_path / "report.docx"
    refused = runner.invoke(cli, ["render", str(project), "-o", str(out), *template])
    assert refused.exit_code == 1 and not out.exists()
    assert fixture["expect"] in refused.output and "Traceback" not in refused.output

    draft = runner.invoke(cli, ["render", str(project), "-o", str(out), "--draft", *template])
    assert draft.exit_code == 0, draft.output
    text = normal("\n".join(p.text for p in body(out)))
    assert normal(fixture["expect"]) in text  # the list of problems on the first page
