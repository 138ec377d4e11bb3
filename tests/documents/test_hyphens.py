"""Words broken at a hyphen at a line end read the same from every format: the hyphen of a
compound stays ("Afro-Brazilians", "ill-treatment"), the hyphen of a line break goes
("recommen-" / "dation"), by one rule (drafter/documents/hyphens.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.documents import read_document
from drafter.documents.dictionaries import find_dictionary
from tests.documents.docx_samples import Para, build_docx
from tests.documents.pdf_samples import text_pdf

BROKEN = [
    "1. The State party reported on measures for Afro-",
    "Brazilians, on the recommen-",
    "dation of the Committee and on ill-",
    "treatment in detention.",
]
READ = (
    "The State party reported on measures for Afro-Brazilians, on the recommendation of the "
    "Committee and on ill-treatment in detention."
)
REST = ["2. Second paragraph.", "3. Third paragraph."]


def _written(folder: Path, suffix: str) -> Path:
    path = folder / f"report{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join(BROKEN) + "\n\n" + "\n\n".join(REST) + "\n", encoding="utf-8")
    elif suffix == ".docx":  # the paragraph's lines ended by manual line breaks (Shift+Enter)
        build_docx(path, [Para("\n".join(BROKEN)), *(Para(t) for t in REST)])
    else:
        text_pdf(path, [*BROKEN, *REST])
    return path


def _first_paragraph(path: Path) -> str:
    return read_document(path).paragraphs[0].text


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_a_broken_word_reads_the_same_from_every_format(tmp_path: Path, suffix: str) -> None:
    if find_dictionary("en") is None:  # "recommendation" is known from the dictionary
        message = "needs a Hunspell dictionary for English (Debian: hunspell-en-gb)"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: it must be installed)")
        pytest.skip(message)
    assert _first_paragraph(_written(tmp_path, suffix)) == READ


def test_without_a_dictionary_a_line_break_hyphen_is_kept_not_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_HUNSPELL_PATH", "")
    text = _first_paragraph(_written(tmp_path, ".txt"))
    assert "Afro-Brazilians" in text and "ill-treatment" in text
    assert "recommen-dation" in text  # two words joined wrongly would be worse
