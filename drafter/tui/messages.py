"""Changes to the project, as messages.

Screens and widgets never change the project themselves: they post one of these and the app
applies it in one place (`DrafterApp.apply`): it takes the model lock, refuses visibly when the
project is open read-only, records the change for the autosave, and tells the screens. Each
message names the paragraph it is about when it is made, so a change can never land on the
paragraph the author moved to in the meantime.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from drafter.project.model import FrontMatter, Metadata


class ProjectChange(Message):
    """Base of every change; `what` says in words what a read-only session refuses."""

    what = "changes"


class EditEntry(ProjectChange):
    """Set fields of one paragraph's entry: `EditEntry("17", assessment="satisfactory")`."""

    def __init__(self, paragraph: str, **fields: Any) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.fields = fields
        self.what = _FIELD_WORDS.get(next(iter(fields), ""), "changes")


class ChooseLink(ProjectChange):
    """Pin, unpin, hide or unhide a link of one paragraph."""

    what = "pins and hidden links"

    def __init__(self, paragraph: str, link_key: str, verb: str) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.link_key = link_key
        self.verb = verb  # "pin", "unpin", "hide", "unhide"


class ChooseQuote(ProjectChange):
    """The State's words the report quotes from a linked paragraph (`link_key`) in this
    paragraph's section; `words` "" goes back to that paragraph's first sentences. The project
    layer refuses words the paragraph does not say (`Workspace.choose_quote`)."""

    what = "quotations"

    def __init__(self, paragraph: str, link_key: str, words: str) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.link_key = link_key
        self.words = words


class EditMetadata(ProjectChange):
    what = "metadata"

    def __init__(self, metadata: Metadata) -> None:
        super().__init__()
        self.metadata = metadata


class EditFrontMatter(ProjectChange):
    what = "front matter"

    def __init__(self, front_matter: FrontMatter) -> None:
        super().__init__()
        self.front_matter = front_matter


class AddKnownWord(ProjectChange):
    """A word the spelling check should accept in this project (a name, an acronym)."""

    what = "the word list"

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word


class ActOnReviewNote(ProjectChange):
    """Answer, resolve, reopen, accept, reject or place one review note (`review.act`, the
    function `drafter review` uses); accepting a proposed change changes the paragraph's text."""

    what = "review notes"

    def __init__(self, note_id: str, verb: str, *, text: str = "", paragraph: str = "") -> None:
        super().__init__()
        self.note_id = note_id
        self.verb = verb  # one of drafter.project.review.VERBS
        self.text = text  # an answer
        self.paragraph = paragraph  # where "place" puts it


class MoveEntry(ProjectChange):
    """Give the whole entry of one paragraph (one set aside as LOI-5, say) to another that has
    no words of its own; the project layer refuses to overwrite (`Workspace.move_entry`)."""

    what = "entries"

    def __init__(self, paragraph: str, to: str) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.to = to


class Refused(Message):
    """A widget refused an edit because the project is open read-only; the app says so."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what


class Typing(Message):
    """The author is typing (commentary or an item): the autosave notes the time only."""


_FIELD_WORDS = {
    "assessment": "assessments",
    "commentary": "commentary",
    "questions": "questions",
    "recommendations": "recommendations",
    "evidence": "evidence",
    "done": "the done flag",
    "reviewed": "the reviewed flag",
}
