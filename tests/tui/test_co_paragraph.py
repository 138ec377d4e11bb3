"""The Committee pane shows each word of a CO paragraph once: the text before the sub-items,
then the sub-items listed, whatever form the language gives their markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.documents import read_document
from drafter.documents.model import DocumentKind
from drafter.project.paragraphs import COParagraph
from drafter.tui.widgets.co_paragraph import lead_text, render_paragraph
from tests.conftest import BRAZIL, CRPD


@pytest.mark.parametrize(
    ("path", "pid", "lead_ends"),
    [
        (BRAZIL / "CERD_C_BRA_CO_18-20.pdf", "17", "The State party should also:"),
        (CRPD / "CRPD_C_NOR_CO_1_fr.pdf", "9", "Le Comité note avec préoccupation que :"),
        (CRPD / "CRPD_C_SAU_CO_1_es.pdf", "6", None),
    ],
)
def test_sub_items_are_shown_once(path: Path, pid: str, lead_ends: str | None) -> None:
    doc = read_document(path, DocumentKind.CONCLUDING_OBSERVATIONS)
    paragraph = next(p for p in doc.paragraphs if p.id == pid)
    assert paragraph.sub_items, "the example must have sub-items"
    co = COParagraph(paragraph.id, paragraph.text, source_id="co", paragraph=paragraph)
    lead = lead_text(co)
    if lead_ends is not None:
        assert lead.endswith(lead_ends)
    shown = render_paragraph(co, None).plain
    for item in paragraph.sub_items:
        assert item.text[:60] not in lead
        assert shown.count(item.text[:60]) == 1, item.label
