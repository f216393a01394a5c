"""The questionnaire: questions declared as data, asked one at a time on the terminal."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TextIO

from careplan import answers as answers_model
from careplan import words
from careplan.errors import GoBack, NotForChildrenError
from careplan.intake import terminal_words as said

if TYPE_CHECKING:
    from careplan.intake.prompt import Asking

Doc = dict[str, Any]

NUMBER = "number"
SELECT = "select"
CHECKBOX = "checkbox"
CONFIRM = "confirm"
TEXT = "text"

#: The value of the "None of these" choice every tick-list ends with; never stored.
NONE_OF_THESE = "none_of_these"
#: The review's choice that accepts every answer.
ALL_RIGHT = "all_right"
#: Below this age the person is asked whether they are pregnant.
PREGNANCY_ASKED_UNDER = 60


@dataclass(frozen=True)
class Choice:
    """One answer a person can pick: the word stored and the words shown."""

    value: Any
    label: str
    detail: str = ""  # shown under the choice while it is pointed at


@dataclass(frozen=True)
class Question:
    """One question: where its answer goes (a dotted key), how it is asked, and when."""

    key: str
    kind: str
    message: str
    choices: tuple[Choice, ...] = ()
    minimum: int = 0
    maximum: int = 0
    max_length: int = 0
    instruction: str = ""
    ask_if: Callable[[Mapping[str, Any]], bool] | None = None
    screen: bool = False  # a warning-sign question: check for an emergency right after it
    default: Any = None
    group: str = ""
    fields: tuple[str, ...] = field(default=())
    short: str = ""  # names the answer in the review (every question of the questionnaire has one)
    # Set by `run` for the one asking: "question N of M", and whether it was answered before.
    counter: tuple[int, int] | None = None
    answered: bool = False
    echo: bool = True  # False: once answered, the question leaves no line on the screen
    optional: bool = False  # a number question that Enter alone skips


def _pregnant(doc: Mapping[str, Any]) -> bool:
    return doc.get("pregnant") is True


def _may_be_pregnant(doc: Mapping[str, Any]) -> bool:
    age = doc.get("age")
    return not isinstance(age, int) or age < PREGNANCY_ASKED_UNDER


def _weeks_asked(doc: Mapping[str, Any]) -> bool:
    # Counted from the start ("question N of M": M only shrinks, from the intro's "up to"),
    # until the pregnancy question is answered, or skipped for the age.
    if "pregnant" in doc:
        return _pregnant(doc)
    return _may_be_pregnant(doc)


def _goal_score_asked(doc: Mapping[str, Any]) -> bool:
    # Counted from the start ("question N of M"); skipped when no goal was given.
    return bool(doc.get("goal")) or not any(str(m).endswith(":goal") for m in doc.get("_asked", ()))


def questions_in(language: str) -> tuple[Question, ...]:
    """Every question in the order asked, with its words in `language`.

    The structure (keys, kinds, limits, answer words, when asked) is here; the words are in
    careplan/content/<language>/questions.toml, by question id. Raises `ContentError` listing
    every missing or unknown key.
    """
    text = words.reader(language, "questions")

    def ask(
        question_id: str, key: str, kind: str, values: Sequence[str] = (), **rest: Any
    ) -> Question:
        return Question(
            key,
            kind,
            text.text(f"{question_id}.message"),
            choices=tuple(
                Choice(
                    value,
                    text.text(f"{question_id}.choices.{value}"),
                    text.optional(f"{question_id}.details.{value}"),
                )
                for value in values
            ),
            instruction=text.optional(f"{question_id}.instruction"),
            group=text.optional(f"{question_id}.group"),
            short=text.text(f"{question_id}.short"),
            **rest,
        )

    asked = (
        ask("age", "age", NUMBER, minimum=0, maximum=120),
        ask("pregnant", "pregnant", CONFIRM, default=False, ask_if=_may_be_pregnant),
        ask(
            "pregnancy_weeks",
            "pregnancy_weeks",
            NUMBER,
            minimum=1,
            maximum=45,
            ask_if=_weeks_asked,
        ),
        ask(
            "warning_signs",
            "symptoms",
            CHECKBOX,
            (
                "saddle_numbness",
                "bladder_or_bowel_change",
                "sexual_function_change",
                "leg_weakness_worsening",
                "numbness_both_legs",
                "sudden_severe_pain_faint",
                "chest_pain_or_breathless",
                "confused_or_drowsy",
                "pregnancy_warning",
            ),
            screen=True,
        ),
        ask(
            "pain.leg",
            "pain.leg",
            SELECT,
            answers_model.LEG,
            screen=True,
        ),
        ask(
            "pain.trigger",
            "pain.trigger",
            SELECT,
            answers_model.TRIGGERS,
        ),
        ask(
            "pain.started_days_ago",
            "pain.started_days_ago",
            NUMBER,
            minimum=0,
            maximum=3650,
            screen=True,
        ),
        ask(
            "symptoms_now",
            "symptoms",
            CHECKBOX,
            (
                "fever",
                "urinary_burning_or_frequency",
                "blood_in_urine",
                "vomiting",
                "weight_loss_unexplained",
                "night_pain_unrelieved",
                "worse_each_day",
            ),
        ),
        ask("pain.where", "pain.where", SELECT, answers_model.WHERE),
        ask("pain.now", "pain.now", NUMBER, minimum=0, maximum=10),
        ask("pain.worst", "pain.worst", NUMBER, minimum=0, maximum=10),
        ask("pain.interferes", "pain.interferes", NUMBER, minimum=0, maximum=10),
        ask("pain.before", "pain.before", SELECT, answers_model.BEFORE),
        ask(
            "conditions",
            "conditions",
            CHECKBOX,
            answers_model.CONDITIONS,
        ),
        ask(
            "medicines",
            "medicines",
            CHECKBOX,
            answers_model.MEDICINES,
        ),
        ask("alcohol_3_or_more_daily", "alcohol_3_or_more_daily", CONFIRM, default=False),
        ask("weight_under_50kg", "weight_under_50kg", CONFIRM, default=False),
        ask("can_get_down_to_floor", "can_get_down_to_floor", CONFIRM, default=True),
        ask(
            "activity",
            "activity",
            SELECT,
            answers_model.ACTIVITIES,
        ),
        ask("goal", "goal", TEXT, max_length=200),
        # Right after the goal: its question says "that" of the goal.
        ask(
            "goal_score",
            "goal_score",
            NUMBER,
            minimum=0,
            maximum=10,
            ask_if=_goal_score_asked,
            optional=True,
        ),
        ask("name", "name", TEXT, max_length=80),
        ask("paper", "paper", SELECT, answers_model.PAPERS),
        ask("large_print", "large_print", CONFIRM, default=False),
    )
    text.finish()
    return asked


#: The questions in English: the language of the terminal until a session chooses another.
QUESTIONS: tuple[Question, ...] = questions_in(words.DEFAULT_LANGUAGE)
_in_language = functools.cache(questions_in)


def spoken() -> tuple[Question, ...]:
    """The questions in the language the terminal speaks now (`terminal_words.use`)."""
    return _in_language(said.LANGUAGE)


def get(doc: Mapping[str, Any], key: str) -> Any:
    """The value at a dotted key, or None."""
    node: Any = doc
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def put(doc: Doc, question: Question, value: Any) -> None:
    """Store an answer at its dotted key; checkbox answers add to the list already there."""
    *parents, last = question.key.split(".")
    node = doc
    for part in parents:
        node = node.setdefault(part, {})
    if question.kind == CHECKBOX:
        kept = [w for w in node.get(last, []) if w not in {c.value for c in question.choices}]
        node[last] = kept + list(value)
    elif (question.kind == TEXT and value == "") or value is None:
        node.pop(last, None)
    else:
        node[last] = value


def applies(question: Question, doc: Mapping[str, Any]) -> bool:
    """Whether the question is asked, given the answers so far."""
    return question.ask_if is None or question.ask_if(doc)


def choices_for(question: Question, doc: Mapping[str, Any]) -> tuple[Choice, ...]:
    """The choices offered: pregnancy's own warning signs only to a pregnant person."""
    if _pregnant(doc):
        return question.choices
    return tuple(c for c in question.choices if c.value != "pregnancy_warning")


def number_error(question: Question, text: str) -> str | None:
    """Why a typed number is not acceptable, or None when it is."""
    cleaned = text.strip()
    if question.optional and not cleaned:
        return None
    if cleaned.isdigit() and question.minimum <= int(cleaned) <= question.maximum:
        return None
    return said.WHOLE_NUMBER.format(minimum=question.minimum, maximum=question.maximum)


def text_error(question: Question, text: str) -> str | None:
    """Why typed text is not acceptable, or None when it is."""
    if len(text.strip()) > question.max_length:
        return said.TOO_LONG.format(maximum=question.max_length)
    problem = answers_model.text_problem(" ".join(text.split()), said.LANGUAGE)
    if problem is not None:
        return said.NOT_PLAIN.format(problem=problem)
    return None


def tick_error(question: Question, ticked: Sequence[Any]) -> str | None:
    """Why a tick-list's answer is not acceptable: nothing ticked, or "None" and a sign."""
    if not ticked:
        return said.NOTHING_TICKED.get(question.key, said.NOTHING_TICKED_OTHER)
    if NONE_OF_THESE in ticked and len(ticked) > 1:
        return said.NONE_AND_OTHERS
    return None


def echo(question: Question, doc: Mapping[str, Any]) -> str:
    """The answer given to `question`, in the words the person chose it by."""
    value = get(doc, question.key)
    if question.kind == CHECKBOX:
        mine = [c.label for c in question.choices if c.value in (value or ())]
        return "; ".join(mine) or said.NONE_OF_THESE
    if question.kind == CONFIRM:
        return said.YES if value else said.NO
    if question.kind == SELECT:
        return next((c.label for c in question.choices if c.value == value), str(value))
    if value is None or value == "":
        return said.LEFT_BLANK
    return str(value)


def partial_answers(doc: Mapping[str, Any]) -> answers_model.Answers:
    """The answers so far as an `Answers`, for checking warning signs before the end."""
    pain = doc.get("pain", {})
    placeholder = answers_model.Pain(
        where=pain.get("where", "lower"),
        now=pain.get("now", 0),
        worst=pain.get("worst", 0),
        started_days_ago=pain.get("started_days_ago", 3650),
        trigger=pain.get("trigger", "none_known"),
        leg=pain.get("leg", "none"),
        before=pain.get("before", "sometimes"),
        interferes=pain.get("interferes", 0),
    )
    return answers_model.Answers(
        age=doc.get("age", 40),
        pregnant=doc.get("pregnant", False),
        pregnancy_weeks=doc.get("pregnancy_weeks"),
        symptoms=tuple(doc.get("symptoms", ())),
        pain=placeholder,
    )


def stopped_early_doc(doc: Mapping[str, Any]) -> Doc:
    """What a questionnaire stopped at an emergency answer saves: the fields complete so far."""
    kept: Doc = {"format": answers_model.FORMAT}
    for key in ("name", "age", "pregnant", "pregnancy_weeks", "symptoms"):
        if key in doc:
            kept[key] = doc[key]
    kept.setdefault("pregnant", False)  # not asked from 60 on
    kept["stopped_early"] = True
    return kept


class Prompter:
    """Asks one question at a time on the terminal; tests and drafts can stand in for it."""

    #: The lines the last answer left on the screen, and the terminal's width then.
    left: tuple[int, int] = (0, 0)

    def ask(self, question: Question, doc: Mapping[str, Any]) -> Any:
        """Ask `question` on the terminal and return the stored value.

        Raises `GoBack` when the person asks for the previous question.
        """
        from careplan.intake import prompt

        counter = ""
        if question.counter is not None:
            counter = said.COUNTER.format(number=question.counter[0], total=question.counter[1])
        state = prompt.Asking(
            message=question.message,
            instruction=question.instruction,
            counter=counter,
            can_go_back=question.counter is not None and question.counter[0] > 1,
            erase=not question.echo,
        )
        self.left = (0, 0)
        value = self._answer(question, doc, state)
        self.left = (state.left, state.columns)
        return value

    def _answer(self, question: Question, doc: Mapping[str, Any], state: Asking) -> Any:
        from careplan.intake import prompt

        previous = get(doc, question.key)
        if question.kind == NUMBER:
            typed = prompt.type_in(
                state,
                "" if previous is None else str(previous),
                lambda t: number_error(question, t),
            )
            return int(typed.strip()) if typed.strip() else None
        if question.kind == TEXT:
            typed = prompt.type_in(state, previous or "", lambda t: text_error(question, t))
            return " ".join(typed.split())
        if question.kind == CONFIRM:
            default = question.default if previous is None else previous
            state.instruction = state.instruction or said.HOW_TO_CONFIRM[bool(default)]
            return prompt.confirm(state, bool(default))
        offered = [prompt.Option(c.value, c.label, c.detail) for c in choices_for(question, doc)]
        if question.kind == SELECT:
            state.instruction = state.instruction or said.HOW_TO_CHOOSE
            state.options = offered
            state.pointed = next((i for i, o in enumerate(offered) if o.value == previous), 0)
            return prompt.choose(state)
        state.instruction = state.instruction or said.HOW_TO_TICK
        state.options = [*offered, prompt.Option(NONE_OF_THESE, said.NONE_OF_THESE)]
        mine = {o.value for o in offered}
        state.ticked = [v for v in previous or () if v in mine]
        if question.answered and not state.ticked:
            state.ticked = [NONE_OF_THESE]
        ticked = prompt.tick(state, lambda values: tick_error(question, values))
        return [v for v in ticked if v != NONE_OF_THESE]


def marker(index: int) -> str:
    """How `_asked` names the question at `index`: its place and its key."""
    return f"{index}:{spoken()[index].key}"


def _drop(doc: Doc, key: str) -> None:
    *parents, last = key.split(".")
    node: Any = doc
    for part in parents:
        node = node.get(part)
        if not isinstance(node, dict):
            return
    node.pop(last, None)


def forget_what_no_longer_applies(doc: Doc, answered: set[str]) -> None:
    """After a changed answer: drop the answers of questions that are no longer asked, and the
    ticks no longer offered (a pregnancy warning sign, once not pregnant)."""
    for index, question in enumerate(spoken()):
        if not applies(question, doc):
            answered.discard(marker(index))
            if question.kind != CHECKBOX:
                _drop(doc, question.key)
            continue
        ticked = get(doc, question.key)
        if question.kind == CHECKBOX and isinstance(ticked, list):
            offered = {c.value for c in choices_for(question, doc)}
            mine = {c.value for c in question.choices}
            kept = [v for v in ticked if v not in mine or v in offered]
            if kept != ticked:
                put(doc, question, [v for v in kept if v in mine])


def _asked_in_order(doc: Mapping[str, Any], answered: set[str]) -> list[int]:
    return [i for i, q in enumerate(spoken()) if applies(q, doc) and marker(i) in answered]


def counter(doc: Mapping[str, Any], index: int) -> tuple[int, int]:
    """(N, M) for "question N of M": the question's place among those that apply to the
    answers so far, and how many apply."""
    applicable = [i for i, q in enumerate(spoken()) if applies(q, doc)]
    return len([i for i in applicable if i < index]) + 1, len(applicable)


def review_question(doc: Mapping[str, Any], answered: set[str]) -> Question:
    """The review before the plan is made: every answer, any of which can be changed."""
    listed = tuple(
        Choice(
            marker(i),
            said.REVIEW_ANSWER.format(short=spoken()[i].short, answer=echo(spoken()[i], doc)),
        )
        for i in _asked_in_order(doc, answered)
    )
    return Question(
        said.REVIEW_KEY,
        SELECT,
        said.REVIEW_QUESTION,
        choices=(Choice(ALL_RIGHT, said.REVIEW_DONE), *listed),
        echo=False,
    )


def _group_of(index: int) -> str:
    return next((q.group for q in reversed(spoken()[: index + 1]) if q.group), "")


def run(
    prompter: Prompter | None = None,
    *,
    start: Doc | None = None,
    on_answer: Callable[[Doc], None] | None = None,
    emergency_reasons: Callable[[answers_model.Answers], tuple[str, ...]] | None = None,
    out: TextIO | None = None,
    review: bool = True,
) -> Doc:
    """Ask every question that applies, then offer a review, and return an answers document.

    Questions already answered in `start` (a draft) are skipped. After each answer `on_answer`
    gets the document so far. After a warning-sign question, an emergency answer stops the
    questionnaire at once and the document returned has `stopped_early`. `GoBack` from the
    prompter asks the previous question again; the review asks again any question chosen.
    """
    from careplan.decide.triage import emergency_reasons as default_emergency

    prompter = prompter or Prompter()
    check = emergency_reasons or default_emergency
    doc: Doc = dict(start or {})
    doc["format"] = answers_model.FORMAT
    answered: set[str] = set(doc.get("_asked", ()))
    if answered and check(partial_answers(doc)):
        # A resumed draft may already hold an emergency answer: stop at once, as then.
        return stopped_early_doc(doc)
    group = ""
    changing: str | None = None
    drawn: list[tuple[str, tuple[int, int]]] = []  # for Esc to take back (take_back_answer)
    while True:
        forget_what_no_longer_applies(doc, answered)
        index = next(
            (i for i, q in enumerate(spoken()) if applies(q, doc) and marker(i) not in answered),
            None,
        )
        if index is None:
            if not review:
                break
            try:
                chosen = prompter.ask(review_question(doc, answered), doc)
            except GoBack:
                chosen = marker(_asked_in_order(doc, answered)[-1])
                take_back_answer(out, drawn, chosen)
            if chosen == ALL_RIGHT:
                break
            answered.discard(chosen)
            changing = chosen
            continue
        question = spoken()[index]
        if _group_of(index) != group and out is not None:
            group = _group_of(index)
            out.write(f"\n── {group} ──\n")
            out.flush()
            drawn.append((HEADING, (2, 0)))  # a blank line and the heading, at any width
        asking = replace(question, counter=counter(doc, index), answered=changing == marker(index))
        try:
            value = prompter.ask(asking, doc)
        except GoBack:
            earlier = [i for i in _asked_in_order(doc, answered) if i < index]
            if earlier:
                answered.discard(marker(earlier[-1]))
                changing = marker(earlier[-1])
                if take_back_answer(out, drawn, changing):
                    group = _group_of(earlier[-1])  # its heading, above it, stays
            continue
        changing = None
        drawn.append((marker(index), prompter.left))
        put(doc, question, value)
        if question.key == "age" and value < answers_model.ADULT_AGE:
            # Said in the questionnaire's language (an answers file's refusal is in English).
            raise NotForChildrenError(said.NOT_FOR_CHILDREN.format(age=value))
        answered.add(marker(index))
        forget_what_no_longer_applies(doc, answered)
        doc["_asked"] = sorted(answered)
        if on_answer is not None:
            on_answer(doc)
        if question.screen and check(partial_answers(doc)):
            return stopped_early_doc(doc)
    doc.pop("_asked", None)
    doc.setdefault("pregnant", False)
    doc.setdefault("symptoms", [])
    doc.setdefault("conditions", [])
    doc.setdefault("medicines", [])
    return doc


#: Under this name in a questionnaire's `drawn`: a group heading.
HEADING = "heading"


def take_back_answer(
    out: TextIO | None, drawn: list[tuple[str, tuple[int, int]]], chosen: str
) -> bool:
    """Take the answer to `chosen` off the screen, with a heading drawn after it, when it is
    the last answer drawn; True when it was. (`drawn`: what a conversation drew under its
    questions, the last drawn last: each answer's lines and the terminal's width then, under
    its marker, or a heading's under HEADING.) Drawn at another width than the terminal's
    now, the lines are left as they are: the terminal has wrapped them otherwise."""
    from careplan.intake import prompt

    heading = drawn[-1][1][0] if drawn and drawn[-1][0] == HEADING else 0
    below = drawn[:-1] if heading else drawn
    if not below or below[-1][0] != chosen:
        return False
    lines, columns = below[-1][1]
    del drawn[len(below) - 1 :]
    if out is not None and lines and prompt.screen_width() == columns:
        prompt.take_back(out, lines + heading)
    return True


@contextlib.contextmanager
def terminal_session() -> Iterator[TextIO]:
    """Draw the prompts on the terminal itself, even when standard output is redirected.

    However the session ends (an answer, Ctrl-C, SIGTERM in the middle of a prompt), the
    terminal is given back as it was: echo on, line by line.
    """
    with _terminal_kept(), _session() as screen:
        yield screen


@contextlib.contextmanager
def _terminal_kept() -> Iterator[None]:
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextlib.contextmanager
def _session() -> Iterator[TextIO]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    if sys.stdout.isatty():
        # In the C locale standard output takes ASCII only: "?" rather than a crash.
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
        with create_app_session(input=create_input(), output=create_output()):
            yield sys.stdout
        return
    tty: TextIO
    try:
        tty = open(os.ctermid(), "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        tty = sys.stderr
    try:
        with create_app_session(input=create_input(), output=create_output(stdout=tty)):
            yield tty
    finally:
        if tty is not sys.stderr:
            tty.close()
