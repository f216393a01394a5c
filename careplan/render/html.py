"""Plan → HTML with Jinja2: one environment, autoescaped, strict about undefined names."""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from careplan.figures import figure_svg
from careplan.plan import Plan
from careplan.render.resources import assets_dir, templates_dir
from careplan.sharing import TIER_BADGES, YES, top_three

FONT_FILES = (
    # (file, weight, unicode-range): latin first, then latin-ext for names like Dvořák.
    (
        "atkinson-hyperlegible-latin-400-normal.woff",
        400,
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
        "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    ),
    (
        "atkinson-hyperlegible-latin-700-normal.woff",
        700,
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
        "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    ),
    (
        "atkinson-hyperlegible-latin-ext-400-normal.woff",
        400,
        "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
        "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
        "U+2C60-2C7F,U+A720-A7FF",
    ),
    (
        "atkinson-hyperlegible-latin-ext-700-normal.woff",
        700,
        "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
        "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
        "U+2C60-2C7F,U+A720-A7FF",
    ),
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
def font_faces(standalone: bool) -> str:
    """@font-face rules: asset URLs for the PDF, inline data URLs for a standalone HTML file."""
    rules = []
    for file, weight, unicode_range in FONT_FILES:
        if standalone:
            data = base64.b64encode((assets_dir() / "fonts" / file).read_bytes()).decode()
            src = f"url(data:font/woff;base64,{data}) format('woff')"
        else:
            src = f"url(fonts/{file}) format('woff')"
        rules.append(
            "@font-face { font-family: 'Atkinson Hyperlegible'; font-style: normal; "
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


def render_html(plan: Plan, *, standalone: bool = False) -> str:
    """The plan as one HTML document; `standalone` inlines fonts so the file opens anywhere."""
    answers = plan.answers
    page = Page(paper=answers.paper or "letter", large_print=answers.large_print)
    figures = {e.id: Markup(figure_svg(e.id)) for e in plan.exercises}
    badge, meaning = TIER_BADGES[plan.triage.level]
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
        today=top_three(plan),
        figures=figures,
        font_faces=Markup(font_faces(standalone)),
        stylesheet=Markup(stylesheet()),
    )
