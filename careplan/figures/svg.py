"""Write a figure as an inline SVG element: two panels side by side, captions, arrows."""

from __future__ import annotations

import math
from html import escape

from careplan.figures.catalogue import Figure
from careplan.figures.drawing import FLOOR_BAND, Chain, Outline, Point, panels

PANEL_WIDTH = 130.0
GAP = 14.0
WIDTH = 2 * PANEL_WIDTH + GAP
CAPTION_BAND = 13.0
TOP_MARGIN = 3.0

INK = "#222"
SKIN = "#fff"
FAR_SKIN = "#d2d2d2"
ARROW = "#0b5cad"
BODY_LINE = 1.3
PROP_STYLE = {
    "floor": ("#ececec", "none"),
    "mat": ("#cbcbcb", INK),
    "pillow": ("#f2f2f2", INK),
    "chair": ("#a9a9a9", INK),
    "wall": ("#d6d6d6", INK),
    "worktop": ("#e2e2e2", INK),
}
TOP_STYLE = "#a9a9a9"
FLOOR_LINE = "#8c8c8c"
CORNER = {"mat": 1.6, "pillow": 2.0}
"""Props drawn with rounded corners (the rest are plain polygons, their joins rounded)."""
FONT = "Atkinson Hyperlegible, Arial, Helvetica, sans-serif"
CAPTION_SIZE = 8.5
CAPTION_SMALLEST = 7.0
CHAR_WIDTH = 0.55
"""A generous average advance of the caption font, in ems, for centring and fitting."""
CAPTION_ROOM = PANEL_WIDTH - 27.0
"""The width a caption may take beside its number badge."""


def _n(value: float) -> str:
    """A coordinate to one decimal, as short as possible."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Place:
    """Maps picture units (y up, x from the panel's centre) onto the SVG's user space."""

    def __init__(self, left: float, top: float) -> None:
        self.centre = left + PANEL_WIDTH / 2
        self.top = top

    def xy(self, p: Point) -> str:
        return f"{_n(self.centre + p[0])} {_n(self.top - p[1])}"

    def points(self, pts: tuple[Point, ...] | list[Point]) -> str:
        return " ".join(self.xy(p).replace(" ", ",", 1) for p in pts)


def _rounded(place: _Place, points: tuple[Point, ...], radius: float) -> str:
    """A closed path through the polygon's corners, each corner rounded off."""
    if len(points) < 3:
        return "M" + "L".join(place.xy(p) for p in points)
    d = []
    for i, corner in enumerate(points):
        before, after = points[i - 1], points[(i + 1) % len(points)]
        cut = []
        for other in (before, after):
            length = math.dist(corner, other)
            t = min(radius, length / 2) / length if length else 0.0
            cut.append(
                (corner[0] + (other[0] - corner[0]) * t, corner[1] + (other[1] - corner[1]) * t)
            )
        d.append(
            f"{'M' if i == 0 else 'L'}{place.xy(cut[0])}Q{place.xy(corner)} {place.xy(cut[1])}"
        )
    return "".join(d) + "Z"


def _floor(place: _Place, outline: Outline) -> str:
    """The floor: its top face when seen from above, else a band under a crisp line."""
    fill = PROP_STYLE["floor"][0]
    ys = [p[1] for p in outline.points]
    if max(ys) - min(ys) > 0.5:
        return f'<polygon points="{place.points(outline.points)}" fill="{fill}"/>'
    left, right = min(p[0] for p in outline.points), max(p[0] for p in outline.points)
    band = ((left, ys[0]), (right, ys[0]), (right, ys[0] - FLOOR_BAND), (left, ys[0] - FLOOR_BAND))
    return (
        f'<polygon points="{place.points(band)}" fill="{fill}"/>'
        f'<path d="M{place.xy((left, ys[0]))}L{place.xy((right, ys[0]))}" '
        f'stroke="{FLOOR_LINE}" stroke-width="0.8"/>'
    )


def _props(place: _Place, outlines: tuple[Outline, ...]) -> str:
    """The props, furthest first; blocks that look alike share one group of attributes, and a
    block hidden exactly behind another (a chair's far legs in a side view) is left out."""
    out: list[str] = []
    seen: set[tuple[Point, ...]] = set()
    style = ""
    for outline in outlines:
        if outline.prop == "floor":
            out.append(_floor(place, outline))
            continue
        if outline.points in seen:
            continue
        seen.add(outline.points)
        fill, stroke = PROP_STYLE[outline.prop]
        if outline.prop == "worktop" and outline.part == "top":
            fill = TOP_STYLE
        wanted = f'<g fill="{fill}" stroke="{stroke}" stroke-width="0.8">'
        if wanted != style:
            out += ["</g>"] if style else []
            out.append(wanted)
            style = wanted
        if outline.prop in CORNER:
            out.append(f'<path d="{_rounded(place, outline.points, CORNER[outline.prop])}"/>')
        else:
            out.append(f'<polygon points="{place.points(outline.points)}"/>')
    out += ["</g>"] if style else []
    return "".join(out)


def _chain(place: _Place, chain: Chain) -> str:
    """A chain as one outlined shape: all its strokes in ink, then all of them in skin."""
    out = []
    for colour, grow in ((INK, BODY_LINE), (FAR_SKIN if chain.far else SKIN, 0.0)):
        by_width: dict[str, list[str]] = {}
        for s in chain.strokes:
            width = _n(2 * s.half + 2 * grow)
            by_width.setdefault(width, []).append(f"M{place.xy(s.a)}L{place.xy(s.b)}")
        out.append(f'<g stroke="{colour}">')
        out += [f'<path d="{"".join(d)}" stroke-width="{w}"/>' for w, d in by_width.items()]
        out.append("</g>")
    if chain.circle is not None:
        (x, y), r = chain.circle
        centre = place.xy((x, y)).split()
        out.append(
            f'<circle cx="{centre[0]}" cy="{centre[1]}" r="{_n(r)}" '
            f'fill="{SKIN}" stroke="{INK}" stroke-width="{_n(BODY_LINE)}"/>'
        )
    if chain.nose is not None:
        d = f"M{place.xy(chain.nose.a)}L{place.xy(chain.nose.b)}"
        for colour, stroke in ((INK, chain.nose.half + BODY_LINE), (SKIN, chain.nose.half)):
            out.append(f'<path d="{d}" stroke="{colour}" stroke-width="{_n(2 * stroke)}"/>')
    return "".join(out)


def _head(tip: Point, before: Point) -> list[Point]:
    """An arrowhead's triangle with its point at `tip`, aimed from `before`."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    back, half = 6.0, 4.0
    base = (tip[0] - ux * back, tip[1] - uy * back)
    return [
        tip,
        (base[0] - uy * half, base[1] + ux * half),
        (base[0] + uy * half, base[1] - ux * half),
    ]


def _trimmed(path: list[Point], by: float) -> list[Point]:
    """The path with its last `by` units removed, so the shaft stops inside the head."""
    out = list(path)
    while len(out) >= 2 and by > 0:
        (x0, y0), (x1, y1) = out[-2], out[-1]
        seg = math.hypot(x1 - x0, y1 - y0)
        if seg > by:
            t = (seg - by) / seg
            out[-1] = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            break
        by -= seg
        out.pop()
    return out


def _arrow(place: _Place, path: tuple[Point, ...], both: bool) -> str:
    shaft = _trimmed(list(path), 4.0)
    heads = [_head(path[-1], _back_from(list(path)))]
    if both:
        shaft = list(reversed(_trimmed(list(reversed(shaft)), 4.0)))
        heads.append(_head(path[0], _back_from(list(reversed(path)))))
    d = "M" + "L".join(place.xy(p) for p in shaft)
    out = [f'<path d="{d}" fill="none" stroke="{SKIN}" stroke-width="5"/>']
    halo = f'fill="{SKIN}" stroke="{SKIN}" stroke-width="2.6"'
    out += [f'<polygon points="{place.points(h)}" {halo}/>' for h in heads]
    out.append(f'<path d="{d}" fill="none" stroke="{ARROW}" stroke-width="2.2"/>')
    out += [f'<polygon points="{place.points(h)}" fill="{ARROW}"/>' for h in heads]
    return "".join(out)


def _back_from(path: list[Point]) -> Point:
    """A point on the path about one arrowhead's length before its end, to aim the head by."""
    walked = 0.0
    for i in range(len(path) - 1, 0, -1):
        walked += math.dist(path[i], path[i - 1])
        if walked >= 5.0:
            return path[i - 1]
    return path[0]


def caption_size(text: str) -> float:
    """The font size a caption is set in: smaller for long ones, so that it fits its panel."""
    return max(CAPTION_SMALLEST, min(CAPTION_SIZE, CAPTION_ROOM / (CHAR_WIDTH * max(1, len(text)))))


def _caption(place: _Place, y: float, number: int, text: str) -> str:
    size = caption_size(text)
    width = CHAR_WIDTH * size * len(text)
    badge_x = place.centre - width / 2 - 6.5
    return (
        f'<circle cx="{_n(badge_x)}" cy="{_n(y - 3)}" r="4.4" fill="{SKIN}" stroke="{INK}" '
        f'stroke-width="0.9"/>'
        f'<text x="{_n(badge_x)}" y="{_n(y)}" font-size="7" font-weight="700" fill="{INK}" '
        f'text-anchor="middle">{number}</text>'
        f'<text x="{_n(place.centre + 2.5)}" y="{_n(y)}" font-size="{_n(size)}" fill="{INK}" '
        f'text-anchor="middle">{escape(text)}</text>'
    )


def _between(x: float, y: float) -> str:
    """The small grey arrow that says the right panel comes after the left one."""
    pts = [
        (x - 4, y - 1.2),
        (x + 0.5, y - 1.2),
        (x + 0.5, y - 3.8),
        (x + 4.5, y),
        (x + 0.5, y + 3.8),
        (x + 0.5, y + 1.2),
        (x - 4, y + 1.2),
    ]
    return '<polygon points="{}" fill="#8a8a8a"/>'.format(
        " ".join(f"{_n(px)},{_n(py)}" for px, py in pts)
    )


def render(figure: Figure) -> str:
    """The figure's SVG element."""
    drawn = panels(figure)
    extents = [p.extent() for p in drawn]
    top = max(e[3] for e in extents) + TOP_MARGIN
    bottom = min(e[1] for e in extents)
    body_height = top - bottom + 1.0
    height = body_height + CAPTION_BAND
    label = f"{figure.name}: start and end positions"
    desc = " ".join(f"{i}. {p.caption}." for i, p in enumerate(drawn, start=1) if p.caption)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(height)}" '
        f'width="100%" role="img" aria-label="{escape(label)}" class="exercise-figure">',
        f"<title>{escape(label)}</title>",
        f"<desc>{escape(desc)}</desc>" if desc else "",
        f'<g stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">',
    ]
    for i, panel in enumerate(drawn):
        place = _Place(i * (PANEL_WIDTH + GAP), top)
        out.append(_props(place, panel.props))
        out.append('<g fill="none">')
        out += [_chain(place, c) for c in panel.chains]
        out.append("</g>")
        out += [_arrow(place, path, arrow.both) for arrow, path in panel.arrows]
        if panel.caption:
            out.append(_caption(place, body_height + 9.5, i + 1, panel.caption))
    out.append(_between(PANEL_WIDTH + GAP / 2, body_height / 2))
    out.append("</g></svg>")
    return "".join(out)
