"""Regenerate docs/walk-screen.svg, the README's picture of the walk screen.

    python scripts/screenshot.py [OUT.svg] [--paragraph N] [--size COLUMNSxROWS]

Textual draws the screen itself (`App.save_screenshot`), headless, from the Brazil sample
project, so the picture is exactly what a user sees and needs no terminal or screen-capture tool.
The sample is copied first: opening a project writes its cache folder and where the author left
off, and the screenshot must leave the clone untouched.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

from drafter.tui.app import DrafterApp
from drafter.tui.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_projects" / "brazil-cerd-follow-up-2026"
DEFAULT_OUT = REPO / "docs" / "walk-screen.svg"


async def capture(project: Path, out: Path, paragraph: str, size: tuple[int, int]) -> None:
    # Pin the theme and the layout so the picture does not depend on the user's environment.
    settings = Settings(theme="textual-dark")
    app = DrafterApp(project, paragraph=paragraph, settings=settings)
    async with app.run_test(size=size) as pilot:
        # Let the walk screen mount, load the links and lay itself out.
        for _ in range(5):
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--paragraph", default="36", help="the CO paragraph shown (36)")
    parser.add_argument("--size", default="160x48", help="terminal size, COLUMNSxROWS")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.lower().split("x"))
    out: Path = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / SAMPLE.name
        shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(".drafter"))
        asyncio.run(capture(project, out, args.paragraph, (columns, rows)))
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
