"""How fast the terminal interface is, each figure beside a baseline from the same run.

    python benchmarks/bench_tui.py

1. The screen an author works in: `drafter open` on the Brazil sample project (a copy, opened
   once before to fill its caches, as any project opened a second time), from process start to
   the walk screen drawn with paragraph 17's text and its claims (headless), against a minimal
   Textual app's first frame in a fresh process. Target: within 1.5x. Alternating runs,
   medians. An "Opening …" frame, when there is one, does not count. Both children run with
   their bytecode compiled (in a temporary cache, filled by one unmeasured run of each), as
   after `pip install`: Textual's is in site-packages, drafter's would otherwise be compiled
   again by every process of a checkout run with PYTHONDONTWRITEBYTECODE. The processes' CPU
   time is printed beside the wall-clock figures: on a shared machine it moves less.
   A third fresh process, `stock_walk.py`, draws the same screen from Textual's stock widgets
   (the same panes at the same size, filled with the words drafter showed, read from a JSON
   file), with no drafter code and no project to open: what Textual itself needs to draw this
   much. It is printed against the minimal app and against drafter. Textual alone needs about
   1.6-1.7x the minimal app for this screen, so the 1.5x target above cannot be met by any
   walk screen built of these widgets; drafter's own share is the ratio to the stock screen.
   Target: within 1.2x of it (opening the project, drafter's modules, its own widgets).
2. Next paragraph: the time the walk screen blocks the UI to show the next CO paragraph (its
   text, the four link groups, the author's entry). Target: median within 50 ms.
3. A keystroke in a 5,000-word commentary (kept as paragraphs) against the same keystroke in an
   empty commentary, both through Pilot in the same app (Pilot's own waits cost the same for
   both). Target: within 1.2x.
4. Next paragraph and keystroke on the Kazakhstan seed project, and all three on a synthetic
   project of 1,000 CO paragraphs. Target: within 2x of the baselines (walk screen, keystroke)
   for the synthetic one, and next paragraph within 2x of 50 ms.

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.project.workspace import Workspace  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
SEEDS = CORPUS / "seeds"
RUNS = 9  # alternating runs of each child: medians of nine move less on a shared machine

# Each child prints the wall-clock time of its first frame showing what it is measured for, and
# the CPU time used by then, then leaves at once: shutting down is not part of starting up. A
# frame is timed when Textual hands it to the (headless) driver, the same way for both.
MINIMAL_APP = """
import os, time
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None:
            return
        now = time.time(), time.process_time()
        assert any("hello" in s.text for s in screen._compositor.render_strips())
        print(*now, flush=True)
        os._exit(0)
Minimal().run(headless=True)
"""

DRAFTER_APP = """
import os, sys, time
from pathlib import Path
import drafter.tui.app
from drafter.tui.app import DrafterApp
# Screens are recognised by name: importing them here would load the project model before the
# app itself does.
class WalkDrawn(DrafterApp):
    CSS_PATH = str(Path(drafter.tui.app.__file__).with_name("app.tcss"))
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        name = type(screen).__name__
        if name == "StartupErrorScreen":
            sys.stderr.write(screen.error.one_line())
            os._exit(2)
        if renderable is None or name != "WalkScreen" or not screen.paragraphs:
            return
        now = time.time(), time.process_time()
        # This frame shows the paragraph (its number on the status line, its first words) and
        # its first claim, or the next one is timed.
        frame = "\\n".join(s.text for s in screen._compositor.render_strips())
        paragraph = screen.paragraphs[screen.index]
        claim = screen.claims.highlighted_link()
        if claim is None:
            return
        shown = [
            f"¶ {paragraph.id} ",
            " ".join(paragraph.text.split()[:2]),
            screen.claims._citations[claim.key].split()[0],
        ]
        if all(text in frame for text in shown):
            print(*now, flush=True)
            os._exit(0)
WalkDrawn(sys.argv[1], paragraph=sys.argv[2]).run(headless=True, size=(160, 48))
"""


async def _walk_shown(project: Path, paragraph: str) -> dict[str, object]:
    """The words drafter's walk screen shows for `paragraph`, pane by pane (one Pilot run)."""
    from drafter.tui.app import DrafterApp
    from drafter.tui.screens.walk import WalkScreen
    from drafter.tui.settings import Settings

    app = DrafterApp(project, paragraph=paragraph, settings=Settings(autosave_seconds=3600))
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.ready:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        shown_keys = [b.binding for b in walk.active_bindings.values() if b.binding.show]
        navigator = walk.navigator._option_list.options
        return {
            "keys": [(b.key.split(",")[0], b.description) for b in shown_keys],
            "filter": str(walk.navigator._filter_label.render()),
            "navigator": [(str(o.prompt), not o.disabled) for o in navigator],
            "paragraph": str(walk.co_view.body.render()),
            "links": [
                [str(o.prompt) for o in pane._list.options]
                for pane in (walk.claims, walk.prior, walk.evidence)
            ],
            "assessment": str(walk.picker.render()),
            "commentary": walk.editor.text,
            "count": str(walk.editor.counter.render()),
            "questions": walk.questions.items,
            "recommendations": walk.recommendations.items,
            "status": str(walk.status.render()),
        }


def brazil_sample(folder: Path) -> Path:
    """A copy of the Brazil sample, opened once (documents and links cached, as after any
    first opening)."""
    shutil.copytree(REPO / "sample_projects" / "brazil-cerd-follow-up-2026", folder)
    ws = Workspace.open(folder)
    try:
        ws.warm_links()
    finally:
        ws.close()
    return folder


def seed_project(folder: Path) -> Path:
    ws = Workspace.create(folder, "cerd-alternative-report", title="Kazakhstan", state="Kazakhstan")
    try:
        for pattern, kind in [
            ("002_*.txt", "state-report"),
            ("000_*.txt", "committee-letter"),
            ("001_*.txt", "compilation"),
            ("003_*.txt", "evidence"),
            ("004_*.txt", "evidence"),
        ]:
            ws.import_source(next(SEEDS.glob(pattern)), kind)
    finally:
        ws.close()
    return folder


def synthetic_project(folder: Path, n: int = 1000) -> Path:
    """n CO paragraphs in topics of four (concern, recommendation …), and a State report
    answering each."""
    words = ["measures", "legislation", "minorities", "language", "education", "police"]
    co = [
        "Concluding observations on the report of Testland",
        "",
        "C. Concerns and recommendations",
    ]
    state = ["Report of Testland", ""]
    for i in range(1, n + 1):
        if i % 4 == 1:
            co.append(f"Topic {i // 4 + 1}")
        w = " ".join(words[(i + k) % len(words)] for k in range(40))
        if i % 2:
            co.append(f"{i}. The Committee is concerned about {w}.")
        else:
            co.append(
                f"{i}. The Committee recommends that the State party: (a) review {w}; (b) act."
            )
        state.append(f"{i}. In reply to paragraph {i} of the concluding observations, {w}.")
    src = folder.parent / "sources-in"
    src.mkdir(exist_ok=True)
    (src / "co.txt").write_text("\n".join(co) + "\n", encoding="utf-8")
    (src / "state.txt").write_text("\n".join(state) + "\n", encoding="utf-8")
    ws = Workspace.create(folder, "cerd-alternative-report", title="Testland", state="Testland")
    try:
        ws.import_source(src / "co.txt", "concluding-observations", "CERD/C/TST/CO/1")
        ws.import_source(src / "state.txt", "state-report", "CERD/C/TST/2")
    finally:
        ws.close()
    return folder


def frames(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting the process to the frame it reports, and the CPU seconds the
    process had used by then."""
    t = time.time()
    done = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
    wall, cpu = done.stdout.split()[-2:]
    return float(wall) - t, float(cpu)


class Frames:
    """Medians of the first frames of the minimal app, of drafter and of the same screen in
    stock widgets: (wall, CPU) each."""

    def __init__(
        self,
        base: list[tuple[float, float]],
        ours: list[tuple[float, float]],
        stock: list[tuple[float, float]],
    ):
        self.base = statistics.median(w for w, _ in base)
        self.ours = statistics.median(w for w, _ in ours)
        self.stock = statistics.median(w for w, _ in stock)
        self.base_cpu = statistics.median(c for _, c in base)
        self.ours_cpu = statistics.median(c for _, c in ours)
        self.stock_cpu = statistics.median(c for _, c in stock)

    def cpu_line(self) -> str:
        return (
            f"{'  walk screen, CPU time':26} {self.ours_cpu * 1000:8.1f}ms "
            f"{self.base_cpu * 1000:8.1f}ms {self.ours_cpu / self.base_cpu:6.2f}x"
        )

    def stock_cpu_line(self) -> str:
        return (
            f"{'  drafter / stock, CPU':26} {self.ours_cpu * 1000:8.1f}ms "
            f"{self.stock_cpu * 1000:8.1f}ms {self.ours_cpu / self.stock_cpu:6.2f}x"
        )


def walk_drawn(project: Path, paragraph: str, bytecode: Path) -> Frames:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    shown = bytecode.parent / f"shown-{project.name}.json"
    shown.write_text(json.dumps(asyncio.run(_walk_shown(project, paragraph))), encoding="utf-8")
    minimal = [sys.executable, "-c", MINIMAL_APP]
    drafter = [sys.executable, "-c", DRAFTER_APP, str(project), paragraph]
    stock = [sys.executable, str(REPO / "benchmarks" / "stock_walk.py"), str(shown)]
    for args in (minimal, drafter, stock):
        frames(args, env)  # compiles the programs' bytecode: not measured
    base, ours, same = [], [], []
    for _ in range(RUNS):
        base.append(frames(minimal, env))
        ours.append(frames(drafter, env))
        same.append(frames(stock, env))
    return Frames(base, ours, same)


def commentary(words: int) -> str:
    """Paragraphs of about 100 words, never one huge line."""
    vocab = ["the", "State", "party", "reports", "measures", "but", "no", "data", "on", "results"]
    paras = []
    for p in range(words // 100):
        paras.append(" ".join(vocab[(p + k) % len(vocab)] for k in range(100)))
    return "\n\n".join(paras)


async def in_app(project: Path) -> tuple[float, float, float]:
    from drafter.tui.app import DrafterApp
    from drafter.tui.screens.walk import WalkScreen
    from drafter.tui.settings import Settings

    ws = Workspace.open(project, read_only=True)
    ids = [p.id for p in ws.co_paragraphs()]
    ws.close()
    app = DrafterApp(project, paragraph=ids[0], settings=Settings(autosave_seconds=3600))
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.ready:
            await pilot.pause(0.01)
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        steps = []
        for pid in ids[1 : min(len(ids), 200)]:
            t = time.perf_counter()
            walk.go_to(pid)
            steps.append(time.perf_counter() - t)
            await pilot.pause()  # let the frame draw before the next step
        next_paragraph = statistics.median(steps)

        async def keys(n: int = 40) -> float:
            times = []
            for _ in range(n):
                t = time.perf_counter()
                await pilot.press("x")
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        walk.editor.load("")
        walk.editor.area.focus()
        empty = await keys()
        big = commentary(5000)
        walk.editor.load(big, cursor=(len(big.splitlines()) // 2, 50))
        walk.editor.area.focus()
        full = await keys()
        walk.editor.load("")
        await pilot.press("ctrl+q")
    return next_paragraph, empty, full


def table(name: str, rows: list[tuple[str, float, float, float]]) -> bool:
    ok = True
    print(f"\n{name}")
    print(f"{'':26} {'drafter':>10} {'baseline':>10} {'ratio':>7} {'target':>7}")
    for label, value, baseline, target in rows:
        ratio = value / baseline
        mark = "ok" if ratio <= target else "MISSED"
        ok &= ratio <= target
        print(
            f"{label:26} {value * 1000:8.1f}ms {baseline * 1000:8.1f}ms "
            f"{ratio:6.2f}x {target:6.2f}x {mark}"
        )
    return ok


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    try:
        bytecode = tmp / "bytecode"
        brazil = brazil_sample(tmp / "brazil")
        drawn = walk_drawn(brazil, "17", bytecode)
        ok = table(
            "Brazil sample, paragraph 17",
            [
                ("walk screen drawn", drawn.ours, drawn.base, 1.5),
                ("same screen, stock widgets", drawn.stock, drawn.base, 1.5),
                ("drafter / stock widgets", drawn.ours, drawn.stock, 1.2),
            ],
        )
        print(drawn.cpu_line())
        print(drawn.stock_cpu_line())
        kz = seed_project(tmp / "kz")
        nxt, empty, full = asyncio.run(in_app(kz))
        ok &= table(
            "Kazakhstan seed project",
            [("next paragraph", nxt, 0.050, 1.0), ("keystroke, 5,000 words", full, empty, 1.2)],
        )
        syn = synthetic_project(tmp / "syn")
        ws = Workspace.open(syn)
        try:
            ws.warm_links()
            first = ws.co_paragraphs()[0].id
        finally:
            ws.close()
        drawn = walk_drawn(syn, first, bytecode)
        nxt, empty, full = asyncio.run(in_app(syn))
        ok &= table(
            "Synthetic project, 1,000 CO paragraphs",
            [
                ("walk screen drawn", drawn.ours, drawn.base, 3.0),
                ("next paragraph", nxt, 0.050, 2.0),
                ("keystroke, 5,000 words", full, empty, 2.4),
            ],
        )
        print(drawn.cpu_line())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        "\nbaselines: a minimal Textual app's first frame (fresh process, same run); the same "
        "walk screen in stock Textual widgets (stock_walk.py, fresh process, same run); 50 ms; "
        "the same key in an empty commentary"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
