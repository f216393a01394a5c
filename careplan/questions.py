"""The questionnaire: questions declared as data, asked one at a time on the terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from careplan import answers as answers_model
from careplan import terminal_words as words
from careplan.errors import GoBack

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
    short: str = ""  # names the answer in the review; the message when empty
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


QUESTIONS: tuple[Question, ...] = (
    Question(
        "age",
        NUMBER,
        "How old are you (in years)?",
        minimum=0,
        maximum=120,
        group="About you",
        short="Age",
    ),
    Question(
        "pregnant",
        CONFIRM,
        "Are you pregnant?",
        default=False,
        ask_if=_may_be_pregnant,
        short="Pregnant",
    ),
    Question(
        "pregnancy_weeks",
        NUMBER,
        "How many weeks pregnant are you?",
        minimum=1,
        maximum=45,
        ask_if=_pregnant,
        short="Weeks pregnant",
    ),
    Question(
        "symptoms",
        CHECKBOX,
        "Since the back pain started, have you had any of these NEW problems?",
        choices=(
            Choice(
                "saddle_numbness",
                "New numbness around your genitals, bottom (back passage) or inner thighs",
            ),
            Choice(
                "bladder_or_bowel_change",
                "New trouble passing urine, or new loss of bladder or bowel control",
            ),
            Choice("sexual_function_change", "New problems with sexual function"),
            Choice("leg_weakness_worsening", "New weakness in a leg or foot that is getting worse"),
            Choice("numbness_both_legs", "New numbness in both legs since the back pain started"),
            Choice(
                "sudden_severe_pain_faint",
                "Sudden tearing pain in back, belly or chest, and feeling faint",
                "Or severe pain with sweating or a racing heart.",
            ),
            Choice("chest_pain_or_breathless", "Chest pain, or being short of breath"),
            Choice("confused_or_drowsy", "New confusion, or being very hard to wake"),
            Choice(
                "pregnancy_warning",
                "Pregnancy warning sign: tightenings, bleeding, leaking, baby moving less",
                "Also: a bad headache or problems seeing.",
            ),
        ),
        screen=True,
        group="Warning signs",
        short="New problems since the pain started",
    ),
    Question(
        "pain.leg",
        SELECT,
        "Does pain, tingling or numbness spread from your back into a leg?",
        choices=(
            Choice("none", "No, it stays in my back"),
            Choice("buttock_or_thigh", "Yes, into my buttock or thigh"),
            Choice("below_knee", "Yes, below the knee in one leg"),
            Choice("both_legs", "Yes, down both legs"),
        ),
        screen=True,
        short="Into a leg",
    ),
    Question(
        "pain.trigger",
        SELECT,
        "What set it off?",
        choices=(
            Choice("lifting", "Lifting something"),
            Choice("twisting", "Twisting or turning"),
            Choice("bending", "Bending over"),
            Choice("sport", "Sport or exercise"),
            Choice("sleep", "I woke up with it"),
            Choice("sitting", "Sitting for a long time"),
            Choice("minor_fall", "A small fall or slip (from standing height or less)"),
            Choice("major_accident", "A serious accident (car crash, fall from a height)"),
            Choice("none_known", "Nothing I know of"),
        ),
        short="What set it off",
    ),
    Question(
        "pain.started_days_ago",
        NUMBER,
        "How many days ago did this back pain start?",
        instruction="(0 = today, 7 = a week ago)",
        minimum=0,
        maximum=3650,
        screen=True,
        short="Days since it started",
    ),
    Question(
        "symptoms",
        CHECKBOX,
        "Do you have any of these now?",
        choices=(
            Choice("fever", "Fever (38 °C / 100.4 °F or more), or feeling hot and shivery"),
            Choice(
                "urinary_burning_or_frequency",
                "Burning when you pass urine, or passing urine much more often than usual",
            ),
            Choice("blood_in_urine", "Blood in your urine"),
            Choice("vomiting", "Being sick (vomiting)"),
            Choice("weight_loss_unexplained", "Losing weight without trying"),
            Choice(
                "night_pain_unrelieved",
                "Pain much worse at night that does not ease when you change position",
            ),
            Choice("worse_each_day", "Pain that is getting worse every day"),
        ),
        short="Do you have now",
    ),
    Question(
        "pain.where",
        SELECT,
        "Where is the pain?",
        choices=(
            Choice("lower", "Lower back"),
            Choice("middle", "Middle of the back"),
            Choice("upper", "Upper back, between the shoulder blades"),
        ),
        group="Your back pain",
        short="Where",
    ),
    Question(
        "pain.now",
        NUMBER,
        "How bad is the pain right now?",
        instruction="(0 = no pain, 10 = the worst pain you can imagine)",
        minimum=0,
        maximum=10,
        short="Pain now (0 to 10)",
    ),
    Question(
        "pain.worst",
        NUMBER,
        "How bad was it at its worst in the last 24 hours?",
        instruction="(0 to 10)",
        minimum=0,
        maximum=10,
        short="Worst in 24 hours (0 to 10)",
    ),
    Question(
        "pain.interferes",
        NUMBER,
        "How much does it get in the way of your daily activities?",
        instruction="(0 = not at all, 10 = I can't do anything)",
        minimum=0,
        maximum=10,
        short="Gets in the way (0 to 10)",
    ),
    Question(
        "pain.before",
        SELECT,
        "Have you had back pain like this before?",
        choices=(
            Choice("first_time", "No, this is the first time"),
            Choice("sometimes", "Yes, now and then"),
            Choice("often", "Yes, often"),
        ),
        short="Before",
    ),
    Question(
        "conditions",
        CHECKBOX,
        "Do you have any of these health conditions?",
        choices=(
            Choice("cancer_history", "Cancer, now or in the past"),
            Choice("osteoporosis", "Osteoporosis (thin, weak bones)"),
            Choice(
                "immune_weakened",
                "A weak immune system (e.g. chemotherapy, a transplant, HIV)",
                "Or long-term medicine that lowers your immune system.",
            ),
            Choice("injects_drugs", "Injecting drugs"),
            Choice("kidney_disease", "Kidney disease"),
            Choice("liver_disease", "Liver disease"),
            Choice("stomach_ulcer_or_bleed", "A stomach ulcer or bleeding from the stomach, ever"),
            Choice("heart_disease_or_stroke", "Heart disease, angina, a heart attack or a stroke"),
            Choice("heart_failure", "Heart failure"),
            Choice("high_blood_pressure", "High blood pressure"),
            Choice("asthma", "Asthma"),
            Choice(
                "nsaid_allergy_or_asthma",
                "Allergy, wheeze or asthma attack after aspirin or ibuprofen",
                "Or after another anti-inflammatory painkiller.",
            ),
            Choice(
                "inflammatory_bowel_disease",
                "Crohn's disease or ulcerative colitis (bowel disease)",
            ),
            Choice("bleeding_disorder", "A bleeding problem (you bleed or bruise easily)"),
            Choice("diabetes", "Diabetes"),
            Choice("numb_skin_or_neuropathy", "Numb patches of skin, or nerve damage (neuropathy)"),
            Choice(
                "raynauds_or_cold_sensitive",
                "Raynaud's, or fingers and toes that go white or blue in the cold",
            ),
            Choice("glaucoma", "Glaucoma"),
        ),
        group="Your health",
        short="Health conditions",
    ),
    Question(
        "medicines",
        CHECKBOX,
        "Do you take any of these medicines now?",
        choices=(
            Choice(
                "blood_thinner",
                "A blood thinner, e.g. warfarin, apixaban, rivaroxaban, clopidogrel",
                "Also dabigatran, edoxaban and similar medicines.",
            ),
            Choice("daily_aspirin", "Aspirin every day (e.g. low-dose aspirin for the heart)"),
            Choice(
                "other_nsaid", "Another anti-inflammatory, e.g. ibuprofen, naproxen, diclofenac"
            ),
            Choice(
                "ssri_or_snri",
                "An antidepressant such as sertraline, fluoxetine or venlafaxine",
                "Also citalopram, escitalopram or duloxetine.",
            ),
            Choice("steroid_tablets", "Steroid tablets (e.g. prednisone) for 3 months or more"),
            Choice(
                "ace_arb_or_diuretic",
                "Blood pressure tablets (e.g. ramipril, losartan) or water tablets",
                "ACE inhibitors, ARBs, or water tablets (diuretics).",
            ),
            Choice(
                "sedative_or_opioid",
                "A sleeping tablet, sedative or strong painkiller (e.g. codeine)",
                "For example diazepam, zopiclone, tramadol or morphine.",
            ),
            Choice(
                "muscle_relaxant",
                "A muscle relaxant (e.g. cyclobenzaprine, methocarbamol, tizanidine)",
            ),
            Choice("lithium_or_methotrexate", "Lithium or methotrexate"),
        ),
        short="Medicines",
    ),
    Question(
        "alcohol_3_or_more_daily",
        CONFIRM,
        "Do you have 3 or more alcoholic drinks on most days?",
        default=False,
        short="3 or more drinks most days",
    ),
    Question(
        "weight_under_50kg",
        CONFIRM,
        "Do you weigh less than 50 kg (7 stone 12 lb, or 110 lb)?",
        default=False,
        short="Under 50 kg",
    ),
    Question(
        "can_get_down_to_floor",
        CONFIRM,
        "Can you get down to the floor and back up again safely?",
        default=True,
        group="Your day",
        short="Down to the floor and up",
    ),
    Question(
        "activity",
        SELECT,
        "What is a normal day like for you?",
        choices=(
            Choice("mostly_sitting", "Mostly sitting (desk, computer, study)"),
            Choice("on_feet", "On my feet most of the day (shop, care work, teaching)"),
            Choice("heavy_manual", "Heavy physical work (lifting, building, farming)"),
            Choice("driving", "Driving for work"),
            Choice("not_working", "Not working, or retired"),
        ),
        short="A normal day",
    ),
    Question(
        "goal",
        TEXT,
        "What would you most like to get back to doing?",
        instruction="(optional, e.g. 'pick up my grandchild'; press Enter to skip)",
        max_length=200,
        short="Goal",
    ),
    Question(
        "name",
        TEXT,
        "What name should we print on your plan?",
        instruction="(optional: press Enter to leave it blank)",
        max_length=80,
        group="Your printout",
        short="Name",
    ),
    Question(
        "goal_score",
        NUMBER,
        "How well can you do that now, from 0 (not at all) to 10 (as well as before the pain)?",
        instruction="(optional: press Enter to skip)",
        minimum=0,
        maximum=10,
        # Counted from the start ("question N of M"); skipped when no goal was given.
        ask_if=lambda doc: (
            bool(doc.get("goal"))
            or not any(str(m).endswith(":goal") for m in doc.get("_asked", ()))
        ),
        optional=True,
    ),
    Question(
        "paper",
        SELECT,
        "What paper will you print on?",
        choices=(
            Choice("letter", "Letter (US and Canada)"),
            Choice("a4", "A4 (most other countries)"),
        ),
        short="Paper",
    ),
    Question(
        "large_print",
        CONFIRM,
        "Would you like large print?",
        default=False,
        short="Large print",
    ),
)


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
    return words.WHOLE_NUMBER.format(minimum=question.minimum, maximum=question.maximum)


def text_error(question: Question, text: str) -> str | None:
    """Why typed text is not acceptable, or None when it is."""
    if len(text.strip()) > question.max_length:
        return words.TOO_LONG.format(maximum=question.max_length)
    problem = answers_model.text_problem(" ".join(text.split()))
    if problem is not None:
        return words.NOT_PLAIN.format(problem=problem)
    return None


def tick_error(question: Question, ticked: Sequence[Any]) -> str | None:
    """Why a tick-list's answer is not acceptable: nothing ticked, or "None" and a sign."""
    if not ticked:
        return words.NOTHING_TICKED.get(question.key, words.NOTHING_TICKED_OTHER)
    if NONE_OF_THESE in ticked and len(ticked) > 1:
        return words.NONE_AND_OTHERS
    return None


def echo(question: Question, doc: Mapping[str, Any]) -> str:
    """The answer given to `question`, in the words the person chose it by."""
    value = get(doc, question.key)
    if question.kind == CHECKBOX:
        mine = [c.label for c in question.choices if c.value in (value or ())]
        return "; ".join(mine) or words.NONE_OF_THESE
    if question.kind == CONFIRM:
        return words.YES if value else words.NO
    if question.kind == SELECT:
        return next((c.label for c in question.choices if c.value == value), str(value))
    if value is None or value == "":
        return words.LEFT_BLANK
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

    def ask(self, question: Question, doc: Mapping[str, Any]) -> Any:
        """Ask `question` on the terminal and return the stored value.

        Raises `GoBack` when the person asks for the previous question.
        """
        from careplan import prompt

        counter = ""
        if question.counter is not None:
            counter = words.COUNTER.format(number=question.counter[0], total=question.counter[1])
        state = prompt.Asking(
            message=question.message,
            instruction=question.instruction,
            counter=counter,
            can_go_back=question.counter is not None and question.counter[0] > 1,
            erase=not question.echo,
        )
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
            state.instruction = state.instruction or words.HOW_TO_CONFIRM[bool(default)]
            return prompt.confirm(state, bool(default))
        offered = [prompt.Option(c.value, c.label, c.detail) for c in choices_for(question, doc)]
        if question.kind == SELECT:
            state.instruction = state.instruction or words.HOW_TO_CHOOSE
            state.options = offered
            state.pointed = next((i for i, o in enumerate(offered) if o.value == previous), 0)
            return prompt.choose(state)
        state.instruction = state.instruction or words.HOW_TO_TICK
        state.options = [*offered, prompt.Option(NONE_OF_THESE, words.NONE_OF_THESE)]
        mine = {o.value for o in offered}
        state.ticked = [v for v in previous or () if v in mine]
        if question.answered and not state.ticked:
            state.ticked = [NONE_OF_THESE]
        ticked = prompt.tick(state, lambda values: tick_error(question, values))
        return [v for v in ticked if v != NONE_OF_THESE]


def marker(index: int) -> str:
    """How `_asked` names the question at `index`: its place and its key."""
    return f"{index}:{QUESTIONS[index].key}"


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
    for index, question in enumerate(QUESTIONS):
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
    return [i for i, q in enumerate(QUESTIONS) if applies(q, doc) and marker(i) in answered]


def counter(doc: Mapping[str, Any], index: int) -> tuple[int, int]:
    """(N, M) for "question N of M": the question's place among those that apply to the
    answers so far, and how many apply."""
    applicable = [i for i, q in enumerate(QUESTIONS) if applies(q, doc)]
    return len([i for i in applicable if i < index]) + 1, len(applicable)


def review_question(doc: Mapping[str, Any], answered: set[str]) -> Question:
    """The review before the plan is made: every answer, any of which can be changed."""
    listed = tuple(
        Choice(
            marker(i), f"{QUESTIONS[i].short or QUESTIONS[i].message}: {echo(QUESTIONS[i], doc)}"
        )
        for i in _asked_in_order(doc, answered)
    )
    return Question(
        words.REVIEW_KEY,
        SELECT,
        words.REVIEW_QUESTION,
        choices=(Choice(ALL_RIGHT, words.REVIEW_DONE), *listed),
        echo=False,
    )


def _group_of(index: int) -> str:
    return next((q.group for q in reversed(QUESTIONS[: index + 1]) if q.group), "")


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
    from careplan.triage import emergency_reasons as default_emergency

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
    while True:
        forget_what_no_longer_applies(doc, answered)
        index = next(
            (i for i, q in enumerate(QUESTIONS) if applies(q, doc) and marker(i) not in answered),
            None,
        )
        if index is None:
            if not review:
                break
            try:
                chosen = prompter.ask(review_question(doc, answered), doc)
            except GoBack:
                chosen = marker(_asked_in_order(doc, answered)[-1])
            if chosen == ALL_RIGHT:
                break
            answered.discard(chosen)
            changing = chosen
            continue
        question = QUESTIONS[index]
        if _group_of(index) != group and out is not None:
            group = _group_of(index)
            out.write(f"\n── {group} ──\n")
            out.flush()
        asking = replace(question, counter=counter(doc, index), answered=changing == marker(index))
        try:
            value = prompter.ask(asking, doc)
        except GoBack:
            earlier = [i for i in _asked_in_order(doc, answered) if i < index]
            if earlier:
                answered.discard(marker(earlier[-1]))
                changing = marker(earlier[-1])
            continue
        changing = None
        put(doc, question, value)
        if question.key == "age":
            answers_model.check_adult(answers_model.Answers(age=value, pregnant=False, symptoms=()))
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
