"""The project file's TOML shape: parsed TOML <-> `model.Project`, with validation.

Validation is msgspec (`convert`, strict): a wrong type names its field path
(`entries.16.assessment: Expected str, got int`). Fields this drafter does not know (written by a
newer one) are moved into `extra` and written back untouched. Values the schema can't know alone
(the assessment scale comes from the template) are checked by `check_assessments`.

Key order on disk is fixed by this module (dataclass field order, entries sorted by paragraph
number) so the file diffs and merges line by line. Empty fields are left out to keep it short.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable
from typing import Any, TypeVar

import msgspec

from drafter.project.model import (
    SCHEMA_VERSION,
    Conflict,
    Entry,
    FrontMatter,
    Metadata,
    Organisation,
    Project,
    ReviewNote,
    Source,
)

T = TypeVar("T")


class SchemaError(Exception):
    """A value in the parsed TOML does not fit the schema; `path` is dotted, `entries.16.done`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


def _known(cls: type[Any]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.name != "extra")


_ENTRY_FIELDS = _known(Entry) - {"paragraph"}
_PROJECT_FIELDS = frozenset(
    {"schema", "metadata", "sources", "front_matter", "entries", "conflicts", "review"}
)
_METADATA_FIELDS = _known(Metadata)
_SOURCE_FIELDS = _known(Source)
_ORGANISATION_FIELDS = _known(Organisation)
_FRONT_MATTER_FIELDS = _known(FrontMatter)
_CONFLICT_FIELDS = _known(Conflict)
_REVIEW_FIELDS = _known(ReviewNote)


def paragraph_sort_key(paragraph_id: str) -> tuple[int, int, str]:
    """ "9" < "16" < "22(a)" < "b3": numbered paragraphs in number order, then the rest."""
    m = re.match(r"(\d+)", paragraph_id)
    if m:
        return (0, int(m[1]), paragraph_id[m.end() :])
    return (1, 0, paragraph_id)


def _convert(value: Any, cls: type[T], path: str) -> T:
    try:
        return msgspec.convert(value, cls, strict=True)
    except msgspec.ValidationError as exc:
        raise _schema_error(exc, path) from None


def _schema_error(exc: msgspec.ValidationError, prefix: str) -> SchemaError:
    # msgspec says "Expected `str`, got `int` - at `$.assessment`" (or `$[0].name`).
    text = str(exc)
    m = re.search(r" - at `\$(?P<where>[^`]*)`$", text)
    where = ""
    if m:
        text = text[: m.start()]
        where = re.sub(r"\[(\d+)\]", r".\1", m["where"]).lstrip(".")
    path = ".".join(p for p in (prefix, where) if p)
    return SchemaError(path, text)


def _table(raw: Any, path: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SchemaError(path, f"expected a table, got {type(raw).__name__}")
    return raw


def _split(raw: dict[str, Any], known: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(known fields, unknown fields): unknown ones are kept in `extra`, never dropped."""
    if raw.keys() <= known:
        return raw, {}
    return (
        {k: v for k, v in raw.items() if k in known},
        {k: v for k, v in raw.items() if k not in known},
    )


def _with_extra(raw: Any, cls: type[T], known: frozenset[str], path: str) -> T:
    fields, extra = _split(_table(raw, path), known)
    obj = _convert(fields, cls, path)
    if extra:
        obj.extra = extra  # type: ignore[attr-defined]  # every T here has `extra`
    return obj


def project_from_toml(data: dict[str, Any]) -> Project:
    """Validate parsed TOML and build the Project; raises SchemaError naming the field."""
    known, extra = _split(data, _PROJECT_FIELDS)
    schema = known.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SchemaError("schema", f"expected an integer, got {schema!r}")
    if schema > SCHEMA_VERSION:
        raise SchemaError(
            "schema",
            f"this file is schema {schema}, written by a newer drafter; this one reads up to "
            f"{SCHEMA_VERSION}",
        )

    meta_raw = _table(known.get("metadata", {}), "metadata")
    meta_fields, meta_extra = _split(meta_raw, _METADATA_FIELDS)
    meta_fields = dict(meta_fields)
    orgs_raw = meta_fields.pop("organisations", [])
    if not isinstance(orgs_raw, list):
        raise SchemaError("metadata.organisations", "expected an array of tables")
    metadata = _convert(meta_fields, Metadata, "metadata")
    metadata.organisations = [
        _with_extra(o, Organisation, _ORGANISATION_FIELDS, f"metadata.organisations.{i}")
        for i, o in enumerate(orgs_raw)
    ]
    metadata.extra = meta_extra

    sources_raw = known.get("sources", [])
    if not isinstance(sources_raw, list):
        raise SchemaError("sources", "expected an array of tables")
    sources = [
        _with_extra(s, Source, _SOURCE_FIELDS, f"sources.{i}") for i, s in enumerate(sources_raw)
    ]

    front_matter = _with_extra(
        known.get("front_matter", {}), FrontMatter, _FRONT_MATTER_FIELDS, "front_matter"
    )
    conflicts = _array_of_tables(known, "conflicts", Conflict, _CONFLICT_FIELDS)
    review = _array_of_tables(known, "review", ReviewNote, _REVIEW_FIELDS)

    entries: dict[str, Entry] = {}
    for pid, raw in _table(known.get("entries", {}), "entries").items():
        fields, entry_extra = _split(_table(raw, f"entries.{pid}"), _ENTRY_FIELDS)
        fields = {**fields, "paragraph": pid}
        entry = _convert(fields, Entry, f"entries.{pid}")
        if entry_extra:
            entry.extra = entry_extra
        entries[pid] = entry

    project = Project(
        schema=schema,
        metadata=metadata,
        sources=sources,
        front_matter=front_matter,
        entries=entries,
        conflicts=conflicts,
        review=review,
    )
    project.extra = extra
    return project


def _array_of_tables(
    known: dict[str, Any], name: str, cls: type[T], fields: frozenset[str]
) -> list[T]:
    raw = known.get(name, [])
    if not isinstance(raw, list):
        raise SchemaError(name, "expected an array of tables")
    return [_with_extra(item, cls, fields, f"{name}.{i}") for i, item in enumerate(raw)]


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if f.name != "extra"
        )
    return names


def _fields_to_toml(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Dataclass fields in declaration order, empty ones left out, then `extra`.

    Runs for every entry at every autosave, so it stays plain: the field names are cached.
    """
    out: dict[str, Any] = {}
    for name in _field_names(type(obj)):
        if name in skip:
            continue
        value = getattr(obj, name)
        if (not value and not isinstance(value, int | float)) or value is False:
            continue  # "", [], None, False: the defaults, left out
        # Copies, so a snapshot kept by the store does not change when the list is edited.
        out[name] = (
            list(value)
            if isinstance(value, list)
            else dict(value)
            if isinstance(value, dict)
            else value
        )
    extra = getattr(obj, "extra", None)
    if extra:
        for k, v in copy.deepcopy(extra).items():
            out.setdefault(k, v)
    return out


def entry_to_toml(entry: Entry) -> dict[str, Any]:
    return _fields_to_toml(entry, skip=("paragraph",))


def head_to_toml(project: Project) -> dict[str, Any]:
    """Everything but the entries, in file order."""
    meta = _fields_to_toml(project.metadata, skip=("organisations",))
    if project.metadata.organisations:
        meta["organisations"] = [_fields_to_toml(o) for o in project.metadata.organisations]
    out: dict[str, Any] = {"schema": project.schema, "metadata": meta}
    if project.sources:
        out["sources"] = [_fields_to_toml(s) for s in project.sources]
    fm = _fields_to_toml(project.front_matter)
    if fm:
        out["front_matter"] = fm
    if project.conflicts:
        out["conflicts"] = [_fields_to_toml(c) for c in project.conflicts]
    if project.review:
        out["review"] = [_fields_to_toml(n) for n in project.review]
    for k, v in project.extra.items():
        if k not in out:
            out[k] = v
    return out


def sorted_entry_ids(project: Project) -> list[str]:
    """The entries written to the file, in file order; empty ones (opened, never written in)
    are left out so browsing does not litter the file."""
    ids = [pid for pid, e in project.entries.items() if not e.is_empty()]
    return sorted(ids, key=paragraph_sort_key)


def project_to_toml(project: Project) -> dict[str, Any]:
    """The whole file as one dict (entries last, sorted): the reference for `store.serialize`."""
    out = head_to_toml(project)
    entries = {pid: entry_to_toml(project.entries[pid]) for pid in sorted_entry_ids(project)}
    if entries:
        out["entries"] = entries
    return out


def check_assessments(project: Project, scale: Iterable[str]) -> list[SchemaError]:
    """Assessments must come from the template's scale (or be empty: not assessed yet)."""
    allowed = list(scale)
    errors: list[SchemaError] = []
    if not allowed:
        return errors
    choices = ", ".join(repr(a) for a in allowed)
    for pid in sorted_entry_ids(project):
        a = project.entries[pid].assessment
        if a and a not in allowed:
            errors.append(
                SchemaError(f"entries.{pid}.assessment", f"{a!r} is not one of {choices}")
            )
    return errors
