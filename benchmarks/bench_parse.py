"""How fast drafter reads documents, each figure beside a baseline measured in the same run.

    python benchmarks/bench_parse.py

1. Parse seed 002 (the 161 KB Kazakhstan State report, .txt) into paragraphs, against reading
   the file and splitting its lines. Target: within 100 ms.
2. Parse the 18-page Brazil concluding observations (.pdf), against the extractor alone
   (pdfium opening the file and returning each page's text). Target: within 1.5x.
3. Parse ten times the text of seed 002 (paragraphs renumbered on), against parsing it once.
   Target: within 11x the time (parsing is linear).
4. Every document of tests/corpus/crpd (other committees, French and Spanish), each against
   pdfium's text extraction of the same file. Target: each under 1 s. Printed as a table.
5. For the record: pdfium against pdftotext (a subprocess, as drafter would have to run it) on
   each corpus PDF. This is why the PDF reader uses pypdfium2 (see drafter/documents/read_pdf.py).

Medians of alternating runs, so a burst of load elsewhere hits both sides alike. Both sides
run warm in this one process (Python, pypdfium2 and the language data loaded, one run of each
before timing): the ratios compare the work done per document, not interpreter start-up.
Exit status 1 when a target is missed, so CI can run it.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.documents import read_document, read_source  # noqa: E402
from drafter.documents.read_pdf import extract_plain_text  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
SEED_002 = CORPUS / "seeds" / "002_f102eab446bbcedd.txt"
BRAZIL = CORPUS / "cerd-brazil-2022"
BRAZIL_CO_PDF = BRAZIL / "CERD_C_BRA_CO_18-20.pdf"
CRPD = CORPUS / "crpd"

TEXT_TARGET_MS = 100.0
PDF_TARGET_RATIO = 1.5
SCALE = 10
SCALE_TARGET_RATIO = 11.0
DOCUMENT_TARGET_MS = 1000.0


def paired(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int = 9
) -> tuple[float, float]:
    """Median milliseconds of `ours` and `baseline`, run in alternation after one warm-up."""
    ours()
    baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        t = time.perf_counter()
        ours()
        a.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        baseline()
        b.append((time.perf_counter() - t) * 1000)
    return statistics.median(a), statistics.median(b)


def read_and_split(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def scaled_copy(folder: Path, times: int) -> Path:
    """Seed 002 repeated, its paragraph numbers carried on so the copies stay one document."""
    text = SEED_002.read_text(encoding="utf-8")
    count = max(int(m.group(1)) for m in re.finditer(r"^(\d+)\.", text, re.MULTILINE))
    parts = [text]
    for k in range(1, times):

        def renumber(m: re.Match[str], shift: int = k * count) -> str:
            return f"{int(m.group(1)) + shift}."

        parts.append(re.sub(r"^(\d+)\.", renumber, text, flags=re.MULTILINE))
    path = folder / f"seed-002-x{times}.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True)


def main() -> int:
    rows: list[tuple[str, str, str, str, str]] = []
    failures: list[str] = []

    ours, base = paired(lambda: read_document(SEED_002), lambda: read_and_split(SEED_002))
    ok = ours <= TEXT_TARGET_MS
    rows.append(
        (
            "seed 002 .txt parse",
            f"{ours:.1f} ms",
            f"read+split {base:.2f} ms",
            f"{ours / base:.0f}x",
            f"<= {TEXT_TARGET_MS:.0f} ms {'ok' if ok else 'MISSED'}",
        )
    )
    if not ok:
        failures.append("seed 002 parse")

    ours, base = paired(
        lambda: read_document(BRAZIL_CO_PDF), lambda: extract_plain_text(BRAZIL_CO_PDF)
    )
    ratio = ours / base
    ok = ratio <= PDF_TARGET_RATIO
    rows.append(
        (
            "Brazil CO .pdf parse",
            f"{ours:.1f} ms",
            f"pdfium text {base:.1f} ms",
            f"{ratio:.2f}x",
            f"<= {PDF_TARGET_RATIO}x {'ok' if ok else 'MISSED'}",
        )
    )
    if not ok:
        failures.append("Brazil CO PDF parse")

    # Where the PDF time goes: the reader alone (layout, cleanup), without segmentation.
    ours, base = paired(
        lambda: read_source(BRAZIL_CO_PDF), lambda: extract_plain_text(BRAZIL_CO_PDF)
    )
    rows.append(
        (
            "  of which reading",
            f"{ours:.1f} ms",
            f"pdfium text {base:.1f} ms",
            f"{ours / base:.2f}x",
            "(breakdown)",
        )
    )

    with tempfile.TemporaryDirectory() as folder:
        big = scaled_copy(Path(folder), SCALE)
        ours, base = paired(lambda: read_document(big), lambda: read_document(SEED_002), repeat=5)
    ratio = ours / base
    ok = ratio <= SCALE_TARGET_RATIO
    rows.append(
        (
            f"{SCALE}x seed 002 parse",
            f"{ours:.1f} ms",
            f"1x parse {base:.1f} ms",
            f"{ratio:.1f}x",
            f"<= {SCALE_TARGET_RATIO:.0f}x {'ok' if ok else 'MISSED'}",
        )
    )
    if not ok:
        failures.append("scaling")

    documents: list[tuple[str, str, str, str, str]] = []
    for pdf in sorted(CRPD.glob("*.pdf")):
        ours, base = paired(partial(read_document, pdf), partial(extract_plain_text, pdf), repeat=3)
        ok = ours <= DOCUMENT_TARGET_MS
        documents.append(
            (
                pdf.stem,
                f"{ours:.1f} ms",
                f"pdfium text {base:.1f} ms",
                f"{ours / base:.2f}x",
                f"< {DOCUMENT_TARGET_MS:.0f} ms {'ok' if ok else 'MISSED'}",
            )
        )
        if not ok:
            failures.append(pdf.stem)

    if shutil.which("pdftotext"):
        for pdf in sorted(BRAZIL.glob("*.pdf")):
            ours, base = paired(partial(extract_plain_text, pdf), partial(pdftotext, pdf))
            rows.append(
                (
                    f"pdfium {pdf.stem}",
                    f"{ours:.1f} ms",
                    f"pdftotext {base:.1f} ms",
                    f"{ours / base:.2f}x",
                    "(choice of extractor)",
                )
            )

    _table(("measure", "median", "baseline (same run)", "ratio", "target"), rows)
    print()
    _table(
        ("document (tests/corpus/crpd)", "parse", "baseline (same run)", "ratio", "target"),
        documents,
    )
    if failures:
        print("missed: " + ", ".join(failures))
        return 1
    return 0


def _table(header: tuple[str, ...], rows: list[tuple[str, str, str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
