"""Real LibreOffice conversions for tests, each made once per test session."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import require

_OUT = Path(tempfile.mkdtemp(prefix="drafter-lo-"))
atexit.register(shutil.rmtree, _OUT, ignore_errors=True)
_TIMEOUT = 240  # seconds; a cold LibreOffice start on a busy machine is slow


@functools.cache
def convert(source: Path, target: str) -> Path:
    """Convert `source` with `soffice --headless --convert-to target` and return the result.

    A private user profile keeps this instance apart from any other LibreOffice running on the
    machine (a shared profile makes a second instance hand its work to the first and exit).
    """
    require("soffice")
    soffice = shutil.which("soffice")
    assert soffice is not None
    outdir = _OUT / f"{source.stem}-{target.split(':')[0]}"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = _OUT / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(source),
    ]
    if source.suffix == ".txt":
        command[3:3] = ["--infilter=Text (encoded):UTF8,LF,,,"]
    subprocess.run(command, check=True, capture_output=True, timeout=_TIMEOUT)
    extension = target.split(":")[0]
    result = outdir / f"{source.stem}.{extension}"
    if not result.is_file():
        pytest.fail(f"LibreOffice did not produce {result}")
    return result
