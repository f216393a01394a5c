"""The handout as a print designer reads it: two parts, page budgets, page 1, exercise rows.

Pages are measured on the laid-out document that becomes the PDF: the person's part runs from
page 1 to the page before the clinician's part (`data-part="clinician"`, anchor
`part-clinician`) starts.
"""

from __future__ import annotations

import dataclasses
import functools
import html as html_lib
import io
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from careplan import words as content_words
from careplan.answers import CONDITIONS, MEDICINES, SYMPTOMS, Answers, CheckIn
from careplan.answers import from_dict as answers_from_dict
from careplan.decide.helpnow import help_now_section
from careplan.decide.select import make_plan
from careplan.decide.sharing import clinical_reasons, clinical_withheld, said
from careplan.decide.triage import RULES
from careplan.intake import checkin
from careplan.plan import Plan, Table, Tier, day_text
from careplan.render import html as html_module
from careplan.render import pdf as pdf_module
from careplan.render.html import (
    NOTE_LINES,
    dose_fields,
    figure_parts,
    render_html,
)
from careplan.render.pdf import layout
from tests.decide.test_clinical import KIDNEY_SIGNS
from tests.plan_fixtures import CREATED, EXAMPLE_NAMES, GENERATOR, example_doc, plan_from
from tests.plan_fixtures import example_plan as _example_plan
from tests.renders import laid_out, layout_of, pdf_bytes
from tests.strategies import OTHER_SYMPTOMS, valid_answers

#: A long name and goal, as the answers allow (80 and 200 characters).
LONG_NAME = ("Maximilian-Alexander " * 4)[:80]
LONG_GOAL = ("Walk the dog to the park, lift my grandchild and sleep through the night. " * 3)[:200]

PAPERS = ("letter", "a4")


# ---- measuring a laid-out plan ------------------------------------------------------------------


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _walk_in(
    box: Any, header: bool = False, section: str | None = None
) -> Iterator[tuple[Any, bool, str | None]]:
    """Each box, whether it is in a repeated table header, and the section it is in."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-section"):
        section = element.get("data-section")
    header = header or bool(getattr(box, "is_header", False))
    yield box, header, section
    for child in getattr(box, "children", ()):
        yield from _walk_in(child, header, section)


def _content(page: Any) -> Iterator[tuple[Any, bool, str | None]]:
    """The boxes of a page's content area: not its header and footer."""
    for child in page._page_box.children:
        if type(child).__name__ != "MarginBox":
            yield from _walk_in(child)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set(((element.get("class") or "") if element is not None else "").split())


#: Elements that must never split across pages (when they fit on one). "withheld": each item
#: of "Left out for your safety", a box of its own (both print sizes); "week": the first
#: week's table, a few short rows.
KEPT_WHOLE = (
    "page-one",
    "card",
    "kind-warning",
    "today",
    "caution",
    "notes",
    "clin-grid",
    "withheld",
    "week",
)


def _kept_whole(box: Any) -> str | None:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None:
        return None
    classes = _classes(box)
    if box.element_tag not in ("div", "section", "article", "p", "tr", "header", "li", "table"):
        return None
    if box.element_tag == "li" and ("withheld" not in classes or "flows" in classes):
        # An item left out is a box kept whole, but in large print a long one, drawn as a
        # paragraph ruled down its left ("flows"), which may go on over a page.
        return None
    if element.get("data-section") == "not-for-you" and "boxes" not in classes:
        # Drawn as one box (a section without "boxes"): kept whole; as made, a heading over a
        # box per item ("withheld"), each kept whole.
        return "not-for-you"
    if box.element_tag == "tr":
        # Header rows repeat on each page on purpose.
        return "table row"
    found = classes & set(KEPT_WHOLE)
    if found:
        return f"{box.element_tag}.{sorted(found)[0]} {element.get('data-section') or ''}".strip()
    return None


@dataclass
class Measured:
    """What a print designer counts on a laid-out plan."""

    pages: int
    person: int
    clinician: int
    problems: list[str] = field(default_factory=list)
    #: The boxes kept whole that split across pages, and any item left out whose mark went
    #: without its words.
    split: list[str] = field(default_factory=list)
    #: How much of the person's last page its content fills, from 0 to 1.
    last_filled: float = 1.0


def measure_document(document: Any) -> Measured:
    """Pages per part, and the person's pages that end nearly empty or strand a heading."""
    pages = document.pages
    starts = [i for i, page in enumerate(pages) if "part-clinician" in page.anchors]
    person = starts[0] if starts else len(pages)
    problems: list[str] = []
    kept_pages: dict[int, set[int]] = defaultdict(set)
    kept_heights: dict[int, float] = defaultdict(float)
    kept_names: dict[int, str] = {}
    last_filled = 1.0
    marks_alone: list[str] = []
    for number, page in enumerate(pages):
        page_box = page._page_box
        top = page_box.content_box_y()
        height = page_box.height
        bottom = top + height
        lines = []
        lowest = top
        for box, in_header, _ in _content(page):
            kind = type(box).__name__
            if kind == "LineBox" or "Replaced" in kind:
                lines.append(box)
                lowest = max(lowest, box.position_y + box.margin_height())
            if _mark_alone(box):
                marks_alone.append(
                    f"an item left out's mark on page {number + 1} without its words"
                )
            name = None if in_header else _kept_whole(box)
            if name is not None:
                kept_pages[id(box.element)].add(number)
                kept_heights[id(box.element)] += box.margin_height()
                kept_names[id(box.element)] = name
        if number >= person:
            continue
        if number == person - 1:
            last_filled = (lowest - top) / height
        # The sections that go on over the page: a heading with one line after it at the foot
        # of a page is stranded only when its section goes on over the page.
        going_on = (
            {
                id(box.element)
                for box in _walk(pages[number + 1]._page_box)
                if getattr(box, "element", None) is not None
                and box.element.get("data-section") is not None
            }
            if number + 1 < len(pages)
            else set()
        )
        sections = [
            box
            for box in _walk(page_box)
            if getattr(box, "element", None) is not None
            and box.element.get("data-section") is not None
            and "Line" not in type(box).__name__
        ]
        if number < person - 1 and bottom - lowest > height / 3:
            problems.append(f"page {number + 1} ends {100 * (bottom - lowest) / height:.0f}% empty")
        for box in _walk(page_box):
            if (
                getattr(box, "element_tag", None) not in ("h2", "h3")
                or "Line" in type(box).__name__
            ):
                continue
            end = box.position_y + box.margin_height()
            if end < top + height * 5 / 6:
                continue
            after = [line for line in lines if line.position_y >= end - 0.5]
            # A heading's text starts where its section does, give or take a rounding.
            within = [
                b
                for b in sections
                if b.position_y <= box.position_y + 0.5
                and b.position_y + b.margin_height() >= end - 0.5
            ]
            whole = bool(within) and id(within[-1].element) not in going_on
            if len(after) < 2 and not (after and whole):
                problems.append(
                    f"heading {box.element.text!r} stranded at the foot of page {number + 1}"
                )
    split = sorted(
        f"{kept_names[key]} on pages {sorted(p)}"
        for key, p in kept_pages.items()
        if len(p) > 1 and kept_heights[key] <= pages[0]._page_box.height
    )
    problems = list(dict.fromkeys(problems))
    split += marks_alone
    return Measured(len(pages), person, len(pages) - person, problems, split, last_filled)


def _mark_alone(box: Any) -> bool:
    """An item left out whose part on a page is its mark alone: a floated mark stays on the
    page where the item starts when all of its lines go on to the next."""
    if getattr(box, "element_tag", None) != "li" or "withheld" not in _classes(box):
        return False
    children = getattr(box, "children", ())
    return bool(children) and all(child.style["float"] != "none" for child in children)


def example_plan(name: str, paper: str, large_print: bool) -> Plan:
    return _example_plan(name, paper, large_print)


@functools.cache
def measured(name: str, paper: str, large_print: bool) -> Measured:
    return measure_document(laid_out(example_plan(name, paper, large_print)))


def person_budget(plan: Plan) -> int:
    """The most pages the person's part may take (issue 14)."""
    level = plan.triage.level
    if plan.answers.large_print:
        return 10
    if level is Tier.URGENT:
        return 2
    if level is Tier.EMERGENCY:
        return 2
    return 6


def total_budget(plan: Plan) -> int | None:
    """The most pages the whole plan may take, where the issue says so: an emergency plan in
    standard print, 2. In large print the person's part keeps its own budget (10 pages) and
    its large text: a person who needs large print needs it most in an emergency."""
    if plan.triage.level is Tier.EMERGENCY and not plan.answers.large_print:
        return 2
    return None


def check_budget(failures: list[str]) -> None:
    """Fail on any page budget missed."""
    assert failures == []


CONFIGS = [
    (name, paper, large) for name in EXAMPLE_NAMES for paper in PAPERS for large in (False, True)
]

#: The examples that still miss a page budget of issue 14, as measured (person's part, in
#: pages). Not strict: a content change moves page breaks; an XPASS says one now fits.
OVER_BUDGET: dict[tuple[str, str, bool], str] = {}
#: The clinician's part over its 3 pages (also on main before the budget work).
CLINICIAN_OVER: dict[tuple[str, str, bool], str] = {}


def _marked(over: dict[tuple[str, str, bool], str]) -> list[Any]:
    """CONFIGS, each one still over its budget marked as an expected failure."""
    return [
        pytest.param(
            *config,
            marks=pytest.mark.xfail(
                strict=False,
                reason=f"issue 14 budget not met yet: {config[0]} on {config[1]}"
                f"{' in large print' if config[2] else ''}: {over[config]}",
            ),
        )
        if config in over
        else config
        for config in CONFIGS
    ]


BUDGET_CONFIGS = _marked(OVER_BUDGET | CLINICIAN_OVER)
CLINICIAN_CONFIGS = _marked(CLINICIAN_OVER)


# ---- the two parts ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_two_parts_the_clinicians_from_a_new_page(name: str) -> None:
    plan = example_plan(name, "letter", False)
    html = render_html(plan)
    assert html.count('data-part="person"') == 1
    assert html.count('data-part="clinician"') == 1
    person, clinician = html.split('data-part="clinician"')
    for section in plan.sections:
        in_clinician = section.kind in ("clinician", "log", "sources")
        hook = f'data-section="{section.id}"'
        assert (hook in clinician) == in_clinician, section.id
        assert (hook in person) != in_clinician, section.id
    result = measured(name, "letter", False)
    assert 1 <= result.person < result.pages


def test_the_pdf_names_where_the_clinicians_part_starts() -> None:
    plan = example_plan("first-spasm", "letter", False)
    pdf = PdfReader(io.BytesIO(pdf_bytes(plan)))
    start = pdf.get_destination_page_number(pdf.named_destinations["part-clinician"])
    assert start == measured("first-spasm", "letter", False).person
    assert "For your physical therapist or doctor" in (pdf.pages[start].extract_text() or "")


# ---- page budgets over every example, both papers, both print sizes -----------------------------


def budget_failures(plan: Plan, result: Measured) -> list[str]:
    """Every page budget of issue 14 that a laid-out plan misses."""
    failures = []
    if result.person > person_budget(plan):
        failures.append(f"the person's part has {result.person} pages, over {person_budget(plan)}")
    total = total_budget(plan)
    if total is not None and result.pages > total:
        failures.append(f"{result.pages} pages in all, over {total}")
    return failures + result.problems


@pytest.mark.parametrize(("name", "paper", "large_print"), CONFIGS)
def test_the_numbers_of_the_three_things_stand_apart(
    name: str, paper: str, large_print: bool
) -> None:
    """The round numbers of page 1's three things are at least 1 pt apart: in an emergency plan
    in large print, whose items sit closer, the 22 pt numbers of two one-line items ("Do not
    drive yourself.") touched."""
    page = laid_out(example_plan(name, paper, large_print)).pages[0]
    numbers = sorted(
        (box.position_y, box.position_y + box.margin_height())
        for box in _walk(page._page_box)
        if box.element_tag == "li::before" and "today-list" in _classes(_parent_of(page, box))
    )
    assert len(numbers) == 3
    for (_, bottom), (top, _) in itertools.pairwise(numbers):
        assert top - bottom >= 1


def _parent_of(page: Any, child: Any) -> Any:
    """The box that holds the box that holds `child` on the page: a list item's number's list
    (boxes know their children only)."""
    for box in _walk(page._page_box):
        if child in getattr(box, "children", ()):
            return next(b for b in _walk(page._page_box) if box in getattr(b, "children", ()))
    raise LookupError(child)


@pytest.mark.parametrize(("name", "paper", "large_print"), BUDGET_CONFIGS)
def test_page_budgets_and_no_nearly_empty_page_or_stranded_heading(
    name: str, paper: str, large_print: bool
) -> None:
    result = measured(name, paper, large_print)
    assert result.clinician <= 3
    check_budget(budget_failures(example_plan(name, paper, large_print), result))


def ends_on_a_few_lines(result: Measured) -> bool:
    """Whether the person's part, over more than one page, holds on its last page less than
    FEW_ON_LAST of it (careplan/render/pdf.py lays such a part out again a step closer)."""
    return result.person > 1 and result.last_filled < pdf_module.FEW_ON_LAST


#: The examples whose person's part still ends on a page of a few lines, as measured. Not
#: strict: an XPASS says one no longer does. None now: the last was the emergency plan in
#: large print on A4, page 1's boxes kept whole leaving the box of signs to see a doctor about
#: within a few days alone on page 2; it is laid out again at the closest step (pdf.py,
#: `_fuller_step`), and takes one page.
THIN_LAST_PAGE: dict[tuple[str, str, bool], str] = {}


@pytest.mark.parametrize(("name", "paper", "large_print"), _marked(THIN_LAST_PAGE))
def test_no_example_ends_its_part_on_a_page_of_a_few_lines(
    name: str, paper: str, large_print: bool
) -> None:
    """The person's part of an example over more than one page does not end on a page that
    holds only a few lines (less than FEW_ON_LAST of it): first-spasm on Letter ended on a 6th
    page holding only "What to expect", 2 lines, in English and in Spanish; blood-thinner on A4
    too. Laid out a step closer, each takes a page fewer (careplan/render/pdf.py, `_fuller`)."""
    result = measured(name, paper, large_print)
    assert not ends_on_a_few_lines(result), f"{result.last_filled:.2f}"


@pytest.mark.parametrize(("name", "paper", "large_print"), CLINICIAN_CONFIGS)
def test_no_box_split_and_the_clinicians_part_fits(
    name: str, paper: str, large_print: bool
) -> None:
    result = measured(name, paper, large_print)
    assert result.split == []
    assert result.clinician <= 3


def test_the_measure_finds_an_empty_page_and_a_stranded_heading() -> None:
    """The checks above can fail: a page with one line, a heading at the foot of a page."""
    plan = example_plan("first-spasm", "letter", False)
    heat = '<section class="section kind-treatment" id="heat"'
    short_page = '<p style="break-before: page">One line.</p><div style="break-before: page"></div>'
    problems = measure_document(layout(render_html(plan).replace(heat, short_page + heat))).problems
    assert any("empty" in p for p in problems), problems
    stranded = (
        '<div style="break-before: page; height: 205mm"></div><h2>Stranded</h2><p>One line.</p>'
        '<div style="break-before: page"></div>'
    )
    problems = measure_document(layout(render_html(plan).replace(heat, stranded + heat))).problems
    assert any("'Stranded' stranded" in p for p in problems), problems


def test_the_measure_finds_a_split_item_of_what_was_left_out() -> None:
    """Each item of "Left out for your safety" is a box kept whole: one that goes on over a
    page is a split; the list going on over a page between two items is not. A list drawn as
    one box (a section without "boxes") is kept whole: broken anywhere, it is a split."""
    plan = example_plan("blood-thinner", "letter", False)
    html = render_html(plan)
    item = '<li class="withheld">Not for you: Ibuprofen'
    assert item in html
    # An item made splittable and started a few lines above the foot of a page.
    near_the_foot = '<li style="break-before: page; height: 232mm"></li>'
    inside = html.replace(
        item,
        f'{near_the_foot}<li class="withheld" style="break-inside: auto">Not for you: Ibuprofen',
    )
    assert any("withheld" in s for s in measure_document(layout(inside)).split)
    between = html.replace(
        item, '<li class="withheld" style="break-before: page">Not for you: Ibuprofen'
    )
    assert measure_document(layout(between)).split == []
    # The list drawn as one box, made splittable and started near the foot of a page.
    section = '<section class="section kind-info boxes" id="not-for-you"'
    assert section in html
    one_box = html.replace(
        section,
        '<div style="break-before: page; height: 215mm"></div>'
        '<section class="section kind-info" style="break-inside: auto" id="not-for-you"',
    ).replace(item, '<li class="withheld" style="break-inside: auto">Not for you: Ibuprofen')
    assert "not-for-you on pages" in " ".join(measure_document(layout(one_box)).split)


#: A large-print urgent plan found with page 3 ending 57% empty (2 December 2026, a search
#: like the property test's): 17 conditions and 9 medicines ticked, a sign of a kidney
#: infection. Its ibuprofen box, 15 reasons kept whole, took most of page 4.
LARGE_PRINT_LONG_ITEM: dict[str, Any] = {
    "format": "careplan-answers/1",
    "name": "Řz",
    "age": 75,
    "pregnant": False,
    "pain": {
        "where": "middle",
        "now": 10,
        "worst": 7,
        "started_days_ago": 297,
        "trigger": "sport",
        "leg": "below_knee",
        "before": "first_time",
        "interferes": 2,
    },
    "symptoms": ["vomiting"],
    "conditions": list(CONDITIONS),
    "medicines": list(MEDICINES),
    "alcohol_3_or_more_daily": True,
    "can_get_down_to_floor": True,
    "activity": "mostly_sitting",
    "large_print": True,
}


@pytest.mark.parametrize("large_print", [True, False])
def test_in_large_print_a_long_item_left_out_flows_over_a_page(large_print: bool) -> None:
    """In large print an item left out longer than FLOWS_FROM is a ruled paragraph that may go
    on over a page ("flows"), so no page before it ends more than a third empty; shorter ones,
    and every one in standard print, stay boxes kept whole."""
    answers = answers_from_dict({**LARGE_PRINT_LONG_ITEM, "large_print": large_print})
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    html = render_html(plan)
    items = re.findall(r'<li class="(withheld[^"]*)">(.*?)</li>', html, re.S)
    assert len(items) >= 4
    for classes, words in items:
        long = len(html_lib.unescape(words)) > html_module.FLOWS_FROM
        assert ("flows" in classes.split()) == (long and large_print), words[:40]
    assert any(len(html_lib.unescape(w)) > html_module.FLOWS_FROM for _, w in items)
    if large_print:
        document = laid_out(plan)
        result = measure_document(document)
        assert budget_failures(plan, result) == [] and result.split == []
        flowing = {
            number
            for number, page in enumerate(document.pages)
            for box in _walk(page._page_box)
            if "flows" in _classes(box)
        }
        assert len(flowing) == 2  # the long item goes on over a page


#: An urgent plan whose last section on page 1 ("Keep moving", one line) sits whole at its
#: foot: found by a search like the property test's, once taken for a stranded heading (the
#: heading's text started a rounding below its section's top).
WHOLE_SECTION_AT_THE_FOOT = answers_from_dict(
    {
        "format": "careplan-answers/1",
        "age": 25,
        "pregnant": False,
        "pain": {
            "where": "middle",
            "now": 3,
            "worst": 10,
            "started_days_ago": 0,
            "trigger": "sleep",
            "leg": "below_knee",
            "before": "sometimes",
            "interferes": 9,
        },
        "symptoms": [
            "fever",
            "urinary_burning_or_frequency",
            "weight_loss_unexplained",
            "night_pain_unrelieved",
        ],
        "conditions": [
            "cancer_history",
            "injects_drugs",
            "kidney_disease",
            "liver_disease",
            "stomach_ulcer_or_bleed",
            "heart_disease_or_stroke",
            "high_blood_pressure",
            "asthma",
            "inflammatory_bowel_disease",
            "bleeding_disorder",
            "diabetes",
            "raynauds_or_cold_sensitive",
            "glaucoma",
        ],
        "medicines": [
            "daily_aspirin",
            "ssri_or_snri",
            "ace_arb_or_diuretic",
            "sedative_or_opioid",
            "muscle_relaxant",
            "lithium_or_methotrexate",
        ],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": False,
        "activity": "mostly_sitting",
        "paper": "a4",
        "large_print": False,
        "name": "Pat",
        "goal": "",
        "weight_under_50kg": True,
    }
)


@settings(
    max_examples=12,
    deadline=None,
    # Each example lays out a whole plan: no shrinking, which would lay out hundreds more.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(valid_answers(), st.sampled_from(("en", "es")))
@example(WHOLE_SECTION_AT_THE_FOOT, "en")
def test_any_answers_keep_the_parts_and_boxes_whole(answers: Answers, language: str) -> None:
    """Any valid answers, in either language (Spanish runs about a fifth longer)."""
    answers = dataclasses.replace(answers, language=language)
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    result = measure_document(laid_out(plan))
    assert result.split == []
    assert result.clinician <= 3
    assert 1 <= result.person < result.pages
    failures = budget_failures(plan, result)
    assert failures == []


#: The conditions that leave a plan at home (the others send the person to a doctor: cancer,
#: a weak immune system, injected drugs; osteoporosis with a lift) and every medicine but
#: long-term steroids (with a lift, a doctor today too).
HOME_CONDITIONS = tuple(
    c
    for c in CONDITIONS
    if c not in ("cancer_history", "immune_weakened", "injects_drugs", "osteoporosis")
)
HOME_MEDICINES = tuple(m for m in MEDICINES if m != "steroid_tablets")
#: The other signs of an urgent plan, every one ticked (none an emergency sign).
URGENT_SIGNS = OTHER_SYMPTOMS

#: Named worst cases for the page budgets in standard print: the longest plans of each tier
#: that answers can make (what a person ticks: signs, conditions, medicines; and pregnant).
WORST_CASES: dict[str, tuple[Tier, dict[str, Any]]] = {
    "urgent, every condition and medicine": (
        Tier.URGENT,
        {"symptoms": ["fever"], "conditions": list(CONDITIONS), "medicines": list(MEDICINES)},
    ),
    "urgent, every sign, condition and medicine, pregnant": (
        Tier.URGENT,
        {
            "symptoms": list(URGENT_SIGNS),
            "conditions": list(CONDITIONS),
            "medicines": list(MEDICINES),
            "pregnant": True,
        },
    ),
    # Pregnant, and heat with four cautions: with a cold pack and a warm shower offered too,
    # each with its own, this took 3 pages on Letter (an urgent plan now offers one of them).
    "urgent, pregnant, seven conditions, heat with its cautions": (
        Tier.URGENT,
        {
            "symptoms": ["night_pain_unrelieved"],
            "conditions": [
                "cancer_history",
                "injects_drugs",
                "heart_failure",
                "high_blood_pressure",
                "diabetes",
                "numb_skin_or_neuropathy",
                "glaucoma",
            ],
            "medicines": ["blood_thinner", "steroid_tablets", "sedative_or_opioid"],
            "pregnant": True,
        },
    ),
    # Pregnant in old age is valid answers (the questionnaire asks only below 60), and makes
    # the longest reasons: ibuprofen's 17 with the age rules, the muscle relaxants' 9. Without
    # a kidney sign heat is offered with its cautions; these took 3 pages at 9.5 pt.
    "urgent, pregnant at 80, every condition and medicine, no kidney sign": (
        Tier.URGENT,
        {
            "age": 80,
            "symptoms": [s for s in URGENT_SIGNS if s not in KIDNEY_SIGNS],
            "conditions": list(CONDITIONS),
            "medicines": list(MEDICINES),
            "pregnant": True,
        },
    ),
    "urgent, pregnant at 120, every condition and medicine, night pain": (
        Tier.URGENT,
        {
            "age": 120,
            "symptoms": ["night_pain_unrelieved"],
            "conditions": list(CONDITIONS),
            "medicines": list(MEDICINES),
            "pregnant": True,
            "pregnancy_weeks": 45,
        },
    ),
    "urgent, every other sign": (Tier.URGENT, {"symptoms": list(URGENT_SIGNS)}),
    "urgent, every other sign, pregnant": (
        Tier.URGENT,
        {"symptoms": list(URGENT_SIGNS), "pregnant": True},
    ),
    "urgent, every condition, pregnant": (
        Tier.URGENT,
        {"symptoms": ["fever"], "conditions": list(CONDITIONS), "pregnant": True},
    ),
    "self-care, every home condition and medicine, pregnant, no floor": (
        Tier.SELF_CARE,
        {
            "conditions": list(HOME_CONDITIONS),
            "medicines": list(HOME_MEDICINES),
            "pregnant": True,
            "can_get_down_to_floor": False,
        },
    ),
    "soon, every home condition and medicine": (
        Tier.SOON,
        {
            "symptoms": ["weight_loss_unexplained", "worse_each_day"],
            "conditions": list(HOME_CONDITIONS),
            "medicines": list(HOME_MEDICINES),
        },
    ),
    # Found by the property test (1 December 2026): 7 pages on Letter when a home plan went
    # to 9.5 pt only past 8,500 characters (it says about 7,500; now past 7,200).
    "soon, 83, years of pain, no floor, six conditions": (
        Tier.SOON,
        {
            "age": 83,
            "pain": {
                "where": "lower",
                "now": 10,
                "worst": 7,
                "started_days_ago": 1417,
                "trigger": "sitting",
                "leg": "none",
                "before": "often",
                "interferes": 3,
            },
            "conditions": [
                "nsaid_allergy_or_asthma",
                "raynauds_or_cold_sensitive",
                "injects_drugs",
                "high_blood_pressure",
                "numb_skin_or_neuropathy",
                "stomach_ulcer_or_bleed",
            ],
            "medicines": ["ace_arb_or_diuretic", "muscle_relaxant"],
            "alcohol_3_or_more_daily": False,
            "can_get_down_to_floor": False,
            "activity": "driving",
        },
    ),
    # Found by the property test (CI, 1 December 2026): it says 6,723 characters, under
    # DENSE_HOME, yet took 7 pages on Letter at the body size; now laid out again a step closer.
    "routine, 67, years of pain, no floor, three medicines": (
        Tier.ROUTINE,
        {
            "name": 'x/λ>,"ø,yç,CüΔøå',
            "goal": None,
            "age": 67,
            "pain": {
                "where": "lower",
                "now": 0,
                "worst": 5,
                "started_days_ago": 1750,
                "trigger": "sport",
                "leg": "none",
                "before": "often",
                "interferes": 0,
            },
            "medicines": ["blood_thinner", "sedative_or_opioid", "muscle_relaxant"],
            "alcohol_3_or_more_daily": False,
            "can_get_down_to_floor": False,
            "activity": "on_feet",
        },
    ),
    # Found by the property test (CI, 1 December 2026): 7 pages on Letter at 9.5 pt, its
    # closest size; now laid out again with a little less paper around it ("tight").
    "soon, 120, pregnant, years of pain, no floor, nine medicines": (
        Tier.SOON,
        {
            "name": "C本ř'",
            "goal": None,
            "age": 120,
            "pregnant": True,
            "pregnancy_weeks": 26,
            "pain": {
                "where": "upper",
                "now": 8,
                "worst": 9,
                "started_days_ago": 418,
                "trigger": "sport",
                "leg": "none",
                "before": "sometimes",
                "interferes": 1,
            },
            "conditions": ["heart_disease_or_stroke", "stomach_ulcer_or_bleed", "asthma"],
            "medicines": [
                "daily_aspirin",
                "blood_thinner",
                "sedative_or_opioid",
                "lithium_or_methotrexate",
                "steroid_tablets",
                "other_nsaid",
                "ace_arb_or_diuretic",
                "ssri_or_snri",
                "muscle_relaxant",
            ],
            "can_get_down_to_floor": False,
            "weight_under_50kg": False,
        },
    ),
    # Found by exploring (1 December 2026): in large print, the therapist's page ran onto a
    # second page, and the clinician's part to 4 pages on Letter (below).
    "soon, 82, pregnant, eight conditions, seven medicines": (
        Tier.SOON,
        {
            "age": 82,
            "pregnant": True,
            "pregnancy_weeks": 40,
            "pain": {
                "where": "lower",
                "now": 6,
                "worst": 8,
                "started_days_ago": 657,
                "trigger": "sleep",
                "leg": "below_knee",
                "before": "sometimes",
                "interferes": 6,
            },
            "conditions": [
                "immune_weakened",
                "injects_drugs",
                "numb_skin_or_neuropathy",
                "heart_disease_or_stroke",
                "liver_disease",
                "asthma",
                "kidney_disease",
                "inflammatory_bowel_disease",
            ],
            "medicines": [
                "lithium_or_methotrexate",
                "daily_aspirin",
                "ace_arb_or_diuretic",
                "sedative_or_opioid",
                "other_nsaid",
                "steroid_tablets",
                "muscle_relaxant",
            ],
            "alcohol_3_or_more_daily": False,
            "can_get_down_to_floor": False,
            "weight_under_50kg": False,
        },
    ),
}


def worst_case(name: str, paper: str) -> Answers:
    """A named worst case: a long name and goal, 40 years old, a first spasm from a lift."""
    doc: dict[str, Any] = {
        "format": "careplan-answers/1",
        "name": LONG_NAME,
        "goal": LONG_GOAL,
        "age": 40,
        "pregnant": False,
        "pain": {
            "where": "lower",
            "now": 6,
            "worst": 8,
            "started_days_ago": 3,
            "trigger": "lifting",
            "leg": "none",
            "before": "first_time",
            "interferes": 6,
        },
        "symptoms": [],
        "conditions": [],
        "medicines": [],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": True,
        "activity": "heavy_manual",
        "weight_under_50kg": True,
        "paper": paper,
        "large_print": False,
    }
    doc |= WORST_CASES[name][1]
    doc = {key: value for key, value in doc.items() if value is not None}  # None: not answered
    if doc["pregnant"]:
        doc.setdefault("pregnancy_weeks", 20)
    return answers_from_dict(doc)


#: Worst cases still over a budget, as measured (not strict: an XPASS says one now fits).
WORST_OVER: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("name", "paper"),
    [
        pytest.param(
            name,
            paper,
            marks=[pytest.mark.xfail(strict=False, reason=f"issue 14 budget not met yet: {over}")],
        )
        if (over := WORST_OVER.get((name, paper))) is not None
        else (name, paper)
        for name in WORST_CASES
        for paper in PAPERS
    ],
)
def test_the_worst_cases_keep_the_page_budgets(name: str, paper: str) -> None:
    """The longest plans answers can make, in standard print, within every budget: not left
    to Hypothesis to find."""
    plan = make_plan(worst_case(name, paper), created=CREATED, generator=GENERATOR)
    assert plan.triage.level is WORST_CASES[name][0]
    result = measure_document(laid_out(plan))
    assert result.split == []
    assert result.clinician <= 3
    assert budget_failures(plan, result) == []


#: Large-print plans that took 11 pages (measured 1 and 2 December 2026, drawn by a search
#: like the property test's): a pregnant person on six medicines, who cannot get down to the
#: floor; pregnant at 98 and 106 with most conditions and medicines ticked, which keep 10
#: pages only at a close step ("leaner"); and pregnant at 115, at 87 and (in Spanish) at 101
#: and 111, which took 11 at every step until the closest ("leanest": 1 in 100 to 1 in 60 of
#: the plans with most conditions and medicines ticked, in a search of 2 December 2026); and
#: pregnant at 114, and in Spanish at 77 and 116, found on 3 December at 11 pages at every
#: step, which keep 10 since the closest step also sets the lines at 1.1 and the cards closer;
#: and in Spanish, pregnant at 110, 95 and 113, found at 11 pages at every step on 3 December,
#: which keep 10 since each thing is said once: the reasons to see a doctor within days end
#: with one "A doctor should see you within a few days", the ladder alone says that exercise
#: goes no further than stage 2 until then, and the pregnancy signs to stop exercise are two
#: cautions, not three (4 December 2026); and in Spanish, pregnant at 117, found later that
#: day at 11 pages at every step (exercise cards kept whole left a page a third empty), which
#: keeps 10 since the plan says each thing once: page 1's box gives every emergency sign, how
#: to build up the exercises is said once above the cards, the ladder's rows give the next
#: stage in brief (4 December 2026, later).
LARGE_PRINT_ONCE_OVER: dict[str, dict[str, Any]] = {
    "routine, pregnant, kidney disease, six medicines, no floor": {
        "age": 41,
        "pregnant": True,
        "pregnancy_weeks": 26,
        "symptoms": [],
        "pain": {
            "where": "lower",
            "now": 7,
            "worst": 0,
            "started_days_ago": 745,
            "trigger": "twisting",
            "leg": "none",
            "before": "first_time",
            "interferes": 7,
        },
        "conditions": ["kidney_disease"],
        "medicines": [
            "blood_thinner",
            "ace_arb_or_diuretic",
            "daily_aspirin",
            "other_nsaid",
            "muscle_relaxant",
            "sedative_or_opioid",
        ],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": False,
        "activity": "heavy_manual",
        "weight_under_50kg": True,
        "goal": "",
        "paper": "letter",
        "large_print": True,
    },
    "soon, pregnant at 98, nine conditions, seven medicines": {
        "age": 98,
        "pregnant": True,
        "pain": {
            "where": "middle",
            "now": 0,
            "worst": 6,
            "started_days_ago": 20,
            "trigger": "sport",
            "leg": "below_knee",
            "before": "often",
            "interferes": 4,
        },
        "symptoms": [],
        "conditions": [
            "osteoporosis",
            "kidney_disease",
            "liver_disease",
            "heart_disease_or_stroke",
            "heart_failure",
            "high_blood_pressure",
            "diabetes",
            "numb_skin_or_neuropathy",
            "glaucoma",
        ],
        "medicines": [
            "daily_aspirin",
            "other_nsaid",
            "ssri_or_snri",
            "steroid_tablets",
            "ace_arb_or_diuretic",
            "muscle_relaxant",
            "lithium_or_methotrexate",
        ],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": False,
        "activity": "not_working",
        "paper": "letter",
        "large_print": True,
        "name": "Pat",
        "goal": "",
        "pregnancy_weeks": 25,
    },
    "soon, pregnant at 106, eight conditions, six medicines, a long name": {
        "age": 106,
        "pregnant": True,
        "pain": {
            "where": "middle",
            "now": 4,
            "worst": 9,
            "started_days_ago": 400,
            "trigger": "sleep",
            "leg": "buttock_or_thigh",
            "before": "first_time",
            "interferes": 5,
        },
        "symptoms": [],
        "conditions": [
            "osteoporosis",
            "immune_weakened",
            "injects_drugs",
            "kidney_disease",
            "heart_disease_or_stroke",
            "asthma",
            "numb_skin_or_neuropathy",
            "glaucoma",
        ],
        "medicines": [
            "blood_thinner",
            "daily_aspirin",
            "other_nsaid",
            "ssri_or_snri",
            "ace_arb_or_diuretic",
            "muscle_relaxant",
        ],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "driving",
        "paper": "letter",
        "large_print": True,
        "name": ("Maximilian-Alexander " * 4)[:80],
        "goal": "Walk the dog",
        "weight_under_50kg": True,
        "pregnancy_weeks": 23,
    },
    "soon, pregnant at 115, osteoporosis, pain for 400 days": {
        "age": 115,
        "pregnant": True,
        "pain": {
            "where": "lower",
            "now": 9,
            "worst": 1,
            "started_days_ago": 400,
            "trigger": "sitting",
            "leg": "buttock_or_thigh",
            "before": "first_time",
            "interferes": 3,
        },
        "symptoms": [],
        "conditions": [
            "osteoporosis",
            "kidney_disease",
            "heart_disease_or_stroke",
            "inflammatory_bowel_disease",
        ],
        "medicines": ["blood_thinner", "other_nsaid", "muscle_relaxant"],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "not_working",
        "paper": "letter",
        "large_print": True,
        "name": "Pat",
        "goal": "Walk the dog",
        "weight_under_50kg": False,
        "pregnancy_weeks": 38,
    },
    "soon, pregnant at 87, 16 conditions, 8 medicines, a long name": {
        "age": 87,
        "pregnant": True,
        "pregnancy_weeks": 30,
        "pain": {
            "where": "middle",
            "now": 8,
            "worst": 4,
            "started_days_ago": 100,
            "trigger": "twisting",
            "leg": "none",
            "before": "first_time",
            "interferes": 9,
        },
        "symptoms": [],
        "conditions": [
            c for c in CONDITIONS if c not in ("cancer_history", "heart_disease_or_stroke")
        ],
        "medicines": [m for m in MEDICINES if m != "muscle_relaxant"],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": False,
        "activity": "heavy_manual",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": "",
    },
    "soon, in Spanish, pregnant at 111, every condition, 8 medicines, a long name": {
        "language": "es",
        "age": 111,
        "pregnant": True,
        "pregnancy_weeks": 30,
        "pain": {
            "where": "lower",
            "now": 0,
            "worst": 10,
            "started_days_ago": 400,
            "trigger": "none_known",
            "leg": "buttock_or_thigh",
            "before": "first_time",
            "interferes": 10,
        },
        "symptoms": ["weight_loss_unexplained"],
        "conditions": list(CONDITIONS),
        "medicines": [m for m in MEDICINES if m != "muscle_relaxant"],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": True,
        "activity": "not_working",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": "",
    },
    "soon, in Spanish, pregnant at 101, 15 conditions, 6 medicines, on A4": {
        "language": "es",
        "age": 101,
        "pregnant": True,
        "pregnancy_weeks": 36,
        "pain": {
            "where": "middle",
            "now": 1,
            "worst": 0,
            "started_days_ago": 100,
            "trigger": "bending",
            "leg": "none",
            "before": "first_time",
            "interferes": 9,
        },
        "symptoms": ["weight_loss_unexplained"],
        "conditions": [
            c
            for c in CONDITIONS
            if c not in ("cancer_history", "kidney_disease", "bleeding_disorder")
        ],
        "medicines": [
            "daily_aspirin",
            "other_nsaid",
            "ssri_or_snri",
            "sedative_or_opioid",
            "muscle_relaxant",
            "lithium_or_methotrexate",
        ],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "mostly_sitting",
        "paper": "a4",
        "large_print": True,
        "name": "Pat",
        "goal": "",
    },
    "soon, pregnant at 114, 15 conditions, 8 medicines, a long name and goal": {
        "language": "en",
        "age": 114,
        "pregnant": True,
        "pregnancy_weeks": 7,
        "pain": {
            "where": "lower",
            "now": 7,
            "worst": 10,
            "started_days_ago": 400,
            "trigger": "sport",
            "leg": "buttock_or_thigh",
            "before": "first_time",
            "interferes": 6,
        },
        "symptoms": [],
        "conditions": [
            c
            for c in CONDITIONS
            if c not in ("liver_disease", "stomach_ulcer_or_bleed", "heart_disease_or_stroke")
        ],
        "medicines": [m for m in MEDICINES if m not in ("steroid_tablets",)],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "driving",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": LONG_GOAL,
    },
    "soon, in Spanish, pregnant at 77, 16 conditions, 8 medicines, on A4": {
        "language": "es",
        "age": 77,
        "pregnant": True,
        "pregnancy_weeks": 16,
        "pain": {
            "where": "lower",
            "now": 4,
            "worst": 10,
            "started_days_ago": 90,
            "trigger": "bending",
            "leg": "none",
            "before": "first_time",
            "interferes": 1,
        },
        "symptoms": [],
        "conditions": [
            c for c in CONDITIONS if c not in ("heart_failure", "numb_skin_or_neuropathy")
        ],
        "medicines": [m for m in MEDICINES if m not in ("steroid_tablets",)],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "not_working",
        "paper": "a4",
        "large_print": True,
        "name": "Al",
        "goal": LONG_GOAL,
    },
    "soon, in Spanish, pregnant at 116, 16 conditions, 7 medicines, a long goal": {
        "language": "es",
        "age": 116,
        "pregnant": True,
        "pregnancy_weeks": 42,
        "pain": {
            "where": "lower",
            "now": 6,
            "worst": 10,
            "started_days_ago": 90,
            "trigger": "sleep",
            "leg": "buttock_or_thigh",
            "before": "first_time",
            "interferes": 1,
        },
        "symptoms": [],
        "conditions": [c for c in CONDITIONS if c not in ("kidney_disease", "diabetes")],
        "medicines": [m for m in MEDICINES if m not in ("other_nsaid", "sedative_or_opioid")],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": True,
        "activity": "mostly_sitting",
        "paper": "letter",
        "large_print": True,
        "name": "Al",
        "goal": LONG_GOAL,
    },
    "soon, in Spanish, pregnant at 110, 14 conditions, 8 medicines, pain worse each day": {
        "language": "es",
        "age": 110,
        "pregnant": True,
        "pregnancy_weeks": 31,
        "pain": {
            "where": "upper",
            "now": 10,
            "worst": 10,
            "started_days_ago": 90,
            "trigger": "sitting",
            "leg": "none",
            "before": "first_time",
            "interferes": 9,
        },
        "symptoms": ["worse_each_day"],
        "conditions": [
            c
            for c in CONDITIONS
            if c not in ("cancer_history", "diabetes", "raynauds_or_cold_sensitive", "glaucoma")
        ],
        "medicines": [m for m in MEDICINES if m not in ("other_nsaid",)],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "driving",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": LONG_GOAL,
    },
    "soon, in Spanish, pregnant at 95, 14 conditions, 8 medicines, weight loss, no floor": {
        "language": "es",
        "age": 95,
        "pregnant": True,
        "pregnancy_weeks": 12,
        "pain": {
            "where": "lower",
            "now": 7,
            "worst": 10,
            "started_days_ago": 50,
            "trigger": "twisting",
            "leg": "none",
            "before": "first_time",
            "interferes": 8,
        },
        "symptoms": ["weight_loss_unexplained"],
        "conditions": [
            c
            for c in CONDITIONS
            if c not in ("liver_disease", "heart_disease_or_stroke", "diabetes", "glaucoma")
        ],
        "medicines": [m for m in MEDICINES if m not in ("other_nsaid",)],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": False,
        "activity": "driving",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": "Walk",
    },
    "soon, in Spanish, pregnant at 113, 15 conditions, 7 medicines, heavy work, no floor": {
        "language": "es",
        "age": 113,
        "pregnant": True,
        "pregnancy_weeks": 21,
        "pain": {
            "where": "lower",
            "now": 9,
            "worst": 10,
            "started_days_ago": 400,
            "trigger": "twisting",
            "leg": "buttock_or_thigh",
            "before": "sometimes",
            "interferes": 4,
        },
        "symptoms": [],
        "conditions": [
            c for c in CONDITIONS if c not in ("cancer_history", "osteoporosis", "injects_drugs")
        ],
        "medicines": [m for m in MEDICINES if m not in ("other_nsaid", "steroid_tablets")],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": False,
        "activity": "heavy_manual",
        "paper": "letter",
        "large_print": True,
        "name": "Ana",
        "goal": "Walk",
    },
    "soon, in Spanish, pregnant at 117, 16 conditions, 6 medicines, heavy work": {
        "language": "es",
        "age": 117,
        "pregnant": True,
        "pregnancy_weeks": 11,
        "pain": {
            "where": "lower",
            "now": 4,
            "worst": 10,
            "started_days_ago": 400,
            "trigger": "sport",
            "leg": "buttock_or_thigh",
            "before": "sometimes",
            "interferes": 3,
        },
        "symptoms": [],
        "conditions": [c for c in CONDITIONS if c not in ("asthma", "raynauds_or_cold_sensitive")],
        "medicines": [
            m
            for m in MEDICINES
            if m not in ("blood_thinner", "daily_aspirin", "lithium_or_methotrexate")
        ],
        "alcohol_3_or_more_daily": False,
        "can_get_down_to_floor": True,
        "activity": "heavy_manual",
        "paper": "letter",
        "large_print": True,
        "name": LONG_NAME,
        "goal": LONG_GOAL,
    },
}


@pytest.mark.parametrize("name", list(LARGE_PRINT_ONCE_OVER))
def test_large_print_plans_once_over_keep_every_budget(name: str) -> None:
    """At a closer step ("lean": the lines outside the cards at 1.2; "leaner": at 1.15, the
    headings at 18 pt; "leanest": a little less paper around it, the pregnancy box's signs in
    two columns, the ladder without its small drawings, the lines at 1.1 and the cards closer;
    the type still 16 pt) the person's part keeps its 10 pages and no page of it ends a third
    empty."""
    case = LARGE_PRINT_ONCE_OVER[name]
    answers = answers_from_dict({"format": "careplan-answers/1", **case})
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    result = measure_document(laid_out(plan))
    assert result.split == []
    assert budget_failures(plan, result) == []


def test_large_print_with_many_answers_keeps_the_therapists_page_one_page() -> None:
    """Large print is for the person; the therapist's page keeps the usual size, and with many
    answers sits as close as in standard print, so the clinician's part keeps to 3 pages (its
    part laid out once: the person's part's steps do not change it)."""
    case = "soon, 82, pregnant, eight conditions, seven medicines"
    answers = dataclasses.replace(worst_case(case, "letter"), large_print=True)
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    assert html_module.long_clinician_page(plan)
    result = measure_document(layout(render_html(plan)))
    assert result.split == []
    assert result.clinician <= 3


#: Pregnant at 72, 17 conditions and 8 medicines, in Spanish (a search of large-print plans
#: with most conditions and medicines ticked, 2 December 2026): its therapist's page, long
#: already (8.5 pt), left its note lines to a page of their own, in either print size, and the
#: clinician's part took 4 pages.
LONG_THERAPISTS_PAGE: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 72,
    "pregnant": True,
    "pregnancy_weeks": 18,
    "pain": {
        "where": "middle",
        "now": 6,
        "worst": 6,
        "started_days_ago": 100,
        "trigger": "sleep",
        "leg": "below_knee",
        "before": "often",
        "interferes": 4,
    },
    "symptoms": ["weight_loss_unexplained", "worse_each_day"],
    "conditions": [c for c in CONDITIONS if c != "cancer_history"],
    "medicines": [m for m in MEDICINES if m != "sedative_or_opioid"],
    "alcohol_3_or_more_daily": True,
    "can_get_down_to_floor": True,
    "activity": "not_working",
    "paper": "letter",
    "large_print": False,
    "name": "Pat",
    "goal": "Walk the dog",
}


@pytest.mark.parametrize("large_print", [False, True])
def test_a_therapists_page_still_over_is_laid_out_closer(large_print: bool) -> None:
    """A clinician's part over its 3 pages as laid out (the therapist's page's note lines on a
    page of their own) is laid out once more with the therapist's page at 8 pt: one page with
    its note lines, the progress log on the next."""
    answers = answers_from_dict({**LONG_THERAPISTS_PAGE, "large_print": large_print})
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    document = laid_out(plan)
    first = measure_document(layout_of(plan, render_html(plan)))
    assert first.clinician == 4
    result = measure_document(document)
    assert result.clinician == 3
    assert ' closer-page"' not in render_html(plan)
    assert ' closer-page"' in render_html(plan, clinician_closer=True)
    therapists, log = document.pages[result.person : result.person + 2]
    assert "clinician" in therapists.anchors and "progress-log" in log.anchors
    assert budget_failures(plan, result) == []


class LineBox:
    """A stand-in for a line laid out (`laid_out` finds a page's lines by their type's name)."""

    def __init__(self, foot: float) -> None:
        self.position_y, self.children = foot, ()

    def margin_height(self) -> float:
        return 0.0


@dataclass
class _PageBox:
    """What `laid_out` reads of a page's box: where its content starts, its height, and its
    lines (one, at the foot of what the page holds)."""

    filled: float  # the share of the page its content takes, from 0 to 1
    height: float = 900.0

    def content_box_y(self) -> float:
        return 50.0

    @property
    def children(self) -> list[LineBox]:
        return [LineBox(50.0 + self.filled * self.height)]


@dataclass
class _Page:
    anchors: set[str]
    filled: float = 0.95

    @property
    def _page_box(self) -> _PageBox:
        return _PageBox(self.filled)


@dataclass
class _Document:
    """What `laid_out` reads of a laid-out plan: its pages, the anchors on each, and how much
    of each its content takes."""

    pages: list[_Page]


def _stand_in(person: int, last: float = 0.95, gaps: tuple[int, ...] = ()) -> _Document:
    """A laid-out plan whose person's part takes `person` pages, its last `last` filled and
    the pages in `gaps` (from 1) half empty, then the clinician's part."""
    filled = [0.5 if n in gaps else 0.95 for n in range(1, person)] + [last]
    return _Document([*(_Page(set(), f) for f in filled), _Page({"part-clinician"})])


def test_a_plan_over_its_pages_is_laid_out_again_a_step_closer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """How closely a person's part sits is counted from what it says (density), and a count
    cannot see where pages break: when laid out it is over its pages, careplan lays it out
    again a step closer, and stops at the first that fits, or at its closest. (Laid out by a
    stand-in that gives the person's part a number of pages per step: the real pages are
    measured by the worst cases above, one of them found over its pages at its count.)"""
    plan = example_plan("first-spasm", "letter", False)
    html = render_html(plan)
    steps = [html, *(render_html(plan, closer=k) for k in (1, 2, 3, 4))]
    assert 'part-person dense"' in steps[1] and 'part-person dense denser"' in steps[2]
    assert 'part-person dense denser tight"' in steps[3]
    assert 'part-person dense denser tight tightest"' in steps[4]
    assert len(steps) == len(html_module.STEPS[plan.triage.level])
    laid: list[str] = []

    def laying_out(person_pages: list[int]) -> Any:
        def layout(text: str) -> _Document:
            laid.append(text)
            person = person_pages[steps.index(text)] if text in steps else person_pages[0]
            return _stand_in(person)

        return layout

    most = html_module.MOST_PERSON_PAGES[plan.triage.level]
    cases = [
        # pages at each step → the HTML laid out, and the person's pages of the one written
        ([most, most - 1, most - 1, most - 1, most - 1], [html], most),
        ([most + 1, most, most - 1, most - 1, most - 1], steps[:2], most),
        ([most + 1, most + 1, most, most, most], steps[:3], most),
        ([most + 1, most + 1, most + 1, most, most], steps[:4], most),
        ([most + 1, most + 1, most + 1, most + 1, most], steps, most),
        ([most + 2, most + 1, most + 1, most + 1, most + 1], steps, most + 1),  # closest, over
    ]
    for pages, expected, written in cases:
        laid.clear()
        monkeypatch.setattr(pdf_module, "layout", laying_out(pages))
        assert pdf_module.person_pages(pdf_module.laid_out(plan, html)) == written
        assert laid == expected
    # HTML other than the plan's own (changed by a test, say) is laid out as it is given.
    laid.clear()
    changed = html.replace("<h2", "<h2 data-changed", 1)
    monkeypatch.setattr(pdf_module, "layout", laying_out([most + 1, most, most, most, most]))
    pdf_module.laid_out(plan, changed)
    assert laid == [changed]
    # An emergency plan keeps its size: laid out once, however many pages it takes.
    emergency = example_plan("emergency", "a4", False)
    laid.clear()
    steps = [render_html(emergency)]
    pdf_module.laid_out(emergency, steps[0])
    assert laid == steps


#: Urgent plans that took 3 pages at every step before the one each is written at (why the
#: steps are there). Those first written here were found on 2 December 2026, and again on 4
#: December, when each thing said once made them fit earlier; since an urgent plan stopped
#: saying what is moot for a person seen today (4 December, later), a search of 900 urgent
#: plans drawn pregnant in old age, with most conditions and medicines ticked, found these.
#: None of them needed the step that puts the pregnancy box after the warning list (the list
#: is short now, or not printed): that step is kept, and not tested for need.
#: In Spanish, pregnant at 100, 16 conditions and 9 medicines, no sign for a doctor today of
#: its own: at 9.5 pt its check-in day right after the tier's box left page 1 ending under it.
LONG_URGENT_CHECK_IN_LATE: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 100,
    "pregnant": True,
    "pain": {
        "where": "upper",
        "now": 6,
        "worst": 10,
        "started_days_ago": 90,
        "trigger": "sport",
        "leg": "buttock_or_thigh",
        "before": "first_time",
        "interferes": 5,
    },
    "symptoms": [],
    "conditions": [c for c in CONDITIONS if c not in ("injects_drugs", "nsaid_allergy_or_asthma")],
    "medicines": list(MEDICINES),
    "alcohol_3_or_more_daily": True,
    "can_get_down_to_floor": False,
    "activity": "mostly_sitting",
    "paper": "letter",
    "large_print": False,
    "name": LONG_NAME,
    "goal": LONG_GOAL,
    "pregnancy_weeks": 22,
}


#: In Spanish, pregnant at 72, 14 conditions and 8 medicines, weight loss and pain worse
#: each day (the same search): in every order of its boxes, what was left out left a third
#: page. It keeps 2 with what was left out a little smaller, a long item flowing over the page.
LONG_URGENT_FLOWS: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 72,
    "pregnant": True,
    "pain": {
        "where": "middle",
        "now": 7,
        "worst": 10,
        "started_days_ago": 10,
        "trigger": "lifting",
        "leg": "buttock_or_thigh",
        "before": "first_time",
        "interferes": 3,
    },
    "symptoms": ["weight_loss_unexplained", "worse_each_day"],
    "conditions": [
        c
        for c in CONDITIONS
        if c
        not in (
            "immune_weakened",
            "asthma",
            "nsaid_allergy_or_asthma",
            "inflammatory_bowel_disease",
        )
    ],
    "medicines": [m for m in MEDICINES if m not in ("sedative_or_opioid",)],
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": False,
    "activity": "mostly_sitting",
    "paper": "letter",
    "large_print": False,
    "name": LONG_NAME,
    "goal": LONG_GOAL,
    "pregnancy_weeks": 32,
}

#: In Spanish, pregnant at 89, 14 conditions and 6 medicines, blood in the urine (the same
#: search): even so it left a few lines on a third page. It keeps 2 with "Keep moving" (two
#: lines) right after the check-in day, in what page 1 leaves under it.
LONG_URGENT_MOVING_EARLY: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 89,
    "pregnant": True,
    "pain": {
        "where": "lower",
        "now": 5,
        "worst": 10,
        "started_days_ago": 5,
        "trigger": "bending",
        "leg": "buttock_or_thigh",
        "before": "first_time",
        "interferes": 8,
    },
    "symptoms": ["blood_in_urine"],
    "conditions": [
        c
        for c in CONDITIONS
        if c
        not in (
            "immune_weakened",
            "liver_disease",
            "bleeding_disorder",
            "raynauds_or_cold_sensitive",
        )
    ],
    "medicines": [
        m for m in MEDICINES if m not in ("other_nsaid", "ssri_or_snri", "steroid_tablets")
    ],
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": False,
    "activity": "driving",
    "paper": "letter",
    "large_print": False,
    "name": LONG_NAME,
    "goal": "Walk",
    "pregnancy_weeks": 18,
}


#: Pregnant at 76, every condition, eight medicines, in Spanish (which runs about a fifth
#: longer), on Letter (found by a search of urgent plans with most conditions and medicines
#: ticked, 2 December 2026: 10 of 120 such plans took 3 pages, every one pregnant and 62 or
#: older, on Letter). At every step before the closest, about 8 lines of what was left out
#: went on to a third page. It keeps 2 with what comes after "Keep moving" at 9 pt.
LONG_URGENT_CLOSEST: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 76,
    "pregnant": True,
    "pregnancy_weeks": 8,
    "pain": {
        "where": "lower",
        "now": 10,
        "worst": 4,
        "started_days_ago": 40,
        "trigger": "minor_fall",
        "leg": "below_knee",
        "before": "sometimes",
        "interferes": 1,
    },
    "symptoms": ["worse_each_day"],
    "conditions": list(CONDITIONS),
    "medicines": [m for m in MEDICINES if m != "muscle_relaxant"],
    "alcohol_3_or_more_daily": True,
    "can_get_down_to_floor": False,
    "activity": "not_working",
    "paper": "letter",
    "large_print": False,
    "name": "Pat",
    "goal": "Walk the dog",
}

#: Pregnant at 66 with a fever, 14 conditions and every medicine, an 80-character name, in
#: Spanish on A4 (a search of 150 such plans, 2 December 2026, found this one over): at the
#: closest step with what was left out unboxed it still left 3 lines on a third page, and keeps
#: 2 with that step's headings at 11 pt.
LONG_URGENT_CLOSEST_A4: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 66,
    "pregnant": True,
    "pregnancy_weeks": 42,
    "pain": {
        "where": "middle",
        "now": 7,
        "worst": 10,
        "started_days_ago": 40,
        "trigger": "lifting",
        "leg": "below_knee",
        "before": "first_time",
        "interferes": 0,
    },
    "symptoms": ["fever", "blood_in_urine", "weight_loss_unexplained"],
    "conditions": [
        c
        for c in CONDITIONS
        if c not in ("osteoporosis", "liver_disease", "raynauds_or_cold_sensitive", "glaucoma")
    ],
    "medicines": list(MEDICINES),
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": True,
    "activity": "not_working",
    "paper": "a4",
    "large_print": False,
    "name": LONG_NAME,
    "goal": "Walk the dog",
}


#: Home plans that took 7 pages at every step before the closest (a search of home plans with
#: most conditions and medicines ticked, 2 December 2026: 3 of about 125 "soon" plans drawn,
#: every one pregnant in old age with an 80-character name, in Spanish, on Letter). Each keeps
#: 6 with what was left out at 9 pt, ruled rather than boxed ("tightest").
LONG_HOME_PLANS: dict[str, dict[str, Any]] = {
    "pregnant at 87, 15 conditions, 8 medicines": {
        "format": "careplan-answers/1",
        "language": "es",
        "age": 87,
        "pregnant": True,
        "pregnancy_weeks": 33,
        "pain": {
            "where": "lower",
            "now": 2,
            "worst": 8,
            "started_days_ago": 100,
            "trigger": "sitting",
            "leg": "buttock_or_thigh",
            "before": "often",
            "interferes": 1,
        },
        "symptoms": [],
        "conditions": ["osteoporosis", *HOME_CONDITIONS],
        "medicines": [m for m in MEDICINES if m != "daily_aspirin"],
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": True,
        "activity": "mostly_sitting",
        "paper": "letter",
        "large_print": False,
        "name": LONG_NAME,
        "goal": "Walk the dog",
    },
    "pregnant at 75, 14 conditions, every medicine": {
        "format": "careplan-answers/1",
        "language": "es",
        "age": 75,
        "pregnant": True,
        "pregnancy_weeks": 29,
        "pain": {
            "where": "lower",
            "now": 7,
            "worst": 0,
            "started_days_ago": 400,
            "trigger": "sport",
            "leg": "below_knee",
            "before": "sometimes",
            "interferes": 7,
        },
        "symptoms": [],
        "conditions": [
            "osteoporosis",
            *(c for c in HOME_CONDITIONS if c != "numb_skin_or_neuropathy"),
        ],
        "medicines": list(MEDICINES),
        "alcohol_3_or_more_daily": True,
        "can_get_down_to_floor": True,
        "activity": "driving",
        "paper": "letter",
        "large_print": False,
        "name": LONG_NAME,
        "goal": "",
        "weight_under_50kg": True,
    },
}


@pytest.mark.parametrize("name", LONG_HOME_PLANS)
def test_a_long_home_plan_keeps_its_6_pages_at_the_closest_step(name: str) -> None:
    """Each took 7 pages at every step before the closest (3 December 2026); since each thing
    is said once, the step before it keeps 6 too (4 December). Each still takes 7 at first;
    at the closest step it takes 6, within every budget, as it does as laid out."""
    plan = make_plan(answers_from_dict(LONG_HOME_PLANS[name]), created=CREATED, generator=GENERATOR)
    assert plan.triage.level is Tier.SOON
    document = laid_out(plan)  # keeps each step's pages: the steps below are not laid out again
    closest = html_module.closer_steps(plan)
    assert html_module.density(plan, closest)[-1] == "tightest"
    pages = [
        pdf_module.person_pages(layout_of(plan, render_html(plan, closer=k)))
        for k in range(closest + 1)
    ]
    assert pages[0] == 7 and pages[-1] == 6
    assert pages == sorted(pages, reverse=True)
    at_closest = measure_document(layout_of(plan, render_html(plan, closer=closest)))
    assert at_closest.split == [] and budget_failures(plan, at_closest) == []
    result = measure_document(document)
    assert (result.person, result.split) == (6, [])
    assert budget_failures(plan, result) == []


#: An urgent plan a search found at 3 pages at every step (3 December 2026, 1 of 80 urgent
#: plans drawn pregnant in old age with most conditions and medicines ticked): in Spanish, on
#: Letter, pregnant at 106, four signs for a doctor today, a long name and goal. Page 1 is
#: full with the tier's box; what was left out ran onto a third page (the reasons against
#: anti-inflammatory gel and muscle relaxants, about a fifth of it, then an eighth). It keeps
#: 2 pages at the closest step since an urgent plan says nothing moot for a person seen today.
LONG_URGENT_ONCE_OVER: dict[str, Any] = {
    "format": "careplan-answers/1",
    "language": "es",
    "age": 106,
    "pregnant": True,
    "pregnancy_weeks": 27,
    "pain": {
        "where": "middle",
        "now": 4,
        "worst": 10,
        "started_days_ago": 1,
        "trigger": "lifting",
        "leg": "buttock_or_thigh",
        "before": "sometimes",
        "interferes": 10,
    },
    "symptoms": ["blood_in_urine", "vomiting", "night_pain_unrelieved", "worse_each_day"],
    "conditions": [
        c
        for c in CONDITIONS
        if c not in ("liver_disease", "heart_failure", "raynauds_or_cold_sensitive")
    ],
    "medicines": [m for m in MEDICINES if m != "daily_aspirin"],
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": True,
    "activity": "mostly_sitting",
    "paper": "letter",
    "large_print": False,
    "name": LONG_NAME,
    "goal": LONG_GOAL,
}


def test_an_urgent_plan_found_over_at_every_step_keeps_its_2_pages() -> None:
    """Over at every step until an urgent plan stopped saying what is moot for a person seen
    today (4 December 2026): the signs to see a doctor about within a few days, and, where the
    tier's box says the pain can be a kidney infection, that a kidney infection can feel like a
    back spasm. It keeps its 2 pages at the closest step."""
    plan = make_plan(answers_from_dict(LONG_URGENT_ONCE_OVER), created=CREATED, generator=GENERATOR)
    closest = html_module.closer_steps(plan)
    before = [
        pdf_module.person_pages(layout_of(plan, render_html(plan, closer=k)))
        for k in range(closest)
    ]
    assert before == [3] * closest
    result = measure_document(laid_out(plan))
    assert (result.person, result.split) == (2, [])
    assert budget_failures(plan, result) == []


@pytest.mark.parametrize(
    ("case", "step"),
    [
        (LONG_URGENT_ONCE_OVER, len(html_module.STEPS[Tier.URGENT]) - 1),
        (LONG_HOME_PLANS["pregnant at 87, 15 conditions, 8 medicines"], 4),
    ],
    ids=["urgent, closest", "home, closest"],
)
def test_the_marks_of_items_left_out_stay_beside_them(case: dict[str, Any], step: int) -> None:
    """At a closest step, what was left out is at 9 pt, ruled, with little room between the
    items: each item's mark is no taller than the item, or the marks of one-line items push
    each other down, out of line with their items (3 December 2026, full-size marks)."""
    plan = make_plan(answers_from_dict(case), created=CREATED, generator=GENERATOR)
    html = render_html(plan, closer=step)
    marks = 0
    for page in layout(html).pages:
        for box in _walk(page._page_box):
            if box.element_tag != "li" or "withheld" not in _classes(box):
                continue
            for mark in (c for c in box.children if c.element_tag == "li::before"):
                marks += 1
                assert mark.margin_height() <= box.margin_height()
    assert marks == html.count('class="withheld')


def _urgent_order(html: str) -> list[str]:
    person = html.split('data-part="clinician"')[0]
    ids = re.findall(r'<section class="[^"]*" id="([^"]+)"', person)
    return [
        i for i in ids if i in ("triage", "review", "keep-moving", "maternity", "warning-signs")
    ]


def test_a_long_urgent_plans_closer_steps_put_the_check_in_day_or_the_pregnancy_box_later() -> None:
    """At 9.5 pt a long urgent plan's check-in day (a few lines) sits under the tier's box; a
    step closer it goes after the warning signs; a step closer still, the pregnancy box does
    instead. The boxes are kept whole: which order leaves page 1 no gap depends on their
    heights. Closer still, a long item left out flows over a page, a little smaller, and then
    "Keep moving" comes right after the check-in day; closest of all, what comes after it is
    smaller, in that order."""
    plan = make_plan(
        answers_from_dict(LONG_URGENT_CHECK_IN_LATE), created=CREATED, generator=GENERATOR
    )
    dense, late, maternity_late, flows, moving_early, closest = (
        render_html(plan, closer=k) for k in range(6)
    )
    assert 'part-urgent dense"' in dense and 'part-urgent dense review-late"' in late
    assert 'part-urgent dense maternity-late"' in maternity_late
    assert 'part-urgent dense flows"' in flows
    assert 'part-urgent dense flows moving-early"' in moving_early
    assert 'part-urgent dense flows moving-early closest"' in closest
    box, first = ["triage", "review"], ["maternity", "warning-signs"]
    assert _urgent_order(dense) == [*box, *first, "keep-moving"]
    assert _urgent_order(late) == ["triage", *first, "review", "keep-moving"]
    assert _urgent_order(maternity_late) == [*box, "warning-signs", "maternity", "keep-moving"]
    assert _urgent_order(flows) == _urgent_order(dense)
    assert _urgent_order(moving_early) == [*box, "keep-moving", *first]
    assert _urgent_order(closest) == _urgent_order(moving_early)
    # Only at the closest two steps does a long item left out flow over a page.
    for html, flowing in ((dense, False), (maternity_late, False), (flows, True)):
        assert ('class="withheld flows"' in html) is flowing
    assert 'class="withheld flows"' in moving_early


@pytest.mark.parametrize(
    ("answers", "fits_at"),
    [
        (LONG_URGENT_CHECK_IN_LATE, 1),
        (LONG_URGENT_FLOWS, 3),
        (LONG_URGENT_MOVING_EARLY, 4),
        (LONG_URGENT_CLOSEST, 5),
        (LONG_URGENT_CLOSEST_A4, 5),
    ],
    ids=[
        "check-in day late",
        "flows",
        "keep moving early",
        "closest",
        "closest, A4",
    ],
)
def test_a_long_urgent_plan_keeps_its_2_pages_at_a_closer_step(
    answers: dict[str, Any], fits_at: int
) -> None:
    """Each plan took 3 pages at every step before the one it is written at (why the steps
    are there), and at that step takes 2, page 1 holding its box."""
    plan = make_plan(answers_from_dict(answers), created=CREATED, generator=GENERATOR)
    assert plan.triage.level is Tier.URGENT
    document = laid_out(plan)  # keeps each step's pages: the steps below are not laid out again
    before = [
        pdf_module.person_pages(layout_of(plan, render_html(plan, closer=k)))
        for k in range(fits_at)
    ]
    assert before == [3] * fits_at
    result = measure_document(document)
    assert (result.person, result.split) == (2, [])
    assert budget_failures(plan, result) == []
    assert "get-help-now" in document.pages[0].anchors


@pytest.mark.parametrize(
    ("case", "step"),
    [
        (LARGE_PRINT_ONCE_OVER["soon, pregnant at 87, 16 conditions, 8 medicines, a long name"], 0),
        (LONG_URGENT_CLOSEST, 4),
    ],
    ids=["large print, as first laid out", "urgent, at the step where long items flow"],
)
def test_an_item_left_out_keeps_its_mark_with_its_words(case: dict[str, Any], step: int) -> None:
    """A long item left out that may go on over a page ("flows"): when none of its lines fit
    where it starts, its mark goes on with them (3 December 2026: drawn as a float, the mark
    stayed alone at the foot of page 5 of the first, and of page 2 of the second)."""
    answers = answers_from_dict({"format": "careplan-answers/1", **case})
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    html = render_html(plan, closer=step)
    assert 'withheld flows"' in html
    assert measure_document(layout(html)).split == []


@pytest.mark.parametrize("large_print", [False, True])
def test_a_few_lines_on_the_last_page_are_laid_out_a_step_closer(
    monkeypatch: pytest.MonkeyPatch, large_print: bool
) -> None:
    """A person's part that fits but holds only a few lines on its last page (less than a
    sixth of it) is laid out once more a step closer, and written so when that takes a page
    fewer, still fits, and has no more pages ending a third empty: first-spasm's 6th page on
    Letter held only "What to expect", urgent-kidney's 4th in large print only the check-in
    day. In both print sizes. (Laid out by a stand-in: the pages per step, how much of the last
    one is filled, and which pages end a third empty.)"""
    laid: list[str] = []

    def run(plan: Plan, per_step: list[tuple[int, float, tuple[int, ...]]]) -> int:
        steps = [render_html(plan, closer=k) for k in range(len(per_step))]

        def layout(text: str) -> _Document:
            laid.append(text)
            person, last, gaps = per_step[steps.index(text)]
            return _stand_in(person, last, gaps)

        monkeypatch.setattr(pdf_module, "layout", layout)
        laid.clear()
        return pdf_module.person_pages(pdf_module.laid_out(plan, steps[0]))

    plan = example_plan("first-spasm", "letter", large_print)
    steps = [render_html(plan, closer=k) for k in range(4)]
    assert len(set(steps)) == 4
    few = pdf_module.FEW_ON_LAST
    fits = (3, 0.9, ())
    cases = [
        # (person's pages, share of the last filled, pages from 1 ending a third empty) at each
        # step → HTML laid out, pages written
        ([(4, 0.05, ()), (3, 0.98, ()), fits, fits], steps[:2], 3),
        ([(5, few, ()), (4, 0.9, ()), fits, fits], steps[:1], 5),  # a sixth is not a few lines
        ([(4, 0.05, ()), (4, 0.3, ()), fits, fits], steps[:2], 4),  # not a page fewer
        ([(1, 0.05, ()), (1, 0.05, ()), (1, 0.05, ()), (1, 0.05, ())], steps[:1], 1),  # 1 page
    ]
    if not large_print:  # (in large print, a page a third empty misses: laid out closer still)
        cases += [
            ([(4, 0.05, ()), (3, 0.9, (2,)), fits, fits], steps[:2], 4),  # a page a third empty
            ([(4, 0.05, (2,)), (3, 0.9, (2,)), fits, fits], steps[:2], 3),  # no more of them
        ]
    for per_step, expected, written in cases:
        assert run(plan, per_step) == written, per_step
        assert laid == expected, per_step


def test_an_emergency_plan_in_large_print_is_laid_out_again_at_the_closest_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An emergency plan in large print is page 1's boxes, each kept whole: when the last of
    them is left alone on page 2, a step closer (the lines closer) does not bring it back, the
    closest step (less paper above and below) does. So its few lines on a last page are laid
    out again at the closest step; any other plan's, one step closer. In standard print an
    emergency plan is laid out once. (Laid out by a stand-in: pages per step, and how much of
    the last is filled.)"""
    plan = example_plan("emergency", "a4", True)
    assert plan.triage.level is Tier.EMERGENCY
    steps = [render_html(plan, closer=k) for k in range(len(html_module.LARGE_STEPS))]
    laid: list[int] = []

    def laying_out(per_step: dict[int, tuple[int, float]]) -> Any:
        def layout(text: str) -> _Document:
            laid.append(steps.index(text))
            return _stand_in(*per_step[steps.index(text)])

        return layout

    closest = len(steps) - 1
    cases = [
        # (person's pages, share of the last filled) at each step → steps laid out, pages
        ({0: (2, 0.11), closest: (1, 0.95)}, [0, closest], 1),
        ({0: (2, 0.11), closest: (2, 0.05)}, [0, closest], 2),  # not a page fewer: as it was
        ({0: (2, 0.5)}, [0], 2),  # not a few lines
        ({0: (1, 0.9)}, [0], 1),
    ]
    for per_step, expected, pages in cases:
        laid.clear()
        monkeypatch.setattr(pdf_module, "layout", laying_out(per_step))
        assert pdf_module.person_pages(pdf_module.laid_out(plan, steps[0])) == pages
        assert laid == expected, per_step
    # In standard print: once, whatever its last page holds.
    standard = example_plan("emergency", "a4", False)
    laid.clear()
    steps = [render_html(standard)]
    monkeypatch.setattr(pdf_module, "layout", laying_out({0: (2, 0.05)}))
    pdf_module.laid_out(standard, steps[0])
    assert laid == [0]
    # Another plan in large print: one step closer, as before.
    home = example_plan("first-spasm", "a4", True)
    assert pdf_module._fuller_step(home) == 1
    assert pdf_module._fuller_step(plan) == html_module.closer_steps(plan) == closest


def test_large_print_that_misses_at_every_step_is_written_as_it_misses_least(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large print keeps its type size, so a part may miss at every step: then the layout
    written is the one whose page 1 is whole, then with the fewest pages over the part's 10,
    then the fewest pages ending more than a third empty, then the fewest pages, the least
    close of equals. A page that ends a third empty costs less paper than a page more: a
    pregnant person's plan was written in 11 pages where 10 had one page ending 37% empty.
    (Laid out by a stand-in: pages per step, and which of them end a third or more empty.)"""
    plan = example_plan("first-spasm", "letter", True)
    html = render_html(plan)
    steps = [html, *(render_html(plan, closer=k) for k in (1, 2, 3, 4, 5))]
    assert len(set(steps)) == 6 and 'part-person snug tight lean"' in steps[3]
    assert 'part-person snug tight lean leaner"' in steps[4]
    assert 'part-person snug tight lean leaner leanest"' in steps[5]
    most = html_module.MOST_PERSON_PAGES_LARGE
    over = (most + 1, ())

    cases = [
        # (person's pages, pages from 1 that end more than a third empty) at each step → the
        # step written
        ([over, over, (most, (6,)), (most - 1, (6,)), (most - 1, (6,)), (most - 1, (6,))], 3),
        ([over, (most, (1,)), (most + 2, ()), over, over, over], 0),
        (
            [(most, (3, 5)), (most, (3,)), (most, (3,)), (most - 1, (3, 5)), *[(most, (3, 5))] * 2],
            1,
        ),
        ([over, over, (most, ()), (most, (4,)), (most, ()), (most, ())], 2),  # the first fits
        ([over, over, over, over, (most, ()), (most, ())], 4),
        ([over, over, over, over, over, (most, ())], 5),  # only the closest fits
    ]
    for per_step, written in cases:
        laid = [_stand_in(person, gaps=gaps) for person, gaps in per_step]
        monkeypatch.setattr(pdf_module, "layout", lambda text, laid=laid: laid[steps.index(text)])
        assert pdf_module.laid_out(plan, html) is laid[written], per_step


def test_large_print_far_over_its_pages_skips_the_steps_that_cannot_bring_it_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large-print part far over its 10 pages as laid out first is not laid out at the
    steps that would leave it over even if they shrank it as much as they have any plan
    measured (pdf.LARGE_SHRINKS); the closest step is always laid out. One just over is laid
    out at every step, as before. (Laid out by a stand-in: pages per step, their last 95%
    full unless given.)"""
    plan = example_plan("first-spasm", "letter", True)
    html = render_html(plan)
    steps = [html, *(render_html(plan, closer=k) for k in (1, 2, 3, 4, 5))]
    most = html_module.MOST_PERSON_PAGES_LARGE
    shrinks = pdf_module.LARGE_SHRINKS
    assert sorted(shrinks) == [1, 2, 3, 4] and len(steps) == len(html_module.LARGE_STEPS)
    assert all(0.5 < shrinks[k] < 1 for k in shrinks)
    laid: list[int] = []

    def laying_out(per_step: list[tuple[int, float]]) -> Any:
        def layout(text: str) -> _Document:
            laid.append(steps.index(text))
            person, last = per_step[steps.index(text)]
            return _stand_in(person, last=last)

        return layout

    cases = [
        # (person's pages, the last one's share filled) at each step → the steps laid out, and
        # the one written
        ([(15, 0.95), (14, 0.95), (13, 0.95), (12, 0.95), (11, 0.95), (10, 0.95)], [0, 5], 5),
        ([(13, 0.95), (12, 0.95), (10, 0.95), (10, 0.95), (9, 0.95), (9, 0.95)], [0, 2], 2),
        ([(13, 0.95), (12, 0.95), (11, 0.95), (11, 0.95), (10, 0.95), (9, 0.95)], [0, 2, 3, 4], 4),
        ([(11, 0.95), (11, 0.95), (10, 0.95), (10, 0.95), (10, 0.95), (9, 0.95)], [0, 1, 2], 2),
        ([(12, 0.3), (10, 0.95), (10, 0.95), (10, 0.95), (10, 0.95), (9, 0.95)], [0, 1], 1),
        # none fits: written as it misses least, of the steps laid out
        ([(15, 0.95), (14, 0.95), (13, 0.95), (12, 0.95), (12, 0.95), (11, 0.95)], [0, 5], 5),
    ]
    for per_step, expected, written in cases:
        laid.clear()
        monkeypatch.setattr(pdf_module, "layout", laying_out(per_step))
        document = pdf_module.laid_out(plan, html)
        assert laid == expected, per_step
        assert pdf_module.person_pages(document) == per_step[written][0]
    # At its margin a step is laid out; the closest always is, and standard print steps as
    # its count says.
    for closer, shrink in shrinks.items():
        assert pdf_module._too_long_for(plan, (most + 0.01) / shrink, closer)
        assert not pdf_module._too_long_for(plan, (most - 0.01) / shrink, closer)
    assert not pdf_module._too_long_for(plan, 20.0, 5)
    standard = example_plan("first-spasm", "letter", False)
    assert not pdf_module._too_long_for(standard, 20.0, 1)


@pytest.mark.parametrize("paper", PAPERS)
def test_large_print_page_one_holds_its_box_with_a_long_name_and_goal(paper: str) -> None:
    """Page 1 holds the name, the tier, the 3 things and the get-help-now box, whatever was
    answered: in large print, a long goal with the tallest box (soon, pregnant, over 70) sent
    the box to page 2 (measured 2 December 2026: page 1 ended 47% empty on Letter). At its
    closest step page 1 leaves the goal to the exercises' first line, and of layouts that all
    miss, the one whose page 1 holds its box is written."""
    case = "soon, 82, pregnant, eight conditions, seven medicines"
    answers = dataclasses.replace(worst_case(case, paper), large_print=True)
    assert answers.name == LONG_NAME and answers.goal == LONG_GOAL
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    document = laid_out(plan)
    assert "get-help-now" in document.pages[0].anchors
    failures = budget_failures(plan, measure_document(document))
    assert not [f for f in failures if f.startswith("page 1 ")]
    # The goal is still the person's to read: the exercises' first line says it.
    pages = PdfReader(io.BytesIO(pdf_bytes(plan))).pages[: pdf_module.person_pages(document)]
    person = " ".join(" ".join((page.extract_text() or "").split()) for page in pages)
    assert " ".join(LONG_GOAL.split()[:6]) in person


def everything_ticked(*, stopped_early: bool, paper: str, large_print: bool) -> Answers:
    """An emergency: every sign, condition and medicine ticked, pregnant, a long name and goal."""
    doc: dict[str, Any] = {
        "format": "careplan-answers/1",
        "name": LONG_NAME,
        "goal": LONG_GOAL,
        "age": 40,
        "pregnant": True,
        "pregnancy_weeks": 30,
        "symptoms": list(SYMPTOMS),
        "paper": paper,
        "large_print": large_print,
    }
    if stopped_early:
        doc["stopped_early"] = True
    else:
        doc |= {
            "pain": {
                "where": "middle",
                "now": 9,
                "worst": 10,
                "started_days_ago": 400,
                "trigger": "minor_fall",
                "leg": "both_legs",
                "before": "often",
                "interferes": 9,
            },
            "conditions": list(CONDITIONS),
            "medicines": list(MEDICINES),
            "alcohol_3_or_more_daily": True,
            "can_get_down_to_floor": False,
            "activity": "heavy_manual",
            "weight_under_50kg": True,
        }
    return answers_from_dict(doc)


@pytest.mark.parametrize(
    ("stopped_early", "paper", "large_print"),
    [
        (False, "letter", False),
        (False, "a4", False),
        (False, "letter", True),
        (False, "a4", True),
        (True, "letter", True),
    ],
)
def test_an_emergency_plan_is_two_pages_whatever_was_ticked(
    stopped_early: bool, paper: str, large_print: bool
) -> None:
    """With every sign ticked, in standard print one page for the person and one for the staff
    (in large print, the person's part within its budget, at its large size): every sign the
    person has and every warning sign still printed, each reason in clinical words for the
    staff."""
    answers = everything_ticked(stopped_early=stopped_early, paper=paper, large_print=large_print)
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    assert plan.triage.level is Tier.EMERGENCY
    html = render_html(plan)
    result = measure_document(layout(html))
    if large_print:
        assert result.person <= person_budget(plan) and result.clinician == 1
    else:
        assert (result.pages, result.person, result.clinician) == (2, 1, 1)
    assert result.problems == [] and result.split == []
    person, staff = (part.replace("&#39;", "'") for part in html.split('data-part="clinician"'))
    box = plan.section("triage")
    assert box is not None and box.bullets
    for reason in box.bullets:
        assert reason.split(". ")[0] in person, reason
    signs = plan.section("warning-signs")
    assert signs is not None
    for sign in (*signs.bullets, *(row[0] for t in signs.tables for row in t.rows)):
        assert sign in person, sign
    for words in clinical_reasons(plan.triage, plan.language):
        assert words in staff, words


def test_every_triage_rule_has_clinical_words() -> None:
    assert set(said("en").rules) == {rule.id for rule in RULES}
    plan = example_plan("emergency", "letter", False)
    clinician = plan.section("clinician")
    assert clinician is not None
    assert clinician.bullets == (
        "new saddle numbness: ? cauda equina syndrome",
        "new bladder or bowel dysfunction: ? cauda equina",
    )


# ---- plans made by check-ins: the ladder and the history within the same budgets ----------------

#: Chains of check-ins from an example (days after the first plan, pain now, days done, goal
#: score, and optionally how many of the plan's exercises made the pain worse): each makes a
#: plan with the ladder, the check-in history and the "what changed" lines.
CHECK_IN_CHAINS: dict[str, tuple[str, tuple[tuple[int | None, ...], ...]]] = {
    # examples/check-in/first-spasm-week-1.json: 3 points lower, 5 days: up to stage 2.
    "first-spasm-week-1": ("first-spasm", ((7, 3, 5, 6),)),
    # Up, back, then up again (tests/intake/test_checkin.py's chain of three).
    "first-spasm-three": ("first-spasm", ((7, 3, 5, None), (14, 5, 6, None), (21, 2, 6, 8))),
    # Two check-ins at 80, no floor: the therapist's page once ran onto a second page.
    "no-floor-80-two": ("no-floor-80", ((7, 3, 5, 4), (14, 2, 6, 6))),
    "pregnant-two": ("pregnant", ((7, 3, 5, 5), (14, 2, 6, 7))),
    # Three check-ins with the longest list of sources: the clinician's part stays 3 pages.
    "pregnant-three": ("pregnant", ((7, 3, 5, 5), (14, 5, 6, 4), (21, 2, 6, 7))),
    # Two exercises made the pain worse: one replaced, one left out; page 1 says so in a line.
    "no-floor-80-worse": ("no-floor-80", ((7, 3, 5, 4, 2),)),
}


def checked_in_plan(chain: str, paper: str, large_print: bool = False) -> Plan:
    """The plan made by the last check-in of a chain, on this paper, in this print size."""
    name, steps = CHECK_IN_CHAINS[chain]
    doc = example_doc(name)
    doc.update(paper=paper, large_print=large_print)
    answers = answers_from_dict(doc)
    created = CREATED
    for days, pain_now, days_done, goal_score, *worse in steps:
        assert days is not None and pain_now is not None and days_done is not None
        plan = make_plan(answers, created=created, generator=GENERATOR)
        count = (worse[0] or 0) if worse else 0
        made_worse = tuple(e.id for e in plan.exercises if e.id != "walking")[:count]
        earlier = checkin.Earlier(
            Path("plan.pdf"),
            answers,
            created,
            plan.phase,
            tuple((e.id, e.title) for e in plan.exercises),
        )
        day = CREATED + timedelta(days=days)
        entry = CheckIn(
            date=day,
            pain_now=pain_now,
            pain_worst=pain_now + 2,
            days_done=days_done,
            made_worse=made_worse,
            symptoms=(),
            leg="none",
            goal_score=goal_score,
        )
        answers, created = checkin.apply(earlier, entry), day
    plan = make_plan(answers, created=created, generator=GENERATOR)
    assert len(plan.check_ins) == len(steps) and plan.section("ladder") is not None
    return plan


def _therapist_pages(document: Any) -> int:
    """On how many pages the therapist's page runs (the section with the note lines)."""
    return sum(
        1
        for page in document.pages
        if any(
            getattr(box, "element", None) is not None
            and box.element.get("data-section") == "clinician"
            for box in _walk(page._page_box)
        )
    )


#: Check-in plans still over a budget, as measured (1 December 2026): none. The pregnant
#: chains on A4 fit since a reason shared by several cards is printed on the first of them
#: only; no-floor-80-worse on Letter since large print that misses is laid out again closer.
CHECK_IN_OVER: dict[tuple[str, str, bool], str] = {}


CHECK_IN_CONFIGS = [
    (chain, paper, large)
    for chain in CHECK_IN_CHAINS
    for paper in PAPERS
    for large in (False, True)
]


@pytest.mark.parametrize(
    ("chain", "paper", "large_print"),
    [
        pytest.param(
            *config,
            marks=[pytest.mark.xfail(strict=False, reason=f"issue 14 budget not met yet: {over}")],
        )
        if (over := CHECK_IN_OVER.get(config)) is not None
        else config
        for config in CHECK_IN_CONFIGS
    ],
)
def test_check_in_plans_keep_the_page_budgets(chain: str, paper: str, large_print: bool) -> None:
    plan = checked_in_plan(chain, paper, large_print)
    document = laid_out(plan)
    result = measure_document(document)
    assert budget_failures(plan, result) == []
    assert result.split == []
    assert result.clinician <= 3
    assert _therapist_pages(document) == 1
    # Page 1 never splits: the what-changed lines, the 3 things and the get-help-now box.
    assert "get-help-now" in _page_sections(document, 0)
    assert not any("page-one" in _classes(box) for box in _walk(document.pages[1]._page_box))


# ---- page 1 -------------------------------------------------------------------------------------


def _page_sections(document: Any, number: int) -> set[str]:
    return {
        box.element.get("data-section")
        for box in _walk(document.pages[number]._page_box)
        if getattr(box, "element", None) is not None and box.element.get("data-section")
    }


@pytest.mark.parametrize(("name", "paper", "large_print"), CONFIGS)
def test_page_one_holds_the_tier_the_three_things_and_get_help_now(
    name: str, paper: str, large_print: bool
) -> None:
    plan = example_plan(name, paper, large_print)
    document = laid_out(plan)
    first = document.pages[0]._page_box
    classes = set().union(*(_classes(box) for box in _walk(first)))
    assert {"page-one", "badge", "today", "cover-title"} <= classes
    # Page 1 never splits: nothing of it on page 2.
    assert not any("page-one" in _classes(box) for box in _walk(document.pages[1]._page_box))
    if plan.triage.level is Tier.EMERGENCY:
        assert plan.section("get-help-now") is None
    else:
        assert "get-help-now" in _page_sections(document, 0)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("pain_now", "days"), [(3, 14), (6, 14), (7, 7), (9, 7)])
def test_page_one_gives_the_review_once_and_as_its_date(
    language: str, pain_now: int, days: int
) -> None:
    """A self-care plan reviews in 14 days, or in 7 from a pain of 7: page 1 says when by the
    date beside the badge, and the badge names no time of its own (it said "review in about
    2 weeks" beside a date a week away); nor does the therapist's tier line."""
    doc = example_doc("first-spasm")
    doc["language"] = language
    doc["pain"] = {**doc["pain"], "now": pain_now, "worst": max(pain_now, doc["pain"]["worst"])}
    plan = plan_from(doc)
    assert plan.triage.level is Tier.SELF_CARE and plan.review_on == CREATED + timedelta(days)
    html = render_html(plan)
    badge = html.split('class="badge-meaning">')[1].split("</p>")[0]
    assert not re.search(r"\d|week|semana", badge), badge
    clinician = plan.section("clinician")
    assert clinician is not None
    assert not any(re.search(r"about 2 weeks|unas 2 semanas", p) for p in clinician.paragraphs)
    page_one = html.split('data-section="get-help-now"')[0]
    assert html_lib.escape(day_text(plan.review_on, language), quote=False) in page_one


@pytest.mark.parametrize(
    ("changes", "fall"),
    [
        ({"age": 71}, True),
        ({"age": 70}, False),
        ({"conditions": ["osteoporosis"]}, True),
        ({"medicines": ["steroid_tablets"]}, True),
        ({"medicines": ["blood_thinner"]}, False),
    ],
)
def test_get_help_now_adds_a_fall_for_fragile_bones(changes: dict[str, Any], fall: bool) -> None:
    doc = example_doc("first-spasm")
    doc.update(changes)
    plan = plan_from(doc)
    section = plan.section("get-help-now")
    assert section is not None and section.kind == "warning"
    same_day = [row[0] for row in section.tables[0].rows]
    assert ("a fall or knock to your back" in same_day) is fall
    assert section.tables[0].header == ("See a doctor today if you get:",)
    assert any("chest pain" in sign for sign in section.bullets)


@pytest.mark.parametrize("name", [name for name in EXAMPLE_NAMES if name != "emergency"])
def test_a_fever_is_said_once_with_its_temperature_on_page_one(name: str) -> None:
    """Page 1's box says a fever with the temperature that makes it one, and the full list of
    signs after it does not say it again (it said it with the temperature, page 1 without)."""
    plan = example_plan(name, "letter", False)
    box = plan.section("get-help-now")
    assert box is not None
    person, _ = html_module.parts(plan)

    def texts(section: Any) -> list[str]:
        cells = [cell for t in section.tables for row in (t.header, *t.rows) for cell in row]
        return [*section.paragraphs, *section.bullets, *cells]

    same_day = [row[0] for row in box.tables[0].rows]
    assert [sign for sign in same_day if "38 °C / 100.4 °F" in sign] == same_day[:1]
    said = [text for section in (box, *person) for text in texts(section)]
    assert sum("38 °C" in text for text in said) == 1


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("first-spasm", {}),
        ("pregnant", {}),
        ("no-floor-80", {}),
        ("urgent-kidney", {}),
        ("standing-work-es", {}),
        ("first-spasm", {"pregnant": True, "pregnancy_weeks": 20, "symptoms": ["fever"]}),
    ],
)
def test_page_ones_box_says_every_emergency_sign_and_the_list_after_it_only_the_rest(
    name: str, changes: dict[str, Any]
) -> None:
    """Below `emergency`, page 1's box gives every sign that needs help now (a pregnant
    person's pregnancy signs among them) and every sign that needs a doctor today; the list
    after it, "More warning signs", holds only the signs to see a doctor about within days,
    with no line pointing back to page 1 (4 December 2026: it had led with "The box on page 1
    lists the signs that need help now or today" and then said two emergency signs more)."""
    plan = plan_from({**example_doc(name), **changes})
    assert plan.triage.level is not Tier.EMERGENCY
    box, signs = plan.section("get-help-now"), plan.section("warning-signs")
    assert box is not None
    if plan.triage.level is Tier.URGENT:
        # Seen by a doctor today, whose tier box says the pain can be a kidney infection:
        # nothing is left to say (tests/render/test_html.py has the other urgent plans).
        assert signs is None
        return
    assert signs is not None
    words = content_words.document("warnings.toml", plan.language)
    emergency_signs = words["help_now"]["emergency"]
    assert list(box.bullets[: len(emergency_signs)]) == emergency_signs
    assert signs.title == words["help_now"]["rest_title"]
    assert signs.paragraphs == () and signs.bullets == ()
    # Each group left is the one of signs to see a doctor about within days: its lead.
    soon = next(t["header"] for t in words["warning-signs"]["table"] if t["id"] == "soon")
    assert signs.tables and all(table.header == (soon,) for table in signs.tables)


def test_get_help_now_is_in_the_plan_record_and_first() -> None:
    plan = example_plan("first-spasm", "letter", False)
    record = plan.to_record()
    assert record["sections"][0]["id"] == "get-help-now"
    assert record["sections"][0]["kind"] == "warning"
    assert record["today"] == list(plan.today)
    assert len(plan.today) == 3
    emergency = example_plan("emergency", "letter", False)
    assert "get-help-now" not in [s["id"] for s in emergency.to_record()["sections"]]


def test_get_help_now_words_are_short() -> None:
    section = help_now_section(example_plan("pregnant", "letter", False).answers)
    for sign in (*section.bullets, *(row[0] for row in section.tables[0].rows)):
        assert len(sign.split()) <= 14, sign
    assert any("maternity" in sign for sign in section.bullets)


def test_first_page_and_the_therapists_page_print_the_review_date() -> None:
    plan = example_plan("first-spasm", "letter", False)
    assert plan.review_on is not None
    html = render_html(plan)
    page_one = html.split('<div class="part part-person"')[1].split("</header>")[0]
    assert plan.review_text in page_one
    day = f"{plan.review_on.day} {plan.review_on:%B %Y}"
    assert f"Review date: {day}." in html.split('data-part="clinician"')[1]


# ---- exercises as rows --------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["first-spasm", "pregnant", "desk-upper-back", "osteoporosis"])
def test_three_exercises_to_a_page(name: str, paper: str) -> None:
    plan = example_plan(name, paper, False)
    document = laid_out(plan)
    height = document.pages[0]._page_box.height
    cards = [
        box
        for page in document.pages
        for box in _walk(page._page_box)
        if getattr(box, "element", None) is not None
        and box.element.get("data-exercise")
        and getattr(box, "element_tag", None) == "article"
    ]
    assert len(cards) == len(plan.exercises)
    for card in cards:
        # With the space between cards, three fit in the page's height.
        assert 3 * (card.margin_height()) <= height, card.element.get("data-exercise")


def _font_sizes(document: Any, css_class: str) -> set[float]:
    sizes = set()
    for page in document.pages:
        for box in _walk(page._page_box):
            if css_class in _classes(box):
                for inner in _walk(box):
                    if type(inner).__name__ == "TextBox" and inner.text.strip():
                        sizes.add(round(inner.style["font_size"], 2))
    return sizes


@pytest.mark.parametrize("large_print", [False, True])
def test_captions_are_one_size_at_least_the_body_size(large_print: bool) -> None:
    plan = example_plan("first-spasm", "letter", large_print)
    document = laid_out(plan)
    body = 16 * 96 / 72 if large_print else 10.5 * 96 / 72  # plan.css: html font-size
    captions = _font_sizes(document, "caption")
    assert len(captions) >= 1
    text_sizes = {size for size in captions if size > body * 0.9}
    assert text_sizes == {round(body, 2)}


def _smallest_text(document: Any, css_class: str) -> dict[str, float]:
    """The smallest font size of the words in each element of a class, by its exercise or
    section (small reference numbers and the numbers in circles left out)."""
    smallest: dict[str, float] = {}
    for page in document.pages:
        for box, _, section in _walk_in(page._page_box):
            if css_class not in _classes(box):
                continue
            element = box.element
            name = element.get("data-exercise") or element.get("data-section") or section or ""
            stack = [box]
            while stack:
                inner = stack.pop()
                if _classes(inner) & {"cite", "caption-number", "card-number", "ladder-mark"}:
                    continue
                stack.extend(getattr(inner, "children", ()))
                if type(inner).__name__ == "TextBox" and inner.text.strip():
                    size = inner.style["font_size"] * 72 / 96
                    smallest[name] = min(smallest.get(name, size), size)
    return smallest


@pytest.mark.parametrize("paper", PAPERS)
def test_each_stage_of_the_ladder_draws_its_exercises_in_one_row_named_on_one_line(
    paper: str,
) -> None:
    """The ladder's small drawings go five to a row, each its name under it, all the names of
    a row starting on one line (first-spasm's stage 3 has five: its fifth once wrapped to a
    row of its own, and names sat at the heights of their drawings)."""
    plan = example_plan("first-spasm", paper, False)
    stages: dict[str, list[Any]] = defaultdict(list)
    for page in laid_out(plan).pages:
        for stage, _, _ in _content(page):
            if "ladder-stage" not in _classes(stage) or type(stage).__name__ != "BlockBox":
                continue
            for box in _walk(stage):
                if box.element.get("data-ladder-exercise") and box.style["float"] == "left":
                    stages[stage.element.get("data-stage")].append(box)
    assert plan.ladder is not None
    assert {stage: len(boxes) for stage, boxes in stages.items()} == {
        rung.phase: len(rung.exercises) for rung in plan.ladder.rungs
    }
    assert max(len(boxes) for boxes in stages.values()) == 5
    for boxes in stages.values():
        assert len({round(box.position_y, 2) for box in boxes}) == 1
        names = [next(b for b in _walk(box) if type(b).__name__ == "TextBox") for box in boxes]
        assert len({round(name.position_y, 2) for name in names}) == 1


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["first-spasm", "no-floor-80"])
def test_large_print_cards_and_ladder_are_at_least_the_body_size(name: str, paper: str) -> None:
    """Large print is for poor eyesight: no word on an exercise card or in the ladder of
    stages is smaller than the 16 pt body (the cards were once fixed at 10 pt)."""
    plan = example_plan(name, paper, True)
    document = laid_out(plan)
    cards = _smallest_text(document, "card")
    assert sorted(cards) == sorted(e.id for e in plan.exercises)
    ladder = _smallest_text(document, "ladder")
    assert ladder
    small = {key: size for key, size in (cards | ladder).items() if size < 16 - 0.01}
    assert small == {}


def test_every_card_keeps_its_figure_dose_fields_and_stop_rule() -> None:
    plan = example_plan("first-spasm", "letter", False)
    html = render_html(plan)
    cards = re.findall(r'<article class="card" data-exercise="([^"]+)"(.*?)</article>', html, re.S)
    assert [card_id for card_id, _ in cards] == [e.id for e in plan.exercises]
    for (_, card), exercise in zip(cards, plan.exercises, strict=True):
        assert "<svg" in card and "aria-label=" in card
        assert "How many" in card
        assert exercise.stop and exercise.stop in card.replace("&#39;", "'")
        if exercise.position != "walking":
            assert "How often" in card
        # How to build up is a card's own field only when it has a rule of its own (walking
        # here); the usual rule is said once, above the cards.
        assert ("Build up" in card) is bool(exercise.build_up)
    assert [e.id for e in plan.exercises if e.build_up] == ["walking"]
    section = plan.section("exercises")
    assert section is not None
    assert sum("1 or 2 more every few days" in p for p in section.paragraphs) == 1
    assert html.count("1 or 2 more every few days") == 1


@pytest.mark.parametrize(("phase", "starting"), [("acute", True), ("strengthening", False)])
def test_dose_fields_are_the_plans_own_parts(phase: str, starting: bool) -> None:
    from careplan.decide.exercises import library, select_exercises

    content = library()
    answers = example_plan("first-spasm", "letter", False).answers
    chosen = select_exercises(answers, Tier.SELF_CARE, phase=phase).exercises
    for exercise in chosen:
        item = content.exercises[exercise.id]
        fields = dose_fields(exercise)
        assert fields.amount == (item.start_amount if starting else item.amount)
        assert fields.per_day == item.how_often[:1].upper() + item.how_often[1:]
        # Its own rule only: the usual one is the section's, said once for every card.
        assert fields.build_up == item.build_up


def test_figure_captions_come_out_of_the_drawing() -> None:
    figure = figure_parts("pelvic-tilt", "en")
    assert [number for number, _ in figure.captions] == ["1", "2"]
    assert "<text" not in figure.svg
    assert "<title>" in figure.svg and "aria-label=" in figure.svg


def test_a_caption_with_an_apostrophe_prints_it_once_escaped() -> None:
    """The SVG escapes "arm's"; the printed caption says it as written, not "arm&#x27;s"."""
    figure = figure_parts("plank-wall", "en")
    captions = [caption for _, caption in figure.captions]
    assert "Stand an arm's length away" in captions
    assert not any("&" in caption for caption in captions)


# ---- the week: morning, midday and evening, then what changes when -------------------------


def test_a_compact_week_prints_as_it_is() -> None:
    compact = Table(
        header=("When", "Morning"),
        rows=(("Every day", "Exercises."), ("From day 3", "Walk further.")),
    )
    plan = example_plan("first-spasm", "letter", False)
    section = plan.section("first-week")
    assert section is not None
    changed = dataclasses.replace(section, tables=(compact,))
    html = render_html(
        dataclasses.replace(
            plan, sections=tuple(changed if s.id == "first-week" else s for s in plan.sections)
        )
    )
    assert "From day 3" in html and "Walk further." in html


@pytest.mark.parametrize("paper", PAPERS)
def test_the_week_takes_at_most_half_a_page(paper: str) -> None:
    document = laid_out(example_plan("first-spasm", paper, False))
    height = document.pages[0]._page_box.height
    week = [
        box
        for page in document.pages
        for box in _walk(page._page_box)
        if getattr(box, "element", None) is not None
        and box.element.get("data-section") == "first-week"
        and getattr(box, "element_tag", None) == "section"
    ]
    assert sum(box.margin_height() for box in week) <= height / 2


# ---- say each thing once: one numbered list of sources ------------------------------------------


def test_one_numbered_sources_list_and_numbers_in_the_text() -> None:
    plan = example_plan("first-spasm", "letter", False)
    html = render_html(plan)
    person, clinician = html.split('data-part="clinician"')
    assert "Sources:" not in person
    assert person.count('class="cite"') >= len([s for s in plan.sections if s.sources]) - 3
    refs = re.findall(
        r'<li id="source-(\d+)"><span class="ref-number">\d+\.</span>'
        r'<strong class="ref-short">([^<]+)</strong>',
        clinician,
    )
    assert [int(n) for n, _ in refs] == list(range(1, len(plan.sources) + 1))
    heat = plan.section("heat")
    assert heat is not None
    numbers = {short.replace("&amp;", "&"): n for n, short in refs}
    cited = re.search(r'id="heat".*?<sup class="cite"[^>]*>([^<]+)</sup>', person, re.S)
    assert cited is not None
    assert cited.group(1) == ", ".join(sorted((numbers[s] for s in heat.sources), key=int))


# ---- the therapist's page -----------------------------------------------------------------------


def _outside_content_box(document: Any, section_id: str) -> list[str]:
    outside = []
    for number, page in enumerate(document.pages):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        for box, _, section in _walk_in(page_box):
            element = getattr(box, "element", None)
            if element is None or type(box).__name__ == "MarginBox" or section != section_id:
                continue
            x, y = box.border_box_x(), box.border_box_y()
            if (
                x < left - 0.5
                or y < top - 0.5
                or x + box.border_width() > right + 0.5
                or y + box.border_height() > bottom + 0.5
            ):
                outside.append(f"page {number + 1}: <{element.tag} class={element.get('class')}>")
    return sorted(set(outside))


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["first-spasm", "blood-thinner", "no-floor-80", "emergency"])
def test_therapists_page_inside_the_margins(name: str, paper: str, large_print: bool) -> None:
    document = laid_out(example_plan(name, paper, large_print))
    assert _outside_content_box(document, "clinician") == []


def test_the_margin_check_can_fail() -> None:
    html = render_html(example_plan("first-spasm", "letter", False)).replace(
        '<div class="clin-grid">', '<div class="clin-grid" style="width: 120%">'
    )
    assert _outside_content_box(layout(html), "clinician")


#: The examples in English: this test reads the therapist's page's English labels (the Spanish
#: example's page is read in tests/test_print.py, in its own language).
ENGLISH_EXAMPLES = [name for name in EXAMPLE_NAMES if not name.endswith("-es")]


@pytest.mark.parametrize("name", ENGLISH_EXAMPLES)
def test_therapists_page_has_notes_names_new_dose_and_clinical_words(name: str) -> None:
    plan = example_plan(name, "letter", False)
    html = render_html(plan)
    clinician = html.split('data-part="clinician"')[1].split('data-section="progress-log"')[0]
    assert clinician.count('<div class="notes-line"></div>') >= NOTE_LINES >= 5
    assert "Clinician’s name, role and contact (phone or email)" in clinician
    assert "Review date" in clinician
    if plan.exercises:
        assert '<th scope="col">New dose</th>' in clinician
    person = html.split('data-part="clinician"')[0]
    for item in plan.withheld:
        words = clinical_withheld(plan.answers, item)
        assert words.replace("'", "&#39;") in clinician
        assert f"Not for you: {item.title}, because {item.reason}".replace("'", "&#39;") in person


@pytest.mark.parametrize(
    ("name", "item", "words"),
    [
        ("blood-thinner", "nsaid-oral", "oral NSAID: anticoagulant or antiplatelet"),
        ("pregnant", "nsaid-topical", "topical NSAID: pregnant"),
        ("no-floor-80", "muscle-relaxant", "muscle relaxant: age 80"),
    ],
)
def test_withheld_in_clinical_words(name: str, item: str, words: str) -> None:
    plan = example_plan(name, "letter", False)
    (withheld,) = [w for w in plan.withheld if w.id == item]
    assert clinical_withheld(plan.answers, withheld) == words


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("name", ["blood-thinner", "pregnant", "no-floor-80"])
def test_therapists_page_is_one_page_with_five_note_lines(name: str, large_print: bool) -> None:
    document = laid_out(example_plan(name, "letter", large_print))
    pages = [
        number
        for number, page in enumerate(document.pages)
        if any(
            getattr(box, "element", None) is not None and "notes-line" in _classes(box)
            for box in _walk(page._page_box)
        )
    ]
    assert len(pages) == 1
    notes = [
        box for box in _walk(document.pages[pages[0]]._page_box) if _classes(box) == {"notes-line"}
    ]
    assert len(notes) >= 5


# ---- HTML for screens ---------------------------------------------------------------------------


def test_html_for_screens_has_margins_short_lines_and_no_print_header() -> None:
    html = render_html(example_plan("first-spasm", "letter", False), standalone=True)
    screen = html.split("@media screen")[1].split("\n}\n")[0]
    width = re.search(r"body \{[^}]*max-width: ([\d.]+)em", screen)
    assert width is not None and float(width.group(1)) <= 40  # about 75 characters a line
    assert re.search(r"body \{[^}]*margin: 0 auto", screen)
    assert re.search(r"\.running-head \{ display: none; \}", screen)


def test_plan_record_lists_today_only_when_decided() -> None:
    plan = example_plan("first-spasm", "letter", False)
    assert json.loads(json.dumps(plan.to_record()))["today"] == list(plan.today)
    assert "today" not in dataclasses.replace(plan, today=()).to_record()


# ---- the person's words as printed (issue 14: first-spasm's part ≤ 1,600 words) --------------


class _PrintedText(HTMLParser):
    """The text a part prints: every element's words but the running head (the page's header,
    repeated on each page) and the small reference numbers (`sup`), which are not read as
    words; drawings (`svg`) hold no words."""

    SKIPPED = frozenset({"style", "script", "sup", "svg", "title"})
    EMPTY = frozenset({"br", "img", "meta", "link", "hr", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._hidden: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.EMPTY:
            return
        classes = (dict(attrs).get("class") or "").split()
        self._hidden.append(tag in self.SKIPPED or "running-head" in classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.EMPTY and self._hidden:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if not any(self._hidden):
            self.text.append(data)


def printed_person_words(plan: Plan) -> list[str]:
    """Every word of the person's part as printed: sections, exercise cards with their
    labels and captions, the ladder's stages and rows, page 1's header; a word is a run of
    characters with a letter or digit in it."""
    html = render_html(plan)
    person = html[html.index("<body") : html.index('data-part="clinician"')]
    parser = _PrintedText()
    parser.feed(person)
    return [w for w in " ".join(parser.text).split() if re.search(r"\w", w)]


def test_the_printed_word_count_sees_what_the_plan_record_leaves_out() -> None:
    """The ladder's stages and the next stage's rows (drawn from plan.ladder), the cards'
    labels and page 1's header are counted; the running head and reference numbers are not."""
    plan = example_plan("first-spasm", "letter", False)
    words = printed_person_words(plan)
    text = " ".join(words)
    assert plan.ladder is not None
    nxt = next(r for r in plan.ladder.rungs if r.next)
    new = next(e for e in nxt.exercises if e.id not in {x.id for x in plan.exercises})
    assert new.brief in text and "You are here" in text and "How many" in text
    assert "Back spasm care plan Made" not in text
    # The heading "Keep moving" and its first words, with no reference numbers between.
    assert "Keep moving Some pain when you move" in text


#: Issue 14's budget for the person's part of first-spasm, counted as printed by
#: `printed_person_words` (the plan record's sections and cards alone, 1,540 words on 4
#: December 2026, leave out the ladder's stages and rows, the cards' labels and captions, and
#: page 1's header). It was 1,949 words that day; 1,592 once each thing was said once.
FIRST_SPASM_WORD_BUDGET = 1600


def test_the_first_spasm_plan_prints_at_most_1600_words_for_the_person() -> None:
    words = printed_person_words(example_plan("first-spasm", "letter", False))
    assert len(words) <= FIRST_SPASM_WORD_BUDGET
