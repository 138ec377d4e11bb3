"""The README's promises hold: its two commands are the ones CI runs and the sample they open."""

from __future__ import annotations

import re

from conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)][:2]


def test_the_readme_opens_with_the_open_and_test_commands() -> None:
    open_cmd, test_cmd = readme_commands()
    assert open_cmd.startswith("pip install -e . && drafter open sample_projects/")
    assert test_cmd == "pip install -e '.[test]' && python -m pytest --cov=drafter"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test_cmd = readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.strip() == test_cmd for line in ci.splitlines())


def test_the_sample_the_readme_opens_exists() -> None:
    open_cmd, _ = readme_commands()
    sample = open_cmd.split("drafter open ", 1)[1].strip()
    assert (REPO / sample / "drafter.toml").is_file()
    assert (REPO / sample / "build.sh").is_file()


def test_the_documents_the_readme_links_exist() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", text)
    assert targets
    missing = [t for t in targets if not t.startswith("http") and not (REPO / t).exists()]
    assert not missing


def readme_keys() -> set[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Key bindings", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for row in section.splitlines():
        cells = row.split("|")
        if len(cells) > 3:
            # the key column, and any key named in the description (`escape`, `alt+down` …)
            keys.update(re.findall(r"`([^`]+)`", cells[2] + cells[3]))
    return {k for key in keys for k in key.split()}


def tui_keys() -> set[str]:
    import importlib
    import inspect
    import pkgutil

    import drafter.tui

    found = {"ctrl+p"}  # Textual's own command palette
    names = [m.name for m in pkgutil.walk_packages(drafter.tui.__path__, "drafter.tui.")]
    for name in names:
        for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            for binding in getattr(cls, "BINDINGS", []):
                key = binding.key if hasattr(binding, "key") else binding[0]
                found.update(k.strip() for k in key.split(","))
    return found


NAMED = {"/": "slash", "?": "question_mark", "+": "plus", "-": "minus", "…": None}


def test_every_key_the_readme_names_is_bound_in_the_tui() -> None:
    documented = {NAMED.get(k, k) for k in readme_keys()} - {None}
    assert {"ctrl+q", "e", "ctrl+r", "1", "9", "0", "escape"} <= documented
    missing = documented - tui_keys()
    assert not missing, f"README.md names keys the TUI does not bind: {sorted(missing)}"


def test_the_shell_scripts_parse_and_stop_at_the_first_error() -> None:
    import subprocess

    scripts = [REPO / ".ci" / "run", *sorted((REPO / "sample_projects").glob("*/build.sh"))]
    assert len(scripts) == 4  # CI and the three samples' build scripts
    for script in scripts:
        subprocess.run(["bash", "-n", str(script)], check=True)
        assert "set -euo pipefail" in script.read_text(encoding="utf-8")
