"""Markdown -> blocks: what the author writes is understood, and nothing of its syntax is lost
or passed through."""

from __future__ import annotations

from drafter.render.blocks import (
    CitationRef,
    CodeBlock,
    Heading,
    Link,
    ListBlock,
    Note,
    Para,
    Quote,
    Table,
    Text,
    plain_text,
)
from drafter.render.markdown import parse_markdown


def test_emphasis_links_and_code() -> None:
    (para,) = parse_markdown("A *b* **c** [OHCHR](https://www.ohchr.org) `x`").blocks
    assert isinstance(para, Para)
    texts = [i for i in para.inlines if isinstance(i, Text)]
    assert any(t.italic and t.text == "b" for t in texts)
    assert any(t.bold and t.text == "c" for t in texts)
    assert any(t.code and t.text == "x" for t in texts)
    link = next(i for i in para.inlines if isinstance(i, Link))
    assert link.url == "https://www.ohchr.org"
    assert plain_text(link.children) == "OHCHR"


def test_raw_html_is_text_not_markup() -> None:
    parsed = parse_markdown("<div>block</div>\n\nSome <b>bold</b> text")
    assert [plain_text(b.inlines) for b in parsed.blocks if isinstance(b, Para)] == [
        "<div>block</div>",
        "Some <b>bold</b> text",
    ]


def test_citation_tokens_become_citations_and_the_space_before_goes() -> None:
    (para,) = parse_markdown("Measures [@cerd-c-kaz-11-14:22(a)] and [@fidh-2025:b3].").blocks
    assert isinstance(para, Para)
    cites = [i for i in para.inlines if isinstance(i, CitationRef)]
    assert [(c.source_id, c.paragraph_id) for c in cites] == [
        ("cerd-c-kaz-11-14", "22(a)"),
        ("fidh-2025", "b3"),
    ]
    assert isinstance(para.inlines[0], Text) and para.inlines[0].text == "Measures"
    assert "[@" not in plain_text(para.inlines)


def test_footnotes_carry_their_blocks_to_each_reference() -> None:
    parsed = parse_markdown("One[^a] two[^b].\n\n[^a]: First *note*.\n[^b]: Second.")
    (para,) = parsed.blocks
    assert isinstance(para, Para)
    notes = [i for i in para.inlines if isinstance(i, Note)]
    assert [plain_text(n.blocks[0].inlines) for n in notes if isinstance(n.blocks[0], Para)] == [
        "First note.",
        "Second.",
    ]


def test_nested_lists_quotes_tables_code_headings() -> None:
    src = (
        "# Title\n\n1. one\n2. two\n   - inner\n\n> quoted\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode line\n```\n"
    )
    blocks = parse_markdown(src).blocks
    kinds = [type(b) for b in blocks]
    assert kinds == [Heading, ListBlock, Quote, Table, CodeBlock]
    lst = blocks[1]
    assert isinstance(lst, ListBlock) and lst.ordered and len(lst.items) == 2
    assert any(isinstance(b, ListBlock) and not b.ordered for b in lst.items[1])
    table = blocks[3]
    assert isinstance(table, Table) and len(table.rows) == 1 and len(table.header) == 2


def test_xml_forbidden_characters_are_removed_with_a_warning() -> None:
    parsed = parse_markdown("bad\x01char\x0b here\ufffe", "paragraph 16 commentary")
    assert parsed.warnings and "paragraph 16 commentary" in parsed.warnings[0]
    assert "3 character" in parsed.warnings[0]
    (para,) = parsed.blocks
    assert isinstance(para, Para)
    assert plain_text(para.inlines) == "badchar here"


def test_empty_text_gives_no_blocks() -> None:
    assert parse_markdown("  \n\n ").blocks == []


def test_a_note_marker_without_its_note_goes_with_a_warning() -> None:
    parsed = parse_markdown("Claim[^missing] and `[^code]` stays.", "paragraph 7 commentary")
    (para,) = parsed.blocks
    assert isinstance(para, Para)
    assert plain_text(para.inlines) == "Claim and [^code] stays."
    assert parsed.warnings == [
        "paragraph 7 commentary: footnote [^missing] has no text (no '[^missing]: …' line)"
    ]
