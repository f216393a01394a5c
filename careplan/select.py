"""Answers and triage to a `Plan`: what is shown, what is withheld and why, in what order."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from careplan import rules
from careplan import triage as screening
from careplan.answers import Answers
from careplan.content import ContentError, Item, Library, library
from careplan.exercises import select_exercises
from careplan.helpnow import help_now_section
from careplan.plan import Plan, PlannedExercise, Section, Source, Table, Tier, Triage, Withheld
from careplan.sharing import clinician_section, log_section, top_three

#: Joins the reasons when several withhold rules rule out one item.
REASON_JOIN = "; and "
#: Joins the entries that share one cell of the first-week table, each a short sentence.
CELL_JOIN = ". "
#: The items that a plan below `urgent` must show or withhold (spec/plan-v1.md).
REQUIRED_BELOW_URGENT = (
    "keep-moving",
    "heat",
    "ice",
    "warm-bath",
    "nsaid-oral",
    "nsaid-topical",
    "paracetamol",
    "muscle-relaxant",
)


@dataclass(frozen=True)
class Choice:
    """The content items of one kind for one person: sections shown, items withheld."""

    sections: tuple[Section, ...]
    withheld: tuple[Withheld, ...]
    withheld_sources: tuple[str, ...]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _section(item: Item, answers: Answers, tier: Tier) -> Section:
    """The item as shown to this person: its variant's words, and the cautions that match."""
    variant = next(
        (
            v
            for v in item.variants
            if (not v.tiers or tier.value in v.tiers) and rules.matches(v.when, answers)
        ),
        None,
    )
    cautions = [rule for rule in item.cautions if rules.matches(rule.when, answers)]
    sources = [*item.sources, *(s for rule in cautions for s in rule.sources)]
    title, why, paragraphs, bullets = item.title, item.why, item.paragraphs, item.bullets
    if variant is not None:
        title = variant.title or title
        why = variant.why or why
        paragraphs = paragraphs if variant.paragraphs is None else variant.paragraphs
        bullets = bullets if variant.bullets is None else variant.bullets
        sources.extend(variant.sources)
    return Section(
        id=item.id,
        kind=item.kind,
        title=title,
        why=why,
        paragraphs=paragraphs,
        bullets=bullets,
        cautions=_unique(rule.text for rule in cautions),
        sources=_unique(sources),
    )


def choose(items: Iterable[Item], answers: Answers, tier: Tier) -> Choice:
    """Each item for this tier whose `when` holds: shown with its cautions, or withheld."""
    sections: list[Section] = []
    withheld: list[Withheld] = []
    withheld_sources: list[str] = []
    for item in items:
        if tier.value not in item.tiers or not rules.matches(item.when, answers):
            continue
        ruled_out = [rule for rule in item.withhold if rules.matches(rule.when, answers)]
        if ruled_out:
            reason = REASON_JOIN.join(_unique(rule.text for rule in ruled_out))
            withheld.append(Withheld(id=item.id, title=item.title, reason=reason))
            for rule in ruled_out:
                withheld_sources.extend(rule.sources or item.sources)
        else:
            sections.append(_section(item, answers, tier))
    return Choice(tuple(sections), tuple(withheld), _unique(withheld_sources))


def not_for_you(lib: Library, withheld: tuple[Withheld, ...], sources: Iterable[str]) -> Section:
    """The list of everything left out, each with its reason, word for word."""
    frame = lib.frames["not-for-you"]
    return Section(
        id=frame.id,
        kind=frame.kind,
        title=frame.title,
        why=frame.why,
        paragraphs=frame.paragraphs,
        bullets=tuple(f"Not for you: {w.title}, because {w.reason}" for w in withheld),
        sources=_unique([*frame.sources, *sources]),
    )


def first_week(
    lib: Library,
    answers: Answers,
    shown: tuple[Section, ...],
    exercises: tuple[PlannedExercise, ...],
) -> Section:
    """The first seven days as a table of the chosen treatments, exercises and walks."""
    frame = lib.frames["first-week"]
    titles = {section.id: section.title for section in shown}
    names = ", ".join(_unique(e.title for e in exercises if e.position != "walking"))
    days_ago = answers.pain.started_days_ago if answers.pain is not None else 0
    rows: list[tuple[str, ...]] = []
    for day in range(1, 8):
        cells: list[str] = []
        for column in frame.header[1:]:
            entries = [
                slot.text.format(exercises=names, title=titles.get(slot.use, ""))
                for slot in frame.slots
                if slot.column == column
                and day in slot.days
                and (names if slot.use == "exercises" else slot.use in titles)
                and (slot.within_pain_days is None or days_ago + day <= slot.within_pain_days)
            ]
            cells.append(CELL_JOIN.join(entries) + "." if entries else "")
        rows.append((f"Day {day}", *cells))
    return Section(
        id=frame.id,
        kind=frame.kind,
        title=frame.title,
        why=frame.why,
        paragraphs=frame.paragraphs,
        tables=(Table(header=frame.header, rows=tuple(rows)),),
        sources=frame.sources,
    )


def cited_sources(
    lib: Library, sections: Iterable[Section], exercises: Iterable[PlannedExercise]
) -> tuple[Source, ...]:
    """Every source the sections and exercises cite, sorted by short name."""
    cited = _unique(
        [*(s for section in sections for s in section.sources)]
        + [s for exercise in exercises for s in exercise.sources]
    )
    unknown = [short for short in cited if short not in lib.sources]
    if unknown:
        raise ContentError([f"the plan cites sources not in sources.toml: {unknown}"])
    return tuple(sorted((lib.sources[s] for s in cited), key=lambda s: s.short.casefold()))


def sources_section(lib: Library, sources: tuple[Source, ...]) -> Section:
    """The list of sources at the end of the plan."""
    frame = lib.frames["sources"]
    return Section(
        id=frame.id,
        kind=frame.kind,
        title=frame.title,
        why=frame.why,
        paragraphs=frame.paragraphs,
        tables=(
            Table(header=frame.header, rows=tuple((s.short, s.title, s.year) for s in sources)),
        ),
        sources=frame.sources,
    )


def build_plan(answers: Answers, triage: Triage, *, created: date, generator: str) -> Plan:
    """The plan for these answers at this tier (pure: same inputs, same plan)."""
    lib = library()
    tier = triage.level
    # A questionnaire stopped at an emergency answer makes the emergency plan (spec: answers-v1).
    emergency = tier is Tier.EMERGENCY or answers.stopped_early
    sections = list(screening.tier_sections(answers, triage))
    if not emergency:
        # Page 1's box of the signs that need help now or today, before the tier's own box.
        sections.insert(0, help_now_section(answers))
    phase: str | None = None
    exercises: tuple[PlannedExercise, ...] = ()
    withheld: tuple[Withheld, ...] = ()

    if emergency:
        sections.append(clinician_section(answers, triage, None, (), ()))
    else:
        treatments = choose(lib.of_kind("treatment"), answers, tier)
        medicines = choose(lib.of_kind("medicine"), answers, tier)
        selection = select_exercises(answers, tier)
        phase, exercises = selection.phase, selection.exercises
        withheld = treatments.withheld + medicines.withheld + selection.withheld
        sections += treatments.sections + medicines.sections
        if withheld:
            why_sources = treatments.withheld_sources + medicines.withheld_sources
            sections.append(not_for_you(lib, withheld, why_sources))
        sections += selection.sections
        sections += choose(lib.of_kind("prevention"), answers, tier).sections
        # Until an urgent tier has been seen by a doctor: comfort measures only, no routine.
        if tier is not Tier.URGENT:
            sections.append(first_week(lib, answers, treatments.sections, exercises))
        sections += choose(lib.of_kind("info"), answers, tier).sections
        sections.append(clinician_section(answers, triage, phase, exercises, withheld))
        if tier is not Tier.URGENT:
            sections.append(log_section(answers, exercises))

    sources = cited_sources(lib, sections, exercises)
    sections.append(sources_section(lib, sources))
    plan = Plan(
        answers=answers,
        created=created,
        generator=generator,
        triage=triage,
        phase=phase,
        sections=tuple(sections),
        exercises=exercises,
        withheld=withheld,
        sources=sources,
    )
    # Page 1's three things come only from what this plan shows, so they are chosen last.
    return dataclasses.replace(plan, today=top_three(plan))


def make_plan(answers: Answers, *, created: date, generator: str) -> Plan:
    """Triage the answers, then build their plan: what the command line calls."""
    return build_plan(answers, screening.triage(answers), created=created, generator=generator)
