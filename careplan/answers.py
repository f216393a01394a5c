"""The `careplan-answers/1` model: declared once, then loaded, validated, saved and described."""

from __future__ import annotations

import dataclasses
import difflib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan.errors import AnswersError, InputFileError, NotForChildrenError

FORMAT = "careplan-answers/1"
ADULT_AGE = 18

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


@dataclass(frozen=True)
class Field:
    """One field of the answers document: its JSON name, type, limits and meaning."""

    name: str
    kind: str  # "int" | "bool" | "text" | "word" | "words" | "object" | "const"
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
        "stopped_early",
        "bool",
        "the questionnaire stopped at an emergency answer",
        required=False,
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
    stopped_early: bool = False

    def has(self, word: str) -> bool:
        """True when `word` is among the symptoms, conditions or medicines."""
        return word in self.symptoms or word in self.conditions or word in self.medicines

    def with_choices(self, paper: str | None = None, large_print: bool | None = None) -> Answers:
        """These answers with a command-line paper or large-print choice recorded in them."""
        changes: dict[str, Any] = {}
        if paper is not None:
            changes["paper"] = paper
        if large_print is not None:
            changes["large_print"] = large_print
        return dataclasses.replace(self, **changes)


def _describe(field: Field) -> str:
    if field.kind == "int":
        return f"a whole number {field.minimum}-{field.maximum}"
    if field.kind == "bool":
        return "true or false"
    if field.kind == "text":
        return f"text of {field.min_length}-{field.max_length} characters"
    if field.kind == "word":
        return "one of " + ", ".join(f'"{w}"' for w in field.words)
    if field.kind == "words":
        return "a list of words (may be empty)"
    if field.kind == "object":
        return "an object"
    return f'"{field.const}"'


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _check_value(path: str, field: Field, value: Any, problems: list[str]) -> None:
    expected = _describe(field)
    if field.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        assert field.minimum is not None and field.maximum is not None
        if not ok or not field.minimum <= value <= field.maximum:
            problems.append(f"{path}: expected {expected}, got {_show(value)}")
    elif field.kind == "bool":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected {expected}, got {_show(value)}")
    elif field.kind == "text":
        if not isinstance(value, str):
            problems.append(f"{path}: expected {expected}, got {_show(value)}")
        elif len(value) < field.min_length or (
            field.max_length is not None and len(value) > field.max_length
        ):
            problems.append(f"{path}: expected {expected}, got {len(value)} characters")
    elif field.kind == "word":
        if not isinstance(value, str) or value not in field.words:
            hint = _suggest(value, field.words) if isinstance(value, str) else ""
            problems.append(f"{path}: expected {expected}, got {_show(value)}{hint}")
    elif field.kind == "words":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list of words (may be empty), got {_show(value)}")
            return
        seen: set[str] = set()
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in field.words:
                hint = _suggest(item, field.words) if isinstance(item, str) else ""
                problems.append(f"{path}[{i}]: unknown word {_show(item)}{hint}")
            elif item in seen:
                problems.append(f"{path}[{i}]: {_show(item)} is listed twice")
            else:
                seen.add(item)
    elif field.kind == "const":
        if value != field.const:
            problems.append(f"{path}: expected {expected}, got {_show(value)}")
    elif field.kind == "object":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object, got {_show(value)}")
            return
        _check_object(path + ".", field.fields, value, problems, stopped_early=False)


def _check_object(
    prefix: str,
    fields: Sequence[Field],
    doc: Mapping[str, Any],
    problems: list[str],
    *,
    stopped_early: bool,
) -> None:
    known = {f.name: f for f in fields}
    for key in doc:
        if key not in known:
            problems.append(f"{prefix}{key}: unknown field{_suggest(key, list(known))}")
    for field in fields:
        path = prefix + field.name
        if field.name in doc:
            _check_value(path, field, doc[field.name], problems)
        elif field.required and not (stopped_early and field.name not in STOPPED_EARLY_REQUIRED):
            problems.append(f"{path}: missing; expected {_describe(field)}")


def validate(doc: Any) -> list[str]:
    """Every problem in an answers document, one line each with its JSON path; [] if valid."""
    if not isinstance(doc, dict):
        return [f"(document): expected a JSON object, got {_show(doc)}"]
    problems: list[str] = []
    stopped_early = doc.get("stopped_early") is True
    _check_object("", FIELDS, doc, problems, stopped_early=stopped_early)
    pregnant = doc.get("pregnant")
    if pregnant is True and "pregnancy_weeks" not in doc:
        problems.append("pregnancy_weeks: missing; expected a whole number 1-45 when pregnant")
    if pregnant is False and "pregnancy_weeks" in doc:
        problems.append('pregnancy_weeks: given, but "pregnant" is false')
    symptoms = doc.get("symptoms")
    if pregnant is False and isinstance(symptoms, list) and "pregnancy_warning" in symptoms:
        problems.append('symptoms: "pregnancy_warning" is only for a pregnant person')
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
    return Answers(symptoms=tuple(doc["symptoms"]), pain=pain, **values)


def check_adult(answers: Answers) -> None:
    """Refuse, kindly, to make a plan for someone under 18."""
    if answers.age < ADULT_AGE:
        raise NotForChildrenError(
            f"careplan is for adults, and you told us you are {answers.age}. "
            "Back pain in children and teenagers needs a doctor, nurse or physical therapist "
            "to check it: please see one, and take a parent or carer with you."
        )


def parse(text: str, source: str) -> Answers:
    """Answers from JSON text; `source` names the file in messages."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise AnswersError(
            f"{source}: not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    try:
        return from_dict(doc)
    except AnswersError as err:
        raise AnswersError(*(f"{source}: {line}" for line in err.lines)) from None


def load(path: str) -> Answers:
    """Answers from a file, or from standard input when `path` is "-"."""
    if path == "-":
        return parse(sys.stdin.read(), "standard input")
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, not an answers file") from None
    except PermissionError:
        raise InputFileError(f"{path}: not allowed to read it") from None
    except UnicodeDecodeError:
        raise AnswersError(f"{path}: not a text file (expected UTF-8 JSON)") from None
    except OSError as err:
        raise InputFileError(f"{path}: cannot read it: {err.strerror}") from None
    return parse(text, path)


def to_dict(answers: Answers) -> dict[str, Any]:
    """The answers as a `careplan-answers/1` document, omitting optional fields left unset."""
    doc: dict[str, Any] = {"format": FORMAT}
    for field in FIELDS[1:]:
        value = getattr(answers, field.name)
        if field.name == "pain":
            if value is not None:
                doc["pain"] = dataclasses.asdict(value)
            continue
        if value is None:
            continue
        if field.name in ("weight_under_50kg", "large_print", "stopped_early") and value is False:
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
