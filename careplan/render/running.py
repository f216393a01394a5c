"""The running head at the top of every page: the person's name and the document's name on one
line, the date at its right. A long name (up to 80 characters) is cut, with "…", where the line
would otherwise wrap: the head ran onto two lines, up into the page's top margin, its date
split from its year.

The width is measured from the bundled fonts' advance widths (fontTools, which WeasyPrint uses
too), against the narrowest text a page has: A4 at the usual margins."""

from __future__ import annotations

import functools

from careplan.render.resources import assets_dir

#: The running head's type size in points (assets/plan.css, .running-head), by large print.
HEAD_SIZE = {False: 9.5, True: 12.0}
#: The narrowest text width of a page in points: A4 or Letter less 16 mm on each side.
TEXT_WIDTH = {"a4": (210 - 32) * 72 / 25.4, "letter": (215.9 - 32) * 72 / 25.4}
#: Room kept between the name and the date, and for what the measure leaves out (kerning), in
#: points.
SLACK = 24.0
#: A character no bundled font has is counted this wide, in ems (wider than any they have).
UNKNOWN_EM = 1.1
ELLIPSIS = "…"
SEPARATOR = " · "


#: A bundled font face as careplan/render/html.py lists them: family, file, weight, range.
Face = tuple[str, str, int, str]


@functools.cache
def _advances(files: tuple[str, ...]) -> dict[int, float]:
    """Each character's advance width in ems, the first of the font files that has it
    winning."""
    from fontTools.ttLib import TTFont

    widths: dict[int, float] = {}
    for file in files:
        font = TTFont(assets_dir() / "fonts" / file, lazy=True)
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            widths.setdefault(code, metrics[glyph][0] / per_em)
        font.close()
    return widths


def text_width(text: str, size: float, files: tuple[str, ...]) -> float:
    """About how wide `text` prints at `size` points in the fonts of `files`, in points (no
    kerning)."""
    advances = _advances(files)
    return size * sum(advances.get(ord(char), UNKNOWN_EM) for char in text)


def running_who(
    name: str | None,
    kicker: str,
    made: str,
    *,
    paper: str,
    large_print: bool,
    faces: tuple[Face, ...],
) -> str:
    """The head's left part: "name · kicker", the name cut with "…" so that the head keeps one
    line beside `made` (the date), both in the plan's `faces` (the name bold); the kicker alone
    when there is no name, or no room for one."""
    if not name:
        return kicker
    regular, bold = (tuple(f[1] for f in faces if f[2] == weight) for weight in (400, 700))
    size = HEAD_SIZE[large_print]
    room = TEXT_WIDTH[paper] - text_width(made, size, regular) - SLACK
    after = SEPARATOR + kicker

    def fits(text: str) -> bool:
        return text_width(text, size, bold) <= room

    if fits(name + after):
        return name + after
    for end in range(len(name) - 1, 0, -1):
        shown = name[:end].rstrip(" -·,.") + ELLIPSIS
        if fits(shown + after):
            return shown + after
    return kicker
