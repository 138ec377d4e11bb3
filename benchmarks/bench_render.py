"""How fast `drafter render` is, against pandoc on the same content, in the same run.

    python benchmarks/bench_render.py [--repeat N]

1. The Kazakhstan sample (seeds: State report, committee letter, compilation, two FIDH
   statements; six paragraphs of example commentary): target <= 1 s.
2. A synthetic project of 60 topics, 15,000 words of commentary and 120 footnotes (citations and
   Markdown notes): target no slower than `pandoc` converting the same Markdown to DOCX.

Projects are built with the real commands (`drafter new`, `drafter import`) in a temporary
folder; only the render itself is timed (the best of N runs, for both drafter and pandoc).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from click.testing import CliRunner  # noqa: E402

from drafter.cli import cli  # noqa: E402
from drafter.project.workspace import Workspace  # noqa: E402
from drafter.render import render_docx  # noqa: E402

TOPICS = 60
WORDS = 15_000
NOTES = 120
WORDS_POOL = [
    *[
        "the",
        "committee",
        "state",
        "party",
        "measures",
        "implementation",
        "discrimination",
        "minorities",
        "law",
    ],
    *[
        "policy",
        "data",
        "access",
        "justice",
        "education",
        "employment",
        "housing",
        "health",
        "language",
        "ethnic",
    ],
    *[
        "groups",
        "report",
        "information",
        "commission",
        "complaints",
        "training",
        "officials",
        "courts",
        "cases",
    ],
    *[
        "victims",
        "remedies",
        "national",
        "action",
        "plan",
        "budget",
        "consultation",
        "civil",
        "society",
        "review",
    ],
]


def drafter(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(result.output)


def synthetic_co(path: Path) -> None:
    """A concluding-observations text with 60 topics, each a concern and a recommendation."""
    lines = [
        "CERD/C/XYZ/CO/1-2",
        "Committee on the Elimination of Racial Discrimination",
        "Concluding observations on the combined first and second periodic reports of Examplestan",
        "A.\tIntroduction",
        "1.\tThe Committee considered the combined reports of the State party.",
        "C.\tConcerns and recommendations",
    ]
    n = 2
    for t in range(1, TOPICS + 1):
        lines.append(f"Topic number {t} of the synthetic report")
        lines.append(
            f"{n}.\tThe Committee is concerned about the situation described under topic {t}."
        )
        lines.append(
            f"{n + 1}.\tThe Committee recommends that the State party take measures on topic {t}."
        )
        n += 2
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def sentence(rng: random.Random, words: int) -> str:
    w = [rng.choice(WORDS_POOL) for _ in range(words)]
    return " ".join(w).capitalize() + "."


def synthetic_project(folder: Path) -> str:
    """Build the project; returns the same commentary as one Markdown document for pandoc."""
    co = folder.parent / "synthetic-co.txt"
    synthetic_co(co)
    drafter("new", str(folder), "--template", "cerd-alternative-report", "--state", "Examplestan")
    drafter("import", str(folder), str(co), "--as", "concluding-observations")
    rng = random.Random(7)
    per_topic = WORDS // TOPICS
    notes_per_topic = NOTES // TOPICS
    md_parts: list[str] = []
    with Workspace.open(folder) as ws:
        recs = [c for c in ws.co_paragraphs() if c.role.value == "recommendation"]
        if len(recs) < TOPICS:
            raise SystemExit(f"synthetic CO parsed into {len(recs)} recommendations, not {TOPICS}")
        for i, co_para in enumerate(recs[:TOPICS]):
            paras: list[str] = []
            words = 0
            k = 0
            while words < per_topic:
                n = min(60, per_topic - words)
                text = " ".join(sentence(rng, 12) for _ in range(max(1, n // 12)))
                if k < notes_per_topic:
                    # Half the notes are citations, half Markdown footnotes.
                    text += f"[@cerd-c-xyz-co-1-2:{co_para.id}]" if k % 2 == 0 else f"[^n{k}]"
                    k += 1
                paras.append(f"**{text[:12]}**{text[12:]}" if len(paras) % 3 == 0 else text)
                words += len(text.split())
            notes = [f"[^n{j}]: {sentence(rng, 8)}" for j in range(1, notes_per_topic, 2)]
            body = "\n\n".join([*paras, "- " + sentence(rng, 6), "- " + sentence(rng, 6)])
            commentary = body + "\n\n" + "\n".join(notes)
            e = ws.entry(co_para.id)
            e.assessment = "partially-satisfactory"
            e.commentary = commentary
            e.recommendations = [sentence(rng, 10)]
            ws.touch(co_para.id)
            # pandoc gets the same text, citations as plain notes (it has no such syntax).
            pandoc_md = (
                commentary.replace(f"[@cerd-c-xyz-co-1-2:{co_para.id}]", f"[^c{i}]")
                + f"\n[^c{i}]: CERD/C/XYZ/CO/1-2, para. {co_para.id}.\n"
            )
            for j in range(1, notes_per_topic, 2):
                pandoc_md = pandoc_md.replace(f"[^n{j}]", f"[^t{i}n{j}]")
            md_parts.append(f"## {co_para.topic}\n\n{pandoc_md}")
        ws.save()
    return "\n\n".join(md_parts)


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def render_time(project: Path, out: Path, repeat: int) -> tuple[float, str]:
    with Workspace.open(project, read_only=True) as ws:
        report = None

        def run() -> None:
            nonlocal report
            report = render_docx(ws, out)

        t = best(run, repeat)
    assert report is not None
    return t, f"{report.counts.body:,} body words, {report.footnotes} footnotes"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    ok = True
    try:
        sys.path.insert(0, str(REPO / "tests"))
        from tests.render.conftest import build_kazakhstan

        kz = build_kazakhstan(tmp / "kazakhstan")
        t, what = render_time(kz, tmp / "kz.docx", args.repeat)
        verdict = "ok" if t <= 1.0 else "TOO SLOW"
        ok &= t <= 1.0
        print(f"Kazakhstan sample: {t:.3f} s ({what}); target <= 1 s: {verdict}")
        drafter_exe = shutil.which("drafter")
        if drafter_exe:

            def cli_render() -> None:
                subprocess.run(
                    [drafter_exe, "render", str(kz), "-o", str(tmp / "kz-cli.docx")],
                    check=True,
                    capture_output=True,
                )

            t_cli = best(cli_render, args.repeat)
            print(f"  the whole `drafter render` command (start-up, open, render): {t_cli:.3f} s")

        md = synthetic_project(tmp / "synthetic")
        t_drafter, what = render_time(tmp / "synthetic", tmp / "synthetic.docx", args.repeat)
        md_file = tmp / "synthetic.md"
        md_file.write_text(md, encoding="utf-8")
        if shutil.which("pandoc"):

            def pandoc() -> None:
                subprocess.run(["pandoc", str(md_file), "-o", str(tmp / "pandoc.docx")], check=True)

            t_pandoc = best(pandoc, args.repeat)
            verdict = "ok" if t_drafter <= t_pandoc else "SLOWER THAN PANDOC"
            ok &= t_drafter <= t_pandoc
            print(
                f"Synthetic {TOPICS} topics: drafter {t_drafter:.3f} s ({what}); "
                f"pandoc {t_pandoc:.3f} s on the same Markdown "
                f"({len(md.split()):,} words): {verdict}"
            )
        else:
            print(f"Synthetic {TOPICS} topics: drafter {t_drafter:.3f} s ({what}); no pandoc")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
