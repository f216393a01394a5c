"""The installed `careplan` in a real pseudo-terminal: answers, Ctrl-C, drafts and resuming."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pexpect
import pytest

from careplan import questions
from tests.pdfutil import attachments
from tests.test_questions import CTRL_C, ENTER, PLAIN_KEYS

CAREPLAN = shutil.which("careplan", path=str(Path(sys.executable).parent))
TIMEOUT = 30
EPOCH = "1795305600"  # 2026-11-22

pytestmark = pytest.mark.skipif(CAREPLAN is None, reason="careplan is not installed next to python")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A working folder and a data folder of the test's own."""
    (tmp_path / "work").mkdir()
    return tmp_path


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "XDG_DATA_HOME": str(home / "data"),
        "SOURCE_DATE_EPOCH": EPOCH,
        "LC_ALL": "C.UTF-8",
    }


def spawn(home: Path, command: str, args: list[str]) -> pexpect.spawn:
    return pexpect.spawn(
        command,
        args,
        cwd=str(home / "work"),
        env=environment(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 220),  # wide enough that no question wraps
    )


def script(keys: Mapping[str, list[str]]) -> Iterator[tuple[str, str]]:
    """(question text, keys) in the order the questionnaire asks them."""
    used: dict[str, int] = {}
    for question in questions.QUESTIONS:
        if question.ask_if is not None and question.key not in keys:
            continue
        turn = used.get(question.key, 0)
        used[question.key] = turn + 1
        yield question.message, keys[question.key][turn]


def answer(child: pexpect.spawn, steps: list[tuple[str, str]]) -> None:
    for message, strokes in steps:
        child.expect_exact(message)
        child.send(strokes)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def draft_file(home: Path) -> Path:
    return home / "data" / "careplan" / "draft.json"


EXPECTED = {
    "format": "careplan-answers/1",
    "name": "Alex",
    "age": 42,
    "pregnant": False,
    "pain": {
        "where": "lower",
        "now": 6,
        "worst": 8,
        "started_days_ago": 2,
        "trigger": "lifting",
        "leg": "none",
        "before": "first_time",
        "interferes": 6,
    },
    "symptoms": [],
    "conditions": [],
    "medicines": [],
    "alcohol_3_or_more_daily": False,
    "can_get_down_to_floor": True,
    "activity": "mostly_sitting",
    "goal": "Pick up my daughter",
    "paper": "a4",
    "goal_score": 4,
    "large_print": False,
}


def test_questionnaire_to_the_end(home: Path) -> None:
    assert CAREPLAN is not None
    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    answer(child, list(script(PLAIN_KEYS)))
    child.expect_exact("Wrote plan.pdf")
    assert finish(child) == 0
    assert attachments(home / "work" / "plan.pdf")["answers.json"] == EXPECTED
    assert not draft_file(home).exists()


def test_ctrl_c_keeps_a_draft_and_the_next_run_resumes_it(home: Path) -> None:
    assert CAREPLAN is not None
    steps = list(script(PLAIN_KEYS))
    stop = next(i for i, (message, _) in enumerate(steps) if "right now" in message)

    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    answer(child, [*steps[:stop], (steps[stop][0], CTRL_C)])
    child.expect_exact("careplan: cancelled")
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")
    draft = draft_file(home)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    kept = json.loads(draft.read_text(encoding="utf-8"))["answers"]
    assert kept["age"] == 42 and kept["pain"]["where"] == "lower" and "now" not in kept["pain"]
    assert not (home / "work" / "plan.pdf").exists()

    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    child.expect_exact("Continue where you stopped?")
    child.send(ENTER)
    answer(child, steps[stop:])
    child.expect_exact("Wrote plan.pdf")
    assert finish(child) == 0
    assert attachments(home / "work" / "plan.pdf")["answers.json"] == EXPECTED
    assert not draft.exists()


def test_prompts_show_on_the_terminal_with_stdout_redirected(home: Path) -> None:
    assert CAREPLAN is not None
    child = spawn(home, "/bin/sh", ["-c", f"exec '{CAREPLAN}' -o plan.pdf > stdout.txt"])
    first = questions.QUESTIONS[0].message
    child.expect_exact(first)
    child.send("Alex" + ENTER)
    child.expect_exact(questions.QUESTIONS[1].message)
    child.send(CTRL_C)
    assert finish(child) == 130
    assert first not in (home / "work" / "stdout.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, "pipe"])
def test_no_terminal_asks_for_an_answers_file(home: Path, stdin: int | str) -> None:
    assert CAREPLAN is not None
    result = subprocess.run(
        [CAREPLAN, "-o", "plan.pdf"],
        cwd=home / "work",
        env=environment(home),
        input="" if stdin == "pipe" else None,
        stdin=None if stdin == "pipe" else stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 2
    assert result.stderr == "careplan: interactive session required: use --answers FILE\n"
    assert not draft_file(home).exists()
