"""Three-way merge of two versions of a project that share a base: what `drafter merge-file` does
when git merges `drafter.toml` (docs/project-file.md, "Merging in git").

The merge works on the project's meaning, not its lines: sources by id, organisations by name,
entries by paragraph, every field on its own, lists of questions and recommendations item by item
(adds from both sides kept, deletes honoured, a reorder on one side kept). Long text that both
sides changed is merged line by line (merge3, the algorithm of bzr and breezy); lines changed on
both sides are kept, both of them, between git-style markers inside that one field, and a
`Conflict` record names it, so the file stays valid TOML and `drafter check` points the author at
it. A value that cannot hold two texts (an assessment, a date) keeps our side and records theirs.

The result is a `Project`; the caller writes it with the store's serializer, so a merged file is
byte for byte what drafter itself would save.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import merge3

from drafter.errors import DrafterError, ProjectError
from drafter.project import schema
from drafter.project.model import Conflict, Project
from drafter.project.store import PROJECT_FILE, full_dump, parse_project


class _Missing:
    """A key one side does not have (TOML has no null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
DEFAULT_MARKER_SIZE = 7

# The fields whose text is prose: a conflict keeps both texts inside the field.
_PROSE_ENTRY_FIELDS = frozenset({"commentary"})
_PROSE_LIST_FIELDS = frozenset({"questions", "recommendations"})
_KEY_LIST_FIELDS = frozenset({"evidence", "pinned", "hidden"})
_LATEST_FIELDS = frozenset({"updated"})
# Arrays of tables whose items have an identity.
_KEYED: dict[tuple[str, ...], str] = {
    ("sources",): "id",
    ("metadata", "organisations"): "name",
    ("review",): "id",
}
_SET_OF_TABLES = frozenset({("conflicts",)})


@dataclass
class MergeResult:
    project: Project
    conflicts: list[Conflict] = field(default_factory=list)  # made by this merge

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_projects(
    base: Project,
    ours: Project,
    theirs: Project,
    labels: tuple[str, str] = ("ours", "theirs"),
    marker_size: int = DEFAULT_MARKER_SIZE,
) -> MergeResult:
    """Merge `ours` and `theirs`, which both descend from `base`. Never loses a word either side
    wrote: what cannot be merged is kept twice and recorded in `project.conflicts`."""
    merger = _Merger(labels, marker_size)
    merged = merger.merge(
        (),
        schema.project_to_toml(base),
        schema.project_to_toml(ours),
        schema.project_to_toml(theirs),
    )
    project = schema.project_from_toml(merged)
    known = {_identity(schema._fields_to_toml(c)) for c in project.conflicts}
    for c in merger.conflicts:
        if _identity(schema._fields_to_toml(c)) not in known:
            project.conflicts.append(c)
    return MergeResult(project, merger.conflicts)


# -- the merger ------------------------------------------------------------------------------


def _identity(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class _Merger:
    def __init__(self, labels: tuple[str, str], marker_size: int) -> None:
        self.ours_label, self.theirs_label = labels
        self.marker_size = max(DEFAULT_MARKER_SIZE, marker_size)
        self.conflicts: list[Conflict] = []

    # Each rule gets the path (keys from the top; a keyed array's item by its key) and the base,
    # ours and theirs values, any of which may be MISSING; it is only called when both sides
    # changed the value differently.

    def merge(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        if _same(o, t):
            return o
        if _same(o, b):
            return t
        if _same(t, b):
            return o
        return self._rule(path, b, o, t)(path, b, o, t)

    def _rule(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Callable[..., Any]:
        values = [v for v in (b, o, t) if v is not MISSING]
        in_entry = len(path) == 3 and path[0] == "entries"
        name = path[-1] if path else ""
        if path in _KEYED and all(_is_keyed_array(v, _KEYED[path]) for v in values):
            return self._keyed
        if path in _SET_OF_TABLES and all(_is_table_array(v) for v in values):
            return self._set_of_tables
        if in_entry and name in _PROSE_LIST_FIELDS and all(_is_str_list(v) for v in values):
            return self._prose_list
        if in_entry and name in _KEY_LIST_FIELDS and all(_is_str_list(v) for v in values):
            return self._key_list
        if in_entry and name in _LATEST_FIELDS and all(isinstance(v, str) for v in values):
            return self._latest
        prose = (
            (in_entry and name in _PROSE_ENTRY_FIELDS)
            or (len(path) == 2 and path[0] == "front_matter")
            or (len(path) == 3 and path[0] == "review" and name == "answer")
        )
        if prose and all(isinstance(v, str) for v in values):
            return self._prose
        if all(isinstance(v, dict) for v in values):
            return self._table
        return self._value

    # -- tables and arrays of tables ---------------------------------------------------------

    def _table(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        bd = {} if b is MISSING else b
        od = {} if o is MISSING else o
        td = {} if t is MISSING else t
        keys = list(dict.fromkeys([*od, *td, *bd]))
        out: dict[str, Any] = {}
        for k in keys:
            v = self.merge((*path, k), bd.get(k, MISSING), od.get(k, MISSING), td.get(k, MISSING))
            if v is not MISSING:
                out[k] = v
        return out

    def _keyed(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        key = _KEYED[path]
        return self._items_by_identity(path, b, o, t, lambda item: str(item[key]))

    def _set_of_tables(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        return self._items_by_identity(path, b, o, t, _identity)

    def _items_by_identity(
        self,
        path: tuple[str, ...],
        b: Any,
        o: Any,
        t: Any,
        ident: Callable[[Any], str],
    ) -> list[Any]:
        sides = [{ident(i): i for i in ([] if v is MISSING else v)} for v in (b, o, t)]
        bm, om, tm = sides
        order = merge_lists(list(bm), list(om), list(tm), pair_edits=False).items
        kept: dict[str, Any] = {}
        for k in dict.fromkeys([*om, *tm, *bm]):
            bi, oi, ti = (m.get(k, MISSING) for m in sides)
            if oi is MISSING or ti is MISSING:
                present = ti if oi is MISSING else oi
                if present is MISSING or _same(present, bi):
                    continue  # deleted on one side, untouched on the other (or on both)
                if bi is not MISSING:
                    deleted_by = self.ours_label if oi is MISSING else self.theirs_label
                    self._record(
                        (*path, k),
                        "deleted",
                        note=f"deleted on {deleted_by}, changed on the other branch; kept",
                    )
                kept[k] = present
            else:
                kept[k] = self.merge((*path, k), bi, oi, ti)
        # Kept though one side deleted it: placed where the side that has it put it.
        for k in kept:
            if k not in order:
                side = list(om) if k in om else list(tm)
                before = [x for x in side[: side.index(k)] if x in order]
                order.insert(order.index(before[-1]) + 1 if before else 0, k)
        return [kept[k] for k in order if k in kept]

    # -- lists of strings --------------------------------------------------------------------

    def _prose_list(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        return self._list(path, b, o, t, pair_edits=True)

    def _key_list(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        return self._list(path, b, o, t, pair_edits=False)

    def _list(self, path: tuple[str, ...], b: Any, o: Any, t: Any, pair_edits: bool) -> Any:
        merged = merge_lists(
            [] if b is MISSING else b,
            [] if o is MISSING else o,
            [] if t is MISSING else t,
            pair_edits=pair_edits,
            merge_text=lambda bt, ot, tt: self._text(bt, ot, tt)[0],
        )
        if merged.edit_conflicts:
            self._record(path, "text", note=_join(merged.edit_conflicts))
        if merged.delete_conflicts:
            self._record(path, "deleted", note=_join(merged.delete_conflicts))
        if merged.order_conflict:
            self._record(
                path,
                "order",
                theirs=list(t) if t is not MISSING else [],
                note=f"reordered on both branches; the order on {self.ours_label} is kept",
            )
        return merged.items

    # -- text and values ---------------------------------------------------------------------

    def _prose(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        text, conflicted = self._text(
            "" if b is MISSING else b, "" if o is MISSING else o, "" if t is MISSING else t
        )
        if conflicted:
            self._record(
                path,
                "text",
                note=(
                    f"changed on both branches; both versions are in the text between "
                    f"{'<' * self.marker_size} {self.ours_label} and "
                    f"{'>' * self.marker_size} {self.theirs_label}"
                ),
            )
        return text

    def _text(self, b: str, o: str, t: str) -> tuple[str, bool]:
        return merge_text(b, o, t, (self.ours_label, self.theirs_label), self.marker_size)

    def _latest(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        """Timestamps of the last edit: the later one, never a conflict."""
        present = [v for v in (o, t) if v is not MISSING]
        return max(present, key=_timestamp_key)

    def _value(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        shown_o = "nothing" if o is MISSING else repr(o)
        shown_t = "nothing" if t is MISSING else repr(t)
        self._record(
            path,
            "value",
            theirs=None if t is MISSING else t,
            note=(
                f"{shown_o} on {self.ours_label}, {shown_t} on {self.theirs_label}; "
                f"{shown_o} is kept"
            ),
        )
        return o

    def _record(self, path: tuple[str, ...], kind: str, theirs: Any = None, note: str = "") -> None:
        if path and path[0] == "entries" and len(path) >= 3:
            c = Conflict(".".join(path[2:]), kind, paragraph=path[1], theirs=theirs, note=note)
        else:
            c = Conflict(".".join(path), kind, theirs=theirs, note=note)
        self.conflicts.append(c)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return bool(a == b and type(a) is type(b))


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, dict) for x in v)


def _is_keyed_array(v: Any, key: str) -> bool:
    if not _is_table_array(v):
        return False
    keys = [x.get(key) for x in v]
    return all(isinstance(k, str) for k in keys) and len(set(keys)) == len(keys)


def _timestamp_key(value: str) -> tuple[int, Any, str]:
    try:
        return (1, datetime.fromisoformat(value).timestamp(), value)
    except ValueError:
        return (0, 0, value)


def _join(notes: list[str]) -> str:
    return "; ".join(notes)


# -- text ------------------------------------------------------------------------------------


def merge_text(
    base: str,
    ours: str,
    theirs: str,
    labels: tuple[str, str] = ("ours", "theirs"),
    marker_size: int = DEFAULT_MARKER_SIZE,
) -> tuple[str, bool]:
    """Line-by-line three-way merge; (text, conflicted). Lines changed on both sides are kept,
    ours then theirs, between git-style markers."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    bl, ol, tl = (s.splitlines(keepends=True) for s in (base, ours, theirs))
    out: list[str] = []
    conflicted = False

    def add(lines: Sequence[str]) -> None:
        for line in lines:
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n"
            out.append(line)

    for found in merge3.Merge3(bl, ol, tl).merge_regions():
        region: tuple[Any, ...] = tuple(found)
        what = region[0]
        if what == "unchanged":
            add(bl[region[1] : region[2]])
        elif what in ("a", "same"):
            add(ol[region[1] : region[2]])
        elif what == "b":
            add(tl[region[1] : region[2]])
        else:  # "conflict": base, ours and theirs ranges
            conflicted = True
            add([f"{'<' * marker_size} {labels[0]}\n"])
            add(ol[region[3] : region[4]])
            add([f"{'=' * marker_size}\n"])
            add(tl[region[5] : region[6]])
            add([f"{'>' * marker_size} {labels[1]}\n"])
    return "".join(out), conflicted


# -- lists -----------------------------------------------------------------------------------


@dataclass
class ListMerge:
    items: list[str]
    edit_conflicts: list[str] = field(default_factory=list)  # "item 2 changed on both branches"
    delete_conflicts: list[str] = field(default_factory=list)
    order_conflict: bool = False


def _match(base: list[str], side: list[str], pair_edits: bool) -> list[tuple[str, Any]]:
    """The side's list as identities: ("b", i) for base item i (kept, maybe edited) and
    ("n", j) for an item new on that side (j: its index in `side`)."""
    where: dict[str, list[int]] = {}
    for i, text in enumerate(base):
        where.setdefault(text, []).append(i)
    idents: list[tuple[str, Any]] = []
    matched: set[int] = set()
    for j, text in enumerate(side):
        free = where.get(text)
        if free:
            i = free.pop(0)
            matched.add(i)
            idents.append(("b", i))
        else:
            idents.append(("n", j))
    if not pair_edits:
        return idents
    # An item changed in place is a base item the side lost plus a new one between the same
    # kept neighbours: pair them, in order, as an edit.
    gaps_base: dict[int, list[int]] = {}
    anchor = -1
    for i in range(len(base)):
        if i in matched:
            anchor = i
        else:
            gaps_base.setdefault(anchor, []).append(i)
    anchor = -1
    for j, ident in enumerate(idents):
        if ident[0] == "b":
            anchor = ident[1]
        else:
            lost = gaps_base.get(anchor)
            if lost:
                idents[j] = ("b", lost.pop(0))
    return idents


def merge_lists(
    base: list[str],
    ours: list[str],
    theirs: list[str],
    *,
    pair_edits: bool = True,
    merge_text: Callable[[str, str, str], str] | None = None,
) -> ListMerge:
    """Three-way merge of two lists of strings item by item.

    Items added on either side are kept (once, if both added the same text) after the item that
    precedes them on their side; items deleted on one side go; an item changed on one side takes
    the change; changed differently on both sides it holds both texts (`merge_text`) and is
    reported; changed on one side and deleted on the other it is kept and reported. If one side
    reordered the items, its order is kept; both reordering differently keeps ours, reported.
    Two sides adding at the same place are ordered by their text, so the result does not depend
    on which side merges which.
    """
    result = ListMerge([])
    oi = _match(base, ours, pair_edits)
    ti = _match(base, theirs, pair_edits)
    o_text = {ident: ours[j] for j, ident in enumerate(oi)}
    t_text = {ident: theirs[j] for j, ident in enumerate(ti)}

    # Base items: kept (perhaps edited) or gone.
    text: dict[tuple[str, Any], str] = {}
    for i, b_item in enumerate(base):
        ident = ("b", i)
        in_o, in_t = ident in o_text, ident in t_text
        if not in_o and not in_t:
            continue
        if in_o != in_t:
            kept = o_text[ident] if in_o else t_text[ident]
            if kept == b_item:
                continue  # deleted on one side, untouched on the other
            result.delete_conflicts.append(
                f"item {i + 1} changed on one branch, deleted on the other; kept"
            )
            text[ident] = kept
            continue
        ot, tt = o_text[ident], t_text[ident]
        if ot == tt or tt == b_item:
            text[ident] = ot
        elif ot == b_item:
            text[ident] = tt
        else:
            text[ident] = merge_text(b_item, ot, tt) if merge_text else ot
            result.edit_conflicts.append(f"item {i + 1} changed on both branches")

    # The order of the base items both sides still have.
    common = [ident for ident in text if ident in o_text and ident in t_text]
    common_set = set(common)
    o_order = [x for x in oi if x in common_set]
    t_order = [x for x in ti if x in common_set]
    base_order = sorted(common, key=lambda x: x[1])
    if o_order == base_order:
        order = t_order
    elif t_order == base_order or o_order == t_order:
        order = o_order
    else:
        order = o_order
        result.order_conflict = True

    # Everything else follows the common item that precedes it on its side.
    def runs(
        idents: list[tuple[str, Any]], texts: dict[tuple[str, Any], str]
    ) -> dict[Any, list[tuple[str, bool]]]:
        out: dict[Any, list[tuple[str, bool]]] = {}
        anchor: Any = None
        for ident in idents:
            if ident in common_set:
                anchor = ident
                continue
            if ident[0] == "b" and ident not in text:
                continue  # a base item deleted on the other side
            out.setdefault(anchor, []).append((text.get(ident, texts[ident]), ident[0] == "n"))
        return out

    o_runs, t_runs = runs(oi, o_text), runs(ti, t_text)
    # The same text added on both sides is one addition: as many copies as the side with more.
    o_new = Counter(ours[j] for kind, j in oi if kind == "n")
    t_new = Counter(theirs[j] for kind, j in ti if kind == "n")
    allowed = o_new | t_new
    placed: Counter[str] = Counter()

    def place(anchor: Any) -> None:
        groups = [g for g in (o_runs.get(anchor), t_runs.get(anchor)) if g]
        for group in sorted(groups):
            for item, new in group:
                if new:
                    if placed[item] >= allowed[item]:
                        continue
                    placed[item] += 1
                result.items.append(item)

    place(None)
    for ident in order:
        result.items.append(text[ident])
        place(ident)
    return result


# -- after the merge: finding, checking and resolving conflicts --------------------------------

_OPEN = re.compile(r"^<{7,}(?: |$)", re.M)
_REGION = re.compile(
    r"^<{7,}(?: [^\n]*)?\n(?P<ours>.*?)"
    r"(?:^\|{7,}[^\n]*\n.*?)?"  # diff3 style: the base's lines, dropped
    r"^={7,}\n(?P<theirs>.*?)"
    r"^>{7,}(?: [^\n]*)?(?:\n|\Z)",
    re.M | re.S,
)


def has_markers(text: str) -> bool:
    """Whether a text still holds a conflict's opening marker line."""
    return "<<<<<<<" in text and bool(_OPEN.search(text))


def take_side(text: str, side: str) -> str:
    """The text with each marked conflict replaced by one side ("ours", "theirs") or both."""

    def pick(m: re.Match[str]) -> str:
        if side == "ours":
            return m["ours"]
        if side == "theirs":
            return m["theirs"]
        return m["ours"] + m["theirs"]

    return _REGION.sub(pick, text)


def _prose_fields(project: Project) -> list[tuple[str, str, str]]:
    """(paragraph, field, text) of every text a conflict can leave markers in."""
    out: list[tuple[str, str, str]] = []
    fm = project.front_matter
    for name in ("executive_summary", "about", "methodology", "annexes"):
        out.append(("", f"front_matter.{name}", getattr(fm, name)))
    for pid in schema.sorted_entry_ids(project):
        e = project.entries[pid]
        out.append((pid, "commentary", e.commentary))
        out.extend((pid, "questions", q) for q in e.questions)
        out.extend((pid, "recommendations", r) for r in e.recommendations)
    return out


def conflict_messages(project: Project) -> list[tuple[str, str]]:
    """(paragraph or "", message) for every conflict a merge left: `drafter check` reports each
    as an error, and texts still holding markers even when no record says so (a line merge by
    git without drafter's driver)."""
    out: list[tuple[str, str]] = []
    recorded: set[tuple[str, str]] = set()
    for c in project.conflicts:
        recorded.add((c.paragraph, c.field))
        how = {
            "text": "both versions are in the text between conflict markers; edit it to one",
            "value": f"the other branch had {c.theirs!r}" if c.theirs is not None else "",
            "deleted": "one branch deleted it, the other changed it; it was kept",
            "order": "both branches reordered it differently",
        }.get(c.kind, c.kind)
        detail = c.note or how
        out.append(
            (
                c.paragraph,
                f"{c.where}: merge conflict: {detail} (then `drafter resolve` it)",
            )
        )
    for pid, name, text in _prose_fields(project):
        if (pid, name) not in recorded and has_markers(text):
            where = f"paragraph {pid}: {name}" if pid else name
            out.append((pid, f"{where}: holds conflict markers (<<<<<<<); edit it to one text"))
            recorded.add((pid, name))
    return out


def prune_resolved(project: Project) -> bool:
    """Drop the text conflicts whose field holds no marker any more (the author edited it to one
    text); True if any went."""
    texts: dict[tuple[str, str], list[str]] = {}
    for pid, name, text in _prose_fields(project):
        texts.setdefault((pid, name), []).append(text)
    kept = [
        c
        for c in project.conflicts
        if c.kind != "text"
        or (c.paragraph, c.field) not in texts
        or any(has_markers(t) for t in texts[(c.paragraph, c.field)])
    ]
    changed = len(kept) != len(project.conflicts)
    project.conflicts[:] = kept
    return changed


TAKE = ("ours", "theirs", "both")


def resolve(project: Project, conflict: Conflict, take: str | None = None) -> None:
    """Settle one conflict: with `take`, keep that side's text ("both": ours then theirs) or, for
    a value, that side's value; without, accept the field as it stands (refused while it still
    holds markers). The record goes."""
    value = get_field(project, conflict)
    if take is not None:
        if take not in TAKE:
            raise ValueError(f"take must be one of {', '.join(TAKE)}")
        if conflict.kind == "text":
            if isinstance(value, str):
                value = take_side(value, take)
            elif isinstance(value, list):
                value = [take_side(v, take) if isinstance(v, str) else v for v in value]
        elif conflict.kind == "value" and take == "theirs":
            value = MISSING if conflict.theirs is None else conflict.theirs
        elif conflict.kind == "order" and take == "theirs" and isinstance(value, list):
            theirs = conflict.theirs if isinstance(conflict.theirs, list) else []
            value = sorted(value, key=lambda v: theirs.index(v) if v in theirs else len(theirs))
        set_field(project, conflict, value)
    elif conflict.kind == "text":
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and has_markers(t) for t in texts):
            raise ValueError(
                "it still holds conflict markers: edit the text to one version, or pass "
                "--take ours, theirs or both"
            )
    project.conflicts.remove(conflict)


def _navigate(data: Any, parts: list[str]) -> tuple[Any, str | int]:
    """The container and key a dotted path ends in; array items are found by their key."""
    node = data
    i = 0
    while i < len(parts) - 1:
        if isinstance(node, dict):
            node = node.setdefault(parts[i], {})
            i += 1
            continue
        if isinstance(node, list):
            # The item whose identity is the longest run of the remaining parts (names and ids
            # may hold dots).
            for j in range(len(parts) - 1, i, -1):
                name = ".".join(parts[i:j])
                hit = [
                    x for x in node if isinstance(x, dict) and name in (x.get("id"), x.get("name"))
                ]
                if hit:
                    node, i = hit[0], j
                    break
            else:
                raise KeyError(".".join(parts))
            continue
        raise KeyError(".".join(parts))
    return node, parts[-1]


def _field_path(conflict: Conflict) -> list[str]:
    if conflict.paragraph:
        return ["entries", conflict.paragraph, *conflict.field.split(".")]
    return conflict.field.split(".")


def get_field(project: Project, conflict: Conflict) -> Any:
    data = schema.project_to_toml(project)
    if conflict.paragraph:
        data.setdefault("entries", {}).setdefault(conflict.paragraph, {})
    try:
        node, key = _navigate(data, _field_path(conflict))
    except KeyError:
        return MISSING
    return node.get(key, MISSING) if isinstance(node, dict) else MISSING


def set_field(project: Project, conflict: Conflict, value: Any) -> None:
    data = schema.project_to_toml(project)
    if conflict.paragraph:
        data.setdefault("entries", {}).setdefault(conflict.paragraph, {})
    node, key = _navigate(data, _field_path(conflict))
    if not isinstance(node, dict):
        raise KeyError(conflict.field)
    if value is MISSING:
        node.pop(key, None)
    else:
        node[key] = value
    fresh = schema.project_from_toml(data)
    # Entries left empty are not in the dump; keep the object identity of the project.
    project.metadata = fresh.metadata
    project.sources = fresh.sources
    project.front_matter = fresh.front_matter
    project.extra = fresh.extra
    for pid in list(project.entries):
        if pid not in fresh.entries:
            del project.entries[pid]
    project.entries.update(fresh.entries)


# -- the git merge driver ----------------------------------------------------------------------


@dataclass
class FileMerge:
    """What `merge_file` did: git's driver contract is the exit status (0 clean, 1 conflicts)."""

    status: int
    lines: list[str] = field(default_factory=list)  # one line each, for stderr


def _read(path: Path) -> Project:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProjectError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"not UTF-8 (byte {exc.start})", path=path) from None
    return parse_project(text, path)[0]


def merge_file(
    base: Path,
    ours: Path,
    theirs: Path,
    *,
    name: str = PROJECT_FILE,
    labels: tuple[str, str] = ("ours", "theirs"),
    marker_size: int = DEFAULT_MARKER_SIZE,
) -> FileMerge:
    """git's `merge.<driver>.driver`: merge the three versions, write the result over `ours`.

    A version drafter cannot read (it already holds conflict markers, it is not a project file)
    falls back to git's own line merge, status 1, and a line saying why.
    """
    try:
        projects = [_read(p) for p in (base, ours, theirs)]
    except DrafterError as exc:
        which = {str(base): "the common ancestor", str(ours): labels[0], str(theirs): labels[1]}
        return _line_merge(
            base,
            ours,
            theirs,
            name,
            labels,
            marker_size,
            f"{which.get(exc.path or '', exc.path)}'s version is not a project drafter can read "
            f"({exc.message})",
        )
    try:
        b, o, t = projects
        result = merge_projects(b, o, t, labels=labels, marker_size=marker_size)
        text = full_dump(result.project)
        parse_project(text, Path(name))  # what drafter writes, drafter must read
    except (DrafterError, schema.SchemaError, ValueError, TypeError, KeyError) as exc:
        return _line_merge(
            base, ours, theirs, name, labels, marker_size, f"the merged project is invalid ({exc})"
        )
    try:
        ours.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        return FileMerge(2, [f"drafter: {ours}: cannot write the merge ({exc.strerror})"])
    lines = [f"drafter: {name}: merge conflict: {c.where}: {c.note}" for c in result.conflicts]
    return FileMerge(1 if result.conflicts else 0, lines)


def _line_merge(
    base: Path,
    ours: Path,
    theirs: Path,
    name: str,
    labels: tuple[str, str],
    marker_size: int,
    why: str,
) -> FileMerge:
    line = f"drafter: {name}: {why}; merged line by line by git instead, resolve it by hand"
    try:
        subprocess.run(
            [
                "git",
                "merge-file",
                f"--marker-size={marker_size}",
                "-L",
                labels[0],
                "-L",
                "base",
                "-L",
                labels[1],
                str(ours),
                str(base),
                str(theirs),
            ],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        line = f"drafter: {name}: {why}; git merge-file could not run ({exc.strerror}): ours kept"
    return FileMerge(1, [line])
