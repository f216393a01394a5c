"""The content library: treatments, medicines, prevention topics and sources, read from TOML.

Each file here holds conditions, ids, tiers and sources; its words are in the language
folder's file of the same name, keyed by the same ids (careplan/words.py puts them together).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from careplan import messages, rules, words
from careplan.errors import ContentError
from careplan.plan import SECTION_KINDS, Source, Tier

#: Files of content items, in the order their items appear in a plan.
ITEM_FILES = ("treatments.toml", "medicines.toml", "prevention.toml")
#: The fixed words of the plan's own sections: not-for-you, first-week and sources.
PLAN_FILE = "plan.toml"
SOURCES_FILE = "sources.toml"
FILES = (*ITEM_FILES, PLAN_FILE, SOURCES_FILE)

TIERS = tuple(tier.value for tier in Tier)
#: The words a first-week slot's text may fill in.
SLOT_FIELDS = frozenset({"exercises", "mobility", "title"})
#: What a first-week slot may use besides a content item: the plan's exercises.
SLOT_EXERCISES = frozenset({"exercises", "mobility"})
#: The days of the first week.
WEEK = tuple(range(1, 8))

When = Mapping[str, Any]


@dataclass(frozen=True)
class WhenRule:
    """A when-table and the words printed when it holds: a withhold reason or a caution."""

    when: When
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    """Words that replace an item's own for the tiers and answers it names."""

    when: When
    tiers: tuple[str, ...] = ()
    title: str | None = None
    why: str | None = None
    paragraphs: tuple[str, ...] | None = None
    bullets: tuple[str, ...] | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """Words added to an item's own for the answers it names; every matching part is added."""

    when: When
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One treatment, medicine, prevention topic or explanation, with its safety rules.

    `when` decides whether the item is relevant at all (silently absent otherwise);
    `withhold` rules rule a relevant item out, and the plan says why.
    """

    id: str
    kind: str
    title: str
    why: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    sources: tuple[str, ...]
    tiers: tuple[str, ...]
    when: When
    withhold: tuple[WhenRule, ...] = ()
    cautions: tuple[WhenRule, ...] = ()
    variants: tuple[Variant, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Slot:
    """One entry of the first week: a daily routine entry (`row`) or a change on some days.

    A slot with a `row` goes in that row of the daily routine; one without is a change,
    printed after the routine with the days it applies to. `when` is a when-table on the
    answers; `within_pain_days` keeps it to days while the pain is no older than that.
    """

    use: str
    row: str
    text: str
    days: tuple[int, ...]
    within_pain_days: int | None = None
    when: When | None = None


@dataclass(frozen=True)
class Frame:
    """The fixed words of one of the plan's own sections."""

    id: str
    kind: str
    title: str
    why: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    header: tuple[str, ...] = ()
    #: The ids of the rows of its table; `row_titles` has the words of each.
    rows: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()
    row_titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: The title in a plan made by a check-in ("" to keep `title`).
    title_after_check_in: str = ""


@dataclass(frozen=True)
class ContentLibrary:
    """Every content item in plan order, the plan's own sections, and the sources."""

    items: tuple[Item, ...]
    frames: Mapping[str, Frame]
    sources: Mapping[str, Source]

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def of_kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one section kind, in plan order."""
        return tuple(item for item in self.items if item.kind == kind)


class Reader:
    """Reads typed values out of parsed TOML, noting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def keys(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        for key in sorted(set(table) - set(allowed)):
            self.problems.append(messages.at(where, messages.unknown("key", key)))

    def text(
        self, table: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(messages.at(f"{where}.{key}", messages.expected_text(value)))
            return ""
        return value

    def texts(
        self, table: Mapping[str, Any], key: str, where: str, *, required: bool = False
    ) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.append(messages.at(f"{where}.{key}", messages.expected_texts(value)))
            return ()
        if required and not value:
            self.problems.append(messages.at(f"{where}.{key}", messages.MUST_NOT_BE_EMPTY))
        return tuple(value)

    def table(self, table: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            self.problems.append(messages.at(f"{where}.{key}", messages.got("a table", value)))
            return {}
        return value

    def tables(self, table: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problems.append(
                messages.at(f"{where}.{key}", messages.got(messages.A_LIST_OF_TABLES, value))
            )
            return []
        return value

    def when(self, table: Mapping[str, Any], where: str) -> When:
        when = self.table(table, "when", where)
        self.problems.extend(rules.problems(when, f"{where}.when"))
        return when

    def tiers(self, table: Mapping[str, Any], where: str, *, required: bool) -> tuple[str, ...]:
        tiers = self.texts(table, "tiers", where, required=required)
        for tier in tiers:
            if tier not in TIERS:
                self.problems.append(messages.at(f"{where}.tiers", messages.unknown("tier", tier)))
        return tiers

    def kind(self, table: Mapping[str, Any], where: str) -> str:
        kind = self.text(table, "kind", where)
        if kind and kind not in SECTION_KINDS:
            self.problems.append(messages.at(f"{where}.kind", messages.unknown("kind", kind)))
        return kind


def _rule(reader: Reader, table: Mapping[str, Any], text_key: str, where: str) -> WhenRule:
    reader.keys(table, ("id", "when", text_key, "sources"), where)
    return WhenRule(
        when=reader.when(table, where),
        text=reader.text(table, text_key, where),
        sources=reader.texts(table, "sources", where),
    )


def _check_reason(reader: Reader, rule: WhenRule, where: str) -> None:
    # Reasons are printed after "because", and the plan adds nothing after them.
    if rule.text[:1].isupper() or rule.text.endswith("."):
        reader.problems.append(messages.at(f"{where}.reason", messages.READS_ON_FROM_BECAUSE))


def _variant(reader: Reader, table: Mapping[str, Any], where: str) -> Variant:
    reader.keys(
        table, ("id", "when", "tiers", "title", "why", "paragraphs", "bullets", "sources"), where
    )

    def optional_texts(key: str) -> tuple[str, ...] | None:
        return reader.texts(table, key, where) if key in table else None

    return Variant(
        when=reader.when(table, where),
        tiers=reader.tiers(table, where, required=False),
        title=reader.text(table, "title", where) if "title" in table else None,
        why=reader.text(table, "why", where) if "why" in table else None,
        paragraphs=optional_texts("paragraphs"),
        bullets=optional_texts("bullets"),
        sources=reader.texts(table, "sources", where),
    )


def _part(reader: Reader, table: Mapping[str, Any], where: str) -> Part:
    reader.keys(table, ("id", "when", "paragraphs", "bullets", "sources"), where)
    part = Part(
        when=reader.when(table, where),
        paragraphs=reader.texts(table, "paragraphs", where),
        bullets=reader.texts(table, "bullets", where),
        sources=reader.texts(table, "sources", where),
    )
    if not part.paragraphs and not part.bullets:
        reader.problems.append(messages.at(where, messages.NEEDS_PARAGRAPHS))
    return part


_ITEM_KEYS = (
    "id",
    "kind",
    "title",
    "why",
    "paragraphs",
    "bullets",
    "sources",
    "tiers",
    "when",
    "withhold",
    "caution",
    "variant",
    "part",
)


def _item(reader: Reader, table: Mapping[str, Any], where: str) -> Item:
    item_id = table.get("id")
    if isinstance(item_id, str):
        where = f"{where} ({item_id})"
    reader.keys(table, _ITEM_KEYS, where)
    item = Item(
        id=reader.text(table, "id", where),
        kind=reader.kind(table, where),
        title=reader.text(table, "title", where),
        why=reader.text(table, "why", where),
        paragraphs=reader.texts(table, "paragraphs", where),
        bullets=reader.texts(table, "bullets", where),
        sources=reader.texts(table, "sources", where, required=True),
        tiers=reader.tiers(table, where, required=True),
        when=reader.when(table, where),
        withhold=tuple(
            _rule(reader, t, "reason", f"{where}.withhold[{i}]")
            for i, t in enumerate(reader.tables(table, "withhold", where))
        ),
        cautions=tuple(
            _rule(reader, t, "text", f"{where}.caution[{i}]")
            for i, t in enumerate(reader.tables(table, "caution", where))
        ),
        variants=tuple(
            _variant(reader, t, f"{where}.variant[{i}]")
            for i, t in enumerate(reader.tables(table, "variant", where))
        ),
        parts=tuple(
            _part(reader, t, f"{where}.part[{i}]")
            for i, t in enumerate(reader.tables(table, "part", where))
        ),
    )
    if not item.paragraphs and not item.bullets:
        reader.problems.append(messages.at(where, messages.NEEDS_PARAGRAPHS))
    for i, rule in enumerate(item.withhold):
        _check_reason(reader, rule, f"{where}.withhold[{i}]")
    return item


def _slot(reader: Reader, table: Mapping[str, Any], rows: tuple[str, ...], where: str) -> Slot:
    reader.keys(table, ("id", "use", "row", "text", "days", "within_pain_days", "when"), where)
    days = table.get("days", list(WEEK))
    if not isinstance(days, list) or not all(isinstance(d, int) and 1 <= d <= 7 for d in days):
        reader.problems.append(messages.at(f"{where}.days", messages.day_numbers(days)))
        days = []
    within = table.get("within_pain_days")
    if within is not None and not (isinstance(within, int) and within > 0):
        reader.problems.append(
            messages.at(f"{where}.within_pain_days", messages.EXPECTED_ABOVE_ZERO)
        )
        within = None
    row = table.get("row", "")
    slot = Slot(
        use=reader.text(table, "use", where),
        row=reader.text(table, "row", where) if "row" in table else "",
        text=reader.text(table, "text", where),
        days=tuple(days),
        within_pain_days=within,
        when=reader.when(table, where) if "when" in table else None,
    )
    if row and row not in rows:
        reader.problems.append(messages.at(f"{where}.row", messages.not_a_row(row, rows)))
    if row and "days" in table:
        reader.problems.append(messages.at(where, messages.ROW_OR_DAYS))
    fields = {name for _, name, _, _ in string.Formatter().parse(slot.text) if name is not None}
    if fields - SLOT_FIELDS:
        reader.problems.append(
            messages.at(f"{where}.text", messages.unknown("fields", sorted(fields - SLOT_FIELDS)))
        )
    return slot


def _frame(reader: Reader, frame_id: str, table: Mapping[str, Any], where: str) -> Frame:
    reader.keys(
        table,
        (
            "kind",
            "title",
            "title_after_check_in",
            "why",
            "paragraphs",
            "sources",
            "header",
            "rows",
            "row_titles",
            "slot",
        ),
        where,
    )
    header = reader.texts(table, "header", where)
    rows = reader.texts(table, "rows", where)
    titles = reader.table(table, "row_titles", where)
    reader.keys(titles, rows, f"{where}.row_titles")
    row_titles = {row: reader.text(titles, row, f"{where}.row_titles") for row in rows}
    return Frame(
        id=frame_id,
        kind=reader.kind(table, where),
        title=reader.text(table, "title", where),
        why=reader.text(table, "why", where),
        paragraphs=reader.texts(table, "paragraphs", where),
        sources=reader.texts(table, "sources", where),
        header=header,
        rows=rows,
        slots=tuple(
            _slot(reader, t, rows, f"{where}.slot[{i}]")
            for i, t in enumerate(reader.tables(table, "slot", where))
        ),
        title_after_check_in=reader.text(table, "title_after_check_in", where)
        if "title_after_check_in" in table
        else "",
        row_titles=MappingProxyType(row_titles),
    )


def _source(reader: Reader, table: Mapping[str, Any], where: str) -> Source:
    reader.keys(table, ("short", "title", "year"), where)
    year = table.get("year", "")
    if not isinstance(year, str):
        reader.problems.append(messages.at(f"{where}.year", messages.got("text", year)))
        year = ""
    return Source(
        short=reader.text(table, "short", where),
        title=reader.text(table, "title", where),
        year=year,
    )


def _cited(library: ContentLibrary) -> Iterable[tuple[str, tuple[str, ...]]]:
    for item in library.items:
        yield item.id, item.sources
        for rule in (*item.withhold, *item.cautions):
            yield item.id, rule.sources
        for variant in item.variants:
            yield item.id, variant.sources
        for part in item.parts:
            yield item.id, part.sources
    for frame in library.frames.values():
        yield frame.id, frame.sources


def parse(texts: Mapping[str, str], language: str = words.DEFAULT_LANGUAGE) -> ContentLibrary:
    """The library from the text of each of FILES and of their words in `language` (under
    "<language>/<file>"); raises ContentError listing every problem."""
    reader = Reader()
    docs = words.merged_texts(texts, FILES, language, reader.problems)

    items: list[Item] = []
    for name in ITEM_FILES:
        reader.keys(docs[name], ("item",), name)
        tables = reader.tables(docs[name], "item", name)
        items.extend(_item(reader, t, f"{name}: item[{i}]") for i, t in enumerate(tables))

    frames = {
        key: _frame(reader, key, table, f"{PLAN_FILE}: [{key}]")
        for key, table in docs[PLAN_FILE].items()
        if isinstance(table, dict)
    }
    for key in ("not-for-you", "first-week", "sources"):
        if key not in frames:
            reader.problems.append(messages.at(PLAN_FILE, messages.missing_table(key)))

    reader.keys(docs[SOURCES_FILE], ("source",), SOURCES_FILE)
    source_list = [
        _source(reader, t, f"{SOURCES_FILE}: source[{i}]")
        for i, t in enumerate(reader.tables(docs[SOURCES_FILE], "source", SOURCES_FILE))
    ]
    sources = {s.short: s for s in source_list}

    _check_unique(reader, [i.id for i in items] + list(frames), "id")
    _check_unique(reader, [s.short for s in source_list], messages.SOURCE_SHORT_NAME)
    library = ContentLibrary(items=tuple(items), frames=frames, sources=sources)
    for owner, cited in _cited(library):
        for short in cited:
            if short not in sources:
                reader.problems.append(
                    messages.at(owner, messages.cites_unknown(short, SOURCES_FILE))
                )
    for frame in frames.values():
        for slot in frame.slots:
            if slot.use not in SLOT_EXERCISES and not any(i.id == slot.use for i in items):
                reader.problems.append(messages.at(frame.id, messages.slot_uses_unknown(slot.use)))

    if reader.problems:
        raise ContentError(reader.problems)
    return library


def _check_unique(reader: Reader, values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            reader.problems.append(messages.used_twice(what, value))
        seen.add(value)


@functools.cache
def library(language: str = words.DEFAULT_LANGUAGE) -> ContentLibrary:
    """The library shipped with careplan in `language`, checked once and then cached."""
    return parse(words.texts_of(FILES, words.check_language(language)), language)


def sources() -> dict[str, Source]:
    """Every source the plan may cite, by short name."""
    return dict(library().sources)


def unknown_sources(cited: Iterable[str]) -> list[str]:
    """The short names among `cited` that sources.toml does not know."""
    known = library().sources
    return [short for short in cited if short not in known]
