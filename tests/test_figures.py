"""The exercise figures: every exercise drawn, safe to inline, and geometrically sound."""

from __future__ import annotations

import dataclasses
import logging
import math
import random
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan.errors import PosesError
from careplan.figures import figure_ids, figure_svg
from careplan.figures.catalogue import (
    POSES_FILE,
    Arrow,
    Figure,
    Placement,
    figures,
    parse,
)
from careplan.figures.check import (
    EXPECT_FILE,
    _expect,
    attachment_problems,
    contact_problems,
    crossing_problems,
    expectation_problems,
    expectations,
    figure_problems,
    problems,
)
from careplan.figures.model import BONES, Tube, add, build, check_angles
from careplan.figures.scene import boxes, posed
from careplan.figures.svg import ARROW, GHOST, NARROWEST, WIDEST, layout, render
from tests.exercise_ids import CATALOGUE_IDS

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"

FORBIDDEN_ELEMENTS = {"foreignObject", "filter", "marker", "image", "use", "script", "style", "a"}


def _element(exercise_id: str) -> ET.Element:
    return ET.fromstring(figure_svg(exercise_id))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_every_exercise_has_a_figure() -> None:
    assert set(CATALOGUE_IDS) <= set(figure_ids())


def test_every_exercise_in_the_content_catalogue_has_a_figure() -> None:
    catalogue = ROOT / "careplan" / "content" / "exercises.toml"
    exercises = tomllib.loads(catalogue.read_text(encoding="utf-8")).get("exercises", {})
    assert set(exercises) <= set(figure_ids())


def test_figure_ids_match_the_poses_file() -> None:
    declared = tomllib.loads(POSES_FILE.read_text(encoding="utf-8"))
    assert figure_ids() == tuple(declared)


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_an_accessible_svg(exercise_id: str) -> None:
    svg = _element(exercise_id)
    assert svg.tag == f"{SVG}svg"
    box = [float(v) for v in svg.attrib["viewBox"].split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0
    # No size of its own: the stylesheet sizes it (careplan/render/pdf.py, layout).
    assert "width" not in svg.attrib and "height" not in svg.attrib
    assert svg.attrib["class"] == "exercise-figure"
    assert svg.attrib["role"] == "img"
    label = svg.attrib["aria-label"]
    assert label == f"{figures()[exercise_id].name}: start and end positions"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == label


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_safe_to_inline_many_times(exercise_id: str) -> None:
    text = figure_svg(exercise_id)
    for element in _element(exercise_id).iter():
        assert _local(element.tag) not in FORBIDDEN_ELEMENTS
        assert "id" not in element.attrib, "ids would clash between figures on one page"
        for name, value in element.attrib.items():
            assert "href" not in name
            assert "url(" not in value
    assert not re.search(r"\d\.\d\d", text), "coordinates are rounded to one decimal"
    assert len(text.encode()) < 12_000


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_shows_two_captioned_panels_and_an_arrow(exercise_id: str) -> None:
    figure = figures()[exercise_id]
    assert figure.start.caption and figure.end.caption
    assert figure.arrows, "every figure shows the movement with an arrow"
    texts = [" ".join(e.itertext()) for e in _element(exercise_id).iter(f"{SVG}text")]
    assert figure.start.caption in texts and figure.end.caption in texts


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_declared_poses_are_geometrically_sound(exercise_id: str) -> None:
    figure = figures()[exercise_id]
    assert figure.start.touch and figure.end.touch, "each pose says what the body rests on"
    assert problems(exercise_id) == []


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_deterministic(exercise_id: str) -> None:
    figure = figures()[exercise_id]
    assert render(figure, "en") == render(figure, "en") == figure_svg(exercise_id)


def test_unknown_exercise_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        figure_svg("no-such-exercise")
    with pytest.raises(KeyError):
        problems("no-such-exercise")


def test_figures_do_not_import_the_renderer_or_the_questionnaire() -> None:
    code = (
        "import sys, careplan.figures as f; f.figure_svg('walking'); "
        "print(sorted(m for m in ('weasyprint', 'jinja2', 'questionary') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_weasyprint_draws_every_figure_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    page = "".join(f"<div style='width: 80mm'>{figure_svg(i)}</div>" for i in figure_ids())
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(string=f"<html><body>{page}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


# ---- the check catches broken poses ------------------------------------------------------


def _with_pose(figure: Figure, which: str, **changes: object) -> Figure:
    pose = dataclasses.replace(getattr(figure, which), **changes)
    return dataclasses.replace(figure, **{which: pose})


def _placed(figure: Figure, which: str, **changes: object) -> Figure:
    place = dataclasses.replace(getattr(figure, which).place, **changes)
    return _with_pose(figure, which, place=place)


def test_check_catches_a_body_below_the_floor() -> None:
    figure = figures()["walking"]
    broken = _placed(figure, "start", point="pelvis", y=40.0)
    assert any("below the floor" in p for p in figure_problems(broken))


def test_check_catches_a_body_sunk_into_the_mat() -> None:
    figure = figures()["pelvic-tilt"]
    broken = _placed(figure, "end", point="pelvis", y=5.0)
    assert any("into the mat" in p for p in figure_problems(broken))


def test_check_catches_a_body_through_the_chair_seat() -> None:
    figure = figures()["knee-to-chest-seated"]
    broken = _placed(figure, "start", y=24.0)
    assert any("into the chair seat" in p for p in figure_problems(broken))


def test_check_catches_a_floating_body() -> None:
    figure = figures()["walking"]
    broken = _placed(figure, "end", point="pelvis", y=70.0)
    assert any("floats" in p for p in figure_problems(broken))


def test_check_catches_a_resting_point_in_the_air() -> None:
    figure = figures()["cat-cow"]
    angles = dict(figure.start.angles) | {"shoulder_r": (40.0, 0.0, 0.0)}
    broken = _with_pose(figure, "start", angles=angles)
    assert any("hand_r should rest on something" in p for p in figure_problems(broken))


def test_check_catches_an_impossible_joint_angle() -> None:
    figure = figures()["knee-to-chest"]
    angles = dict(figure.end.angles) | {"knee_r": (200.0, 0.0, 0.0)}
    broken = _with_pose(figure, "end", angles=angles)
    assert "end: knee_r flexion 200 is outside 0..160" in figure_problems(broken)


def test_check_catches_a_pose_outside_its_panel() -> None:
    figure = figures()["bird-dog"]
    broken = _placed(figure, "end", x=40.0)
    assert any("spills over its sides" in p for p in figure_problems(broken))


def test_check_catches_poses_that_look_the_same() -> None:
    figure = figures()["hip-bridge"]
    broken = dataclasses.replace(figure, end=figure.start)
    assert any("hardly differs" in p for p in figure_problems(broken))


def test_check_catches_a_caption_too_long_for_its_panel() -> None:
    figure = figures()["plank"]
    words = "Lie face down on the mat with your forearms flat and your elbows under your shoulders"
    broken = _with_pose(figure, "start", caption=words)
    assert any("caption is too long" in p for p in figure_problems(broken))


def _moved(tube: Tube, by: tuple[float, float, float]) -> Tube:
    return dataclasses.replace(tube, start=add(tube.start, by), end=add(tube.end, by))


def test_check_catches_a_limb_detached_from_the_body() -> None:
    skeleton = posed(figures()["walking"], figures()["walking"].start)
    assert attachment_problems(skeleton) == []
    tubes = tuple(_moved(t, (0.0, -6.0, 0.0)) if t.bone == "knee_r" else t for t in skeleton.tubes)
    found = attachment_problems(dataclasses.replace(skeleton, tubes=tubes))
    assert any("knee_r is detached" in p for p in found)
    assert any("ankle_r is detached" in p for p in found)


def test_check_catches_an_arm_off_the_shoulder_and_a_stretched_limb() -> None:
    skeleton = posed(figures()["walking"], figures()["walking"].start)
    arm = tuple(_moved(t, (0.0, 0.0, 20.0)) if t.chain == "arm_l" else t for t in skeleton.tubes)
    assert "shoulder_l is detached from the thorax" in attachment_problems(
        dataclasses.replace(skeleton, tubes=arm)
    )
    stretched = tuple(
        dataclasses.replace(t, end=(t.end[0], t.end[1] - 5.0, t.end[2])) if t.bone == "hip_l" else t
        for t in skeleton.tubes
    )
    found = attachment_problems(dataclasses.replace(skeleton, tubes=stretched))
    assert any(re.fullmatch(r"hip_l is \d+\.\d long, not 24\.0", p) for p in found)


def test_check_catches_a_head_off_the_neck() -> None:
    skeleton = posed(figures()["walking"], figures()["walking"].start)
    head = (skeleton.head[0] + 15.0, skeleton.head[1], skeleton.head[2])
    broken = dataclasses.replace(skeleton, head=head)
    assert "the head is detached from the neck" in attachment_problems(broken)


def test_contact_check_is_quiet_for_a_figure_standing_on_the_floor() -> None:
    figure = figures()["walking"]
    assert contact_problems(posed(figure, figure.start), boxes(figure)) == []


_LIMITED = list(BONES)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)),
        min_size=len(_LIMITED),
        max_size=len(_LIMITED),
    ),
    st.floats(-180, 180),
    st.floats(-90, 90),
)
def test_any_pose_within_limits_holds_together(
    fractions: list[tuple[float, float, float]], turn: float, lean: float
) -> None:
    angles = {}
    for bone, (f, a, t) in zip(_LIMITED, fractions, strict=True):
        limits = (bone.limits.flex, bone.limits.abduct, bone.limits.twist)
        angles[bone.name] = tuple(
            lo + (hi - lo) * x for (lo, hi), x in zip(limits, (f, a, t), strict=True)
        )
    assert check_angles(angles) == []  # type: ignore[arg-type]
    skeleton = build(angles, turn, lean, 0.0, 0.0)  # type: ignore[arg-type]
    assert attachment_problems(skeleton) == []
    assert all(math.isfinite(c) for p in skeleton.points.values() for c in p)


# ---- each drawing shows what its card says (careplan/figures/expect.toml) ----------------


def test_every_exercise_says_what_its_drawing_must_show() -> None:
    assert set(CATALOGUE_IDS) <= set(expectations())
    assert set(expectations()) <= set(figure_ids())


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_drawing_shows_what_its_card_says(exercise_id: str) -> None:
    assert expectation_problems(figures()[exercise_id]) == []


# The drawings issue 17 found a person could not copy, and what made each one fail: the
# check must see each fault again if a pose slides back towards it.
_FROZEN = [
    ("pelvic-tilt", "pelvis moves"),
    ("pelvic-tilt-seated", "lumbar moves"),
    ("pelvic-tilt-all-fours", "pelvis moves"),
    ("seated-twist", "thorax.twist moves"),
    ("upper-back-stretch", "thorax moves"),
    ("cat-cow", "should dip"),
    ("chair-extension", "thorax moves"),
    ("standing-back-bend", "lumbar moves"),
    ("balance-stand", "heel_l is"),
    ("shoulder-squeeze", "shoulder_r moves"),
    ("knee-to-chest-side-lying", "hip_l moves"),
    ("lying-twist", "thorax.twist moves"),
    ("cat-cow-extension", "should dip"),
]


@pytest.mark.parametrize(("exercise_id", "message"), _FROZEN)
def test_check_catches_an_end_pose_that_does_not_move(exercise_id: str, message: str) -> None:
    figure = figures()[exercise_id]
    still = dataclasses.replace(figure.end, angles=figure.start.angles, lean=figure.start.lean)
    found = expectation_problems(dataclasses.replace(figure, end=still))
    assert any(message in p for p in found), found


def test_check_catches_a_hand_that_misses_the_chair() -> None:
    figure = figures()["balance-stand"]
    moved = tuple(dataclasses.replace(p, x=p.x - 25) for p in figure.props)
    found = expectation_problems(dataclasses.replace(figure, props=moved))
    assert "start: hand_r should be on the chair but is 25.1 away" in [
        re.sub(r"is \d+\.\d away", "is 25.1 away", p) for p in found
    ]


def test_check_catches_a_prop_the_card_names_but_the_drawing_leaves_out() -> None:
    figure = figures()["seated-twist"]
    found = expectation_problems(dataclasses.replace(figure, props=()))
    assert "the card names a chair, which is not drawn" in found


def test_check_catches_a_side_view_where_the_card_needs_a_back_view() -> None:
    figure = figures()["shoulder-squeeze"]
    side = dataclasses.replace(figure, start=dataclasses.replace(figure.start, turn=0.0))
    found = expectation_problems(side)
    assert "start: the chest faces 90 degrees from the viewer, not 150 to 180" in found


def test_check_catches_an_arrow_away_from_the_joint_that_moves() -> None:
    figure = figures()["pelvic-tilt"]
    belly = Arrow(kind="line", point="waist", start_at=(0.0, 17.0), end_at=(0.0, 8.0))
    found = expectation_problems(dataclasses.replace(figure, arrows=(belly,)))
    assert "no arrow is at the pelvis or hip_r or hip_l" in found


def test_check_catches_an_arrow_over_the_knees() -> None:
    figure = figures()["lying-twist"]
    over = Arrow(kind="follow", point="knee_r", around="heel_r", offset=2.0)
    found = expectation_problems(dataclasses.replace(figure, arrows=(over,)))
    assert any(p.startswith("the arrow covers the knee_r") for p in found)


def test_check_catches_straight_knees_where_the_card_says_bent() -> None:
    figure = figures()["knee-to-chest-side-lying"]
    angles = dict(figure.start.angles) | {"knee_r": (40.0, 0.0, 0.0)}
    found = expectation_problems(_with_pose(figure, "start", angles=angles))
    assert "start: knee_r is bent 40 degrees, not 80 or more" in found


def test_check_catches_a_chair_back_below_the_shoulder_blades() -> None:
    figure = figures()["chair-extension"]
    low = tuple(dataclasses.replace(p, length=0.0) for p in figure.props)
    found = expectation_problems(dataclasses.replace(figure, props=low))
    assert any(p.startswith("the chair back should reach 52 to 58 up") for p in found)


def test_check_catches_hands_that_leave_the_lower_back() -> None:
    figure = figures()["standing-back-bend"]
    angles = dict(figure.start.angles) | {"shoulder_r": (0.0, 0.0, 0.0)}
    found = expectation_problems(_with_pose(figure, "start", angles=angles))
    assert any(p.startswith("start: hand_r is") and "low_back" in p for p in found)


def test_check_catches_an_arm_through_the_trunk() -> None:
    figure = figures()["walking"]
    assert crossing_problems(posed(figure, figure.start)) == []
    angles = dict(figure.start.angles) | {
        "shoulder_r": (0.0, 0.0, 90.0),
        "elbow_r": (150.0, 0.0, 0.0),
    }
    through = posed(figure, dataclasses.replace(figure.start, angles=angles))
    assert any(
        p.startswith(("elbow_r passes", "wrist_r passes")) for p in crossing_problems(through)
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"change": {"elbw": 10}}, "unknown joint or movement 'elbw'"),
        ({"change": {"thorax.spin": 10}}, "unknown joint or movement 'thorax.spin'"),
        ({"on": {"hand_r": "sofa"}}, "'hand_r' on 'sofa'"),
        ({"props": ["sofa"]}, "props"),
        ({"facing": [0]}, "expected [least, most]"),
        ({"start_off": {"heel_l": 3}}, "expected [least, most]"),
        ({"sag": {"middle": 2}}, "start or end"),
        ({"arrow_at": ["belly"]}, "expected a list of point names"),
        ({"colour": "red"}, "unknown colour"),
    ],
)
def test_expectation_mistakes_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(PosesError, match=re.escape(message)):
        _expect("x", table)


def test_expectations_file_is_read_whole() -> None:
    declared = tomllib.loads(EXPECT_FILE.read_text(encoding="utf-8"))
    assert set(declared) == set(expectations())


# ---- drawn for the handout's rows, in black and white ------------------------------------


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_landscape_for_a_row_of_the_handout(exercise_id: str) -> None:
    box = [float(v) for v in _element(exercise_id).attrib["viewBox"].split()]
    assert NARROWEST - 0.02 <= box[2] / box[3] <= WIDEST
    plan = layout(figures()[exercise_id])
    assert (plan.width, plan.height) == (
        pytest.approx(box[2], abs=0.06),
        pytest.approx(box[3], abs=0.06),
    )


def _lightness(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return min(int(digits[i : i + 2], 16) for i in (0, 2, 4)) / 255


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_fills_are_light_and_arrows_black(exercise_id: str) -> None:
    svg = _element(exercise_id)
    fills = {e.attrib["fill"] for e in svg.iter() if e.attrib.get("fill", "none") != "none"}
    dark = {f for f in fills if _lightness(f) < 0.85}
    assert dark <= {"#1a1a1a", ARROW, GHOST, "#8a8a8a"}, "only lines, arrows and small marks"
    arrows = [e for e in svg.iter(f"{SVG}polygon") if e.attrib.get("fill") == ARROW]
    assert arrows, "every figure has a black arrowhead"


@pytest.mark.parametrize("exercise_id", [i for i in CATALOGUE_IDS if figures()[i].ghost])
def test_end_panel_shows_the_start_faintly(exercise_id: str) -> None:
    """The start pose behind the end pose: its outline in GHOST, then its body in skin over it."""
    fills = [e.attrib.get("fill") for e in _element(exercise_id).iter(f"{SVG}path")]
    assert GHOST in fills
    assert fills[fills.index(GHOST) + 1] == "#fff"


# ---- the drawings are cheap to draw, and draw what round-ended strokes drew ----------------

#: What a figure may hold at most: WeasyPrint spends about a millisecond on each element it
#: styles and draws, and tens of microseconds on each point of a path.
MOST_ELEMENTS = 80
MOST_POINTS = 1_100


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_cheap_to_draw(exercise_id: str) -> None:
    svg = _element(exercise_id)
    assert len(list(svg.iter())) <= MOST_ELEMENTS
    numbers = sum(len(re.findall(r"-?[\d.]+", e.attrib.get("d", ""))) for e in svg.iter())
    assert numbers // 2 <= MOST_POINTS


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed subpaths of a path written by `_subpath` (M, then relative l and c, Z), its
    curves flattened into short lines."""
    rings: list[list[tuple[float, float]]] = []
    for letter, args in re.findall(r"([MlcZ])([^MlcZ]*)", d):
        v = [float(n) for n in args.split()]
        if letter == "M":
            rings.append([(v[0], v[1])])
        elif letter == "l":
            x, y = rings[-1][-1]
            rings[-1].append((x + v[0], y + v[1]))
        elif letter == "c":
            x, y = rings[-1][-1]
            p1, p2, p3 = (x + v[0], y + v[1]), (x + v[2], y + v[3]), (x + v[4], y + v[5])
            for k in range(1, 13):
                t = k / 12
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                rings[-1].append(
                    (
                        a * x + b * p1[0] + c * p2[0] + e * p3[0],
                        a * y + b * p1[1] + c * p2[1] + e * p3[1],
                    )
                )
    return rings


def _winding(rings: list[list[tuple[float, float]]], p: tuple[float, float]) -> int:
    total = 0
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            side = (x1 - x0) * (p[1] - y0) - (p[0] - x0) * (y1 - y0)
            if y0 <= p[1] < y1 and side > 0:
                total += 1
            elif y1 <= p[1] < y0 and side < 0:
                total -= 1
    return total


def _from_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    along = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length if length else 0.0
    t = max(0.0, min(1.0, along))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


@pytest.mark.parametrize(
    "exercise_id", ["side-lying-clam", "standing-back-bend", "bird-dog", "pelvic-tilt"]
)
def test_a_body_path_covers_what_its_round_ended_strokes_covered(exercise_id: str) -> None:
    """Each chain's filled path (its ink outline and its skin) covers the points within each
    stroke's half width of that stroke and no other, but for a hair's breadth at the edge (a
    round end is one curve: within 2% of its radius; points to a tenth)."""
    from careplan.figures.drawing import panels
    from careplan.figures.svg import _Place, _tube

    place = _Place(0.0, 0.0, 0.0, 0.0)
    rng = random.Random(exercise_id)
    for panel in panels(figures()[exercise_id]):
        for chain in panel.chains + panel.ghost:
            for grow in (0.0, 1.3):
                rings = _rings(_tube(place, chain.strokes, grow))
                tubes = [(place.at(s.a), place.at(s.b), s.half + grow) for s in chain.strokes]
                hair = 0.12 + 0.02 * max(r for *_, r in tubes)
                for p in _near(tubes, rng):
                    edge = min(_from_segment(p, a, b) - r for a, b, r in tubes)
                    if abs(edge) >= hair:
                        assert (_winding(rings, p) != 0) == (edge < 0), (chain.name, grow, p)


def _near(
    tubes: list[tuple[tuple[float, float], tuple[float, float], float]], rng: random.Random
) -> list[tuple[float, float]]:
    """Points in and around the tubes, many of them near their ends and joints."""
    points = []
    for _ in range(120):
        a, b, r = rng.choice(tubes)
        x, y = rng.choice((a, b, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)))
        points.append((x + rng.uniform(-r - 2, r + 2), y + rng.uniform(-r - 2, r + 2)))
    return points


# ---- the poses file is checked as it is read ---------------------------------------------


def _minimal(**start: object) -> dict[str, object]:
    return {"x": {"name": "X", "start": {"caption": "A", **start}, "end": {"caption": "B"}}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_minimal(elbw=90), "unknown joint 'elbw'"),
        (_minimal(knee=[1, 2, 3, 4]), "expected [flexion, abduction, twist]"),
        (_minimal(at={"point": "nose"}), "unknown point 'nose'"),
        (_minimal(touch=["toes"]), "touch"),
        ({"x": {"name": "X", "start": {}}}, "needs end"),
        ({"x": {"name": "X", "start": {}, "end": {}, "props": [{"kind": "sofa"}]}}, "kind"),
        ({"x": {"name": "X", "start": {}, "end": {}, "arrows": [{"kind": "line"}]}}, "point"),
        ({"x": {"name": "X", "start": {}, "end": {}, "colour": "red"}}, "unknown colour"),
    ],
)
def test_poses_file_mistakes_are_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(PosesError, match=re.escape(message)):
        parse(data)


def test_one_sided_angle_wins_over_both_sides() -> None:
    figure = parse(_minimal(knee=90, knee_r=10))["x"]
    assert figure.start.angles["knee_l"] == (90.0, 0.0, 0.0)
    assert figure.start.angles["knee_r"] == (10.0, 0.0, 0.0)
    assert figure.start.place == Placement()


_MOVE = re.compile(r"M(-?[\d.]+)[ ,](-?[\d.]+)")
_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def _drawn_points(svg: str) -> list[tuple[float, float]]:
    """Where the drawing's shapes start: each path's moves, each polygon's corners, each
    circle's centre (absolute coordinates, whatever follows them)."""
    root = ET.fromstring(svg)
    points: list[tuple[float, float]] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "path":
            points += [(float(x), float(y)) for x, y in _MOVE.findall(element.get("d", ""))]
        elif tag == "polygon":
            points += [(float(x), float(y)) for x, y in _PAIR.findall(element.get("points", ""))]
        elif tag == "circle":
            points.append((float(element.get("cx", "0")), float(element.get("cy", "0"))))
    return points


@pytest.mark.parametrize("exercise_id", figure_ids())
def test_a_drawing_on_a_page_shows_both_panels_whole_and_no_caption(exercise_id: str) -> None:
    """A page prints the captions beside the drawing: drawn without them, both panels are in
    the view box (drawn one above the other, the caption under the first sat between them,
    and cutting the captions off once cut off the second panel, its end pose)."""
    svg = figure_svg(exercise_id, captions=False)
    root = ET.fromstring(svg)
    x, y, width, height = (float(v) for v in root.get("viewBox", "").split())
    points = _drawn_points(svg)
    assert points
    outside = [p for p in points if not (x - 1 <= p[0] <= x + width + 1)]
    outside += [p for p in points if not (y - 1 <= p[1] <= y + height + 1)]
    assert outside == []
    assert not any(_local(e.tag) == "text" for e in root.iter())
    # Both panels, side by side (a page's box is far wider than high): shapes in each half.
    assert layout(figures("en")[exercise_id], captioned=False).across
    halves = ([p for p in points if p[0] < width / 2], [p for p in points if p[0] > width / 2])
    assert all(len(half) > 10 for half in halves), [len(half) for half in halves]
    # Its label and both captions stay for a screen reader.
    assert root.get("aria-label") and root.find(f"{SVG}desc") is not None
