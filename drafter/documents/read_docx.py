"""DOCX sources: body paragraphs and tables in order, Word's list numbers, footnotes.

UN .docx files often number their paragraphs with Word's automatic list numbering, so the "16."
is not in the text at all: it is computed from numbering.xml. This reader computes it the way
Word does (the level's start value, format and text, counters shared by the list's abstract
definition, restarts of deeper levels, start overrides on a list instance) and hands it to the
segmenter in `SourceText.list_numbers`.

python-docx is imported inside `read_docx` so that the documents package stays free of it for
every other reader.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.documents import limits
from drafter.documents.hyphens import Vocabulary, join_broken
from drafter.documents.model import Footnote, SourceText
from drafter.errors import ReadError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CELL_SEPARATOR = " | "
# A manual line break (w:br, w:cr) inside a paragraph, until `_rejoin` decides what it was.
_LINE_BREAK = "\u2028"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not the document's: tracked deletions and moved-away text (Word shows
# them struck through), properties, and the legacy copy of a text box (mc:Fallback) that
# repeats the one already read.
_NOT_TEXT = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", f"{_MC}Fallback"})


def read_docx(path: Path) -> SourceText:
    """Read a .docx file; a damaged package is a `ReadError`."""
    import docx

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and key errors for damaged files
        raise ReadError(f"the .docx is damaged and cannot be opened ({exc})", path) from exc
    try:
        return _Reader(document, str(path)).read()
    except ReadError:
        raise
    except Exception as exc:  # a part with unexpected XML: say so instead of a traceback
        raise ReadError(f"the .docx has content drafter cannot read ({exc})", path) from exc


# Stream names in an OLE compound file's directory (UTF-16LE): Word 97-2003 keeps its text in
# "WordDocument"; Office keeps a password-protected .docx as "EncryptedPackage".
_OLE_WORD97 = "WordDocument".encode("utf-16-le")
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_SCAN = 64 * 1024 * 1024  # bytes searched for the directory (from each end of a larger file)


def ole_problem(path: Path) -> str:
    """What an OLE compound file (Word 97-2003, or an encrypted .docx) is, in the user's words."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(_OLE_SCAN)
            if size > _OLE_SCAN:
                handle.seek(max(size - _OLE_SCAN, _OLE_SCAN))
                data += handle.read()
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    if _OLE_ENCRYPTED in data:
        return "the .docx is password-protected; save an unprotected copy and read that"
    if _OLE_WORD97 in data:
        what = "is a Word 97-2003 .doc file"
        if path.suffix.lower() == ".docx":
            return f"{what}, not .docx; save it as .docx (Save As in Word or LibreOffice)"
        return f"{what}; save it as .docx (Save As in Word or LibreOffice) and read that"
    return (
        "is an old Office file (OLE compound document), not a Word .docx; save it as .docx "
        "and read that"
    )


def _check_package(path: Path) -> None:
    """Tell a damaged file from a ZIP archive that is not a Word document, and refuse a package
    that would inflate beyond the limits (`limits.py`) before python-docx inflates it."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("the .docx is damaged (not a readable ZIP package)", path) from exc
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise ReadError("the file is a ZIP archive but not a Word document (.docx)", path)
    limits.check_package(members, path)


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this level (0: never)


@dataclass(slots=True)
class _Numbering:
    """numbering.xml: list instances, their abstract definitions and running counters."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    instance: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> lvl -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str | None:
        abstract_id = self.instance.get(num_id)
        if abstract_id is None or num_id == "0":
            return None
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            if levels.get(deeper, _Level()).restart != 0:
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return None
        label = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in label:
                value = counters.get(k, levels.get(k, _Level()).start)
                fmt = level.fmt if k == ilvl else levels.get(k, _Level()).fmt
                label = label.replace(token, _format_number(value, fmt))
        label = label.strip()
        if len(label) > limits.LIST_MAX_LABEL:
            return None  # no paragraph number is this long
        return label or None


def _format_number(value: int, fmt: str) -> str:
    if not 0 <= value <= limits.LIST_MAX_VALUE:
        # A crafted start value (10**12 in Roman numerals would take hours, 10**9 in letters a
        # 38-million-character label): digits, whose length is bounded by the number's.
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: a … z, aa … zz.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


class _Reader:
    def __init__(self, document: Any, path: str) -> None:
        self.document = document
        self.path = path
        self.lines: list[str] = []
        self.list_numbers: dict[int, str] = {}
        self.anchors: dict[int, list[str]] = {}
        # (footnote or endnote, w:id) -> the mark Word prints, in order of reference.
        self.note_marks: dict[tuple[str, str], str] = {}
        self.typed_marks: set[tuple[str, str]] = set()  # notes whose mark is typed ("*")
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.note_formats = self._note_formats()
        self.numbering = self._numbering()
        self.style_numbering = self._style_numbering()

    def read(self) -> SourceText:
        for element in _body_blocks(self.document.element.body):
            if element.tag == f"{_W}p":
                self._paragraph(element)
            elif element.tag == f"{_W}tbl":
                self._table(element)
        lines, notes = self.lines, self._notes()
        if any(_LINE_BREAK in text for text in [*lines, *(n.text for n in notes)]):
            vocabulary = Vocabulary(lambda: [*lines, *(n.text for n in notes)])
            lines = [_rejoin(line, vocabulary) for line in lines]
            notes = [Footnote(n.id, _rejoin(n.text, vocabulary)) for n in notes]
        return SourceText(
            path=self.path,
            lines=lines,
            footnotes=notes,
            list_numbers=self.list_numbers,
            footnote_anchors=self.anchors,
        )

    def _paragraph(self, element: Any) -> None:
        text, markers = self._text(element)
        text = text.strip()  # indentation tabs carry no text
        self._check_length(text)
        label = self._list_label(element)
        index = len(self.lines)
        self.lines.append(text)
        if label and text.strip():
            self.list_numbers[index] = label
        if markers:
            self.anchors[index] = markers

    def _table(self, table: Any) -> None:
        # One line per row, cells separated: tables stay readable text, row by row.
        for row in table.iter(f"{_W}tr"):
            if _inside_nested_table(row, table):
                continue
            cells: list[str] = []
            markers: list[str] = []
            for cell in row.iterchildren(f"{_W}tc"):
                parts: list[str] = []
                for paragraph in cell.iter(f"{_W}p"):
                    text, found = self._text(paragraph)
                    self._list_label(paragraph)  # keeps Word's counters in step
                    if text.strip():
                        parts.append(text.strip())
                    markers.extend(found)
                cells.append(" ".join(parts))
            if any(cells):
                index = len(self.lines)
                row_text = _CELL_SEPARATOR.join(cells)
                self._check_length(row_text)
                self.lines.append(row_text)
                if markers:
                    self.anchors[index] = markers
        self.lines.append("")

    def _check_length(self, text: str) -> None:
        if len(text) > limits.MAX_PARAGRAPH_CHARS:
            raise ReadError(
                f"paragraph {len(self.lines) + 1:,} has {len(text):,} characters, more than the "
                f"{limits.MAX_PARAGRAPH_CHARS:,} drafter reads in one paragraph",
                self.path,
            )

    def _text(self, paragraph: Any) -> tuple[str, list[str]]:
        pieces: list[str] = []
        markers: list[str] = []
        custom_mark: tuple[str, str] | None = None  # a note whose mark is the next run's text
        stack = list(reversed(paragraph))
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag in _NOT_TEXT:
                continue
            if len(node):
                stack.extend(reversed(node))
            if tag == f"{_W}t" and custom_mark is not None:
                mark = (node.text or "").strip() or "*"
                self.note_marks[custom_mark] = mark
                self.typed_marks.add(custom_mark)
                markers.append(mark)
                custom_mark = None
            elif tag == f"{_W}t":
                pieces.append(node.text or "")
            elif tag == f"{_W}p":  # a paragraph of a text box inside this one
                pieces.append(" ")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                pieces.append(_LINE_BREAK)
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("\u2011")  # Word's non-breaking hyphen character
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                kind = "footnote" if tag == f"{_W}footnoteReference" else "endnote"
                note_id = node.get(f"{_W}id")
                if note_id is None:
                    continue
                if node.get(f"{_W}customMarkFollows") in ("1", "true", "on"):
                    custom_mark = (kind, note_id)  # "*": the mark is typed, not counted
                elif (kind, note_id) not in self.note_marks:
                    self.note_counts[kind] += 1
                    start, fmt = self.note_formats[kind]
                    mark = _format_number(start + self.note_counts[kind] - 1, fmt)
                    self.note_marks[(kind, note_id)] = mark
                    markers.append(mark)
                else:
                    markers.append(self.note_marks[(kind, note_id)])
        return "".join(pieces), markers

    def _list_label(self, paragraph: Any) -> str | None:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id: str | None = None
        ilvl = 0
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            ilvl = int(_val(num_pr.find(f"{_W}ilvl")) or 0)
        if num_id is None:
            style = _val(paragraph.find(f"{_W}pPr/{_W}pStyle"))
            if style is not None and style in self.style_numbering:
                num_id, style_level = self.style_numbering[style]
                ilvl = style_level if num_pr is None else ilvl
        if num_id is None:
            return None
        return self.numbering.label(num_id, ilvl)

    def _numbering(self) -> _Numbering:
        numbering = _Numbering()
        part = _related_part(self.document.part, "numbering")
        if part is None:
            return numbering
        root = _part_xml(part)
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                level = _Level(
                    start=int(_val(lvl.find(f"{_W}start")) or 1),
                    fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                    # Bounded before numbers are filled in: a pattern of a million "%1"s would
                    # make every paragraph's label megabytes long.
                    text=(_val(lvl.find(f"{_W}lvlText")) or "")[: limits.LIST_MAX_LABEL],
                )
                restart = _val(lvl.find(f"{_W}lvlRestart"))
                level.restart = int(restart) if restart is not None else None
                if lvl.find(f"{_W}isLgl") is not None:
                    level.fmt = "decimal"
                levels[int(lvl.get(f"{_W}ilvl") or 0)] = level
            numbering.abstract[abstract.get(f"{_W}abstractNumId") or ""] = levels
        for num in root.iterchildren(f"{_W}num"):
            num_id = num.get(f"{_W}numId") or ""
            numbering.instance[num_id] = _val(num.find(f"{_W}abstractNumId")) or ""
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = _val(override.find(f"{_W}startOverride"))
                if start is not None:
                    lvl_no = int(override.get(f"{_W}ilvl") or 0)
                    numbering.overrides.setdefault(num_id, {})[lvl_no] = int(start)
        return numbering

    def _style_numbering(self) -> dict[str, tuple[str, int]]:
        """Paragraph styles that number their paragraphs (UN templates do), with inheritance."""
        part = _related_part(self.document.part, "styles")
        if part is None:
            return {}
        own: dict[str, tuple[str | None, int]] = {}
        based_on: dict[str, str] = {}
        for style in _part_xml(part).iterchildren(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if style_id is None:
                continue
            parent = _val(style.find(f"{_W}basedOn"))
            if parent:
                based_on[style_id] = parent
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                level = int(_val(num_pr.find(f"{_W}ilvl")) or 0)
                own[style_id] = (_val(num_pr.find(f"{_W}numId")), level)
        resolved: dict[str, tuple[str, int]] = {}
        for style_id in set(own) | set(based_on):
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen:
                seen.add(current)
                if current in own:
                    num_id, level = own[current]
                    if num_id and num_id != "0":
                        resolved[style_id] = (num_id, level)
                    break
                current = based_on.get(current)
        return resolved

    def _note_formats(self) -> dict[str, tuple[int, str]]:
        """How Word numbers notes: settings.xml's footnotePr/endnotePr, else 1, 2 … and i, ii …"""
        formats = {"footnote": (1, "decimal"), "endnote": (1, "lowerRoman")}
        part = _related_part(self.document.part, "settings")
        if part is None:
            return formats
        root = _part_xml(part)
        for kind in formats:
            properties = root.find(f"{_W}{kind}Pr")
            if properties is not None:
                start = _val(properties.find(f"{_W}numStart"))
                fmt = _val(properties.find(f"{_W}numFmt"))
                formats[kind] = (int(start) if start else 1, fmt or formats[kind][1])
        return formats

    def _notes(self) -> list[Footnote]:
        """Footnote and endnote texts, in the order of their references in the text."""
        texts: dict[tuple[str, str], str] = {}
        for kind in ("footnote", "endnote"):
            if not any(k == kind for k, _ in self.note_marks):
                continue
            part = _related_part(self.document.part, f"{kind}s")
            if part is None:
                continue
            for note in _part_xml(part).iterchildren(f"{_W}{kind}"):
                note_id = note.get(f"{_W}id")
                if note_id is None or note.get(f"{_W}type") in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                paragraphs = [self._text(p)[0].strip() for p in note.iter(f"{_W}p")]
                texts[(kind, note_id)] = " ".join(p for p in paragraphs if p)
        notes: list[Footnote] = []
        for key, mark in self.note_marks.items():
            text = texts.get(key, "")
            while key in self.typed_marks and text.startswith(mark):
                text = text[len(mark) :].strip()  # the note repeats its typed mark
            notes.append(Footnote(mark, text))
        return notes


def _rejoin(text: str, vocabulary: Vocabulary) -> str:
    """A paragraph's manual line breaks as spaces, or, after a word broken at a hyphen
    ("Afro-" / "Brazilians", "recommen-" / "dation"), as the readers of every format join it
    (`hyphens.py`)."""
    if _LINE_BREAK not in text:
        return text
    parts = text.split(_LINE_BREAK)
    out = parts[0]
    for part in parts[1:]:
        left, right = out.rstrip(), part.lstrip()
        if len(left) > 1 and left[-1] == "-" and left[-2].isalpha() and right[:1].isalpha():
            out = join_broken(left, right, vocabulary)
        else:
            out = f"{out} {part}"
    return out


def _body_blocks(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _inside_nested_table(row: Any, table: Any) -> bool:
    parent = row.getparent()
    while parent is not None and parent is not table:
        if parent.tag == f"{_W}tbl":
            return True
        parent = parent.getparent()
    return False


def _related_part(part: Any, name: str) -> Any:
    for rel in part.rels.values():
        if rel.reltype.endswith(f"/{name}") and not rel.is_external:
            return rel.target_part
    return None


def _part_xml(part: Any) -> Any:
    """The XML of a part: python-docx parses some parts (numbering, styles) but not footnotes."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml import parse_xml

    return parse_xml(part.blob)


def _val(element: Any) -> str | None:
    if element is None:
        return None
    value = element.get(f"{_W}val")
    return str(value) if value is not None else None
