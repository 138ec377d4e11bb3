"""Reading a reviewer's comments, replies and tracked changes out of a DOCX that Word or
LibreOffice saved, each with the section of the report it sits in.

Plain zipfile + lxml over the WordprocessingML parts (python-docx reads no comments or tracked
changes): `word/comments.xml` holds the comments, `word/commentsExtended.xml` (Word 2013+) which
comment answers which and which are done, and `word/document.xml` where each is anchored
(`w:commentRangeStart` … `w:commentRangeEnd`, `w:commentReference`) and the tracked changes
(`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`, with author and date).

A section starts at each heading (by style or outline level) and at each bookmark named
`drafter_p_<id>` (drafter puts one on each CO paragraph's heading; it names the paragraph
whatever the reviewer did to the heading's words); `section_of` tells which CO paragraph a
heading without one names by its text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from drafter.documents import limits
from drafter.errors import ReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_W = f"{{{W}}}"

# Bigger parts than this are not a reviewed report (and would cost memory to parse).
MAX_PART_BYTES = 64 * 1024 * 1024
CONTEXT = 60  # characters kept on each side of a tracked change
BOOKMARK = re.compile(r"^_?drafter_p_(?P<id>.+)$")


@dataclass
class Found:
    """One comment or tracked change as found in the file, before it is placed."""

    kind: str  # comment, insertion, deletion, replacement
    author: str = ""
    date: str = ""
    text: str = ""
    deleted: str = ""
    anchor: str = ""
    before: str = ""
    after: str = ""
    section: str = ""  # the heading text it sits under
    paragraph: str = ""  # the CO paragraph that heading (or a bookmark) names
    comment_id: str = ""  # w:id of a comment
    reply_to: str = ""  # w:id of the comment it answers
    done: bool = False


@dataclass
class _Para:
    """A paragraph's text as segments: (kind, text, change element or None)."""

    segments: list[tuple[str, str, Any]] = field(default_factory=list)

    def original(self) -> str:
        return "".join(t for k, t, _ in self.segments if k != "ins")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _part(z: zipfile.ZipFile, name: str, file: Path) -> Any | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(f"{name} is too large to be a reviewed report", file)
    try:
        return etree.fromstring(z.read(info), _parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name} is damaged ({exc})", file) from None


def _text_of(el: Any) -> str:
    parts: list[str] = []
    for p in el.iter(f"{_W}p"):
        parts.append("".join(t.text or "" for t in p.iter(f"{_W}t", f"{_W}delText")))
    return "\n".join(parts).strip()


def _heading_styles(styles: Any | None) -> dict[str, bool]:
    """styleId -> is it a heading (named "heading N", or with an outline level)?"""
    out: dict[str, bool] = {}
    if styles is None:
        return out
    for s in styles.iter(f"{_W}style"):
        sid = s.get(f"{_W}styleId") or ""
        name_el = s.find(f"{_W}name")
        name = (name_el.get(f"{_W}val") if name_el is not None else "") or ""
        compact = name.lower().replace(" ", "")
        heading = bool(re.fullmatch(r"heading\d", compact)) or (
            s.find(f"{_W}pPr/{_W}outlineLvl") is not None and not compact.startswith("toc")
        )
        out[sid] = heading
    return out


def _is_heading(p: Any, headings: dict[str, bool]) -> bool:
    if p.find(f"{_W}pPr/{_W}outlineLvl") is not None:
        return True
    style = p.find(f"{_W}pPr/{_W}pStyle")
    sid = style.get(f"{_W}val") if style is not None else None
    if sid is None:
        return False
    return headings.get(sid, bool(re.fullmatch(r"heading\d", sid.lower())))


@dataclass
class Reviewed:
    """What a reviewed DOCX holds: its comments and tracked changes, and the paragraph ids of
    the `drafter_p_<id>` bookmarks on its headings (the sections drafter rendered)."""

    found: list[Found]
    bookmarks: set[str] = field(default_factory=set)


def read_review(file: Path, section_of: Callable[[str], str | None] = lambda _: None) -> Reviewed:
    """Every comment and tracked change in the DOCX, in document order (comments by where they
    are anchored; comments anchored nowhere at the end). A section is named by the
    `drafter_p_<id>` bookmark on its heading first; a heading without one by
    `section_of(heading text)`, the CO paragraph it names, or None."""
    try:
        z = zipfile.ZipFile(file)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ReadError(f"not a DOCX file ({exc})", file) from None
    with z:
        # The reviewer's file is bounded like a .docx source before anything is inflated.
        limits.check_package(z.infolist(), file)
        document = _part(z, "word/document.xml", file)
        if document is None:
            raise ReadError("not a Word document (no word/document.xml)", file)
        comments_xml = _part(z, "word/comments.xml", file)
        extended = _part(z, "word/commentsExtended.xml", file)
        styles = _part(z, "word/styles.xml", file)
    reader = _Reader(document, comments_xml, extended, styles, section_of)
    return Reviewed(reader.read(), reader.bookmarks)


class _Reader:
    def __init__(
        self,
        document: Any,
        comments_xml: Any | None,
        extended: Any | None,
        styles: Any | None,
        section_of: Callable[[str], str | None],
    ) -> None:
        self.document = document
        self.section_of = section_of
        self.headings = _heading_styles(styles)
        self.section = ""
        self.paragraph = ""
        self.comments: dict[str, Found] = {}
        self.order: list[str] = []  # comment ids in the order their anchors start
        self.anchors: dict[str, list[str]] = {}
        self.open: set[str] = set()
        self.changes: list[Found] = []
        self._pending: list[str] = []  # comments anchored in the paragraph being read
        self.bookmarks: set[str] = set()
        self._comments(comments_xml, extended)

    def _comments(self, comments_xml: Any | None, extended: Any | None) -> None:
        if comments_xml is None:
            return
        para_of: dict[str, str] = {}  # the comment's last paragraph's w14:paraId -> comment id
        for c in comments_xml.iter(f"{_W}comment"):
            cid = c.get(f"{_W}id") or ""
            self.comments[cid] = Found(
                "comment",
                author=c.get(f"{_W}author") or "",
                date=c.get(f"{_W}date") or "",
                text=_text_of(c),
                comment_id=cid,
            )
            paras = c.findall(f"{_W}p")
            if paras:
                pid = paras[-1].get(f"{{{W14}}}paraId")
                if pid:
                    para_of[pid] = cid
        if extended is None:
            return
        for ex in extended.iter(f"{{{W15}}}commentEx"):
            cid = para_of.get(ex.get(f"{{{W15}}}paraId") or "")
            if cid is None:
                continue
            parent = para_of.get(ex.get(f"{{{W15}}}paraIdParent") or "")
            if parent is not None:
                self.comments[cid].reply_to = parent
            if ex.get(f"{{{W15}}}done") in ("1", "true"):
                self.comments[cid].done = True

    def _place(self, found: Found) -> None:
        found.section, found.paragraph = self.section, self.paragraph

    def read(self) -> list[Found]:
        body = self.document.find(f"{_W}body")
        if body is None:
            return []
        for p in body.iter(f"{_W}p"):
            if p.getparent() is not None and any(a.tag == f"{_W}p" for a in p.iterancestors()):
                continue  # a paragraph in a text box inside a paragraph: read with its host
            self._paragraph(p)
        # Replies sit with the comment they answer.
        for cid in self.order:
            out_comment = self.comments[cid]
            out_comment.anchor = " ".join("".join(self.anchors.get(cid, [])).split())
        placed = [self.comments[c] for c in self.order]
        unanchored = [c for cid, c in self.comments.items() if cid not in self.order]
        for c in [*placed, *unanchored]:
            parent = self.comments.get(c.reply_to)
            if parent is not None and parent is not c:
                c.section, c.paragraph = parent.section, parent.paragraph
        return [*placed, *unanchored, *self.changes]

    def _paragraph(self, p: Any) -> None:
        para = _Para()
        bookmarked = False
        for el in p.iter():
            tag = el.tag
            if tag == f"{_W}bookmarkStart":
                m = BOOKMARK.match(el.get(f"{_W}name") or "")
                if m:
                    self.paragraph = m["id"]
                    self.bookmarks.add(m["id"])
                    bookmarked = True
            elif tag in (f"{_W}commentRangeStart", f"{_W}commentReference"):
                cid = el.get(f"{_W}id") or ""
                if cid in self.comments and cid not in self.order:
                    self.order.append(cid)
                    self._pending.append(cid)
                if tag == f"{_W}commentRangeStart":
                    self.open.add(cid)
            elif tag == f"{_W}commentRangeEnd":
                self.open.discard(el.get(f"{_W}id") or "")
            elif tag in (f"{_W}t", f"{_W}delText", f"{_W}tab", f"{_W}br"):
                text = el.text or "" if tag in (f"{_W}t", f"{_W}delText") else " "
                change = _change_of(el)
                kind = "normal" if change is None else change[0]
                para.segments.append((kind, text, None if change is None else change[1]))
                for cid in self.open:
                    self.anchors.setdefault(cid, []).append(text)
        whole = para.original().strip()
        if bookmarked:
            self.section = whole or self.section
        elif _is_heading(p, self.headings) and whole:
            self.section = whole
            self.paragraph = self.section_of(whole) or ""
        elif whole and len(whole) < 80:
            named = self.section_of(whole)
            if named is not None and not _in_table(p):
                self.section, self.paragraph = whole, named
        for cid in self._pending:
            self._place(self.comments[cid])
        self._pending.clear()
        self._changes(para)

    def _changes(self, para: _Para) -> None:
        """Tracked changes of one paragraph; a deletion right before an insertion by the same
        author is one replacement."""
        groups: list[tuple[str, Any, int, int]] = []  # kind, element, first, last segment
        for i, (kind, _text, el) in enumerate(para.segments):
            if kind == "normal":
                continue
            if groups and groups[-1][1] is el:
                groups[-1] = (kind, el, groups[-1][2], i)
            else:
                groups.append((kind, el, i, i))
        merged: list[Found] = []
        last: tuple[int, Any] | None = None  # (last segment index, author) of a deletion
        for kind, el, first, end in groups:
            text = "".join(t for _, t, _ in para.segments[first : end + 1])
            author = el.get(f"{_W}author") or ""
            date = el.get(f"{_W}date") or ""
            before = "".join(t for k, t, _ in para.segments[:first] if k != "ins")
            after = "".join(t for k, t, _ in para.segments[end + 1 :] if k != "ins")
            if (
                kind == "ins"
                and merged
                and last is not None
                and last[0] == first - 1
                and last[1] == author
                and merged[-1].kind == "deletion"
            ):
                merged[-1].kind = "replacement"
                merged[-1].text = text
                merged[-1].after = after[:CONTEXT]
                last = None
                continue
            found = Found(
                "insertion" if kind == "ins" else "deletion",
                author=author,
                date=date,
                text=text if kind == "ins" else "",
                deleted=text if kind == "del" else "",
                before=before[-CONTEXT:],
                after=after[:CONTEXT],
            )
            self._place(found)
            merged.append(found)
            last = (end, author) if kind == "del" else None
        self.changes.extend(merged)


def _in_table(p: Any) -> bool:
    return any(a.tag == f"{_W}tbl" for a in p.iterancestors())


_INSERTED = (f"{_W}ins", f"{_W}moveTo")
_DELETED = (f"{_W}del", f"{_W}moveFrom")


def _change_of(el: Any) -> tuple[str, Any] | None:
    """("ins" | "del", the w:ins/w:del element) a run's text is inside, or None."""
    for a in el.iterancestors():
        if a.tag in _INSERTED:
            return ("ins", a)
        if a.tag in _DELETED:
            return ("del", a)
        if a.tag == f"{_W}p":
            return None
    return None
