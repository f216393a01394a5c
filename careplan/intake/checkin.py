"""The check-in: the `careplan-checkin/1` format, and an earlier plan plus a check-in made into
the answers of the next plan (docs/checkin-format.md).

The next plan's answers are the earlier plan's, updated: pain now and worst, leg, warning signs
and goal score from the check-in; the days since the pain started counted on from the first
plan (by the check-ins' dates); the check-in appended to `check_ins`; and, at the first
check-in, `first_plan` (the first plan's date, pain and stage). careplan/decide/stages.py works out
the stage from those answers alone, so `--from` re-makes any plan of the chain.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careplan import answers as answers_model
from careplan import messages
from careplan.answers import CHECK_IN_FIELDS, Answers, CheckIn, Field, FirstPlan
from careplan.errors import AnswersError, InputFileError

FORMAT = "careplan-checkin/1"
PLAN_NAME = "plan.json"
MOST_DAYS = 3650
#: A check-in file: the answers' check-in entry with a version tag, its date optional.
FIELDS: tuple[Field, ...] = (
    Field("format", "const", "version tag", const=FORMAT),
    dataclasses.replace(CHECK_IN_FIELDS[0], required=False),
    *CHECK_IN_FIELDS[1:],
)


@dataclass(frozen=True)
class Earlier:
    """The earlier plan, as its PDF carries it."""

    path: Path
    answers: Answers
    created: date
    phase: str | None
    #: The exercises it showed: (id, title), in the plan's order.
    exercises: tuple[tuple[str, str], ...]


def validate(doc: Any) -> list[str]:
    """Every problem in a check-in document, one line each with its JSON path; [] if valid."""
    if not isinstance(doc, dict):
        return [messages.not_an_object(answers_model._show(doc))]
    problems: list[str] = []
    answers_model._check_object("", FIELDS, doc, problems, stopped_early=False)
    return problems


def _plan_record(path: Path) -> dict[str, Any]:
    from careplan.intake import reread

    data = reread.attachment(path, PLAN_NAME)
    if data is None:
        raise InputFileError(messages.not_a_plan(str(path), PLAN_NAME))
    try:
        if len(data) > answers_model.MAX_BYTES:
            raise ValueError(messages.TOO_LARGE)
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputFileError(messages.record_damaged(str(path), PLAN_NAME)) from None
    if not isinstance(record, dict) or record.get("format") != "careplan-plan/1":
        raise InputFileError(messages.record_not_a_plan(str(path), PLAN_NAME))
    return record


def read_plan(path: Path) -> Earlier:
    """The earlier plan: its answers (checked like `--from`) and what it showed."""
    from careplan.intake import reread

    answers = reread.answers_from_pdf(path)
    record = _plan_record(path)
    created = answers_model.parse_date(record.get("created"))
    shown = record.get("exercises")
    phase = record.get("phase")
    if (
        created is None
        or not isinstance(shown, list)
        or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in shown)
        or phase not in (None, "acute", "settling", "strengthening")
    ):
        raise InputFileError(messages.record_without_exercises(str(path), PLAN_NAME))
    if answers.stopped_early or answers.pain is None:
        raise InputFileError(messages.emergency_plan_check_in(str(path)))
    from careplan.decide.exercises import catalogue

    titles = {k: v.title for k, v in catalogue().items()}
    exercises = tuple((e["id"], titles.get(e["id"], e["id"])) for e in shown)
    return Earlier(path, answers, created, phase, exercises)


def check(doc: dict[str, Any], earlier: Earlier, today: date) -> list[str]:
    """Problems of a valid check-in against the earlier plan: its date, its exercises."""
    problems: list[str] = []
    day = answers_model.parse_date(doc.get("date")) or today
    if day < earlier.created:
        problems.append(messages.check_in_before(day.isoformat(), earlier.created.isoformat()))
    if day > today:
        problems.append(messages.check_in_in_future(day.isoformat(), today.isoformat()))
    shown = [ex_id for ex_id, _ in earlier.exercises]
    worse = doc.get("made_worse")
    for i, ex_id in enumerate(worse if isinstance(worse, list) else []):
        # A malformed id is reported by validation already: one line per problem.
        if (
            isinstance(ex_id, str)
            and answers_model.EXERCISE_ID.fullmatch(ex_id)
            and (ex_id not in shown)
        ):
            listed = ", ".join(shown) if shown else messages.NONE
            problems.append(messages.not_in_the_plan(i, answers_model._show(ex_id), listed))
    symptoms = doc.get("symptoms")
    if (
        isinstance(symptoms, list)
        and "pregnancy_warning" in symptoms
        and not earlier.answers.pregnant
    ):
        problems.append(messages.only_when_pregnant("symptoms", "pregnancy_warning"))
    return problems


def parse(text: str, source: str, earlier: Earlier, today: date) -> CheckIn:
    """A check-in from JSON text, checked on its own and against the earlier plan."""
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text, object_pairs_hook=answers_model._object_pairs)
    except json.JSONDecodeError as err:
        raise AnswersError(
            messages.not_valid_json(source, err.msg, err.lineno, err.colno)
        ) from None
    except (RecursionError, ValueError):
        raise AnswersError(messages.not_a_check_in(source)) from None
    problems = answers_model._duplicate_keys(doc) + validate(doc)
    if isinstance(doc, dict):
        problems += check(doc, earlier, today)
    if problems:
        raise AnswersError(*(messages.in_file(source, line) for line in problems))
    return answers_model.check_in_from_dict({"date": today.isoformat(), **doc})


def load(path: str, earlier: Earlier, today: date) -> CheckIn:
    """A check-in from a file (or standard input when `path` is "-")."""
    text = answers_model.read_text(path, kind=messages.CHECK_IN_FILE)
    shown = messages.STANDARD_INPUT if path == "-" else answers_model.printable(path)
    return parse(text, shown, earlier, today)


def apply(earlier: Earlier, check_in: CheckIn) -> Answers:
    """The next plan's answers: the earlier ones updated by the check-in."""
    before = earlier.answers
    assert before.pain is not None
    last = before.check_ins[-1].date if before.check_ins else earlier.created
    days = min(before.pain.started_days_ago + (check_in.date - last).days, MOST_DAYS)
    pain = dataclasses.replace(
        before.pain,
        now=check_in.pain_now,
        worst=check_in.pain_worst,
        leg=check_in.leg,
        started_days_ago=max(days, 0),
    )
    first = before.first_plan or FirstPlan(
        created=earlier.created, pain_now=before.pain.now, stage=earlier.phase or "none"
    )
    return dataclasses.replace(
        before,
        pain=pain,
        symptoms=check_in.symptoms,
        goal_score=check_in.goal_score,
        check_ins=(*before.check_ins, check_in),
        first_plan=first,
    )


def emergency_answers(earlier: Earlier, symptoms: tuple[str, ...]) -> Answers:
    """What a check-in stopped at an emergency answer gives: a stopped-early answers document."""
    before = earlier.answers
    return Answers(
        age=before.age,
        pregnant=before.pregnant,
        pregnancy_weeks=before.pregnancy_weeks,
        name=before.name,
        symptoms=symptoms,
        paper=before.paper,
        large_print=before.large_print,
        stopped_early=True,
    )
