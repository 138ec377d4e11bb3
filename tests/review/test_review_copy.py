"""A review copy (`drafter render --review`) carries the open review notes as Word comments on
their paragraphs' headings, and comes back through `drafter import-review` without its own
comments turning into new notes. The report that is sent (`drafter render`) has no comment.

The round trip goes through LibreOffice: it reads the review copy and writes it out again
(DOCX -> flat ODF -> DOCX), and the reviewer's work is added in the flat ODF between the two
(LibreOffice 7.4 aborts when a document with comments is edited over UNO, see lo_review.py).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.project.model import ReviewNote
from drafter.project.review import note_id
from drafter.project.template import find_template
from drafter.project.workspace import Workspace
from tests.conftest import SEED_STATE_REPORT, require
from tests.project.conftest import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
AUTHOR = "Ann Author"
REVIEWER = "Rita Reviewer"
NOTE_40 = "Is 37 the right figure? I took it from the NGO survey."
NOTE_ALL = "Please check the whole report by Friday."
EARLIER_42 = "Add the 2024 UNHCR figure."
ANSWER_42 = "Added: about 7,000 (UNHCR, 2024)."
RESOLVED_40 = "Spell out UNHCR."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project with the author's notes to the reviewer, and notes from an earlier review
    round: a comment answered, a change not yet taken, a comment resolved."""
    mp = pytest.MonkeyPatch()
    mp.delenv("DRAFTER_TEMPLATES", raising=False)  # the shipped template, as authors use it
    mp.delenv("DRAFTER_AUTHOR", raising=False)
    try:
        folder = tmp_path_factory.mktemp("copy") / "kaz"
        run("new", folder, "--template", "cerd-alternative-report", "--title", "Report")
        run("import", folder, SEED_STATE_REPORT, "--as", "state-report")
        run(
            "entry", folder, "-p", "40", "-a", "partially-satisfactory",
            "--commentary", "The State party registered only 37 refugees in three years.",
            "--recommendation", "Amend the Refugees Act to grant status for three years.",
        )  # fmt: skip
        run(
            "entry", folder, "-p", "42", "-a", "not-satisfactory",
            "--commentary", "Many stateless persons remain undocumented in the south.",
        )  # fmt: skip
        run("review", "note", folder, "-p", "40", NOTE_40, "--author", AUTHOR)
        run("review", "note", folder, NOTE_ALL, "--author", AUTHOR)
        earlier = [
            ReviewNote(note_id("c42"), "comment", "42", "Paragraph 42", REVIEWER,
                       "2026-01-10T09:00:00Z", EARLIER_42, anchor="stateless persons"),
            ReviewNote(note_id("r40"), "replacement", "40", "Paragraph 40", REVIEWER,
                       "2026-01-10T09:05:00Z", "Revise", deleted="Amend", after=" the Refugees"),
            ReviewNote(note_id("x40"), "comment", "40", "Paragraph 40", REVIEWER,
                       "2026-01-10T09:06:00Z", RESOLVED_40, status="resolved"),
        ]  # fmt: skip
        with Workspace.open(folder) as ws:
            ws.project.review.extend(earlier)
            ws.mark_dirty()
            ws.save()
        run("review", "answer", folder, note_id("c42")[:6], ANSWER_42, "--author", AUTHOR)
        yield folder
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def copies(project: Path) -> tuple[Path, Path]:
    """(the review copy, the report as sent)."""
    review, final = project.parent / "for-review.docx", project.parent / "final.docx"
    out = run("render", project, "--review", "-o", review)
    assert "review copy with 5 comments" in out
    run("render", project, "-o", final)
    return review, final


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _anchors(path: Path) -> dict[int, str]:
    """Comment id -> the text of the paragraph its range starts in."""
    body = etree.fromstring(_parts(path)["word/document.xml"])
    out: dict[int, str] = {}
    for p in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        for start in p.iter(f"{W}commentRangeStart"):
            out[int(start.get(f"{W}id", "-1"))] = text
    return out


def test_the_report_that_is_sent_has_no_comment(copies: tuple[Path, Path]) -> None:
    _, final = copies
    parts = _parts(final)
    assert not [n for n in parts if "comment" in n.lower()]
    document = parts["word/document.xml"].decode()
    assert "commentRangeStart" not in document and "commentReference" not in document
    headers = b"".join(v for n, v in parts.items() if n.startswith("word/header"))
    assert b"Draft for review" not in headers
    assert b'w:name="drafter_p_40"' in parts["word/document.xml"]  # bookmarks are harmless


def test_the_review_copy_has_the_open_notes_on_their_headings(copies: tuple[Path, Path]) -> None:
    review, _ = copies
    comments = {c.comment_id: c for c in docx.Document(str(review)).comments}
    found = {(c.author, c.text) for c in comments.values()}
    assert found == {
        (AUTHOR, NOTE_40),
        (AUTHOR, NOTE_ALL),
        (REVIEWER, EARLIER_42),
        (AUTHOR, ANSWER_42),
        (REVIEWER, "Proposed change: “Amend” → “Revise”"),
    }  # the resolved comment is not there
    on = {comments[cid].text: text for cid, text in _anchors(review).items()}
    assert on[NOTE_40] == on["Proposed change: “Amend” → “Revise”"] == "Paragraph 40"
    assert on[EARLIER_42] == on[ANSWER_42] == "Paragraph 42"
    assert on[NOTE_ALL] == "Report"  # the title: a note on the report as a whole
    parts = _parts(review)
    # The answer is threaded under the comment it answers (Word's commentsExtended).
    root = etree.fromstring(parts["word/comments.xml"])
    para_of = {
        "".join(t.text or "" for t in c.iter(f"{W}t")): c.findall(f"{W}p")[-1].get(f"{W14}paraId")
        for c in root.iter(f"{W}comment")
    }
    extended = etree.fromstring(parts["word/commentsExtended.xml"])
    parents = {e.get(f"{W15}paraId"): e.get(f"{W15}paraIdParent") for e in extended}
    assert parents[para_of[ANSWER_42]] == para_of[EARLIER_42]
    assert parents[para_of[NOTE_40]] is None
    headers = b"".join(v for n, v in parts.items() if n.startswith("word/header"))
    assert "Draft for review – not for submission".encode() in headers
    assert b'w:name="drafter_p_42"' in parts["word/document.xml"]


def _soffice(src: Path, target: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", target, "--outdir", str(outdir), str(src),
        ],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    assert out.is_file(), f"LibreOffice wrote no {out.name}"
    return out


OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def _annotation(name: str, text: str) -> etree._Element:
    """A comment as LibreOffice writes one in ODF."""
    ann = etree.Element(f"{{{OFFICE}}}annotation")
    ann.set(f"{{{OFFICE}}}name", name)
    etree.SubElement(ann, f"{{{DC}}}creator").text = REVIEWER
    etree.SubElement(ann, f"{{{DC}}}date").text = "2026-03-02T10:41:00"
    etree.SubElement(ann, f"{{{TEXT}}}p").text = text
    return ann


def _comment_on(root: etree._Element, words: str, name: str, text: str) -> None:
    """A comment on `words` (which must be in the document once, in one run of text)."""
    hits = [
        (node, attr)
        for node in root.iter()
        for attr in ("text", "tail")
        if words in (getattr(node, attr) or "")
    ]
    assert len(hits) == 1, hits
    node, attr = hits[0]
    before, after = getattr(node, attr).split(words, 1)
    ann, end = _annotation(name, text), etree.Element(f"{{{OFFICE}}}annotation-end")
    end.set(f"{{{OFFICE}}}name", name)
    ann.tail, end.tail = words, after
    setattr(node, attr, before)
    if attr == "text":
        node.insert(0, ann)
    else:
        node.addnext(ann)
    ann.addnext(end)


def _heading(root: etree._Element, bookmark: str) -> etree._Element:
    for h in root.iter(f"{{{TEXT}}}h"):
        if any(b.get(f"{{{TEXT}}}name") == bookmark for b in h.iter(f"{{{TEXT}}}bookmark-start")):
            return h
    raise AssertionError(f"no heading with bookmark {bookmark}")


@pytest.fixture(scope="module")
def reviewed(copies: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review copy, read by LibreOffice, commented on by the reviewer and written back as
    DOCX by LibreOffice. The reviewer answers the author's note on paragraph 40 (LibreOffice
    keeps no threads: a comment on the same heading), comments on words of paragraph 42, and
    retitles both headings (so only the bookmarks can place the notes)."""
    require("soffice")
    review, _ = copies
    work = tmp_path_factory.mktemp("lo")
    profile = work / "profile"
    tree = etree.parse(str(_soffice(review, "fodt", work, profile)))
    root = tree.getroot()
    for bookmark, title in (("drafter_p_40", "Refugees"), ("drafter_p_42", "Statelessness")):
        heading = _heading(root, bookmark)
        for node in heading.iter():
            if node.text and "Paragraph" in node.text:
                node.text = title
            if node is not heading and node.tail and "Paragraph" in node.tail:
                node.tail = title
        if bookmark == "drafter_p_40":
            heading.append(_annotation("r1", "The figure is from UNHCR, not the survey."))
    _comment_on(root, "remain undocumented", "c1", "Which year?")
    edited = work / "edited" / "for-review.fodt"
    edited.parent.mkdir()
    tree.write(str(edited), encoding="utf-8", xml_declaration=True)
    return _soffice(edited, "docx:MS Word 2007 XML", work / "back", profile)


@pytest.fixture
def fresh(project: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "kaz"
    shutil.copytree(project, copy)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DRAFTER_TEMPLATES", raising=False)
        mp.delenv("DRAFTER_AUTHOR", raising=False)
        yield copy


def test_libreoffice_round_trip_adds_only_what_the_reviewer_wrote(
    reviewed: Path, fresh: Path, tmp_path: Path
) -> None:
    with Workspace.open(fresh, read_only=True) as ws:
        before = {n.id for n in ws.project.review}
    out = run("import-review", fresh, reviewed)
    assert "2 new review notes" in out and "5 written by drafter" in out, out
    with Workspace.open(fresh, read_only=True) as ws:
        new = {n.text: n for n in ws.project.review if n.id not in before}
        assert len(ws.project.review) == len(before) + 2
    assert set(new) == {"The figure is from UNHCR, not the survey.", "Which year?"}
    reply = new["The figure is from UNHCR, not the survey."]
    assert (reply.paragraph, reply.section, reply.author) == ("40", "Refugees", REVIEWER)
    year = new["Which year?"]
    assert (year.paragraph, year.anchor, year.section) == (
        "42",
        "remain undocumented",
        "Statelessness",
    )
    assert "0 new review notes" in run("import-review", fresh, reviewed)
    # The next review copy carries the reviewer's new comments with the rest.
    again = tmp_path / "again.docx"
    assert "review copy with 7 comments" in run("render", fresh, "--review", "-o", again)
    on = {c.text for c in docx.Document(str(again)).comments}
    assert {"Which year?", NOTE_40} <= on


def test_a_word_reply_threads_under_the_note_it_answers(
    copies: tuple[Path, Path], fresh: Path, tmp_path: Path
) -> None:
    """Word writes a reply as a comment on the same words with its parent in
    commentsExtended.xml: it becomes a reply to the author's note, on its paragraph."""
    review, _ = copies
    parts = _parts(review)
    comments = etree.fromstring(parts["word/comments.xml"])
    extended = etree.fromstring(parts["word/commentsExtended.xml"])
    document = etree.fromstring(parts["word/document.xml"])
    target = next(c for c in comments if "".join(t.text or "" for t in c.iter(f"{W}t")) == NOTE_40)
    parent_para = target.findall(f"{W}p")[-1].get(f"{W14}paraId")
    reply = etree.SubElement(comments, f"{W}comment")
    reply.attrib.update(
        {f"{W}id": "90", f"{W}author": REVIEWER, f"{W}date": "2026-03-03T08:00:00Z"}
    )
    p = etree.SubElement(reply, f"{W}p")
    p.set(f"{W14}paraId", "7FFF0001")
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = "UNHCR, yes: 37 is right."
    ex = etree.SubElement(extended, f"{W15}commentEx")
    ex.attrib.update({f"{W15}paraId": "7FFF0001", f"{W15}paraIdParent": parent_para or ""})
    start = next(
        s for s in document.iter(f"{W}commentRangeStart") if s.get(f"{W}id") == target.get(f"{W}id")
    )
    mark = etree.Element(f"{W}commentRangeStart")
    mark.set(f"{W}id", "90")
    start.addnext(mark)
    end = etree.Element(f"{W}commentRangeEnd")
    end.set(f"{W}id", "90")
    start.getparent().append(end)
    parts["word/comments.xml"] = etree.tostring(comments)
    parts["word/commentsExtended.xml"] = etree.tostring(extended)
    parts["word/document.xml"] = etree.tostring(document)
    word = tmp_path / "word-reply.docx"
    with zipfile.ZipFile(word, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    out = run("import-review", fresh, word)
    assert "1 new review notes" in out and "5 written by drafter" in out, out
    with Workspace.open(fresh, read_only=True) as ws:
        author_note = next(n for n in ws.project.review if n.text == NOTE_40)
        added = next(n for n in ws.project.review if n.text == "UNHCR, yes: 37 is right.")
    assert author_note.kind == "author-note"
    assert (added.reply_to, added.paragraph) == (author_note.id, "40")
    listed = run("review", "list", fresh, "-p", "40")
    assert "note to the reviewer by Ann Author" in listed
    assert f"reply by {REVIEWER}" in listed


def test_a_reference_document_s_comments_never_reach_the_report(
    project: Path, tmp_path: Path
) -> None:
    """A maintainer's reference.docx that still holds a comment of its own lends its styles,
    never its comments: the report has none, the review copy only drafter's."""
    folder = tmp_path / "house-style"
    shutil.copytree(find_template("cerd-alternative-report").folder, folder)
    toml = folder / "template.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'id = "cerd-alternative-report"', 'id = "house-style"'
        ),
        encoding="utf-8",
    )
    ref = docx.Document()
    para = ref.add_paragraph("sample")
    ref.add_comment(para.runs, text="Maintainer's own remark", author="Maintainer")
    ref.save(str(folder / "reference.docx"))
    final, review = tmp_path / "final.docx", tmp_path / "review.docx"
    run("render", project, "--template", folder, "-o", final)
    run("render", project, "--template", folder, "--review", "-o", review)
    assert not [n for n in _parts(final) if "comment" in n.lower()]
    texts = [c.text for c in docx.Document(str(review)).comments]
    assert NOTE_40 in texts and "Maintainer's own remark" not in texts and len(texts) == 5
