"""Geometric checks of the declared poses: what a reader would see as a broken drawing.

A pose is broken when a joint is bent further than a body bends, a limb comes apart from the
body, the body sinks into the floor, the mat or a prop (or hovers above them all), or the
drawing spills out of its panel. `problems` lists them in words; it is empty for a good pose.
"""

from __future__ import annotations

import math

from careplan.figures.catalogue import Figure, figures
from careplan.figures.drawing import Panel, panels
from careplan.figures.model import BONES, Skeleton, Tube, Vec, check_angles
from careplan.figures.scene import PANEL_HALF_WIDTH, Box, boxes, samples
from careplan.figures.svg import caption_fits, layout

TOLERANCE = 0.8
"""How far a surface may overlap another: 0.8 model units, about 1.4 cm on a real body."""
FLOAT_TOLERANCE = 1.5
"""How far above its nearest support a body may hover before it looks like floating."""
LEAST_MOVEMENT = 2.0
"""How far something must move between the panels for the two to look different."""
ATTACH_TOLERANCE = 1.0
"""How far outside the trunk's surface a limb's root joint may sit (shoulders stand proud)."""
NEAR_POINT = 3.0
"""How much of the body around a named point counts as that point when it rests on something."""

_PARENT_TUBE = {
    "leg_r": "lumbar",
    "leg_l": "lumbar",
    "arm_r": "thorax",
    "arm_l": "thorax",
    "head": "thorax",
}
_MODEL_LENGTHS = [math.dist(s.start, s.end) for b in BONES for s in b.segments]


def _nearest_on_axis(p: Vec, tube: Tube) -> Vec:
    a, b = tube.start, tube.end
    ab = [y - x for x, y in zip(a, b, strict=True)]
    ap = [y - x for x, y in zip(a, p, strict=True)]
    length2 = sum(v * v for v in ab)
    along = sum(x * y for x, y in zip(ap, ab, strict=True)) / length2 if length2 else 0.0
    t = max(0.0, min(1.0, along))
    return (a[0] + t * ab[0], a[1] + t * ab[1], a[2] + t * ab[2])


def _unit(start: Vec, end: Vec) -> Vec:
    d = math.dist(start, end)
    return ((end[0] - start[0]) / d, (end[1] - start[1]) / d, (end[2] - start[2]) / d)


def _distance_to_axis(p: Vec, tube: Tube) -> float:
    return math.dist(p, _nearest_on_axis(p, tube))


def _inside(p: Vec, tube: Tube, margin: float) -> bool:
    """Whether p lies within the tube's surface, grown by `margin`."""
    nearest = _nearest_on_axis(p, tube)
    d = math.dist(p, nearest)
    if d < 1e-9:
        return True
    return d <= tube.reach(_unit(nearest, p)) + margin


def attachment_problems(skeleton: Skeleton) -> list[str]:
    """Limbs that are stretched, shrunk or come apart from the chain they belong to."""
    found = []
    if len(skeleton.tubes) != len(_MODEL_LENGTHS):
        return [f"the body has {len(skeleton.tubes)} segments, the model {len(_MODEL_LENGTHS)}"]
    for tube, length in zip(skeleton.tubes, _MODEL_LENGTHS, strict=True):
        if abs(math.dist(tube.start, tube.end) - length) > 0.01:
            found.append(
                f"{tube.bone} is {math.dist(tube.start, tube.end):.1f} long, not {length:.1f}"
            )
    torso = {t.bone: t for t in skeleton.tubes if t.chain == "torso"}
    earlier: dict[str, list[Tube]] = {}
    for tube in skeleton.tubes:
        before = earlier.setdefault(tube.chain, [])
        if before:
            if all(_distance_to_axis(tube.start, t) > 0.01 for t in before):
                found.append(f"{tube.bone} is detached from the rest of its limb")
        elif tube.chain in _PARENT_TUBE:
            parent = torso[_PARENT_TUBE[tube.chain]]
            if not _inside(tube.start, parent, ATTACH_TOLERANCE):
                found.append(f"{tube.bone} is detached from the {parent.bone}")
        elif math.dist(tube.start, skeleton.points["pelvis"]) > 0.01:
            found.append(f"{tube.bone} is detached from the pelvis")
        before.append(tube)
    neck = next(t for t in skeleton.tubes if t.chain == "head")
    if math.dist(neck.end, skeleton.head) > skeleton.head_radius:
        found.append("the head is detached from the neck")
    return found


def _spheres(skeleton: Skeleton) -> list[tuple[str, Vec, Tube | None]]:
    out: list[tuple[str, Vec, Tube | None]] = [
        (t.bone, p, t) for t in skeleton.tubes for p in samples(t)
    ]
    out.append(("head", skeleton.head, None))
    return out


def _reach(skeleton: Skeleton, tube: Tube | None, direction: Vec) -> float:
    return skeleton.head_radius if tube is None else tube.reach(direction)


def _gap(skeleton: Skeleton, point: Vec, tube: Tube | None, box: Box) -> float:
    """The clearance between the body's surface around `point` and a box (negative: inside)."""
    nearest, inside = box.nearest(point)
    if inside:
        return -_reach(skeleton, tube, (0.0, -1.0, 0.0)) - 1.0
    return math.dist(point, nearest) - _reach(skeleton, tube, _unit(point, nearest))


def contact_problems(skeleton: Skeleton, props: list[Box]) -> list[str]:
    """The body below the floor, inside a prop, or hovering above everything."""
    below: dict[str, float] = {}
    inside: dict[str, tuple[float, str]] = {}
    lowest_gap = math.inf
    down: Vec = (0.0, -1.0, 0.0)
    for bone, point, tube in _spheres(skeleton):
        above_floor = point[1] - _reach(skeleton, tube, down)
        lowest_gap = min(lowest_gap, above_floor)
        if above_floor < -TOLERANCE:
            below[bone] = min(below.get(bone, 0.0), above_floor)
        for box in props:
            gap = _gap(skeleton, point, tube, box)
            lowest_gap = min(lowest_gap, gap)
            if gap < -TOLERANCE and gap < inside.get(bone, (0.0, ""))[0]:
                inside[bone] = (gap, box.prop if box.part == box.prop else f"{box.prop} {box.part}")
    found = [f"{bone} is {-gap:.1f} below the floor" for bone, gap in below.items()]
    found += [f"{bone} passes {-gap:.1f} into the {what}" for bone, (gap, what) in inside.items()]
    if lowest_gap > FLOAT_TOLERANCE:
        found.append(f"the body floats {lowest_gap:.1f} above the floor and every prop")
    return found


def touch_gap(skeleton: Skeleton, props: list[Box], name: str) -> float:
    """How far the body's surface near a named point is from the nearest support below or
    beside it (the floor or any prop): the part of each tube through the point within
    `NEAR_POINT` of it counts, so "pelvis" includes the buttocks."""
    point = skeleton.points[name]
    near: list[tuple[Vec, Tube | None]] = [
        (p, t)
        for t in skeleton.tubes
        if _distance_to_axis(point, t) < 0.01
        for p in samples(t, 0.5)
        if math.dist(p, point) <= NEAR_POINT
    ] or [(point, None)]
    down: Vec = (0.0, -1.0, 0.0)
    return min(
        min([p[1] - _reach(skeleton, t, down)] + [_gap(skeleton, p, t, b) for b in props])
        for p, t in near
    )


def touch_problems(skeleton: Skeleton, props: list[Box], touch: tuple[str, ...]) -> list[str]:
    """Points the pose says rest on something, but which hang in the air."""
    found = []
    for name in touch:
        gap = touch_gap(skeleton, props, name)
        if gap > FLOAT_TOLERANCE:
            found.append(f"{name} should rest on something but is {gap:.1f} above it")
    return found


def panel_problems(panel: Panel, which: str) -> list[str]:
    """Anything drawn beyond the sides of its panel (the panel's height follows what is drawn;
    nothing can go below the floor, which `contact_problems` checks in three dimensions)."""
    left, _, right, _ = panel.extent()
    if left < -PANEL_HALF_WIDTH or right > PANEL_HALF_WIDTH:
        return [f"the {which} panel spills over its sides ({left:.0f} to {right:.0f})"]
    return []


def caption_problems(figure: Figure) -> list[str]:
    """Captions too long to fit their panel in two lines, even at the smallest size."""
    plan = layout(figure)
    return [
        f"the {which} caption is too long to fit: {pose.caption!r}"
        for which, pose in (("start", figure.start), ("end", figure.end))
        if not caption_fits(pose.caption, plan.caption_size, plan.panel_width)
    ]


def figure_problems(figure: Figure) -> list[str]:
    """Every problem with one figure's poses, props, arrows and captions."""
    found: list[str] = caption_problems(figure)
    start, end = panels(figure)
    props = boxes(figure)
    for which, pose, panel in (("start", figure.start, start), ("end", figure.end, end)):
        found += [f"{which}: {p}" for p in check_angles(dict(pose.angles))]
        found += [f"{which}: {p}" for p in attachment_problems(panel.skeleton)]
        found += [f"{which}: {p}" for p in contact_problems(panel.skeleton, props)]
        found += [f"{which}: {p}" for p in touch_problems(panel.skeleton, props, pose.touch)]
        found += panel_problems(panel, which)
    moved = max(
        math.dist(start.skeleton.points[name], end.skeleton.points[name])
        for name in start.skeleton.points
    )
    if moved < LEAST_MOVEMENT:
        found.append(f"the end pose hardly differs from the start ({moved:.1f})")
    return found


def problems(exercise_id: str) -> list[str]:
    """Every problem with an exercise's declared poses; [] when the figure is sound.

    Raises:
        KeyError: no poses are declared for `exercise_id`.
    """
    return figure_problems(figures()[exercise_id])
