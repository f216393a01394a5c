"""The parts of the plan made for sharing: the clinician's page, the progress log, the cover."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan import rules, words
from careplan.answers import Answers
from careplan.content import library
from careplan.decide import exercises as programme
from careplan.decide.triage import maternity_first
from careplan.plan import (
    ACTIONS_TODAY,
    Plan,
    PlannedExercise,
    Section,
    StageChange,
    Table,
    Tier,
    Triage,
    Withheld,
)

WALKING = "walking"
#: Every other label and sentence pattern, by group and key, with the placeholders it has.
_PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "answer": {"yes": (), "none": ()},
    "found": {
        "pregnant": (),
        "no_floor": (),
        "alcohol": (),
        "under_50kg": (),
        "age": ("age",),
        "pregnancy_weeks": ("weeks",),
        "pain_days": ("days",),
    },
    "withheld": {"line": ("item", "why"), "replaced": ("item", "why", "instead")},
    "started": {"today": (), "one_day": (), "days": ("days",), "weeks": ("days", "weeks")},
    "summary": {
        "caption": (),
        "name": (),
        "age": (),
        "age_value": ("age",),
        "pregnant": (),
        "pregnant_value": ("weeks",),
        "where": (),
        "pain_now": (),
        "worst": (),
        "interference": (),
        "interference_value": ("score",),
        "started": (),
        "trigger": (),
        "leg": (),
        "before": (),
        "activity": (),
        "floor": (),
        "conditions": (),
        "medicines": (),
        "alcohol": (),
        "under_50kg": (),
    },
    "screen": {"caption": (), "sign": (), "answer": ()},
    "clinician": {
        "title": (),
        "why": (),
        "exercises_caption": ("phase",),
        "no_phase": (),
        "phase_acute": (),
        "phase_settling": (),
        "phase_strengthening": (),
        "withheld_caption": (),
        "tier": ("badge", "asks"),
        "stopped_early": (),
        "no_reasons": (),
        "no_exercises": (),
        "review_on": ("date",),
        "goal_score": ("score",),
        "goal": ("goal",),
        "goal_and_score": ("goal", "score"),
    },
    "check_ins": {
        "entry": ("date", "pain", "goal", "days", "stage_from", "stage_to"),
        "which_some": ("shown", "all"),
        "which_all": (),
        "line": ("which", "entries"),
        "caption": (),
        "reason": (),
        "no_stage": (),
    },
    "log": {
        "title": (),
        "why": (),
        "day": (),
        "pain_am": (),
        "pain_pm": (),
        "goal": (),
        "heat_or_ice": (),
        "exercise": ("number",),
        "walk": (),
        "sleep": (),
        "notes": (),
        "legend": ("number", "title"),
        "goal_paragraph": (),
    },
    "today": {
        "maternity_asks": (),
        "heat": (),
        "ice": (),
        "warm-bath": (),
        "comfort": ("words", "title"),
        "exercises": ("count",),
        "show": (),
        "show_table": ("caption",),
        "keep_moving": (),
    },
}


@dataclass(frozen=True)
class Said:
    """The words of the therapist's page, the log and page 1's list, in one language."""

    no: str
    #: A warning sign the person has, in the therapist's screen table (printed in bold, boxed).
    yes: str
    not_asked: str
    #: The screen as the questionnaire asks it: emergency signs first, the others later on.
    emergency_signs: dict[str, str]
    pregnancy_sign: tuple[str, str]
    other_signs: dict[str, str]
    conditions: dict[str, str]
    medicines: dict[str, str]
    choices: dict[str, str]
    #: The tier as a badge word and what it asks, for the cover and the clinician page.
    tier_badges: dict[Tier, tuple[str, str]]
    #: Items left out, in a clinician's words (the person's part keeps its own words).
    clinical_items: dict[str, str]
    #: Each triage rule's reason in a clinician's words, one short line (decide/triage.py RULES).
    rules: dict[str, str]
    patterns: dict[str, str]
    exercises_header: tuple[str, ...]
    check_ins_header: tuple[str, ...]
    log_paragraphs: tuple[str, ...]

    def say(self, key: str, **fields: object) -> str:
        """The label or sentence `key` ("group.key") with its placeholders filled in."""
        return self.patterns[key].format(**fields)


@functools.cache
def said(language: str) -> Said:
    """The words of content/<language>/sharing.toml; ContentError lists every problem."""
    reader = words.reader(language, "sharing")
    found = Said(
        no=reader.text("answer.no"),
        yes=reader.text("answer.sign_yes"),
        not_asked=reader.text("answer.not_asked"),
        emergency_signs=reader.table("emergency_signs"),
        pregnancy_sign=("pregnancy_warning", reader.text("pregnancy_sign.pregnancy_warning")),
        other_signs=reader.table("other_signs"),
        conditions=reader.table("conditions"),
        medicines=reader.table("medicines"),
        choices=reader.table("choices"),
        tier_badges={
            tier: (reader.text(f"tier_badge.{tier.value}"), reader.text(f"tier_asks.{tier.value}"))
            for tier in Tier
        },
        clinical_items=reader.table("clinical_items"),
        rules=reader.table("rules"),
        patterns={
            f"{group}.{key}": reader.text(f"{group}.{key}", *fields)
            for group, keys in _PATTERNS.items()
            for key, fields in keys.items()
        },
        exercises_header=reader.texts("clinician.exercises_header"),
        check_ins_header=reader.texts("check_ins.header"),
        log_paragraphs=reader.texts("log.paragraphs"),
    )
    reader.finish()
    return found


def _has(answers: Answers, words: Any) -> list[str]:
    w = said(answers.words_in)
    labels = {**w.emergency_signs, **w.other_signs, **w.conditions, **w.medicines}
    return [labels.get(w, w.replace("_", " ")) for w in words if answers.has(w)]


def _clinical_when(when: Mapping[str, Any], answers: Answers) -> list[str]:
    """What in the answers made a when-table hold, in a clinician's words."""
    w = said(answers.words_in)
    found: list[str] = []
    for key, value in when.items():
        if key in ("any", "all"):
            found += _has(answers, value)
        elif key == "pregnant" and value:
            found.append(w.say("found.pregnant"))
        elif key == "floor" and value is False:
            found.append(w.say("found.no_floor"))
        elif key == "alcohol" and value:
            found.append(w.say("found.alcohol"))
        elif key == "weight_under_50kg" and value:
            found.append(w.say("found.under_50kg"))
        elif key in ("age_at_least", "age_below"):
            found.append(w.say("found.age", age=answers.age))
        elif key == "pregnancy_weeks_at_least":
            found.append(w.say("found.pregnancy_weeks", weeks=answers.pregnancy_weeks))
        elif key in ("days_at_least", "days_below") and answers.pain is not None:
            found.append(w.say("found.pain_days", days=answers.pain.started_days_ago))
        elif key in ("where", "activity", "trigger", "leg", "before"):
            value_now = getattr(answers.pain, key, None) if key != "activity" else answers.activity
            if value_now is not None:
                found.append(w.choices.get(value_now, str(value_now)))
        elif key == "either":
            held = [sub for sub in value if rules.matches(sub, answers)]
            if held:
                found += _clinical_when(held[0], answers)
    return found


def _clinical_exercise(answers: Answers, item: Withheld) -> str:
    """An exercise left out or replaced: the adaptation's condition in a clinician's words."""
    w = said(answers.words_in)
    catalogue = programme.catalogue(answers.words_in)
    adaptation = next(
        (a for a in programme.library(answers.words_in).adaptations if a.id == item.rule_id), None
    )
    if adaptation is not None and rules.matches(adaptation.when, answers):
        words = "; ".join(dict.fromkeys(_clinical_when(adaptation.when, answers)))
        if words:
            instead = catalogue[item.instead].title if item.instead in catalogue else ""
            if instead:
                return w.say("withheld.replaced", item=item.title, why=words, instead=instead)
            return w.say("withheld.line", item=item.title, why=words)
    return w.say("withheld.line", item=item.title, why=item.reason)


def clinical_withheld(answers: Answers, item: Withheld) -> str:
    """A withheld item in a clinician's words, e.g. "oral NSAID: on an anticoagulant".

    From the content's own withhold rules (or the exercise adaptation) that hold for these
    answers; where none says why in clinical terms, the person's reason is kept.
    """
    w = said(answers.words_in)
    try:
        content = library(answers.words_in).item(item.id)
    except KeyError:
        return _clinical_exercise(answers, item)
    name = w.clinical_items.get(item.id, item.title)
    why = [
        word
        for rule in content.withhold
        if rules.matches(rule.when, answers)
        for word in _clinical_when(rule.when, answers)
    ]
    return w.say("withheld.line", item=name, why="; ".join(dict.fromkeys(why)) or item.reason)


def _yes_no(w: Said, value: bool | None, yes: str = "") -> str:
    if value is None:
        return w.not_asked
    return (yes or w.say("answer.yes")) if value else w.no


def _labels(words: tuple[str, ...], labels: dict[str, str]) -> str:
    return "; ".join(labels.get(w, w.replace("_", " ")) for w in words)


def _days(w: Said, days: int) -> str:
    if days == 0:
        return w.say("started.today")
    if days == 1:
        return w.say("started.one_day")
    if days < 28:
        return w.say("started.days", days=days)
    return w.say("started.weeks", days=days, weeks=days // 7)


def _summary(answers: Answers) -> Table:
    w = said(answers.words_in)
    rows: list[tuple[str, str]] = []
    if answers.name:
        rows.append((w.say("summary.name"), answers.name))
    rows.append((w.say("summary.age"), w.say("summary.age_value", age=answers.age)))
    if answers.pregnant:
        weeks = w.say("summary.pregnant_value", weeks=answers.pregnancy_weeks)
        rows.append((w.say("summary.pregnant"), weeks))
    pain = answers.pain
    if pain is not None:
        rows += [
            (w.say("summary.where"), w.choices[pain.where]),
            (w.say("summary.pain_now"), f"{pain.now}/10"),
            (w.say("summary.worst"), f"{pain.worst}/10"),
            (
                w.say("summary.interference"),
                w.say("summary.interference_value", score=pain.interferes),
            ),
            (w.say("summary.started"), _days(w, pain.started_days_ago)),
            (w.say("summary.trigger"), w.choices[pain.trigger]),
            (w.say("summary.leg"), w.choices[pain.leg]),
            (w.say("summary.before"), w.choices[pain.before]),
        ]
    if answers.activity is not None:
        rows.append((w.say("summary.activity"), w.choices[answers.activity]))
    if answers.can_get_down_to_floor is not None:
        rows.append((w.say("summary.floor"), _yes_no(w, answers.can_get_down_to_floor)))
    # A questionnaire stopped at an emergency answer never reached conditions and medicines.
    unasked = w.not_asked if answers.stopped_early else w.say("answer.none")
    rows += [
        (w.say("summary.conditions"), _labels(answers.conditions, w.conditions) or unasked),
        (w.say("summary.medicines"), _labels(answers.medicines, w.medicines) or unasked),
    ]
    if answers.alcohol_3_or_more_daily is not None:
        rows.append((w.say("summary.alcohol"), _yes_no(w, answers.alcohol_3_or_more_daily)))
    if answers.weight_under_50kg:
        rows.append((w.say("summary.under_50kg"), w.say("answer.yes")))
    return Table(header=(), rows=tuple(rows), caption=w.say("summary.caption"))


def _screen(answers: Answers) -> Table:
    w = said(answers.words_in)
    signs = dict(w.emergency_signs)
    if answers.pregnant:
        signs[w.pregnancy_sign[0]] = w.pregnancy_sign[1]
    found: list[tuple[str, bool | None]] = [
        (label, word in answers.symptoms) for word, label in signs.items()
    ]
    # A questionnaire stopped at an emergency answer never asked the later signs.
    for word, label in w.other_signs.items():
        found.append((label, None if answers.stopped_early else word in answers.symptoms))
    return Table(
        header=(w.say("screen.sign"), w.say("screen.answer")),
        rows=tuple((label, _yes_no(w, has, w.yes)) for label, has in found),
        caption=w.say("screen.caption"),
        marked=frozenset((i, 1) for i, (_, has) in enumerate(found) if has),
    )


def clinical_reasons(triage: Triage, language: str) -> tuple[str, ...]:
    """Why the tier was reached, one short line in a clinician's words for each rule; a reason
    without a rule (given by a caller) as it is."""
    ids = (*triage.rule_ids, *([""] * (len(triage.reasons) - len(triage.rule_ids))))
    return tuple(
        said(language).rules.get(rule_id) or reason
        for reason, rule_id in zip(triage.reasons, ids, strict=False)
    )


def clinician_section(
    answers: Answers,
    triage: Triage,
    phase: str | None,
    exercises: tuple[PlannedExercise, ...],
    withheld: tuple[Withheld, ...],
    *,
    review_on: date | None = None,
    history: tuple[StageChange, ...] = (),
) -> Section:
    """A one-page summary of the answers and decisions for the physical therapist or doctor.

    Its first two tables (the answers, the warning-sign screen) print side by side.
    """
    w = said(answers.words_in)
    tables = [_summary(answers), _screen(answers)]
    if exercises:
        tables.append(
            Table(
                header=w.exercises_header,
                rows=tuple(
                    (str(number), e.title, e.dose, "")
                    for number, e in enumerate(exercises, start=1)
                ),
                caption=w.say(
                    "clinician.exercises_caption",
                    phase=w.say(f"clinician.phase_{phase}" if phase else "clinician.no_phase"),
                ),
            )
        )
    if withheld:
        tables.append(
            Table(
                header=(),
                rows=tuple((clinical_withheld(answers, w),) for w in withheld),
                caption=w.say("clinician.withheld_caption"),
            )
        )
    badge, meaning = w.tier_badges[triage.level]
    paragraphs = [w.say("clinician.tier", badge=badge.upper(), asks=meaning)]
    if answers.stopped_early:
        paragraphs.append(w.say("clinician.stopped_early"))
    if not triage.reasons:
        paragraphs.append(w.say("clinician.no_reasons"))
    if not exercises:
        paragraphs.append(w.say("clinician.no_exercises"))
    if review_on is not None:
        # On the tier's line, and the score on the goal's: the page stays one page.
        paragraphs[0] += " " + w.say("clinician.review_on", date=review_on.isoformat())
    score = (
        w.say("clinician.goal_score", score=answers.goal_score)
        if answers.goal_score is not None
        else ""
    )
    if answers.goal:
        goal = w.say("clinician.goal", goal=answers.goal)
        paragraphs.append(
            w.say("clinician.goal_and_score", goal=goal, score=score) if score else goal
        )
    elif score:
        paragraphs.append(score)
    if history:
        paragraphs.append(_history_line(w, history))
    return Section(
        id="clinician",
        kind="clinician",
        title=w.say("clinician.title"),
        why=w.say("clinician.why"),
        paragraphs=tuple(paragraphs),
        bullets=clinical_reasons(triage, answers.words_in),
        tables=tuple(tables),
        sources=("NICE NG59",),
    )


#: The therapist's page shows at most this many check-ins (section `check-ins`, after the
#: progress log, has them all, each with its reason).
CLINICIAN_CHECK_INS = 3
STAGE_NUMBERS = {"acute": "1", "settling": "2", "strengthening": "3", None: "none"}


def _history_line(w: Said, history: tuple[StageChange, ...]) -> str:
    """The check-ins in one short paragraph, so that the page stays one page (every check-in
    and its reason are in section `check-ins`, later in the clinician's part)."""
    shown = history[-CLINICIAN_CHECK_INS:]
    entries = "; ".join(
        w.say(
            "check_ins.entry",
            date=c.date.isoformat(),
            pain=c.pain_now,
            goal="-" if c.goal_score is None else c.goal_score,
            days=c.days_done,
            stage_from=STAGE_NUMBERS[c.stage_from],
            stage_to=STAGE_NUMBERS[c.stage_to],
        )
        for c in shown
    )
    which = (
        w.say("check_ins.which_some", shown=len(shown), all=len(history))
        if len(shown) < len(history)
        else w.say("check_ins.which_all")
    )
    return w.say("check_ins.line", which=which, entries=entries)


def history_table(
    history: tuple[StageChange, ...],
    language: str,
    caption: str | None = None,
    *,
    reasons: bool = True,
) -> Table:
    """The check-ins as a table: date, pain, goal score, days done, stage, and why."""
    w = said(language)
    caption = w.say("check_ins.caption") if caption is None else caption
    stages = ("acute", "settling", "strengthening")

    def stage(value: str | None) -> str:
        return w.say("check_ins.no_stage") if value is None else str(stages.index(value) + 1)

    header = (*w.check_ins_header, *((w.say("check_ins.reason"),) if reasons else ()))
    return Table(
        header=header,
        rows=tuple(
            (
                c.date.isoformat(),
                f"{c.pain_now}/10",
                "-" if c.goal_score is None else f"{c.goal_score}/10",
                f"{c.days_done}/7",
                f"{stage(c.stage_from)} → {stage(c.stage_to)}",
                *((c.reason,) if reasons else ()),
            )
            for c in history
        ),
        caption=caption,
    )


def log_section(answers: Answers, exercises: tuple[PlannedExercise, ...]) -> Section:
    """A two-week progress log to fill in by hand, one row a day.

    Exercises keep their card numbers; walking has its own minutes column instead of a tick.
    """
    w = said(answers.words_in)
    ticked = [(number, e) for number, e in enumerate(exercises, start=1) if e.id != WALKING]
    header = (
        w.say("log.day"),
        w.say("log.pain_am"),
        w.say("log.pain_pm"),
        *((w.say("log.goal"),) if answers.goal else ()),
        w.say("log.heat_or_ice"),
        *(w.say("log.exercise", number=number) for number, _ in ticked),
        w.say("log.walk"),
        w.say("log.sleep"),
        w.say("log.notes"),
    )
    rows = tuple((str(day), *("" for _ in header[1:])) for day in range(1, 15))
    legend = tuple(w.say("log.legend", number=number, title=e.title) for number, e in ticked)
    paragraphs = (*w.log_paragraphs, *((w.say("log.goal_paragraph"),) if answers.goal else ()))
    return Section(
        id="progress-log",
        kind="log",
        title=w.say("log.title"),
        why=w.say("log.why"),
        paragraphs=paragraphs,
        bullets=legend,
        tables=(Table(header=header, rows=rows),),
        sources=("Farrar 2001 / Salaffi 2004",),
    )


def _comfort(plan: Plan) -> str | None:
    w = said(plan.language)
    for section_id in ("heat", "ice", "warm-bath"):
        section = plan.section(section_id)
        if section is not None:
            return w.say("today.comfort", words=w.say(f"today.{section_id}"), title=section.title)
    return None


def _exercises(plan: Plan) -> str | None:
    w = said(plan.language)
    if not plan.exercises:
        return None
    count = len(plan.exercises)
    return w.say("today.exercises", count=count)


def tier_badge(answers: Answers, result: Triage) -> tuple[str, str]:
    """Page 1's badge: the tier's name, and what it means with the same first action as page
    1's list."""
    w = said(answers.words_in)
    badge, meaning = w.tier_badges[result.level]
    if maternity_first(answers, result):
        meaning = w.say("today.maternity_asks")
    return badge, meaning


def top_three(plan: Plan) -> tuple[str, ...]:
    """The three most important things to do today, only from what this plan shows."""
    w = said(plan.language)
    level = plan.triage.level
    triage = plan.section("triage")
    action = triage.actions[: ACTIONS_TODAY[level]] if triage else ()
    show = w.say("today.show")
    if triage and triage.tables and triage.tables[0].caption:
        show = w.say("today.show_table", caption=triage.tables[0].caption)
    moving = w.say("today.keep_moving") if plan.section("keep-moving") else None
    items: list[str | None]
    if level is Tier.EMERGENCY:
        items = [*action, show]
    elif level is Tier.URGENT:
        items = [*action, show, _comfort(plan)]
    elif level is Tier.SOON:
        items = [*action, moving, _comfort(plan), _exercises(plan)]
    elif level is Tier.ROUTINE:
        items = [moving, _exercises(plan) or _comfort(plan), *action]
    else:
        items = [moving, _comfort(plan), _exercises(plan)]
    return tuple(item for item in items if item)[:3]
