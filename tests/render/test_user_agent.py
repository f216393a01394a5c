"""WeasyPrint's own style sheet less the rules no plan uses (careplan/render/user_agent.py): the
rules it leaves out, the styles WeasyPrint no longer works out, and the same PDF."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
import weasyprint
from weasyprint import css as weasyprint_css
from weasyprint import html as weasyprint_html

from careplan.render import pdf as pdf_module
from careplan.render import user_agent
from careplan.render.html import render_html
from tests.plan_fixtures import EXAMPLE_NAMES, example_plan

NOTE_PSEUDO_ELEMENTS = (
    "footnote-call",
    "footnote-marker",
    "note-call",
    "note-marker",
    "note-callback",
)


def test_the_installed_weasyprints_sheet_is_trimmed() -> None:
    """With the WeasyPrint careplan installs, the trimmed sheet is the one used, not the
    fallback: when a newer WeasyPrint writes these rules otherwise, this fails."""
    text = user_agent.trimmed(weasyprint_html.UA)
    assert text is not None
    assert user_agent.sheet() is not weasyprint_html.UA_STYLESHEET
    for name in NOTE_PSEUDO_ELEMENTS:
        assert f"::{name} {{" in weasyprint_html.UA
        assert f"::{name}" not in text
    assert "\nli::marker {" in text and "\n::marker {" not in text
    # Nothing else is taken out: the rest of WeasyPrint's sheet is there, in its order.
    assert text.replace("\nli::marker {", "\n::marker {") == re.sub(
        r"::(footnote|note)-\w+ \{[^}]*\}\n", "", weasyprint_html.UA
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "::marker { x }\n",
        # A rule of notes missing, or one more: not the sheet this was made for.
        "\n::marker { a }\n::footnote-call { b }\n",
        "\n::marker { a }\n"
        + "".join(f"::{name} {{ b }}\n" for name in NOTE_PSEUDO_ELEMENTS)
        + "::note-call { c }\n",
    ],
)
def test_a_sheet_without_exactly_those_rules_is_left_as_it_is(text: str) -> None:
    assert user_agent.trimmed(text) is None


def test_the_trim_keeps_other_pseudo_elements() -> None:
    text = (
        "q::before { content: open-quote }\n::marker { white-space: pre }\n"
        + "".join(f"::{name} {{ content: none }}\n" for name in NOTE_PSEUDO_ELEMENTS)
        + "@page { @footnote { margin-top: 1em } }\n"
    )
    assert user_agent.trimmed(text) == (
        "q::before { content: open-quote }\nli::marker { white-space: pre }\n"
        "@page { @footnote { margin-top: 1em } }\n"
    )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_plan_has_a_note_or_a_list_item_but_li(name: str) -> None:
    """Why the rules can go: a plan's HTML and stylesheet have no footnote or note, and give
    no element but `<li>` a marker."""
    html = render_html(example_plan(name, "letter", True))
    assert not re.search(r"footnote|note-area|::marker|list-item(?!\))", html)


@pytest.fixture
def styles_worked_out(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str | None]]:
    """How many styles WeasyPrint works out, by pseudo-element, in the test."""
    counted: Counter[str | None] = Counter()
    real = weasyprint_css.StyleFor.set_computed_styles

    def counting(self: object, element: object, *args: object, **kwargs: object) -> None:
        counted[kwargs.get("pseudo_type")] += 1  # type: ignore[index]
        real(self, element, *args, **kwargs)

    monkeypatch.setattr(weasyprint_css.StyleFor, "set_computed_styles", counting)
    yield counted


def test_a_plan_is_laid_out_with_the_markers_of_its_list_items_only(
    styles_worked_out: Counter[str | None],
) -> None:
    html = render_html(example_plan("first-spasm"))
    pdf_module.layout(html)
    items = len(re.findall(r"<li[ >]", html.split("<body", 1)[1]))
    assert items > 0
    assert styles_worked_out["marker"] == items
    assert not any(styles_worked_out[name] for name in NOTE_PSEUDO_ELEMENTS)


def test_weasyprints_own_sheet_works_out_a_marker_for_every_element(
    styles_worked_out: Counter[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the trim saves: with WeasyPrint's own sheet, six styles more for each element."""
    monkeypatch.setattr(user_agent, "sheet", lambda: weasyprint_html.UA_STYLESHEET)
    html = render_html(example_plan("first-spasm"))
    pdf_module.layout(html)
    elements = styles_worked_out["marker"]
    assert elements > 1000
    assert all(styles_worked_out[name] == elements for name in NOTE_PSEUDO_ELEMENTS)


@pytest.mark.parametrize("name", ["first-spasm", "pregnant"])
def test_the_trimmed_sheet_gives_the_same_pdf(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = example_plan(name)
    html = render_html(plan)
    trimmed = pdf_module.html_to_pdf(plan, html)
    monkeypatch.setattr(user_agent, "sheet", lambda: weasyprint_html.UA_STYLESHEET)
    assert pdf_module.html_to_pdf(plan, html) == trimmed


def test_a_plan_is_laid_out_by_careplans_html() -> None:
    """The layout goes through `PlanHTML`, which keeps every other part of WeasyPrint's."""
    assert issubclass(user_agent.PlanHTML, weasyprint.HTML)
    assert "_ua_stylesheets" in vars(weasyprint.HTML), "WeasyPrint's hook is gone"
    assert user_agent.PlanHTML(string="<p>x</p>")._ua_stylesheets() == [user_agent.sheet()]
