"""The figure model: a body as bones with fixed proportions, posed by joint angles.

World coordinates are model units (a standing figure is about 98 tall): x to the right across
the picture, y up, z towards the viewer; the floor is y = 0. Every bone carries a frame whose
axes are the body's forward (f), up (u) and right (r) directions; at rest (standing, facing
the right of the picture) they are x, y and z, so the figure's right side is the near side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
"""A rotation as three rows; its columns are a frame's f, u and r axes in world terms."""

SIDES = ("r", "l")


def _rotation(axis: int, degrees: float) -> Mat:
    """A right-handed rotation about local axis 0 (f), 1 (u) or 2 (r)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == 0:
        return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))
    if axis == 1:
        return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def matmul(a: Mat, b: Mat) -> Mat:
    """The product a·b (b applied first, in a's frame)."""

    def row(i: int) -> Vec:
        return (
            a[i][0] * b[0][0] + a[i][1] * b[1][0] + a[i][2] * b[2][0],
            a[i][0] * b[0][1] + a[i][1] * b[1][1] + a[i][2] * b[2][1],
            a[i][0] * b[0][2] + a[i][1] * b[1][2] + a[i][2] * b[2][2],
        )

    return (row(0), row(1), row(2))


def apply(m: Mat, v: Vec) -> Vec:
    """The vector v, given in m's frame, in world terms."""
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    """a + b."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def column(m: Mat, i: int) -> Vec:
    """Axis i (0 forward, 1 up, 2 right) of the frame m, in world terms."""
    return (m[0][i], m[1][i], m[2][i])


def orientation(turn: float, lean: float, tilt: float = 0.0, roll: float = 0.0) -> Mat:
    """The body's frame from four turns, applied in this order.

    Args:
        turn: about the vertical; 0 faces the right of the picture, 90 faces the viewer.
        lean: about the body's right axis; 90 is face down, -90 lying on the back.
        tilt: about the body's forward axis; 90 is lying on the right side.
        roll: about the body's long axis; -90 turns a body lying on its back onto its right
            side, facing the viewer.
    """
    frame = matmul(_rotation(1, -turn), _rotation(2, -lean))
    return matmul(matmul(frame, _rotation(0, tilt)), _rotation(1, roll))


@dataclass(frozen=True)
class Limits:
    """The angles a joint can take, in degrees: (low, high) for each of its three movements."""

    flex: tuple[float, float]
    abduct: tuple[float, float] = (0.0, 0.0)
    twist: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Segment:
    """A drawn piece of a bone: a rounded tube from `start` to `end` (points in bone frame)."""

    start: Vec
    end: Vec
    depth: float
    """Half thickness front to back (along the bone's f axis)."""
    width: float
    """Half width side to side (along the bone's r axis); equal to depth for round limbs."""


@dataclass(frozen=True)
class Bone:
    """A rigid part of the body, turning at the joint where it meets its parent.

    The joint's three angles are, in order: flexion (forward bend of a spine bone, hip or
    shoulder; bend of knee or elbow; pointing the toes), abduction (a limb away from the body's
    midline, a spine bone bending to the right) and twist (a limb turning outwards, a spine
    bone turning to the right).
    """

    name: str
    parent: str | None
    """The bone it hangs from; None for the lumbar spine and the hips, which hang from the
    pelvis, the root whose place and way up the pose gives."""
    chain: str
    """The bones drawn as one outline: torso, head, leg_r, leg_l, arm_r, arm_l."""
    offset: Vec
    """Where the joint is, in the parent's frame, from the parent's joint."""
    signs: Vec
    """How flexion, abduction and twist map onto right-handed turns about the bone's r, f and
    u axes (+1, -1, or 0 for a movement the joint does not make)."""
    limits: Limits
    segments: tuple[Segment, ...]
    points: tuple[tuple[str, Vec], ...]
    """Named points on the bone, in its frame, for placing poses and aiming arrows."""
    head_radius: float = 0.0
    """Non-zero for the head: a circle of this radius around the bone's last point, with a
    nose on the side the bone faces."""


def _spine(
    name: str,
    parent: str | None,
    offset: Vec,
    length: float,
    segments: tuple[Segment, ...],
    tip: str,
    limits: Limits,
    extra: tuple[tuple[str, Vec], ...] = (),
) -> Bone:
    return Bone(
        name=name,
        parent=parent,
        chain="torso",
        offset=offset,
        signs=(-1.0, 1.0, -1.0),
        limits=limits,
        segments=segments,
        points=((tip, (0.0, length, 0.0)), *extra),
    )


_THIGH, _SHIN, _UPPER_ARM, _FOREARM = 24.0, 24.0, 15.5, 13.5
_HIP_SPREAD, _SHOULDER_SPREAD = 5.0, 9.5


def _bones() -> tuple[Bone, ...]:
    bones = [
        _spine(
            "lumbar",
            None,
            (0.0, 0.0, 0.0),
            12.0,
            (
                Segment((0.0, 0.0, 0.0), (0.0, 12.0, 0.0), 6.2, 7.5),
                # the buttocks: a bulge behind and below the hip joints
                Segment((0.0, 0.0, 0.0), (-0.9, -0.8, 0.0), 6.4, 8.0),
            ),
            "waist",
            Limits((-30.0, 45.0), (-25.0, 25.0), (-20.0, 20.0)),
            (("low_back", (0.0, 6.0, 0.0)),),
        ),
        _spine(
            "thorax",
            "lumbar",
            (0.0, 12.0, 0.0),
            16.0,
            (Segment((0.0, 0.0, 0.0), (0.0, 11.5, 0.0), 7.0, 9.0),),
            "shoulders",
            Limits((-30.0, 50.0), (-25.0, 25.0), (-45.0, 45.0)),
            (("chest", (0.0, 8.0, 0.0)),),
        ),
        Bone(
            name="neck",
            parent="thorax",
            chain="head",
            offset=(0.0, 16.0, 0.0),
            signs=(-1.0, 1.0, -1.0),
            limits=Limits((-45.0, 60.0), (-30.0, 30.0), (-70.0, 70.0)),
            segments=(Segment((0.0, -3.0, 0.0), (0.4, 5.0, 0.0), 2.8, 2.8),),
            points=(("neck", (0.0, 0.0, 0.0)), ("head", (0.2, 9.8, 0.0))),
            head_radius=6.4,
        ),
    ]
    for side in SIDES:
        out = 1.0 if side == "r" else -1.0  # outwards is +r for the right side
        bones += [
            Bone(
                name=f"hip_{side}",
                parent=None,
                chain=f"leg_{side}",
                offset=(0.0, 0.0, out * _HIP_SPREAD),
                signs=(1.0, -out, -out),
                limits=Limits((-35.0, 135.0), (-30.0, 60.0), (-40.0, 60.0)),
                segments=(Segment((0.0, 0.0, 0.0), (0.0, -_THIGH, 0.0), 4.7, 4.7),),
                points=((f"hip_{side}", (0.0, 0.0, 0.0)),),
            ),
            Bone(
                name=f"knee_{side}",
                parent=f"hip_{side}",
                chain=f"leg_{side}",
                offset=(0.0, -_THIGH, 0.0),
                signs=(-1.0, 0.0, 0.0),
                limits=Limits((0.0, 160.0)),
                segments=(Segment((0.0, 0.0, 0.0), (0.0, -_SHIN, 0.0), 3.7, 3.7),),
                points=((f"knee_{side}", (0.0, 0.0, 0.0)),),
            ),
            Bone(
                name=f"ankle_{side}",
                parent=f"knee_{side}",
                chain=f"leg_{side}",
                offset=(0.0, -_SHIN, 0.0),
                signs=(-1.0, 0.0, 0.0),
                limits=Limits((-30.0, 80.0)),
                segments=(
                    Segment((0.0, 0.0, 0.0), (-1.2, -2.4, 0.0), 2.4, 2.4),
                    Segment((-1.2, -2.4, 0.0), (7.4, -2.4, 0.0), 2.1, 2.1),
                ),
                points=(
                    (f"ankle_{side}", (0.0, 0.0, 0.0)),
                    (f"heel_{side}", (-1.2, -2.4, 0.0)),
                    (f"toe_{side}", (7.4, -2.4, 0.0)),
                ),
            ),
            Bone(
                name=f"shoulder_{side}",
                parent="thorax",
                chain=f"arm_{side}",
                offset=(0.0, 13.5, out * _SHOULDER_SPREAD),
                signs=(1.0, -out, out),
                limits=Limits((-60.0, 180.0), (-40.0, 180.0), (-90.0, 90.0)),
                segments=(Segment((0.0, 0.0, 0.0), (0.0, -_UPPER_ARM, 0.0), 3.3, 3.3),),
                points=((f"shoulder_{side}", (0.0, 0.0, 0.0)),),
            ),
            Bone(
                name=f"elbow_{side}",
                parent=f"shoulder_{side}",
                chain=f"arm_{side}",
                offset=(0.0, -_UPPER_ARM, 0.0),
                signs=(1.0, 0.0, 0.0),
                limits=Limits((0.0, 155.0)),
                segments=(Segment((0.0, 0.0, 0.0), (0.0, -_FOREARM, 0.0), 2.8, 2.8),),
                points=((f"elbow_{side}", (0.0, 0.0, 0.0)),),
            ),
            Bone(
                name=f"wrist_{side}",
                parent=f"elbow_{side}",
                chain=f"arm_{side}",
                offset=(0.0, -_FOREARM, 0.0),
                signs=(1.0, 0.0, 0.0),
                limits=Limits((-100.0, 80.0)),
                segments=(Segment((0.0, 0.0, 0.0), (0.0, -5.0, 0.0), 2.4, 2.4),),
                points=((f"wrist_{side}", (0.0, 0.0, 0.0)), (f"hand_{side}", (0.0, -5.0, 0.0))),
            ),
        ]
    return tuple(bones)


BONES: tuple[Bone, ...] = _bones()
BONE_NAMES: frozenset[str] = frozenset(b.name for b in BONES)
POINT_NAMES: frozenset[str] = frozenset({"pelvis"} | {name for b in BONES for name, _ in b.points})
"""Every named point a pose can be placed by or an arrow can follow."""

Angles = tuple[float, float, float]


def _joint_rotation(bone: Bone, angles: Angles) -> Mat:
    """The bone's turn at its joint: flexion, then abduction, then twist, each about the
    axis as it stands after the turns before it."""
    flex, abduct, twist = bone.signs
    rot = _rotation(2, flex * angles[0])
    rot = matmul(rot, _rotation(0, abduct * angles[1]))
    return matmul(rot, _rotation(1, twist * angles[2]))


@dataclass(frozen=True)
class Tube:
    """A drawn segment in world terms: a tube whose cross-section is an ellipse."""

    bone: str
    chain: str
    start: Vec
    end: Vec
    depth: float
    width: float
    forward: Vec
    """The bone's forward axis: the direction of `depth`."""
    right: Vec
    """The bone's right axis: the direction of `width`."""

    def reach(self, direction: Vec) -> float:
        """How far the surface reaches beyond the axis along a unit direction.

        The tube is its axis swept by an ellipsoid: `depth` along the bone's forward and long
        axes, `width` along its right axis, so its ends are rounded like a drawn stroke's.
        """
        f = sum(a * b for a, b in zip(self.forward, direction, strict=True))
        r = sum(a * b for a, b in zip(self.right, direction, strict=True))
        along = math.sqrt(max(0.0, 1.0 - f * f - r * r))
        return math.sqrt((self.depth * f) ** 2 + (self.width * r) ** 2 + (self.depth * along) ** 2)


@dataclass(frozen=True)
class Skeleton:
    """A posed body in world terms: named points, the tubes drawn and the head."""

    points: dict[str, Vec]
    tubes: tuple[Tube, ...]
    head: Vec
    head_radius: float
    nose: tuple[Vec, Vec]
    """A short stub on the face, so that which way the head looks can be seen."""

    def moved(self, by: Vec) -> Skeleton:
        """The same skeleton shifted by a vector."""
        return Skeleton(
            points={k: add(v, by) for k, v in self.points.items()},
            tubes=tuple(replace(t, start=add(t.start, by), end=add(t.end, by)) for t in self.tubes),
            head=add(self.head, by),
            head_radius=self.head_radius,
            nose=(add(self.nose[0], by), add(self.nose[1], by)),
        )


def build(
    angles: dict[str, Angles], turn: float, lean: float, tilt: float, roll: float
) -> Skeleton:
    """Pose the body with the pelvis at the origin.

    Args:
        angles: each bone's (flexion, abduction, twist); bones left out stay at rest.
        turn: see `orientation`.
        lean: see `orientation`.
        tilt: see `orientation`.
        roll: see `orientation`.
    """
    root = orientation(turn, lean, tilt, roll)
    frames: dict[str, Mat] = {}
    origins: dict[str, Vec] = {}
    points: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    tubes: list[Tube] = []
    head: Vec = (0.0, 0.0, 0.0)
    head_radius = 0.0
    nose: tuple[Vec, Vec] = (head, head)
    for bone in BONES:
        parent_frame = root if bone.parent is None else frames[bone.parent]
        parent_origin = points["pelvis"] if bone.parent is None else origins[bone.parent]
        origin = add(parent_origin, apply(parent_frame, bone.offset))
        frame = matmul(parent_frame, _joint_rotation(bone, angles.get(bone.name, (0.0, 0.0, 0.0))))
        frames[bone.name], origins[bone.name] = frame, origin
        for name, where in bone.points:
            points[name] = add(origin, apply(frame, where))
        for seg in bone.segments:
            tubes.append(
                Tube(
                    bone=bone.name,
                    chain=bone.chain,
                    start=add(origin, apply(frame, seg.start)),
                    end=add(origin, apply(frame, seg.end)),
                    depth=seg.depth,
                    width=seg.width,
                    forward=column(frame, 0),
                    right=column(frame, 2),
                )
            )
        if bone.head_radius:
            head, head_radius = points[bone.points[-1][0]], bone.head_radius
            nose = (
                add(head, apply(frame, (head_radius - 2.0, -0.8, 0.0))),
                add(head, apply(frame, (head_radius - 0.4, -0.8, 0.0))),
            )
    return Skeleton(points, tuple(tubes), head, head_radius, nose)


def check_angles(angles: dict[str, Angles]) -> list[str]:
    """Every angle outside what its joint can do, in words."""
    found = []
    kinds = ("flexion", "abduction", "twist")
    for bone in BONES:
        values = angles.get(bone.name)
        if values is None:
            continue
        ranges = (bone.limits.flex, bone.limits.abduct, bone.limits.twist)
        for kind, value, (low, high) in zip(kinds, values, ranges, strict=True):
            if not low <= value <= high:
                found.append(f"{bone.name} {kind} {value:g} is outside {low:g}..{high:g}")
    return found
