"""Small PDFs written byte by byte, for the cases real documents rarely provide on demand."""

from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def image_only_pdf(path: Path) -> Path:
    """One page showing a small grey image and no text at all: what a scanner produces."""
    pixels = bytes([0x80, 0x20, 0x20, 0x80] * 16)  # 8x8 greyscale
    content = b"q 200 0 0 200 100 400 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
    ]
    path.write_bytes(_pdf(objects))
    return path


def broken_pdf(path: Path) -> Path:
    """A PDF header followed by garbage: what a failed download leaves behind."""
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """One page of Helvetica text, one line per item, top down: how a word processor prints a
    paragraph whose words are broken at line ends."""
    shown = []
    for k, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        shown.append(f"BT /F1 11 Tf 1 0 0 1 72 {700 - 14 * k} Tm ({escaped}) Tj ET")
    content = "\n".join(shown).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    path.write_bytes(_pdf(objects))
    return path
