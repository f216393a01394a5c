"""Renders shared by the tests: each plan is laid out once per test process, and made into a
PDF once per test run.

Laying out a whole plan takes seconds, and many tests read the same example's pages or PDF.
`rendered(plan)` runs the real `html_to_pdf` once for a plan and keeps what it made: the PDF's
bytes and the laid-out document they were written from (the same layout, not a second one);
when the PDF was made already in this run, it lays the pages out only, as `html_to_pdf` does.
Tests only read what they are given. `make test` sends the tests of one example to the same
worker (`xdist_group`, see conftest.py), so each example is laid out in one process only.

The PDFs are also kept on disk for the whole run (tests/run_pdfs.py), for every worker:
`shared_html_to_pdf` is the real `html_to_pdf`, run once in the run for the same PDF. The
`shared_pdfs` fixture (conftest.py) puts it in careplan's place for a test that reads the
PDFs the command line writes.

A layout depends on the HTML and the plan's date only, a PDF on the answers and the plan
record it embeds too: two PDFs of the same HTML (e.g. the command line's, which records the
language, and a test's plan of the same example) are written from one layout, by the real
`html_to_pdf`, its `layout` handed the pages laid out already. Writing a laid-out document
again gives the same bytes as a fresh render (tests/render/test_renders.py).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import weasyprint

from careplan.plan import Plan
from careplan.render import pdf as pdf_module
from careplan.render.html import render_html
from careplan.render.pdf import _clock_at, html_to_pdf
from careplan.render.pdf import laid_out as laid_out_as_careplan_does
from careplan.render.warm import collector_paused
from tests import run_pdfs


@dataclass(frozen=True)
class Rendered:
    """A plan as rendered: its HTML, its laid-out pages (a WeasyPrint Document) and its PDF."""

    html: str
    document: Any
    pdf: bytes


#: The PDFs made, by what they are made of: small, all kept.
_pdfs: dict[str, bytes] = {}
#: The laid-out documents of the last few layouts, by `_layout_key`: tens of megabytes each,
#: so only a few are kept; a worker runs one example's tests together, and needs no older one.
_documents: OrderedDict[str, Any] = OrderedDict()
KEEP_DOCUMENTS = 8
#: One render through this module at a time in a process (a warm-up thread may render too):
#: `html_to_pdf`'s layout is swapped for the caller's thread only, and put back.
_rendering = threading.RLock()


def _key(plan: Plan, html: str) -> str:
    return run_pdfs.key(plan, html)


def _layout_key(plan: Plan, html: str) -> str:
    """What a layout is made of: the renderer, the HTML, and the plan's date (the fonts are
    decoded with it)."""
    digest = hashlib.sha256(run_pdfs.renderer())
    digest.update(plan.created.isoformat().encode())
    digest.update(b"\0")
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def _kept(layout_key: str, document: Any | None = None) -> Any | None:
    """The document kept for `layout_key`, after keeping `document` for it if given."""
    if document is not None:
        _documents[layout_key] = document
        while len(_documents) > KEEP_DOCUMENTS:
            _documents.popitem(last=False)
    found = _documents.get(layout_key)
    if found is not None:
        _documents.move_to_end(layout_key)
    return found


def _make(plan: Plan, html: str) -> bytes:
    """`html_to_pdf(plan, html)`, from the pages laid out already if this process has them;
    else laid out here, and the pages kept."""
    layout_key = _layout_key(plan, html)
    document = _kept(layout_key)
    if document is not None:
        with _layout_given(html, document):
            return html_to_pdf(plan, html)
    document, data = _html_to_pdf_keeping_the_layout(plan, html)
    _kept(layout_key, document)
    return data


def shared_html_to_pdf(plan: Plan, html: str) -> bytes:
    """`html_to_pdf(plan, html)`, run once in the whole test run for the same PDF."""
    key = _key(plan, html)
    found = _pdfs.get(key)
    if found is None:
        found = _pdfs[key] = run_pdfs.shared_html_to_pdf(plan, html, _make)
    return found


def rendered(plan: Plan, html: str | None = None) -> Rendered:
    """The plan's HTML (or `html`), laid out and written as a PDF by the real `html_to_pdf`."""
    html = render_html(plan) if html is None else html
    key, layout_key = _key(plan, html), _layout_key(plan, html)
    document = _kept(layout_key)
    made = _pdfs.get(key) or run_pdfs.on_disk(key)
    if made is None:
        made = shared_html_to_pdf(plan, html)  # keeps its layout here if it lays one out
        document = _kept(layout_key)
    if document is None:  # the PDF is made: only its pages are laid out here
        document = _kept(layout_key, _layout_at_the_plans_date(plan, html))
    _pdfs[key] = made
    return Rendered(html, document, made)


def _layout_at_the_plans_date(plan: Plan, html: str) -> Any:
    """The pages `html_to_pdf(plan, html)` lays out: careplan's `laid_out`, at the plan's date
    (laid out again a step closer when the person's part is over its pages). Each step's
    pages are kept too, for `layout_of`."""
    with _clock_at(plan.created), collector_paused(), _keeping_each_step(plan):
        return laid_out_as_careplan_does(plan, html)


def _raw_key(plan: Plan, html: str) -> str:
    """A key for `layout(html)` as it is, apart from `laid_out`'s (which may be a step's)."""
    return "layout:" + _layout_key(plan, html)


def _kept_layout(plan: Plan, html: str, lay: Callable[[str], Any]) -> Any:
    """`lay(html)`'s pages kept for `layout_of`, or the ones kept already."""
    key = _raw_key(plan, html)
    found = _kept(key)
    return found if found is not None else _kept(key, lay(html))


def layout_of(plan: Plan, html: str) -> Any:
    """careplan's `layout(html)` (one layout, no closer step) at the plan's date: kept, so that
    a test of a plan's steps reads the pages `laid_out` made at each step, not new ones."""
    with _clock_at(plan.created), collector_paused():
        return _kept_layout(plan, html, pdf_module.layout)


@contextmanager
def _layout_through(instead: Callable[[str, Callable[[str], Any]], Any]) -> Iterator[None]:
    """In this thread, careplan's `layout(text)` is `instead(text, layout)`; in any other (a
    warm-up left running by another test), the real one."""
    caller = threading.get_ident()
    with _rendering:
        real_layout = pdf_module.layout

        def through(text: str) -> Any:
            if threading.get_ident() != caller:
                return real_layout(text)
            return instead(text, real_layout)

        pdf_module.layout = through
        try:
            yield
        finally:
            pdf_module.layout = real_layout


def _keeping_each_step(plan: Plan) -> AbstractContextManager[None]:
    """In this thread, each layout careplan's `laid_out` makes for `plan` is kept (`layout_of`),
    and one kept already is given instead of a new one."""
    return _layout_through(lambda text, lay: _kept_layout(plan, text, lay))


def _html_to_pdf_keeping_the_layout(plan: Plan, html: str) -> tuple[Any, bytes]:
    """`html_to_pdf(plan, html)`, and the document it wrote (the last it laid out)."""
    documents: list[Any] = []
    caller = threading.get_ident()
    with _rendering:
        real_render = weasyprint.HTML.render

        def render(self: Any, *args: Any, **kwargs: Any) -> Any:
            document = real_render(self, *args, **kwargs)
            if threading.get_ident() == caller:  # not a warm-up left running by another test
                documents.append(document)
            return document

        weasyprint.HTML.render = render
        try:
            with collector_paused():  # as careplan renders: a tenth faster, the same bytes
                data = html_to_pdf(plan, html)
        finally:
            weasyprint.HTML.render = real_render
    return documents[-1], data  # laid out again a step closer: the last is the one written


@contextmanager
def _layout_given(html: str, document: Any) -> Iterator[None]:
    """In this thread, careplan's `layout(html)` gives `document` (laid out from `html` at
    the same date) instead of laying the pages out again; the real `html_to_pdf` writes it."""

    def given(text: str, lay: Callable[[str], Any]) -> Any:
        return document if text == html else lay(text)

    with _layout_through(given), collector_paused():
        yield


def laid_out(plan: Plan) -> Any:
    """The laid-out pages of the plan's HTML, as `html_to_pdf` lays them out. Its PDF is
    written from them only if a test asks for it (`rendered`, `pdf_bytes`)."""
    html = render_html(plan)
    layout_key = _layout_key(plan, html)
    document = _kept(layout_key)
    if document is None:
        document = _kept(layout_key, _layout_at_the_plans_date(plan, html))
    return document


def pdf_bytes(plan: Plan) -> bytes:
    """The plan's PDF: made by this process, or by another worker of this run."""
    html = render_html(plan)
    key = _key(plan, html)
    found = _pdfs.get(key) or run_pdfs.on_disk(key)
    return found if found is not None else rendered(plan, html).pdf
