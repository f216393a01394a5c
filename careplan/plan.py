"""The `Plan`: what was decided for one person; the contract between deciding and rendering."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    """The tier reached and, in plain words, every reason that led to a tier above self-care."""

    level: Tier
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A small table of plain text cells, e.g. the first-week schedule or the clinician summary."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


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


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of the programme with its dose for this person."""

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


@dataclass(frozen=True)
class Withheld:
    """An item the person's answers rule out, with the reason printed word for word."""

    id: str
    title: str
    reason: str


@dataclass(frozen=True)
class Source:
    """A reference the plan cites, by its short name."""

    short: str
    title: str
    year: str = ""


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
    #: The three most important things to do today, in order, for page 1 (decided in select).
    today: tuple[str, ...] = ()

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
            **({"today": list(self.today)} if self.today else {}),
        }
