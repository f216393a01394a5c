"""The exercise figures: every exercise drawn, safe to inline, and geometrically sound."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan.figures import figure_ids, figure_svg
from careplan.figures.catalogue import POSES_FILE, Figure, Placement, PosesError, figures, parse
from careplan.figures.check import (
    attachment_problems,
    contact_problems,
    figure_problems,
    problems,
)
from careplan.figures.model import BONES, Tube, add, build, check_angles
from careplan.figures.scene import boxes, posed
from careplan.figures.svg import render
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
    assert svg.attrib["width"] == "100%"
    assert "height" not in svg.attrib
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
    texts = [e.text for e in _element(exercise_id).iter(f"{SVG}text")]
    assert figure.start.caption in texts and figure.end.caption in texts


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_declared_poses_are_geometrically_sound(exercise_id: str) -> None:
    figure = figures()[exercise_id]
    assert figure.start.touch and figure.end.touch, "each pose says what the body rests on"
    assert problems(exercise_id) == []


@pytest.mark.parametrize("exercise_id", CATALOGUE_IDS)
def test_figure_is_deterministic(exercise_id: str) -> None:
    figure = figures()[exercise_id]
    assert render(figure) == render(figure) == figure_svg(exercise_id)


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
    broken = _with_pose(figure, "start", caption="Lie face down on the mat with your forearms flat")
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
