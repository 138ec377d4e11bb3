"""Templates are data: a folder under `templates/` with a `template.toml` (and maybe a
`reference.docx`). This module reads and validates them; it knows nothing of DOCX.

A template may say `extends = "other-id"`: it starts from that template's table and overrides
what it gives (tables such as `labels` key by key; arrays such as `scale` whole). A translation
(a different `language` from its parent) must translate every label, every boilerplate text and
the scale, so that no English is left in a French report.

See templates/README.md for the format a maintainer writes.
"""

from __future__ import annotations

import dataclasses
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from drafter.documents.roots import data_roots
from drafter.errors import TemplateError


@dataclass
class AssessmentLevel:
    """One grade on the template's scale; its position is the number key that picks it."""

    id: str  # "partially-satisfactory"
    label: str  # "Partially satisfactory"
    colour: str = "FFFFFF"  # cell shading in the summary table, hex RRGGBB
    description: str = ""


# The parts of a report a word limit can count (`WordLimit.counts`; report/words.py counts
# them), and the two rules templates wrote before parts could be named one by one. Here, not
# in words.py: loading a template checks its rule without loading the report's model.
COUNTED_PARTS = ("body", "quotations", "footnotes", "annexes", "cover")
COUNT_ALIASES: dict[str, tuple[str, ...]] = {
    "all": ("body", "quotations", "footnotes", "annexes"),
    "body": ("body", "quotations"),
}


@dataclass
class WordLimit:
    words: int = 0  # 0: the committee publishes no limit (see `source`)
    # The parts of the report the limit counts (see drafter/project/report/words.py): a list of
    # "body", "quotations", "footnotes", "annexes", "cover"; or "all" (all but the cover) or
    # "body" (the body and its quotations), the two rules of earlier templates.
    counts: str | list[str] = field(
        default_factory=lambda: ["body", "quotations", "footnotes", "annexes"]
    )
    source: str = ""  # where the number comes from, or "not found"


@dataclass
class Template:
    id: str
    name: str
    committee: str
    treaty: str = ""
    committee_name: str = ""  # "Committee on the Elimination of Racial Discrimination"
    description: str = ""
    extends: str = ""  # id of the template this one starts from
    submission_type: str = "alternative-report"  # alternative-report, follow-up, list-of-issues
    language: str = "en"
    report_label: str = "Alternative report"
    only_follow_up: bool = False  # follow-up submissions cover the follow-up paragraphs only
    questions_first: bool = False  # list-of-issues submissions lead with questions
    scale: list[AssessmentLevel] = field(default_factory=list)
    word_limit: WordLimit = field(default_factory=WordLimit)
    deadline_rule: str = ""
    deadline_days_before_session: int = 0
    sections: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    boilerplate: dict[str, str] = field(default_factory=dict)
    citation: dict[str, str] = field(default_factory=dict)
    numbering: dict[str, str] = field(default_factory=dict)
    folder: str = ""  # filled in by the loader

    def level(self, assessment_id: str) -> AssessmentLevel | None:
        for lv in self.scale:
            if lv.id == assessment_id:
                return lv
        return None

    def label(self, key: str, **values: str) -> str:
        """A label in the template's language (English fallback), placeholders filled."""
        text = self.labels.get(key) or DEFAULT_LABELS.get(key, key)
        return text.format_map(_Blank(values)) if values else text

    def text(self, key: str, **values: str) -> str:
        """A boilerplate text with its placeholders filled ("" if the template has none)."""
        raw = self.boilerplate.get(key, "")
        return raw.format_map(_Blank(values)) if raw else ""

    @property
    def reference_docx(self) -> Path | None:
        p = Path(self.folder) / "reference.docx"
        return p if p.is_file() else None


class _Blank(dict[str, str]):
    """format_map mapping where an unknown or empty placeholder gives "" rather than an error."""

    def __missing__(self, key: str) -> str:
        return ""


# Every label the renderer uses, with the English text (the fallback). `drafter templates check`
# requires each one in every template, so a translation cannot leave one behind.
DEFAULT_LABELS: dict[str, str] = {
    "contents": "Contents",
    "executive_summary": "Executive summary",
    "about": "About the submitting organisations",
    "methodology": "Methodology",
    "topics": "Implementation of the concluding observations",
    "questions_section": "Suggested questions for the list of issues",
    "summary_table": "Summary of assessments and recommendations",
    "annexes": "Annexes",
    "sources": "Annex: documents cited",
    "paragraph": "Paragraph {id}",
    "follow_up": "Follow-up paragraph",
    "committee_recommendation": "The Committee's recommendation",
    # A concern is not a recommendation: the lead line names what the quoted paragraph is.
    "committee_concern": "The Committee's concern",
    "committee_observation": "The Committee's observation",
    "state_claims": "What the State party reports",
    "no_claims": "The State party's report does not address this paragraph.",
    "claims_more": "See also {refs}.",
    "assessment": "Assessment",
    "not_assessed": "Not assessed",
    "commentary": "Commentary",
    "questions": "Suggested questions",
    "questions_lead": (
        "The submitting organisations suggest that the Committee ask the State party:"
    ),
    "recommendations": "Recommendations",
    "recommendations_lead": (
        "The submitting organisations recommend that the Committee urge the State party to:"
    ),
    "col_paragraph": "Paragraph",
    "col_topic": "Topic",
    "col_assessment": "Assessment",
    "col_recommendation": "Key recommendation",
    "col_symbol": "Symbol",
    "col_title": "Title",
    "col_date": "Date",
    "col_kind": "Document",
    "submitted_by": "Submitted by",
    "contact": "Contact",
    "session": "Session",
    "date": "Date",
    "state": "State party",
    "general": "General",
    "kind_concluding_observations": "Concluding observations",
    "kind_state_report": "State party report",
    "kind_committee_letter": "Committee letter",
    "kind_compilation": "Compilation",
    "kind_list_of_issues": "List of issues",
    "kind_evidence": "Evidence",
    "confidential_line": "Confidential",
    "draft_line": "Draft – not for submission",
    "draft_notice": "Draft: this document is not ready to be sent. Fix these problems first:",
    # A review copy (`drafter render --review`): the line on every page, and how a reviewer's
    # proposed change the author has not yet taken reads in its comment.
    "review_line": "Draft for review – not for submission",
    "review_insertion": "Proposed insertion",
    "review_deletion": "Proposed deletion",
    "review_replacement": "Proposed change",
}

# Placeholders a boilerplate text may use (see templates/README.md).
PLACEHOLDERS = frozenset(
    {
        "title",
        "report_label",
        "committee",
        "committee_name",
        "treaty",
        "state",
        "session",
        "organisations",
        "date",
        "deadline",
        "co_symbol",
        "state_report_symbol",
        "id",
        "refs",
    }
)
BOILERPLATE_KEYS = ("cover_intro", "confidential", "public", "summary_intro")
SECTIONS = frozenset(
    {
        "executive_summary",
        "about",
        "methodology",
        "questions",
        "topics",
        "summary_table",
        "annexes",
        "sources",
    }
)
SUBMISSION_TYPES = frozenset({"alternative-report", "follow-up", "list-of-issues"})
_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def template_roots() -> list[Path]:
    """Where templates are looked for, first wins (the same folders as the language data)."""
    return data_roots()


def _read_toml(folder: Path) -> dict[str, Any]:
    path = folder / "template.toml"
    if not path.is_file():
        raise TemplateError("no template.toml in this folder", path=folder)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"not valid TOML: {exc}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError("not UTF-8 text", path=path) from exc


def _parent_folder(folder: Path, parent_id: str) -> Path:
    # A sibling folder first (a maintainer's own set of templates), then the known roots.
    sibling = folder.parent / parent_id
    if (sibling / "template.toml").is_file():
        return sibling
    found = available_templates().get(parent_id)
    if found is None:
        raise TemplateError(
            f"extends: no template named {parent_id!r}", path=folder / "template.toml"
        )
    return found


def _merged(folder: Path, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """The template's table with its parents' merged in, and the parent's own merged table."""
    raw = _read_toml(folder)
    parent_id = raw.get("extends", "")
    if not parent_id:
        return raw, {}
    path = folder / "template.toml"
    if not isinstance(parent_id, str):
        raise TemplateError("extends: expected a template id (a string)", path=path)
    if parent_id in seen or parent_id == folder.name:
        chain = " -> ".join([*seen, folder.name, parent_id])
        raise TemplateError(f"extends: the templates extend each other ({chain})", path=path)
    parent, _ = _merged(_parent_folder(folder, parent_id), (*seen, folder.name))
    merged = dict(parent)
    for key, value in raw.items():
        if isinstance(value, dict) and isinstance(parent.get(key), dict):
            merged[key] = {**parent[key], **value}
        else:
            merged[key] = value
    return merged, parent


def _unknown_keys(raw: dict[str, Any], path: Path) -> None:
    """msgspec ignores unknown keys in dataclasses; a typo must not pass silently."""
    known = {f.name for f in dataclasses.fields(Template)} - {"folder"}
    for key in raw:
        if key not in known:
            raise TemplateError(f"{key}: unknown field (known: {', '.join(sorted(known))})", path)
    sub = {
        "word_limit": {f.name for f in dataclasses.fields(WordLimit)},
    }
    for key, fields in sub.items():
        if isinstance(raw.get(key), dict):
            for k in raw[key]:
                if k not in fields:
                    raise TemplateError(f"{key}.{k}: unknown field", path)
    for i, lv in enumerate(raw.get("scale") or []):
        if isinstance(lv, dict):
            for k in lv:
                if k not in {f.name for f in dataclasses.fields(AssessmentLevel)}:
                    raise TemplateError(f"scale[{i}].{k}: unknown field", path)


def load_template(folder: Path) -> Template:
    """Read and validate `folder/template.toml` (and what it extends); errors name the field."""
    path = folder / "template.toml"
    raw, _parent = _merged(folder)
    _unknown_keys(raw, path)
    try:
        tpl = msgspec.convert(raw, Template, strict=True)
    except msgspec.ValidationError as exc:
        raise TemplateError(str(exc).replace("$.", ""), path=path) from exc
    tpl.folder = str(folder)
    problems = validate(tpl, complete=False)
    if problems:
        raise TemplateError(problems[0], path=path)
    return tpl


def check_template(folder: Path) -> list[str]:
    """Everything `drafter templates check` reports: [] when the template is complete."""
    try:
        tpl = load_template(folder)
    except TemplateError as exc:
        return [exc.message]
    return validate(tpl, complete=True)


def validate(tpl: Template, complete: bool = True) -> list[str]:
    """What is wrong with a loaded template, each message starting with the field's path.

    Loading rejects what would break rendering; `complete` adds what a shipped template must
    also have (every label, the boilerplate, the source of the word limit, translations)."""
    out: list[str] = []
    if not _ID.fullmatch(tpl.id):
        out.append(f"id: {tpl.id!r} must be lower-case letters, digits and hyphens")
    if tpl.submission_type not in SUBMISSION_TYPES:
        out.append(
            f"submission_type: {tpl.submission_type!r} is not one of "
            + ", ".join(sorted(SUBMISSION_TYPES))
        )
    seen: set[str] = set()
    for i, lv in enumerate(tpl.scale):
        if not _ID.fullmatch(lv.id):
            out.append(f"scale[{i}].id: {lv.id!r} must be lower-case letters, digits, hyphens")
        if lv.id in seen:
            out.append(f"scale[{i}].id: {lv.id!r} appears twice")
        seen.add(lv.id)
        if not _COLOUR.fullmatch(lv.colour):
            out.append(f"scale[{i}].colour: {lv.colour!r} is not a hex colour RRGGBB")
        if not lv.label.strip():
            out.append(f"scale[{i}].label: empty")
    if tpl.word_limit.words < 0:
        out.append("word_limit.words: must be 0 (no limit found) or more")
    out.extend(_counts_problems(tpl.word_limit.counts))
    for i, s in enumerate(tpl.sections):
        if s not in SECTIONS:
            out.append(f"sections[{i}]: {s!r} is not one of {', '.join(sorted(SECTIONS))}")
    for key in tpl.labels:
        if key not in DEFAULT_LABELS:
            out.append(f"labels.{key}: unknown label")
    for key, text in tpl.boilerplate.items():
        if key not in BOILERPLATE_KEYS:
            out.append(f"boilerplate.{key}: unknown (known: {', '.join(BOILERPLATE_KEYS)})")
        out.extend(_placeholder_problems(f"boilerplate.{key}", text))
    for key, text in tpl.labels.items():
        out.extend(_placeholder_problems(f"labels.{key}", text))
    style = tpl.citation.get("style", "footnote")
    if style != "footnote":
        out.append(f"citation.style: {style!r}: only 'footnote' (UN Editorial Manual) is supported")
    paras = tpl.numbering.get("paragraphs", "consecutive")
    if paras not in ("consecutive", "none"):
        out.append(f"numbering.paragraphs: {paras!r} is not 'consecutive' or 'none'")
    subs = tpl.numbering.get("sub_items", "(a)")
    if subs not in ("(a)", "a)"):
        out.append(f"numbering.sub_items: {subs!r} is not '(a)' or 'a)'")
    if complete:
        out.extend(_completeness_problems(tpl))
    return out


def _completeness_problems(tpl: Template) -> list[str]:
    out: list[str] = []
    if tpl.folder and Path(tpl.folder).name != tpl.id:
        out.append(f"id: {tpl.id!r} differs from the folder name {Path(tpl.folder).name!r}")
    if not tpl.scale:
        out.append("scale: at least one assessment level is needed")
    if not tpl.word_limit.source.strip():
        out.append("word_limit.source: say where the limit comes from, or that none was found")
    if not tpl.sections:
        out.append("sections: list the report's sections in order")
    for key in DEFAULT_LABELS:
        if not tpl.labels.get(key, "").strip():
            out.append(f"labels.{key}: missing")
    for key in ("cover_intro", "confidential", "public"):
        if not tpl.boilerplate.get(key, "").strip():
            out.append(f"boilerplate.{key}: missing")
    for key in ("paragraph", "paragraphs", "ibid", "available_at"):
        if not tpl.citation.get(key, "").strip():
            out.append(f"citation.{key}: missing")
    if tpl.extends:
        out.extend(_translation_problems(tpl))
    return out


def _counts_problems(counts: str | list[str]) -> list[str]:
    if isinstance(counts, str):
        if counts in COUNT_ALIASES:
            return []
        return [f"word_limit.counts: {counts!r} is not a list of parts, 'all' or 'body'"]
    if not counts:
        return ["word_limit.counts: name at least one part (" + ", ".join(COUNTED_PARTS) + ")"]
    return [
        f"word_limit.counts[{i}]: {part!r} is not one of {', '.join(COUNTED_PARTS)}"
        for i, part in enumerate(counts)
        if part not in COUNTED_PARTS
    ]


def _placeholder_problems(where: str, text: str) -> list[str]:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        return [f"{where}: {exc} (write {{{{ and }}}} for a literal brace)"]
    return [
        f"{where}: unknown placeholder {{{n}}} (known: {', '.join(sorted(PLACEHOLDERS))})"
        for n in names
        if n not in PLACEHOLDERS
    ]


def _translation_problems(tpl: Template) -> list[str]:
    """A template in another language than its parent must override every text itself."""
    folder = Path(tpl.folder)
    if not tpl.folder or not (folder / "template.toml").is_file():
        return []
    own = _read_toml(folder)
    _, parent = _merged(folder)
    if parent.get("language", "en") == tpl.language:
        return []
    out: list[str] = []
    for key in ("name", "report_label", "scale"):
        if key not in own:
            out.append(f"{key}: a '{tpl.language}' translation must give its own {key}")
    for table in ("labels", "boilerplate"):
        mine = own.get(table, {})
        for key in parent.get(table, {}):
            if key not in mine:
                out.append(f"{table}.{key}: not translated into '{tpl.language}'")
    return out


def available_templates() -> dict[str, Path]:
    """Template id (folder name) -> folder, over every root."""
    found: dict[str, Path] = {}
    for root in template_roots():
        for d in sorted(root.iterdir()):
            if (d / "template.toml").is_file() and d.name not in found:
                found[d.name] = d
    return found


def find_template(name: str) -> Template:
    """By id or by path to a template folder."""
    as_path = Path(name)
    if as_path.is_dir():
        return load_template(as_path)
    folders = available_templates()
    if name not in folders:
        known = ", ".join(sorted(folders)) or "none"
        raise TemplateError(f"no template named {name!r} (available: {known})")
    return load_template(folders[name])
