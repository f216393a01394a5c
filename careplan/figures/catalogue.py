"""Read the exercise poses (`careplan/content/poses.toml`) into typed, checked data."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from careplan import messages, words
from careplan.errors import PosesError
from careplan.figures.model import BONE_NAMES, POINT_NAMES, SIDES, Angles

POSES_NAME = "poses.toml"
#: The poses: geometry only; the figures' names and captions are in content/<language>/poses.toml.
POSES_FILE = Path(__file__).resolve().parent.parent / "content" / POSES_NAME

PROP_KINDS = ("mat", "chair", "wall", "worktop", "pillow")
ARROW_KINDS = ("follow", "arc", "line")


@dataclass(frozen=True)
class Placement:
    """Where a pose stands: the named point `point` goes to (x, y, z). With y None the body is
    set down so that its lowest part rests on the floor (or on the mat when there is one);
    with z None the pelvis stays in the middle of the scene's depth."""

    point: str = "pelvis"
    x: float = 0.0
    y: float | None = None
    z: float | None = None


@dataclass(frozen=True)
class Pose:
    """One panel's body: joint angles plus where and which way up the body is."""

    caption: str
    angles: Mapping[str, Angles]
    turn: float = 0.0
    lean: float = 0.0
    tilt: float = 0.0
    roll: float = 0.0
    place: Placement = field(default_factory=Placement)
    touch: tuple[str, ...] = ()
    """Named points that rest on the floor, the mat or a prop (checked, not enforced)."""


@dataclass(frozen=True)
class Prop:
    """Something the body lies on, sits on or leans against.

    `x` is the edge the body meets: the mat's centre, the front edge of a seat, the face of a
    wall or worktop; `turn` turns it about the vertical like a body (0: a chair faces the right
    of the picture, 180: a wall's face looks left, 90: towards the viewer).
    """

    kind: str
    x: float = 0.0
    z: float = 0.0
    turn: float = 0.0
    length: float = 0.0
    """The mat's length, the wall's height or the height of a chair's back above the floor;
    0 for the usual size."""


@dataclass(frozen=True)
class Arrow:
    """The movement arrow, in picture units (x right, y up), in the end panel unless said.

    - `follow`: from where `point` is in the start pose to where it is in the end pose;
      curved around `around` when given, pushed `offset` further out (or sideways when
      straight), and lengthened to at least `least` units.
    - `arc`: around `point` at `radius` from angle `start` to `end` (degrees, 0 right, 90 up),
      squashed vertically by `squash` (an ellipse for turns about an upright axis).
    - `line`: from `point` + `start_at` to `point` + `end_at`.
    """

    kind: str
    point: str
    around: str | None = None
    offset: float = 0.0
    least: float = 0.0
    radius: float = 0.0
    start: float = 0.0
    end: float = 0.0
    squash: float = 1.0
    start_at: tuple[float, float] = (0.0, 0.0)
    end_at: tuple[float, float] = (0.0, 0.0)
    shift: tuple[float, float] = (0.0, 0.0)
    both: bool = False
    panel: str = "end"


@dataclass(frozen=True)
class Figure:
    """One exercise's drawing: two poses, the props around them, the camera and the arrows."""

    id: str
    name: str
    start: Pose
    end: Pose
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    elevation: float = 0.0
    """How far the camera looks down on the scene, in degrees (0: a true side view)."""
    azimuth: float = 0.0
    """How far the camera walks round the scene about the vertical, in degrees."""
    ghost: bool = True
    """Whether the end panel shows the start pose faintly behind the end pose."""


_POSE_KEYS = {"caption", "turn", "lean", "tilt", "roll", "at", "touch"}
_FIGURE_KEYS = {"name", "start", "end", "props", "arrows", "elevation", "azimuth", "ghost"}


def _number(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PosesError(messages.at(where, messages.got("a number", value)))
    return float(value)


def _flag(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise PosesError(messages.at(where, messages.got(messages.TRUE_OR_FALSE, value)))
    return value


def _pair(where: str, value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise PosesError(messages.at(where, messages.got("[x, y]", value)))
    return (_number(where, value[0]), _number(where, value[1]))


def _angles(where: str, value: Any) -> Angles:
    """A joint's angles: a number (flexion only) or [flexion, abduction, twist]."""
    if isinstance(value, list):
        if not 1 <= len(value) <= 3:
            raise PosesError(messages.at(where, messages.got("[flexion, abduction, twist]", value)))
        numbers = [_number(where, v) for v in value] + [0.0] * (3 - len(value))
        return (numbers[0], numbers[1], numbers[2])
    return (_number(where, value), 0.0, 0.0)


def _known(where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise PosesError(messages.at(where, messages.unknown_names(", ".join(unknown))))


def _pose(where: str, table: Any) -> Pose:
    if not isinstance(table, dict):
        raise PosesError(messages.at(where, messages.EXPECTED_A_TABLE))
    angles: dict[str, Angles] = {}
    for key, value in table.items():
        if key in _POSE_KEYS:
            continue
        # "knee" poses both knees; "knee_r" / "knee_l" one side, and wins over "knee".
        names = [f"{key}_{s}" for s in SIDES] if f"{key}_r" in BONE_NAMES else [key]
        if not all(n in BONE_NAMES for n in names):
            raise PosesError(messages.at(where, messages.unknown("joint", key)))
        for name in names:
            if name == key or name not in table:
                angles[name] = _angles(f"{where}.{key}", value)
    at = table.get("at", {})
    if not isinstance(at, dict):
        raise PosesError(messages.at(f"{where}.at", messages.EXPECTED_A_TABLE))
    _known(f"{where}.at", at, {"point", "x", "y", "z"})
    point = at.get("point", "pelvis")
    if point not in POINT_NAMES:
        raise PosesError(messages.at(f"{where}.at", messages.unknown("point", point)))
    place = Placement(
        point=point,
        x=_number(f"{where}.at.x", at.get("x", 0)),
        y=None if "y" not in at else _number(f"{where}.at.y", at["y"]),
        z=None if "z" not in at else _number(f"{where}.at.z", at["z"]),
    )
    caption = table.get("caption", "")
    if not isinstance(caption, str):
        raise PosesError(messages.at(f"{where}.caption", messages.EXPECTED_TEXT))
    touch = table.get("touch", [])
    if not isinstance(touch, list) or not all(t in POINT_NAMES for t in touch):
        raise PosesError(
            messages.at(f"{where}.touch", messages.got(messages.A_LIST_OF_POINT_NAMES, touch))
        )
    return Pose(
        caption=caption,
        angles=angles,
        turn=_number(f"{where}.turn", table.get("turn", 0)),
        lean=_number(f"{where}.lean", table.get("lean", 0)),
        tilt=_number(f"{where}.tilt", table.get("tilt", 0)),
        roll=_number(f"{where}.roll", table.get("roll", 0)),
        place=place,
        touch=tuple(touch),
    )


def _prop(where: str, table: Any) -> Prop:
    if not isinstance(table, dict):
        raise PosesError(messages.at(where, messages.EXPECTED_A_TABLE))
    _known(where, table, {"kind", "x", "z", "turn", "length"})
    kind = table.get("kind")
    if kind not in PROP_KINDS:
        raise PosesError(messages.at(where, messages.kind_must_be(", ".join(PROP_KINDS))))
    return Prop(
        kind=kind,
        x=_number(f"{where}.x", table.get("x", 0)),
        z=_number(f"{where}.z", table.get("z", 0)),
        turn=_number(f"{where}.turn", table.get("turn", 0)),
        length=_number(f"{where}.length", table.get("length", 0)),
    )


def _arrow(where: str, table: Any) -> Arrow:
    if not isinstance(table, dict):
        raise PosesError(messages.at(where, messages.EXPECTED_A_TABLE))
    numbers = {"offset", "least", "radius", "start", "end", "squash"}
    pairs = {"start_at", "end_at", "shift"}
    _known(where, table, {"kind", "point", "around", "both", "panel"} | numbers | pairs)
    kind, point, around = table.get("kind"), table.get("point"), table.get("around")
    if kind not in ARROW_KINDS:
        raise PosesError(messages.at(where, messages.kind_must_be(", ".join(ARROW_KINDS))))
    for name in (point, around):
        if name is not None and name not in POINT_NAMES:
            raise PosesError(messages.at(where, messages.unknown("point", name)))
    if point is None:
        raise PosesError(messages.at(where, messages.needs("a point")))
    if table.get("panel", "end") not in ("start", "end"):
        raise PosesError(messages.at(f"{where}.panel", messages.START_OR_END))
    values: dict[str, Any] = {k: _number(f"{where}.{k}", table[k]) for k in numbers & set(table)}
    values |= {k: _pair(f"{where}.{k}", table[k]) for k in pairs & set(table)}
    return Arrow(
        kind=kind,
        point=point,
        around=around,
        both=bool(table.get("both", False)),
        panel=table.get("panel", "end"),
        **values,
    )


def parse(data: Mapping[str, Any]) -> dict[str, Figure]:
    """Turn the parsed TOML into figures, refusing anything the model does not know."""
    figures = {}
    for exercise_id, table in data.items():
        if not isinstance(table, dict):
            raise PosesError(messages.at(exercise_id, messages.EXPECTED_A_TABLE))
        _known(exercise_id, table, _FIGURE_KEYS)
        for needed in ("name", "start", "end"):
            if needed not in table:
                raise PosesError(messages.at(exercise_id, messages.needs(needed)))
        figures[exercise_id] = Figure(
            id=exercise_id,
            name=str(table["name"]),
            start=_pose(f"{exercise_id}.start", table["start"]),
            end=_pose(f"{exercise_id}.end", table["end"]),
            props=tuple(
                _prop(f"{exercise_id}.props[{i}]", p) for i, p in enumerate(table.get("props", []))
            ),
            arrows=tuple(
                _arrow(f"{exercise_id}.arrows[{i}]", a)
                for i, a in enumerate(table.get("arrows", []))
            ),
            elevation=_number(f"{exercise_id}.elevation", table.get("elevation", 0)),
            azimuth=_number(f"{exercise_id}.azimuth", table.get("azimuth", 0)),
            ghost=_flag(f"{exercise_id}.ghost", table.get("ghost", True)),
        )
    return figures


@functools.cache
def figures(language: str = words.DEFAULT_LANGUAGE) -> Mapping[str, Figure]:
    """Every figure in the poses file, with its words in `language`, read once (and not to be
    changed)."""
    return MappingProxyType(parse(words.document(POSES_NAME, language)))
