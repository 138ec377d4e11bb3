"""The writer on its own: notes with links, Ibid. rules, numbering restarts, escaping."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from drafter.render.docx_writer import DocxWriter
from drafter.render.footnotes import CitationStyle
from drafter.render.markdown import parse_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCES = {"cerd-c-kaz-11-14": "CERD/C/KAZ/11-14", "fidh": "FIDH statement"}


def write(markdown: str, out: Path, **kw: object) -> DocxWriter:
    w = DocxWriter(cite=lambda s, p: SOURCES.get(s), **kw)  # type: ignore[arg-type]
    w.blocks(parse_markdown(markdown).blocks, heading_base=1, numbered=True)
    w.finish(title="t", author="a", subject="s", keywords="k", language="en-GB")
    w.save(out)
    return w


def notes(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    return [
        "".join(t.text or "" for t in fn.iter(f"{W}t")).strip()
        for fn in root.iter(f"{W}footnote")
        if fn.get(f"{W}type") is None
    ]


def test_ibid_rules(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    write(
        "A[@cerd-c-kaz-11-14:170] b[@cerd-c-kaz-11-14:171] c[@cerd-c-kaz-11-14:171] "
        "d[@fidh:b2] e[^1] f[@fidh:b2] g[@nowhere:3]\n\n[^1]: Own note.",
        out,
    )
    assert notes(out) == [
        "CERD/C/KAZ/11-14, para. 170.",
        "Ibid., para. 171.",
        "Ibid.",
        "FIDH statement.",
        "Own note.",
        "FIDH statement.",  # a different note came between: no Ibid.
        "nowhere, para. 3.",
    ]


def test_translated_citation_words(tmp_path: Path) -> None:
    out = tmp_path / "fr.docx"
    write(
        "A[@cerd-c-kaz-11-14:22(a)] b[@cerd-c-kaz-11-14:23]",
        out,
        citation_style=CitationStyle(paragraph="par.", ibid="Ibid."),
    )
    assert notes(out) == ["CERD/C/KAZ/11-14, par. 22 (a).", "Ibid., par. 23."]


def test_links_inside_notes_live_in_the_footnotes_part(tmp_path: Path) -> None:
    out = tmp_path / "link.docx"
    write("Text[^1].\n\n[^1]: See [the page](https://www.ohchr.org/x) and [@fidh:b1].", out)
    assert notes(out) == ["See the page and FIDH statement."]
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/_rels/footnotes.xml.rels").decode()
    assert "https://www.ohchr.org/x" in rels and 'TargetMode="External"' in rels


def test_each_ordered_list_restarts_outside_un_numbering(tmp_path: Path) -> None:
    out = tmp_path / "lists.docx"
    write("1. a\n2. b\n\ntext\n\n3. c\n4. d\n", out, un_numbering=False)
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    ids = [n.find(f"{W}numId").get(f"{W}val") for n in body.iter(f"{W}numPr")]
    assert len(ids) == 4 and ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    starts = {
        num.get(f"{W}numId"): num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")
        for num in numbering.iter(f"{W}num")
        if num.find(f"{W}lvlOverride") is not None
    }
    assert starts[ids[0]] == "1" and starts[ids[2]] == "3"


def test_text_is_escaped_not_interpreted(tmp_path: Path) -> None:
    out = tmp_path / "esc.docx"
    write("A & B < C > D \"quoted\" 'single' <w:p/> ]]>", out)
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    text = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert "A & B < C > D \"quoted\" 'single' <w:p/> ]]>" in text


def test_importing_the_renderer_loads_neither_docx_nor_markdown_it() -> None:
    # The TUI imports drafter.render at start-up; python-docx must wait for the first render.
    import subprocess
    import sys

    code = (
        "import sys, drafter.render; "
        "print(sorted(m for m in ('docx', 'markdown_it', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_paragraph_runs_are_compressed_un_style() -> None:
    from drafter.render.report import compress_ids

    assert (
        compress_ids(["277", "278", "279", "281", "282", "22(a)", "5"])
        == "277–279, 281, 282, 22(a), 5"
    )
    assert compress_ids([]) == ""
