"""`drafter parse`: the JSON contract and the outline for people, through the real binary."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import BRAZIL_CO_PDF, BRAZIL_CO_TXT, SEED_LETTER, SEED_STATE_REPORT


def _drafter(*args: str) -> subprocess.CompletedProcess[str]:
    drafter = shutil.which("drafter")
    assert drafter is not None, "the drafter console script is not installed"
    return subprocess.run([drafter, *args], capture_output=True, text=True, timeout=120)


def _parse_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["parse", "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_json_contract_for_concluding_observations_pdf() -> None:
    result = _drafter("parse", str(BRAZIL_CO_PDF), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "concluding-observations"
    assert data["symbol"] == "CERD/C/BRA/CO/18-20"
    assert [p["id"] for p in data["paragraphs"]] == [str(n) for n in range(1, 71)]
    for paragraph in data["paragraphs"]:
        assert {"id", "headings", "text", "responds_to", "role", "follow_up"} <= set(paragraph)
        assert paragraph["role"] in {
            "concern",
            "recommendation",
            "positive",
            "follow-up-request",
            "other",
        }
        assert isinstance(paragraph["follow_up"], bool)
    follow_up = {p["id"] for p in data["paragraphs"] if p["follow_up"]}
    assert follow_up == {"17", "19", "23", "36"}
    assert data["paragraphs"][4]["headings"][-1] == "Disaggregated demographic data collection"


def test_json_for_a_state_report_has_responds_to_and_no_co_fields() -> None:
    data = _parse_json(str(SEED_STATE_REPORT))
    assert data["kind"] == "state-report"
    assert data["symbol"] == "CERD/C/KAZ/11-14"
    paragraphs = data["paragraphs"]
    assert len(paragraphs) == 437
    assert any(p["responds_to"] for p in paragraphs)
    assert all("role" not in p for p in paragraphs)


def test_as_and_symbol_override_detection() -> None:
    data = _parse_json(str(SEED_LETTER), "--as", "evidence", "--symbol", "CERD/C/XYZ/1")
    assert data["kind"] == "evidence"
    assert data["symbol"] == "CERD/C/XYZ/1"


def test_unknown_kind_is_a_usage_error() -> None:
    result = _drafter("parse", str(SEED_LETTER), "--as", "novel")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "novel" in result.stderr


def test_outline_shows_headings_ids_roles_and_links() -> None:
    result = CliRunner().invoke(cli, ["parse", str(BRAZIL_CO_TXT)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("CERD/C/BRA/CO/18-20 · concluding observations · 70 paragraphs")
    heading = lines.index("C. Concerns and recommendations")
    assert lines[heading + 1] == "  Disaggregated demographic data collection"
    assert lines[heading + 2].startswith("    5   The Committee notes")
    assert lines[heading + 3].strip() == "concern → 6"
    assert any("follow-up within one year" in line for line in lines)


def test_outline_of_a_state_report_lists_what_paragraphs_respond_to() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SEED_STATE_REPORT)])
    assert result.exit_code == 0, result.output
    assert "responds to 16, 22, 28, 42" in result.output


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_errors_are_one_line(tmp_path: Path, flag: list[str]) -> None:
    missing = tmp_path / "gone.pdf"
    result = _drafter("parse", str(missing), *flag)
    assert result.returncode == 2
    assert result.stderr == f"drafter: {missing}: no such file\n"
