"""The questionnaire: questions declared as data, asked with questionary on the terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from careplan import answers as answers_model

Doc = dict[str, Any]

NUMBER = "number"
SELECT = "select"
CHECKBOX = "checkbox"
CONFIRM = "confirm"
TEXT = "text"


@dataclass(frozen=True)
class Choice:
    """One answer a person can pick: the word stored and the words shown."""

    value: Any
    label: str
    detail: str = ""  # shown under the list while this choice is highlighted


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
    optional: bool = False  # a number question that Enter alone skips


def _pregnant(doc: Mapping[str, Any]) -> bool:
    return doc.get("pregnant") is True


YES_NO_TICK = (
    "Use the arrow keys and Space to tick any that apply, then press Enter. "
    "Tick none if none apply."
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "name",
        TEXT,
        "What name should we print on your plan?",
        instruction="(optional: press Enter to leave it blank)",
        max_length=80,
        group="About you",
    ),
    Question("age", NUMBER, "How old are you (in years)?", minimum=0, maximum=120),
    Question("pregnant", CONFIRM, "Are you pregnant?", default=False),
    Question(
        "pregnancy_weeks",
        NUMBER,
        "How many weeks pregnant are you?",
        minimum=1,
        maximum=45,
        ask_if=_pregnant,
    ),
    Question(
        "symptoms",
        CHECKBOX,
        "Warning signs first. Since the back pain started, have you had any of these NEW problems?",
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
        instruction=YES_NO_TICK,
        screen=True,
        group="Warning signs",
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
    ),
    Question(
        "pain.started_days_ago",
        NUMBER,
        "How many days ago did this back pain start?",
        instruction="(0 = today, 7 = a week ago)",
        minimum=0,
        maximum=3650,
        screen=True,
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
        instruction=YES_NO_TICK,
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
    ),
    Question(
        "pain.now",
        NUMBER,
        "How bad is the pain right now?",
        instruction="(0 = no pain, 10 = the worst pain you can imagine)",
        minimum=0,
        maximum=10,
    ),
    Question(
        "pain.worst",
        NUMBER,
        "How bad was it at its worst in the last 24 hours?",
        instruction="(0 to 10)",
        minimum=0,
        maximum=10,
    ),
    Question(
        "pain.interferes",
        NUMBER,
        "How much does it get in the way of your daily activities?",
        instruction="(0 = not at all, 10 = I can't do anything)",
        minimum=0,
        maximum=10,
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
        instruction=YES_NO_TICK,
        group="Your health",
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
        instruction=YES_NO_TICK,
    ),
    Question(
        "alcohol_3_or_more_daily",
        CONFIRM,
        "Do you have 3 or more alcoholic drinks on most days?",
        default=False,
    ),
    Question(
        "weight_under_50kg",
        CONFIRM,
        "Do you weigh less than 50 kg (7 stone 12 lb, or 110 lb)?",
        default=False,
    ),
    Question(
        "can_get_down_to_floor",
        CONFIRM,
        "Can you get down to the floor and back up again safely?",
        default=True,
        group="Your day",
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
    ),
    Question(
        "goal",
        TEXT,
        "What would you most like to get back to doing?",
        instruction="(optional, e.g. 'pick up my grandchild'; press Enter to skip)",
        max_length=200,
    ),
    Question(
        "goal_score",
        NUMBER,
        "How well can you do that now, from 0 (not at all) to 10 (as well as before the pain)?",
        instruction="(optional: press Enter to skip)",
        minimum=0,
        maximum=10,
        ask_if=lambda doc: bool(doc.get("goal")),
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
        group="Your printout",
    ),
    Question("large_print", CONFIRM, "Would you like large print?", default=False),
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
    if not cleaned.isdigit():
        return f"Please type a whole number from {question.minimum} to {question.maximum}."
    if not question.minimum <= int(cleaned) <= question.maximum:
        return f"Please type a number from {question.minimum} to {question.maximum}."
    return None


def text_error(question: Question, text: str) -> str | None:
    """Why typed text is not acceptable, or None when it is."""
    if len(text.strip()) > question.max_length:
        return f"Please keep it to {question.max_length} characters."
    problem = answers_model.text_problem(" ".join(text.split()))
    if problem is not None:
        return f"Please use plain text only: it {problem}."
    return None


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
    kept["stopped_early"] = True
    return kept


class Prompter:
    """Asks one question at a time with questionary; tests and drafts can stand in for it."""

    def ask(self, question: Question, doc: Mapping[str, Any]) -> Any:
        """Ask `question` on the terminal and return the stored value."""
        import questionary

        message = question.message
        instruction = question.instruction or None
        previous = get(doc, question.key)
        if question.kind == NUMBER:
            default = "" if previous is None else str(previous)
            text = questionary.text(
                message,
                instruction=instruction,
                default=default,
                validate=lambda t: number_error(question, t) or True,
            ).unsafe_ask()
            return int(text.strip()) if text.strip() else None
        if question.kind == TEXT:
            text = questionary.text(
                message,
                instruction=instruction,
                default=previous or "",
                validate=lambda t: text_error(question, t) or True,
            ).unsafe_ask()
            return " ".join(text.split())
        if question.kind == CONFIRM:
            default = question.default if previous is None else previous
            return bool(questionary.confirm(message, default=default).unsafe_ask())
        offered = choices_for(question, doc)
        if question.kind == SELECT:
            return questionary.select(
                message,
                choices=[
                    questionary.Choice(c.label, value=c.value, description=c.detail or None)
                    for c in offered
                ],
                default=next((c.label for c in offered if c.value == previous), None),
            ).unsafe_ask()
        ticked = set(previous or ())
        return questionary.checkbox(
            message,
            instruction=instruction,
            choices=[
                questionary.Choice(
                    c.label,
                    value=c.value,
                    checked=c.value in ticked,
                    description=c.detail or None,
                )
                for c in offered
            ],
        ).unsafe_ask()


def run(
    prompter: Prompter | None = None,
    *,
    start: Doc | None = None,
    on_answer: Callable[[Doc], None] | None = None,
    emergency_reasons: Callable[[answers_model.Answers], tuple[str, ...]] | None = None,
    out: TextIO | None = None,
) -> Doc:
    """Ask every question that applies and return an answers document.

    Questions already answered in `start` (a draft) are skipped. After each answer `on_answer`
    gets the document so far. After a warning-sign question, an emergency answer stops the
    questionnaire at once and the document returned has `stopped_early`.
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
    for index, question in enumerate(QUESTIONS):
        marker = f"{index}:{question.key}"
        if marker in answered or not applies(question, doc):
            continue
        if question.group and question.group != group and out is not None:
            group = question.group
            out.write(f"\n── {group} ──\n")
            out.flush()
        value = prompter.ask(question, doc)
        put(doc, question, value)
        if question.key == "age":
            answers_model.check_adult(answers_model.Answers(age=value, pregnant=False, symptoms=()))
        answered.add(marker)
        doc["_asked"] = sorted(answered)
        if on_answer is not None:
            on_answer(doc)
        if question.screen and check(partial_answers(doc)):
            return stopped_early_doc(doc)
    doc.pop("_asked", None)
    doc.setdefault("symptoms", [])
    doc.setdefault("conditions", [])
    doc.setdefault("medicines", [])
    return doc


@contextlib.contextmanager
def terminal_session() -> Iterator[TextIO]:
    """Draw the prompts on the terminal itself, even when standard output is redirected."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    if sys.stdout.isatty():
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
