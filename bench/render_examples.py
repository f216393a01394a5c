"""Render every example plan in letter, A4 and large print, as PDFs and page images to look at.

Usage: .venv/bin/python bench/render_examples.py [OUT_DIR] [EXAMPLE ...]
Writes OUT_DIR/<example>-<variant>.pdf and OUT_DIR/<example>-<variant>/page-N.png (60 dpi).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from careplan import answers as answers_model
from careplan.decide.select import make_plan

ROOT = Path(__file__).resolve().parent.parent
CREATED = date(2026, 11, 22)

VARIANTS = {
    "letter": {"paper": "letter", "large_print": False},
    "a4": {"paper": "a4", "large_print": False},
    "large": {"paper": "letter", "large_print": True},
}


def main(argv: list[str]) -> int:
    """Render the examples named in argv (all by default) into the output folder."""
    from careplan.render.html import render_html
    from careplan.render.pdf import html_to_pdf

    out = Path(argv[0]) if argv else Path("/tmp/careplan-pages")
    wanted = set(argv[1:])
    out.mkdir(parents=True, exist_ok=True)
    for example in sorted((ROOT / "examples").glob("*.json")):
        if wanted and example.stem not in wanted:
            continue
        base = answers_model.load(str(example))
        for variant, choices in VARIANTS.items():
            answers = base.with_choices(
                paper=str(choices["paper"]), large_print=bool(choices["large_print"])
            )
            started = time.perf_counter()
            plan = make_plan(answers, created=CREATED, generator="careplan bench")
            pdf = html_to_pdf(plan, render_html(plan))
            seconds = time.perf_counter() - started
            name = f"{example.stem}-{variant}"
            (out / f"{name}.pdf").write_bytes(pdf)
            pages = out / name
            shutil.rmtree(pages, ignore_errors=True)
            pages.mkdir()
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(out / f"{name}.pdf"), str(pages / "page")],
                check=True,
            )
            count = len(list(pages.glob("*.png")))
            print(f"{name}: {count} pages, {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
