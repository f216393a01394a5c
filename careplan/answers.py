"""The `careplan-answers/1` model: declared once, then loaded, validated, saved and described."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import difflib
import errno
import functools
import json
import math
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan import messages, words
from careplan.errors import AnswersError, InputFileError, NotForChildrenError

FORMAT = "careplan-answers/1"
ADULT_AGE = 18
#: The largest answers file read; a real one is under 2 kB.
MAX_BYTES = 1 << 20

SYMPTOMS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_or_bowel_change",
    "sexual_function_change",
    "leg_weakness_worsening",
    "numbness_both_legs",
    "sudden_severe_pain_faint",
    "chest_pain_or_breathless",
    "confused_or_drowsy",
    "fever",
    "urinary_burning_or_frequency",
    "blood_in_urine",
    "vomiting",
    "weight_loss_unexplained",
    "night_pain_unrelieved",
    "worse_each_day",
    "pregnancy_warning",
)
CONDITIONS: tuple[str, ...] = (
    "cancer_history",
    "osteoporosis",
    "immune_weakened",
    "injects_drugs",
    "kidney_disease",
    "liver_disease",
    "stomach_ulcer_or_bleed",
    "heart_disease_or_stroke",
    "heart_failure",
    "high_blood_pressure",
    "asthma",
    "nsaid_allergy_or_asthma",
    "inflammatory_bowel_disease",
    "bleeding_disorder",
    "diabetes",
    "numb_skin_or_neuropathy",
    "raynauds_or_cold_sensitive",
    "glaucoma",
)
MEDICINES: tuple[str, ...] = (
    "blood_thinner",
    "daily_aspirin",
    "other_nsaid",
    "ssri_or_snri",
    "steroid_tablets",
    "ace_arb_or_diuretic",
    "sedative_or_opioid",
    "muscle_relaxant",
    "lithium_or_methotrexate",
)
WHERE = ("lower", "middle", "upper")
TRIGGERS = (
    "lifting",
    "twisting",
    "bending",
    "sport",
    "sleep",
    "sitting",
    "minor_fall",
    "major_accident",
    "none_known",
)
LEG = ("none", "buttock_or_thigh", "below_knee", "both_legs")
BEFORE = ("first_time", "sometimes", "often")
ACTIVITIES = ("mostly_sitting", "on_feet", "heavy_manual", "driving", "not_working")
PAPERS = ("letter", "a4")
#: The languages of the answers format; careplan writes in those of `words.LANGUAGES`.
LANGUAGE_CODES = words.CODES
#: The stages of the exercise ladder, and "none" for a plan that had no exercises.
STAGES = ("acute", "settling", "strengthening", "none")
#: An exercise id as plans write it: lower-case words joined by hyphens.
EXERCISE_ID = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: The most check-ins one answers document keeps (a year of weekly check-ins).
MOST_CHECK_INS = 60


@dataclass(frozen=True)
class Field:
    """One field of the answers document: its JSON name, type, limits and meaning."""

    name: str
    # "int" | "bool" | "text" | "word" | "words" | "object" | "const" | "date" | "ids" | "objects"
    kind: str
    description: str
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    words: tuple[str, ...] = ()
    min_length: int = 0
    max_length: int | None = None
    fields: tuple[Field, ...] = ()
    const: str | None = None


PAIN_FIELDS: tuple[Field, ...] = (
    Field("where", "word", "where the pain is: lower back, mid back, or upper back", words=WHERE),
    Field("now", "int", "pain right now, 0-10", minimum=0, maximum=10),
    Field("worst", "int", "worst pain in the last 24 hours, 0-10", minimum=0, maximum=10),
    Field("started_days_ago", "int", "days since it started (0 = today)", minimum=0, maximum=3650),
    Field("trigger", "word", "what set it off", words=TRIGGERS),
    Field("leg", "word", "pain or tingling spreading into a leg", words=LEG),
    Field("before", "word", "earlier episodes", words=BEFORE),
    Field(
        "interferes",
        "int",
        "how much it gets in the way of daily activities, 0-10",
        minimum=0,
        maximum=10,
    ),
)

#: One check-in as the answers keep it (docs/checkin-format.md, without `format`; `date` required).
CHECK_IN_FIELDS: tuple[Field, ...] = (
    Field("date", "date", "the day of the check-in, YYYY-MM-DD"),
    Field("pain_now", "int", "pain right now, 0-10", minimum=0, maximum=10),
    Field("pain_worst", "int", "worst pain in the last 24 hours, 0-10", minimum=0, maximum=10),
    Field(
        "goal_score",
        "int",
        "how well the goal activity can be done now, 0-10",
        required=False,
        minimum=0,
        maximum=10,
    ),
    Field("days_done", "int", "days of the last 7 the exercises were done", minimum=0, maximum=7),
    Field("made_worse", "ids", "exercises of the earlier plan that made the pain worse"),
    Field("symptoms", "words", "warning signs now present", words=SYMPTOMS),
    Field("leg", "word", "pain or tingling spreading into a leg now", words=LEG),
)

#: Where a chain of check-ins started: the first plan's date, pain and exercise stage.
FIRST_PLAN_FIELDS: tuple[Field, ...] = (
    Field("created", "date", "the day the first plan was made, YYYY-MM-DD"),
    Field("pain_now", "int", "pain right now at the first plan, 0-10", minimum=0, maximum=10),
    Field("stage", "word", "the first plan's exercise stage", words=STAGES),
)

FIELDS: tuple[Field, ...] = (
    Field("format", "const", "version tag", const=FORMAT),
    Field("name", "text", "printed on the plan", required=False, min_length=1, max_length=80),
    Field("age", "int", "age in years", minimum=0, maximum=120),
    Field("pregnant", "bool", "pregnant now"),
    Field(
        "pregnancy_weeks",
        "int",
        "weeks of pregnancy (required when pregnant)",
        required=False,
        minimum=1,
        maximum=45,
    ),
    Field("pain", "object", "the back pain", fields=PAIN_FIELDS),
    Field("symptoms", "words", "warning signs now present", words=SYMPTOMS),
    Field("conditions", "words", "health conditions", words=CONDITIONS),
    Field("medicines", "words", "medicines taken now", words=MEDICINES),
    Field("alcohol_3_or_more_daily", "bool", "3 or more alcoholic drinks most days"),
    Field(
        "weight_under_50kg",
        "bool",
        "weighs under 50 kg (paracetamol dosing caution)",
        required=False,
    ),
    Field("can_get_down_to_floor", "bool", "can get down to the floor and back up safely"),
    Field("activity", "word", "a normal day", words=ACTIVITIES),
    Field("goal", "text", "what the person wants to get back to", required=False, max_length=200),
    Field("paper", "word", "paper size", required=False, words=PAPERS),
    Field("large_print", "bool", "large print", required=False),
    Field(
        "language",
        "word",
        "the language of the questions and the plan",
        required=False,
        words=LANGUAGE_CODES,
    ),
    Field(
        "clinician_language",
        "word",
        "the language of the clinician's part, when it differs from the plan's",
        required=False,
        words=LANGUAGE_CODES,
    ),
    Field(
        "stopped_early",
        "bool",
        "the questionnaire stopped at an emergency answer",
        required=False,
    ),
    Field(
        "goal_score",
        "int",
        "how well the goal activity can be done now: 0 not at all, 10 as well as before the pain",
        required=False,
        minimum=0,
        maximum=10,
    ),
    Field(
        "check_ins",
        "objects",
        "the check-ins so far, oldest first (written by --check-in)",
        required=False,
        max_length=MOST_CHECK_INS,
        fields=CHECK_IN_FIELDS,
    ),
    Field(
        "first_plan",
        "object",
        "where the check-ins started: the first plan's date, pain and stage (with check_ins)",
        required=False,
        fields=FIRST_PLAN_FIELDS,
    ),
)

#: Fields a `stopped_early` document must have; the rest may be absent.
STOPPED_EARLY_REQUIRED = frozenset({"format", "age", "pregnant", "symptoms"})


@dataclass(frozen=True)
class Pain:
    """The back pain as the person describes it."""

    where: str
    now: int
    worst: int
    started_days_ago: int
    trigger: str
    leg: str
    before: str
    interferes: int


@dataclass(frozen=True)
class CheckIn:
    """One check-in: how things went since the earlier plan (docs/checkin-format.md)."""

    date: datetime.date
    pain_now: int
    pain_worst: int
    days_done: int
    made_worse: tuple[str, ...]
    symptoms: tuple[str, ...]
    leg: str
    goal_score: int | None = None


@dataclass(frozen=True)
class FirstPlan:
    """Where a chain of check-ins started: the first plan's date, pain now and stage."""

    created: datetime.date
    pain_now: int
    stage: str  # a phase, or "none" when the first plan had no exercises


@dataclass(frozen=True)
class Answers:
    """A valid `careplan-answers/1` document.

    `pain`, `alcohol_3_or_more_daily`, `can_get_down_to_floor` and `activity` are None only
    when `stopped_early` is true (the questionnaire stopped at an emergency answer).
    """

    age: int
    pregnant: bool
    symptoms: tuple[str, ...]
    pain: Pain | None = None
    conditions: tuple[str, ...] = ()
    medicines: tuple[str, ...] = ()
    alcohol_3_or_more_daily: bool | None = None
    can_get_down_to_floor: bool | None = None
    activity: str | None = None
    name: str | None = None
    pregnancy_weeks: int | None = None
    weight_under_50kg: bool = False
    goal: str | None = None
    paper: str | None = None
    large_print: bool = False
    #: The language of the questions and the plan: English when the answers did not messages.
    language: str | None = None
    #: The language of the clinician's part (therapist's page, log, sources): the plan's
    #: when the answers did not messages.
    clinician_language: str | None = None
    stopped_early: bool = False
    goal_score: int | None = None
    check_ins: tuple[CheckIn, ...] = ()
    first_plan: FirstPlan | None = None

    @property
    def words_in(self) -> str:
        """The language of the person's words: `language`, or English when it is not set."""
        return self.language or words.DEFAULT_LANGUAGE

    @property
    def clinician_words_in(self) -> str:
        """The language of the clinician's part: `clinician_language`, else the plan's."""
        return self.clinician_language or self.words_in

    def has(self, word: str) -> bool:
        """True when `word` is among the symptoms, conditions or medicines."""
        return word in self.symptoms or word in self.conditions or word in self.medicines

    def with_choices(
        self,
        paper: str | None = None,
        large_print: bool | None = None,
        language: str | None = None,
        clinician_language: str | None = None,
    ) -> Answers:
        """These answers with a command-line paper, large-print or language choice recorded in
        them."""
        changes: dict[str, Any] = {}
        if language is not None:
            changes["language"] = language
        if clinician_language is not None:
            changes["clinician_language"] = clinician_language
        if paper is not None:
            changes["paper"] = paper
        if large_print is not None:
            changes["large_print"] = large_print
        return dataclasses.replace(self, **changes)


def _describe(field: Field) -> str:
    if field.kind == "int":
        assert field.minimum is not None and field.maximum is not None
        return messages.a_whole_number(field.minimum, field.maximum)
    if field.kind == "bool":
        return messages.TRUE_OR_FALSE
    if field.kind == "text":
        return messages.text_of(field.min_length, field.max_length)
    if field.kind == "word":
        return messages.one_of(", ".join(f'"{w}"' for w in field.words))
    if field.kind == "words":
        return messages.A_LIST_OF_WORDS
    if field.kind == "object":
        return messages.AN_OBJECT
    if field.kind == "date":
        return messages.A_DATE
    if field.kind == "ids":
        return messages.A_LIST_OF_EXERCISE_IDS
    if field.kind == "objects":
        return messages.a_list_of_objects(field.max_length)
    return f'"{field.const}"'


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        name = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return messages.not_a_json_number(name)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError):
        return messages.deeply_nested(type(value).__name__)
    return _printable(text if len(text) <= 40 else text[:37] + "...")


def _printable(text: str) -> str:
    # Messages go to a terminal: escape anything that could move the cursor, change colours
    # or reorder the line (controls, direction overrides, unpaired surrogates).
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)


def printable(text: str) -> str:
    """`text` (a message, a file name) safe to print on a terminal as one line.

    Control characters (escape sequences, newlines), direction overrides and the like are
    shown as \\uXXXX, so that a file name cannot fake a line or take over the terminal.
    """
    if text.isprintable():
        return text
    return _printable(text)


def _key_path(prefix: str, key: str) -> str:
    if key.isidentifier() and len(key) <= 40:
        return prefix + key
    return prefix + _show(key)


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return messages.did_you_mean(close[0]) if close else ""


#: Invisible characters allowed in free text: the zero-width (non-)joiners, which Persian,
#: Indic scripts and emoji need to be spelled right.
JOINERS = frozenset("\u200c\u200d")
#: The most combining marks (accents, vowel signs) one letter may carry. Real names need up
#: to three (Vietnamese two, Hebrew with points three); dozens stack up over the lines above.
MAX_MARKS = 4


@functools.cache
def _plain_text_words(language: str) -> dict[str, str]:
    """Why typed text cannot be printed, in `language` (content/<language>/plain_text.toml)."""
    said = words.reader(language, "plain_text")
    found = {
        "too_many_marks": said.text("too_many_marks", "most", "position"),
        "control": said.text("control", "code", "position"),
        "broken": said.text("broken", "code", "position"),
        "invisible": said.text("invisible", "code", "position"),
    }
    said.finish()
    return found


def text_problem(text: str, language: str = words.DEFAULT_LANGUAGE) -> str | None:
    """Why free text (a name, a goal) cannot be printed as one line of plain text, or None.

    Control characters, unpaired surrogates and invisible formatting characters (direction
    overrides such as U+202E, zero-width spaces) are refused: they could hide, reorder or
    garble what is printed. Said in `language`: the questionnaire's, at the prompt; a file's
    problems are for developers and clinics, in English.
    """
    said = _plain_text_words(language)
    marks = 0
    for position, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        code = f"U+{ord(char):04X}"
        marks = marks + 1 if category in ("Mn", "Me", "Mc") else 0
        if marks > MAX_MARKS:
            return said["too_many_marks"].format(most=MAX_MARKS, position=position)
        kind = {"Cc": "control", "Cs": "broken", "Cf": "invisible"}.get(category)
        if kind and char not in JOINERS:
            return said[kind].format(code=code, position=position)
    return None


def _hint(field: Field, value: Any) -> str:
    if isinstance(value, str):
        if field.kind == "bool" and value.lower() in ("true", "false"):
            return messages.WRITE_TRUE_OR_FALSE
        if field.kind == "int" and value.strip().isdigit():
            return messages.WRITE_THE_NUMBER
    if field.kind == "int" and isinstance(value, float) and value.is_integer():
        return messages.WRITE_NO_DECIMAL_POINT
    return ""


def _check_value(path: str, field: Field, value: Any, problems: list[str]) -> None:
    expected = _describe(field)
    if field.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        assert field.minimum is not None and field.maximum is not None
        if not ok or not field.minimum <= value <= field.maximum:
            problems.append(messages.expected(path, expected, _show(value), _hint(field, value)))
    elif field.kind == "bool":
        if not isinstance(value, bool):
            problems.append(messages.expected(path, expected, _show(value), _hint(field, value)))
    elif field.kind == "text":
        if not isinstance(value, str):
            problems.append(messages.expected(path, expected, _show(value)))
            return
        if len(value) < field.min_length or (
            field.max_length is not None and len(value) > field.max_length
        ):
            problems.append(messages.expected_length(path, expected, len(value)))
        if (problem := text_problem(value)) is not None:
            problems.append(messages.field_problem(path, problem))
    elif field.kind == "word":
        if not isinstance(value, str) or value not in field.words:
            hint = _suggest(value, field.words) if isinstance(value, str) else ""
            problems.append(messages.expected(path, expected, _show(value), hint))
    elif field.kind == "words":
        if not isinstance(value, list):
            problems.append(messages.expected(path, messages.A_LIST_OF_WORDS, _show(value)))
            return
        seen: set[str] = set()
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in field.words:
                hint = _suggest(item, field.words) if isinstance(item, str) else ""
                problems.append(messages.unknown_word(f"{path}[{i}]", _show(item), hint))
            elif item in seen:
                problems.append(messages.listed_twice(f"{path}[{i}]", _show(item)))
            else:
                seen.add(item)
    elif field.kind == "const":
        if value != field.const:
            problems.append(messages.expected(path, expected, _show(value), _format_hint(value)))
    elif field.kind == "object":
        if not isinstance(value, dict):
            problems.append(messages.expected(path, messages.AN_OBJECT, _show(value)))
            return
        _check_object(path + ".", field.fields, value, problems, stopped_early=False)
    elif field.kind == "date":
        if parse_date(value) is None:
            problems.append(messages.expected(path, expected, _show(value)))
    elif field.kind == "ids":
        if not isinstance(value, list):
            problems.append(messages.expected(path, expected, _show(value)))
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or len(item) > 40 or not EXERCISE_ID.fullmatch(item):
                problems.append(messages.expected_exercise_id(f"{path}[{i}]", _show(item)))
            elif value.index(item) < i:
                problems.append(messages.listed_twice(f"{path}[{i}]", _show(item)))
    elif field.kind == "objects":
        if not isinstance(value, list) or len(value) > (field.max_length or 0):
            problems.append(messages.expected(path, expected, _show(value)))
            return
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                problems.append(messages.expected(f"{path}[{i}]", messages.AN_OBJECT, _show(item)))
            else:
                _check_object(f"{path}[{i}].", field.fields, item, problems, stopped_early=False)


def parse_date(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD text as a date, or None when it is not one."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _format_hint(value: Any) -> str:
    if value == "careplan-plan/1":
        return messages.A_PLAN_RECORD
    if isinstance(value, str) and value.startswith("careplan-answers/"):
        return messages.ANOTHER_VERSION
    return ""


def _check_object(
    prefix: str,
    fields: Sequence[Field],
    doc: Mapping[str, Any],
    problems: list[str],
    *,
    stopped_early: bool,
    partial: bool = False,
) -> None:
    known = {f.name: f for f in fields}
    for key in doc:
        if key not in known:
            hint = _suggest(key, list(known)) if len(key) <= 100 else ""
            problems.append(messages.unknown_field(_key_path(prefix, key), hint))
    for field in fields:
        path = prefix + field.name
        if field.name in doc:
            if partial and field.kind == "object" and isinstance(doc[field.name], dict):
                _check_object(
                    path + ".",
                    field.fields,
                    doc[field.name],
                    problems,
                    stopped_early=False,
                    partial=True,
                )
            else:
                _check_value(path, field, doc[field.name], problems)
        elif partial:
            continue
        elif field.required and not (stopped_early and field.name not in STOPPED_EARLY_REQUIRED):
            problems.append(messages.missing(path, _describe(field)))


def validate(doc: Any) -> list[str]:
    """Every problem in an answers document, one line each with its JSON path; [] if valid."""
    if not isinstance(doc, dict):
        return [messages.not_an_object(_show(doc))]
    problems: list[str] = []
    stopped_early = doc.get("stopped_early") is True
    _check_object("", FIELDS, doc, problems, stopped_early=stopped_early)
    pregnant = doc.get("pregnant")
    if pregnant is True and "pregnancy_weeks" not in doc:
        problems.append(messages.PREGNANCY_WEEKS_MISSING)
    if pregnant is False and "pregnancy_weeks" in doc:
        problems.append(messages.PREGNANCY_WEEKS_NOT_PREGNANT)
    symptoms = doc.get("symptoms")
    if pregnant is False and isinstance(symptoms, list) and "pregnancy_warning" in symptoms:
        problems.append(messages.only_when_pregnant("symptoms", "pregnancy_warning"))
    problems += _check_in_problems(doc)
    problems += language_problems(doc.get("language"))
    problems += language_problems(doc.get("clinician_language"), "clinician_language")
    return problems


def language_problems(language: Any, name: str = "language") -> list[str]:
    """A language of the answers format that careplan cannot write in yet, as a problem."""
    if language in LANGUAGE_CODES and language not in words.LANGUAGES:
        return [messages.language_not_yet(name, language, ", ".join(words.LANGUAGES))]
    return []


def _check_in_problems(doc: Mapping[str, Any]) -> list[str]:
    """`check_ins` and `first_plan` go together, and the check-ins' dates run in order."""
    check_ins, first = doc.get("check_ins"), doc.get("first_plan")
    if ("check_ins" in doc) != ("first_plan" in doc):
        return [messages.FIRST_PLAN_ALONE]
    if not isinstance(check_ins, list) or not isinstance(first, dict):
        return []
    if not check_ins:
        return [messages.NO_CHECK_INS]
    problems: list[str] = []
    before = parse_date(first.get("created"))
    for i, entry in enumerate(check_ins):
        day = parse_date(entry.get("date")) if isinstance(entry, dict) else None
        if day is not None and before is not None and day < before:
            problems.append(messages.check_in_before_plan(i, day.isoformat(), before.isoformat()))
        before = day or before
    return problems


def validate_partial(doc: Any) -> list[str]:
    """Problems in a partly answered document (a draft): like `validate`, but nothing is missing."""
    if not isinstance(doc, dict):
        return [messages.not_an_object(_show(doc))]
    problems: list[str] = []
    _check_object("", FIELDS, doc, problems, stopped_early=False, partial=True)
    if doc.get("pregnant") is False and "pregnancy_weeks" in doc:
        problems.append(messages.PREGNANCY_WEEKS_NOT_PREGNANT)
    return problems


def from_dict(doc: Any) -> Answers:
    """A validated `Answers` from a parsed JSON document; raises AnswersError with every problem."""
    problems = validate(doc)
    if problems:
        raise AnswersError(*problems)
    pain = Pain(**doc["pain"]) if "pain" in doc else None
    values: dict[str, Any] = {
        k: v for k, v in doc.items() if k not in ("format", "pain", "symptoms")
    }
    for key in ("conditions", "medicines"):
        if key in values:
            values[key] = tuple(values[key])
    if "check_ins" in values:
        values["check_ins"] = tuple(check_in_from_dict(entry) for entry in values["check_ins"])
    if "first_plan" in values:
        first = values["first_plan"]
        values["first_plan"] = FirstPlan(
            created=datetime.date.fromisoformat(first["created"]),
            pain_now=first["pain_now"],
            stage=first["stage"],
        )
    return Answers(symptoms=tuple(doc["symptoms"]), pain=pain, **values)


def check_in_from_dict(entry: Mapping[str, Any]) -> CheckIn:
    """A `CheckIn` from a validated check-in object (its `date` present)."""
    return CheckIn(
        date=datetime.date.fromisoformat(entry["date"]),
        pain_now=entry["pain_now"],
        pain_worst=entry["pain_worst"],
        days_done=entry["days_done"],
        made_worse=tuple(entry["made_worse"]),
        symptoms=tuple(entry["symptoms"]),
        leg=entry["leg"],
        goal_score=entry.get("goal_score"),
    )


def check_in_to_dict(entry: CheckIn) -> dict[str, Any]:
    """A check-in as the answers keep it, its fields in the order of the spec."""
    doc: dict[str, Any] = {}
    for field in CHECK_IN_FIELDS:
        value = getattr(entry, field.name)
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        doc[field.name] = list(value) if isinstance(value, tuple) else value
    return doc


def check_adult(answers: Answers) -> None:
    """Refuse, kindly, to make a plan for someone under 18."""
    if answers.age < ADULT_AGE:
        raise NotForChildrenError(messages.not_for_children(answers.age))


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    node = _Object(pairs)
    if len(node) < len(pairs):
        counts = collections.Counter(key for key, _ in pairs)
        node.duplicates = tuple(key for key, count in counts.items() if count > 1)
    return node


def _duplicate_keys(doc: Any) -> list[str]:
    # A key given twice is silently "last one wins" in most readers: say so instead. Linear:
    # only containers are visited, each once, and a path is spelled out only for a duplicate
    # (by walking back up its parents), never for every value.
    problems: list[str] = []
    parents: list[tuple[int, str | int]] = []  # per container: (parent's index, key or index)
    pending: list[tuple[Any, int, str | int]] = [(doc, -1, "")]
    while pending:
        node, parent, step = pending.pop()
        here = len(parents)
        parents.append((parent, step))
        if isinstance(node, _Object):
            for key in node.duplicates:
                problems.append(messages.given_twice(_path_of(parents, here, key)))
            pending.extend((v, here, k) for k, v in node.items() if isinstance(v, dict | list))
        elif isinstance(node, list):
            pending.extend((v, here, i) for i, v in enumerate(node) if isinstance(v, dict | list))
    return sorted(problems)


def _path_of(parents: list[tuple[int, str | int]], index: int, last: str) -> str:
    steps: list[str | int] = [last]
    while index > 0:
        index, step = parents[index]
        steps.append(step)
    path = ""
    for step in reversed(steps):
        path = (
            f"{path}[{step}]"
            if isinstance(step, int)
            else _key_path(path + "." if path else "", step)
        )
    return path


def too_big(size: int, kind: str = messages.ANSWERS_FILE.named) -> str:
    """The line for a file of `size` bytes, over the 1 MB an answers or check-in file may be."""
    return messages.too_large(size, kind)


def parse(text: str, source: str) -> Answers:
    """Answers from JSON text; `source` names the file in messages."""
    if len(text) > MAX_BYTES:
        raise AnswersError(messages.in_file(source, too_big(len(text.encode("utf-8", "replace")))))
    # Editors on Windows often start UTF-8 files with a byte order mark.
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as err:
        raise AnswersError(
            messages.not_valid_json(source, err.msg.removesuffix(" at"), err.lineno, err.colno)
        ) from None
    except RecursionError:
        raise AnswersError(messages.nested_too_deeply(source)) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise AnswersError(messages.huge_number(source)) from None
    problems = _duplicate_keys(doc) + validate(doc)
    if problems:
        raise AnswersError(*(messages.in_file(source, line) for line in problems))
    return from_dict(doc)


def decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AnswersError(messages.utf16(source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AnswersError(messages.not_utf8(source, err.start + 1)) from None


def load(path: str) -> Answers:
    """Answers from a file, or from standard input when `path` is "-"."""
    return parse(read_text(path), messages.STANDARD_INPUT if path == "-" else path)


def read_text(path: str, *, kind: messages.FileKind = messages.ANSWERS_FILE) -> str:
    """The text of an answers file (`--answers`, `--batch`) or a check-in file, or of standard
    input when `path` is "-": at most 1 MB of UTF-8, read as `read_input` reads a file.

    `kind` names the file in the messages: what it is, and that with its article
    (`careplan.messages.ANSWERS_FILE`, `CHECK_IN_FILE`).
    """
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream stands in for standard input (tests)
            return sys.stdin.read(MAX_BYTES + 1)
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise AnswersError(messages.standard_input_too_large(kind.named))
        return decode(data, messages.STANDARD_INPUT)
    too_large = functools.partial(too_big, kind=kind.named)
    data = read_input(Path(path), MAX_BYTES, kind=kind, too_large=too_large)
    return decode(data, path)


def read_input(
    path: Path, limit: int, *, kind: messages.FileKind, too_large: Callable[[int], str]
) -> bytes:
    """The bytes of an input file (answers, a check-in, a plan's PDF), every problem with it
    one InputFileError line: `read_regular`, with the system's errors said plainly."""
    shown = printable(str(path))
    try:
        return read_regular(path, limit, kind=kind, too_large=too_large)
    except FileNotFoundError:
        raise InputFileError(messages.no_such_file(shown)) from None
    except IsADirectoryError:
        raise InputFileError(messages.is_a_folder_not(shown, kind.named)) from None
    except PermissionError:
        raise InputFileError(messages.not_allowed_to_read(shown)) from None
    except OSError as err:
        raise InputFileError(messages.cannot_read(shown, str(err.strerror or err))) from None


def read_regular(
    path: Path, limit: int, *, kind: messages.FileKind, too_large: Callable[[int], str]
) -> bytes:
    """The bytes of the ordinary file `path`, at most `limit` of them.

    The size is checked before anything is read: a larger file is refused with the line
    `too_large(size)`. A pipe, a device or a socket is refused without waiting for a writer
    (opened without blocking, checked, closed). Both raise InputFileError; OSError otherwise.
    """

    def check(info: os.stat_result) -> None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, messages.IS_A_FOLDER, str(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(messages.not_ordinary_input(printable(str(path)), kind))

    check(os.stat(path))  # a device is not even opened: opening some has effects
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)  # the file opened, should it have been swapped meanwhile
        check(info)
        if info.st_size > limit:
            raise InputFileError(messages.in_file(printable(str(path)), too_large(info.st_size)))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise InputFileError(messages.in_file(printable(str(path)), too_large(size)))
        return b"".join(chunks)
    finally:
        os.close(fd)


def to_dict(answers: Answers) -> dict[str, Any]:
    """The answers as a `careplan-answers/1` document.

    Optional fields left unset are omitted; `large_print` is always written, like `paper`, so a
    plan re-made from it prints the same way.
    """
    doc: dict[str, Any] = {"format": FORMAT}
    for field in FIELDS[1:]:
        value = getattr(answers, field.name)
        if field.name == "pain":
            if value is not None:
                doc["pain"] = dataclasses.asdict(value)
            continue
        if field.name == "check_ins":
            if value:
                doc["check_ins"] = [check_in_to_dict(entry) for entry in value]
            continue
        if field.name == "first_plan":
            if value is not None:
                doc["first_plan"] = {
                    "created": value.created.isoformat(),
                    "pain_now": value.pain_now,
                    "stage": value.stage,
                }
            continue
        if value is None:
            continue
        if field.name in ("weight_under_50kg", "stopped_early") and value is False:
            continue
        doc[field.name] = list(value) if isinstance(value, tuple) else value
    return doc


def dumps(answers: Answers) -> str:
    """The answers as JSON text, exactly what `--save-answers` writes."""
    return json.dumps(to_dict(answers), indent=2, ensure_ascii=False) + "\n"


def _schema_of(field: Field) -> dict[str, Any]:
    node: dict[str, Any] = {"description": field.description}
    if field.kind == "int":
        node.update(type="integer", minimum=field.minimum, maximum=field.maximum)
    elif field.kind == "bool":
        node["type"] = "boolean"
    elif field.kind == "text":
        node.update(type="string", minLength=field.min_length)
        if field.max_length is not None:
            node["maxLength"] = field.max_length
    elif field.kind == "word":
        node.update(type="string", enum=list(field.words))
    elif field.kind == "words":
        node.update(
            type="array", items={"type": "string", "enum": list(field.words)}, uniqueItems=True
        )
    elif field.kind == "const":
        node["const"] = field.const
    elif field.kind == "object":
        node.update(_object_schema(field.fields))
    elif field.kind == "date":
        node.update(type="string", pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    elif field.kind == "ids":
        node.update(
            type="array",
            items={"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$", "maxLength": 40},
            uniqueItems=True,
        )
    elif field.kind == "objects":
        node.update(type="array", maxItems=field.max_length, items=_object_schema(field.fields))
    return node


def _object_schema(fields: Sequence[Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _schema_of(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def schema() -> dict[str, Any]:
    """The JSON Schema of `careplan-answers/1`, generated from the same field table."""
    root = _object_schema(FIELDS)
    full_required = root.pop("required")
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": FORMAT,
        **root,
        "required": sorted(STOPPED_EARLY_REQUIRED, key=[f.name for f in FIELDS].index),
        "allOf": [
            {
                "if": {
                    "not": {
                        "properties": {"stopped_early": {"const": True}},
                        "required": ["stopped_early"],
                    }
                },
                "then": {"required": full_required},
            },
            {
                "if": {"properties": {"pregnant": {"const": True}}, "required": ["pregnant"]},
                "then": {"required": ["pregnancy_weeks"]},
                "else": {"not": {"required": ["pregnancy_weeks"]}},
            },
        ],
    }
    return root
