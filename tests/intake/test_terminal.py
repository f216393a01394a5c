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

from careplan.intake import questions
from careplan.intake import terminal_words as words
from tests import run_pdfs
from tests.intake.test_questions import CTRL_C, DOWN, ENTER, ESCAPE, PLAIN_KEYS, SPACE, UP
from tests.pdfutil import attachments

CAREPLAN = shutil.which("careplan", path=str(Path(sys.executable).parent))
#: How long to wait for the screen before calling the run hung: generous, as a render on a
#: busy 2-core machine can take half a minute (a guard, not a measure of speed).
TIMEOUT = 120
EPOCH = "1795305600"  # 2026-11-22

pytestmark = pytest.mark.skipif(CAREPLAN is None, reason="careplan is not installed next to python")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A working folder and a data folder of the test's own."""
    (tmp_path / "work").mkdir()
    return tmp_path


def environment(home: Path) -> dict[str, str]:
    """careplan's environment: its own data folder and date; it makes each PDF, the warm-up's
    too, once in the test run (tests/run_pdfs.py): these tests are of the conversation."""
    return run_pdfs.child_environment(
        {
            **os.environ,
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm",
            "XDG_DATA_HOME": str(home / "data"),
            "SOURCE_DATE_EPOCH": EPOCH,
            "LC_ALL": "C.UTF-8",
        }
    )


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
    yield words.REVIEW_QUESTION, keys["review"][0]


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
    # The locale's language, recorded like the paper.
    "language": "en",
}


def test_questionnaire_to_the_end(home: Path) -> None:
    assert CAREPLAN is not None
    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    answer(child, list(script(PLAIN_KEYS)))
    child.expect_exact(f"Wrote your plan to {home / 'work' / 'plan.pdf'}")
    assert finish(child) == 0
    assert attachments(home / "work" / "plan.pdf")["answers.json"] == EXPECTED
    assert not draft_file(home).exists()


def test_ctrl_c_keeps_a_draft_and_the_next_run_resumes_it(home: Path) -> None:
    assert CAREPLAN is not None
    steps = list(script(PLAIN_KEYS))
    stop = next(i for i, (message, _) in enumerate(steps) if "right now" in message)

    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    answer(child, [*steps[:stop], (steps[stop][0], CTRL_C)])
    child.expect_exact("careplan: cancelled.")
    child.expect_exact(f"Your {stop} answers are saved. Run careplan again to carry on.")
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
    child.expect_exact(f"Wrote your plan to {home / 'work' / 'plan.pdf'}")
    assert finish(child) == 0
    assert attachments(home / "work" / "plan.pdf")["answers.json"] == EXPECTED
    assert not draft.exists()


def test_prompts_show_on_the_terminal_with_stdout_redirected(home: Path) -> None:
    assert CAREPLAN is not None
    child = spawn(home, "/bin/sh", ["-c", f"exec '{CAREPLAN}' -o plan.pdf > stdout.txt"])
    first = questions.QUESTIONS[0].message
    child.expect_exact(first)
    child.send("42" + ENTER)
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


class Screen:
    """What a terminal of the child's size shows: pexpect's reads fed to a terminal emulator."""

    def __init__(self, columns: int, rows: int) -> None:
        import pyte

        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def write(self, text: str) -> None:
        self.stream.feed(text)

    def flush(self) -> None:
        pass

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        """The screen's lines joined by spaces: a word broken across lines shows as two."""
        return " ".join(" ".join(line.split()) for line in self.lines() if line.strip())


def narrow(
    home: Path, args: list[str], columns: int = 40, rows: int = 60
) -> tuple[pexpect.spawn, Screen]:
    assert CAREPLAN is not None
    child = pexpect.spawn(
        CAREPLAN,
        args,
        cwd=str(home / "work"),
        env=environment(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(rows, columns),
    )
    screen = Screen(columns, rows)
    child.logfile_read = screen
    return child, screen


def settle(child: pexpect.spawn) -> None:
    """Read what the child has drawn so far (the prompt is drawn in more than one write)."""
    child.expect(pexpect.TIMEOUT, timeout=0.5)


def settled(child: pexpect.spawn, screen: Screen, text: str) -> str:
    """What the screen shows once it shows `text` and nothing more has come for a while (a
    redraw after a resize may come in more than one go, later on a busy machine)."""
    import time

    deadline = time.monotonic() + TIMEOUT
    before = None
    while True:
        settle(child)
        now = screen.text()
        if now == before and " ".join(text.split()) in now:
            return now
        assert time.monotonic() < deadline, f"not shown: {text!r}\n" + "\n".join(screen.lines())
        before = now


def shows(child: pexpect.spawn, screen: Screen, text: str) -> None:
    """Wait until the screen shows `text` (redraws skip what is already there, so the stream
    itself need not hold it whole)."""
    import time

    deadline = time.monotonic() + TIMEOUT
    while " ".join(text.split()) not in screen.text():
        assert time.monotonic() < deadline, f"not shown: {text!r}\n" + "\n".join(screen.lines())
        child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=0.1)


def test_forty_columns_wrap_at_word_boundaries(home: Path) -> None:
    child, screen = narrow(home, ["-o", "plan.pdf"])
    medicines = next(q for q in questions.QUESTIONS if q.key == "medicines")
    steps = list(script(PLAIN_KEYS))
    at = [message for message, _ in steps].index(medicines.message)
    for number, (_, keys) in enumerate(steps[:at], start=1):
        child.expect(rf"Question {number} of \d+")
        child.send(keys)
    child.expect(rf"Question {at + 1} of \d+")
    child.expect_exact(words.NONE_OF_THESE)
    settle(child)
    shown = screen.text()
    # Every line ends at a word: no word of any line is cut (the joined text holds them whole).
    assert "Description" not in shown
    for choice in medicines.choices:
        assert choice.label in shown
    assert medicines.choices[0].detail in shown  # under the choice pointed at
    assert " ".join(words.HOW_TO_TICK.split()) in shown
    child.send(CTRL_C)
    assert finish(child) == 130


#: The questions a person may be asked, before any answer: every one, the pregnancy questions
#: (pregnant, and the weeks) too. M only shrinks from there.
ALL = sum(1 for q in questions.QUESTIONS if questions.applies(q, {}))
#: ... once "not pregnant" leaves out the weeks.
NOT_PREGNANT = ALL - 1


def test_nothing_ticked_is_refused_then_none_of_these_is_echoed(home: Path) -> None:
    child, screen = narrow(home, ["-o", "plan.pdf"], columns=100)
    child.expect_exact(f"Question 1 of {ALL}")
    child.send("42" + ENTER)
    child.expect_exact(f"Question 2 of {ALL}")
    child.send("n")
    child.expect_exact(f"Question 3 of {NOT_PREGNANT}")
    child.send(ENTER)  # nothing ticked
    shows(child, screen, "! " + words.NOTHING_TICKED["symptoms"])
    child.send(DOWN + SPACE + DOWN * 7 + SPACE + ENTER)  # a sign and "None of these"
    shows(child, screen, "! " + words.NONE_AND_OTHERS)
    child.send(UP * 7 + SPACE + ENTER)  # the sign unticked: "None of these" alone
    child.expect_exact(f"Question 4 of {NOT_PREGNANT}")
    shows(child, screen, "any of these NEW problems? " + words.NONE_OF_THESE)
    child.send(CTRL_C)
    assert finish(child) == 130


def test_the_counter_shrinks_from_60_and_refusals_show_by_the_question(home: Path) -> None:
    child, screen = narrow(home, ["-o", "plan.pdf"], columns=100)
    child.expect_exact(f"Question 1 of {ALL}")
    child.send("700" + ENTER)
    shows(child, screen, words.WHOLE_NUMBER.format(minimum=0, maximum=120))
    lines = [line for line in screen.lines() if line]
    assert lines[-1] == "! " + words.WHOLE_NUMBER.format(minimum=0, maximum=120)
    assert lines[-2] == "> 700"
    child.send("\x7f" + ENTER)
    child.expect_exact(f"Question 2 of {ALL - 2}")  # no pregnancy questions at 70
    child.expect_exact(questions.QUESTIONS[3].message)
    child.send(CTRL_C)
    child.expect_exact("Your 1 answer is saved. Run careplan again to carry on.")
    assert finish(child) == 130


def test_second_plan_of_the_day_gets_the_next_free_name(home: Path) -> None:
    assert CAREPLAN is not None
    first = home / "work" / "careplan-2026-11-22.pdf"
    first.write_bytes(b"my first plan")
    child = spawn(home, CAREPLAN, [])
    child.expect_exact("Your plan will be written to careplan-2026-11-22-2.pdf.")
    answer(child, list(script(PLAIN_KEYS)))
    child.expect_exact("Now: you can look after this at home by following your plan.")
    child.expect_exact(f"Wrote your plan to {home / 'work' / 'careplan-2026-11-22-2.pdf'}")
    child.expect_exact("Next: print it and take it to your physical therapist.")
    assert finish(child) == 0
    assert first.read_bytes() == b"my first plan"
    assert attachments(home / "work" / "careplan-2026-11-22-2.pdf")["answers.json"] == EXPECTED


def test_the_review_changes_an_answer_and_esc_goes_back(home: Path) -> None:
    assert CAREPLAN is not None
    keys = {
        **PLAIN_KEYS,
        # Esc at the second question goes back to the age, which is typed again.
        "age": ["41" + ENTER, "\x7f2" + ENTER],
        "pregnant": ["\x1b", "n"],
        # In the review, the 9th answer is the pain now: change 6 to 7, then accept.
        "review": [DOWN * 9 + ENTER, ENTER],
        "pain.now": ["6" + ENTER, "\x7f7" + ENTER],
    }
    child = spawn(home, CAREPLAN, ["-o", "plan.pdf"])
    steps = list(script(keys))
    answer(child, steps[:1])
    child.expect_exact(questions.QUESTIONS[1].message)
    child.send(keys["pregnant"][0])
    again = [(questions.QUESTIONS[0].message, keys["age"][1]), (steps[1][0], keys["pregnant"][1])]
    answer(child, [*again, *steps[2:]])
    child.expect_exact("Pain now (0 to 10): 6")
    child.expect_exact(questions.QUESTIONS[9].message)
    child.send(keys["pain.now"][1])
    child.expect_exact(words.REVIEW_QUESTION)
    child.expect_exact("Pain now (0 to 10): 7")
    child.send(ENTER)
    child.expect_exact("Wrote your plan to")
    assert finish(child) == 0
    made = attachments(home / "work" / "plan.pdf")["answers.json"]
    assert made == {**EXPECTED, "pain": {**EXPECTED["pain"], "now": 7}}


def test_make_run_says_nothing_more_after_ctrl_c(tmp_path: Path) -> None:
    """`make run` passes careplan's own words on Ctrl-C, without make's "Error 130" line."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    stand_in = bin_dir / "careplan"
    stand_in.write_text("#!/bin/sh\necho 'careplan: cancelled.'\nexit 130\n")
    stand_in.chmod(0o755)
    (bin_dir / ".installed").touch()  # newer than pyproject.toml: no set-up
    root = Path(__file__).resolve().parent.parent.parent
    child = pexpect.spawn(
        make, ["-s", "-C", str(root), "run", f"VENV={tmp_path / 'venv'}"], encoding="utf-8"
    )
    child.expect_exact("careplan: cancelled.")
    assert finish(child) == 0
    assert "Error" not in (child.before or "")


class ReflowingScreen(Screen):
    """A terminal that re-wraps the lines it shows when it gets narrower, as most do."""

    def __init__(self, columns: int, rows: int) -> None:
        super().__init__(columns, rows)
        self.rows = rows

    def resize(self, columns: int) -> None:
        import pyte

        cursor = self.screen.cursor
        rows: list[str] = []
        at = (0, 0)
        for number, line in enumerate(self.lines()):
            if number == cursor.y:
                at = (len(rows) + cursor.x // columns, cursor.x % columns)
            rows.extend([line[i : i + columns] for i in range(0, len(line), columns)] or [""])
        while len(rows) > at[0] + 1 and not rows[-1]:
            rows.pop()
        scrolled = max(0, len(rows) - self.rows)  # rows pushed off the top
        self.screen = pyte.Screen(columns, self.rows)
        self.stream = pyte.Stream(self.screen)
        self.stream.feed("\r\n".join(rows[scrolled:]))
        self.stream.feed(f"\x1b[{at[0] - scrolled + 1};{at[1] + 1}H")


def test_a_narrower_terminal_shows_the_question_once(home: Path) -> None:
    """After a resize the question is drawn again once, even where the terminal re-wrapped
    the lines already drawn (the rows above the cursor are then more than were drawn)."""
    assert CAREPLAN is not None
    child = pexpect.spawn(
        CAREPLAN,
        ["-o", "plan.pdf"],
        cwd=str(home / "work"),
        env=environment(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )
    screen = ReflowingScreen(100, 40)
    child.logfile_read = screen
    child.expect_exact(f"Question 1 of {ALL}")
    child.send("42" + ENTER)
    child.expect_exact(f"Question 2 of {ALL}")
    child.send("n")
    child.expect_exact(f"Question 3 of {NOT_PREGNANT}")
    question = next(q for q in questions.QUESTIONS if q.key == "symptoms")
    child.expect_exact(words.NONE_OF_THESE)
    for columns in (60, 45):
        settle(child)
        child.buffer = ""  # what was drawn before the resize is not waited for below
        screen.resize(columns)
        child.setwinsize(40, columns)
        child.expect_exact(words.NONE_OF_THESE)  # drawn again at the new width
        shown = settled(child, screen, words.NONE_OF_THESE)
        assert shown.count(f"Question 3 of {NOT_PREGNANT}") == 1, "\n".join(screen.lines())
        assert shown.count(" ".join(question.message.split())) == 1, "\n".join(screen.lines())
        assert max(len(line) for line in screen.lines()) < columns
    child.send(DOWN * 8 + SPACE + ENTER)  # "None of these": the questionnaire goes on
    child.expect_exact(f"Question 4 of {NOT_PREGNANT}")
    child.send(CTRL_C)
    assert finish(child) == 130


def test_a_review_taller_than_the_terminal_says_what_is_above_and_below(home: Path) -> None:
    """At 80 x 24 the review's 24 choices and its heading do not fit: the screen says how many
    more are below, and the arrows bring them up, the heading staying on the screen."""
    child, screen = narrow(home, ["-o", "plan.pdf"], columns=80, rows=24)
    steps = list(script(PLAIN_KEYS))
    for number, (_, keys) in enumerate(steps[:-1], start=1):
        child.expect(rf"Question {number} of \d+")
        child.send(keys)
    below = words.MORE_BELOW.format(count=3)
    shown = settled(child, screen, below)
    assert screen.lines()[0] == words.REVIEW_QUESTION
    assert screen.lines()[-1] == below
    assert "Goal now (0 to 10): 4" in shown
    assert not any(f"{name}:" in shown for name in ("Name", "Paper", "Large print"))
    child.send(UP)  # from the first choice round to the last
    shown = settled(child, screen, "> Large print: No")
    assert screen.lines()[0] == words.REVIEW_QUESTION
    assert words.MORE_ABOVE.format(count=3) in shown and "more below" not in shown
    assert words.REVIEW_DONE not in shown
    child.send(DOWN)  # round to the top again, and make the plan
    shown = settled(child, screen, f"> {words.REVIEW_DONE}")
    assert below in shown
    child.send(ENTER)
    shows(child, screen, "Wrote your plan to")
    assert finish(child) == 0


def test_esc_takes_the_earlier_answer_off_the_screen(home: Path) -> None:
    """Esc asks the question before again in place of its answer's line, and takes off the
    heading of the group it leaves: each question shows once."""
    child, screen = narrow(home, ["-o", "plan.pdf"], columns=100)
    asked: dict[str, questions.Question] = {}
    for question in questions.QUESTIONS:
        asked.setdefault(question.key, question)  # the first of the warning signs' lists
    age, pregnant, symptoms = (asked[key].message for key in ("age", "pregnant", "symptoms"))
    child.expect_exact(age)
    child.send("41" + ENTER)
    child.expect_exact(pregnant)
    child.send("n")
    child.expect_exact(symptoms)
    heading = f"── {asked['symptoms'].group} ──"
    shown = settled(child, screen, words.NONE_OF_THESE)
    assert f"{age} 41" in shown and f"{pregnant} {words.NO}" in shown and heading in shown
    child.send(ESCAPE)
    shown = settled(child, screen, "Question 2 of")
    assert shown.count(pregnant) == 1 and f"{pregnant} {words.NO}" not in shown
    assert heading not in shown and symptoms not in shown and f"{age} 41" in shown
    child.send(ESCAPE)
    shown = settled(child, screen, "Question 1 of")
    assert shown.count(age) == 1 and f"{age} 41" not in shown and pregnant not in shown
    child.send(CTRL_C)
    assert finish(child) == 130
