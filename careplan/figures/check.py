"""Geometric checks of the declared poses: what a reader would see as a broken drawing.

A pose is broken when a joint is bent further than a body bends, a limb comes apart from the
body or passes through the trunk, the body sinks into the floor, the mat or a prop (or hovers
above them all), or the drawing spills out of its panel. A drawing also fails when it does not
show what its card says (`expect.toml`): the key joints hardly move, a hand is not on the
chair, a prop the card names is missing, the view hides the movement, or the arrow is away
from the joint that moves. `problems` lists them in words; it is empty for a good figure.
"""

from __future__ import annotations

import functools
import itertools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from careplan.errors import PosesError
from careplan.figures.catalogue import Figure, Pose, figures
from careplan.figures.drawing import Panel, panels
from careplan.figures.model import BONE_NAMES, BONES, POINT_NAMES, Skeleton, Tube, Vec, check_angles
from careplan.figures.scene import (
    PANEL_HALF_WIDTH,
    Box,
    Camera,
    boxes,
    camera,
    samples,
)
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


def touch_gap(
    skeleton: Skeleton,
    props: list[Box],
    name: str,
    floor_only: bool = False,
    without_floor: bool = False,
) -> float:
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

    def gaps(p: Vec, t: Tube | None) -> list[float]:
        floor = [] if without_floor else [p[1] - _reach(skeleton, t, down)]
        return floor + ([] if floor_only else [_gap(skeleton, p, t, b) for b in props])

    return min(min(gaps(p, t)) for p, t in near)


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
        found += [f"{which}: {p}" for p in crossing_problems(panel.skeleton)]
        found += panel_problems(panel, which)
    found += expectation_problems(figure)
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


# ---- what each drawing must show: careplan/figures/expect.toml -----------------------------

EXPECT_FILE = Path(__file__).resolve().parent / "expect.toml"
MOVEMENTS = {"flexion": 0, "abduction": 1, "twist": 2}
BODY_TURNS = ("lean", "turn", "tilt", "roll")
"""How the whole body is set down: `pelvis` in a change means the pose's lean."""
ARROW_NEAR = 16.0
"""How close, in picture units, an arrow must pass to the joint it shows moving."""
ARROW_CLEAR = 8.0
"""How far an arrow's shaft must stay from a point it must not cover (its drawn half width
and halo are about 3)."""
CROSSING = 1.6
"""How far inside the trunk's surface a limb's axis may go: a limb resting on the trunk keeps
its axis outside it; one whose axis is inside passes through the body."""
ROOT_FREE = 5.0
"""How much of a limb next to its root joint may overlap the trunk: the shoulder and hip
joints sit inside it."""
NEAR_BODY = 9.0
"""How far apart two points may be and still read as one on the other (a hand on a
shoulder: the hand's and the shoulder's thickness are about 6 together)."""
SUPPORTS = ("floor", "mat", "chair", "wall", "worktop", "pillow")


@dataclass(frozen=True)
class Expect:
    """What one exercise's drawing must show, taken from the words of its card.

    - `props`: the props the card names, which must be drawn;
    - `change`: joint (or `pelvis`, the whole body's lean) -> the least number of degrees
      it must move between the panels; `"joint.movement"` for abduction or twist;
    - `on`, `start_on`, `end_on`: named point -> the prop (or the floor) it rests on, in
      both panels or in one;
    - `arrow_at`: the joint the movement happens at: an arrow passes near it;
    - `facing`: the least and most angle (degrees) between the way the chest faces and
      the way to the viewer, seen from above: 0 a front view, 90 a side view, 180 a back
      view.
    """

    props: tuple[str, ...] = ()
    change: tuple[tuple[str, float], ...] = ()
    on: tuple[tuple[str, str, str], ...] = ()
    """(panel, point, support): panel is start, end or both."""
    arrow_at: tuple[str, ...] = ()
    arrow_clear: tuple[str, ...] = ()
    facing: tuple[float, float] | None = None
    bent: tuple[tuple[str, float], ...] = ()
    off: tuple[tuple[str, str, float, float], ...] = ()
    """(panel, point, least, most): how far above its support the point is."""
    sag: tuple[tuple[str, float], ...] = ()
    """(panel, least): how far the waist sits below the line from the pelvis to the
    shoulders (a dipping back); a negative least asks for a back rounded up by that much."""
    chair_back: tuple[float, float] | None = None
    near: tuple[tuple[str, str, str], ...] = ()
    """(panel, point, point): two points together (a hand on a shoulder) in both panels
    or in one."""


def _range(where: str, value: Any) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise PosesError(f"{where}: expected [least, most], got {value!r}")
    return (float(value[0]), float(value[1]))


def _points(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(v in POINT_NAMES for v in value):
        raise PosesError(f"{where}: expected a list of point names, got {value!r}")
    return tuple(value)


def _expect(where: str, table: Any) -> Expect:
    if not isinstance(table, dict):
        raise PosesError(f"{where}: expected a table")
    known = {"props", "change", "on", "start_on", "end_on", "arrow_at", "arrow_clear", "facing"}
    known |= {"bent", "start_off", "end_off", "sag", "chair_back", "near", "end_near"}
    unknown = set(table) - known
    if unknown:
        raise PosesError(f"{where}: unknown {', '.join(sorted(unknown))}")
    props = tuple(table.get("props", []))
    if not all(p in SUPPORTS for p in props):
        raise PosesError(f"{where}.props: one of {', '.join(SUPPORTS)}")
    change = []
    for key, least in table.get("change", {}).items():
        joint, _, movement = key.partition(".")
        if (joint != "pelvis" and joint not in BONE_NAMES) or movement not in ("", *MOVEMENTS):
            raise PosesError(f"{where}.change: unknown joint or movement {key!r}")
        change.append((key, float(least)))
    on = []
    for panel, key in (("both", "on"), ("start", "start_on"), ("end", "end_on")):
        for point, support in table.get(key, {}).items():
            if point not in POINT_NAMES or support not in SUPPORTS:
                raise PosesError(f"{where}.{key}: {point!r} on {support!r}")
            on.append((panel, point, support))
    bent = []
    for joint, least in table.get("bent", {}).items():
        if joint not in BONE_NAMES:
            raise PosesError(f"{where}.bent: unknown joint {joint!r}")
        bent.append((joint, float(least)))
    off = []
    for panel in ("start", "end"):
        for point, span in table.get(f"{panel}_off", {}).items():
            if point not in POINT_NAMES:
                raise PosesError(f"{where}.{panel}_off: unknown point {point!r}")
            off.append((panel, point, *_range(f"{where}.{panel}_off.{point}", span)))
    sag = []
    for panel, least in table.get("sag", {}).items():
        if panel not in ("start", "end"):
            raise PosesError(f"{where}.sag: start or end, not {panel!r}")
        sag.append((panel, float(least)))
    facing = table.get("facing")
    chair_back = table.get("chair_back")
    near = []
    for panel, key in (("both", "near"), ("end", "end_near")):
        for one, other in table.get(key, {}).items():
            if one not in POINT_NAMES or other not in POINT_NAMES:
                raise PosesError(f"{where}.{key}: unknown point {one!r} or {other!r}")
            near.append((panel, one, other))
    return Expect(
        props=props,
        change=tuple(change),
        on=tuple(on),
        arrow_at=_points(f"{where}.arrow_at", table.get("arrow_at", [])),
        arrow_clear=_points(f"{where}.arrow_clear", table.get("arrow_clear", [])),
        facing=None if facing is None else _range(f"{where}.facing", facing),
        bent=tuple(bent),
        off=tuple(off),
        sag=tuple(sag),
        chair_back=None if chair_back is None else _range(f"{where}.chair_back", chair_back),
        near=tuple(near),
    )


@functools.cache
def expectations() -> Mapping[str, Expect]:
    """Every exercise's expectations, read once."""
    with EXPECT_FILE.open("rb") as f:
        data = tomllib.load(f)
    return MappingProxyType({k: _expect(k, v) for k, v in data.items()})


def _angle(pose: Pose, key: str) -> float:
    joint, _, movement = key.partition(".")
    if joint == "pelvis":
        return pose.lean
    return pose.angles.get(joint, (0.0, 0.0, 0.0))[MOVEMENTS.get(movement, 0)]


def change_problems(figure: Figure, expect: Expect) -> list[str]:
    """Key joints that hardly move between the panels."""
    found = []
    for key, least in expect.change:
        moved = abs(_angle(figure.end, key) - _angle(figure.start, key))
        if moved < least:
            found.append(f"{key} moves {moved:g} degrees between the panels, not {least:g} or more")
    return found


def support_gap(skeleton: Skeleton, props: list[Box], name: str, support: str) -> float:
    """How far the body near a named point is from one kind of support (the floor or a
    prop): see `touch_gap`."""
    if support == "floor":
        return touch_gap(skeleton, [], name, floor_only=True)
    chosen = [b for b in props if b.prop == support]
    if not chosen:
        return math.inf
    return touch_gap(skeleton, chosen, name, floor_only=False, without_floor=True)


def rest_problems(figure: Figure, expect: Expect) -> list[str]:
    """Points the card puts on a prop (a hand on the chair) that are not on it."""
    found = []
    props = boxes(figure)
    start, end = panels(figure)
    for panel, point, support in expect.on:
        for which, drawn in (("start", start), ("end", end)):
            if panel not in ("both", which):
                continue
            gap = support_gap(drawn.skeleton, props, point, support)
            if gap > FLOAT_TOLERANCE:
                where = "away" if math.isinf(gap) else f"{gap:.1f} away"
                found.append(f"{which}: {point} should be on the {support} but is {where}")
    return found


def facing_angle(skeleton: Skeleton, cam: Camera) -> float:
    """The angle, seen from above, between the way the chest faces and the way to the viewer."""
    p = skeleton.points
    right = [a - b for a, b in zip(p["shoulder_r"], p["shoulder_l"], strict=True)]
    up = [a - b for a, b in zip(p["shoulders"], p["pelvis"], strict=True)]
    forward = (
        up[1] * right[2] - up[2] * right[1],
        up[2] * right[0] - up[0] * right[2],
        up[0] * right[1] - up[1] * right[0],
    )
    _, _, towards = cam.axes
    a = math.degrees(math.atan2(forward[2], forward[0]))
    b = math.degrees(math.atan2(towards[2], towards[0]))
    return abs((a - b + 180.0) % 360.0 - 180.0)


def view_problems(figure: Figure, expect: Expect) -> list[str]:
    """A view other than the one that shows the movement best, or an arrow away from the
    joint that moves."""
    found = []
    start, end = panels(figure)
    cam = camera(figure)
    if expect.facing is not None:
        low, high = expect.facing
        for which, drawn in (("start", start), ("end", end)):
            angle = facing_angle(drawn.skeleton, cam)
            if not low <= angle <= high:
                found.append(
                    f"{which}: the chest faces {angle:.0f} degrees from the viewer, "
                    f"not {low:g} to {high:g}"
                )
    if expect.arrow_at:
        declared = {a.point for a in figure.arrows} | {a.around for a in figure.arrows}
        if not declared & set(expect.arrow_at):
            found.append(f"no arrow is at the {' or '.join(expect.arrow_at)}")
        near = min(
            (
                _path_distance(drawn, cam, name)
                for drawn in (start, end)
                for name in expect.arrow_at
            ),
            default=math.inf,
        )
        if near > ARROW_NEAR:
            found.append(f"the arrow is {near:.0f} from the {expect.arrow_at[0]}, not near it")
    for name in expect.arrow_clear:
        near = min(_path_distance(drawn, cam, name) for drawn in (start, end))
        if near < ARROW_CLEAR:
            found.append(f"the arrow covers the {name} ({near:.1f} from it)")
    return found


def _path_distance(drawn: Panel, cam: Camera, name: str) -> float:
    """How close the panel's arrows come to a named point of its body, in the picture."""
    at = cam.project(drawn.skeleton.points[name])
    return min(
        (
            _to_segment((at[0], at[1]), a, b)
            for _, path in drawn.arrows
            for a, b in itertools.pairwise(path)
        ),
        default=math.inf,
    )


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if not length2
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def crossing_problems(skeleton: Skeleton) -> list[str]:
    """Limbs that pass through the trunk, which no body can do (resting on it is fine)."""
    trunk = [t for t in skeleton.tubes if t.chain == "torso"]
    # the buttocks (the lumbar's second piece) wrap round the hip joints: a thigh starts in them
    spine = [t for t in trunk if not (t.bone == "lumbar" and t is not trunk[0])]
    found = []
    for tube in skeleton.tubes:
        if tube.chain not in ("arm_r", "arm_l", "leg_r", "leg_l"):
            continue
        root = skeleton.points[tube.chain.replace("arm", "shoulder").replace("leg", "hip")]
        deepest = 0.0
        for p in samples(tube, 1.0):
            if math.dist(p, root) < ROOT_FREE:
                continue
            for t in trunk if tube.chain.startswith("arm") else spine:
                nearest = _nearest_on_axis(p, t)
                d = math.dist(p, nearest)
                if d < 1e-9:
                    deepest = max(deepest, t.depth + tube.depth)
                    continue
                inside = t.reach(_unit(nearest, p)) - d
                deepest = max(deepest, inside)
        if deepest > CROSSING:
            found.append(f"{tube.bone} passes {deepest:.1f} through the trunk")
    return found


def shape_problems(figure: Figure, expect: Expect) -> list[str]:
    """Knees not bent, a foot not lifted (or lifted too far), a back that does not dip or
    round, a chair back that misses the shoulder blades."""
    found = []
    drawn = dict(zip(("start", "end"), panels(figure), strict=True))
    poses = {"start": figure.start, "end": figure.end}
    props = boxes(figure)
    for joint, least in expect.bent:
        for which, pose in poses.items():
            bend = pose.angles.get(joint, (0.0, 0.0, 0.0))[0]
            if bend < least:
                found.append(f"{which}: {joint} is bent {bend:g} degrees, not {least:g} or more")
    for which, point, least, most in expect.off:
        gap = touch_gap(drawn[which].skeleton, props, point)
        if not least <= gap <= most:
            found.append(
                f"{which}: {point} is {gap:.1f} above what it rests on, not {least:g} to {most:g}"
            )
    for which, least in expect.sag:
        dip = waist_sag(drawn[which].skeleton)
        if (least >= 0 and dip < least) or (least < 0 and dip > least):
            want = f"dip {least:g}" if least >= 0 else f"round up {-least:g}"
            found.append(f"{which}: the back sags {dip:.1f} at the waist; it should {want} or more")
    for panel, one, other in expect.near:
        for which in ("start", "end") if panel == "both" else (panel,):
            points = drawn[which].skeleton.points
            apart = math.dist(points[one], points[other])
            if apart > NEAR_BODY:
                found.append(f"{which}: {one} is {apart:.1f} from the {other}, not on it")
    if expect.chair_back is not None:
        tops = [max(c[1] for c in b.corners()) for b in props if b.part == "back"]
        low, high = expect.chair_back
        if not tops or not all(low <= top <= high for top in tops):
            found.append(f"the chair back should reach {low:g} to {high:g} up, not {tops}")
    return found


def waist_sag(skeleton: Skeleton) -> float:
    """How far the waist sits below the straight line from the pelvis to the shoulders, at
    its place along that line (negative: the back rounds up above the line)."""
    p = skeleton.points
    a, b, w = p["pelvis"], p["shoulders"], p["waist"]
    line = [y - x for x, y in zip(a, b, strict=True)]
    length2 = sum(v * v for v in line) or 1.0
    t = sum((y - x) * v for x, y, v in zip(a, w, line, strict=True)) / length2
    return a[1] + t * line[1] - w[1]


def expectation_problems(figure: Figure) -> list[str]:
    """Everything the drawing fails to show of what its card says (none when the exercise
    has no expectations)."""
    expect = expectations().get(figure.id)
    if expect is None:
        return []
    kinds = {p.kind for p in figure.props} | {"floor"}
    found = [f"the card names a {p}, which is not drawn" for p in expect.props if p not in kinds]
    found += change_problems(figure, expect)
    found += rest_problems(figure, expect)
    found += view_problems(figure, expect)
    found += shape_problems(figure, expect)
    return found
