"""WeasyPrint's own style sheet (its "user agent" sheet), less the rules no plan uses.

Six rules of WeasyPrint's sheet (70.0) name a pseudo-element and no element: `::marker`, and
the calls and markers of footnotes and notes (`::footnote-call`, `::footnote-marker`,
`::note-call`, `::note-marker`, `::note-callback`). Each matches every element, so WeasyPrint
works out six styles more for each of a plan's 1,800 elements: 11,000 styles, of which a
plan uses the markers of its 100 list items and nothing else. That was a tenth of a plan's
layout time (first-spasm: 0.88 against 0.98 CPU-seconds, pregnant: 1.01 against 1.12; medians
of 9 layouts in one process, alternating, 2 December 2026).

A plan has no footnote and no note (`float: footnote` is in no stylesheet of careplan's), and
its only list items are `<li>` (`display: list-item` is WeasyPrint's for `li`, and in no
stylesheet of careplan's). So the sheet careplan gives WeasyPrint leaves the five rules of
footnotes and notes out, and gives `::marker`'s rule to `li` alone: the pages are the same,
and the PDFs the same bytes.

The sheet is made from the WeasyPrint installed, so a newer one's other rules come with it.
When that WeasyPrint's sheet no longer has these rules as lines of their own, its own sheet is
used as it is (`sheet()` is then WeasyPrint's): slower, never different.
"""

from __future__ import annotations

import functools
import re

import weasyprint
from weasyprint import html as weasyprint_html
from weasyprint.css.counters import CounterStyle

#: The rules left out: a footnote's or a note's call, marker or way back, for any element.
LEFT_OUT = re.compile(r"::(?:footnote|note)-(?:call|marker|callback) \{[^}]*\}\n")
#: The rule given to `<li>` alone: the marker of any element.
MARKER = "\n::marker {"
#: How many rules WeasyPrint 70.0's sheet has that `LEFT_OUT` matches.
NOTE_RULES = 5


def trimmed(text: str) -> str | None:
    """WeasyPrint's sheet `text` with the rules of notes left out and `::marker` for `<li>`;
    None when it has not exactly those rules, one to a line."""
    kept, left_out = LEFT_OUT.subn("", text)
    if left_out != NOTE_RULES or kept.count(MARKER) != 1:
        return None
    return kept.replace(MARKER, "\nli::marker {")


@functools.cache
def sheet() -> weasyprint.CSS:
    """The sheet careplan lays plans out with, parsed once in a process."""
    text = trimmed(weasyprint_html.UA)
    if text is None:
        return weasyprint_html.UA_STYLESHEET
    # Its @counter-style rules go to a store of their own: WeasyPrint's (which every layout
    # starts from a copy of) has them already, and refuses `disc` and `decimal` a second time.
    return weasyprint.CSS(string=text, counter_style=CounterStyle())


class PlanHTML(weasyprint.HTML):  # type: ignore[misc]
    """A plan's HTML for WeasyPrint, laid out with `sheet()` for WeasyPrint's own sheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[weasyprint.CSS]:
        if forms:  # the `pdf_forms` option, which careplan does not set
            return [sheet(), weasyprint_html.UA_FORM_STYLESHEET]
        return [sheet()]
