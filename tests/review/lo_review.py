"""A reviewer in LibreOffice: open a rendered report, comment on it and edit it with changes
tracked, save it as DOCX. Run by the system Python, which has LibreOffice's UNO bridge
(Debian's python3-uno):

LibreOffice 7.4 aborts (NoSuchElementException in the comment side bar) when a comment exists
in a document open in a headless view, so the work is split the way it is safe: over UNO the
tracked changes are made and each comment's words are marked by a bookmark; the document is saved
as flat ODF, each bookmark pair becomes an ODF annotation (the comment) on the same words; and
LibreOffice converts that to DOCX. The DOCX, its comments and its tracked changes are all
written by LibreOffice's own DOCX export.

    /usr/bin/python3 lo_review.py IN.docx OUT.docx ACTIONS.json

ACTIONS is a list of {"do": "comment" | "insert" | "replace", "reviewer": NAME, "heading": the
section heading to look under (e.g. "Paragraph 40"), "find": words in a paragraph of that
section, then for a comment "text" (anchored on the found words), for an insertion "text"
(inserted after them), for a replacement "text" (replacing them)}.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def set_reviewer(profile: Path, name: str) -> None:
    """Tracked changes carry the name in LibreOffice's user profile: write it there before
    LibreOffice starts (changing it over UNO while running is not reliable)."""
    first, _, last = name.partition(" ")
    items = "".join(
        f'<item oor:path="/org.openoffice.UserProfile/Data"><prop oor:name="{key}" '
        f'oor:op="fuse"><value>{escape(value)}</value></prop></item>'
        for key, value in (("givenname", first), ("sn", last))
    )
    xcu = profile / "user" / "registrymodifications.xcu"
    text = xcu.read_text(encoding="utf-8")
    xcu.write_text(text.replace("</oor:items>", items + "</oor:items>"), encoding="utf-8")


def paragraphs(doc: object) -> list[object]:
    out = []
    enum = doc.getText().createEnumeration()  # type: ignore[attr-defined]
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el)
    return out


def locate(doc: object, heading: str, find: str) -> object:
    """A text cursor selecting `find` in the first paragraph after `heading` that holds it."""
    seen = False
    for para in paragraphs(doc):
        text = para.getString()
        if text.strip() == heading:
            seen = True
        if seen and find in text:
            cursor = para.getText().createTextCursorByRange(para.getStart())
            cursor.goRight(text.index(find), False)
            cursor.goRight(len(find), True)
            return cursor
    raise SystemExit(f"not found: {find!r} after {heading!r}")


def uno_session(
    office_args: list[str], src: str, flat: Path, actions: list[dict[str, str]]
) -> None:
    """Tracked changes, and bookmarks where the comments go; saved as flat ODF."""
    pipe = f"drafter-review-{os.getpid()}"
    office = subprocess.Popen(
        [*office_args, f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(pipe)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
        )
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {src}")
        for n, action in enumerate(actions):
            cursor = locate(doc, action["heading"], action["find"])
            text = cursor.getText()
            if action["do"] == "comment":
                doc.RecordChanges = False
                mark = doc.createInstance("com.sun.star.text.Bookmark")
                mark.setName(f"drafter-comment-{n}")
                text.insertTextContent(cursor, mark, True)
            elif action["do"] == "insert":
                doc.RecordChanges = True
                cursor.collapseToEnd()
                text.insertString(cursor, action["text"], False)
            elif action["do"] == "replace":
                doc.RecordChanges = True
                cursor.setString(action["text"])
            else:
                raise SystemExit(f"unknown action {action['do']!r}")
        doc.storeToURL(flat.as_uri(), (prop("FilterName", "OpenDocument Text Flat XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge drops as LibreOffice quits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


def bookmarks_to_comments(flat: Path, actions: list[dict[str, str]]) -> None:
    xml = flat.read_text(encoding="utf-8")
    for n, action in enumerate(actions):
        if action["do"] != "comment":
            continue
        name = f"drafter-comment-{n}"
        body = "".join(f"<text:p>{escape(line)}</text:p>" for line in action["text"].split("\n"))
        note = (
            f'<office:annotation office:name="c{n}">'
            f"<dc:creator>{escape(action.get('reviewer', 'A Reviewer'))}</dc:creator>"
            f"<dc:date>{action.get('date', '2026-03-02T10:41:00')}</dc:date>{body}"
            "</office:annotation>"
        )
        start = f'<text:bookmark-start text:name="{name}"/>'
        end = f'<text:bookmark-end text:name="{name}"/>'
        if start not in xml or end not in xml:
            raise SystemExit(f"the bookmark for comment {n} was lost")
        xml = xml.replace(start, note).replace(end, f'<office:annotation-end office:name="c{n}"/>')
    flat.write_text(xml, encoding="utf-8")


def main() -> None:
    src, dst, actions_file = sys.argv[1:4]
    actions = json.loads(Path(actions_file).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        office_args = [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile.as_uri()}",
        ]
        # A fresh profile makes LibreOffice restart itself once, dropping the connection: let
        # it create the profile first.
        subprocess.run(
            [*office_args, "--terminate_after_init"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        set_reviewer(profile, actions[0].get("reviewer", "A Reviewer") if actions else "")
        work = Path(tmp) / "work"
        work.mkdir()
        copy = work / "rendered.docx"  # LibreOffice leaves lock files beside what it opens
        copy.write_bytes(Path(src).read_bytes())
        flat = work / "reviewed.fodt"
        uno_session(office_args, str(copy), flat, actions)
        bookmarks_to_comments(flat, actions)
        subprocess.run(
            [
                *office_args,
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(work),
                str(flat),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
            check=True,
        )
        Path(dst).write_bytes((work / "reviewed.docx").read_bytes())


if __name__ == "__main__":
    main()
