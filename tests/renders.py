"""Renders shared by the tests: each plan is laid out and made into a PDF once per test process.

Laying out a whole plan takes seconds, and many tests read the same example's pages or PDF.
`rendered(plan)` runs the real `html_to_pdf` once for a plan and keeps what it made: the PDF's
bytes and the laid-out document they were written from (the same layout, not a second one).
Tests only read what they are given. `make test` sends the tests of one example to the same
worker (`xdist_group`, see conftest.py), so each example is laid out in one process only.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import weasyprint

from careplan import answers as answers_model
from careplan.plan import Plan
from careplan.render.html import render_html
from careplan.render.pdf import html_to_pdf


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
    """What the PDF is made of: the HTML, the answers and the plan record it embeds."""
    digest = hashlib.sha256(html.encode("utf-8"))
    digest.update(answers_model.dumps(plan.answers).encode("utf-8"))
    digest.update(repr(plan.to_record()).encode("utf-8"))
    return digest.hexdigest()


def rendered(plan: Plan, html: str | None = None) -> Rendered:
    """The plan's HTML (or `html`), laid out and written as a PDF by the real `html_to_pdf`."""
    html = render_html(plan) if html is None else html
    key = _key(plan, html)
    if key in _documents:
        _documents.move_to_end(key)
    else:
        _documents[key], _pdfs[key] = _html_to_pdf_keeping_the_layout(plan, html)
        while len(_documents) > KEEP_DOCUMENTS:
            _documents.popitem(last=False)
    return Rendered(html, _documents[key], _pdfs[key])


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
        data = html_to_pdf(plan, html)
    finally:
        weasyprint.HTML.render = real_render
    (document,) = documents
    return document, data


def laid_out(plan: Plan) -> Any:
    """The laid-out pages of the plan's HTML."""
    return rendered(plan).document


def pdf_bytes(plan: Plan) -> bytes:
    """The plan's PDF."""
    html = render_html(plan)
    found = _pdfs.get(_key(plan, html))
    return found if found is not None else rendered(plan, html).pdf
