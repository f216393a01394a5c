"""Plan → HTML with Jinja2: one environment, autoescaped, strict about undefined names."""

from __future__ import annotations

import base64
import dataclasses
import functools
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from careplan import plan as plan_model
from careplan import words
from careplan.answers import Answers
from careplan.figures import figure_captions, figure_svg
from careplan.plan import (
    ACTIONS_TODAY,
    CLINICIAN_IDS,
    CLINICIAN_KINDS,
    CLINICIAN_NOTES,
    Plan,
    PlannedExercise,
    ReasonGroup,
    Section,
    Table,
    Tier,
)
from careplan.render.resources import assets_dir, templates_dir
from careplan.render.running import running_who

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
#: Lines for the clinician's notes: never fewer, however long the rest of the page.
NOTE_LINES = 5


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
    env.filters["date_words"] = plan_model.date_words
    env.globals["cite_numbers"] = cite_numbers
    env.globals["warning_lists"] = warning_lists
    env.globals["tier_box"] = tier_box
    env.globals["clin_grid"] = clin_grid
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


#: The labels the templates print, from document.toml's [labels], with their placeholders.
LABELS: dict[str, tuple[str, ...]] = {
    "description": (),
    "kicker": (),
    "made": ("date",),
    "page_before": (),
    "page_between": (),
    "made_on": ("date",),
    "plan_of": ("name",),
    "your_plan": (),
    "check_in_day": (),
    "your_goal": (),
    "goal": ("goal",),
    "changed": (),
    "take_care": (),
    "cited": (),
    "goal_line": ("goal",),
    "version_because": ("because",),
    "start": (),
    "feel": (),
    "avoid": (),
    "how_many": (),
    "how_often": (),
    "build_up": (),
    "stage": ("number", "name"),
    "and_walking": (),
    "you_are_here": (),
    "next": (),
    "how_to_do_stage": ("number",),
    "how_to_do_new_stage": ("number",),
    "clinician_made": ("date", "generator"),
    "review_date": ("date",),
    "review_date_blank": (),
    "date_seen": (),
    "notes_title": (),
    "contact": (),
    "icon_emergency": (),
    "icon_urgent": (),
    "icon_soon": (),
    "icon_routine": (),
    "icon_self_care": (),
}


@functools.cache
def labels(language: str) -> dict[str, str]:
    """The labels the templates print, in `language` (document.toml's [labels])."""
    return _document(language)[1]


@functools.cache
def document_words(language: str) -> dict[str, str]:
    """The plan's own titles in `language`, from content/<language>/document.toml."""
    return _document(language)[0]


@functools.cache
def _document(language: str) -> tuple[dict[str, str], dict[str, str]]:
    said = words.reader(language, "document")
    found = {
        "title": said.text("title", "date"),
        "title_for": said.text("title_for", "name", "date"),
        "today_emergency": said.text("today_emergency"),
        "today": said.text("today", "count"),
        "staff_page": said.text("staff_page"),
        "doctor_page": said.text("doctor_page"),
        "answers_attachment": said.text("attachments.answers"),
        "plan_attachment": said.text("attachments.plan"),
    }
    labelled = {key: said.text(f"labels.{key}", *fields) for key, fields in LABELS.items()}
    said.finish()
    return found, labelled


def long_date(plan: Plan) -> str:
    """The plan's date in words, e.g. 22 November 2026."""
    return plan_model.date_words(plan.created, plan.language)


def document_title(plan: Plan) -> str:
    """The PDF's title: whose plan, and when."""
    name = plan.answers.name
    if name:
        return document_words(plan.language)["title_for"].format(name=name, date=long_date(plan))
    return document_words(plan.language)["title"].format(date=long_date(plan))


def references(plan: Plan) -> tuple[tuple[str, str], ...]:
    """The plan's sources as (short name, full reference), the year added where it is missing."""
    found = []
    for source in plan.sources:
        text = source.title.rstrip(".")
        if source.year and source.year not in text:
            text = f"{text} ({source.year})"
        found.append((source.short, f"{text}."))
    return tuple(found)


#: Page 1's box of the signs that need help now or today (section id: docs/plan-record.md).
HELP_NOW = "get-help-now"


@dataclass(frozen=True)
class SignGroup:
    """One group of the warning list: its lead line ("See a doctor today if you get:") and signs."""

    lead: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class WarningLists:
    """The warning list as printed: its lead lines, then its groups of signs."""

    intro: tuple[str, ...]
    groups: tuple[SignGroup, ...]
    cautions: tuple[str, ...]
    #: Each group in a box of its own, each kept whole (the heading in the first), so that
    #: the list may go on over the page between groups, never inside one.
    boxed: bool = False
    #: The groups in two halves side by side (`halves`); empty: in CSS columns (an emergency
    #: or urgent plan's, whose lists run on as text, and boxed lists).
    halves: tuple[tuple[SignGroup, ...], ...] = ()


#: About how many characters of a warning sign fit on a line of half the text's width.
HALF_LINE = 40


def _lines(text: str) -> int:
    return max(1, -(-len(text) // HALF_LINE))


def halves(groups: tuple[SignGroup, ...]) -> tuple[tuple[SignGroup, ...], ...]:
    """The groups of signs in two halves of about the same height, to print side by side.

    CSS columns would balance them too, but WeasyPrint lays a column box out again and again
    to balance it (about a sixth of a home plan's layout time, for this one box). A group may
    go on in the second half, under no lead line of its own (as in columns); a lead line never
    ends the first half. The height of a line is counted from its characters (`HALF_LINE`).
    """
    lines: list[tuple[int, str | None, int]] = []
    for g, group in enumerate(groups):
        lines.append((g, None, _lines(group.lead)))
        lines.extend((g, sign, _lines(sign)) for sign in group.signs)
    total = sum(height for _, _, height in lines)
    best, cut, first = total + 1, len(lines), 0
    for k, (_, sign, height) in enumerate(lines[:-1], start=1):
        first += height
        if sign is None:  # a lead line does not end the first half
            continue
        if max(first, total - first) < best:
            best, cut = max(first, total - first), k

    def grouped(part: list[tuple[int, str | None, int]]) -> tuple[SignGroup, ...]:
        out: list[SignGroup] = []
        for g in dict.fromkeys(index for index, _, _ in part):
            lead = any(index == g and sign is None for index, sign, _ in part)
            signs = tuple(sign for index, sign, _ in part if index == g and sign is not None)
            out.append(SignGroup(groups[g].lead if lead else "", signs))
        return tuple(out)

    return tuple(half for half in (grouped(lines[:cut]), grouped(lines[cut:])) if half)


def warning_lists(plan: Plan, section: Section) -> WarningLists:
    """The warning section as lead lines, groups of signs and cautions.

    The full list (an emergency plan's) has the emergency signs as bullets after their lead
    line; the list that follows page 1's box (decide/helpnow.py) has every group as a table.
    An emergency plan, which sends the person to be seen now, leaves out the cautions about
    what to watch for at home ("a kidney infection can feel just like a back spasm"), so that
    the person's part stays one page.
    """
    groups = []
    intro = section.paragraphs
    if section.bullets:
        groups.append(SignGroup(" ".join(section.paragraphs), section.bullets))
        intro = ()
    for table in section.tables:
        if table.rows:
            groups.append(SignGroup(" ".join(table.header), tuple(" ".join(r) for r in table.rows)))
    emergency = plan.triage.level is Tier.EMERGENCY
    cautions = () if emergency else section.cautions
    # Large print: an emergency plan's list at the body size is too long to follow page 1's
    # box as one box; as a box for each group, its first group fits under page 1's box.
    boxed = emergency and plan.answers.large_print and len(groups) > 1
    # An emergency or urgent plan runs its signs on as text (assets/plan.css): in columns.
    # One group (after page 1's box, the signs to see a doctor about within days: a line or
    # two) is not split: its lead and its signs stay together, in one column.
    runs_on = plan.triage.level in (Tier.EMERGENCY, Tier.URGENT)
    side_by_side = () if runs_on or len(groups) < 2 else halves(tuple(groups))
    return WarningLists(intro, tuple(groups), cautions, boxed, side_by_side)


@dataclass(frozen=True)
class TierBox:
    """The tier's box as printed: `short` for the home tier's one-paragraph note; `facts`, the
    answers to show the doctor or the staff ("What to tell the staff"), as label and value."""

    short: bool
    paragraphs: tuple[str, ...]
    reasons: tuple[ReasonGroup, ...]
    facts: Table | None
    tables: tuple[Table, ...]
    #: An emergency plan's box: the signs only, in two columns; the answers to tell the
    #: staff are on the staff's page.
    staff: bool = False


def tier_box(plan: Plan, section: Section) -> TierBox:
    """What the tier's box prints.

    The home tier's lines and list as one short paragraph. For the others, the tier's action
    less its first sentences, which page 1's list of things to do says (an emergency plan's
    "call emergency services ... do not drive yourself" is said there once; ACTIONS_TODAY),
    and the captioned table of answers as facts (label and value) rather than a table with a
    header.
    """
    facts = next((t for t in section.tables if t.caption and len(t.header) == 2), None)
    tables = tuple(t for t in section.tables if t is not facts)
    if plan.triage.level is Tier.SELF_CARE:
        note = f"{' '.join(section.paragraphs)} {'; '.join(section.bullets)}."
        return TierBox(True, (note,), (), facts, tables)
    rest = " ".join(section.actions[ACTIONS_TODAY[plan.triage.level] :])
    others = section.paragraphs[1:] if section.actions else section.paragraphs
    paragraphs = ([rest] if rest else []) + list(others)
    if plan.triage.level is Tier.EMERGENCY:
        # One page, whatever was ticked: each reason's sign, in two columns. What to tell the
        # staff, and what it can mean, are the staff's page (the clinician's part: every
        # answer, and each reason in clinical words).
        signs = ReasonGroup(section.signs)
        return TierBox(False, tuple(paragraphs), (signs,), None, (), staff=True)
    if plan.triage.level is Tier.URGENT:
        # What to tell the doctor is the doctor's page (the clinician's part): every answer.
        return TierBox(False, tuple(paragraphs), section.reason_groups, None, tables)
    return TierBox(False, tuple(paragraphs), section.reason_groups, facts, tables)


#: A summary answer longer than this prints across the page under the two columns (a long
#: list of conditions or medicines), so that the therapist's page stays one page.
LONG_ANSWER = 70


def clin_grid(section: Section) -> tuple[tuple[Table, ...], tuple[tuple[str, ...], ...]]:
    """The therapist's page's two side-by-side tables, less the summary's long answers, and
    those long answers (label and value), to print across the page below them."""
    first, *rest = section.tables[:2]
    short = tuple(row for row in first.rows if len(row) != 2 or len(row[1]) <= LONG_ANSWER)
    long = tuple(row for row in first.rows if row not in short)
    return (dataclasses.replace(first, rows=short), *rest), long


def therapist_notes(plan: Plan) -> tuple[Section, ...]:
    """The notes for the clinician (CLINICIAN_NOTES) that a home plan prints on the therapist's
    page, after the tier and its reasons; an emergency or urgent plan prints them after its
    staff's or doctor's page (`parts`)."""
    if plan.triage.level in (Tier.EMERGENCY, Tier.URGENT):
        return ()
    return tuple(s for s in plan.sections if s.id in CLINICIAN_NOTES)


def _person_sections(plan: Plan) -> tuple[Section, ...]:
    """The person's sections in the plan's order (page 1's box apart)."""
    return tuple(
        s
        for s in plan.sections
        if s.kind not in CLINICIAN_KINDS
        and s.id not in CLINICIAN_IDS
        and s.id not in CLINICIAN_NOTES
        and s.id != HELP_NOW
    )


def parts(plan: Plan, closer: int = 0) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The person's sections and the clinician's, each in page order (page 1's box apart), the
    person's part `closer` steps closer than its count says (density)."""
    person = _person_sections(plan)
    clinician = [s for s in plan.sections if s.kind in CLINICIAN_KINDS or s.id in CLINICIAN_IDS]
    extra = [s for s in plan.sections if s.id in CLINICIAN_NOTES]
    if extra and not therapist_notes(plan):
        at = 1 if clinician and clinician[0].kind == "clinician" else 0
        clinician[at:at] = extra
    if plan.triage.level is Tier.URGENT and dense(plan, closer):
        steps = density(plan, closer)
        if MATERNITY_LATE in steps:
            person = _moved(person, "maternity", after="warning-signs")
        person = _moved(
            person, "review", after="warning-signs" if REVIEW_LATE in steps else "triage"
        )
        if MOVING_EARLY in steps:
            person = _moved(person, "keep-moving", after="review")
    return person, tuple(clinician)


def _moved(person: tuple[Section, ...], moving: str, after: str) -> tuple[Section, ...]:
    """The person's sections with `moving` right after `after` (when both are there).

    A long urgent plan's check-in day (a few lines, not a box) goes right after the tier's box
    ("see a doctor first, then check in"), where it fills what page 1 leaves under that box.
    A step closer, it goes after the warning signs instead, or the pregnancy box does: the
    boxes are kept whole, and which order leaves page 1 no gap depends on their heights. (The
    check-in date is on page 1's cover either way.)"""
    section = next((s for s in person if s.id == moving), None)
    rest = [s for s in person if s is not section]
    ids = [s.id for s in rest]
    if section is None or after not in ids:
        return person
    at = ids.index(after) + 1
    return (*rest[:at], section, *rest[at:])


def reference_numbers(plan: Plan) -> dict[str, int]:
    """Each cited source's number in the plan's one numbered list of sources."""
    return {source.short: number for number, source in enumerate(plan.sources, start=1)}


def cite_numbers(numbers: dict[str, int], sources: tuple[str, ...]) -> str:
    """The small reference numbers for a section's sources, e.g. "1, 4, 7"."""
    return ", ".join(str(n) for n in sorted({numbers[s] for s in sources if s in numbers}))


# ---- exercise cards: the dose as fields, the drawing's captions as text -----------------------


@dataclass(frozen=True)
class Dose:
    """An exercise's dose as the card prints it: how many, how often, how to build up."""

    amount: str
    per_day: str
    build_up: str


def dose_fields(exercise: PlannedExercise) -> Dose:
    """The dose as fields: the plan's own parts (amount, how often, how to build up)."""
    return Dose(
        amount=exercise.amount,
        per_day=exercise.how_often[:1].upper() + exercise.how_often[1:],
        build_up=exercise.build_up,
    )


@dataclass(frozen=True)
class FigureParts:
    """An exercise drawing without its printed words, and those words as captions."""

    svg: Markup
    captions: tuple[tuple[str, str], ...]


def figure_parts(exercise_id: str, language: str) -> FigureParts:
    """The exercise's drawing for a page, its captions printed beside it as text.

    A caption drawn inside the SVG shrinks with the drawing; as text beside it, every caption
    has one size. The drawing is drawn without them, both panels whole; it keeps its title
    and description (its alternative text)."""
    return FigureParts(
        Markup(figure_svg(exercise_id, language, captions=False)),
        figure_captions(exercise_id, language),
    )


#: How much a person's part may say (characters of its sections' words, page 1's box apart)
#: before it sits closer, a size smaller: an urgent plan's must fit beside page 1 and on page 2
#: (at 9.5 pt), a home plan's in 6 pages (at 10 pt, and at 9.5 pt past the second number).
#: Every example says less and keeps the body size (urgent-kidney: 2,922; the longest home
#: plan: 6,337).
DENSE_URGENT = 3000
DENSE_HOME = (7000, 7200)
#: An urgent plan with more sections than this sits closer too, however short each is: every
#: heading and box takes room (urgent-kidney has 8; one with heat, a cold pack and a warm
#: shower as well has 9, and at the body size its check-in day runs onto a third page).
DENSE_URGENT_SECTIONS = 8


def person_characters(plan: Plan) -> int:
    """About how much the person's part says: the characters of its sections' words."""
    person = _person_sections(plan)
    return sum(
        sum(len(text) for text in (*s.paragraphs, *s.bullets, *s.cautions))
        + sum(len(cell) for table in s.tables for row in table.rows for cell in row)
        for s in person
    )


#: The steps of a long urgent plan that put its check-in day, or the pregnancy box, after the
#: warning signs.
REVIEW_LATE = "review-late"
MATERNITY_LATE = "maternity-late"
#: The closest steps of a long urgent plan: a long item left out flows over a page, a little
#: smaller (FLOWS_FROM), and then "Keep moving" (two lines) comes right after the check-in day.
FLOWS = "flows"
MOVING_EARLY = "moving-early"
#: The closest step of all (pregnant in old age, every condition and most medicines ticked, in
#: Spanish, which runs about a fifth longer): what comes after "Keep moving" at 9 pt, every item
#: left out ruled down its left rather than boxed, the cautions and the warning signs' two
#: columns closer. Page 1's boxes keep their size.
CLOSEST = "closest"
#: The closest step of a home plan (pregnant in old age, most conditions and medicines ticked,
#: a long name, in Spanish, on Letter): what was left out at 9 pt, each item ruled down its
#: left rather than boxed, the cautions closer, the pregnancy box's signs in two columns.
TIGHTEST = "tightest"

#: The steps a person's part may sit closer by, from its body size: a home plan's to 10 pt
#: ("dense"), then 9.5 pt ("denser"), then at 9.5 pt with a little less paper around it
#: ("tight": the margins of a dense urgent plan, still inside what home printers reach), then
#: what was left out at 9 pt, each item ruled rather than boxed ("tightest"); an
#: urgent plan's to 9.5 pt with those margins, then with its check-in day after the warning
#: signs rather than right after the tier's box ("review-late"), then with the pregnancy box
#: after the warning signs rather than before them ("maternity-late", `parts`): boxes kept
#: whole leave page 1 a gap that another order fills; then with a long item left out flowing
#: over a page, what was left out at 9 pt ("flows": 17 reasons for ibuprofen, pregnant in old
#: age with most conditions and medicines ticked), and then "Keep moving" right after the
#: check-in day ("moving-early"), and last, what comes after that at 9 pt ("closest"); an
#: emergency plan's none (its one page keeps its size).
#: Large print keeps its size at every step (assets/plan.css scopes the rules to standard
#: print).
_HOME_STEPS: tuple[tuple[str, ...], ...] = (
    (),
    ("dense",),
    ("dense", "denser"),
    ("dense", "denser", "tight"),
    ("dense", "denser", "tight", TIGHTEST),
)
STEPS: dict[Tier, tuple[tuple[str, ...], ...]] = {
    Tier.EMERGENCY: ((),),
    Tier.URGENT: (
        (),
        ("dense",),
        ("dense", REVIEW_LATE),
        ("dense", MATERNITY_LATE),
        ("dense", FLOWS),
        ("dense", FLOWS, MOVING_EARLY),
        ("dense", FLOWS, MOVING_EARLY, CLOSEST),
    ),
    Tier.SOON: _HOME_STEPS,
    Tier.ROUTINE: _HOME_STEPS,
    Tier.SELF_CARE: _HOME_STEPS,
}


#: Large print keeps its type size at every step: a part that laid out misses its pages (too
#: many, or one that ends more than a third empty before the last) may only sit a little
#: closer, its lines at 1.25 and a little less room between paragraphs, sections and inside a
#: card (assets/plan.css, "snug"), then with a little less paper around it too and a card's
#: lines closer still, three cards to a page ("tight"), then the lines outside the cards at 1.2
#: and a little less room between sections ("lean"), then, for the longest (pregnant in old
#: age, most conditions and medicines ticked, each reason in full), the lines at 1.15 and the
#: headings at 18 pt, the type still 16 pt ("leaner"), and last, for the longest of those, a
#: little less paper above and below, the pregnancy box's signs in two columns, the ladder
#: of stages naming its exercises without their small drawings (the cards draw the person's
#: stage's in full), each item left out ruled rather than boxed, the cautions and warning
#: boxes with less room inside, the lines at 1.1, a little less paper at the sides, and the
#: exercise cards closer, their drawings smaller ("leanest").
LARGE_STEPS: tuple[tuple[str, ...], ...] = (
    (),
    ("snug",),
    ("snug", "tight"),
    ("snug", "tight", "lean"),
    ("snug", "tight", "lean", "leaner"),
    ("snug", "tight", "lean", "leaner", "leanest"),
)


def _steps(plan: Plan) -> tuple[tuple[str, ...], ...]:
    return LARGE_STEPS if plan.answers.large_print else STEPS[plan.triage.level]


def _counted_step(plan: Plan) -> int:
    """The step a person's part sits at from how much it says (characters, sections)."""
    said = person_characters(plan)
    if plan.triage.level is Tier.EMERGENCY or plan.answers.large_print:
        return 0
    if plan.triage.level is Tier.URGENT:
        many = len(_person_sections(plan)) > DENSE_URGENT_SECTIONS
        return 1 if said > DENSE_URGENT or many else 0
    return sum(1 for limit in DENSE_HOME if said > limit)


def density(plan: Plan, closer: int = 0) -> tuple[str, ...]:
    """The person's part's classes when it says so much (many conditions or medicines ticked,
    each reason and caution in full) that it sits closer, a size smaller, to keep its pages:
    "dense", and for a home plan that says more still, "denser"; in large print, "snug"; at
    the closest steps of either, "tight" too, and in large print then "lean" (STEPS,
    LARGE_STEPS). The step is counted from what it says, then `closer` steps more when laid
    out it still misses its pages (careplan/render/pdf.py, `laid_out`)."""
    steps = _steps(plan)
    return steps[min(_counted_step(plan) + closer, len(steps) - 1)]


def closer_steps(plan: Plan) -> int:
    """How many steps closer than its count says the person's part may still sit."""
    return len(_steps(plan)) - 1 - _counted_step(plan)


def dense(plan: Plan, closer: int = 0) -> bool:
    """Whether the person's part sits closer, a size smaller (density)."""
    return "dense" in density(plan, closer)


#: The most pages a person's part may take in standard print (issue: a physiotherapist's
#: handout is 2 to 6 pages): a home plan's 6; an urgent plan's 2, page 1 and one more.
MOST_PERSON_PAGES = {Tier.URGENT: 2, Tier.SOON: 6, Tier.ROUTINE: 6, Tier.SELF_CARE: 6}
#: In large print, whatever the tier: 10.
MOST_PERSON_PAGES_LARGE = 10


def most_person_pages(plan: Plan) -> int | None:
    """The most pages the person's part may take before it sits a step closer; None when it
    may not sit closer (an emergency plan in standard print)."""
    if plan.answers.large_print:
        return MOST_PERSON_PAGES_LARGE
    return MOST_PERSON_PAGES.get(plan.triage.level)


#: A therapist's page with more than this many lines of answers, reasons, exercises and what
#: was left out (a long name and goal count too) sits a little smaller, so that it stays one
#: page with its note lines (every example has 12 or fewer).
LONG_CLINICIAN_PAGE = 20
#: The lines a note for the clinician takes on the therapist's page (therapist_notes).
NOTE_LINES_EACH = 3


def long_clinician_page(plan: Plan) -> bool:
    """Whether the therapist's page holds so much that it sits a little smaller (an emergency
    plan's staff page has its own, smaller size)."""
    if plan.triage.level is Tier.EMERGENCY:
        return False
    answers = plan.answers
    lines = (
        len(answers.conditions)
        + len(answers.medicines)
        + len(plan.withheld)
        + len(plan.exercises)
        + len(plan.triage.reasons)
        + len(answers.goal or "") // 40
        + len(answers.name or "") // 30
        + NOTE_LINES_EACH * len(therapist_notes(plan))
    )
    return lines > LONG_CLINICIAN_PAGE


#: A list of more sources than this (many conditions and medicines ticked, each with its
#: sources) sits a little smaller, so that it stays one page and the clinician's part 3 pages
#: (the examples cite at most 23).
MANY_SOURCES = 24


#: In large print, an item left out whose words are longer than this (about 6 lines at 16 pt)
#: is drawn as a paragraph with a rule down its left, not a closed box, and may go on over a
#: page, at least 2 lines on each side (assets/plan.css, "flows"): kept whole, the longest
#: (up to 15 reasons, most of a page) left the page before it more than half empty.
FLOWS_FROM = 300


def render_html(
    plan: Plan, *, standalone: bool = False, closer: int = 0, clinician_closer: bool = False
) -> str:
    """The plan as one HTML document; `standalone` inlines fonts so the file opens anywhere;
    `closer`: the person's part that many steps closer than its count says (density);
    `clinician_closer`: the therapist's page closer still than a long one, when laid out the
    clinician's part runs over its pages (careplan/render/pdf.py, `laid_out`)."""
    answers = plan.answers
    page = Page(paper=answers.paper or "letter", large_print=answers.large_print)
    figures = {i: figure_parts(i, plan.language) for i in plan.figure_ids()}
    doses = {e.id: dose_fields(e) for e in plan.exercises}
    badge, meaning = plan.badge
    today = plan.today
    person, clinician = parts(plan, closer)
    steps = density(plan, closer)
    # (An emergency plan's staff page has its own, smaller size.)
    closer_page = clinician_closer and plan.triage.level is not Tier.EMERGENCY
    template = get_env().get_template("plan.html")
    said = document_words(plan.language)
    return template.render(
        plan=plan,
        answers=answers,
        page=page,
        page_size=PAPER_SIZES[page.paper],
        title=document_title(plan),
        date_text=long_date(plan),
        running_who=functools.partial(
            running_who,
            paper=page.paper,
            large_print=page.large_print,
            faces=FONT_FILES + EXTRA_FONT_FILES,
        ),
        tier_badge=badge,
        tier_meaning=meaning,
        today=today,
        today_title=(
            said["today_emergency"]
            if plan.triage.level is Tier.EMERGENCY
            else said["today"].format(count=len(today))
        ),
        labels=labels(plan.language),
        # The clinician's part is in the answers' clinician language, else the plan's.
        clinician_language=plan.answers.clinician_words_in,
        clinician_labels=labels(plan.answers.clinician_words_in),
        clinician_date_text=plan_model.date_words(plan.created, plan.answers.clinician_words_in),
        references=references(plan),
        numbers=reference_numbers(plan),
        help_now=plan.section(HELP_NOW),
        staff_page={Tier.EMERGENCY: said["staff_page"], Tier.URGENT: said["doctor_page"]}.get(
            plan.triage.level, ""
        ),
        dense=dense(plan, closer),
        density=" ".join(steps),
        flows_from=FLOWS_FROM if page.large_print or FLOWS in steps else None,
        long_clinician_page=long_clinician_page(plan) or closer_page,
        closer_clinician_page=closer_page,
        therapist_notes=therapist_notes(plan),
        many_sources=MANY_SOURCES,
        person_sections=person,
        clinician_sections=clinician,
        # Filled in by the check-in work: printed when the plan has a review date.
        review_on=getattr(plan, "review_on", None),
        figures=figures,
        doses=doses,
        standalone=standalone,
        note_lines=NOTE_LINES,
        font_faces=Markup(font_faces(standalone, needs_greek_cyrillic(answers))),
        stylesheet=Markup(stylesheet()),
    )
