"""The shared renders the tests read (tests/renders.py) are what careplan itself makes."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import weasyprint

from careplan.cli import main
from careplan.plan import Plan
from careplan.render.html import render_html
from careplan.render.pdf import _clock_at, html_to_pdf, layout
from careplan.render.pdf import laid_out as careplan_laid_out
from tests import conftest, renders, run_pdfs
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


def test_a_pdf_is_made_once_in_a_run_and_is_careplans_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(run_pdfs.FOLDER, str(tmp_path))
    monkeypatch.setattr(renders, "_pdfs", {})  # nothing made yet in this process
    made: list[str] = []
    real = renders.html_to_pdf

    def counted(plan: Plan, html: str) -> bytes:
        made.append(html)
        return real(plan, html)

    monkeypatch.setattr(renders, "html_to_pdf", counted)
    plan = example_plan("emergency", "letter", False)
    html = render_html(plan)
    first = renders.shared_html_to_pdf(plan, html)
    assert first == html_to_pdf(plan, html)  # byte for byte
    (kept,) = tmp_path.glob("*.pdf")
    assert kept.read_bytes() == first
    monkeypatch.setattr(renders, "_pdfs", {})  # as in another worker: only the disk is shared
    assert renders.shared_html_to_pdf(plan, html) == first
    assert len(made) == 1
    # Anything the PDF is made of is a new PDF: the HTML, the answers, the date.
    other_html = html.replace("</body>", "<p>x</p></body>")
    renders.shared_html_to_pdf(plan, other_html)
    later = dataclasses.replace(plan, created=date(2026, 11, 23))
    renders.shared_html_to_pdf(later, html)
    assert made == [html, other_html, html]
    assert len(list(tmp_path.glob("*.pdf"))) == 3
    assert not list(tmp_path.glob("*.part"))


def test_the_command_line_makes_its_pdfs_through_the_shared_renders(
    shared_pdfs: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `shared_pdfs` stands in for is what careplan itself calls to make a PDF."""
    monkeypatch.setenv(run_pdfs.FOLDER, str(tmp_path / "pdfs"))
    monkeypatch.setattr(renders, "_pdfs", {})
    (tmp_path / "pdfs").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    out = tmp_path / "plan.pdf"
    assert main(["--answers", str(conftest.EXAMPLES / "emergency.json"), "-o", str(out)]) == 0
    (kept,) = (tmp_path / "pdfs").glob("*.pdf")
    assert kept.read_bytes() == out.read_bytes()


def test_a_careplan_process_a_test_starts_can_share_the_runs_pdfs(tmp_path: Path) -> None:
    """With `child_environment`, a careplan process makes its PDFs through the run's folder,
    and imports nothing more at start-up than it would alone."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    env = run_pdfs.child_environment({**os.environ, run_pdfs.FOLDER: str(folder)})
    env["SOURCE_DATE_EPOCH"] = "1795305600"
    out = tmp_path / "plan.pdf"
    source = conftest.EXAMPLES / "emergency.json"
    command = [sys.executable, "-m", "careplan", "--answers", str(source), "-o", str(out)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    (kept,) = folder.glob("*.pdf")
    assert kept.read_bytes() == out.read_bytes()
    kept.write_bytes(b"%PDF- made once")  # the next process reads it, and makes nothing
    subprocess.run([*command, "--force"], env=env, check=True, capture_output=True, timeout=300)
    assert out.read_bytes() == b"%PDF- made once"
    start = "import sys, careplan.cli; print(sorted(m for m in sys.modules if 'weasy' in m))"
    done = subprocess.run(
        [sys.executable, "-c", start], env=env, check=True, capture_output=True, text=True
    )
    assert done.stdout == "[]\n"


def test_a_pdf_made_already_is_laid_out_only_and_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(run_pdfs.FOLDER, str(tmp_path))
    monkeypatch.setattr(renders, "_pdfs", {})
    monkeypatch.setattr(renders, "_documents", renders.OrderedDict())
    plan = example_plan("emergency", "letter", True)
    made = renders.shared_html_to_pdf(plan, render_html(plan))  # as another worker would
    monkeypatch.setattr(renders, "_pdfs", {})
    monkeypatch.setattr(renders, "html_to_pdf", None)  # not made again
    shared = rendered(plan)
    assert shared.pdf == made
    assert _pages(shared.document) == _pages(layout(shared.html))


def test_two_pdfs_of_the_same_html_are_written_from_one_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line records the language, a test's plan of the same example may not: two
    PDFs, one layout, and each PDF byte for byte what careplan makes alone."""
    plan = example_plan("emergency", "letter", False)
    recorded = dataclasses.replace(plan, answers=plan.answers.with_choices(language="en"))
    html = render_html(plan)
    assert render_html(recorded) == html and run_pdfs.key(recorded, html) != run_pdfs.key(
        plan, html
    )
    alone = [html_to_pdf(plan, html), html_to_pdf(recorded, html)]
    monkeypatch.setenv(run_pdfs.FOLDER, str(tmp_path))
    monkeypatch.setattr(renders, "_pdfs", {})
    monkeypatch.setattr(renders, "_documents", renders.OrderedDict())
    layouts: list[str] = []
    real = weasyprint.HTML.render

    def counted(self: object, *args: object, **kwargs: object) -> object:
        layouts.append("laid out")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    made = [renders.shared_html_to_pdf(plan, html), renders.shared_html_to_pdf(recorded, html)]
    assert made == alone
    assert renders.shared_html_to_pdf(recorded, html) == alone[1]  # written once, kept
    assert rendered(plan).pdf == alone[0]
    assert len(layouts) == 1


def test_pages_laid_out_first_are_written_later_as_careplan_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(run_pdfs.FOLDER, str(tmp_path))
    monkeypatch.setattr(renders, "_pdfs", {})
    monkeypatch.setattr(renders, "_documents", renders.OrderedDict())
    plan = example_plan("emergency", "a4", True)
    html = render_html(plan)
    document = laid_out(plan)
    assert not list(tmp_path.glob("*.pdf"))  # laid out only: no PDF written yet
    with _clock_at(plan.created):  # (laid out again, at its closest step: one page, not two)
        assert _pages(document) == _pages(careplan_laid_out(plan, html)) != _pages(layout(html))
    assert pdf_bytes(plan) == html_to_pdf(plan, html)  # byte for byte
    assert rendered(plan).document is document


def test_the_pages_of_each_step_laid_out_are_kept_for_layout_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`laid_out` keeps the pages careplan lays out at each step; `layout_of` gives them again
    (a test of the steps reads them), and lays out only HTML it has not seen."""
    from collections import OrderedDict

    from careplan.render import pdf as pdf_module

    monkeypatch.setattr(renders, "_documents", OrderedDict())
    made: list[str] = []
    real = pdf_module.layout

    def counting(text: str) -> object:
        made.append(text)
        return real(text)

    monkeypatch.setattr(pdf_module, "layout", counting)
    plan = example_plan("urgent-kidney")
    html = render_html(plan)
    document = laid_out(plan)
    assert made == [html]
    first = renders.layout_of(plan, html)
    assert made == [html] and _pages(first) == _pages(document)
    closer = render_html(plan, closer=1)
    assert closer != html
    again = renders.layout_of(plan, closer)
    assert made == [html, closer]
    assert renders.layout_of(plan, closer) is again and len(made) == 2
