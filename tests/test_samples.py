"""The sample projects are what their build scripts make, and they pass `drafter check`.

A change to the project format or the readers shows up here first: rebuild the samples with
their `build.sh` and commit the result.
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

SAMPLES = sorted(p.parent for p in (REPO / "sample_projects").glob("*/build.sh"))
# The time of the last edit is the one thing a rebuild changes.
TIMESTAMP = re.compile(r'^updated = ".*"$', re.M)


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )


def files(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and rel.parts[0] not in {".drafter", "build.sh"}:
            out[str(rel)] = path.read_bytes()
    return out


def test_the_three_samples_are_there() -> None:
    assert [p.name for p in SAMPLES] == [
        "brazil-cerd-follow-up-2026",
        "czechia-crpd-follow-up-2016",
        "kazakhstan-cerd-2025",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_a_rebuild_gives_the_committed_sample(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / sample.name
    result = run("bash", sample / "build.sh", out)
    assert result.returncode == 0, result.stderr + result.stdout
    built, committed = files(out), files(sample)
    assert sorted(built) == sorted(committed)
    for name, data in committed.items():
        if name == "drafter.toml":
            assert TIMESTAMP.sub("", built[name].decode()) == TIMESTAMP.sub("", data.decode()), (
                f"{sample.name}/drafter.toml differs from a rebuild: run its build.sh"
            )
        else:
            assert built[name] == data, f"{sample.name}/{name} differs from a rebuild"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_drafter_check_passes_on_the_sample(sample: Path, tmp_path: Path) -> None:
    # A copy: opening a project writes its cache folder, and the test leaves the clone clean.
    project = tmp_path / sample.name
    subprocess.run(["cp", "-r", str(sample), str(project)], check=True)
    result = run("drafter", "check", project, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["submittable"] is True
    assert not [p for p in report["problems"] if p["severity"] == "error"]
    # The names the samples use are in their word lists (`drafter words add` in build.sh): only
    # a typo would be flagged. (With no dictionary installed the check is off and says so.)
    spelling = [p["message"] for p in report["problems"] if p["kind"] == "spelling"]
    assert not spelling
    assert report["words"]["total"] > 0


def test_the_kazakhstan_sample_works_from_placeholders() -> None:
    text = (REPO / "sample_projects" / "kazakhstan-cerd-2025" / "drafter.toml").read_text()
    assert 'kind = "concluding-observations"' not in text
    assert 'kind = "state-report"' in text
    assert text.count('kind = "evidence"') == 2


def test_the_brazil_sample_imports_the_concluding_observations_pdf() -> None:
    text = (REPO / "sample_projects" / "brazil-cerd-follow-up-2026" / "drafter.toml").read_text()
    assert 'path = "sources/CERD_C_BRA_CO_18-20.pdf"' in text
    assert 'template = "cerd-follow-up"' in text


def test_the_czech_sample_is_a_crpd_follow_up_on_the_two_follow_up_paragraphs() -> None:
    sample = REPO / "sample_projects" / "czechia-crpd-follow-up-2016"
    data = tomllib.loads((sample / "drafter.toml").read_text(encoding="utf-8"))
    assert data["metadata"]["template"] == "crpd-follow-up"
    assert data["metadata"]["committee"] == "CRPD"
    assert [s["path"] for s in data["sources"]] == [
        "sources/CRPD_C_CZE_CO_1.pdf",
        "sources/CRPD_C_CZE_CO_1_Add.1.pdf",
        "sources/CRPD_C_CZE_2-3.pdf",
    ]
    # Paragraph 66 of CRPD/C/CZE/CO/1 asks for information on paragraphs 32 and 37: the entries
    # are on those, the only ones the follow-up template renders.
    assert sorted(data["entries"]) == ["32", "37"]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_example_commentary_is_marked_and_cites_only_imported_paragraphs(
    sample: Path, tmp_path: Path
) -> None:
    project = tmp_path / sample.name
    subprocess.run(["cp", "-r", str(sample), str(project)], check=True)
    result = run("drafter", "check", project, "--json")
    report = json.loads(result.stdout)
    assert not [p for p in report["problems"] if p["kind"] == "citation"]
    text = (sample / "drafter.toml").read_text()
    commentaries = re.findall(r'commentary = """\n(.*?)"""', text, re.S)
    assert len(commentaries) >= 2
    assert all(c.startswith("Example:") for c in commentaries)
    assert all("[@" in c for c in commentaries)
