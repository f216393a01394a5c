"""How full each example's pages are, and which plans were laid out more than once.

Usage: .venv/bin/python bench/pages.py [EXAMPLE ...] [--language en|es|both]

For each example (all by default), in each language, on Letter and A4, in standard and large
print, prints the person's pages, how much of each its content fills (from 0 to 1, the last
marked when it holds less than FEW_ON_LAST), how many pages the plan takes in all, and how
many layouts it took (careplan/render/pdf.py, `laid_out`: once, or again a step closer when
the person's part missed its pages or ended on a page of a few lines). Then the totals: how
many plans were laid out more than once, and how many still end on a page of a few lines.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from careplan import answers as answers_model
from careplan.decide.select import make_plan

ROOT = Path(__file__).resolve().parent.parent
CREATED = date(2026, 11, 22)
PAPERS = ("letter", "a4")


def main(argv: Sequence[str] | None = None) -> int:
    from careplan.render import pdf
    from careplan.render.html import render_html
    from careplan.render.warm import collector_paused

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("examples", nargs="*", help="example names (default: all)")
    parser.add_argument("--language", choices=("en", "es", "both"), default="both")
    args = parser.parse_args(argv)
    languages = ("en", "es") if args.language == "both" else (args.language,)
    names = args.examples or sorted(p.stem for p in (ROOT / "examples").glob("*.json"))

    layouts = 0
    own_layout = pdf.layout

    def counted(html: str) -> Any:
        nonlocal layouts
        layouts += 1
        return own_layout(html)

    pdf.layout = counted
    plans = again = thin = 0
    for name in names:
        base = answers_model.load(str(ROOT / "examples" / f"{name}.json"))
        for language in languages:
            for paper in PAPERS:
                for large_print in (False, True):
                    answers = dataclasses.replace(
                        base.with_choices(paper=paper, large_print=large_print),
                        language=language,
                    )
                    plan = make_plan(answers, created=CREATED, generator="careplan bench")
                    layouts = 0
                    with collector_paused():
                        document = pdf.laid_out(plan, render_html(plan))
                    person = pdf.person_pages(document)
                    fills = [pdf._filled(page) for page in document.pages[:person]]
                    few = pdf._few_on_last(document)
                    plans, again, thin = plans + 1, again + (layouts > 1), thin + few
                    size = "large" if large_print else "standard"
                    print(
                        f"{name:17} {language} {paper:6} {size:8} person {person:2} of "
                        f"{len(document.pages):2} pages, {layouts} layout{'s' * (layouts > 1)}: "
                        + " ".join(f"{fill:.2f}" for fill in fills)
                        + (" (a few lines)" if few else ""),
                        flush=True,
                    )
    print(
        f"{plans} plans: {again} laid out more than once; {thin} end the person's part on a page "
        "of a few lines"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
