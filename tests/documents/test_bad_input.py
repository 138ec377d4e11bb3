"""Bad input: every case is one clear line naming the file, exit status 2, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.documents import read_source
from drafter.errors import ReadError
from tests.conftest import BRAZIL_FCO_PDF, SAMPLES
from tests.documents.pdf_samples import broken_pdf, image_only_pdf

FIFTY_MB = 50 * 1024 * 1024
# An OLE compound file's header; the directory's stream names (UTF-16) tell what it holds.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _random_bytes(folder: Path) -> Path:
    path = folder / "random.txt"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _corrupt_docx(folder: Path) -> Path:
    path = folder / "corrupt.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(4096))
    return path


def _zip_not_docx(folder: Path) -> Path:
    path = folder / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return path


def _truncated_pdf(folder: Path) -> Path:
    path = folder / "truncated.pdf"
    path.write_bytes(BRAZIL_FCO_PDF.read_bytes()[:40_000])
    return path


def _encrypted_pdf(folder: Path) -> Path:
    path = folder / "encrypted.pdf"
    shutil.copy(SAMPLES / "encrypted.pdf", path)  # LibreOffice export, open password "secret"
    return path


def _huge_text(folder: Path) -> Path:
    path = folder / "huge.txt"
    line = b"The Committee recommends that the State party take measures.\n"
    with path.open("wb") as handle:
        handle.write(line * (FIFTY_MB // len(line) + 1))
    return path


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.pdf"
    path.mkdir()
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty file": (_write("empty.txt", b""), "the file is empty"),
    "whitespace only": (_write("blank.md", b"\n\n   \n"), "no text"),
    "random bytes": (_random_bytes, "not text"),
    "corrupt docx": (_corrupt_docx, "damaged"),
    "zip that is not a docx": (_zip_not_docx, "not a Word document"),
    "text named .docx": (_write("fake.docx", b"plain text"), "not a valid .docx"),
    "old Word .doc": (_write("old.doc", _OLE + "WordDocument".encode("utf-16-le")), ".doc"),
    "old Word .doc named .docx": (
        _write("renamed.docx", _OLE + "WordDocument".encode("utf-16-le")),
        "is a Word 97-2003 .doc file, not .docx; save it as .docx",
    ),
    "password-protected docx": (
        _write("locked.docx", _OLE + "EncryptedPackage".encode("utf-16-le")),
        "password-protected",
    ),
    "broken pdf": (lambda folder: broken_pdf(folder / "broken.pdf"), "damaged"),
    "truncated pdf": (_truncated_pdf, "damaged"),
    "text named .pdf": (_write("fake.pdf", b"hello"), "not a PDF"),
    "encrypted pdf": (_encrypted_pdf, "encrypted"),
    "image-only pdf": (lambda folder: image_only_pdf(folder / "scan.pdf"), "OCR"),
    "50 MB text file": (_huge_text, "too large"),
    "directory": (_directory, "is a directory"),
    "missing path": (lambda folder: folder / "nowhere.txt", "no such file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_reader_raises_a_read_error_naming_the_file(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    path = make(tmp_path)
    with pytest.raises(ReadError) as caught:
        read_source(path)
    assert caught.value.path == str(path)
    assert message in caught.value.message


@pytest.mark.parametrize("case", list(CASES))
def test_drafter_parse_prints_one_line_and_exits_2(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    path = make(tmp_path)
    drafter = shutil.which("drafter")
    assert drafter is not None, "the drafter console script is not installed"
    result = subprocess.run(
        [drafter, "parse", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"drafter: {path}: ")
    assert message in lines[0]
