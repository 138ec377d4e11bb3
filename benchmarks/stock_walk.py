"""The walk screen built from Textual's stock widgets, without a line of drafter.

    python benchmarks/stock_walk.py SHOWN.json

`bench_tui.py` runs this in a fresh process beside `drafter open`: the same panes (the paragraph
list with its search and filter line, the Committee's paragraph, three link lists, the
assessment, a Markdown commentary editor with its word count, the questions and the
recommendations, the status line and the key bar) at the same size, filled with the words
drafter showed for the same paragraph (SHOWN.json, written by the benchmark). It measures what
Textual itself needs to draw that much; what drafter takes beyond it is opening the project
and drafter's own code.

Prints the wall-clock time and the CPU time of the first frame that shows the status line,
then leaves at once.
"""

import json
import os
import sys
import time
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

with open(sys.argv[1], encoding="utf-8") as f:
    SHOWN: dict[str, Any] = json.load(f)


class StockWalk(App[None]):
    CSS = """
    #body { height: 1fr; }
    .pane { border: round $primary-darken-2; height: 1fr; }
    .col { width: 1fr; }
    #nav { width: 34; }
    #nav-search { height: 3; }
    OptionList { height: 1fr; border: none; }
    TextArea { height: 1fr; border: none; }
    #assessment { height: auto; }
    .row { height: auto; }
    .number { width: 3; }
    #status { height: 1; }
    """
    BINDINGS: ClassVar = [Binding(key, "bell", label) for key, label in SHOWN["keys"]]

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="nav", classes="pane"):
                yield Input(placeholder="Search", id="nav-search")
                yield Static(SHOWN["filter"], markup=False)
                yield OptionList(*[Option(t, disabled=not ok) for t, ok in SHOWN["navigator"]])
            with Vertical(classes="col"), VerticalScroll(classes="pane"):
                yield Static(SHOWN["paragraph"], markup=False)
            with Vertical(classes="col"):
                for prompts in SHOWN["links"]:
                    yield OptionList(*prompts, classes="pane")
            with Vertical(classes="col"):
                yield Static(SHOWN["assessment"], id="assessment", classes="pane", markup=False)
                with Vertical(classes="pane"):
                    yield TextArea(SHOWN["commentary"], language="markdown", soft_wrap=True)
                    yield Static(SHOWN["count"], markup=False)
                for items in (SHOWN["questions"], SHOWN["recommendations"]):
                    with Vertical(classes="pane"):
                        with VerticalScroll():
                            for n, item in enumerate(items, 1):
                                with Horizontal(classes="row"):
                                    yield Static(f"{n}.", classes="number")
                                    yield Static(item, markup=False)
                        yield Static("a adds one", markup=False)
        yield Static(SHOWN["status"], id="status", markup=False)
        yield Footer()

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if renderable is None:
            return
        now = time.time(), time.process_time()
        frame = "\n".join(s.text for s in screen._compositor.render_strips())
        if SHOWN["status"][:12] in frame:
            print(*now, flush=True)
            os._exit(0)


StockWalk().run(headless=True, size=(160, 48))
