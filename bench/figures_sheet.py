"""Render every exercise figure onto one sheet (HTML, PDF, PNG) to look at them as printed.

    .venv/bin/python bench/figures_sheet.py [--only ID,ID] [--width MM] [--dpi 150] [--out DIR]

Each figure is set at the width it has in the handout's rows (about 40% of the text width:
70 mm), with its caption. Writes DIR/figures.html, DIR/figures.pdf and DIR/figures-N.png, the
pages in grey at print resolution, to look at as a black-and-white print (default DIR:
out/figures),
prints each figure's SVG size and any problem the geometric check finds, and fails if
WeasyPrint logs a warning or an error while drawing the SVGs.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from html import escape
from pathlib import Path

from careplan.figures import figure_ids, figure_svg
from careplan.figures.check import problems

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"


def _page(ids: list[str], width_mm: float) -> str:
    faces = "".join(
        f"@font-face {{ font-family: 'Atkinson Hyperlegible'; font-weight: {weight}; "
        f"src: url('{(FONTS / f'atkinson-hyperlegible-latin-{weight}-normal.woff').as_uri()}'); }}"
        for weight in (400, 700)
    )
    cards = "".join(f'<div class="card"><p>{escape(i)}</p>{figure_svg(i)}</div>' for i in ids)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"{faces}"
        "@page { size: A4; margin: 10mm; }"
        "html { font-family: 'Atkinson Hyperlegible'; font-size: 8pt; }"
        ".card { display: inline-block; vertical-align: top; margin: 0 4mm 5mm 0;"
        f" width: {width_mm}mm; break-inside: avoid; }}"
        ".card p { margin: 0 0 1mm 0; color: #555; }"
        ".card svg { width: 100%; height: auto; border: 0.2pt solid #ccc; }"
        f"</style></head><body>{cards}</body></html>"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated exercise ids (default: all)")
    parser.add_argument("--width", type=float, default=70.0, help="figure width in mm")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "figures")
    args = parser.parse_args(argv)

    ids = args.only.split(",") if args.only else list(figure_ids())
    for exercise_id in ids:
        size = len(figure_svg(exercise_id).encode())
        found = problems(exercise_id)
        print(f"{exercise_id:28} {size / 1024:5.1f} KB  {'; '.join(found) or 'ok'}")

    import weasyprint  # heavy: only once the figures are known to draw

    args.out.mkdir(parents=True, exist_ok=True)
    html = _page(ids, args.width)
    (args.out / "figures.html").write_text(html, encoding="utf-8")
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    started = time.perf_counter()
    try:
        weasyprint.HTML(string=html, base_url=str(ROOT)).write_pdf(args.out / "figures.pdf")
    finally:
        logger.removeHandler(collect)
    print(f"PDF in {time.perf_counter() - started:.2f} s")
    for old in args.out.glob("figures-*.png"):
        old.unlink()
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-gray",
            "-r",
            str(args.dpi),
            str(args.out / "figures.pdf"),
            str(args.out / "figures"),
        ],
        check=True,
    )
    print(f"wrote {args.out}/figures.pdf and {len(list(args.out.glob('figures-*.png')))} PNG(s)")
    for record in collect.records:
        print(f"weasyprint {record.levelname}: {record.getMessage()}", file=sys.stderr)
    return 1 if collect.records else 0


if __name__ == "__main__":
    raise SystemExit(main())
