"""HTML → PDF with WeasyPrint, with the answers and the plan record attached."""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pydyf
import weasyprint

from careplan import answers as answers_model
from careplan.plan import Plan, Tier
from careplan.render import parser_cache, svg_paths
from careplan.render.fetcher import AssetFetcher
from careplan.render.fonts import font_config
from careplan.render.html import (
    closer_steps,
    document_title,
    document_words,
    most_person_pages,
    render_html,
    stylesheet,
)
from careplan.render.resources import assets_dir
from careplan.render.user_agent import PlanHTML

ANSWERS_NAME = "answers.json"
PLAN_NAME = "plan.json"
#: The anchor where the clinician's part starts (templates/plan.html).
CLINICIAN_ANCHOR = "part-clinician"

# The HTML parser's cache of expressions works before a plan is first read; an SVG path is
# read once, however often it is drawn.
parser_cache.mend()
svg_paths.mend()


def _attachments(plan: Plan) -> list[weasyprint.Attachment]:
    # The attachment dates are the plan's date, not the clock, so output is reproducible.
    when = datetime(plan.created.year, plan.created.month, plan.created.day, tzinfo=UTC)
    record = json.dumps(plan.to_record(), indent=2, ensure_ascii=False) + "\n"
    return [
        weasyprint.Attachment(
            string=answers_model.dumps(plan.answers),
            name=ANSWERS_NAME,
            description=document_words(plan.language)["answers_attachment"],
            created=when,
            modified=when,
        ),
        weasyprint.Attachment(
            string=record,
            name=PLAN_NAME,
            description=document_words(plan.language)["plan_attachment"],
            created=when,
            modified=when,
        ),
    ]


def layout(html: str) -> weasyprint.Document:
    """The laid-out pages of a rendered plan, loading nothing but careplan's own assets.

    The plan's stylesheet (assets/plan.css), which its `<style>` holds whole, is parsed once
    in a process (`parsed_stylesheet`), not in every layout: WeasyPrint is given the HTML
    without that `<style>`, and the style sheets it held in their order, the plan's parsed
    already. (Given so, they are the user's style sheets, not the author's: they still win
    over WeasyPrint's own, and nothing of the author's is left to win over them. A plan's
    HTML has no style attribute, and no `<svg>` with a width or height attribute, which
    WeasyPrint would take as the author's.) WeasyPrint's own sheet comes less the rules no
    plan uses (`PlanHTML`, careplan/render/user_agent.py).
    """
    fetcher = AssetFetcher(assets_dir())
    html, sheets = _style_apart(html, fetcher)
    document: weasyprint.Document = PlanHTML(
        string=html, base_url=_base_url(), url_fetcher=fetcher
    ).render(pdf_tags=True, font_config=font_config(), stylesheets=sheets)
    return document


def _style_apart(html: str, fetcher: AssetFetcher) -> tuple[str, list[weasyprint.CSS]]:
    """The HTML without the `<style>` that holds the plan's stylesheet whole, and the style
    sheets that `<style>` held (what came before the stylesheet, the stylesheet, what came
    after it); or the HTML as it is and no sheets, when no single `<style>` holds it."""
    before, found, after = html.partition(stylesheet())
    head, opened, first = before.rpartition("<style>")
    last, closed, rest = after.partition("</style>")
    if not (found and opened and closed) or "</style>" in first or "<style" in head + rest:
        return html, []
    sheets = [_css(first, fetcher), parsed_stylesheet(), _css(last, fetcher)]
    return head + rest, sheets


def _base_url() -> str:
    """Where the plan's relative URLs (its fonts) point: the assets folder."""
    return assets_dir().as_uri() + "/"


def _css(text: str, fetcher: AssetFetcher, fonts: bool = True) -> weasyprint.CSS:
    """`text` parsed, its @font-face rules (if `fonts`) added to this thread's fonts."""
    return weasyprint.CSS(
        string=text,
        base_url=_base_url(),
        url_fetcher=fetcher,
        font_config=font_config() if fonts else None,
    )


@functools.cache
def parsed_stylesheet() -> weasyprint.CSS:
    """The plan's stylesheet, parsed. It has no @font-face rule (the fonts of one thread and
    date are not those of every layout): the template's `<style>` holds them."""
    return _css(stylesheet(), AssetFetcher(assets_dir()), fonts=False)


def person_pages(document: weasyprint.Document) -> int:
    """How many pages the person's part takes: those before the clinician's part starts."""
    starts = (i for i, page in enumerate(document.pages) if CLINICIAN_ANCHOR in page.anchors)
    return next(starts, len(document.pages))


def _lowest(page: Any) -> float:
    """How far down the page its content goes: the foot of its lowest line or picture."""
    page_box = page._page_box
    lowest = float(page_box.content_box_y())
    stack = [child for child in page_box.children if type(child).__name__ != "MarginBox"]
    while stack:
        box = stack.pop()
        kind = type(box).__name__
        if kind == "LineBox" or "Replaced" in kind:
            lowest = max(lowest, float(box.position_y + box.margin_height()))
        stack.extend(getattr(box, "children", ()))
    return lowest


#: A page of the person's part, but its last, ends no more than this share of it empty.
MOST_EMPTY = 1 / 3


def misses(plan: Plan, document: weasyprint.Document) -> bool:
    """Whether the person's part takes more pages than it may; in large print also whether a
    page of it but the last ends more than a third empty (a card never splits, and one that
    does not fit under a page's text leaves that room empty)."""
    most = most_person_pages(plan)
    person = person_pages(document)
    if most is not None and person > most:
        return True
    return plan.answers.large_print and bool(_nearly_empty(document, person))


def _nearly_empty(document: weasyprint.Document, person: int) -> list[int]:
    """The pages (from 0) of the person's part, but its last, that end more than a third
    empty."""
    return [
        n for n, page in enumerate(document.pages[: person - 1]) if _filled(page) < 1 - MOST_EMPTY
    ]


def _filled(page: Any) -> float:
    """How much of a page's height its content takes, from 0 to 1."""
    top, height = page._page_box.content_box_y(), page._page_box.height
    return float((_lowest(page) - top) / height)


def _least_missed(plan: Plan, documents: list[weasyprint.Document]) -> weasyprint.Document:
    """Of large-print layouts that all miss, the one that misses least: first one whose page 1
    holds all it must (a page 1 that ends a third empty has sent its box to page 2), then the
    fewest pages over the part's most, then the fewest pages that end more than a third empty,
    then the fewest pages; of equals, the earliest (the least close). A page that ends a third
    empty costs less paper than a page more."""
    most = most_person_pages(plan) or 0

    def missed(document: weasyprint.Document) -> tuple[bool, int, int, int]:
        person = person_pages(document)
        empty = _nearly_empty(document, person)
        return 0 in empty, max(0, person - most), len(empty), person

    return min(documents, key=missed)


def laid_out(plan: Plan, html: str) -> weasyprint.Document:
    """`layout(html)`; when the person's part misses its pages (`misses`), laid out again a
    step closer (render_html's `closer`: a size smaller, then a little less paper around it;
    in large print, lines a little closer), while it may sit closer still, keeping the first
    that fits.

    How closely a part sits is first decided from how much it says (density): that keeps
    almost every plan to one layout, but a count cannot see where the pages break. Only the
    plan's own HTML is laid out again: other HTML (a test's, changed) is laid out as given.
    In standard print the closest is kept when none fits (it takes the fewest pages); in large
    print, the one that misses least (`_least_missed`); there, a step that could not bring a
    part far over its pages within them is not laid out (`LARGE_SHRINKS`). One that fits at
    its count with only a few lines on its last page is laid out once more a step closer, and
    that is kept if it takes a page fewer and fits too (`_fuller`). Last, a clinician's part
    over its pages is laid out once more with the therapist's page closer
    (`_clinician_closer`).
    """
    document, closer = _person_laid_out(plan, html)
    if len(document.pages) - person_pages(document) <= MOST_CLINICIAN_PAGES:
        return document
    if closer is None:
        closer = 0 if html == render_html(plan) else None
    return document if closer is None else _clinician_closer(plan, document, closer)


def _person_laid_out(plan: Plan, html: str) -> tuple[weasyprint.Document, int | None]:
    """The layout `laid_out` keeps for the person's part, and the step (render_html's
    `closer`) it was laid out at: None when not known to be the plan's own HTML."""
    document = layout(html)
    steps = closer_steps(plan)
    if steps == 0:
        return document, None
    missed = misses(plan, document)
    if not (missed or _few_on_last(document)) or html != render_html(plan):
        return document, None
    if not missed:
        return _fuller(plan, document)
    tried = {0: document}
    length = _length(document)
    for closer in range(1, steps + 1):
        if closer < steps and _too_long_for(plan, length, closer):
            continue
        document = layout(render_html(plan, closer=closer))
        if not misses(plan, document):
            # A step that fits only with a few lines on the last page: one step closer too.
            return _fuller(plan, document, closer) if _few_on_last(document) else (document, closer)
        if plan.answers.large_print:
            tried[closer] = document
    if not plan.answers.large_print:
        return document, steps
    least = _least_missed(plan, list(tried.values()))
    return least, next(step for step, laid in tried.items() if laid is least)


#: In large print, the least that each step closer has made a person's part's length (its
#: pages, its last as far as it is filled) of its length laid out first, in the longest plans
#: measured (91 plans pregnant in old age with most conditions and medicines ticked, the
#: tests' 11 and 80 drawn, laid out at every step, 3 December 2026: 0.882, 0.813, 0.782 and
#: 0.732), less a margin of 0.05. A step that even so would leave the part over its pages is
#: not laid out: of those plans, the 77 that missed at first took 315 layouts instead of 353,
#: and none sat closer than before. The closest step is always laid out.
LARGE_SHRINKS = {1: 0.83, 2: 0.76, 3: 0.73, 4: 0.68}


def _length(document: weasyprint.Document) -> float:
    """How long the person's part is, in pages: those before its last, and its last as far
    as it is filled."""
    person = person_pages(document)
    return person - 1 + _filled(document.pages[person - 1])


def _too_long_for(plan: Plan, length: float, closer: int) -> bool:
    """Whether a large-print person's part `length` pages long as laid out first would still
    be over its pages at `closer` steps closer, though that step shrank it as much as it has
    any plan measured (LARGE_SHRINKS)."""
    shrinks = LARGE_SHRINKS.get(closer)
    most = most_person_pages(plan)
    if not plan.answers.large_print or shrinks is None or most is None:
        return False
    return length * shrinks > most


#: The most pages the clinician's part may take (the therapist's page, the progress log, the
#: sources).
MOST_CLINICIAN_PAGES = 3


def _clinician_closer(
    plan: Plan, document: weasyprint.Document, closer: int
) -> weasyprint.Document:
    """A plan whose clinician's part runs over MOST_CLINICIAN_PAGES, its person's part as laid
    out at `closer`, laid out once more with the therapist's page closer still (render_html's
    `clinician_closer`): kept when its clinician's part takes fewer pages and the person's
    part the same, else the plan as it was. (Pregnant in old age, most conditions and
    medicines ticked, in Spanish: the note lines went on to a page of their own.)"""
    closer_document = layout(render_html(plan, closer=closer, clinician_closer=True))
    person = person_pages(document)
    before, after = (len(d.pages) - person_pages(d) for d in (document, closer_document))
    if after < before and person_pages(closer_document) == person:
        return closer_document
    return document


#: A person's part whose last page holds less than this share of it is laid out once more, a
#: step closer (`_fuller`).
FEW_ON_LAST = 1 / 6


def _few_on_last(document: weasyprint.Document) -> bool:
    """Whether a person's part, over more than one page, holds on its last page less than
    FEW_ON_LAST of it: first-spasm's 6th page on Letter held only "What to expect", 2 lines
    under the page's 5th, which was full. In either print size: a page of paper saved is worth
    the second layout, which about 1 plan in 8 takes in standard print (4 of the examples' 36
    plans there, in English and Spanish; `bench/pages.py` counts them)."""
    person = person_pages(document)
    if person < 2:
        return False
    return _filled(document.pages[person - 1]) < FEW_ON_LAST


def _fuller(
    plan: Plan, document: weasyprint.Document, at: int = 0
) -> tuple[weasyprint.Document, int]:
    """A part that fits at step `at` with only a few lines on its last page, laid out a step
    closer (an emergency plan in large print: at the closest, `_fuller_step`): kept when that
    takes a page fewer, fits too, and has no more pages ending a third empty before its last,
    else the part as it was; and the step it is at (render_html's `closer`). A large-print
    part laid out again because a page ended a third empty may fit a step closer with a few
    lines on a last page that the next step brings back (Spanish, A4: 4 December 2026)."""
    step = max(_fuller_step(plan), at + 1)
    if step > closer_steps(plan):
        return document, at
    closer = layout(render_html(plan, closer=step))
    person, fewer = person_pages(document), person_pages(closer)
    if (
        fewer < person
        and not misses(plan, closer)
        and len(_nearly_empty(closer, fewer)) <= len(_nearly_empty(document, person))
    ):
        return closer, step
    return document, at


def _fuller_step(plan: Plan) -> int:
    """How many steps closer `_fuller` lays a part out: one; but an emergency plan in large
    print is page 1's boxes, each kept whole, and the last of them alone on page 2 (on A4) is
    brought back only by the closest step, the one with less paper above and below (a step
    closer sets only the lines closer). One page is worth it there: the plan goes with the
    person to the emergency department."""
    if plan.answers.large_print and plan.triage.level is Tier.EMERGENCY:
        return closer_steps(plan)
    return 1


@contextlib.contextmanager
def _clock_at(day: date) -> Iterator[None]:
    """Font subsetting stamps fonts with SOURCE_DATE_EPOCH, else the clock: use the plan's date."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    )
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _object(pdf: pydyf.PDF, reference: bytes) -> Any:
    """The object of the PDF that a reference ("12 0 R") names."""
    return pdf.objects[int(reference.split()[0])]


def clinicians_language(plan: Plan) -> Callable[[weasyprint.Document, pydyf.PDF], None] | None:
    """When the clinician reads another language than the person: what marks the clinician's
    pages with it in the PDF's tags, so that a screen reader reads them in that language.

    WeasyPrint tags the PDF with the document's language only, not a part's own `lang`. In
    its tags, each page's part of the plan is one element at the top of the tree: those on
    the clinician's pages are the clinician's part.
    """
    language = plan.answers.clinician_words_in
    if language == plan.language:
        return None

    def finish(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
        start = person_pages(document)
        if start == len(document.pages) or "StructTreeRoot" not in pdf.catalog:
            return
        pages = set(pdf.page_references[start:])
        tops = _object(pdf, pdf.catalog["StructTreeRoot"]).get("K")
        parts = _object(pdf, tops[0]).get("K") if isinstance(tops, list) and tops else None
        if not isinstance(parts, list):  # not the tree this WeasyPrint makes: left as it is
            return
        for reference in parts:
            element = _object(pdf, reference)
            if element.get("Pg") in pages:
                element["Lang"] = pydyf.String(language)

    return finish


def html_to_pdf(plan: Plan, html: str) -> bytes:
    """The PDF of a rendered plan, with `answers.json` and `plan.json` embedded."""
    with _clock_at(plan.created):
        document = laid_out(plan, html)
        document.metadata.title = document_title(plan)
        # PDF/UA-1: tagged, with language, title and bookmarks, for screen readers.
        pdf: bytes = document.write_pdf(
            attachments=_attachments(plan),
            pdf_tags=True,
            pdf_variant="pdf/ua-1",
            uncompressed_pdf=False,
            finisher=clinicians_language(plan),
        )
    return pdf
