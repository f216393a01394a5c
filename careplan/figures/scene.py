"""A figure's panels in world terms: each pose set down among its props, which are boxes."""

from __future__ import annotations

import math
from dataclasses import dataclass

from careplan.figures.catalogue import Figure, Pose, Prop
from careplan.figures.model import Mat, Skeleton, Tube, Vec, add, apply, build, orientation

SEAT_HEIGHT = 23.0
"""A chair's seat top: a seated figure's feet just reach the floor with shins upright."""
MAT_THICKNESS = 2.4
FLOOR_HALF_LENGTH = 62.0
PANEL_HALF_WIDTH = 65.0


@dataclass(frozen=True)
class Box:
    """A solid block of a prop, upright, turned about the vertical by `turn` around `origin`."""

    prop: str
    part: str
    origin: Vec
    turn: float
    low: Vec
    """The corner nearest minus infinity, in the box's own (forward, up, right) terms."""
    high: Vec

    @property
    def frame(self) -> Mat:
        """The box's own axes."""
        return orientation(self.turn, 0.0)

    def corners(self) -> tuple[Vec, ...]:
        """The eight corners in world terms."""
        frame = self.frame
        return tuple(
            add(self.origin, apply(frame, (x, y, z)))
            for x in (self.low[0], self.high[0])
            for y in (self.low[1], self.high[1])
            for z in (self.low[2], self.high[2])
        )

    def nearest(self, point: Vec) -> tuple[Vec, bool]:
        """The point of the box nearest `point` (world terms), and whether `point` is inside."""
        frame = self.frame
        rel = (point[0] - self.origin[0], point[1] - self.origin[1], point[2] - self.origin[2])
        local = tuple(sum(frame[r][c] * rel[r] for r in range(3)) for c in range(3))
        clamped = tuple(
            min(max(v, lo), hi) for v, lo, hi in zip(local, self.low, self.high, strict=True)
        )
        inside = clamped == local
        return add(self.origin, apply(frame, (clamped[0], clamped[1], clamped[2]))), inside


def _block(prop: Prop, part: str, base: float, low: Vec, high: Vec) -> Box:
    return Box(
        prop=prop.kind,
        part=part,
        origin=(prop.x, base, prop.z),
        turn=prop.turn,
        low=low,
        high=high,
    )


def _chair(prop: Prop) -> list[Box]:
    """A plain side chair: seat, four legs, two back posts and a back rail."""
    seat, leg, depth, half = SEAT_HEIGHT, 1.8, 20.0, 10.0
    boxes = [_block(prop, "seat", 0.0, (-depth, seat - 2.6, -half), (0.0, seat, half))]
    for f in (-depth, -leg):
        for r in (-half, half - leg):
            boxes.append(_block(prop, "leg", 0.0, (f, 0.0, r), (f + leg, seat - 2.6, r + leg)))
    top = prop.length or seat + 27.0
    return [
        *boxes,
        _block(prop, "back post", 0.0, (-depth, seat, -half), (-depth + leg, top, -half + leg)),
        _block(prop, "back post", 0.0, (-depth, seat, half - leg), (-depth + leg, top, half)),
        _block(prop, "back", 0.0, (-depth - 0.6, top - 12.0, -half), (-depth + 1.6, top, half)),
    ]


def prop_boxes(prop: Prop, has_mat: bool) -> list[Box]:
    """The blocks a prop is made of; the body must not pass into any of them."""
    if prop.kind == "mat":
        half = (prop.length or 112.0) / 2
        return [_block(prop, "mat", 0.0, (-half, 0.0, -16.0), (half, MAT_THICKNESS, 16.0))]
    if prop.kind == "pillow":
        base = MAT_THICKNESS if has_mat else 0.0
        return [_block(prop, "pillow", base, (-8.0, 0.0, -10.0), (8.0, 3.6, 10.0))]
    if prop.kind == "chair":
        return _chair(prop)
    if prop.kind == "wall":
        height = prop.length or 108.0
        return [_block(prop, "wall", 0.0, (0.0, 0.0, -30.0), (4.0, height, 30.0))]
    # worktop: a cupboard with a top that overhangs towards the person
    return [
        _block(prop, "cupboard", 0.0, (1.5, 0.0, -25.0), (24.0, 50.0, 25.0)),
        _block(prop, "top", 0.0, (0.0, 50.0, -26.0), (24.0, 53.5, 26.0)),
    ]


def floor_box() -> Box:
    """The floor under every panel, so the scene reads as a room and not as a void."""
    return Box(
        prop="floor",
        part="floor",
        origin=(0.0, 0.0, 0.0),
        turn=0.0,
        low=(-FLOOR_HALF_LENGTH, -3.0, -28.0),
        high=(FLOOR_HALF_LENGTH, 0.0, 28.0),
    )


def boxes(figure: Figure) -> list[Box]:
    """Every prop block of a figure (the same in both panels), without the floor."""
    has_mat = any(p.kind == "mat" for p in figure.props)
    return [box for prop in figure.props for box in prop_boxes(prop, has_mat)]


def support_level(figure: Figure) -> float:
    """The height a body set down on the ground rests at: the mat's top or the floor."""
    return MAT_THICKNESS if any(p.kind == "mat" for p in figure.props) else 0.0


DOWN: Vec = (0.0, -1.0, 0.0)


def lowest(skeleton: Skeleton) -> float:
    """The height of the lowest point of the body's surface."""
    tube_low = min(min(t.start[1], t.end[1]) - t.reach(DOWN) for t in skeleton.tubes)
    return min(tube_low, skeleton.head[1] - skeleton.head_radius)


def posed(figure: Figure, pose: Pose) -> Skeleton:
    """A pose of the figure, built and set down where its placement says."""
    angles = dict(pose.angles)
    skeleton = build(angles, pose.turn, pose.lean, pose.tilt, pose.roll)
    place = pose.place
    at = skeleton.points[place.point]
    moved = skeleton.moved((place.x - at[0], 0.0, 0.0 if place.z is None else place.z - at[2]))
    if place.y is not None:
        return moved.moved((0.0, place.y - at[1], 0.0))
    return moved.moved((0.0, support_level(figure) - lowest(moved), 0.0))


def samples(tube: Tube, step: float = 2.0) -> list[Vec]:
    """Points along a tube's axis, no further apart than `step`."""
    length = math.dist(tube.start, tube.end)
    n = max(1, math.ceil(length / step))
    (x0, y0, z0), (x1, y1, z1) = tube.start, tube.end
    return [
        (x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n, z0 + (z1 - z0) * i / n)
        for i in range(n + 1)
    ]


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: `azimuth` walks it round the scene, `elevation` raises it to look
    down; 0 and 0 is a true side view from the figure's right."""

    azimuth: float = 0.0
    elevation: float = 0.0

    @property
    def axes(self) -> tuple[Vec, Vec, Vec]:
        """The picture's right, up and towards-the-viewer directions in world terms."""
        a, e = math.radians(self.azimuth), math.radians(self.elevation)
        right = (math.cos(a), 0.0, math.sin(a))
        up = (math.sin(a) * math.sin(e), math.cos(e), -math.cos(a) * math.sin(e))
        towards = (-math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))
        return right, up, towards

    def project(self, p: Vec) -> Vec:
        """Picture x, picture y (up) and nearness (larger is nearer the viewer) of a point."""
        right, up, towards = self.axes
        return (_dot(right, p), _dot(up, p), _dot(towards, p))


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def camera(figure: Figure) -> Camera:
    """The figure's camera."""
    return Camera(figure.azimuth, figure.elevation)
