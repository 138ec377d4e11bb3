"""Markdown -> the report tree: what the author writes is understood, nothing of its syntax is
passed through, and none of its words is lost."""

from __future__ import annotations

from drafter.project.citations import Cite as CiteItem
from drafter.project.citations import Locator
from drafter.project.report.markdown import parse_markdown
from drafter.project.report.tree import (
    BlockQuote,
    Cite,
    CodeBlock,
    Flag,
    Heading,
    Link,
    ListBlock,
    NoteRef,
    Para,
    ParaRole,
    Table,
    Text,
    block_inlines,
    plain_text,
    walk_blocks,
)


def texts(markdown: str) -> list[str]:
    blocks = parse_markdown(markdown).blocks
    return [plain_text(il) for b in walk_blocks(blocks) for il in block_inlines(b)]


def test_emphasis_links_and_code() -> None:
    (para,) = parse_markdown("A *b* **c** [OHCHR](https://www.ohchr.org) `x`").blocks
    assert isinstance(para, Para)
    found = [i for i in para.inlines if isinstance(i, Text)]
    assert any(t.italic and t.text == "b" for t in found)
    assert any(t.bold and t.text == "c" for t in found)
    assert any(t.code and t.text == "x" for t in found)
    link = next(i for i in para.inlines if isinstance(i, Link))
    assert link.url == "https://www.ohchr.org"
    assert plain_text(link.children) == "OHCHR"


def test_raw_html_is_text_not_markup() -> None:
    assert texts("<div>block</div>\n\nSome <b>bold</b> text") == [
        "<div>block</div>",
        "Some <b>bold</b> text",
    ]


def test_citation_tokens_become_citations_and_the_space_before_goes() -> None:
    (para,) = parse_markdown(
        "Measures [@cerd-c-kaz-11-14:22(a)] and [@fidh-2025:b3; @a-hrc-wg.6-41-bra-2:10-12]."
    ).blocks
    assert isinstance(para, Para)
    cites = [i for i in para.inlines if isinstance(i, Cite)]
    assert [c.cites for c in cites] == [
        (CiteItem("cerd-c-kaz-11-14", (Locator("22(a)"),)),),
        (
            CiteItem("fidh-2025", (Locator("b3"),)),
            CiteItem("a-hrc-wg.6-41-bra-2", (Locator("10", "12"),)),
        ),
    ]
    assert isinstance(para.inlines[0], Text) and para.inlines[0].text == "Measures"
    assert "[@" not in plain_text(para.inlines)


def test_what_looks_like_a_citation_and_is_not_is_flagged() -> None:
    (para,) = parse_markdown("See [@cerd 12] and [@x:] here.").blocks
    assert isinstance(para, Para)
    flags = [i.text for i in para.inlines if isinstance(i, Flag)]
    assert flags == ["[@cerd 12]", "[@x:]"]


def test_footnotes_carry_their_blocks_to_each_reference() -> None:
    parsed = parse_markdown("One[^a] two[^b].\n\n[^a]: First *note*.\n[^b]: Second.")
    (para,) = parsed.blocks
    assert isinstance(para, Para)
    notes = [i.note for i in para.inlines if isinstance(i, NoteRef)]
    assert [plain_text(n.blocks[0].inlines) for n in notes if isinstance(n.blocks[0], Para)] == [
        "First note.",
        "Second.",
    ]


def test_a_note_holding_a_quote_and_a_table_keeps_them() -> None:
    parsed = parse_markdown(
        "Claim[^n].\n\n[^n]: A note.\n\n    > quoted words\n\n    | a | b |\n    |---|---|\n"
        "    | 1 | 2 |\n"
    )
    (para,) = parsed.blocks
    assert isinstance(para, Para)
    note = next(i.note for i in para.inlines if isinstance(i, NoteRef))
    kinds = [type(b) for b in note.blocks]
    assert kinds == [Para, BlockQuote, Table]


def test_a_note_nobody_refers_to_is_kept_at_the_end() -> None:
    parsed = parse_markdown("Text.\n\n[^u]: an unreferenced note's words\n\nMore text.")
    assert any("not referred to" in w for w in parsed.warnings)
    last = parsed.blocks[-1]
    assert isinstance(last, Para) and plain_text(last.inlines) == "More text."
    (note,) = [i.note for i in last.inlines if isinstance(i, NoteRef)]
    assert "an unreferenced note's words" in plain_text(note.blocks[0].inlines)  # type: ignore[union-attr]


def test_a_list_nested_deeper_than_the_parser_follows_loses_no_word() -> None:
    deep = "\n".join("  " * i + f"- level{i}" for i in range(60)) + "\n\nAfter the list."
    parsed = parse_markdown(deep)
    joined = " ".join(texts(deep))
    for i in range(60):
        assert f"level{i}" in joined
    assert "After the list." in joined
    assert parsed.warnings


def test_a_ten_level_list_keeps_what_follows() -> None:
    ten = "\n".join("  " * i + f"{i + 1}. item {i}" for i in range(10)) + "\n\nThe next paragraph."
    assert texts(ten)[-1] == "The next paragraph."
    assert not parse_markdown(ten).warnings


def test_nested_lists_quotes_tables_code_headings() -> None:
    src = (
        "# Title\n\n1. one\n2. two\n   - inner\n\n> quoted\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode line\n```\n"
    )
    blocks = parse_markdown(src, numbered=True).blocks
    kinds = [type(b) for b in blocks]
    assert kinds == [Heading, ListBlock, BlockQuote, Table, CodeBlock]
    lst = blocks[1]
    assert isinstance(lst, ListBlock) and lst.ordered and lst.sub_items and len(lst.items) == 2
    assert any(isinstance(b, ListBlock) and not b.ordered for b in lst.items[1])
    table = blocks[3]
    assert isinstance(table, Table) and len(table.rows) == 1 and len(table.header) == 2


def test_numbered_text_gives_numbered_paragraphs() -> None:
    (para,) = parse_markdown("One paragraph.", numbered=True).blocks
    assert isinstance(para, Para) and para.role is ParaRole.NUMBERED


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
