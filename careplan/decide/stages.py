"""The exercise ladder and the stage rules of a check-in (pure; a starting point, synthesis).

The rules (move up, stay, move back) follow the clinical reference's "following the plan over
weeks" rules, which no primary source fixes: the plan presents them as a starting point that
the physical therapist may change. The 2-point change is Farrar 2001 / Salaffi 2004.

A plan made by a check-in is re-made from its `answers.json` alone (`--from`): the stage is
worked out again from `first_plan` (where the chain started) and `check_ins`, one check-in at a
time, each triaged on the answers as they were on that day.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from careplan import rules, words
from careplan.answers import Answers, CheckIn
from careplan.decide import exercises as library_of_exercises
from careplan.decide import triage as screening
from careplan.decide.exercises import POSITION_ORDER, WALKING, ExerciseSelection, select_exercises
from careplan.plan import PHASES, Ladder, PlannedExercise, Rung, StageChange, Tier, Withheld

#: A drop (or rise) of 2 points on the 0-10 scale is a real change (Farrar 2001).
REAL_CHANGE = 2
#: Pain at or below which a check-in moves up a stage whatever the change.
LOW_PAIN = 3
#: Days of the last 7 with the exercises done, needed to move up.
DAYS_TO_MOVE_UP = 4
#: On paper: the pain that allows the move to each stage, 2 days in a row.
PAPER_PAIN = {"settling": 5, "strengthening": 3}
#: Exercises are grouped by where the body is; a replacement comes from the same group.
POSITION_GROUPS = {
    "standing": "standing",
    "walking": "walking",
    "sitting": "sitting",
    "all_fours": "all_fours",
    "kneeling": "all_fours",
    "lying_back": "lying",
    "lying_side": "lying",
    "lying_front": "lying",
}
NO_EXERCISE_TIERS = (Tier.EMERGENCY, Tier.URGENT)
#: The `rule_id` of an exercise left out because a check-in said it made the pain worse.
MADE_WORSE = "made-worse"

#: The placeholders of every sentence of content/<language>/stages.toml, by key.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "stage_label": ("number", "name"),
    "why.no_exercises": (),
    "why.had_none": (),
    "why.higher": ("points",),
    "why.first_stage": (),
    "why.top_stage": (),
    "why.made_worse": (),
    "why.not_lower_yet": ("points",),
    "why.too_few_days": ("days", "needed"),
    "why.lower": ("points",),
    "why.low": ("pain",),
    "why.and_days": ("pain", "days"),
    "why.capped_soon": (),
    "why.capped": (),
    "why.sentence": ("verb", "stage", "because"),
    "move.again": (),
    "move.up": (),
    "move.back": (),
    "move.stay": (),
    "made_worse.reason": (),
    "made_worse.instead": ("title",),
    "review.title": ("day",),
    "review.why": (),
    "review.doctor_first": (),
    "review.how": (),
    "review.again": (),
    "review.urgent": (),
    "review.not_lower": ("points", "now", "target"),
    "review.not_down_to": ("target",),
    "review.not_gone": (),
    "review.as_page_one": (),
    "review.see": ("worse",),
    "ladder.title": (),
    "ladder.why": (),
    "ladder.at": (),
    "ladder.move_up": ("settling", "strengthening"),
    "ladder.go_back": (),
    "ladder.capped": (),
    "history.title": (),
    "history.why": (),
    "history.stages": (),
}


@functools.cache
def _stage_words(language: str) -> dict[str, str]:
    said = words.reader(language, "stages")
    found = {key: said.text(key, *fields) for key, fields in _PATTERNS.items()}
    said.finish()
    return found


def said(language: str) -> dict[str, str]:
    """The sentences of the stages, the check-in's decision and the review (stages.toml), in
    `language`."""
    return _stage_words(language)


def say(language: str, key: str, **fields: object) -> str:
    """The sentence `key` of stages.toml in `language` with its placeholders filled in."""
    return _stage_words(language)[key].format(**fields)


def stage_name(stage: str, language: str) -> str:
    """The stage's everyday name, e.g. "the first days"."""
    return str(library_of_exercises.library(language).phases[stage]["name"])


def stage_label(stage: str, language: str) -> str:
    """E.g. "stage 2 (settling down)"."""
    return say(
        language, "stage_label", number=PHASES.index(stage) + 1, name=stage_name(stage, language)
    )


def _lower(a: str, b: str) -> str:
    return a if PHASES.index(a) <= PHASES.index(b) else b


@dataclass(frozen=True)
class Progress:
    """What the check-ins so far decide for the next plan."""

    #: The stage the plan's exercises are for; None when the plan has none (urgent or worse).
    stage: str | None
    #: Exercises a check-in said made the pain worse: never shown again.
    avoid: frozenset[str]
    history: tuple[StageChange, ...]
    #: The last check-in's change, in plain words, for the first page.
    changes: tuple[str, ...]
    #: The exercises the last check-in said made the pain worse.
    worse_now: frozenset[str] = frozenset()


def cap_for(answers: Answers, tier: Tier) -> str | None:
    """The highest stage these answers allow: the phase rule, with the `soon` cap; None if none."""
    if answers.pain is None or tier in NO_EXERCISE_TIERS:
        return None
    return library_of_exercises.phase_for(answers.pain, tier)


def _why_not_up(check_in: CheckIn, drop: int, language: str) -> str:
    if check_in.made_worse:
        return say(language, "why.made_worse")
    if drop < REAL_CHANGE and check_in.pain_now > LOW_PAIN:
        return say(language, "why.not_lower_yet", points=REAL_CHANGE)
    return say(language, "why.too_few_days", days=check_in.days_done, needed=DAYS_TO_MOVE_UP)


def _why_up(check_in: CheckIn, drop: int, language: str) -> str:
    pain = (
        say(language, "why.lower", points=drop)
        if drop >= REAL_CHANGE
        else say(language, "why.low", pain=check_in.pain_now)
    )
    return say(language, "why.and_days", pain=pain, days=check_in.days_done)


def _verb(old: str | None, new: str, language: str) -> str:
    if old is None:
        return say(language, "move.again")
    if PHASES.index(new) > PHASES.index(old):
        return say(language, "move.up")
    if PHASES.index(new) < PHASES.index(old):
        return say(language, "move.back")
    return say(language, "move.stay")


def step(
    stage: str | None,
    last_pain: int,
    check_in: CheckIn,
    cap: str | None,
    tier: Tier,
    language: str = words.DEFAULT_LANGUAGE,
) -> tuple[str | None, str]:
    """The next stage after one check-in, and why, in plain words.

    Up one stage when the pain is at least 2 points lower than at the last plan (or at most 3),
    the exercises were done on at least 4 of the last 7 days and none made it worse; back one
    stage (never below the first) when the pain is 2 or more points higher; the same stage
    otherwise. The phase rule and the `soon` tier cap the result.
    """
    if cap is None:
        return None, say(language, "why.no_exercises")
    drop = last_pain - check_in.pain_now
    if stage is None:
        target, because = "acute", say(language, "why.had_none")
    elif -drop >= REAL_CHANGE:
        target = PHASES[max(PHASES.index(stage) - 1, 0)]
        because = say(language, "why.higher", points=-drop)
        if target == stage:
            because += say(language, "why.first_stage")
    elif (
        (drop >= REAL_CHANGE or check_in.pain_now <= LOW_PAIN)
        and check_in.days_done >= DAYS_TO_MOVE_UP
        and not check_in.made_worse
    ):
        target = PHASES[min(PHASES.index(stage) + 1, len(PHASES) - 1)]
        because = _why_up(check_in, drop, language)
        if target == stage:
            because += say(language, "why.top_stage")
    else:
        target, because = stage, _why_not_up(check_in, drop, language)
    final = _lower(target, cap)
    if final != target:
        if tier is Tier.SOON:
            because += say(language, "why.capped_soon")
        else:
            because += say(language, "why.capped")
    return final, say(
        language,
        "why.sentence",
        verb=_verb(stage, final, language),
        stage=stage_label(final, language),
        because=because,
    )


def answers_on(answers: Answers, check_in: CheckIn, days_ago: int) -> Answers:
    """The answers as they were on a check-in's day."""
    assert answers.pain is not None
    pain = dataclasses.replace(
        answers.pain,
        now=check_in.pain_now,
        worst=check_in.pain_worst,
        leg=check_in.leg,
        started_days_ago=days_ago,
    )
    return dataclasses.replace(
        answers, pain=pain, symptoms=check_in.symptoms, goal_score=check_in.goal_score
    )


def replay(answers: Answers) -> Progress | None:
    """The stage and history that the answers' check-ins lead to; None without check-ins.

    Deterministic: the same answers give the same progress, so `--from` re-makes the plan.
    """
    first = answers.first_plan
    if not answers.check_ins or first is None or answers.pain is None:
        return None
    last_day = answers.check_ins[-1].date
    stage: str | None = None if first.stage == "none" else first.stage
    last_pain = first.pain_now
    history: list[StageChange] = []
    avoid: set[str] = set()
    for check_in in answers.check_ins:
        # The days since the pain started are counted on from the first plan.
        days_ago = max(answers.pain.started_days_ago - (last_day - check_in.date).days, 0)
        then = answers_on(answers, check_in, days_ago)
        tier = screening.triage(then).level
        new_stage, reason = step(
            stage, last_pain, check_in, cap_for(then, tier), tier, answers.words_in
        )
        history.append(
            StageChange(
                date=check_in.date,
                pain_now=check_in.pain_now,
                goal_score=check_in.goal_score,
                days_done=check_in.days_done,
                stage_from=stage,
                stage_to=new_stage,
                reason=reason,
            )
        )
        avoid.update(check_in.made_worse)
        stage, last_pain = new_stage, check_in.pain_now
    return Progress(
        stage=stage,
        avoid=frozenset(avoid),
        history=tuple(history),
        changes=(history[-1].reason,),
        worse_now=frozenset(answers.check_ins[-1].made_worse),
    )


def plan_stage(progress: Progress | None, answers: Answers, tier: Tier) -> str | None:
    """The stage of a plan: the check-ins' (as far as the answers allow), else None (phase rule)."""
    cap = cap_for(answers, tier)
    if progress is None or progress.stage is None or cap is None:
        return None
    return _lower(progress.stage, cap)


def _candidates(answers: Answers) -> list[str]:
    content = library_of_exercises.library(answers.words_in)
    assert answers.pain is not None
    programme = next(p for p in content.programmes if answers.pain.where in p.where)
    active = [a for a in content.adaptations if rules.matches(a.when, answers)]
    return list(
        dict.fromkeys(
            [
                *(i for phase in PHASES for i in programme.phases[phase]),
                *(i for a in active for i in a.fill),
            ]
        )
    )


def _sorted(items: Iterable[PlannedExercise]) -> tuple[PlannedExercise, ...]:
    return tuple(sorted(items, key=lambda e: (e.id == WALKING, POSITION_ORDER.index(e.position))))


def select(
    answers: Answers, tier: Tier, stage: str | None, avoid: frozenset[str] = frozenset()
) -> ExerciseSelection:
    """The exercises for this stage (the phase rule's when None), without those in `avoid`.

    An exercise that made the pain worse is replaced by another of the same stage and position
    group that the answers do not rule out, or left out; either way with its reason.
    """
    chosen = select_exercises(answers, tier, phase=stage)
    if chosen.phase is None or not avoid & {e.id for e in chosen.exercises}:
        return chosen
    language = answers.words_in
    content = library_of_exercises.library(language)
    items = content.exercises
    active = tuple(a for a in content.adaptations if rules.matches(a.when, answers))
    phase = chosen.phase
    starting = tier is Tier.SOON or phase == "acute"
    kept = [e for e in chosen.exercises if e.id not in avoid]
    withheld = list(chosen.withheld)
    for gone in (e for e in chosen.exercises if e.id in avoid):
        reason = say(language, "made_worse.reason")
        instead = ""
        taken = {e.id for e in kept} | {items[e.id].family for e in kept}
        for base in _candidates(answers):
            shown, _, _ = library_of_exercises._resolve(base, active, items)
            if (
                shown is not None
                and shown not in avoid
                and shown not in taken
                and items[shown].family not in taken
                and items[shown].family != items[gone.id].family
                and phase in items[shown].phases
                and POSITION_GROUPS[items[shown].position] == POSITION_GROUPS[gone.position]
            ):
                kept.append(
                    items[shown].planned(
                        starting=starting,
                        stop=library_of_exercises.stop_rule(content, items[shown], answers),
                    )
                )
                reason += say(language, "made_worse.instead", title=items[shown].title)
                instead = shown
                break
        withheld.append(
            Withheld(
                id=gone.id, title=gone.title, reason=reason, rule_id=MADE_WORSE, instead=instead
            )
        )
    return dataclasses.replace(chosen, exercises=_sorted(kept), withheld=tuple(withheld))


def build_ladder(
    answers: Answers, tier: Tier, current: str, avoid: frozenset[str] = frozenset()
) -> Ladder:
    """The three stages with this person's exercises for each; the current and next marked.

    At the `soon` tier there is no next stage past the second until a doctor has seen them.
    """
    index = PHASES.index(current)
    following = PHASES[index + 1] if index + 1 < len(PHASES) else None
    if tier is Tier.SOON and following == "strengthening":
        following = None
    rungs = []
    for phase in PHASES:
        chosen = select(answers, tier, phase, avoid)
        shown = tuple(e for e in chosen.exercises if e.id != WALKING)
        rungs.append(
            Rung(
                phase=phase,
                name=stage_name(phase, answers.words_in),
                exercises=shown,
                current=phase == current,
                next=phase == following,
            )
        )
    return Ladder(rungs=tuple(rungs))
