"""The content library: it loads, it reads at grade 8 or below, it cites real sources, and its
checks catch broken data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import textstat

from careplan import content, words
from careplan.content import FILES, Item, parse
from careplan.decide.select import REQUIRED_BELOW_URGENT
from careplan.errors import ContentError
from careplan.plan import SECTION_KINDS

MAX_GRADE = 8.0
LIBRARY = content.library()
ITEMS = LIBRARY.items

#: Every short name in docs/clinical-basis.md's sources list (the NHS pages each on their own).
CLINICAL_SOURCES = (
    "NICE NG59",
    "NICE NG234",
    "ACP 2017",
    "Cochrane heat/cold",
    "Cochrane muscle relaxants",
    "Cashin 2021",
    "Cochrane bed rest",
    "Cochrane fracture flags",
    "PACE",
    "NHS back pain",
    "NHS sciatica",
    "NHS ibuprofen",
    "NHS paracetamol",
    "NHS kidney infection",
    "NHS pregnancy back pain",
    "MPFT",
    "NHS Inform",
    "CSP",
    "FDA 2020",
    "FDA 2013",
    "Beers 2023",
    "Steffens 2016",
    "WalkBack",
    "Henschke 2009",
    "BHOF / Too Fit To Fracture",
    "ACOG",
    "Gröber 2017",
    "Farrar 2001 / Salaffi 2004",
    "Heat-wrap label",
    "MiNESS",
)


def _sentence(text: str) -> str:
    # A bullet without a full stop would run on into the next and inflate the grade.
    text = text.strip()
    return text if text[-1] in ".!?:" else text + "."


def item_text(item: Item) -> str:
    """Everything a person may read of an item, titles aside."""
    parts = [*item.paragraphs, *item.bullets, *(rule.text for rule in item.cautions)]
    parts += [f"This is not for you because {rule.text}" for rule in item.withhold]
    for variant in item.variants:
        parts += [*(variant.paragraphs or ()), *(variant.bullets or ())]
    for part in item.parts:
        parts += [*part.paragraphs, *part.bullets]
    return " ".join(_sentence(part) for part in parts)


def test_the_library_loads_without_problems() -> None:
    assert len(ITEMS) >= 15
    assert set(LIBRARY.frames) == {"not-for-you", "first-week", "sources"}
    assert {i.kind for i in ITEMS} <= set(SECTION_KINDS)


@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_item_reads_at_grade_8_or_below(item: Item) -> None:
    assert textstat.flesch_kincaid_grade(item_text(item)) <= MAX_GRADE


@pytest.mark.parametrize("frame", LIBRARY.frames.values(), ids=list(LIBRARY.frames))
def test_plan_section_words_read_at_grade_8_or_below(frame: content.Frame) -> None:
    text = " ".join(_sentence(p) for p in [*frame.paragraphs, *(s.text for s in frame.slots)])
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE


def test_every_cited_source_exists() -> None:
    cited = {s for item in ITEMS for s in item.sources}
    cited |= {
        s for item in ITEMS for rule in (*item.withhold, *item.cautions) for s in rule.sources
    }
    cited |= {s for item in ITEMS for variant in item.variants for s in variant.sources}
    cited |= {s for frame in LIBRARY.frames.values() for s in frame.sources}
    assert content.unknown_sources(sorted(cited)) == []


def test_every_clinical_source_is_listed_with_a_title() -> None:
    sources = content.sources()
    assert set(CLINICAL_SOURCES) <= set(sources)
    for short, source in sources.items():
        assert source.short == short and source.title.strip()


@pytest.mark.parametrize("item_id", REQUIRED_BELOW_URGENT)
def test_required_items_are_never_silently_left_out(item_id: str) -> None:
    item = LIBRARY.item(item_id)
    assert {"soon", "routine", "self_care"} <= set(item.tiers)
    assert item.when == {}


def test_no_medicine_gives_a_muscle_relaxant_dose() -> None:
    text = item_text(LIBRARY.item("muscle-relaxant")) + item_text(
        LIBRARY.item("muscle-relaxant-taking")
    )
    assert "mg" not in text and "ask your doctor" in text


def test_the_files_are_read_from_the_package() -> None:
    folder = resources.files("careplan.content")
    assert all(folder.joinpath(name).is_file() for name in FILES)


# ---- the checks on load ----------------------------------------------------------------------


def package_texts() -> dict[str, str]:
    """The data files and their English words, as `parse` takes them."""
    return words.texts_of(FILES, "en")


def with_change(name: str, old: str, new: str) -> dict[str, str]:
    """The files with one change, in the data file `name` or else in its words."""
    texts = package_texts()
    if old not in texts[name]:
        name = f"en/{name}"
    assert old in texts[name], f"{old!r} not in {name}"
    texts[name] = texts[name].replace(old, new, 1)
    return texts


BROKEN = [
    (
        "unknown-when-test",
        with_change("treatments.toml", 'any = ["raynauds_or_cold_sensitive"]', "colour = 1"),
        "unknown test 'colour'",
    ),
    (
        "unknown-word",
        with_change("treatments.toml", '"raynauds_or_cold_sensitive"', '"raynaud"'),
        "unknown words ['raynaud']",
    ),
    (
        "unknown-source",
        with_change("treatments.toml", 'sources = ["Gröber 2017"]', 'sources = ["Seed"]'),
        "cites 'Seed'",
    ),
    (
        "duplicate-id",
        with_change("prevention.toml", 'id = "stay-well"', 'id = "heat"'),
        "id 'heat' is used twice",
    ),
    (
        "missing-title",
        with_change("prevention.toml", 'title = "Keeping it away"\n', ""),
        "title: expected non-empty text",
    ),
    (
        "reason-as-sentence",
        with_change(
            "medicines.toml",
            'reason = "you have liver disease: ask a doctor first"',
            'reason = "You have liver disease."',
        ),
        "should read on from 'because'",
    ),
    (
        "unknown-tier",
        with_change(
            "prevention.toml", 'tiers = ["soon", "routine", "self_care"]', 'tiers = ["later"]'
        ),
        "unknown tier 'later'",
    ),
    (
        "unknown-key",
        with_change("prevention.toml", 'id = "stay-well"', 'id = "stay-well"\ntext = "typo"'),
        "unknown key 'text'",
    ),
    (
        "no-sources",
        with_change("prevention.toml", 'sources = ["Steffens 2016"]', "sources = []"),
        "sources: must not be empty",
    ),
    (
        "unknown-column",
        with_change("plan.toml", 'row = "midday"', 'row = "noon"'),
        "'noon' is not a row",
    ),
    (
        "slot-for-unknown-item",
        with_change("plan.toml", 'use = "heat"', 'use = "sauna"'),
        "unknown item 'sauna'",
    ),
    ("bad-toml", with_change("sources.toml", "[[source]]", "[[source"), "not valid TOML"),
]


@pytest.mark.parametrize(("texts", "problem"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_content_is_refused_with_the_problem_named(
    texts: dict[str, str], problem: str
) -> None:
    with pytest.raises(ContentError) as caught:
        parse(texts)
    assert any(problem in line for line in caught.value.problems), caught.value.problems


def test_every_problem_is_listed_at_once() -> None:
    texts = with_change("prevention.toml", 'id = "stay-well"', 'id = "heat"')
    texts["treatments.toml"] = texts["treatments.toml"].replace(
        'sources = ["Gröber 2017"]', "sources = []"
    )
    with pytest.raises(ContentError) as caught:
        parse(texts)
    assert len(caught.value.problems) >= 2


# ---- sources that support the sentence, numbers people can read (issue 12.10, 12.13) ----------


def test_the_starting_articles_are_not_a_source() -> None:
    # The plan never cites "Seed": it is not even in the sources table, so no section can.
    assert "Seed" not in content.sources()
    with pytest.raises(ContentError) as caught:
        parse(with_change("prevention.toml", 'sources = ["Steffens 2016"]', 'sources = ["Seed"]'))
    assert any("cites 'Seed'" in line for line in caught.value.problems)


#: The files whose words this table checks, and the keys that hold words people read.
WORDED_FILES = ("treatments.toml", "prevention.toml", "plan.toml", "exercises.toml")
WORD_KEYS = frozenset(
    {"paragraphs", "bullets", "cautions", "text", "reason", "version_reason", "with"}
    | {"intro", "next", "stage", "starting_point", "start_dose", "capped"}
    | {"start", "steps", "mistakes", "stop", "brief"}
)
#: A number, or a range or pair of numbers read as one ("15 to 20", "2 or 3", "1 and 2"), or a
#: score ("3 out of 10").
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s+(?:to|or|and|out of)\s+\d+)?")


def worded(value: Any, key: str = "") -> Iterator[str]:
    """Every text under a key that holds words people read, in a parsed TOML document."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from worded(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from worded(inner, key)
    elif isinstance(value, str) and key in WORD_KEYS:
        yield value


def sentences_of(name: str) -> list[str]:
    doc = words.document(name)
    return [s for text in worded(doc) for s in re.split(r"(?<=[.!?:])\s+", text) if s]


@pytest.mark.parametrize("name", WORDED_FILES)
def test_at_most_one_number_in_a_sentence(name: str) -> None:
    crowded = [s for s in sentences_of(name) if len(NUMBER.findall(s)) > 1]
    assert crowded == []


@pytest.mark.parametrize("name", WORDED_FILES)
def test_no_percentages_or_parts_in_100(name: str) -> None:
    unreadable = [s for s in sentences_of(name) if "%" in s or re.search(r"\bin 100\b", s)]
    unreadable += [s for s in sentences_of(name) if re.search(r"\b\d+ days against\b", s)]
    assert unreadable == []


def test_the_checks_find_crowded_numbers() -> None:
    # The old wording these tests replaced must fail them.
    assert len(NUMBER.findall("Half of them went 208 days or more, against 112 days.")) == 2
    assert len(NUMBER.findall("Use it for 15 to 20 minutes at a time.")) == 1
    assert re.search(r"\bin 100\b", "cut the chance by about 45 in 100")


#: The first word of each language's "Start:" label on a card (document.toml), and the words
#: that say the same at the head of a card's start.
SAID_BY_THE_LABEL = {"en": ("start",), "es": ("para empezar", "empiece", "empezar")}


@pytest.mark.parametrize("language", sorted(SAID_BY_THE_LABEL))
def test_a_cards_start_does_not_say_start_after_its_label(language: str) -> None:
    """The card prints "Start:" before how to start: "Start: Start on your hands and knees"
    said it twice."""
    from careplan.decide.exercises import library

    for item_id, item in library(language).exercises.items():
        assert not item.start.lower().startswith(SAID_BY_THE_LABEL[language]), item_id
