"""The writer on its own, on small trees: every block kind reaches Word, numbering restarts,
escaping, links in notes, right-to-left runs, and the layers (the tree loads no writer)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from drafter.project.report.markdown import parse_markdown
from drafter.project.report.tree import Metadata
from drafter.render.docx_writer import DocxWriter
from tests.render.conftest import finished
from tests.render.docx_reading import W, body, notes_in_order


def write(markdown: str, out: Path, lang: str = "en", **meta: object) -> None:
    blocks = parse_markdown(markdown, numbered=True).blocks
    DocxWriter(finished(blocks, lang, Metadata(**meta))).write(out)  # type: ignore[arg-type]


def test_links_inside_notes_live_in_the_footnotes_part(tmp_path: Path) -> None:
    out = tmp_path / "link.docx"
    write("Text[^1].\n\n[^1]: See [the page](https://www.ohchr.org/x) and [@fidh:b1].", out)
    assert notes_in_order(out) == ["See the page and FIDH, FIDH statement."]
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/_rels/footnotes.xml.rels").decode()
    assert "https://www.ohchr.org/x" in rels and 'TargetMode="External"' in rels


def test_each_ordered_list_restarts_outside_un_numbering(tmp_path: Path) -> None:
    out = tmp_path / "lists.docx"
    write("1. a\n2. b\n\ntext\n\n3. c\n4. d\n", out, un_numbering=False)
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    ids = [n.find(f"{W}numId").get(f"{W}val") for n in doc.iter(f"{W}numPr")]  # type: ignore[union-attr]
    assert len(ids) == 4 and ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    starts = {
        num.get(f"{W}numId"): num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")  # type: ignore[union-attr]
        for num in numbering.iter(f"{W}num")
        if num.find(f"{W}lvlOverride") is not None
    }
    assert starts[ids[0]] == "1" and starts[ids[2]] == "3"


def test_text_is_escaped_not_interpreted(tmp_path: Path) -> None:
    out = tmp_path / "esc.docx"
    write("A & B < C > D <w:p/> ]]>", out)
    assert "A & B < C > D <w:p/> ]]>" in "".join(p.text for p in body(out))


def test_every_block_kind_reaches_word_even_nested_deep(tmp_path: Path) -> None:
    out = tmp_path / "all.docx"
    deep = "\n".join("  " * i + f"- level{i}" for i in range(12))
    write(
        "# A heading\n\nText with `code` and ~~struck~~ words.\n\n> quoted *words*\n\n"
        "```\ncode block\n```\n\n---\n\n| h1 | h2 |\n|---|---|\n| c1 | c2 |\n\n"
        f"{deep}\n\nThe last paragraph.",
        out,
    )
    text = " ".join(p.text for p in body(out))
    for word in ("A heading", "code", "struck", "quoted words", "code block", "c1", "c2",
                 "level0", "level11", "The last paragraph."):  # fmt: skip
        assert word in text, word


def test_arabic_runs_are_written_right_to_left(tmp_path: Path) -> None:
    out = tmp_path / "rtl.docx"
    write("The law is called قانون العمل in Arabic.", out)
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    rtl = [r for r in doc.iter(f"{W}r") if r.find(f"{W}rPr/{W}rtl") is not None]
    assert ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in rtl] == ["قانون العمل "]
    assert "The law is called" in "".join(t.text or "" for t in doc.iter(f"{W}t"))


def test_symbols_and_dates_do_not_break(tmp_path: Path) -> None:
    out = tmp_path / "nb.docx"
    write("CERD/C/BRA/FCO/18-20 was published on 14 January 2026.", out)
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    assert len(list(doc.iter(f"{W}noBreakHyphen"))) == 1
    assert "14\u00a0January\u00a02026" in "".join(t.text or "" for t in doc.iter(f"{W}t"))


def test_the_tree_and_the_check_load_no_writer() -> None:
    # The TUI and `drafter check` build the report without python-docx; the TUI imports
    # drafter.render at start-up and must not pay for it either.
    code = (
        "import sys, drafter.render, drafter.project.check, drafter.project.report.builder; "
        "print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
