"""How much a source document may hold: the bounds that keep a crafted file from taking the
machine's memory or time. Each is far above what any real UN or NGO document needs (the numbers
beside them are what real documents use), and each refusal is one line naming the file and what
was too much (see docs/security.md).

A .docx is a ZIP package: its members are inflated in memory by python-docx, and its XML is
parsed whole by lxml, so a small file can inflate to gigabytes. The package is checked before
python-docx reads it, from the sizes in the ZIP's central directory (Python's zipfile never
inflates a member beyond its recorded size, so the recorded sizes are binding).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from drafter.errors import ReadError

MIB = 1024 * 1024

# --- DOCX (ZIP package) -------------------------------------------------------------------------
# Parts in a package. Word writes about 15-30; one image per part adds more.
DOCX_MAX_MEMBERS = 2_000
# Inflated size of all parts together (images included). A 400-page report with photos: ~40 MiB.
DOCX_MAX_INFLATED = 256 * MIB
# Inflated size of the XML parts together: lxml holds these as trees several times their size.
# A 300-page UN report's document.xml is 3-8 MiB.
DOCX_MAX_XML = 48 * MIB
# Inflated / compressed size of one part, counted for parts over DOCX_RATIO_FROM bytes. Word's XML
# compresses 5-20 times; a "zip bomb" member 100-1000 times.
DOCX_MAX_RATIO = 100
DOCX_RATIO_FROM = 1 * MIB

# --- Word list numbering --------------------------------------------------------------------------
# The largest list number formatted as a letter or Roman numeral; larger values are written in
# digits. Word's own dialog accepts start values up to 32,767; letters repeat past z ("aa"), so a
# value of a billion in letters would be a 38-million-character label.
LIST_MAX_VALUE = 32_767
# The longest list label ("16.", "(a)", "Article 3 (ii)") kept; a longer one is no paragraph
# number, and is dropped. Also bounds a level's text pattern before numbers are filled in.
LIST_MAX_LABEL = 64

# --- Text ----------------------------------------------------------------------------------------
# The longest paragraph (or table row) read. A long UN paragraph is ~3,000 characters.
MAX_PARAGRAPH_CHARS = 1_000_000

# --- PDF -----------------------------------------------------------------------------------------
# Pages in a PDF. The longest UN documents have a few hundred.
PDF_MAX_PAGES = 5_000
# Characters on one page. A dense page of small print has ~8,000.
PDF_MAX_PAGE_CHARS = 200_000
# Inflated size of one compressed stream (page content, font, image) while checking the PDF for
# damage: a "PDF bomb" stream stops here, before pdfium inflates it.
PDF_MAX_STREAM_INFLATED = 256 * MIB
# ... and of all of them together.
PDF_MAX_INFLATED = 1024 * MIB


def check_package(members: list[zipfile.ZipInfo], path: Path) -> None:
    """A ZIP package (a .docx) within the DOCX limits, judged from its central directory before
    anything is inflated; ReadError naming what is too much."""
    if len(members) > DOCX_MAX_MEMBERS:
        raise ReadError(
            f"the .docx has {len(members):,} parts, more than the {DOCX_MAX_MEMBERS:,} "
            "drafter reads; it is not an ordinary Word document",
            path,
        )
    total = sum(m.file_size for m in members)
    if total > DOCX_MAX_INFLATED:
        raise ReadError(
            f"the .docx inflates to {total / MIB:,.0f} MiB, more than the "
            f"{DOCX_MAX_INFLATED // MIB} MiB drafter reads",
            path,
        )
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if xml > DOCX_MAX_XML:
        raise ReadError(
            f"the .docx's text (XML) inflates to {xml / MIB:,.0f} MiB, more than the "
            f"{DOCX_MAX_XML // MIB} MiB drafter reads",
            path,
        )
    for m in members:
        if m.file_size > DOCX_RATIO_FROM and m.file_size > DOCX_MAX_RATIO * max(m.compress_size, 1):
            raise ReadError(
                f"the .docx part {m.filename} inflates {m.file_size // max(m.compress_size, 1):,} "
                f"times (at most {DOCX_MAX_RATIO} times is read): a ZIP bomb, not a "
                "Word document",
                path,
            )
