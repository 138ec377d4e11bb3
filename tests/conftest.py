"""Shared fixtures: where the real documents live.

The seeds, the Brazil corpus and the CRPD documents are in `tests/corpus/` (its README gives each
file's symbol and origin), so a clone with nothing beside it runs every test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: a local run tries the default hundred cases per property; CI (`.ci/run` sets
# HYPOTHESIS_PROFILE=ci) tries ten times as many, within its time budget. Properties with their
# own `max_examples` keep it; tests/security/test_properties.py scales its own with the profile.
settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
SEEDS = CORPUS / "seeds"
BRAZIL = CORPUS / "cerd-brazil-2022"
CRPD = CORPUS / "crpd"
SAMPLES = Path(__file__).resolve().parent / "samples"

SEED_LETTER = SEEDS / "000_7fed273c5068c4d9.txt"  # CERD follow-up letter 2016 (Kazakhstan)
SEED_COMPILATION = SEEDS / "001_1079172b82c34549.txt"  # OHCHR UPR compilation
SEED_STATE_REPORT = SEEDS / "002_f102eab446bbcedd.txt"  # CERD/C/KAZ/11-14
SEED_FIDH_1 = SEEDS / "003_4e942972d8533948.txt"
SEED_FIDH_2 = SEEDS / "004_4ec4ad4861dcfd1d.txt"
BRAZIL_CO_PDF = BRAZIL / "CERD_C_BRA_CO_18-20.pdf"
BRAZIL_CO_TXT = BRAZIL / "CERD_C_BRA_CO_18-20.txt"
BRAZIL_FCO_PDF = BRAZIL / "CERD_C_BRA_FCO_18-20.pdf"
BRAZIL_FCO_TXT = BRAZIL / "CERD_C_BRA_FCO_18-20.txt"
BRAZIL_UPR_PDF = BRAZIL / "A_HRC_WG.6_41_BRA_2.pdf"
BRAZIL_UPR_TXT = BRAZIL / "A_HRC_WG.6_41_BRA_2.txt"

# The Debian packages that provide the programs some tests drive.
_PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "pandoc": "pandoc",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "tmux": "tmux",
    "git": "git",
    "drafter": "pip install -e .",
}


def require(*tools: str) -> None:
    """Skip the calling test when a program it drives is missing, naming the program; with `CI`
    set (as `.ci/run` runs) a missing program fails instead, so CI proves everything while a
    newcomer's first `pytest` on a bare machine still passes."""
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing:
        return
    hint = ", ".join(f"{t} ({_PACKAGES.get(t, t)})" for t in missing)
    message = f"needs {hint}, not installed"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: every tool must be there)")
    pytest.skip(message)


@pytest.fixture(autouse=True, scope="session")
def git_identity() -> Iterator[None]:
    """Tests that commit with real git must work on a fresh machine that has no git identity."""
    defaults = {
        "GIT_AUTHOR_NAME": "drafter tests",
        "GIT_AUTHOR_EMAIL": "tests@drafter.invalid",
        "GIT_COMMITTER_NAME": "drafter tests",
        "GIT_COMMITTER_EMAIL": "tests@drafter.invalid",
    }
    added = [k for k in defaults if k not in os.environ]
    for k in added:
        os.environ[k] = defaults[k]
    yield
    for k in added:
        os.environ.pop(k, None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Leave proof that the whole session ran: CI checks it, so a test that ends the process
    early (a stray exit in a signal handler) cannot pass for a green run."""
    marker = os.environ.get("DRAFTER_TEST_SESSION_MARKER")
    if marker:
        Path(marker).write_text(f"{int(exitstatus)} {session.testscollected}\n", encoding="utf-8")
