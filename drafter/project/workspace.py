"""An open project: the project file, its template, its parsed sources and the links between them.

This is the one object the TUI and the renderer talk to. It never imports Textual or python-docx.

API CONTRACT (other packages depend on exactly these names; extend, don't rename):

    ws = Workspace.open(path, read_only=False)   # path: the folder or its drafter.toml
    ws.folder, ws.file                           # Path
    ws.project                                   # model.Project (mutable; call ws.save())
    ws.template                                  # template.Template
    ws.read_only                                 # bool
    ws.documents                                 # dict[source_id, documents.model.Document]
    ws.co_paragraphs()                           # list[COParagraph], CO order
    ws.co_paragraph(pid)                         # COParagraph | None
    ws.links(pid)                                # LinkSet for a CO paragraph
    ws.entry(pid)                                # model.Entry (created on demand)
    ws.touch(pid)                                # mark entry edited (updated timestamp, dirty)
    ws.pin(pid, link_key) / ws.hide(pid, link_key) / ws.unpin / ws.unhide
    ws.cite(source_id, paragraph_id) -> str      # the Markdown token to insert
    ws.citation_text(source_id, paragraph_id)    # "CERD/C/KAZ/11-14, para. 170"
    ws.dirty                                     # unsaved changes?
    ws.save()                                    # atomic; raises ConflictError if changed on disk
    ws.reload()                                  # re-read from disk (after a conflict)
    ws.import_source(path, kind, symbol=None)    # -> ImportReport
    ws.session_state / ws.save_session_state()   # where the author left off (cache folder)
    ws.close()                                   # releases the lock
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from drafter.documents.model import Paragraph, Role


class LinkGroup(StrEnum):
    """The four groups of links shown for a CO paragraph, in this order."""

    CLAIMS = "claims"  # State report paragraphs that explicitly respond (responds_to)
    SUGGESTED_CLAIMS = "suggested-claims"  # State report paragraphs ranked by similarity
    PRIOR_CONCERNS = "prior-concerns"  # earlier COs, committee letters, compilations
    EVIDENCE = "evidence"  # the NGO's own documents


@dataclass(frozen=True, slots=True)
class Link:
    group: LinkGroup
    source_id: str
    paragraph_id: str
    score: float  # 1.0 for explicit links; BM25 score otherwise
    reason: str  # what the author sees: "heading: Follow-up information relating to …"
    pinned: bool = False
    hidden: bool = False

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.paragraph_id}"


@dataclass(slots=True)
class LinkSet:
    paragraph_id: str
    groups: dict[LinkGroup, list[Link]] = field(default_factory=dict)

    def group(self, g: LinkGroup) -> list[Link]:
        return self.groups.get(g, [])


@dataclass(slots=True)
class COParagraph:
    """A concluding-observations paragraph as the author walks it.

    When the CO document is not imported, `placeholder` is True and the text is empty: the
    paragraph is known only because the State report refers to it (its id and topic heading).
    """

    id: str
    text: str = ""
    section: str = ""  # "C. Concerns and recommendations"
    topic: str = ""  # "Rights of refugees and asylum-seekers"
    role: Role = Role.OTHER
    pair: str | None = None
    follow_up: bool = False
    particular_importance: bool = False
    placeholder: bool = False
    source_id: str | None = None
    paragraph: Paragraph | None = None  # the parsed paragraph (sub-items etc.), if imported


@dataclass(slots=True)
class ImportReport:
    source_id: str
    kind: str
    paragraphs: int
    links: int  # explicit links found (responds_to)
    replaced: bool = False  # re-import of a changed file
    unplaced: list[str] = field(default_factory=list)  # entries whose paragraph vanished
    messages: list[str] = field(default_factory=list)
