"""What a figure looks like in the picture plane: outlines of bodies and props, arrow paths.

Everything here is in picture units with y up; `svg` only places and writes it out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from careplan.figures.catalogue import Arrow, Figure
from careplan.figures.model import Skeleton
from careplan.figures.scene import Box, Camera, boxes, camera, floor_box, posed

Point = tuple[float, float]

CHAIN_ORDER = {"torso": 0, "head": 1, "leg_r": 2, "leg_l": 2, "arm_r": 3, "arm_l": 3}
FLOOR_BAND = 3.0
"""How deep the floor's band is drawn below the floor line in a side view."""
FAR_GAP = 3.0
"""How much further one limb of a pair must be for it to be drawn as the far one."""
ARROW_REACH = 5.5
"""How far an arrow's drawing reaches beyond its path: the head's half width and its halo."""
NOSE_HALF_WIDTH = 1.0
NOSE_SHORTEST = 1.2
"""Below this seen length the nose is pointing at the viewer, and reads as an eye: left out."""


@dataclass(frozen=True)
class Stroke:
    """A tube in the picture: a round-ended stroke of half width `half` from a to b."""

    a: Point
    b: Point
    half: float


@dataclass(frozen=True)
class Chain:
    """Strokes outlined together (a leg, an arm, the torso) or the head's circle."""

    name: str
    nearness: float
    strokes: tuple[Stroke, ...]
    far: bool = False
    circle: tuple[Point, float] | None = None
    nose: Stroke | None = None
    """Drawn over the head's circle, when the face is towards the viewer or in profile."""


@dataclass(frozen=True)
class Outline:
    """A prop block as seen: a convex polygon."""

    prop: str
    part: str
    nearness: float
    points: tuple[Point, ...]


def _hull(points: list[Point]) -> tuple[Point, ...]:
    """The convex hull, anticlockwise, without repeated points."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 1e-9:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 1e-9:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def outline(box: Box, cam: Camera) -> Outline:
    """A prop block as the camera sees it; of the floor, only its top face."""
    corners = box.corners()
    if box.prop == "floor":
        corners = tuple(c for c in corners if c[1] == box.origin[1] + box.high[1])
    projected = [cam.project(c) for c in corners]
    nearness = sum(p[2] for p in projected) / len(projected)
    return Outline(box.prop, box.part, nearness, _hull([(p[0], p[1]) for p in projected]))


def body(skeleton: Skeleton, cam: Camera) -> list[Chain]:
    """The body's chains, furthest first, each stroke as thick as the tube looks."""
    right, up, _ = cam.axes
    by_chain: dict[str, list[tuple[Stroke, float]]] = {}
    roots: dict[str, float] = {}
    tips: dict[str, float] = {}
    for tube in skeleton.tubes:
        a, b = cam.project(tube.start), cam.project(tube.end)
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        nx, ny = (-dy / length, dx / length) if length > 1e-6 else (1.0, 0.0)
        normal = (
            nx * right[0] + ny * up[0],
            nx * right[1] + ny * up[1],
            nx * right[2] + ny * up[2],
        )
        half = tube.reach(normal)
        by_chain.setdefault(tube.chain, []).append(
            (Stroke((a[0], a[1]), (b[0], b[1]), half), (a[2] + b[2]) / 2)
        )
        roots.setdefault(tube.chain, a[2])
        tips[tube.chain] = b[2]
    head_nearness = cam.project(skeleton.head)[2]
    # A hand behind the head (hands clasped behind it) goes behind the head even when the
    # rest of its arm is nearer: the head is drawn over that arm, and the face stays seen.
    behind = [
        n
        for name, parts in by_chain.items()
        if name.startswith("arm_") and tips[name] < head_nearness - 1.0
        for n in [sum(x for _, x in parts) / len(parts)]
        if n > head_nearness
    ]
    torso = sum(n for _, n in by_chain["torso"]) / len(by_chain["torso"])
    chains = []
    for name, parts in by_chain.items():
        nearness = sum(n for _, n in parts) / len(parts)
        circle, nose = None, None
        if name == "head":
            centre = cam.project(skeleton.head)
            circle = ((centre[0], centre[1]), skeleton.head_radius)
            # the head sits on the trunk: never drawn under it
            nearness = max([centre[2], torso + 0.2, *(n + 0.2 for n in behind)])
            nose = _nose(skeleton, cam)
        strokes = tuple(s for s, _ in parts)
        chains.append(Chain(name, nearness, strokes, _is_far(name, roots), circle, nose))
    return sorted(chains, key=lambda c: (round(c.nearness, 1), CHAIN_ORDER[c.name]))


def _nose(skeleton: Skeleton, cam: Camera) -> Stroke | None:
    """The nose as seen, or None when the face is turned away from the viewer."""
    centre, base, tip = (cam.project(p) for p in (skeleton.head, *skeleton.nose))
    if tip[2] < centre[2] - 0.5 or math.dist(base[:2], tip[:2]) < NOSE_SHORTEST:
        return None  # turned away, or looking straight at the viewer
    return Stroke((base[0], base[1]), (tip[0], tip[1]), NOSE_HALF_WIDTH)


def _is_far(name: str, roots: dict[str, float]) -> bool:
    """Whether a limb is the far one of its pair, judged by where it joins the body."""
    if not name.endswith(("_r", "_l")):
        return False
    other = name[:-1] + ("l" if name.endswith("r") else "r")
    return roots[name] < roots[other] - FAR_GAP


def _arc(centre: Point, radius: float, start: float, end: float, squash: float) -> list[Point]:
    steps = max(4, math.ceil(abs(end - start) / 8))
    return [
        (
            centre[0] + radius * math.cos(math.radians(start + (end - start) * i / steps)),
            centre[1] + radius * squash * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def arrow_path(arrow: Arrow, start: Skeleton, end: Skeleton, cam: Camera) -> list[Point]:
    """The arrow's shaft from tail to tip, in the panel it is drawn in."""
    here = end if arrow.panel == "end" else start
    anchor = cam.project(here.points[arrow.point])
    path: list[Point]
    if arrow.kind == "arc":
        path = _arc((anchor[0], anchor[1]), arrow.radius, arrow.start, arrow.end, arrow.squash)
    elif arrow.kind == "line":
        path = [
            (anchor[0] + arrow.start_at[0], anchor[1] + arrow.start_at[1]),
            (anchor[0] + arrow.end_at[0], anchor[1] + arrow.end_at[1]),
        ]
    else:
        a = cam.project(start.points[arrow.point])
        b = cam.project(end.points[arrow.point])
        if arrow.around is not None:
            c = cam.project(here.points[arrow.around])
            ta = math.degrees(math.atan2(a[1] - c[1], a[0] - c[0]))
            tb = math.degrees(math.atan2(b[1] - c[1], b[0] - c[0]))
            sweep = (tb - ta + 180.0) % 360.0 - 180.0
            radius = max(math.hypot(a[0] - c[0], a[1] - c[1]), math.hypot(b[0] - c[0], b[1] - c[1]))
            radius += arrow.offset
            least = math.degrees(arrow.least / radius) if radius > 0 else 0.0
            if abs(sweep) < least:
                grow = (math.copysign(least, sweep or 1.0) - sweep) / 2
                ta, sweep = ta - grow, sweep + 2 * grow
            path = _arc((c[0], c[1]), radius, ta, ta + sweep, 1.0)
        else:
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            grow = max(0.0, arrow.least - length) / 2
            off = (-uy * arrow.offset, ux * arrow.offset)
            path = [
                (a[0] - ux * grow + off[0], a[1] - uy * grow + off[1]),
                (b[0] + ux * grow + off[0], b[1] + uy * grow + off[1]),
            ]
    return [(x + arrow.shift[0], y + arrow.shift[1]) for x, y in path]


@dataclass(frozen=True)
class Panel:
    """One pose as drawn: the props, the body and the arrows that belong in it."""

    caption: str
    skeleton: Skeleton
    props: tuple[Outline, ...]
    chains: tuple[Chain, ...]
    arrows: tuple[tuple[Arrow, tuple[Point, ...]], ...]
    ghost: tuple[Chain, ...] = ()
    """The start pose, drawn faintly behind the end pose."""

    def extent(self) -> tuple[float, float, float, float]:
        """Left, bottom, right and top of everything drawn (strokes at full width); the
        floor, which is cut to the panel, counts only as the band under a side view, and a
        mat, also cut to the panel, only in height."""
        xs: list[float] = []
        ys: list[float] = []
        for chain in self.chains + self.ghost:
            for s in chain.strokes:
                for x, y in (s.a, s.b):
                    xs += [x - s.half, x + s.half]
                    ys += [y - s.half, y + s.half]
            if chain.circle:
                (x, y), r = chain.circle
                xs += [x - r, x + r]
                ys += [y - r, y + r]
        for prop in self.props:
            prop_ys = [p[1] for p in prop.points]
            if prop.prop not in ("floor", "mat"):
                xs += [p[0] for p in prop.points]
            if prop.prop != "floor":
                ys += prop_ys
            elif max(prop_ys) - min(prop_ys) <= 0.5:
                ys.append(min(prop_ys) - FLOOR_BAND)
        for _, path in self.arrows:
            xs += [x + side * ARROW_REACH for x, _ in path for side in (-1, 1)]
            ys += [y + side * ARROW_REACH for _, y in path for side in (-1, 1)]
        return min(xs), min(ys), max(xs), max(ys)


def panels(figure: Figure) -> tuple[Panel, Panel]:
    """The start and end panels of a figure."""
    cam = camera(figure)
    start, end = posed(figure, figure.start), posed(figure, figure.end)
    outlines = sorted(
        (outline(b, cam) for b in [floor_box(), *boxes(figure)]),
        key=lambda o: (o.prop != "floor", round(o.nearness, 1)),
    )
    made = []
    for which, pose, skeleton in (("start", figure.start, start), ("end", figure.end, end)):
        arrows = tuple(
            (a, tuple(arrow_path(a, start, end, cam))) for a in figure.arrows if a.panel == which
        )
        ghost = tuple(body(start, cam)) if which == "end" and figure.ghost else ()
        made.append(
            Panel(
                pose.caption, skeleton, tuple(outlines), tuple(body(skeleton, cam)), arrows, ghost
            )
        )
    return made[0], made[1]
