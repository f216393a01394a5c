"""The questionnaire through a prompt_toolkit pipe: keys in, an answers document out."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from careplan import answers, drafts, questions

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"

#: Keys for a plain person, by question key; a list when the key is asked more than once.
PLAIN_KEYS: dict[str, list[str]] = {
    "name": ["Alex" + ENTER],
    "age": ["42" + ENTER],
    "pregnant": ["n"],
    "symptoms": [ENTER, ENTER],
    "pain.leg": [ENTER],
    "pain.trigger": [ENTER],
    "pain.started_days_ago": ["2" + ENTER],
    "pain.where": [ENTER],
    "pain.now": ["6" + ENTER],
    "pain.worst": ["8" + ENTER],
    "pain.interferes": ["6" + ENTER],
    "pain.before": [ENTER],
    "conditions": [ENTER],
    "medicines": [ENTER],
    "alcohol_3_or_more_daily": ["n"],
    "weight_under_50kg": ["n"],
    "can_get_down_to_floor": ["y"],
    "activity": [ENTER],
    "goal": ["Pick up my daughter" + ENTER],
    "goal_score": ["4" + ENTER],
    "paper": [DOWN + ENTER],
    "large_print": ["n"],
}


class Scripted(questions.Prompter):
    """Types each question's keys into the pipe just before it is asked; closes the pipe when
    the script has nothing for a question, so that a test can never hang waiting for keys."""

    def __init__(self, pipe: PipeInput, keys: Mapping[str, list[str]]) -> None:
        self.pipe = pipe
        self.keys = {key: list(strokes) for key, strokes in keys.items()}
        self.asked: list[str] = []

    def ask(self, question: questions.Question, doc: Mapping[str, Any]) -> Any:
        self.asked.append(question.key)
        strokes = self.keys.get(question.key)
        if strokes:
            self.pipe.send_text(strokes.pop(0))
        else:
            self.pipe.close()
        return super().ask(question, doc)


@contextlib.contextmanager
def pipe_terminal() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def ask_all(keys: Mapping[str, list[str]], **options: Any) -> tuple[dict[str, Any], Scripted]:
    with pipe_terminal() as pipe:
        prompter = Scripted(pipe, keys)
        return questions.run(prompter, **options), prompter


def test_happy_path_gives_valid_answers() -> None:
    doc, prompter = ask_all(PLAIN_KEYS)
    result = answers.from_dict(doc)
    assert result.name == "Alex" and result.age == 42 and result.pregnant is False
    assert result.pain == answers.Pain("lower", 6, 8, 2, "lifting", "none", "first_time", 6)
    assert result.goal == "Pick up my daughter" and result.paper == "a4"
    assert result.goal_score == 4
    assert result.can_get_down_to_floor is True and not result.stopped_early
    assert "pregnancy_weeks" not in prompter.asked
    assert "_asked" not in doc


def test_pregnancy_weeks_asked_only_when_pregnant() -> None:
    keys = {**PLAIN_KEYS, "pregnant": ["y"], "pregnancy_weeks": ["20" + ENTER]}
    doc, prompter = ask_all(keys)
    assert doc["pregnant"] is True and doc["pregnancy_weeks"] == 20
    assert "pregnancy_weeks" in prompter.asked


@pytest.mark.parametrize(
    "typed",
    [
        "eleven" + ENTER + BACKSPACE * 6 + "11" + ENTER + BACKSPACE * 2,
        "-1" + ENTER + BACKSPACE * 2 + "6.5" + ENTER + BACKSPACE * 3,
    ],
)
def test_invalid_number_is_asked_again(typed: str) -> None:
    doc, _ = ask_all({**PLAIN_KEYS, "pain.now": [typed + "7" + ENTER]})
    assert doc["pain"]["now"] == 7


def test_hostile_text_is_asked_again() -> None:
    typed = "Al\u202eex" + ENTER + BACKSPACE * 5 + "Alex" + ENTER
    doc, _ = ask_all({**PLAIN_KEYS, "name": [typed]})
    assert doc["name"] == "Alex"


def test_blank_name_and_goal_are_left_out() -> None:
    doc, _ = ask_all({**PLAIN_KEYS, "name": [ENTER], "goal": ["   " + ENTER]})
    assert "name" not in doc and "goal" not in doc
    answers.from_dict(doc)


def test_emergency_answer_stops_at_once() -> None:
    keys = {**PLAIN_KEYS, "symptoms": [SPACE + ENTER]}  # the first: saddle numbness
    doc, prompter = ask_all(keys)
    assert doc["stopped_early"] is True and doc["symptoms"] == ["saddle_numbness"]
    assert prompter.asked[-1] == "symptoms" and "pain.leg" not in prompter.asked
    assert answers.from_dict(doc).stopped_early


def test_ctrl_c_raises_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt):
        ask_all({**PLAIN_KEYS, "pain.now": [CTRL_C]})


def test_closed_input_raises_eof() -> None:
    with pytest.raises(EOFError):
        ask_all({"name": ["Alex" + ENTER], "age": ["42" + ENTER]})


def test_under_18_stops_after_the_age() -> None:
    with pytest.raises(answers.NotForChildrenError):
        ask_all({**PLAIN_KEYS, "age": ["15" + ENTER]})


def test_every_answer_is_handed_to_the_draft_hook() -> None:
    seen: list[dict[str, Any]] = []
    _, prompter = ask_all(PLAIN_KEYS, on_answer=lambda d: seen.append(dict(d)))
    assert len(seen) == len(prompter.asked)
    assert seen[1]["age"] == 42 and len(seen[1]["_asked"]) == 2


def test_a_draft_skips_what_was_answered() -> None:
    saved: list[dict[str, Any]] = []
    with pytest.raises(EOFError):
        ask_all(
            {key: PLAIN_KEYS[key] for key in ("name", "age", "pregnant")},
            on_answer=lambda d: saved.append(dict(d)),
        )
    doc, prompter = ask_all(PLAIN_KEYS, start=saved[-1])
    assert prompter.asked[0] == "symptoms"
    assert answers.from_dict(doc).name == "Alex"


def test_a_draft_holding_an_emergency_stops_without_asking() -> None:
    saved: list[dict[str, Any]] = []
    with pytest.raises(KeyboardInterrupt):
        ask_all(
            {**PLAIN_KEYS, "symptoms": [SPACE + ENTER], "pain.leg": [CTRL_C]},
            on_answer=lambda d: saved.append(dict(d)),
            emergency_reasons=lambda a: (),  # as if the stop had not happened
        )
    doc, prompter = ask_all({}, start=saved[-1])
    assert doc["stopped_early"] is True and prompter.asked == []


@pytest.mark.parametrize(("keys", "resume"), [(ENTER, True), (DOWN + ENTER, False)])
def test_resume_question(keys: str, resume: bool) -> None:
    from datetime import datetime

    draft = drafts.Draft(answers={"_asked": ["0:name"], "name": "Alex"}, saved=datetime.now())
    with pipe_terminal() as pipe:
        prompter = Scripted(pipe, {"resume": [keys]})
        assert prompter.ask(drafts.resume_question(draft), {}) is resume


@pytest.mark.parametrize(
    ("text", "ok"),
    [("Alex", True), ("x" * 80, True), ("x" * 81, False), ("a\u200bb", False), ("Zoë", True)],
)
def test_text_error(text: str, ok: bool) -> None:
    name = next(q for q in questions.QUESTIONS if q.key == "name")
    assert (questions.text_error(name, text) is None) is ok


def test_every_choice_fits_an_80_column_terminal() -> None:
    """A choice wider than the terminal is cut off mid-word; the details go in `detail`."""
    from careplan.questions import QUESTIONS

    too_wide = [c.label for q in QUESTIONS for c in q.choices if len(c.label) > 72]
    assert too_wide == []
    # questionary prints a highlighted choice's detail after "  Description: " (15 columns).
    too_long = [c.detail for q in QUESTIONS for c in q.choices if len(c.detail) > 64]
    assert too_long == []
