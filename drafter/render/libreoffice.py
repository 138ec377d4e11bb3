"""DOCX -> PDF through LibreOffice, headless, with a profile of its own (a first run, another
LibreOffice open on the desktop, or two renders at once must not clash on a shared profile's
lock). LibreOffice lays the pages out itself, so the contents' page numbers in the PDF are the
ones it computes from the bookmarks."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import DrafterError

TIMEOUT_S = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, pdf: Path) -> None:
    exe = soffice()
    if exe is None:
        raise DrafterError(
            "LibreOffice is not installed (no soffice on the PATH): install it for --pdf, or "
            "render the DOCX alone",
            path=pdf,
        )
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        try:
            done = subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    str(docx_path),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DrafterError(
                f"LibreOffice did not finish the PDF in {TIMEOUT_S} s", path=pdf
            ) from None
        except OSError as exc:
            raise DrafterError(f"cannot run LibreOffice: {exc.strerror or exc}", path=pdf) from exc
        produced = outdir / f"{docx_path.stem}.pdf"
        if done.returncode != 0 or not produced.is_file():
            said = " ".join((done.stderr or done.stdout or "").split())[:200]
            raise DrafterError(f"LibreOffice wrote no PDF ({said or 'no message'})", path=pdf)
        tmp_pdf = pdf.with_name(f".{pdf.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp_pdf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as f, produced.open("rb") as src:
                shutil.copyfileobj(src, f)
            os.replace(tmp_pdf, pdf)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp_pdf.unlink()
            raise DrafterError(f"cannot write the PDF: {exc.strerror or exc}", path=pdf) from exc
