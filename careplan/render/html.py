"""Plan → HTML with Jinja2: one environment, autoescaped, strict about undefined names."""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from careplan.answers import Answers
from careplan.figures import figure_svg
from careplan.plan import Plan, Tier
from careplan.render.resources import assets_dir, templates_dir
from careplan.sharing import TIER_BADGES, YES, top_three
from careplan.triage import maternity_first

_LATIN = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
    "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
_LATIN_EXT = (
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
    "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
    "U+2C60-2C7F,U+A720-A7FF"
)
# The latin-ext files get a family of their own: WeasyPrint 70 merges font files that share
# a family, weight and style into one PDF font, which draws the wrong glyph for "Ł" or "ř".
# plan.css names both families, latin first, so each character comes from the file that has it.
FONT_FILES = (
    # (family, file, weight, unicode-range)
    ("Atkinson Hyperlegible", "atkinson-hyperlegible-latin-400-normal.woff", 400, _LATIN),
    ("Atkinson Hyperlegible", "atkinson-hyperlegible-latin-700-normal.woff", 700, _LATIN),
    (
        "Atkinson Hyperlegible Ext",
        "atkinson-hyperlegible-latin-ext-400-normal.woff",
        400,
        _LATIN_EXT,
    ),
    (
        "Atkinson Hyperlegible Ext",
        "atkinson-hyperlegible-latin-ext-700-normal.woff",
        700,
        _LATIN_EXT,
    ),
)
# Greek and Cyrillic, for the person's own words (name, goal) only: declared when these need
# it, so that a plan without them loads and embeds no extra font.
_GREEK_CYRILLIC_LETTERS = "U+0370-03FF,U+0400-052F,U+1C80-1C88,U+1F00-1FFF,U+2DE0-2DFF,U+A640-A69F"
# With the spaces, digits, punctuation and accents between such letters, so that they are set
# in the same font as the words around them.
_GREEK_CYRILLIC = (
    "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0300-036F,U+2010-2027,"
    + _GREEK_CYRILLIC_LETTERS
)
EXTRA_FONT_FILES = (
    ("Noto Sans Greek Cyrillic", "noto-sans-greek-cyrillic-400-normal.woff", 400, _GREEK_CYRILLIC),
    ("Noto Sans Greek Cyrillic", "noto-sans-greek-cyrillic-700-normal.woff", 700, _GREEK_CYRILLIC),
)
PAPER_SIZES = {"letter": "letter", "a4": "A4"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def answer_cell(cell: str) -> Markup | str:
    """A table cell; a YES answer is marked in bold, boxed type, never by colour alone."""
    if cell == YES:
        return Markup('<strong class="yes">{}</strong>').format(cell)
    return cell


@functools.cache
def get_env() -> jinja2.Environment:
    """The one Jinja2 environment: user text is always escaped, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["answer_cell"] = answer_cell
    return env


@functools.cache
def _spans(ranges: str) -> tuple[tuple[int, int], ...]:
    """A CSS unicode-range list as (first, last) code points."""
    spans = []
    for part in ranges.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        spans.append((int(first, 16), int(last or first, 16)))
    return tuple(spans)


def _covered(char: str, ranges: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _spans(ranges))


def _own_words(answers: Answers) -> str:
    """What the person typed that the plan prints: their name and goal."""
    return "".join(filter(None, (answers.name, answers.goal)))


def needs_greek_cyrillic(answers: Answers) -> bool:
    """Whether the person's own words have Greek or Cyrillic letters, which Atkinson lacks."""
    return any(_covered(c, _GREEK_CYRILLIC_LETTERS) for c in _own_words(answers))


def unprintable(answers: Answers) -> str:
    """The characters of the person's own words that no bundled font has, each once."""
    ranges = ",".join(face[3] for face in FONT_FILES + EXTRA_FONT_FILES)
    words = _own_words(answers)
    return "".join(dict.fromkeys(c for c in words if not c.isspace() and not _covered(c, ranges)))


@functools.cache
def font_faces(standalone: bool, greek_cyrillic: bool = False) -> str:
    """@font-face rules: asset URLs for the PDF, inline data URLs for a standalone HTML file."""
    rules = []
    for family, file, weight, unicode_range in FONT_FILES + (
        EXTRA_FONT_FILES if greek_cyrillic else ()
    ):
        if standalone:
            data = base64.b64encode((assets_dir() / "fonts" / file).read_bytes()).decode()
            src = f"url(data:font/woff;base64,{data}) format('woff')"
        else:
            src = f"url(fonts/{file}) format('woff')"
        rules.append(
            f"@font-face {{ font-family: '{family}'; font-style: normal; "
            f"font-weight: {weight}; src: {src}; unicode-range: {unicode_range}; }}"
        )
    return "\n".join(rules)


@functools.cache
def stylesheet() -> str:
    """The plan's stylesheet text."""
    return (assets_dir() / "plan.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Page:
    """Paper and print choices for one rendering."""

    paper: str
    large_print: bool


def long_date(plan: Plan) -> str:
    """The plan's date in words, e.g. 22 November 2026."""
    day = plan.created
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def document_title(plan: Plan) -> str:
    """The PDF's title: whose plan, and when."""
    name = plan.answers.name
    who = f" for {name}" if name else ""
    return f"Back spasm care plan{who}, {long_date(plan)}"


#: The cover's contents: a label for each kind of section.
CONTENTS = (
    ("warning", "Warning signs"),
    ("treatment", "What helps"),
    ("medicine", "Medicines"),
    ("exercise", "Your exercises"),
    ("schedule", "Your first week"),
    ("prevention", "Stopping it coming back"),
    ("info", "What to expect"),
    ("clinician", "For your therapist or doctor"),
    ("log", "Your progress log"),
    ("sources", "Sources"),
)


def contents(plan: Plan) -> tuple[tuple[str, str], ...]:
    """The cover's list of contents, in page order: (label, id of a kind's first section).

    An urgent or emergency plan is short, and its tier box must fit on the first page: it
    has no contents list, unless in large print, where the first page is a title page anyway.
    """
    short = plan.triage.level in (Tier.EMERGENCY, Tier.URGENT)
    if short and not plan.answers.large_print:
        return ()
    labels = dict(CONTENTS)
    found: dict[str, str] = {}
    for section in plan.sections:
        # The tier box is on the cover page itself.
        if section.kind in labels and section.kind not in found and section.id != "triage":
            found[section.kind] = section.id
    return tuple((labels[kind], section_id) for kind, section_id in found.items())


def references(plan: Plan) -> tuple[tuple[str, str], ...]:
    """The plan's sources as (short name, full reference), the year added where it is missing."""
    found = []
    for source in plan.sources:
        text = source.title.rstrip(".")
        if source.year and source.year not in text:
            text = f"{text} ({source.year})"
        found.append((source.short, f"{text}."))
    return tuple(found)


def render_html(plan: Plan, *, standalone: bool = False) -> str:
    """The plan as one HTML document; `standalone` inlines fonts so the file opens anywhere."""
    answers = plan.answers
    page = Page(paper=answers.paper or "letter", large_print=answers.large_print)
    figures = {i: Markup(figure_svg(i)) for i in plan.figure_ids()}
    badge, meaning = TIER_BADGES[plan.triage.level]
    if maternity_first(answers, plan.triage):  # the same first action as page 1's list
        meaning = "call your maternity unit now"
    today = top_three(plan)
    template = get_env().get_template("plan.html")
    return template.render(
        plan=plan,
        answers=answers,
        page=page,
        page_size=PAPER_SIZES[page.paper],
        title=document_title(plan),
        date_text=long_date(plan),
        tier_badge=badge,
        tier_meaning=meaning,
        today=today,
        today_title=(
            "What to do now"
            if plan.triage.level is Tier.EMERGENCY
            else f"The {len(today)} most important things to do today"
        ),
        references=references(plan),
        contents=contents(plan),
        figures=figures,
        font_faces=Markup(font_faces(standalone, needs_greek_cyrillic(answers))),
        stylesheet=Markup(stylesheet()),
    )
