"""The printed plan: paper sizes, large print, the shared pages, page breaks and accessibility."""

from __future__ import annotations

import functools
import io
import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader

from careplan.decide.sharing import (
    clinical_withheld,
    clinician_section,
    log_section,
    said,
    top_three,
)
from careplan.plan import Plan, Tier
from careplan.render.html import labels as html_labels
from careplan.render.html import render_html, unprintable
from careplan.render.pdf import html_to_pdf
from tests.plan_fixtures import (
    EXAMPLE_NAMES,
    example_doc,
    example_plan,
    plan_from,
    without_sections,
)
from tests.renders import laid_out, pdf_bytes

PAGE_SIZES = {"letter": (612, 792), "a4": (595, 842)}
FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"

NOT_ASKED = said("en").not_asked
YES = said("en").yes


@functools.cache
def rendered(name: str, paper: str | None = None, large_print: bool | None = None) -> bytes:
    """The PDF of an example plan (cached: rendering takes about a second)."""
    return pdf_bytes(example_plan(name, paper, large_print))


def reader(name: str, paper: str | None = None, large_print: bool | None = None) -> PdfReader:
    """The example's PDF, opened with pypdf."""
    return PdfReader(io.BytesIO(rendered(name, paper, large_print)))


def page_texts(pdf: PdfReader) -> list[str]:
    """Each page's text, white space folded to one space and none after a line-end hyphen."""
    texts = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    return [text.replace("- ", "-") for text in texts]


def body_font_size(pdf: PdfReader) -> float:
    """The font size, in points, of most of the text on the pages after the first."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        sizes.extend([round(size * scale, 1)] * len(text.strip()))

    for page in pdf.pages[1:4]:
        page.extract_text(visitor_text=visit)
    return statistics.mode(sizes)


# ---- paper and large print -----------------------------------------------------------------


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_page_has_the_paper_size(paper: str) -> None:
    width, height = PAGE_SIZES[paper]
    pdf = reader("first-spasm", paper, False)
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=1)
        assert float(page.mediabox.height) == pytest.approx(height, abs=1)


def test_large_print_is_at_least_16_pt_and_takes_more_pages() -> None:
    normal, large = reader("first-spasm", "letter", False), reader("first-spasm", "letter", True)
    assert body_font_size(normal) < 13
    assert body_font_size(large) >= 16
    assert len(large.pages) > len(normal.pages)


def test_running_header_and_footer_name_the_plan_on_every_page() -> None:
    texts = page_texts(reader("first-spasm"))
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        if number > 1:  # the first page's cover names the plan in large type instead
            assert "Alex · Back spasm care plan" in text
            assert "Made 22 November 2026" in text


# ---- the first page -------------------------------------------------------------------------


def test_first_page_says_whose_plan_its_tier_and_what_to_do_today() -> None:
    first = page_texts(reader("first-spasm"))[0]
    plan = example_plan("first-spasm")
    assert "Alex’s plan" in first
    assert "SELF-CARE" in first
    assert "Pick up my daughter again" in first
    for item in top_three(plan):
        assert " ".join(item.split()) in first


def test_emergency_first_page_says_call_dont_drive_take_the_plan() -> None:
    plan = example_plan("emergency")
    today = top_three(plan)
    assert len(today) == 3
    assert today[0].startswith("Call emergency services")
    assert today[1] == "Do not drive yourself."
    assert today[2].startswith("Take this plan with you")
    first = page_texts(reader("emergency"))[0]
    assert "EMERGENCY" in first
    assert "What to do now" in first


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_top_three_refers_only_to_what_the_plan_shows(name: str) -> None:
    plan = example_plan(name)
    today = top_three(plan)
    assert 1 <= len(today) <= 3
    titles = {s.title for s in plan.sections}
    for item in today:
        if "see “" in item:
            assert item.split("see “")[1].rstrip("”.") in titles
    if plan.triage.level is Tier.URGENT:
        assert today[0].startswith("See a doctor today")
    if not plan.exercises:
        assert not any("exercises" in item for item in today)


def test_top_three_leaves_out_what_the_plan_left_out() -> None:
    plan = example_plan("first-spasm")
    assert any("heat" in item for item in top_three(plan))
    no_heat = without_sections(plan, "heat")
    assert not any("heat" in item for item in top_three(no_heat))
    assert any("cold pack" in item for item in top_three(no_heat))


# ---- the clinician page and the progress log ------------------------------------------------


def _section_pages(texts: list[str], title: str) -> list[int]:
    return [i for i, text in enumerate(texts) if i > 0 and title in text]


def test_clinician_page_has_the_persons_numbers_and_one_page() -> None:
    texts = page_texts(reader("first-spasm"))
    pages = _section_pages(texts, "For your physical therapist or doctor")
    assert len(pages) == 1
    page = texts[pages[0]]
    for expected in (
        "Pain now 6/10",
        "Worst, last 24 h 8/10",
        "Interference 6/10",
        "2 days ago",
        "lifting",
        "none: first episode",
        "Saddle numbness (new) no",
        "SELF-CARE",
        "“Pick up my daughter again”",
        "Clinician’s notes and changes to the plan",
        "Made on 22 November 2026",
    ):
        assert expected in page
    plan = example_plan("first-spasm")
    for exercise in plan.exercises:
        assert f"{exercise.title} {exercise.dose}" in page


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_clinician_page_is_one_page_with_room_for_notes(
    name: str, paper: str, large_print: bool
) -> None:
    plan = example_plan(name, paper, large_print)
    # In the plan's language (the Spanish example's is Spanish).
    labels = html_labels(plan.language)
    texts = page_texts(reader(name, paper, large_print))
    pages = _section_pages(texts, said(plan.language).say("clinician.title"))
    assert len(pages) == 1
    page = texts[pages[0]]
    assert labels["notes_title"] in page
    assert labels["contact"].strip() in page
    # In a clinician's words; the person's part keeps the reason word for word.
    for withheld in plan.withheld:
        assert " ".join(clinical_withheld(plan.answers, withheld).split()) in page


def test_clinician_page_lists_every_withheld_item_and_why() -> None:
    plan = example_plan("blood-thinner")
    assert plan.withheld
    texts = page_texts(reader("blood-thinner"))
    page = texts[_section_pages(texts, "For your physical therapist or doctor")[0]]
    for item in plan.withheld:
        assert " ".join(clinical_withheld(plan.answers, item).split()) in page
    assert "oral NSAID: anticoagulant or antiplatelet" in page


def test_not_for_you_is_printed_word_for_word() -> None:
    plan = example_plan("blood-thinner")
    text = " ".join(page_texts(reader("blood-thinner")))
    for item in plan.withheld:
        assert f"Not for you: {item.title}, because {item.reason}" in text


def test_screen_marks_yes_answers_and_unasked_signs() -> None:
    doc = example_doc("emergency")
    section = clinician_section(
        plan_from(doc).answers, example_plan("emergency").triage, None, (), ()
    )
    screen = {row[0]: row[1] for row in section.tables[1].rows}
    assert screen["Saddle numbness (new)"] == YES
    assert screen["Chest pain or breathlessness"] == "no"
    assert screen["Vomiting"] == NOT_ASKED  # stopped early: the later questions were never asked
    html = render_html(example_plan("emergency"))
    assert '<strong class="yes">YES</strong>' in html


def test_progress_log_has_fourteen_days_and_numbered_exercises() -> None:
    plan = example_plan("first-spasm")
    log = log_section(plan.answers, plan.exercises)
    (grid,) = log.tables
    assert [row[0] for row in grid.rows] == [str(day) for day in range(1, 15)]
    ticks = [cell for cell in grid.header if cell.startswith("Ex ")]
    numbered = [i for i, e in enumerate(plan.exercises, start=1) if e.id != "walking"]
    assert ticks == [f"Ex {i}" for i in numbered]
    assert log.bullets == tuple(f"Ex {i}: {plan.exercises[i - 1].title}" for i in numbered)
    texts = page_texts(reader("first-spasm"))
    page = texts[_section_pages(texts, "Your progress log")[0]]
    assert "Pain AM" in page and "Walk (min)" in page
    assert "2 points, or about 30%" in page


# ---- nothing split across pages ---------------------------------------------------------------


def _kept_whole(box: Any) -> str | None:
    """A name for a box that must stay on one page, or None."""
    element = box.element
    if element is None or box.element_tag not in ("article", "section", "div", "tr", "p", "li"):
        return None
    classes = set((element.get("class") or "").split())
    if box.element_tag == "li":
        # An item of "Left out for your safety" is a box of its own in standard print.
        return f"not-for-you item {(element.text or '')[:40]!r}" if "withheld" in classes else None
    if element.get("data-exercise"):
        return f"exercise {element.get('data-exercise')}"
    if box.element_tag == "section" and "kind-warning" in classes:
        return f"warning box {element.get('data-section')}"
    if box.element_tag == "section" and "kind-log" in classes:
        return "progress log"
    if element.get("data-section") == "not-for-you" and "boxes" not in classes:
        # Drawn as one box (no "boxes"): kept whole; as made, a box per item (above).
        return "not-for-you box"
    if classes & {"today", "caution", "notes", "clin-grid", "page-one"}:
        return f"{box.element_tag}.{'.'.join(sorted(classes))}"
    if box.element_tag == "tr":
        return "table row"
    return None


def _walk(box: Any, in_header: bool = False) -> Iterator[tuple[Any, bool]]:
    yield box, in_header
    for child in getattr(box, "children", ()):
        yield from _walk(child, in_header or bool(getattr(child, "is_header", False)))


def split_elements(plan: Plan) -> list[str]:
    """Elements that must stay whole but were split across pages although they fit on one."""
    document = laid_out(plan)
    pages: dict[int, set[int]] = defaultdict(set)
    heights: dict[int, float] = defaultdict(float)
    names: dict[int, str] = {}
    page_height = min(page._page_box.height for page in document.pages)
    for number, page in enumerate(document.pages):
        for box, in_header in _walk(page._page_box):
            name = _kept_whole(box)
            if name is not None and not in_header:  # header rows repeat on purpose
                pages[id(box.element)].add(number)
                heights[id(box.element)] += box.margin_height()
                names[id(box.element)] = name
    return sorted(
        f"{names[key]} on pages {sorted(p)}"
        for key, p in pages.items()
        if len(p) > 1 and heights[key] <= page_height
    )


@pytest.mark.parametrize(
    ("name", "large_print"),
    [(name, None) for name in EXAMPLE_NAMES] + [("osteoporosis", True), ("pregnant", True)],
)
def test_no_card_box_or_row_is_split_across_pages(name: str, large_print: bool | None) -> None:
    assert split_elements(example_plan(name, None, large_print)) == []


@pytest.mark.parametrize(("paper", "large_print"), [("letter", False), ("a4", True)])
def test_margins_survive_home_printers(paper: str, large_print: bool) -> None:
    """Body text stays 15 mm from every edge, the header and footer 10 mm."""
    mm = 96 / 25.4
    document = laid_out(example_plan("pregnant", paper, large_print))
    for page in document.pages:
        page_box = page._page_box
        width, height = page_box.margin_width(), page_box.margin_height()
        for box in page_box.descendants():
            if type(box).__name__ != "TextBox" or not box.text.strip():
                continue
            in_margin = box.position_y < 20 * mm or box.position_y > height - 20 * mm
            edge = (10 if in_margin else 15) * mm
            assert box.position_x >= edge and box.position_x + box.width <= width - edge
            assert box.position_y >= edge and box.position_y + box.height <= height - edge


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize(
    ("name", "box"), [("emergency", "triage"), ("urgent-kidney", "get-help-now")]
)
def test_urgent_tier_box_shares_the_first_page(name: str, box: str, paper: str) -> None:
    """An emergency plan's first page says what to do now; below it, the get-help-now box."""
    plan = example_plan(name, paper, False)
    document = laid_out(plan)
    first = {
        found.element.get("data-section")
        for found, _ in _walk(document.pages[0]._page_box)
        if found.element is not None
    }
    assert box in first


# ---- accessibility and fonts ------------------------------------------------------------------


def test_pdf_is_tagged_with_language_title_and_bookmarks() -> None:
    pdf = reader("first-spasm")
    catalog: Any = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    assert pdf.metadata is not None
    assert (pdf.metadata.title or "").startswith("Back spasm care plan")

    def titles(outline: list[Any]) -> Iterator[str]:
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = set(titles(pdf.outline))
    assert "Alex’s plan" in bookmarks
    assert "For your physical therapist or doctor" in bookmarks
    assert "Your progress log: two weeks" in bookmarks


def _struct_elements(node: Any) -> Iterator[Any]:
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            yield from _struct_elements(kid)
    elif hasattr(node, "get") and node.get("/Type") in (None, "/StructElem", "/StructTreeRoot"):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _struct_elements(node["/K"])


def test_every_figure_and_icon_has_alternative_text() -> None:
    catalog: Any = reader("first-spasm").trailer["/Root"]
    figures = [
        element
        for element in _struct_elements(catalog["/StructTreeRoot"])
        if element["/S"] == "/Figure"
    ]
    plan = example_plan("first-spasm")
    # The exercise figures, the ladder's (each stage's, and the next stage's rows for the
    # exercises not already on a card) and the tier icon.
    assert plan.ladder is not None
    shown = {e.id for e in plan.exercises}
    ladder = sum(len(r.exercises) for r in plan.ladder.rungs) + sum(
        1 for r in plan.ladder.rungs if r.next for e in r.exercises if e.id not in shown
    )
    assert len(figures) == len(plan.exercises) + ladder + 1
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alts), alts
    assert any(alt.startswith(plan.exercises[0].title) for alt in alts)


def test_only_the_bundled_font_is_used() -> None:
    pdf = reader("pregnant")
    fonts = set()
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Atkinson-Hyperlegible" in font for font in fonts), fonts


def _widths(array: list[Any]) -> dict[int, float]:
    """A CID font's /W array as {glyph id: width}."""
    found: dict[int, float] = {}
    i = 0
    while i < len(array):
        first = int(array[i])
        if isinstance(array[i + 1], list):
            found.update({first + n: float(w) for n, w in enumerate(array[i + 1])})
            i += 2
        else:
            last, width = int(array[i + 1]), float(array[i + 2])
            found.update(dict.fromkeys(range(first, last + 1), width))
            i += 3
    return found


def _to_unicode(cmap: str) -> dict[int, str]:
    """The single-character entries of a ToUnicode CMap as {glyph id: character}."""
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for source, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            if len(target) == 4:
                found[int(source, 16)] = chr(int(target, 16))
    return found


def _drawn_glyphs_match(pdf: PdfReader) -> list[str]:
    """Characters whose glyph in the PDF is not that character's glyph in the bundled fonts.

    A glyph drawn from the wrong font file has the wrong width: compare each accented
    glyph's width with the width of the character it stands for in the file it came from.
    (Digits and ASCII letters may be drawn as alternates, e.g. a slashed zero.)
    """
    wrong = []
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            weight = "700" if "Bold" in name else "400"
            if "Noto" in name:
                file = f"noto-sans-greek-cyrillic-{weight}-normal.woff"
            else:
                part = "latin-ext" if "Ext" in name else "latin"
                file = f"atkinson-hyperlegible-{part}-{weight}-normal.woff"
            source = TTFont(FONTS / file)
            scale = 1000 / source["head"].unitsPerEm
            cmap = source.getBestCmap()
            widths = _widths(font["/DescendantFonts"][0].get_object()["/W"])
            characters = _to_unicode(font["/ToUnicode"].get_object().get_data().decode())
            for glyph, character in characters.items():
                if character.isascii():
                    continue
                glyph_name = cmap.get(ord(character))
                expected = source["hmtx"][glyph_name][0] * scale if glyph_name else None
                if expected is None or abs(widths.get(glyph, -1) - expected) > 1:
                    wrong.append(f"{character!r} in {name}")
    return sorted(set(wrong))


def test_accented_name_prints_and_extracts_cleanly() -> None:
    doc = example_doc("first-spasm")
    doc["name"] = "Łukasz Dvořák"
    plan = plan_from(doc)
    pdf = PdfReader(io.BytesIO(html_to_pdf(plan, render_html(plan))))
    text = " ".join(page_texts(pdf))
    assert "Łukasz Dvořák’s plan" in text
    assert "\x00" not in text
    assert _drawn_glyphs_match(pdf) == []


def _base_fonts(pdf: PdfReader) -> set[str]:
    fonts = set()
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        fonts.update(str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values())
    return fonts


@pytest.mark.parametrize(
    ("name", "goal"),
    [
        ("Ελένη Παπαδοπούλου", "Να σηκώνω την κόρη μου, χωρίς πόνο."),
        ("Иван Петров", "Снова играть в футбол с сыном"),
        ("Zoë Ковальчук-Σάββα", "Back to (my) garden — 20 minutes"),
    ],
)
def test_greek_and_cyrillic_print_in_a_bundled_font(name: str, goal: str) -> None:
    doc = example_doc("first-spasm")
    doc["name"], doc["goal"] = name, goal
    plan = plan_from(doc)
    pdf = PdfReader(io.BytesIO(html_to_pdf(plan, render_html(plan))))
    text = " ".join(page_texts(pdf))
    assert f"{name}’s plan" in text
    assert f"“{goal}”" in text
    fonts = _base_fonts(pdf)
    assert any("Noto-Sans-Greek-Cyrillic" in font for font in fonts), fonts
    assert all(("Atkinson-Hyperlegible" in f or "Noto-Sans-Greek-Cyrillic" in f) for f in fonts)
    assert _drawn_glyphs_match(pdf) == []


def test_latin_plans_do_not_load_the_greek_and_cyrillic_font() -> None:
    html = render_html(example_plan("first-spasm"))
    assert "atkinson-hyperlegible-latin-400" in html
    assert "noto-sans" not in html


@pytest.mark.parametrize(
    ("name", "goal", "missing"),
    [
        ("Alex", "Pick up my daughter", ""),
        ("Łukasz Dvořák", "Grüße, ça va, ñ", ""),
        ("Ελένη", "Иван", ""),
        ("李明", "Walk the dog 🐕", "李明🐕"),
        ("محمد علي", None, "محدعلي"),  # each letter once
    ],
)
def test_unprintable_names_the_letters_no_bundled_font_has(
    name: str, goal: str | None, missing: str
) -> None:
    doc = example_doc("first-spasm")
    doc["name"] = name
    if goal is None:
        doc.pop("goal", None)
    else:
        doc["goal"] = goal
    assert unprintable(plan_from(doc).answers) == missing


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.extend(value or "" for _, value in attrs)


def test_person_text_is_escaped_and_never_in_an_attribute() -> None:
    doc = example_doc("first-spasm")
    doc["name"] = 'Al<b>"ex'
    doc["goal"] = "<img src=file:///etc/passwd> walk"
    html = render_html(plan_from(doc))
    assert "<b>" not in html and "<img" not in html
    assert "Al&lt;b&gt;&#34;ex" in html
    parser = _Attributes()
    parser.feed(html)
    assert not any("Al<b>" in value or "passwd" in value for value in parser.values)
