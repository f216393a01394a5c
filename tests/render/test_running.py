"""The running head keeps one line, whatever the name (careplan/render/running.py)."""

from __future__ import annotations

from typing import Any

import pytest

from careplan.render.html import EXTRA_FONT_FILES, FONT_FILES
from careplan.render.running import ELLIPSIS
from careplan.render.running import running_who as running_who_in
from tests.plan_fixtures import example_doc, plan_from
from tests.renders import laid_out
from tests.test_handout import LONG_NAME, _classes, _walk

KICKER = "Back spasm care plan"


def running_who(name: str | None, kicker: str, made: str, *, paper: str, large_print: bool) -> str:
    """The head's left part, in the plan's own fonts."""
    faces = FONT_FILES + EXTRA_FONT_FILES
    return running_who_in(name, kicker, made, paper=paper, large_print=large_print, faces=faces)


MADE = "Made 22 November 2026"


@pytest.mark.parametrize(
    ("name", "paper", "large_print", "expected"),
    [
        (None, "a4", False, KICKER),
        ("", "letter", True, KICKER),
        ("Pat", "a4", True, f"Pat · {KICKER}"),
        ("Zoë Kovalchuk-Sabba", "a4", True, f"Zoë Kovalchuk-Sabba · {KICKER}"),
        (LONG_NAME, "letter", False, None),
        (LONG_NAME, "a4", True, None),
        ("日本" * 40, "a4", False, None),
        ("W" * 80, "a4", True, None),
    ],
)
def test_a_name_is_cut_only_when_the_head_would_wrap(
    name: str | None, paper: str, large_print: bool, expected: str | None
) -> None:
    who = running_who(name, KICKER, MADE, paper=paper, large_print=large_print)
    if expected is not None:
        assert who == expected
        return
    assert name is not None
    shown, _, kicker = who.rpartition(" · ")
    assert kicker == KICKER
    assert shown.endswith(ELLIPSIS)
    assert name.startswith(shown.removesuffix(ELLIPSIS))
    assert 3 <= len(shown) < len(name)


def test_large_print_cuts_a_long_name_shorter_than_standard_print() -> None:
    standard = running_who(LONG_NAME, KICKER, MADE, paper="a4", large_print=False)
    large = running_who(LONG_NAME, KICKER, MADE, paper="a4", large_print=True)
    assert len(large) < len(standard) < len(f"{LONG_NAME} · {KICKER}")


def _head_lines(page: Any) -> list[str] | None:
    """The lines of the page's running head, each as the text of its name side, and only when
    the date sits at the right end of the first of them (None: page 1, which has the cover)."""
    for head in _walk(page._page_box):
        if "running-head" not in _classes(head) or not hasattr(head, "children"):
            continue
        lines = [box for box in head.children if type(box).__name__ == "LineBox"]
        dates = [box for box in _walk(head) if "running-date" in _classes(box)]
        assert lines and dates, "a head with a line and a date"
        date, first = dates[0], lines[0]
        assert abs(date.position_y - first.position_y) < 0.5, "the date beside the name"
        right = head.content_box_x() + head.width
        assert abs(date.position_x + date.margin_width() - right) < 0.5, "at the right end"
        return [
            "".join(
                t.text
                for t in _walk(line)
                if hasattr(t, "text") and "running-date" not in _classes(t)
            )
            for line in lines
        ]
    return None


@pytest.mark.parametrize(
    ("example", "paper", "large_print"),
    [("standing-work-es", "a4", True), ("first-spasm", "letter", False)],
)
def test_the_running_head_is_one_line_on_every_page_with_the_longest_name(
    example: str, paper: str, large_print: bool
) -> None:
    """Laid out: the head with an 80-character name is one line on every page, the person's
    and the clinician's, in the plan's words (Spanish large print on A4 has the least room)."""
    doc = {**example_doc(example), "name": LONG_NAME, "paper": paper, "large_print": large_print}
    document = laid_out(plan_from(doc))
    heads = [_head_lines(page) for page in document.pages]
    assert heads[0] is None and None not in heads[1:]
    for lines in heads[1:]:
        assert lines is not None and len(lines) == 1, lines
        assert lines[0].startswith("Maximilian-") and ELLIPSIS in lines[0]
