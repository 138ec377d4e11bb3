"""Forms for the report's metadata (cover page, document properties) and its front matter."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TabbedContent, TabPane, TextArea

from drafter.project.model import Organisation, metadata_problem
from drafter.tui.messages import EditFrontMatter, EditMetadata
from drafter.tui.screens.base import DrafterModal

# (field, label, placeholder)
FIELDS = [
    ("title", "Title", "Kazakhstan: alternative report to CERD"),
    ("short_title", "Short title", "In the running header (default: the label and the State)"),
    ("report_label", "Report label", "Alternative report"),
    ("committee", "Committee", "CERD"),
    ("treaty", "Treaty", "International Convention on the Elimination of …"),
    ("state", "State", "Kazakhstan"),
    ("session", "Session", "118th session"),
    ("session_start", "Session starts", "YYYY-MM-DD"),
    ("session_end", "Session ends", "YYYY-MM-DD"),
    ("deadline", "Deadline", "YYYY-MM-DD"),
    ("submitted", "Submitted on", "YYYY-MM-DD, the date on the cover: the day you send it"),
    ("logo", "Logo", "A picture in the project folder: sources/logo.png"),
    ("language", "Language", "en"),
]


def parse_organisations(text: str) -> list[Organisation]:
    """One organisation a line: `name | contact | email | role`."""
    out = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts or not parts[0]:
            continue
        parts += [""] * (4 - len(parts))
        out.append(Organisation(name=parts[0], contact=parts[1], email=parts[2], role=parts[3]))
    return out


def format_organisations(orgs: list[Organisation]) -> str:
    lines = []
    for o in orgs:
        fields = [o.name, o.contact, o.email, o.role]
        while fields and not fields[-1]:
            fields.pop()
        lines.append(" | ".join(fields))
    return "\n".join(lines)


class _Form(DrafterModal[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def buttons(self) -> Horizontal:
        return Horizontal(
            Button("Save (ctrl+s)", id="form-save", variant="primary"),
            Button("Cancel (esc)", id="form-cancel"),
            classes="dialog-buttons",
        )

    @on(Button.Pressed, "#form-save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        raise NotImplementedError


class MetadataScreen(_Form):
    PALETTE_NAME = "metadata"

    def compose(self) -> ComposeResult:
        md = self.drafter.ws.project.metadata
        with Vertical(classes="dialog -wide", id="metadata"):
            yield Static("Report metadata", classes="dialog-title")
            with VerticalScroll(classes="form"):
                for name, label, placeholder in FIELDS:
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        yield Input(
                            str(getattr(md, name)), placeholder=placeholder, id=f"md-{name}"
                        )
                with Horizontal(classes="form-row"):
                    yield Label("Confidentiality", classes="form-label")
                    yield Select(
                        [("Public", "public"), ("Confidential", "confidential")],
                        value=md.confidentiality if md.confidentiality else "public",
                        allow_blank=False,
                        id="md-confidentiality",
                    )
                yield Label("Organisations, one a line: name | contact | email | role")
                yield TextArea(format_organisations(md.organisations), id="md-organisations")
            yield self.buttons()

    def action_save(self) -> None:
        app = self.drafter
        if app.ws.read_only:
            app.refuse("metadata")
            return
        md = app.ws.project.metadata
        values: dict[str, Any] = {
            name: self.query_one(f"#md-{name}", Input).value.strip() for name, _, _ in FIELDS
        }
        for name, label, _ in FIELDS:
            # The project layer's rules; the logo's is the one for every path the file names.
            problem = metadata_problem(name, values[name], app.ws.folder)
            if problem:
                # Nothing is saved until the form is right; the author's input stays in place.
                self.notify(f"{label}: {problem}", severity="error")
                self.query_one(f"#md-{name}", Input).focus()
                return
        conf = self.query_one("#md-confidentiality", Select).value
        orgs = parse_organisations(self.query_one("#md-organisations", TextArea).text)
        new = dataclasses.replace(
            md,
            **values,
            confidentiality=conf if isinstance(conf, str) else md.confidentiality,
            organisations=orgs,
        )
        if app.apply(EditMetadata(new)):
            app.autosave.save_now()
        self.dismiss(True)


FRONT = [
    ("executive_summary", "Executive summary"),
    ("about", "About us"),
    ("methodology", "Methodology"),
    ("annexes", "Annexes"),
]


class FrontMatterScreen(_Form):
    PALETTE_NAME = "front matter"

    def compose(self) -> ComposeResult:
        fm = self.drafter.ws.project.front_matter
        with Vertical(classes="dialog -wide", id="front-matter"):
            yield Static("Front matter (Markdown)", classes="dialog-title")
            with TabbedContent():
                for name, label in FRONT:
                    with TabPane(label, id=f"fm-tab-{name}"):
                        yield TextArea(
                            getattr(fm, name),
                            soft_wrap=True,
                            id=f"fm-{name}",
                            read_only=self.drafter.ws.read_only,
                        )
            yield self.buttons()

    def action_save(self) -> None:
        app = self.drafter
        if app.ws.read_only:
            app.refuse("front matter")
            return
        texts: dict[str, Any] = {
            name: self.query_one(f"#fm-{name}", TextArea).text for name, _ in FRONT
        }
        if app.apply(EditFrontMatter(dataclasses.replace(app.ws.project.front_matter, **texts))):
            app.autosave.save_now()
        self.dismiss(True)
