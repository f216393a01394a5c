"""The parts of the plan made for sharing: the clinician's page and the progress log."""

from __future__ import annotations

from careplan.answers import Answers
from careplan.plan import PlannedExercise, Section, Table, Triage, Withheld


def _words(values: tuple[str, ...]) -> str:
    return ", ".join(v.replace("_", " ") for v in values) or "none"


def clinician_section(
    answers: Answers,
    triage: Triage,
    phase: str | None,
    exercises: tuple[PlannedExercise, ...],
    withheld: tuple[Withheld, ...],
) -> Section:
    """A one-page summary of the answers and decisions for the physical therapist or doctor."""
    rows: list[tuple[str, str]] = [("Age", str(answers.age))]
    if answers.pregnant:
        rows.append(("Pregnant", f"yes, {answers.pregnancy_weeks} weeks"))
    if answers.pain is not None:
        pain = answers.pain
        rows += [
            ("Where", pain.where),
            ("Pain now / worst 24 h", f"{pain.now} / {pain.worst} (0-10)"),
            ("Interference", f"{pain.interferes} (0-10)"),
            ("Started", f"{pain.started_days_ago} days ago"),
            ("Trigger", pain.trigger.replace("_", " ")),
            ("Leg symptoms", pain.leg.replace("_", " ")),
            ("Earlier episodes", pain.before.replace("_", " ")),
        ]
    rows += [
        ("Warning signs", _words(answers.symptoms)),
        ("Conditions", _words(answers.conditions)),
        ("Medicines", _words(answers.medicines)),
        ("Triage", triage.level.value.replace("_", " ")),
        ("Phase", phase or "no exercise programme"),
    ]
    tables = [Table(header=("Item", "Answer"), rows=tuple(rows))]
    if exercises:
        tables.append(
            Table(header=("Exercise", "Dose"), rows=tuple((e.title, e.dose) for e in exercises))
        )
    if withheld:
        tables.append(
            Table(header=("Left out", "Why"), rows=tuple((w.title, w.reason) for w in withheld))
        )
    return Section(
        id="clinician",
        kind="clinician",
        title="For your physical therapist or doctor",
        why="summary of answers and decisions",
        bullets=triage.reasons,
        tables=tuple(tables),
        sources=("NICE NG59",),
    )


def log_section(answers: Answers, exercises: tuple[PlannedExercise, ...]) -> Section:
    """A two-week progress log to fill in by hand."""
    header = ("Day", "Pain AM", "Pain PM", *(e.title for e in exercises), "Walk (min)", "Notes")
    rows = tuple((str(day), *("" for _ in header[1:])) for day in range(1, 15))
    return Section(
        id="progress-log",
        kind="log",
        title="Your progress log",
        why="two-week record for the physical therapist",
        paragraphs=("A drop of 2 points, or about a third, on the 0-10 pain scale is a real change.",),
        tables=(Table(header=header, rows=rows),),
        sources=("Farrar 2001 / Salaffi 2004",),
    )
