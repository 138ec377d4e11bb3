"""Markdown (the author's commentary and front matter) -> the block model in `blocks.py`.

CommonMark via markdown-it-py, plus tables, strikethrough and footnotes (mdit-py-plugins). Raw
HTML is switched off, so `<b>` stays visible text and is never passed through to Word. Citation
tokens `[@source-id:paragraph-id]` become `CitationRef` inlines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from drafter.project.citations import CITATION
from drafter.render.blocks import (
    Block,
    CitationRef,
    CodeBlock,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    Para,
    Quote,
    Rule,
    Table,
    Text,
    strip_forbidden,
)


@dataclass(slots=True)
class Parsed:
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


def parse_markdown(text: str, where: str = "") -> Parsed:
    """Parse one Markdown text; `where` names it in warnings ("paragraph 16 commentary")."""
    warnings: list[str] = []
    text, removed = strip_forbidden(text)
    if removed:
        place = f"{where}: " if where else ""
        warnings.append(f"{place}removed {removed} character(s) that a Word file cannot hold")
    if not text.strip():
        return Parsed([], warnings)
    tokens = _parser().parse(text)
    body, notes = _split_footnotes(tokens)
    note_blocks = {nid: _blocks(toks, {}) for nid, toks in notes.items()}
    blocks = _blocks(body, note_blocks)
    place = f"{where}: " if where else ""
    for label in _sweep_orphan_notes(blocks):
        warnings.append(f"{place}footnote [^{label}] has no text (no '[^{label}]: …' line)")
    return Parsed(blocks, warnings)


_ORPHAN_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def _sweep_orphan_notes(blocks: Sequence[Block]) -> list[str]:
    """Remove `[^x]` markers whose note was never written (markdown-it leaves them as text);
    return their labels so the author is told."""
    found: list[str] = []

    def inlines(items: Sequence[Inline]) -> None:
        for i in items:
            if isinstance(i, Text) and not i.code and "[^" in i.text:
                found.extend(_ORPHAN_NOTE.findall(i.text))
                i.text = _ORPHAN_NOTE.sub("", i.text)
            elif isinstance(i, Link):
                inlines(i.children)
            elif isinstance(i, Note):
                walk(i.blocks)

    def walk(bs: Sequence[Block]) -> None:
        for b in bs:
            if isinstance(b, Para | Heading):
                inlines(b.inlines)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    walk(item)
            elif isinstance(b, Quote):
                walk(b.blocks)
            elif isinstance(b, Table):
                for cell in [*b.header, *(c for row in b.rows for c in row)]:
                    inlines(cell)

    walk(blocks)
    return found


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """The body tokens, and each footnote's block tokens by footnote id."""
    body: list[Token] = []
    notes: dict[int, list[Token]] = {}
    current: list[Token] | None = None
    for tok in tokens:
        if tok.type in ("footnote_block_open", "footnote_block_close"):
            continue
        if tok.type == "footnote_open":
            current = notes.setdefault(int(tok.meta["id"]), [])
            continue
        if tok.type == "footnote_close":
            current = None
            continue
        if tok.type == "footnote_anchor":
            continue
        (current if current is not None else body).append(tok)
    return body, notes


def _closing(tokens: Sequence[Token], i: int) -> int:
    """Index of the token closing the one opened at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _blocks(tokens: Sequence[Token], notes: dict[int, list[Block]]) -> list[Block]:
    out: list[Block] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t == "paragraph_open":
            inline = tokens[i + 1]
            out.append(Para(_inlines(inline.children or [], notes)))
            i = _closing(tokens, i) + 1
        elif t == "heading_open":
            inline = tokens[i + 1]
            out.append(Heading(int(tok.tag[1:]), _inlines(inline.children or [], notes)))
            i = _closing(tokens, i) + 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            items: list[list[Block]] = []
            j = i + 1
            while j < end:
                if tokens[j].type == "list_item_open":
                    k = _closing(tokens, j)
                    items.append(_blocks(tokens[j + 1 : k], notes))
                    j = k + 1
                else:
                    j += 1
            start = int(tok.attrs.get("start", 1) or 1) if t == "ordered_list_open" else 1
            out.append(ListBlock(t == "ordered_list_open", items, start))
            i = end + 1
        elif t == "blockquote_open":
            end = _closing(tokens, i)
            out.append(Quote(_blocks(tokens[i + 1 : end], notes)))
            i = end + 1
        elif t in ("fence", "code_block"):
            out.append(CodeBlock(tok.content.rstrip("\n")))
            i += 1
        elif t == "hr":
            out.append(Rule())
            i += 1
        elif t == "table_open":
            end = _closing(tokens, i)
            out.append(_table(tokens[i + 1 : end], notes))
            i = end + 1
        elif t == "inline":  # stray inline (tight list paragraphs are wrapped; be safe)
            out.append(Para(_inlines(tok.children or [], notes)))
            i += 1
        elif t in ("html_block",):  # unreachable with html off; kept as text if it ever appears
            out.append(Para([Text(tok.content)]))
            i += 1
        else:
            i += 1
    return out


def _table(tokens: Sequence[Token], notes: dict[int, list[Block]]) -> Table:
    header: list[list[Inline]] = []
    rows: list[list[list[Inline]]] = []
    in_head = False
    row: list[list[Inline]] = []
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline":
            row.append(_inlines(tok.children or [], notes))
        elif tok.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
    return Table(header, rows)


def _inlines(children: Sequence[Token], notes: dict[int, list[Block]]) -> list[Inline]:
    out: list[Inline] = []
    # A stack of lists collecting inlines: the top is where the next inline goes (links nest).
    stack: list[tuple[list[Inline], Link | None]] = [(out, None)]
    bold = italic = strike = 0

    def emit(inline: Inline) -> None:
        stack[-1][0].append(inline)

    def text(s: str, code: bool = False) -> None:
        if not s:
            return
        style: dict[str, Any] = {
            "bold": bold > 0,
            "italic": italic > 0,
            "strike": strike > 0,
            "code": code,
        }
        if code:
            emit(Text(s, **style))
            return
        pos = 0
        for m in CITATION.finditer(s):
            # The note mark sits against the word: "measures [@x:1]" -> "measures¹".
            before = s[pos : m.start()].rstrip()
            target = stack[-1][0]
            if before:
                emit(Text(before, **style))
            elif target and isinstance(target[-1], Text) and not target[-1].code:
                target[-1].text = target[-1].text.rstrip()
            emit(CitationRef(m["source"], m["paragraph"]))
            pos = m.end()
        if pos < len(s):
            emit(Text(s[pos:], **style))

    for tok in children:
        t = tok.type
        if t == "text":
            text(tok.content)
        elif t == "code_inline":
            text(tok.content, code=True)
        elif t == "softbreak":
            text(" ")
        elif t == "hardbreak":
            emit(LineBreak())
        elif t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic -= 1
        elif t == "s_open":
            strike += 1
        elif t == "s_close":
            strike -= 1
        elif t == "link_open":
            link = Link(str(tok.attrs.get("href", "")))
            emit(link)
            stack.append((link.children, link))
        elif t == "link_close":
            if len(stack) > 1:
                stack.pop()
        elif t == "image":
            # Images are not embedded: the alternative text keeps the meaning.
            alt = "".join(c.content for c in (tok.children or [])) or tok.content
            text(alt)
        elif t == "footnote_ref":
            emit(Note(notes.get(int(tok.meta["id"]), [])))
        elif t == "html_inline":  # unreachable with html off
            text(tok.content)
        else:
            text(tok.content)
    return out
