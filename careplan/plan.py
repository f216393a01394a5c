"""The `Plan`: what was decided for one person; the contract between deciding and rendering."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from careplan import words
from careplan.answers import Answers

PLAN_FORMAT = "careplan-plan/1"

SECTION_KINDS = (
    "warning",
    "treatment",
    "medicine",
    "exercise",
    "prevention",
    "schedule",
    "info",
    "clinician",
    "log",
    "sources",
)
#: The kinds of section that make the clinician's part, from a new page, after the person's;
#: written in the answers' `clinician_language`.
CLINICIAN_KINDS = ("clinician", "log", "sources")
#: Sections of another kind in the clinician's part: the history of check-ins (for the
#: person, page 1 says what the last check-in changed).
CLINICIAN_IDS = ("check-ins",)
#: Notes written for the clinician, not for the person ("consider inflammatory back pain"):
#: in the clinician's part, in the clinician's language; a home plan prints them on the
#: therapist's page, an emergency or urgent plan after the staff's or doctor's page.
CLINICIAN_NOTES = ("inflammatory-back-pain",)
POSITIONS = (
    "standing",
    "sitting",
    "walking",
    "all_fours",
    "kneeling",
    "lying_back",
    "lying_side",
    "lying_front",
)
PHASES = ("acute", "settling", "strengthening")


@functools.cache
def _dates(language: str) -> dict[str, Any]:
    """The words of dates in `language` (content/<language>/dates.toml)."""
    said = words.reader(language, "dates")
    found: dict[str, Any] = {
        "months": said.texts("months"),
        "weekdays": said.texts("weekdays"),
        "date": said.text("date", "day", "month", "year"),
        "day": said.text("day", "weekday", "day", "month", "year"),
        "days.one": said.text("days.one", "day"),
        "days.two": said.text("days.two", "first", "last"),
        "days.range": said.text("days.range", "first", "last"),
        "days.list": said.text("days.list", "days", "last"),
        "days.list_joiner": said.text("days.list_joiner"),
    }
    said.finish()
    return found


def date_words(day: date, language: str) -> str:
    """A date in words, e.g. 22 November 2026."""
    said = _dates(language)
    return str(said["date"]).format(day=day.day, month=said["months"][day.month - 1], year=day.year)


def day_text(day: date, language: str) -> str:
    """E.g. "Tuesday 8 December 2026"."""
    said = _dates(language)
    return str(said["day"]).format(
        weekday=said["weekdays"][day.weekday()],
        day=day.day,
        month=said["months"][day.month - 1],
        year=day.year,
    )


class Tier(enum.Enum):
    """How urgently the person should see someone; declared most urgent first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"

    @property
    def rank(self) -> int:
        """0 for the most urgent tier, larger for less urgent ones."""
        return list(Tier).index(self)

    def more_urgent_than(self, other: Tier) -> bool:
        """True when this tier calls for care sooner than `other`."""
        return self.rank < other.rank


@dataclass(frozen=True)
class Triage:
    """The tier reached and, in plain words, every reason that led to a tier above self-care.

    `rule_ids` are the triage rules behind the reasons, in the same order; any reasons beyond
    them were given by a caller. Code finds a rule by its id, never by its words.
    """

    level: Tier
    reasons: tuple[str, ...] = ()
    rule_ids: tuple[str, ...] = ()


#: How many of the warning box's actions page 1's list of things to do today says, by tier:
#: the box prints only the rest.
ACTIONS_TODAY: dict[Tier, int] = {
    Tier.EMERGENCY: 2,
    Tier.URGENT: 1,
    Tier.SOON: 1,
    Tier.ROUTINE: 1,
    Tier.SELF_CARE: 0,
}


@dataclass(frozen=True)
class Table:
    """A small table of plain text cells, e.g. the first-week schedule or the clinician summary."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    #: The cells (row, column) that answer yes to a warning sign: printed in bold, boxed type.
    marked: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class ReasonGroup:
    """Reasons printed together: each one's own words as a bullet, then the closing sentence
    they share, said once ("" when the group is reasons printed whole)."""

    bullets: tuple[str, ...]
    after: str = ""


@dataclass(frozen=True)
class Section:
    """One part of the plan as the person reads it, with the sources it rests on."""

    id: str
    kind: str
    title: str
    why: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    sources: tuple[str, ...] = ()
    #: The warning box's first paragraph sentence by sentence: the tier's action, whose
    #: first sentences page 1's list of things to do today says (ACTIONS_TODAY).
    actions: tuple[str, ...] = ()
    #: The tier box's bullets as printed: grouped by the sentence they end with (triage.py).
    reason_groups: tuple[ReasonGroup, ...] = ()
    #: An emergency plan's box: each reason's sign alone, found by rule id (triage.py).
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of the programme with its dose for this person.

    `dose` is the whole dose as one sentence (plan.json); `amount` (repetitions or hold),
    `how_often` (times a day) and `build_up` are its parts, for printing as fields. `kind` is
    `mobility`, `strengthening` or `walking`. `because` is set when this is a version of an
    exercise (chair, wall, standing, all-fours, side-lying): why this version, printed after
    "because" (lower case, no full stop); "" otherwise. `brief` is not in plan.json.
    """

    id: str
    title: str
    position: str
    dose: str
    why: str
    start: str
    steps: tuple[str, ...]
    feel: str = ""
    mistakes: tuple[str, ...] = ()
    stop: str = ""
    sources: tuple[str, ...] = ()
    kind: str = ""
    amount: str = ""
    how_often: str = ""
    build_up: str = ""
    because: str = ""
    #: The start and steps in a sentence or two: how the ladder's compact rows print it.
    brief: str = ""


@dataclass(frozen=True)
class Withheld:
    """An item the person's answers rule out, with the reason printed word for word.

    `rule_id` names what ruled it out when code needs to know (an exercise adaptation's id);
    `instead` is the id of the exercise shown in its place, if any. Neither is in plan.json.
    """

    id: str
    title: str
    reason: str
    rule_id: str = ""
    instead: str = ""


@dataclass(frozen=True)
class Source:
    """A reference the plan cites, by its short name."""

    short: str
    title: str
    year: str = ""


@dataclass(frozen=True)
class StageChange:
    """One check-in as the plan records it: what was reported, and the stage it led to."""

    date: date
    pain_now: int
    goal_score: int | None
    days_done: int
    stage_from: str | None
    stage_to: str | None
    reason: str

    def to_record(self) -> dict[str, Any]:
        """The entry of `check_ins` in `plan.json` (docs/plan-record.md)."""
        return {
            "date": self.date.isoformat(),
            "pain_now": self.pain_now,
            "goal_score": self.goal_score,
            "days_done": self.days_done,
            "stage_from": self.stage_from,
            "stage_to": self.stage_to,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Rung:
    """One stage of the exercise ladder: its exercises for this person, chosen as a plan would."""

    phase: str
    name: str
    exercises: tuple[PlannedExercise, ...]
    current: bool = False
    #: The next stage up from the person's: its exercises are printed in full.
    next: bool = False


@dataclass(frozen=True)
class Ladder:
    """The three stages, the person's marked, and when to move up or back."""

    rungs: tuple[Rung, ...]

    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise the ladder names, each once."""
        return tuple(dict.fromkeys(e.id for r in self.rungs for e in r.exercises))


@dataclass(frozen=True)
class Plan:
    """What was decided for one person; `plan.json` is `to_record()` written out."""

    answers: Answers
    created: date
    generator: str
    triage: Triage
    phase: str | None
    sections: tuple[Section, ...]
    exercises: tuple[PlannedExercise, ...] = ()
    withheld: tuple[Withheld, ...] = ()
    sources: tuple[Source, ...] = field(default=())
    #: When the plan says to check in or see someone; None for an emergency plan.
    review_on: date | None = None
    #: The ladder of stages (plans with exercises).
    ladder: Ladder | None = None
    #: Every check-in so far, oldest first (plans made by a check-in).
    check_ins: tuple[StageChange, ...] = ()
    #: What this check-in changed and why, in plain words, for the first page.
    changes: tuple[str, ...] = ()

    @property
    def review_text(self) -> str:
        """The review date in words, e.g. "Tuesday 15 December 2026"; "" when there is none."""
        return day_text(self.review_on, self.language) if self.review_on is not None else ""

    def figure_ids(self) -> tuple[str, ...]:
        """The exercises whose drawings the plan prints: its own, then the ladder's."""
        ladder = self.ladder.exercise_ids() if self.ladder is not None else ()
        return tuple(dict.fromkeys([*(e.id for e in self.exercises), *ladder]))

    #: The three most important things to do today, in order, for page 1 (decided in select).
    today: tuple[str, ...] = ()
    #: Page 1's badge: the tier's name and what it means for this person (decided in select).
    badge: tuple[str, str] = ("", "")

    @property
    def language(self) -> str:
        """The language the plan is written in: its answers'."""
        return self.answers.language or words.DEFAULT_LANGUAGE

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def to_record(self) -> dict[str, Any]:
        """The `careplan-plan/1` record embedded in the PDF as `plan.json`."""
        return {
            "format": PLAN_FORMAT,
            "generator": self.generator,
            "created": self.created.isoformat(),
            "triage": {"level": self.triage.level.value, "reasons": list(self.triage.reasons)},
            "phase": self.phase,
            "sections": [
                {"id": s.id, "kind": s.kind, "title": s.title, "why": s.why} for s in self.sections
            ],
            "exercises": [
                {"id": e.id, "position": e.position, "dose": e.dose, "why": e.why}
                for e in self.exercises
            ],
            "withheld": [{"id": w.id, "reason": w.reason} for w in self.withheld],
            **({"review_on": self.review_on.isoformat()} if self.review_on else {}),
            **({"check_ins": [c.to_record() for c in self.check_ins]} if self.check_ins else {}),
            **({"today": list(self.today)} if self.today else {}),
            "language": self.language,
        }


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Each value once, in the order first met: ids, sources, cautions."""
    return tuple(dict.fromkeys(values))


def days_label(days: Iterable[int], language: str) -> str:
    """ "Day 4", "Days 1 and 2", "Days 3 to 5", "Days 4 and 7": the days a change applies to."""
    days = sorted(days)
    said = _dates(language)
    if len(days) == 1:
        return str(said["days.one"]).format(day=days[0])
    if len(days) == 2:
        return str(said["days.two"]).format(first=days[0], last=days[1])
    if days == list(range(days[0], days[-1] + 1)):
        return str(said["days.range"]).format(first=days[0], last=days[-1])
    joined = str(said["days.list_joiner"]).join(map(str, days[:-1]))
    return str(said["days.list"]).format(days=joined, last=days[-1])
