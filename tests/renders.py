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
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import weasyprint

from careplan.plan import Plan
from careplan.render.html import render_html
from careplan.render.pdf import _clock_at, html_to_pdf, layout
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
#: The laid-out documents of the last few plans: tens of megabytes each, so only a few are
#: kept; a worker runs one example's tests together, and needs no older one again.
_documents: OrderedDict[str, Any] = OrderedDict()
KEEP_DOCUMENTS = 8


def _key(plan: Plan, html: str) -> str:
    return run_pdfs.key(plan, html)


def shared_html_to_pdf(plan: Plan, html: str) -> bytes:
    """`html_to_pdf(plan, html)`, run once in the whole test run for the same PDF."""
    key = _key(plan, html)
    found = _pdfs.get(key)
    if found is None:
        found = _pdfs[key] = run_pdfs.shared_html_to_pdf(plan, html, html_to_pdf)
    return found


def rendered(plan: Plan, html: str | None = None) -> Rendered:
    """The plan's HTML (or `html`), laid out and written as a PDF by the real `html_to_pdf`."""
    html = render_html(plan) if html is None else html
    key = _key(plan, html)
    if key in _documents:
        _documents.move_to_end(key)
    else:
        made = _pdfs.get(key) or run_pdfs.on_disk(key)
        if made is not None:  # the PDF is made: only its pages are laid out here
            _documents[key], _pdfs[key] = _layout_at_the_plans_date(plan, html), made
        else:
            with run_pdfs.Lock(key):
                _documents[key], _pdfs[key] = _html_to_pdf_keeping_the_layout(plan, html)
                if run_pdfs.on_disk(key) is None:
                    run_pdfs.keep(key, _pdfs[key])
        while len(_documents) > KEEP_DOCUMENTS:
            _documents.popitem(last=False)
    return Rendered(html, _documents[key], _pdfs[key])


def _layout_at_the_plans_date(plan: Plan, html: str) -> Any:
    """The pages `html_to_pdf(plan, html)` lays out: careplan's `layout`, at the plan's date."""
    with _clock_at(plan.created), collector_paused():
        return layout(html)


def _html_to_pdf_keeping_the_layout(plan: Plan, html: str) -> tuple[Any, bytes]:
    """`html_to_pdf(plan, html)`, and the document its one layout made."""
    documents: list[Any] = []
    real_render = weasyprint.HTML.render
    caller = threading.get_ident()

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
    (document,) = documents
    return document, data


def laid_out(plan: Plan) -> Any:
    """The laid-out pages of the plan's HTML."""
    return rendered(plan).document


def pdf_bytes(plan: Plan) -> bytes:
    """The plan's PDF: made by this process, or by another worker of this run."""
    html = render_html(plan)
    key = _key(plan, html)
    found = _pdfs.get(key) or run_pdfs.on_disk(key)
    return found if found is not None else rendered(plan, html).pdf
