"""The interactive check-in in a real pseudo-terminal: answers, an emergency, Ctrl-C and drafts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from careplan.intake import questions
from careplan.intake import terminal_words as words
from tests.conftest import EXAMPLES
from tests.intake.test_questions import CTRL_C, ENTER, ESCAPE, NONE
from tests.intake.test_terminal import (
    CAREPLAN,
    TIMEOUT,
    Screen,
    environment,
    finish,
    home,
    settled,
    spawn,
)
from tests.pdfutil import attachments

__all__ = ["home"]  # the fixture, used by name

SPACE = " "
SCREEN = [q.message for q in questions.QUESTIONS if q.key in ("symptoms", "pain.leg")]
PAIN_NOW = next(q.message for q in questions.QUESTIONS if q.key == "pain.now")
PAIN_WORST = next(q.message for q in questions.QUESTIONS if q.key == "pain.worst")
GOAL = "How well can you do it now"
DAYS = "On how many of the last 7 days"
WORSE = "Did any of these exercises make your pain worse"

pytestmark = pytest.mark.skipif(CAREPLAN is None, reason="careplan is not installed next to python")


def first_plan(home: Path) -> dict[str, object]:
    assert CAREPLAN is not None
    subprocess.run(
        [CAREPLAN, "--answers", str(EXAMPLES / "first-spasm.json"), "-o", "p0.pdf"],
        cwd=home / "work",
        env=environment(home),
        check=True,
        capture_output=True,
        timeout=TIMEOUT * 2,
    )
    record: dict[str, object] = attachments(home / "work" / "p0.pdf")["plan.json"]
    return record


STEPS = [
    (SCREEN[0], NONE),
    (SCREEN[1], ENTER),
    (SCREEN[2], NONE),
    (PAIN_NOW, "3" + ENTER),
    (PAIN_WORST, "5" + ENTER),
    (GOAL, "6" + ENTER),
    (DAYS, "5" + ENTER),
    (WORSE, SPACE + ENTER),  # ticks the first exercise listed
]


def test_interactive_check_in_writes_the_next_plan(home: Path) -> None:
    record = first_plan(home)
    assert CAREPLAN is not None
    child = spawn(home, CAREPLAN, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    for number, (message, keys) in enumerate(STEPS, start=1):
        # Counted as the questionnaire counts: the check-in's length is known from the start.
        child.expect_exact(f"Question {number} of {len(STEPS)}")
        child.expect_exact(message)
        if message == WORSE:  # the plan's exercises are listed by name
            child.expect_exact("Pelvic tilt")
        child.send(keys)
    child.expect_exact("Wrote your plan to")
    assert finish(child) == 0
    answers = attachments(home / "work" / "p1.pdf")["answers.json"]
    exercises = record["exercises"]
    assert isinstance(exercises, list)
    assert answers["check_ins"] == [
        {
            "date": "2026-11-22",
            "pain_now": 3,
            "pain_worst": 5,
            "goal_score": 6,
            "days_done": 5,
            "made_worse": [exercises[0]["id"]],
            "symptoms": [],
            "leg": "none",
        }
    ]
    assert answers["pain"]["now"] == 3 and answers["goal_score"] == 6


def test_esc_goes_back_a_question_in_the_check_in(home: Path) -> None:
    record = first_plan(home)
    assert CAREPLAN is not None
    child = spawn(home, CAREPLAN, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    screen = Screen(220, 40)
    child.logfile_read = screen
    child.expect_exact(SCREEN[0])
    child.send(NONE)
    child.expect_exact(f"Question 2 of {len(STEPS)}   (Esc: go back)")
    child.expect_exact(SCREEN[1])
    assert f"{SCREEN[0]} {words.NONE_OF_THESE}" in screen.text()  # the answer, under it
    child.send(ESCAPE)
    child.expect_exact(f"Question 1 of {len(STEPS)}")
    # The question asked again is on the screen once: its earlier answer's line has gone.
    shown = settled(child, screen, SCREEN[0])
    assert shown.count(SCREEN[0]) == 1 and SCREEN[1] not in shown
    for message, keys in STEPS:  # from the first again, to the end
        child.expect_exact(message)
        child.send(keys)
    child.expect_exact("Wrote your plan to")
    assert finish(child) == 0
    check_in = attachments(home / "work" / "p1.pdf")["answers.json"]["check_ins"][-1]
    exercises = record["exercises"]
    assert isinstance(exercises, list)
    assert check_in["symptoms"] == [] and check_in["made_worse"] == [exercises[0]["id"]]


def test_an_emergency_answer_stops_the_check_in(home: Path) -> None:
    first_plan(home)
    assert CAREPLAN is not None
    child = spawn(home, CAREPLAN, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    child.expect_exact(SCREEN[0])
    child.send(SPACE + ENTER)  # the first emergency sign
    child.expect_exact("IMPORTANT: your answers include a warning sign.")
    child.expect_exact("Wrote your plan to")
    assert finish(child) == 0
    plan = attachments(home / "work" / "p1.pdf")["plan.json"]
    assert plan["triage"]["level"] == "emergency" and "review_on" not in plan


def test_ctrl_c_keeps_a_draft_and_the_next_check_in_resumes_it(home: Path) -> None:
    first_plan(home)
    assert CAREPLAN is not None
    draft = home / "data" / "careplan" / "checkin-draft.json"
    child = spawn(home, CAREPLAN, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    for message, keys in STEPS[:4]:
        child.expect_exact(message)
        child.send(keys if message != PAIN_NOW else CTRL_C)
    child.expect_exact("careplan: cancelled")
    assert finish(child) == 130
    assert draft.exists() and not (home / "work" / "p1.pdf").exists()

    child = spawn(home, CAREPLAN, ["--check-in", "p0.pdf", "-o", "p1.pdf"])
    child.expect_exact("Continue where you stopped?")
    child.send(ENTER)
    for message, keys in STEPS[3:]:
        child.expect_exact(message)
        child.send(keys)
    child.expect_exact("Wrote your plan to")
    assert finish(child) == 0
    assert not draft.exists()
    assert attachments(home / "work" / "p1.pdf")["answers.json"]["check_ins"][0]["pain_now"] == 3
