"""Properties under generated input (hypothesis): the readers, the path rule, the project store
and the renderer. A local run tries about a hundred cases each; CI's `ci` profile
(HYPOTHESIS_PROFILE=ci) ten times as many, scaled per property by its cost (`examples`)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.documents import read_document, read_source
from drafter.documents.limits import LIST_MAX_LABEL
from drafter.documents.read_docx import read_docx
from drafter.errors import DrafterError, ReadError
from drafter.project import paths
from drafter.project.model import Entry, FrontMatter, Organisation, Project, Source
from drafter.project.model import Metadata as ProjectMetadata
from drafter.project.report.builder import finish
from drafter.project.report.language import language
from drafter.project.report.markdown import parse_markdown
from drafter.project.report.notes import CitationWords, Resolver
from drafter.project.report.tree import Division, Heading, Metadata, Part, Report, Text
from drafter.project.store import ProjectStore, full_dump, parse_project
from drafter.render.docx_writer import DocxWriter

pytestmark = pytest.mark.security


def examples(share: float) -> settings:
    """This property's share of the profile's cases (a slow one runs fewer), never under 20."""
    return settings(
        max_examples=max(20, int(settings.default.max_examples * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


# --- Readers: any bytes are a document or one clear error ----------------------------------------

MAGIC = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]


@examples(1.0)
@given(
    head=st.sampled_from(MAGIC),
    body=st.binary(max_size=2048) | st.text(max_size=2048).map(str.encode),
    suffix=st.sampled_from([".txt", ".md", ".docx", ".pdf", ""]),
)
def test_any_bytes_are_a_document_or_a_read_error(
    tmp_path: Path, head: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"source{suffix}"
    path.write_bytes(head + body)
    try:
        read_document(path)
    except DrafterError as exc:
        assert exc.path == str(path) and exc.message


def _template_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


TEMPLATE_DOCX = _template_docx()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FORMATS = ["decimal", "lowerRoman", "upperRoman", "lowerLetter", "upperLetter", "decimalZero",
           "bullet", "none", "ordinal", "x"]  # fmt: skip
level = st.fixed_dictionaries(
    {
        "start": st.integers(-5, 10**15),
        "fmt": st.sampled_from(FORMATS),
        "text": st.lists(
            st.sampled_from(["%1", "%2", "%3", "%9", ".", "(", ")", "Article ", "%"]), max_size=40
        ).map("".join),
        "restart": st.sampled_from(["", "0", "1"]),
    }
)


def _numbered_docx(levels: list[dict[str, object]], paragraphs: list[tuple[int, int]]) -> bytes:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{lv["start"]}"/><w:numFmt w:val="{lv["fmt"]}"/>'
        + (f'<w:lvlRestart w:val="{lv["restart"]}"/>' if lv["restart"] else "")
        + f'<w:lvlText w:val="{lv["text"]}"/></w:lvl>'
        for i, lv in enumerate(levels)
    )
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>'
        f'<w:abstractNum w:abstractNumId="1">{lvls}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="999999999999"/></w:lvlOverride></w:num></w:numbering>'
    )
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>Paragraph {n}</w:t></w:r></w:p>"
        for n, (ilvl, num) in enumerate(paragraphs)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body>'
        "</w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(TEMPLATE_DOCX)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = document.encode()
            elif item.filename == "word/numbering.xml":
                data = numbering.encode()
            dst.writestr(item, data)
    return out.getvalue()


@examples(0.5)
@given(
    levels=st.lists(level, min_size=1, max_size=9),
    paragraphs=st.lists(st.tuples(st.integers(0, 10), st.sampled_from([1, 2, 3])), max_size=30),
)
def test_any_word_numbering_gives_short_labels(
    tmp_path: Path, levels: list[dict[str, object]], paragraphs: list[tuple[int, int]]
) -> None:
    path = tmp_path / "numbered.docx"
    path.write_bytes(_numbered_docx(levels, paragraphs))
    try:
        source = read_docx(path)
    except ReadError:
        return  # a start value Python cannot read as a number, said in one line
    assert all(len(label) <= LIST_MAX_LABEL for label in source.list_numbers.values())


@examples(0.2)
@given(flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 7)), min_size=1, max_size=4))
def test_a_damaged_pdf_is_read_whole_or_refused(tmp_path: Path, flips: list[tuple]) -> None:
    from tests.conftest import CRPD

    data = bytearray((CRPD / "CRPD_C_LUX_CO_1_Add.2.pdf").read_bytes())
    for where, bit in flips:
        data[min(int(where * len(data)), len(data) - 1)] ^= 1 << bit
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        read_source(path)
    except ReadError as exc:
        assert exc.path == str(path)


# --- The path rule: an accepted path is inside the project, whatever it spells -----------------


@examples(1.0)
@given(
    parts=st.lists(
        st.sampled_from(
            ["..", ".", "sources", "a.pdf", "link", "loop", "/", "\\", "C:", "~", "", "\0", " "]
        ),
        max_size=8,
    )
)
def test_an_accepted_path_never_leads_out(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
) -> None:
    folder = _layout(tmp_path_factory)
    value = "/".join(parts) if parts and parts[0] not in ("/", "\\") else "".join(parts)
    try:
        path = paths.named_path(folder, value)
    except paths.PathRefused:
        return
    assert path.resolve().is_relative_to(folder.resolve())
    assert ".." not in re.split(r"[\\/]", value)


_LAYOUT: dict[str, Path] = {}


def _layout(factory: pytest.TempPathFactory) -> Path:
    """A project with a link out, a link in and a link loop in sources/ (made once)."""
    if "folder" not in _LAYOUT:
        root = factory.mktemp("layout")
        folder = root / "proj"
        (folder / "sources").mkdir(parents=True)
        (root / "secret.txt").write_text("x")
        (folder / "sources" / "a.pdf").write_text("x")
        (folder / "link").symlink_to(root / "secret.txt")
        (folder / "sources" / "link").symlink_to("a.pdf")
        (folder / "loop").symlink_to("loop")
        _LAYOUT["folder"] = folder
    return _LAYOUT["folder"]


# --- The project store: whatever a project holds comes back the same ----------------------------

text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)
names = st.text("abcdefghij-0123456789", min_size=1, max_size=8)
project_strategy = st.builds(
    Project,
    metadata=st.builds(
        ProjectMetadata,
        title=text,
        committee=text,
        state=text,
        session=text,
        language=st.sampled_from(["en", "fr", "es", "ru"]),
        confidentiality=st.sampled_from(["public", "confidential"]),
        template=st.just("cerd-alternative-report"),
        organisations=st.lists(st.builds(Organisation, name=text, email=text), max_size=3),
        extra=st.dictionaries(names.map(lambda n: f"x-{n}"), text, max_size=2),
    ),
    sources=st.lists(
        st.builds(
            Source,
            id=names,
            kind=st.just("evidence"),
            path=names.map(lambda n: f"sources/{n}.pdf"),
            symbol=text,
            sha256=st.just("0" * 64),
        ),
        max_size=4,
    ),
    front_matter=st.builds(FrontMatter, executive_summary=text, about=text),
    entries=st.dictionaries(
        st.sampled_from(["1", "16", "22(a)", "b3", "100"]),
        st.builds(
            Entry,
            paragraph=st.just(""),
            commentary=text,
            questions=st.lists(text, max_size=3),
            evidence=st.lists(names, max_size=2),
            done=st.booleans(),
        ),
        max_size=5,
    ),
)


@examples(1.0)
@given(project=project_strategy)
def test_the_store_gives_back_what_it_wrote(project: Project) -> None:
    """Serialized (incrementally, as autosave does) and parsed back: the same project, and its
    paths pass the load-time check. In memory: the disk side is tests/project/test_durability."""
    for pid, entry in project.entries.items():
        entry.paragraph = pid
    store = ProjectStore(Path("proj"), Path("proj/drafter.toml"))
    text = store.serialize(project)
    assert text == full_dump(project)
    back, _ = parse_project(text, Path("proj/drafter.toml"))
    assert paths.check_project(back, Path("proj")) == []
    kept = {pid: e for pid, e in project.entries.items() if not e.is_empty()}
    assert back.metadata == project.metadata
    assert back.sources == project.sources
    assert back.front_matter == project.front_matter
    assert back.entries == kept


# --- The renderer: any Markdown makes a DOCX python-docx opens ----------------------------------

SYNTAX = ["**", "*", "_", "`", "[", "]", "(", ")", "[^1]", "\n[^1]: ", "[@src:16]", "- ", "1. ",
          "> ", "# ", "| a | b |\n|---|---|\n| ", "\n", "\n\n", "    ", "<b>", "&#0;", "\x00",
          "\ufffe", "\\"]  # fmt: skip
markdown = st.lists(st.sampled_from(SYNTAX) | text, max_size=30).map("".join)


@examples(0.2)
@given(batch=st.lists(markdown, min_size=5, max_size=5), title=st.text(max_size=400))
def test_any_markdown_and_title_make_a_docx_that_opens(batch: list[str], title: str) -> None:
    """Five commentaries per document (making the writer costs more than a commentary), so
    the ci profile's 200 documents hold 1,000 Markdown texts; the title is the document's
    properties too, which Word caps at 255 characters."""
    divisions = [
        Division(
            Part.BODY,
            f"Paragraph {i}",
            [
                Heading(1, [Text(title or "Commentary")]),
                *parse_markdown(commentary, "commentary", numbered=True).blocks,
            ],
        )
        for i, commentary in enumerate(batch)
    ]
    report = Report(Metadata(title=title, author=title, keywords=title), divisions)
    finish(report, Resolver({}, {}, CitationWords()), language("en"))
    out = io.BytesIO()
    DocxWriter(report).write(out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    assert len(document.core_properties.title) <= 255
