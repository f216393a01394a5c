"""The shared renders the print tests read (tests/renders.py) are what careplan itself makes."""

from __future__ import annotations

from careplan.render.html import render_html
from careplan.render.pdf import html_to_pdf, layout
from tests.plan_fixtures import example_plan
from tests.renders import laid_out, pdf_bytes, rendered


def _pages(document: object) -> list[tuple[float, float, list[str]]]:
    return [
        (page.width, page.height, sorted(page.anchors))
        for page in document.pages  # type: ignore[attr-defined]
    ]


def test_a_shared_render_is_the_pdf_and_the_layout_careplan_makes() -> None:
    plan = example_plan("emergency", "a4", False)
    html = render_html(plan)
    shared = rendered(plan)
    assert shared.html == html
    assert shared.pdf == html_to_pdf(plan, html)  # byte for byte
    assert _pages(shared.document) == _pages(layout(html))


def test_a_plan_is_rendered_once_and_another_plan_apart() -> None:
    plan = example_plan("emergency", "a4", False)
    assert laid_out(plan) is laid_out(example_plan("emergency", "a4", False))
    other = example_plan("emergency", "letter", False)
    assert laid_out(other) is not laid_out(plan)
    assert pdf_bytes(other) != pdf_bytes(plan)
    assert {page.height for page in laid_out(other).pages} != {
        page.height for page in laid_out(plan).pages
    }
