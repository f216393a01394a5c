"""Write a figure as an inline SVG element: two panels side by side, captions, arrows."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from html import escape

from careplan import words
from careplan.figures.catalogue import Figure
from careplan.figures.drawing import FLOOR_BAND, Chain, Outline, Panel, Point, Stroke, panels

PAD = 3.0
"""Room left around what a panel draws."""
GAP = 12.0
"""Between the two panels."""

INK = "#1a1a1a"
SKIN = "#fff"
FAR_SKIN = "#e3e3e3"
GHOST = "#9e9e9e"
"""The outline of the start pose shown behind the end pose."""
ARROW = "#000"
BODY_LINE = 1.3
PROP_LINE = "#8f8f8f"
PROP_STYLE = {
    "floor": ("#f4f4f4", "none"),
    "mat": ("#f7f7f7", PROP_LINE),
    "pillow": ("#fcfcfc", PROP_LINE),
    "chair": ("#ebebeb", "#7a7a7a"),
    "wall": ("#f2f2f2", PROP_LINE),
    "worktop": ("#f2f2f2", PROP_LINE),
}
TOP_STYLE = "#dedede"
FLOOR_LINE = "#9a9a9a"
CORNER = {"mat": 1.6, "pillow": 2.0}
"""Props drawn with rounded corners (the rest are plain polygons, their joins rounded)."""
FONT = "Atkinson Hyperlegible, Arial, Helvetica, sans-serif"
CAPTION_SCALE = 0.05
"""A caption's size as a share of the figure's width: about the body text's size when the
figure is printed at 40% of the text's width."""
CAPTION_SMALLEST = 0.8
"""How far a caption may shrink below its usual size to fit its panel in two lines."""
CAPTION_LINES = 2
CHAR_WIDTH = 0.55
"""A generous average advance of the caption font, in ems, for centring and fitting."""
LINE_HEIGHT = 1.2
NARROWEST = 1.25
WIDEST = 2.2
"""The widest shape a figure is drawn in, when the other arrangement allows it."""
"""The narrowest shape (width to height) a figure is drawn in: it sits beside the text in a
row of the handout, at about 40% of the text's width, where a landscape figure of about 4:3
to 3:2 keeps the row short."""


def _n(value: float) -> str:
    """A coordinate to one decimal, as short as possible."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Place:
    """Maps picture units (y up) onto the SVG's user space: the picture point (x0, y1), the
    top left of what the panel draws, goes to (left + PAD, top + PAD)."""

    def __init__(self, left: float, top: float, x0: float, y1: float) -> None:
        self.left, self.top, self.x0, self.y1 = left, top, x0, y1

    def xy(self, p: Point) -> str:
        return f"{_n(self.left + PAD + p[0] - self.x0)} {_n(self.top + PAD + self.y1 - p[1])}"

    def points(self, pts: tuple[Point, ...] | list[Point]) -> str:
        return " ".join(self.xy(p).replace(" ", ",", 1) for p in pts)

    def at(self, p: Point) -> Point:
        """The picture point in the SVG's user space (y down), unrounded."""
        return (self.left + PAD + p[0] - self.x0, self.top + PAD + self.y1 - p[1])


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


def _clip(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """A convex polygon cut to the rectangle (left, bottom, right, top)."""
    left, bottom, right, top = box
    # each edge: the axis it cuts, where, and +1 keeping what is above it or -1 below
    edges = ((0, left, 1.0), (0, right, -1.0), (1, bottom, 1.0), (1, top, -1.0))
    out = points
    for axis, at, side in edges:
        given, out = out, []
        for i, p in enumerate(given):
            q = given[i - 1]
            keep_p, keep_q = side * (p[axis] - at) >= 0, side * (q[axis] - at) >= 0
            if keep_p != keep_q:
                t = (at - q[axis]) / (p[axis] - q[axis])
                out.append((q[0] + (p[0] - q[0]) * t, q[1] + (p[1] - q[1]) * t))
            if keep_p:
                out.append(p)
    return out


def _floor(place: _Place, outline: Outline, box: tuple[float, float, float, float]) -> str:
    """The floor, cut to the panel: its top face when seen from above, else a band under a
    crisp line."""
    fill = PROP_STYLE["floor"][0]
    ys = [p[1] for p in outline.points]
    left, _, right, _ = box
    if max(ys) - min(ys) > 0.5:
        cut = _clip(list(outline.points), box)
        return f'<polygon points="{place.points(cut)}" fill="{fill}"/>' if len(cut) > 2 else ""
    y = ys[0]
    band = ((left, y), (right, y), (right, y - FLOOR_BAND), (left, y - FLOOR_BAND))
    return (
        f'<polygon points="{place.points(band)}" fill="{fill}"/>'
        f'<path d="M{place.xy((left, y))}L{place.xy((right, y))}" '
        f'stroke="{FLOOR_LINE}" stroke-width="0.8"/>'
    )


def _props(
    place: _Place, outlines: tuple[Outline, ...], box: tuple[float, float, float, float]
) -> str:
    """The props, furthest first; blocks that look alike share one group of attributes, and a
    block hidden exactly behind another (a chair's far legs in a side view) is left out."""
    out: list[str] = []
    seen: set[tuple[Point, ...]] = set()
    style = ""
    for outline in outlines:
        if outline.prop == "floor":
            out.append(_floor(place, outline, box))
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
        if outline.prop == "mat":
            cut = tuple(_clip(list(outline.points), box))
            out.append(f'<path d="{_rounded(place, cut, CORNER["mat"])}"/>')
        elif outline.prop in CORNER:
            out.append(f'<path d="{_rounded(place, outline.points, CORNER[outline.prop])}"/>')
        else:
            out.append(f'<polygon points="{place.points(outline.points)}"/>')
    out += ["</g>"] if style else []
    return "".join(out)


KAPPA = 0.5523
"""A quarter circle as a cubic curve: its control points this share of the radius along the
tangents (the usual approximation, off by under 0.03% of the radius)."""
HALF = 4 / 3
"""A half circle as one cubic curve: its control points this share of the radius ahead of
its ends."""


def _tenths(value: float) -> int:
    return round(value * 10)


def _rel(tenths: int) -> str:
    """A length in tenths of a unit, as `_n` writes it."""
    whole, part = divmod(abs(tenths), 10)
    return ("-" if tenths < 0 else "") + (f"{whole}.{part}" if part else str(whole))


def _subpath(start: Point, steps: list[tuple[str, list[Point]]]) -> str:
    """A closed subpath from `start` through `steps` (each "l" or "c" with its points), its
    start absolute and every step relative to the point before it. The points are rounded to
    a tenth first and the steps taken between the rounded points, so no rounding adds up."""
    x, y = _tenths(start[0]), _tenths(start[1])
    out = [f"M{_rel(x)} {_rel(y)}"]
    for letter, points in steps:
        grid = [(_tenths(px), _tenths(py)) for px, py in points]
        out.append(letter + " ".join(f"{_rel(gx - x)} {_rel(gy - y)}" for gx, gy in grid))
        x, y = grid[-1]
    return "".join(out) + "Z"


def _capsule(
    a: Point, b: Point, r: float, round_a: bool = True, round_b: bool = True, quarters: bool = False
) -> str:
    """The area a round-ended stroke of half width r from a to b covers, as a closed subpath
    of straight sides and round ends (in the SVG's user space); an end not `round_*` is cut
    square (another stroke's round end covers it). A round end is one cubic curve (as
    WeasyPrint draws an SVG arc of half a circle: within 2% of the radius, a few hundredths
    of a millimetre at the sizes printed), or two quarter circles when `quarters`.

    Every capsule runs the same way round, so that many of them in one path, filled with the
    nonzero rule, cover their union: what the strokes covered, drawn as one shape. One filled
    path costs a renderer far less than a stroked path per width.
    """
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length > 1e-9 else (1.0, 0.0)
    nx, ny = -uy * r, ux * r  # the side, r long
    fx, fy = ux * r, uy * r  # forward, r long
    k = KAPPA

    def pt(base: Point, along: float, side: float) -> Point:
        return (base[0] + fx * along + nx * side, base[1] + fy * along + ny * side)

    steps: list[tuple[str, list[Point]]] = [("l", [pt(b, 0, 1)])]
    if round_b and quarters:
        steps.append(("c", [pt(b, k, 1), pt(b, 1, k), pt(b, 1, 0)]))
        steps.append(("c", [pt(b, 1, -k), pt(b, k, -1), pt(b, 0, -1)]))
    elif round_b:
        steps.append(("c", [pt(b, HALF, 1), pt(b, HALF, -1), pt(b, 0, -1)]))
    else:
        steps.append(("l", [pt(b, 0, -1)]))
    steps.append(("l", [pt(a, 0, -1)]))
    if round_a and quarters:
        steps.append(("c", [pt(a, -k, -1), pt(a, -1, -k), pt(a, -1, 0)]))
        steps.append(("c", [pt(a, -1, k), pt(a, -k, 1), pt(a, 0, 1)]))
    elif round_a:
        steps.append(("c", [pt(a, -HALF, -1), pt(a, -HALF, 1), pt(a, 0, 1)]))
    return _subpath(pt(a, 0, 1), steps)


def _disc(c: Point, r: float) -> str:
    """A circle as a closed subpath running the same way round as `_capsule`'s."""
    return _capsule(c, c, r, quarters=True)


def _tube(place: _Place, strokes: tuple[Stroke, ...], grow: float) -> str:
    """A chain's strokes, each grown by `grow`, as capsules of one path. Where two strokes
    meet end to end, only the wider one's end there is round: its round end covers the other's
    (the pair covers what the two round-ended strokes did), unless it is too short for its own
    side to cover the back of that round end."""
    ends = [[True, True] for _ in strokes]
    for i, (s, t) in enumerate(itertools.pairwise(strokes)):
        if s.b != t.a:
            continue
        wide, narrow, at = (i, i + 1, 0) if s.half >= t.half else (i + 1, i, 1)
        w = strokes[wide]
        if math.dist(w.a, w.b) >= w.half + grow:
            ends[narrow][at] = False
    return "".join(
        _capsule(place.at(s.a), place.at(s.b), s.half + grow, *ends[i])
        for i, s in enumerate(strokes)
    )


def _chain(place: _Place, chain: Chain) -> str:
    """A chain as one outlined shape: all its strokes grown by the outline's width in ink, then
    all of them in skin, each colour one filled path."""
    out = []
    for colour, grow in ((INK, BODY_LINE), (FAR_SKIN if chain.far else SKIN, 0.0)):
        d = _tube(place, chain.strokes, grow)
        out.append(f'<path d="{d}" fill="{colour}"/>' if d else "")
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
            out.append(
                f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{_n(2 * stroke)}"/>'
            )
    return "".join(out)


def _ghost(place: _Place, chains: tuple[Chain, ...]) -> str:
    """The start pose as one faint silhouette: a light outline around the whole body, drawn as
    two filled paths (the outline's colour, then skin over it)."""
    if not chains:
        return ""
    out = []
    for colour, grow in ((GHOST, 0.7), (SKIN, 0.0)):
        d = [_tube(place, c.strokes, grow) for c in chains]
        d += [_disc(place.at(c.circle[0]), c.circle[1] + grow) for c in chains if c.circle]
        out.append(f'<path d="{"".join(d)}" fill="{colour}"/>')
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


def wrap(text: str, size: float, room: float) -> list[str]:
    """The caption's lines at a font size, each no wider than `room` (a word longer than
    that stays whole on its own line)."""
    most = max(1, int(room / (CHAR_WIDTH * size)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def caption_fit(text: str, usual: float, width: float) -> tuple[float, list[str]]:
    """The size a caption is set in and its lines, in a panel `width` wide: the usual size,
    or smaller (down to `CAPTION_SMALLEST` of it) when that takes more than two lines."""
    size = usual
    while True:
        lines = wrap(text, size, width - 2.2 * size)
        fits = all(CHAR_WIDTH * size * len(line) <= width - 2.2 * size for line in lines)
        if (len(lines) <= CAPTION_LINES and fits) or size <= usual * CAPTION_SMALLEST:
            return size, lines
        size = max(usual * CAPTION_SMALLEST, size - 0.1)


def caption_fits(text: str, usual: float, width: float) -> bool:
    """Whether a caption fits its panel in two lines at the smallest size allowed."""
    size, lines = caption_fit(text, usual, width)
    room = width - 2.2 * size
    return len(lines) <= CAPTION_LINES and all(
        CHAR_WIDTH * size * len(line) <= room + 0.01 for line in lines
    )


def _caption(x: float, y: float, width: float, number: int, size: float, lines: list[str]) -> str:
    """The numbered caption under a panel whose left edge is x, first baseline at y."""
    longest = max(CHAR_WIDTH * size * len(line) for line in lines)
    badge_r = 0.62 * size
    block = longest + 2 * badge_r + 0.5 * size
    start = x + max(0.0, (width - block) / 2)
    badge_x = start + badge_r
    text_x = start + 2 * badge_r + 0.5 * size
    out = [
        f'<circle cx="{_n(badge_x)}" cy="{_n(y - 0.36 * size)}" r="{_n(badge_r)}" '
        f'fill="{SKIN}" stroke="{INK}" stroke-width="0.9"/>'
        f'<text x="{_n(badge_x)}" y="{_n(y)}" font-size="{_n(0.85 * size)}" font-weight="700" '
        f'fill="{INK}" text-anchor="middle">{number}</text>'
    ]
    spans = "".join(
        f'<tspan x="{_n(text_x)}" y="{_n(y + k * LINE_HEIGHT * size)}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    out.append(f'<text font-size="{_n(size)}" fill="{INK}">{spans}</text>')
    return "".join(out)


def _between(x: float, y: float, down: bool) -> str:
    """The small grey arrow that says the second panel comes after the first."""
    pts = [(-4, -1.2), (0.5, -1.2), (0.5, -3.8), (4.5, 0), (0.5, 3.8), (0.5, 1.2), (-4, 1.2)]
    placed = [(x - py, y + px) if down else (x + px, y + py) for px, py in pts]
    return '<polygon points="{}" fill="#8a8a8a"/>'.format(
        " ".join(f"{_n(px)},{_n(py)}" for px, py in placed)
    )


@dataclass(frozen=True)
class Layout:
    """Where the two panels go: side by side or one above the other, and their sizes."""

    across: bool
    """True: side by side; False: the start panel above the end panel."""
    left: float
    right: float
    """The picture's x range both panels show (the same, so that the props line up)."""
    rows: tuple[tuple[float, float], tuple[float, float]]
    """Each panel's bottom and top in picture units: the same side by side, so the floors
    line up; each its own when stacked, so that no panel keeps empty room."""
    panel_width: float
    caption_size: float
    captions: tuple[tuple[float, list[str]], tuple[float, list[str]]]
    band: float
    """The height of the captions under a panel."""
    width: float
    height: float

    def panel_height(self, i: int) -> float:
        """Panel i's height without its caption."""
        bottom, top = self.rows[i]
        return top - bottom + 2 * PAD

    def panel_top(self, i: int) -> float:
        """Where panel i starts, down from the top of the figure."""
        return 0.0 if self.across or i == 0 else self.panel_height(0) + self.band + GAP

    def panel_left(self, i: int) -> float:
        """Where panel i starts, from the left of the figure."""
        return i * (self.panel_width + GAP) if self.across else 0.0


def _layout(
    extents: list[tuple[float, float, float, float]],
    captions: tuple[str, str],
    across: bool,
    captioned: bool = True,
) -> Layout:
    """The panels arranged one way; widened (what they draw centred) when that would make
    the figure narrower than `NARROWEST`, so that a row of the handout stays short. Not
    `captioned`: no band for captions under the panels (the page prints them beside)."""
    left, right = min(e[0] for e in extents), max(e[2] for e in extents)
    union = (min(e[1] for e in extents), max(e[3] for e in extents))
    rows = (
        (union, union)
        if across
        else ((extents[0][1], extents[0][3]), (extents[1][1], extents[1][3]))
    )
    heights = [top - bottom + 2 * PAD for bottom, top in rows]
    for _ in range(4):
        pw = right - left + 2 * PAD
        width = 2 * pw + GAP if across else pw
        usual = round(CAPTION_SCALE * width, 1)
        fitted = (caption_fit(captions[0], usual, pw), caption_fit(captions[1], usual, pw))
        band = (
            max(0.4 * size + LINE_HEIGHT * size * len(lines) for size, lines in fitted)
            if captioned
            else 0.0
        )
        height = heights[0] + band if across else sum(heights) + 2 * band + GAP
        if width / height >= NARROWEST - 0.01:
            break
        wanted = NARROWEST * height
        grow = ((wanted - GAP) / 2 if across else wanted) - pw
        left, right = left - grow / 2, right + grow / 2
    return Layout(across, left, right, rows, pw, usual, fitted, band, width, height)


def layout(
    figure: Figure, drawn: tuple[Panel, Panel] | None = None, captioned: bool = True
) -> Layout:
    """The arrangement that draws the body largest at a given printed width (the narrower
    viewBox, once both are at least `NARROWEST` wide for their height), of those no wider
    than `WIDEST`; side by side when they tie.

    Not `captioned` (a page prints the captions beside it): side by side, without their band.
    A page's drawing sits in a box far wider than high (a card's at most 22 mm high across a
    third of the text's width; the ladder's 9 or 12 mm high), where side by side draws every
    body larger than one above the other (about 1.2 to 2 times)."""
    drawn = drawn or panels(figure)
    extents = [p.extent() for p in drawn]
    captions = (figure.start.caption, figure.end.caption)
    if not captioned:
        return _layout(extents, captions, True, captioned=False)
    options = [_layout(extents, captions, across) for across in (True, False)]
    fitting = [o for o in options if o.width / o.height <= WIDEST] or options
    return min(fitting, key=lambda o: round(o.width, 1))


@functools.cache
def _label(language: str) -> str:
    """The label a screen reader reads for a drawing, from content/<language>/figures.toml."""
    said = words.reader(language, "figures")
    label = said.text("label", "name")
    said.finish()
    return label


def render(figure: Figure, language: str, captions: bool = True) -> str:
    """The figure's SVG element, its label in `language` (the words of `figure` are); without
    `captions`, both panels with no captions under them (a page prints them beside the
    drawing, at its body size), the description keeping them for a screen reader."""
    drawn = panels(figure)
    plan = layout(figure, drawn, captioned=captions)
    label = _label(language).format(name=figure.name)
    desc = " ".join(f"{i}. {p.caption}." for i, p in enumerate(drawn, start=1) if p.caption)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(plan.width)} '
        f'{_n(plan.height)}" role="img" aria-label="{escape(label)}" '
        'class="exercise-figure">',
        f"<title>{escape(label)}</title>",
        f"<desc>{escape(desc)}</desc>" if desc else "",
        f'<g stroke-linecap="round" stroke-linejoin="round" font-family="{FONT}">',
    ]
    for i, panel in enumerate(drawn):
        left, top = plan.panel_left(i), plan.panel_top(i)
        bottom, y1 = plan.rows[i]
        clip = (plan.left - PAD, bottom - PAD, plan.right + PAD, y1 + PAD)
        place = _Place(left, top, plan.left, y1)
        out.append(_props(place, panel.props, clip))
        out.append(_ghost(place, panel.ghost))
        out += [_chain(place, c) for c in panel.chains]
        out += [_arrow(place, path, arrow.both) for arrow, path in panel.arrows]
        if panel.caption and captions:
            size, lines = plan.captions[i]
            baseline = top + plan.panel_height(i) + 1.2 * size
            out.append(_caption(left, baseline, plan.panel_width, i + 1, size, lines))
    if plan.across:
        out.append(_between(plan.panel_width + GAP / 2, plan.panel_height(0) / 2, down=False))
    else:
        y = plan.panel_height(0) + plan.band + GAP / 2
        out.append(
            f'<path d="M{_n(PAD)} {_n(y)}H{_n(plan.width - PAD)}" stroke="#c8c8c8" '
            'stroke-width="0.6"/>'
        )
    out.append("</g></svg>")
    return "".join(out)
