"""The whole journey with the installed `drafter`, as an author takes it.

`drafter new`, `drafter import` of each kind of document, `drafter open` in a real terminal
(tmux) where the author assesses a paragraph and writes commentary with a citation, quit,
`drafter render`, then LibreOffice turns the DOCX into a PDF and the PDF's text holds what was
typed, the assessment and the citation as a footnote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import (
    BRAZIL_CO_PDF,
    BRAZIL_FCO_PDF,
    BRAZIL_UPR_TXT,
    SEED_FIDH_2,
    SEED_LETTER,
    require,
)

from .terminal import Terminal

pytestmark = pytest.mark.slow

# Short enough to stay on one line of the commentary editor, so the screen shows it whole.
TYPED = "Typed in tmux, read in the PDF."


def drafter(binary: str, *args: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [binary, *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"drafter {args[0]} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def pdf_text(docx: Path, workdir: Path, env: dict[str, str]) -> str:
    require("soffice", "pdftotext")
    soffice = shutil.which("soffice")
    assert soffice is not None
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(workdir), str(docx)],
        check=True, capture_output=True, env=env, timeout=240,
    )  # fmt: skip
    pdf = workdir / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_new_import_open_write_quit_render_and_read_the_pdf(
    tmp_path: Path, terminal: Terminal, drafter_bin: str, soffice_env: dict[str, str]
) -> None:
    project = tmp_path / "brazil-report"

    # 1. A project from a template.
    out = drafter(
        drafter_bin, "new", project, "--template", "cerd-alternative-report",
        "--state", "Brazil", "--title", "Journey test report", cwd=tmp_path,
    )  # fmt: skip
    assert (project / "drafter.toml").is_file()

    # 2. One document of each kind, from PDF and text, as a user downloads them.
    for file, kind in [
        (BRAZIL_CO_PDF, "concluding-observations"),
        (BRAZIL_FCO_PDF, "state-report"),
        (BRAZIL_UPR_TXT, "compilation"),
        (SEED_LETTER, "committee-letter"),
        (SEED_FIDH_2, "evidence"),
    ]:
        out = drafter(drafter_bin, "import", project, file, "--as", kind, cwd=tmp_path)
        assert f"({kind}" in out
    assert sorted(p.name for p in (project / "sources").iterdir()) == sorted(
        p.name for p in (BRAZIL_CO_PDF, BRAZIL_FCO_PDF, BRAZIL_UPR_TXT, SEED_LETTER, SEED_FIDH_2)
    )

    # 3. The TUI in a real terminal, at the follow-up paragraph on the use of force.
    terminal.start([drafter_bin, "open", str(project), "--paragraph", "36"], cwd=tmp_path)
    # The Committee's paragraph, and beside it the State's reply that answers it explicitly
    # (under "Information relating to paragraph 36 …").
    terminal.wait_until(
        lambda s: (
            "Paragraph 36" in s
            and "Excessive use of force" in s
            and "[explicit] CERD/C/BRA/FCO/18-20," in s
        ),
        "paragraph 36 with the State's claims",
        timeout=60,
    )

    terminal.send("2")  # the second grade of the template's scale
    screen = terminal.wait_until(
        lambda s: "(x) 2 Partially satisfactory" in s, "the assessment marked"
    )
    terminal.send("e")  # into the commentary editor …
    # … which takes the keys once it has focus: the footer then drops its "e Write" key.
    terminal.wait_until(lambda s: "e Write" not in s, "the editor focused")
    terminal.type_text(TYPED + " ")
    terminal.send("C-r")  # cite the highlighted claim at the cursor
    screen = terminal.wait_for("Cited CERD/C/BRA/FCO/18-20, para.")
    cited = re.search(r"Cited CERD/C/BRA/FCO/18-20, para\. (\d+)", screen)
    assert cited is not None
    assert TYPED in screen
    terminal.send("Escape")
    # Autosave within two seconds of the last keystroke; the footer says so.
    terminal.wait_until(
        lambda s: "Unsaved changes" not in s and re.search(r"Saved \d\d:\d\d", s) is not None,
        "the autosave",
    )

    terminal.send("C-q")
    assert terminal.wait_exit() == 0

    entry = tomllib.loads((project / "drafter.toml").read_text(encoding="utf-8"))["entries"]["36"]
    assert entry["assessment"] == "partially-satisfactory"
    assert entry["commentary"].startswith(TYPED)
    assert f"[@cerd-c-bra-fco-18-20:{cited[1]}]" in entry["commentary"]

    # 4. The report, checked and rendered.
    drafter(drafter_bin, "check", project, cwd=tmp_path)
    docx = tmp_path / "journey.docx"
    drafter(drafter_bin, "render", project, "-o", docx, cwd=tmp_path)
    assert docx.stat().st_size > 0

    # 5. LibreOffice makes a PDF, and the PDF holds what was typed in the terminal.
    env = {**soffice_env, "HOME": soffice_env.get("HOME") or os.fspath(tmp_path)}
    text = pdf_text(docx, tmp_path, env)
    assert "Journey test report" in text
    assert TYPED in text
    assert "Partially satisfactory" in text
    assert f"CERD/C/BRA/FCO/18-20, para. {cited[1]}" in text
    assert "[@" not in text and "**" not in text
