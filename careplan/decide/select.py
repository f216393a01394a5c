"""Answers and triage to a `Plan`: what is shown, what is withheld and why, in what order."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from careplan import messages, rules, words
from careplan.answers import Answers
from careplan.content import ContentLibrary, Item, Slot, library
from careplan.decide import review, stages
from careplan.decide import triage as screening
from careplan.decide.helpnow import covered, help_now_section, rest_of_the_signs
from careplan.decide.sharing import clinician_section, log_section, tier_badge, top_three
from careplan.errors import ContentError
from careplan.plan import (
    CLINICIAN_IDS,
    CLINICIAN_KINDS,
    CLINICIAN_NOTES,
    Plan,
    PlannedExercise,
    Section,
    Source,
    Table,
    Tier,
    Triage,
    Withheld,
    days_label,
    unique,
)

#: Joins the entries that share one row of the first-week routine, each a short sentence.
CELL_JOIN = ". "
#: The items that a plan below `urgent` must show or withhold (docs/plan-record.md).
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
#: The medicines an urgent plan checks, whatever their tiers: each one the answers rule out is
#: withheld, its reason printed, since a person waiting to be seen may reach for a tablet.
URGENT_MEDICINES = ("nsaid-oral", "nsaid-topical", "paracetamol", "muscle-relaxant")
#: The comfort measures an urgent plan checks the same way. Until a doctor has seen them it
#: offers one warmth or cold measure, the better supported first: heat, or where heat is
#: withheld, a cold pack (its variant written for the urgent tier); never the warm bath. Each
#: one the answers rule out is still listed with its reason.
URGENT_COMFORT = ("ice", "warm-bath")
#: Every item an urgent plan checks whatever its tiers (`choose`).
URGENT_CHECKED = URGENT_MEDICINES + URGENT_COMFORT


@functools.cache
def patterns(language: str) -> dict[str, str]:
    """The sentence patterns that join words of the library (content/<language>/patterns.toml)."""
    said = words.reader(language, "patterns")
    found = {
        "not_for_you": said.text("not_for_you", "title", "reason"),
        "week_change": said.text("week_change", "days", "text"),
        "made_worse": said.text("made_worse", "items"),
        "worse_instead": said.text("worse_instead", "title", "instead"),
        "worse_left_out": said.text("worse_left_out", "title"),
        "worse_join": said.text("worse_join"),
        "reason_join": said.text("reason_join"),
        "your_exercises": said.text("your_exercises"),
    }
    said.finish()
    return found


@dataclass(frozen=True)
class ItemSelection:
    """The content items of one kind for one person: sections shown, items withheld."""

    sections: tuple[Section, ...]
    withheld: tuple[Withheld, ...]
    withheld_sources: tuple[str, ...]


def _section(item: Item, answers: Answers, tier: Tier, withheld: Iterable[str] = ()) -> Section:
    """The item as shown to this person: its variant's words, and the cautions that match."""
    ids = tuple(withheld)
    variant = next(
        (
            v
            for v in item.variants
            if (not v.tiers or tier.value in v.tiers) and rules.matches(v.when, answers, ids)
        ),
        None,
    )
    cautions = [rule for rule in item.cautions if rules.matches(rule.when, answers, ids)]
    sources = [*item.sources, *(s for rule in cautions for s in rule.sources)]
    title, why, paragraphs, bullets = item.title, item.why, item.paragraphs, item.bullets
    if variant is not None:
        title = variant.title or title
        why = variant.why or why
        paragraphs = paragraphs if variant.paragraphs is None else variant.paragraphs
        bullets = bullets if variant.bullets is None else variant.bullets
        sources.extend(variant.sources)
    for part in item.parts:
        if rules.matches(part.when, answers):
            paragraphs = (*paragraphs, *part.paragraphs)
            bullets = (*bullets, *part.bullets)
            sources.extend(part.sources)
    return Section(
        id=item.id,
        kind=item.kind,
        title=title,
        why=why,
        paragraphs=paragraphs,
        bullets=bullets,
        cautions=unique(rule.text for rule in cautions),
        sources=unique(sources),
    )


def _written_for_urgent(item: Item, answers: Answers, withheld: Iterable[str] = ()) -> bool:
    """True when the item has words written for the urgent tier that fit these answers (and
    the items withheld so far)."""
    ids = tuple(withheld)
    return any(
        Tier.URGENT.value in v.tiers and rules.matches(v.when, answers, ids) for v in item.variants
    )


def choose(items: Iterable[Item], answers: Answers, tier: Tier) -> ItemSelection:
    """Each item for this tier whose `when` holds: shown with its cautions, or withheld.

    A `withheld` test in a `when` sees the items withheld earlier in `items`. In an urgent plan,
    each of URGENT_CHECKED is checked whatever its tiers, so that every one the answers rule
    out is withheld with its reason (docs/plan-record.md); it is shown there only in words
    written for the urgent tier (a variant with `tiers = ["urgent"]` whose `when` holds).
    """
    sections: list[Section] = []
    withheld: list[Withheld] = []
    withheld_sources: list[str] = []
    for item in items:
        checked_when_urgent = tier is Tier.URGENT and item.id in URGENT_CHECKED
        if tier.value not in item.tiers and not checked_when_urgent:
            continue
        ids = [w.id for w in withheld]
        if not rules.matches(item.when, answers, ids):
            continue
        ruled_out = [rule for rule in item.withhold if rules.matches(rule.when, answers, ids)]
        if ruled_out:
            join = patterns(answers.words_in)["reason_join"]
            reason = join.join(unique(rule.text for rule in ruled_out))
            withheld.append(Withheld(id=item.id, title=item.title, reason=reason))
            for rule in ruled_out:
                withheld_sources.extend(rule.sources or item.sources)
        elif not checked_when_urgent or _written_for_urgent(item, answers, ids):
            sections.append(_section(item, answers, tier, ids))
    return ItemSelection(tuple(sections), tuple(withheld), unique(withheld_sources))


def not_for_you(
    lib: ContentLibrary, withheld: tuple[Withheld, ...], sources: Iterable[str], language: str
) -> Section:
    """The list of everything left out, each with its reason, word for word."""
    frame = lib.frames["not-for-you"]
    pattern = patterns(language)["not_for_you"]
    return Section(
        id=frame.id,
        kind=frame.kind,
        title=frame.title,
        why=frame.why,
        paragraphs=frame.paragraphs,
        bullets=tuple(pattern.format(title=w.title, reason=w.reason) for w in withheld),
        sources=unique([*frame.sources, *sources]),
    )


def first_week(
    lib: ContentLibrary,
    answers: Answers,
    shown: tuple[Section, ...],
    exercises: tuple[PlannedExercise, ...],
) -> Section:
    """The first week as one routine: morning, midday and evening, then what changes when."""
    frame = lib.frames["first-week"]
    said = patterns(answers.words_in)
    titles = {section.id: section.title for section in shown}
    names = {
        "exercises": said["your_exercises"] if any(e.kind != "walking" for e in exercises) else "",
        "mobility": ", ".join(unique(e.title for e in exercises if e.kind == "mobility")),
    }
    if all(e.kind in ("mobility", "walking") for e in exercises):
        names["mobility"] = names["mobility"] and said["your_exercises"]
    days_ago = answers.pain.started_days_ago if answers.pain is not None else 0

    def used(slot: Slot) -> bool:
        present = names.get(slot.use, slot.use in titles)
        return bool(present) and (slot.when is None or rules.matches(slot.when, answers))

    def text(slot: Slot) -> str:
        return slot.text.format(title=titles.get(slot.use, ""), **names)

    rows: list[tuple[str, str]] = []
    for row in frame.rows:
        entries = [text(s) for s in frame.slots if s.row == row and used(s)]
        if entries:
            rows.append(
                (
                    frame.row_titles[row],
                    CELL_JOIN.join(e[:1].upper() + e[1:] for e in entries) + ".",
                )
            )
    changes: list[tuple[int, str]] = []
    for slot in frame.slots:
        if slot.row or not used(slot):
            continue
        limit = slot.within_pain_days
        days = [d for d in slot.days if limit is None or days_ago + d <= limit]
        if days:
            change = said["week_change"].format(
                days=days_label(days, answers.words_in), text=text(slot)
            )
            changes.append((days[0], change))
    changes.sort(key=lambda change: change[0])
    return Section(
        id=frame.id,
        kind=frame.kind,
        title=frame.title_after_check_in if answers.check_ins else frame.title,
        why=frame.why,
        paragraphs=frame.paragraphs,
        bullets=tuple(change for _, change in changes),
        tables=(Table(header=frame.header, rows=tuple(rows)),),
        sources=frame.sources,
    )


def cited_sources(
    lib: ContentLibrary, sections: Iterable[Section], exercises: Iterable[PlannedExercise]
) -> tuple[Source, ...]:
    """Every source the sections and exercises cite, sorted by short name."""
    cited = unique(
        [*(s for section in sections for s in section.sources)]
        + [s for exercise in exercises for s in exercise.sources]
    )
    unknown = [short for short in cited if short not in lib.sources]
    if unknown:
        raise ContentError([messages.unknown_sources(unknown)])
    return tuple(sorted((lib.sources[s] for s in cited), key=lambda s: s.short.casefold()))


def sources_section(lib: ContentLibrary, sources: tuple[Source, ...]) -> Section:
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


def build_plan(
    answers: Answers,
    triage: Triage,
    *,
    created: date,
    generator: str,
    progress: stages.Progress | None = None,
) -> Plan:
    """The plan for these answers at this tier (pure: same inputs, same plan).

    `progress` is what the answers' check-ins decided: the stage, the exercises to avoid, the
    history (careplan/decide/stages.py).
    """
    language = answers.words_in
    lib = library(language)
    tier = triage.level
    # A questionnaire stopped at an emergency answer makes the emergency plan (answers format).
    emergency = tier is Tier.EMERGENCY or answers.stopped_early
    said_before = frozenset() if emergency else covered(language)
    sections = list(screening.tier_sections(answers, triage, said_before))
    if not emergency:
        # Page 1's box of the signs that need help now or today, before the tier's own box;
        # the full list later says only what the box does not.
        urgent = tier is Tier.URGENT
        kidney = urgent and screening.has_kidney_signs(answers)
        rest = [
            rest_of_the_signs(s, language, urgent, kidney) if s.id == "warning-signs" else s
            for s in sections
        ]
        sections = [s for s in rest if s is not None]
        sections.insert(0, help_now_section(answers))
    phase: str | None = None
    exercises: tuple[PlannedExercise, ...] = ()
    withheld: tuple[Withheld, ...] = ()
    history = progress.history if progress is not None else ()
    review_on = None if emergency else review.review_on(answers, tier, created)
    ladder = None

    if emergency:
        sections.append(clinician_section(answers, triage, None, (), (), history=history))
    else:
        treatments = choose(lib.of_kind("treatment"), answers, tier)
        medicines = choose(lib.of_kind("medicine"), answers, tier)
        avoid = progress.avoid if progress is not None else frozenset()
        stage = stages.plan_stage(progress, answers, tier)
        selection = stages.select(answers, tier, stage, avoid)
        phase, exercises = selection.phase, selection.exercises
        withheld = treatments.withheld + medicines.withheld + selection.withheld
        sections += treatments.sections + medicines.sections
        if withheld:
            why_sources = treatments.withheld_sources + medicines.withheld_sources
            sections.append(not_for_you(lib, withheld, why_sources, language))
        sections += selection.sections
        if phase is not None:
            ladder = stages.build_ladder(answers, tier, phase, avoid)
            sections.append(review.ladder_section(ladder, tier, language))
        sections += choose(lib.of_kind("prevention"), answers, tier).sections
        # Until an urgent tier has been seen by a doctor: comfort measures only, no routine.
        if tier is not Tier.URGENT:
            sections.append(first_week(lib, answers, treatments.sections, exercises))
        # The dated review follows the first week, before what to expect.
        if review_on is not None:
            sections.append(review.review_section(answers, tier, review_on, created))
        info = choose(lib.of_kind("info"), answers, tier).sections
        if (history or tier is Tier.SOON) and review_on is not None:
            info = tuple(_when_seen_is_said(section) for section in info)
        sections += info
        sections.append(
            clinician_section(
                answers, triage, phase, exercises, withheld, review_on=review_on, history=history
            )
        )
        if tier is not Tier.URGENT:
            sections.append(log_section(answers, exercises))
        # Every check-in so far, with its reason, in the clinician's part, before the sources.
        if history:
            sections.append(review.history_section(history, language))

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
        review_on=review_on,
        ladder=ladder,
        check_ins=history,
        changes=_changes(progress, withheld, exercises, language),
    )
    # Page 1's three things come only from what this plan shows, so they are chosen last.
    return dataclasses.replace(plan, today=top_three(plan), badge=tier_badge(answers, triage))


#: After a check-in, and in a plan that sends the person to a doctor within days (`soon`), what
#: to expect says only how recovery goes (its first paragraph): when to see a GP or physical
#: therapist is the review's, with its date, and a `soon` plan's page 1 and review already send
#: them to a doctor first.
EXPECT_WHEN_SEEN_IS_SAID = {"what-to-expect": 1}


def _when_seen_is_said(section: Section) -> Section:
    """A section as a plan that says elsewhere when to be seen shows it: each thing said once."""
    keep = EXPECT_WHEN_SEEN_IS_SAID.get(section.id)
    if keep is None:
        return section
    return dataclasses.replace(section, paragraphs=section.paragraphs[:keep])


def _changes(
    progress: stages.Progress | None,
    withheld: tuple[Withheld, ...],
    exercises: tuple[PlannedExercise, ...],
    language: str,
) -> tuple[str, ...]:
    """What the last check-in changed, for the first page: the stage, then in one line the
    exercises that made the pain worse, each replaced or left out (each one's reason is in the
    "Not for you" list, word for word)."""
    if progress is None:
        return ()
    said = patterns(language)
    titles = {e.id: e.title for e in exercises}
    worse = [
        said["worse_instead"].format(title=w.title, instead=titles[w.instead])
        if w.instead in titles
        else said["worse_left_out"].format(title=w.title)
        for w in withheld
        if w.id in progress.worse_now
    ]
    if not worse:
        return progress.changes
    return (*progress.changes, said["made_worse"].format(items=said["worse_join"].join(worse)))


def make_plan(answers: Answers, *, created: date, generator: str) -> Plan:
    """Triage the answers, then build their plan: what the command line calls.

    Answers with check-ins get the stage their check-ins lead to (careplan/decide/stages.py). When
    the clinician's part is in another language, it is that of the same plan made in that
    language: the decisions never depend on the language, so only the words differ.
    """
    plan = build_plan(
        answers,
        screening.triage(answers),
        created=created,
        generator=generator,
        progress=stages.replay(answers),
    )
    if answers.clinician_words_in == answers.words_in:
        return plan
    theirs = dataclasses.replace(
        answers, language=answers.clinician_words_in, clinician_language=None
    )
    other = make_plan(theirs, created=created, generator=generator)
    in_their_words = {
        s.id: s
        for s in other.sections
        if s.kind in CLINICIAN_KINDS or s.id in CLINICIAN_IDS or s.id in CLINICIAN_NOTES
    }
    return dataclasses.replace(
        plan, sections=tuple(in_their_words.get(s.id, s) for s in plan.sections)
    )
