"""Markdown (the author's commentary and front matter) -> the report tree's blocks.

CommonMark via markdown-it-py, plus tables, strikethrough and footnotes (mdit-py-plugins). Raw
HTML is off, so `<b>` stays visible text and is never passed to Word. Citation tokens become
`Cite` inlines; anything that looks like a citation and is not one becomes a `Flag`.

Nothing the author wrote is lost: a footnote defined but never referenced is placed at the end
of the text (markdown-it drops it), and text nested deeper than the parser follows (markdown-it
stops there and drops the rest) comes back as plain text; both with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from drafter.project import citations
from drafter.project.report.tree import (
    Block,
    BlockQuote,
    Cell,
    Cite,
    CodeBlock,
    Flag,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Para,
    ParaRole,
    Rule,
    Table,
    Text,
    block_inlines,
    walk_blocks,
    walk_inlines,
)

# markdown-it stops at 20 nested blocks (a list ten levels deep) and drops the rest; lists
# deeper than this are rare but must not lose text, see `_uncovered`.
MAX_NESTING = 100

# Characters XML 1.0 does not allow (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/F).
# A DOCX holding one is refused by Word and LibreOffice, so they are removed, with a warning.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FOOTNOTE_DEF = re.compile(r"(?m)^ {0,3}\[\^([^\]\s]+)\]:")
_ORPHAN_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


_Notes = Callable[[int], Note]  # a footnote's id -> the note (its blocks built on demand)


def strip_forbidden(text: str) -> tuple[str, int]:
    """`text` without XML-forbidden characters, and how many were removed."""
    cleaned, n = _FORBIDDEN.subn("", text)
    return cleaned, n


class Parsed(msgspec.Struct):
    blocks: list[Block]
    warnings: list[str] = []


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported here: with the cache below, a render of an unchanged project never loads it.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.options["maxNesting"] = MAX_NESTING
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


def parse_markdown(text: str, where: str = "", numbered: bool = False) -> Parsed:
    """Parse one Markdown text; `where` names it in warnings ("paragraph 16 commentary").
    `numbered`: top-level paragraphs are the report's numbered paragraphs, ordered lists their
    sub-items."""
    return _parse(text, where, numbered)


@cache
def _fingerprint() -> str:
    """Changes with the parser's code or version: a better parser invalidates the cache."""
    import hashlib
    from importlib.util import find_spec

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = [here / "markdown.py", here / "tree.py", here.parent / "citations.py"]
    # The parser's own files, found without importing it (importlib.metadata costs 15 ms).
    for package in ("markdown_it", "mdit_py_plugins"):
        spec = find_spec(package)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    for f in files:
        st = f.stat()
        h.update(f"{f}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


CACHE_MAX_BYTES = 256 * 1024 * 1024  # the parsed Markdown of a long report: a few MB


class MarkdownCache:
    """Parsed Markdown by content, kept in the project's cache folder (git-ignored), the way
    parsed documents are: the TUI, `drafter check` and `drafter render` parse the same texts
    again and again, and a render after one edited paragraph parses that one only. A cache that
    cannot be read or written only costs time."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / f"{_fingerprint()}.msgpack" if folder is not None else None
        self._entries: dict[str, Parsed] | None = None
        self._used: set[str] = set()
        self._changed = False

    def _load(self) -> dict[str, Parsed]:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                from drafter.project.paths import read_plain_file

                # A plain file of sane size only: the cache folder came with the repository.
                data = read_plain_file(self.path, CACHE_MAX_BYTES)
                try:
                    if data is not None:
                        self._entries = msgspec.msgpack.decode(data, type=dict[str, Parsed])
                except (msgspec.DecodeError, msgspec.ValidationError):
                    self._entries = {}
        return self._entries

    def parse(self, text: str, where: str = "", numbered: bool = False) -> Parsed:
        import hashlib

        key = hashlib.sha256(f"{int(numbered)}\0{where}\0{text}".encode()).hexdigest()[:32]
        entries = self._load()
        self._used.add(key)
        hit = entries.get(key)
        if hit is not None:
            # A fresh copy: the passes change the tree they are given.
            return msgspec.msgpack.decode(msgspec.msgpack.encode(hit), type=Parsed)
        parsed = _parse(text, where, numbered)
        entries[key] = msgspec.msgpack.decode(msgspec.msgpack.encode(parsed), type=Parsed)
        self._changed = True
        return parsed

    def save(self) -> None:
        """Keep what this build used (texts no longer in the project go)."""
        entries = self._load()
        if self.path is None or not (self._changed or set(entries) - self._used):
            return
        from drafter.project.store import atomic_write

        kept = {k: v for k, v in entries.items() if k in self._used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for old in self.path.parent.glob("*.msgpack"):
                if old != self.path:
                    old.unlink(missing_ok=True)  # another parser version's
            atomic_write(self.path, msgspec.msgpack.encode(kept))
        except Exception:
            pass


def _parse(text: str, where: str, numbered: bool) -> Parsed:
    place = f"{where}: " if where else ""
    warnings: list[str] = []
    text, removed = strip_forbidden(text)
    if removed:
        warnings.append(f"{place}removed {removed} character(s) that a Word file cannot hold")
    if not text.strip():
        return Parsed([], warnings)
    text = _unique_note_labels(text)
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    unreferenced = _unreferenced_notes(text, env)
    if unreferenced:
        # markdown-it drops a note nobody refers to; refer to it from the end of the text.
        warnings.append(
            f"{place}footnote "
            + ", ".join(f"[^{n}]" for n in unreferenced)
            + " is not referred to in the text; its note is placed at the end"
        )
        # The marks go first, as a paragraph of their own: at the end they could fall inside
        # an unclosed code fence or a list and refer to nothing.
        text = "".join(f"[^{n}]" for n in unreferenced) + "\n\n" + text
        env = {}
        tokens = _parser().parse(text, env)
    body, notes = _split_footnotes(tokens)
    lines = text.split("\n")
    reached: set[int] = set()

    def note(nid: int, visiting: frozenset[int] = frozenset()) -> Note:
        # A note may refer to another, or to itself: each reference gets the note's blocks,
        # built along the path that reached it, so a loop ends with an empty note.
        reached.add(nid)
        if nid in visiting or nid not in notes:
            return Note([])
        inner = visiting | {nid}
        return Note(_blocks(notes[nid], lambda n: note(n, inner), False, lines))

    blocks = _blocks(body, note, numbered, lines)
    if unreferenced:
        _attach_trailing_notes(blocks)
    lost = [nid for nid in notes if nid not in reached]
    if lost:
        # Referred to only from inside itself: nothing in the text leads to it.
        warnings.append(
            f"{place}a footnote referred to only from inside a note is placed at the end"
        )
        marks: list[Inline] = [NoteRef(note(nid)) for nid in lost]
        last = blocks[-1] if blocks else None
        if isinstance(last, Para):
            last.inlines.extend(marks)
        else:
            blocks.append(Para(marks, ParaRole.NUMBERED if numbered else ParaRole.BODY))
    rest = _uncovered(text, tokens)
    if rest:
        warnings.append(f"{place}text nested too deeply for the parser is kept as plain text")
        blocks.append(Para([Text(rest)], ParaRole.NUMBERED if numbered else ParaRole.BODY))
    for label in _sweep_orphan_notes(blocks):
        warnings.append(f"{place}footnote [^{label}] has no text (no '[^{label}]: …' line)")
    return Parsed(blocks, warnings)


def _unique_note_labels(text: str) -> str:
    """A note defined twice under one label: markdown-it keeps one and drops the other's
    words. The second gets a label of its own (and, unreferenced, is kept at the end)."""
    seen: dict[str, int] = {}

    def relabel(m: re.Match[str]) -> str:
        label = m[1]
        seen[label] = seen.get(label, 0) + 1
        if seen[label] == 1:
            return m.group()
        return m.group().replace(f"[^{label}]", f"[^{label}-{seen[label]}]", 1)

    return _FOOTNOTE_DEF.sub(relabel, text)


def _unreferenced_notes(text: str, env: dict[str, Any]) -> list[str]:
    refs = env.get("footnotes", {}).get("refs", {})
    return [
        label[1:]
        for label, nid in refs.items()
        if nid == -1 and label[1:] in set(_FOOTNOTE_DEF.findall(text))
    ]


def _attach_trailing_notes(blocks: list[Block]) -> None:
    """The first paragraph holds only the marks added for unreferenced notes: move them to the
    end of the last paragraph (or leave them last, in a paragraph of their own)."""
    if not blocks or not isinstance(blocks[0], Para):
        return
    marks = blocks[0].inlines
    if not all(
        isinstance(i, NoteRef) or (isinstance(i, Text) and not i.text.strip()) for i in marks
    ):
        return
    first = blocks.pop(0)
    for b in reversed(blocks):
        if isinstance(b, Para):
            b.inlines.extend(i for i in marks if isinstance(i, NoteRef))
            return
    blocks.append(first)


_LEAVES = frozenset(
    {"paragraph_open", "heading_open", "fence", "code_block", "hr", "table_open", "html_block"}
)
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:")


def _uncovered(text: str, tokens: list[Token]) -> str:
    """Source lines no block came from: markdown-it skips what is nested deeper than
    MAX_NESTING. Link definitions (`[x]: url`) are syntax, not text."""
    covered: set[int] = set()
    for t in tokens:
        if t.type in _LEAVES and t.map:
            covered.update(range(t.map[0], t.map[1]))
    lost = [
        line
        for n, line in enumerate(text.split("\n"))
        if n not in covered and line.strip() and not _LINK_DEF.match(line)
    ]
    return " ".join(" ".join(lost).split())


def _sweep_orphan_notes(blocks: Sequence[Block]) -> list[str]:
    """Remove `[^x]` markers whose note was never written (markdown-it leaves them as text);
    return their labels so the author is told."""
    found: list[str] = []
    for b in walk_blocks(list(blocks)):
        for inl in block_inlines(b):
            for i in walk_inlines(inl):
                if isinstance(i, Text) and not i.code and "[^" in i.text:
                    found.extend(_ORPHAN_NOTE.findall(i.text))
                    i.text = _ORPHAN_NOTE.sub("", i.text)
    return found


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """The body tokens, and each footnote's block tokens by footnote id."""
    body: list[Token] = []
    notes: dict[int, list[Token]] = {}
    current: list[Token] | None = None
    for tok in tokens:
        if tok.type in ("footnote_block_open", "footnote_block_close", "footnote_anchor"):
            continue
        if tok.type == "footnote_open":
            current = notes.setdefault(int(tok.meta["id"]), [])
            continue
        if tok.type == "footnote_close":
            current = None
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


def _blocks(
    tokens: Sequence[Token],
    notes: _Notes,
    numbered: bool,
    source: list[str] | None = None,
) -> list[Block]:
    out: list[Block] = []
    role = ParaRole.NUMBERED if numbered else ParaRole.BODY
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t == "paragraph_open":
            out.append(Para(_inlines(tokens[i + 1].children or [], notes), role))
            i = _closing(tokens, i) + 1
        elif t == "heading_open":
            out.append(Heading(int(tok.tag[1:]), _inlines(tokens[i + 1].children or [], notes)))
            i = _closing(tokens, i) + 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            items: list[list[Block]] = []
            j = i + 1
            while j < end:
                if tokens[j].type == "list_item_open":
                    k = _closing(tokens, j)
                    items.append(_blocks(tokens[j + 1 : k], notes, False, source))
                    j = k + 1
                else:
                    j += 1
            ordered = t == "ordered_list_open"
            start = int(tok.attrs.get("start", 1) or 1) if ordered else 1
            out.append(ListBlock(ordered, items, start, sub_items=ordered and numbered))
            i = end + 1
        elif t == "blockquote_open":
            end = _closing(tokens, i)
            out.append(BlockQuote(_blocks(tokens[i + 1 : end], notes, False, source)))
            i = end + 1
        elif t in ("fence", "code_block"):
            out.append(CodeBlock(tok.content.rstrip("\n")))
            i += 1
        elif t == "hr":
            out.append(Rule())
            i += 1
        elif t == "table_open":
            end = _closing(tokens, i)
            out.append(_table(tokens[i + 1 : end], notes, source))
            i = end + 1
        elif t == "inline":  # a tight list's paragraph arrives without its paragraph_open
            out.append(Para(_inlines(tok.children or [], notes), role))
            i += 1
        elif t == "html_block":  # unreachable with HTML off; kept as text if it ever appears
            out.append(Para([Text(tok.content)], role))
            i += 1
        else:
            i += 1
    return out


def _table(tokens: Sequence[Token], notes: _Notes, source: list[str] | None) -> Table:
    header: list[Cell] = []
    rows: list[list[Cell]] = []
    in_head = False
    row: list[Cell] = []
    line = ""
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
            line = source[tok.map[0]] if source and tok.map and tok.map[0] < len(source) else ""
        elif tok.type == "inline":
            row.append(Cell(_inlines(tok.children or [], notes)))
        elif tok.type == "tr_close":
            if in_head:
                header = row
            else:
                # GFM drops the cells of a row beyond the header's; the author's words stay.
                row.extend(
                    Cell(_inlines(_parser().parseInline(c)[0].children or [], notes))
                    for c in _cells(line)[len(row) :]
                )
                rows.append(row)
    return Table(header, rows)


def _cells(line: str) -> list[str]:
    """A table row's cells as written, split at the pipes that are not escaped."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def _inlines(children: Sequence[Token], notes: _Notes) -> list[Inline]:
    out: list[Inline] = []
    # A stack of lists collecting inlines: the top is where the next inline goes (links nest).
    stack: list[list[Inline]] = [out]
    bold = italic = strike = 0

    def emit(inline: Inline) -> None:
        stack[-1].append(inline)

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
        for tok in citations.find_tokens(s):
            # The note mark sits against the word: "measures [@x:1]" -> "measures¹".
            before = s[pos : tok.start].rstrip()
            target = stack[-1]
            if before:
                _plain(before, style, emit)
            elif target and isinstance(target[-1], Text) and not target[-1].code:
                target[-1].text = target[-1].text.rstrip()
            emit(Cite(tok.cites, tok.token))
            pos = tok.end
        if pos < len(s):
            _plain(s[pos:], style, emit)

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
            stack.append(link.children)
        elif t == "link_close":
            if len(stack) > 1:
                stack.pop()
        elif t == "image":
            # Images are not embedded: the alternative text keeps the meaning.
            alt = "".join(c.content for c in (tok.children or [])) or tok.content
            text(alt)
        elif t == "footnote_ref":
            emit(NoteRef(notes(int(tok.meta["id"]))))
        else:  # html_inline is unreachable with HTML off; anything else stays visible text
            text(tok.content)
    return out


def _plain(s: str, style: dict[str, Any], emit: Any) -> None:
    """Text, with anything that looks like a citation but is not one flagged."""
    raws = citations.raw_citations(s)
    if not raws:
        emit(Text(s, **style))
        return
    pos = 0
    for raw in raws:
        at = s.find(raw, pos)
        if at > pos:
            emit(Text(s[pos:at], **style))
        emit(Flag(raw, "not a citation: write [@source:paragraph]"))
        pos = at + len(raw)
    if pos < len(s):
        emit(Text(s[pos:], **style))
