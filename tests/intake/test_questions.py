"""The questionnaire through a prompt_toolkit pipe: keys in, an answers document out."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import signal
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from careplan import answers, stop
from careplan.errors import Stopped
from careplan.intake import drafts, prompt, questions

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"
UP = "\x1b[A"
ESCAPE = "\x1b"
LEFT = "\x1b[D"
#: Ticks "None of these", the last choice of every tick-list (Up from the first goes there).
NONE = UP + SPACE + ENTER

#: Keys for a plain person, by question key; a list when the key is asked more than once.
PLAIN_KEYS: dict[str, list[str]] = {
    "age": ["42" + ENTER],
    "pregnant": ["n"],
    "symptoms": [NONE, NONE],
    "pain.leg": [ENTER],
    "pain.trigger": [ENTER],
    "pain.started_days_ago": ["2" + ENTER],
    "pain.where": [ENTER],
    "pain.now": ["6" + ENTER],
    "pain.worst": ["8" + ENTER],
    "pain.interferes": ["6" + ENTER],
    "pain.before": [ENTER],
    "conditions": [NONE],
    "medicines": [NONE],
    "alcohol_3_or_more_daily": ["n"],
    "weight_under_50kg": ["n"],
    "can_get_down_to_floor": ["y"],
    "activity": [ENTER],
    "goal": ["Pick up my daughter" + ENTER],
    "name": ["Alex" + ENTER],
    "goal_score": ["4" + ENTER],
    "paper": [DOWN + ENTER],
    "large_print": ["n"],
    "review": [ENTER],
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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_stop_during_a_question_ends_that_question(
    signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stop arrives while the question's loop draws it, twice: the question ends with the
    # first, as its own Ctrl-C key would end it, and the second is ignored; then the handler
    # is as it was (not always the default: under `nohup`, SIGHUP starts ignored).
    before = signal.getsignal(signum)
    heading = prompt._heading
    sent: list[int] = []

    def drawn(state: prompt.Asking, columns: int) -> Any:
        if len(sent) < 2:
            sent.append(signum)
            os.kill(os.getpid(), signum)
        return heading(state, columns)

    monkeypatch.setattr(prompt, "_heading", drawn)
    asking = prompt.Asking("Where is the pain?", options=[prompt.Option("low", "Low back")])
    with stop.as_interrupts(), pipe_terminal():
        with pytest.raises(Stopped) as stopped:
            prompt.choose(asking)
        assert signal.getsignal(signum) is signal.SIG_IGN  # till the stop's clean-up is over
    assert stopped.value.signum == signum and sent == [signum, signum]
    assert signal.getsignal(signum) is before


def test_closed_input_raises_eof() -> None:
    with pytest.raises(EOFError):
        ask_all({"name": ["Alex" + ENTER], "age": ["42" + ENTER]})


def test_under_18_stops_after_the_age() -> None:
    with pytest.raises(answers.NotForChildrenError):
        ask_all({**PLAIN_KEYS, "age": ["15" + ENTER]})


def test_every_answer_is_handed_to_the_draft_hook() -> None:
    seen: list[dict[str, Any]] = []
    _, prompter = ask_all(PLAIN_KEYS, on_answer=lambda d: seen.append(dict(d)))
    assert len(seen) == len(prompter.asked) - 1  # the review changes no answer
    assert seen[0]["age"] == 42 and len(seen[0]["_asked"]) == 1


def test_a_draft_skips_what_was_answered() -> None:
    saved: list[dict[str, Any]] = []
    with pytest.raises(EOFError):
        ask_all(
            {key: PLAIN_KEYS[key] for key in ("age", "pregnant")},
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

    draft = drafts.SavedDraft(answers={"_asked": ["0:name"], "name": "Alex"}, saved=datetime.now())
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
    """Short enough to read at a glance; longer words go in `detail`, shown under the choice."""
    from careplan.intake.questions import QUESTIONS

    too_wide = [c.label for q in QUESTIONS for c in q.choices if len(c.label) > 72]
    assert too_wide == []


class Recording(Scripted):
    """Also keeps the "question N of M" of every question asked."""

    def __init__(self, pipe: PipeInput, keys: Mapping[str, list[str]]) -> None:
        super().__init__(pipe, keys)
        self.counters: list[tuple[int, int] | None] = []

    def ask(self, question: questions.Question, doc: Mapping[str, Any]) -> Any:
        self.counters.append(question.counter)
        return super().ask(question, doc)


@pytest.mark.parametrize(
    ("ticked", "refused"),
    [
        ([], True),
        (["saddle_numbness"], False),
        (["none_of_these"], False),
        (["saddle_numbness", "none_of_these"], True),
        (["saddle_numbness", "numbness_both_legs"], False),
    ],
)
def test_tick_error(ticked: list[str], refused: bool) -> None:
    warning_signs = next(q for q in questions.QUESTIONS if q.kind == questions.CHECKBOX)
    assert (questions.tick_error(warning_signs, ticked) is not None) is refused


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("symptoms", "Tick the signs you have, or 'None of these'."),
        ("conditions", "Tick the conditions you have, or 'None of these'."),
        ("medicines", "Tick the medicines you take, or 'None of these'."),
    ],
)
def test_nothing_ticked_is_refused_in_the_words_of_the_list(key: str, words: str) -> None:
    question = next(q for q in questions.QUESTIONS if q.key == key)
    assert questions.tick_error(question, []) == words
    assert questions.tick_error(question, [questions.NONE_OF_THESE]) is None
    assert "None of these" in questions.tick_error(
        question, [question.choices[0].value, questions.NONE_OF_THESE]
    )


@pytest.mark.parametrize("key", ["symptoms", "conditions", "medicines"])
def test_enter_with_nothing_ticked_is_asked_again(key: str) -> None:
    strokes = [ENTER + NONE] if key != "symptoms" else [ENTER + NONE, NONE]
    doc, prompter = ask_all({**PLAIN_KEYS, key: strokes})
    assert doc[key] == [] and prompter.asked.count(key) == len(strokes)
    assert not doc.get("stopped_early")


def test_none_of_these_with_a_sign_is_asked_again() -> None:
    # The second list of signs: tick fever, then "None of these" as well; Enter is refused;
    # untick "None of these" and Enter keeps fever.
    second = SPACE + UP + SPACE + ENTER + SPACE + ENTER
    doc, _ = ask_all({**PLAIN_KEYS, "symptoms": [NONE, second]})
    assert doc["symptoms"] == ["fever"]


def test_no_pregnancy_question_from_60() -> None:
    doc, prompter = ask_all({**PLAIN_KEYS, "age": ["70" + ENTER]})
    assert "pregnant" not in prompter.asked and doc["pregnant"] is False
    assert answers.from_dict(doc).age == 70


def test_counter_counts_the_questions_that_apply() -> None:
    with pipe_terminal() as pipe:
        prompter = Recording(pipe, {**PLAIN_KEYS, "age": ["70" + ENTER]})
        questions.run(prompter)
    counted = [c for c in prompter.counters if c is not None]
    assert [n for n, _ in counted] == list(range(1, len(counted) + 1))
    # Before the age, the pregnancy questions (pregnant, and the weeks) may apply; from 70
    # neither does: M shrinks by both.
    assert counted[0][1] == counted[1][1] + 2 == len(counted) + 2
    assert counted[-1] == (len(counted), len(counted))
    assert prompter.counters[-1] is None  # the review


@pytest.mark.parametrize(("pregnant", "fewer"), [("y", 0), ("n", 1)])
def test_the_counter_never_grows(pregnant: str, fewer: int) -> None:
    # M starts at the intro's "up to" (every question), and only shrinks: the weeks of
    # pregnancy are counted until the pregnancy question is answered (once, M grew by them).
    keys = {**PLAIN_KEYS, "pregnant": [pregnant], "pregnancy_weeks": ["20" + ENTER]}
    with pipe_terminal() as pipe:
        prompter = Recording(pipe, keys)
        questions.run(prompter)
    totals = [c[1] for c in prompter.counters if c is not None]
    assert totals[0] == len(questions.QUESTIONS)
    assert all(later <= earlier for earlier, later in itertools.pairwise(totals))
    assert prompter.counters[2] == (3, totals[0] - fewer)


def test_left_on_a_list_goes_back_a_question() -> None:
    keys = {
        **PLAIN_KEYS,
        "pain.leg": [ENTER, DOWN + ENTER],
        "pain.trigger": [LEFT, ENTER],
    }
    doc, prompter = ask_all(keys)
    assert prompter.asked[3:7] == ["pain.leg", "pain.trigger", "pain.leg", "pain.trigger"]
    assert doc["pain"]["leg"] == "buttock_or_thigh"


def test_escape_goes_back_from_a_typed_answer() -> None:
    keys = {
        **PLAIN_KEYS,
        "pain.now": ["6" + ENTER, BACKSPACE + "5" + ENTER],  # the earlier answer is offered
        "pain.worst": [ESCAPE, "8" + ENTER],
    }
    doc, prompter = ask_all(keys)
    assert prompter.asked.count("pain.now") == 2 and doc["pain"]["now"] == 5
    assert doc["pain"]["worst"] == 8


def test_going_back_to_the_tick_list_keeps_none_of_these() -> None:
    keys = {**PLAIN_KEYS, "conditions": [NONE, ENTER], "medicines": [LEFT, NONE]}
    doc, prompter = ask_all(keys)
    assert prompter.asked.count("conditions") == 2 and doc["conditions"] == []


def _review_position(key: str, **keys: list[str]) -> int:
    """How many Down presses reach `key` in the review (after "These are right")."""
    _, prompter = ask_all({**PLAIN_KEYS, **keys})
    asked = [k for k in prompter.asked if k != "review"]
    return asked.index(key) + 1


def test_the_review_changes_an_answer() -> None:
    down = DOWN * _review_position("pain.now")
    keys = {
        **PLAIN_KEYS,
        "pain.now": ["6" + ENTER, BACKSPACE + "3" + ENTER],
        "review": [down + ENTER, ENTER],
    }
    with pipe_terminal() as pipe:
        prompter = Recording(pipe, keys)
        doc = questions.run(prompter)
    assert doc["pain"]["now"] == 3 and prompter.asked.count("review") == 2
    assert prompter.asked[-3:] == ["review", "pain.now", "review"]
    # Asked again from the review, the question keeps its place in the count.
    first, again = (i for i, key in enumerate(prompter.asked) if key == "pain.now")
    assert prompter.counters[again] == prompter.counters[first]


def test_the_review_asks_what_a_change_brings_in() -> None:
    down = DOWN * _review_position("pregnant")
    keys = {
        **PLAIN_KEYS,
        "pregnant": ["n", "y"],
        "pregnancy_weeks": ["20" + ENTER],
        "review": [down + ENTER, ENTER],
    }
    doc, prompter = ask_all(keys)
    assert doc["pregnant"] is True and doc["pregnancy_weeks"] == 20
    assert prompter.asked[-4:] == ["review", "pregnant", "pregnancy_weeks", "review"]


def test_a_change_drops_what_no_longer_applies() -> None:
    down = DOWN * _review_position("age", pregnant=["y"], pregnancy_weeks=["20" + ENTER])
    keys = {
        **PLAIN_KEYS,
        "age": ["42" + ENTER, BACKSPACE * 2 + "65" + ENTER],
        "pregnant": ["y"],
        "pregnancy_weeks": ["20" + ENTER],
        "review": [down + ENTER, ENTER],
    }
    doc, _ = ask_all(keys)
    assert doc["age"] == 65 and doc["pregnant"] is False and "pregnancy_weeks" not in doc
    answers.from_dict(doc)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_review_names_every_answer_in_a_few_words(language: str) -> None:
    # The review lists the answers one to a line: the goal's score was once named by its whole
    # question (87 characters), and ran off a terminal of 80 columns before its answer.
    for question in questions.questions_in(language):
        assert question.short, question.key
        assert len(question.short) <= 45, question.short


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_goal_score_is_asked_right_after_the_goal(language: str) -> None:
    # "How well can you do that now": "that" is the goal, the answer just given (the name was
    # once asked in between).
    keys = [question.key for question in questions.questions_in(language)]
    assert keys.index("goal_score") == keys.index("goal") + 1


def test_the_review_lists_every_answer_in_words() -> None:
    doc = {
        "age": 42,
        "pregnant": False,
        "symptoms": ["fever"],
        "pain": {"leg": "none"},
        "_asked": ["0:age", "1:pregnant", "3:symptoms", "4:pain.leg", "7:symptoms"],
    }
    review = questions.review_question(doc, set(doc["_asked"]))
    labels = [c.label for c in review.choices]
    assert labels[0] == "These are right: make my plan"
    assert labels[1:] == [
        "Age: 42",
        "Pregnant: No",
        "New problems since the pain started: None of these",
        "Into a leg: No, it stays in my back",
        "Do you have now: Fever (38 °C / 100.4 °F or more), or feeling hot and shivery",
    ]


@pytest.mark.parametrize(
    ("heights", "rows", "pointed", "top", "shown"),
    [
        # All fit: all shown, whatever was shown before.
        ([1] * 5, 5, 4, 3, (0, 5)),
        # Ten lines in six rows, at the top: five options and the line of those below.
        ([1] * 10, 6, 0, 0, (0, 5)),
        # Pointed at the last one shown: the list does not move.
        ([1] * 10, 6, 4, 0, (0, 5)),
        # One down from there: it moves on, and a line says how many are above.
        ([1] * 10, 6, 5, 0, (2, 6)),
        # Up from the first one shown: it moves back by one.
        ([1] * 10, 6, 1, 2, (1, 5)),
        # The last (Up from the first): the end of the list, no line below.
        ([1] * 10, 6, 9, 0, (5, 10)),
        # An option of three lines (the one pointed at, with its detail) takes its rows.
        ([1, 3, 1, 1, 1, 1], 5, 1, 0, (0, 2)),
        # Too few rows for anything but the option pointed at: that one still shows.
        ([4] * 3, 2, 1, 0, (1, 2)),
    ],
)
def test_a_list_taller_than_the_terminal_shows_a_window_around_the_choice(
    heights: list[int], rows: int, pointed: int, top: int, shown: tuple[int, int]
) -> None:
    options = [prompt.Option(n, f"option {n}") for n in range(len(heights))]
    state = prompt.Asking("Which?", options=options, pointed=pointed, top=top)
    first, last = prompt._shown(state, heights, rows)
    assert (first, last) == shown
    assert first <= pointed < last and state.top == first
    more_lines = (first > 0) + (last < len(heights))
    assert sum(heights[first:last]) + more_lines <= rows or last == first + 1


HEADING = questions.HEADING


@pytest.mark.parametrize(
    ("drawn", "chosen", "erased", "left"),
    [
        # The answer right above the question: its 2 lines go.
        ([("0:age", (1, 79)), ("1:pregnant", (2, 79))], "1:pregnant", 2, ["0:age"]),
        # With a heading drawn after it (the question asked now opened a group): 2 lines more.
        ([("1:pregnant", (1, 79)), (HEADING, (2, 0))], "1:pregnant", 3, []),
        # Not the last answer drawn (changed from the review since): nothing goes.
        ([("9:pain.now", (1, 79)), ("3:name", (1, 79))], "9:pain.now", 0, None),
        # From a draft: never drawn in this run.
        ([(HEADING, (2, 0))], "1:pregnant", 0, None),
        ([], "1:pregnant", 0, None),
        # Drawn at another width: wrapped otherwise, so left as it is (but no longer drawn).
        ([("1:pregnant", (2, 99))], "1:pregnant", 0, []),
    ],
)
def test_esc_takes_off_the_screen_only_the_answer_right_above(
    drawn: list[tuple[str, tuple[int, int]]], chosen: str, erased: int, left: list[str] | None
) -> None:
    out = io.StringIO()
    before = [name for name, _ in drawn]
    with pipe_terminal():  # a terminal 80 columns wide: answers wrap at 79
        taken = questions.take_back_answer(out, drawn, chosen)
    assert out.getvalue() == (f"\x1b[{erased}A\r\x1b[J" if erased else "")
    assert taken == (left is not None)
    assert [name for name, _ in drawn] == (before if left is None else left)
