"""The PDF through pypdf: pages, text, title, bookmarks, both attachments, and `--from`."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from careplan.cli import main
from careplan.environment import locale_language
from careplan.render import pdf as pdf_module
from careplan.render.fetcher import AssetFetcher
from careplan.render.html import render_html, stylesheet
from careplan.render.resources import assets_dir
from tests import renders
from tests.pdfutil import attachments, text
from tests.plan_fixtures import example_plan

EXAMPLE_NAMES = sorted(
    p.stem for p in (Path(__file__).parent.parent.parent / "examples").glob("*.json")
)


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # 2026-11-22


@pytest.fixture(scope="module")
def first_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    os.environ["SOURCE_DATE_EPOCH"] = "1795305600"
    out = tmp_path_factory.mktemp("pdf") / "first.pdf"
    examples = Path(__file__).parent.parent.parent / "examples"
    with pytest.MonkeyPatch.context() as patch:  # a PDF is made once in a run (conftest.py)
        patch.setattr(pdf_module, "html_to_pdf", renders.shared_html_to_pdf)
        assert main(["--answers", str(examples / "first-spasm.json"), "-o", str(out)]) == 0
    return out


def test_pdf_has_title_pages_and_bookmarks(first_plan: Path) -> None:
    reader = PdfReader(first_plan)
    assert len(reader.pages) >= 4
    assert reader.metadata is not None
    assert reader.metadata.title == "Back spasm care plan for Alex, 22 November 2026"
    assert len(_titles(reader.outline)) >= 10
    assert "Your exercises" in _titles(reader.outline)


def _titles(outline: list[Any]) -> list[str]:
    """Every bookmark title, nested ones included."""
    found: list[str] = []
    for item in outline:
        found.extend(_titles(item) if isinstance(item, list) else [str(item["/Title"])])
    return found


def test_pdf_text_reads_as_a_plan(first_plan: Path) -> None:
    words = text(first_plan)
    for expected in ("Alex", "22 November 2026", "Page 1 of", "Pick up my daughter again"):
        assert expected in words


def test_pdf_embeds_exactly_answers_and_plan(first_plan: Path, examples: Path) -> None:
    embedded = attachments(first_plan)
    assert set(embedded) == {"answers.json", "plan.json"}
    # The example sets no language: the locale's is recorded, like the paper.
    example = json.loads((examples / "first-spasm.json").read_text())
    assert embedded["answers.json"] == {"language": locale_language(os.environ), **example}
    record = embedded["plan.json"]
    assert record["format"] == "careplan-plan/1"
    assert record["created"] == "2026-11-22"
    assert record["generator"].startswith("careplan ")
    assert record["triage"]["level"] == "self_care"
    assert record["phase"] == "acute"
    assert all({"id", "kind", "title", "why"} <= set(s) for s in record["sections"])
    assert all({"id", "position", "dose", "why"} <= set(e) for e in record["exercises"])


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_from_pdf_remakes_the_same_plan(first_plan: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    assert main(["--from", str(first_plan), "-o", str(again)]) == 0
    before, after = attachments(first_plan), attachments(again)
    assert after["answers.json"] == before["answers.json"]
    assert after["plan.json"] == before["plan.json"]
    assert text(again) == text(first_plan)


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_renders(name: str, examples: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.pdf"
    assert main(["--answers", str(examples / f"{name}.json"), "-o", str(out)]) == 0
    embedded = attachments(out)
    assert embedded["answers.json"]["format"] == "careplan-answers/1"
    record = embedded["plan.json"]
    if record["triage"]["level"] in ("emergency", "urgent"):
        assert record["exercises"] == []
    else:
        assert 3 <= len(record["exercises"]) <= 6
    assert len(PdfReader(out).pages) >= 2
    assert out.stat().st_size < 300_000  # fonts subset, figures vector, nothing twice


def test_html_is_self_contained_with_hooks(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    assert (
        main(["--answers", str(examples / "first-spasm.json"), "--format", "html", "-o", str(out)])
        == 0
    )
    html = out.read_text()
    assert 'data-section="warning-signs"' in html
    assert 'data-kind="warning"' in html
    exercise_ids = re.findall(r'data-exercise="([^"]+)"', html)
    assert len(exercise_ids) >= 3
    # Fonts inline, no file or network references: it opens correctly from any folder.
    assert "url(data:font/woff;base64," in html
    assert not re.search(r'(src|href)="(?!#|data:)', html)
    assert "url(fonts/" not in html


def test_same_answers_and_date_give_the_same_bytes(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No clock but the plan's date: fonts are not stamped with the time they were subset."""
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    real_time = time.time
    # The clock moved on by about an hour and a half, or back (date.today reads time.time):
    # never across midnight, where the plan's date, and so the plan, would change.
    now = real_time()
    later = 5000.0 if date.fromtimestamp(now + 5000.0) == date.fromtimestamp(now) else -5000.0
    outputs = []
    for shift in (0.0, later):
        monkeypatch.setattr(time, "time", lambda shift=shift: real_time() + shift)
        out = tmp_path / f"plan-{int(shift)}.pdf"
        assert main(["--answers", str(examples / "emergency.json"), "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("large_print", [False, True])
def test_a_plans_style_is_given_apart_and_nothing_in_its_html_outranks_it(
    name: str, large_print: bool
) -> None:
    """`layout` gives WeasyPrint the plan's `<style>` as style sheets apart, the plan's own
    parsed once. WeasyPrint ranks those below the author's: so a plan's HTML holds no other
    `<style>`, no style attribute and no `<svg>` with a width or height attribute."""
    html = render_html(example_plan(name, large_print=large_print))
    rest, sheets = pdf_module._style_apart(html, AssetFetcher(assets_dir()))
    assert len(sheets) == 3 and sheets[1] is pdf_module.parsed_stylesheet()
    assert "<style" not in rest and stylesheet() not in rest
    assert " style=" not in rest
    assert not re.findall(r"<svg[^>]* (?:width|height)=", rest)


def test_the_stylesheet_parsed_once_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF of a plan laid out with its stylesheet given apart is, byte for byte, the one of
    its HTML with the `<style>` left in it. Large print, where the ladder of stages sizes its
    drawings with rules that a width on the `<svg>` would outrank."""
    plan = example_plan("blood-thinner", "letter", large_print=True)
    html = render_html(plan)
    apart = pdf_module.html_to_pdf(plan, html)
    monkeypatch.setattr(pdf_module, "_style_apart", lambda html, fetcher: (html, []))
    assert pdf_module.html_to_pdf(plan, html) == apart
