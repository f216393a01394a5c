"""The parts of the plan made for sharing: the clinician's page, the progress log, the cover."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careplan import exercises as programme
from careplan import rules, words
from careplan.answers import Answers
from careplan.content import library
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
from careplan.triage import maternity_first

_said = words.reader(words.DEFAULT_LANGUAGE, "sharing")


NO = _said.text("answer.no")
#: A warning sign the person has, in the therapist's screen table (printed in bold, boxed).
YES = _said.text("answer.sign_yes")
NOT_ASKED = _said.text("answer.not_asked")

#: The screen as the questionnaire asks it: emergency signs first, the others later on.
EMERGENCY_SIGNS: dict[str, str] = _said.table("emergency_signs")
PREGNANCY_SIGN = ("pregnancy_warning", _said.text("pregnancy_sign.pregnancy_warning"))
OTHER_SIGNS: dict[str, str] = _said.table("other_signs")
CONDITIONS: dict[str, str] = _said.table("conditions")
MEDICINES: dict[str, str] = _said.table("medicines")
CHOICES: dict[str, str] = _said.table("choices")
#: Each triage rule's reason in a clinician's words, one short line (careplan/triage.py RULES).
RULE_WORDS: dict[str, str] = _said.table("rules")
#: The tier as a badge word and what it asks, for the cover and the clinician page.
TIER_BADGES: dict[Tier, tuple[str, str]] = {
    tier: (_said.text(f"tier_badge.{tier.value}"), _said.text(f"tier_asks.{tier.value}"))
    for tier in Tier
}
WALKING = "walking"
#: Items left out, in a clinician's words (the person's part keeps its own words).
CLINICAL_ITEMS: dict[str, str] = _said.table("clinical_items")
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
SAID: dict[str, str] = {
    f"{group}.{key}": _said.text(f"{group}.{key}", *fields)
    for group, keys in _PATTERNS.items()
    for key, fields in keys.items()
}
EXERCISES_HEADER = _said.texts("clinician.exercises_header")
CHECK_INS_HEADER = _said.texts("check_ins.header")
LOG_PARAGRAPHS = _said.texts("log.paragraphs")
_said.finish()


def _say(key: str, **fields: object) -> str:
    return SAID[key].format(**fields)


def _has(answers: Answers, words: Any) -> list[str]:
    labels = {**EMERGENCY_SIGNS, **OTHER_SIGNS, **CONDITIONS, **MEDICINES}
    return [labels.get(w, w.replace("_", " ")) for w in words if answers.has(w)]


def _clinical_when(when: Mapping[str, Any], answers: Answers) -> list[str]:
    """What in the answers made a when-table hold, in a clinician's words."""
    found: list[str] = []
    for key, value in when.items():
        if key in ("any", "all"):
            found += _has(answers, value)
        elif key == "pregnant" and value:
            found.append(_say("found.pregnant"))
        elif key == "floor" and value is False:
            found.append(_say("found.no_floor"))
        elif key == "alcohol" and value:
            found.append(_say("found.alcohol"))
        elif key == "weight_under_50kg" and value:
            found.append(_say("found.under_50kg"))
        elif key in ("age_at_least", "age_below"):
            found.append(_say("found.age", age=answers.age))
        elif key == "pregnancy_weeks_at_least":
            found.append(_say("found.pregnancy_weeks", weeks=answers.pregnancy_weeks))
        elif key in ("days_at_least", "days_below") and answers.pain is not None:
            found.append(_say("found.pain_days", days=answers.pain.started_days_ago))
        elif key in ("where", "activity", "trigger", "leg", "before"):
            value_now = getattr(answers.pain, key, None) if key != "activity" else answers.activity
            if value_now is not None:
                found.append(CHOICES.get(value_now, str(value_now)))
        elif key == "either":
            held = [sub for sub in value if rules.matches(sub, answers)]
            if held:
                found += _clinical_when(held[0], answers)
    return found


def _clinical_exercise(answers: Answers, item: Withheld) -> str:
    """An exercise left out or replaced: the adaptation's condition in a clinician's words."""
    catalogue = programme.catalogue()
    adaptation = next((a for a in programme.library().adaptations if a.id == item.rule_id), None)
    if adaptation is not None and rules.matches(adaptation.when, answers):
        words = "; ".join(dict.fromkeys(_clinical_when(adaptation.when, answers)))
        if words:
            instead = catalogue[item.instead].title if item.instead in catalogue else ""
            if instead:
                return _say("withheld.replaced", item=item.title, why=words, instead=instead)
            return _say("withheld.line", item=item.title, why=words)
    return _say("withheld.line", item=item.title, why=item.reason)


def clinical_withheld(answers: Answers, item: Withheld) -> str:
    """A withheld item in a clinician's words, e.g. "oral NSAID: on an anticoagulant".

    From the content's own withhold rules (or the exercise adaptation) that hold for these
    answers; where none says why in clinical terms, the person's reason is kept.
    """
    try:
        content = library().item(item.id)
    except KeyError:
        return _clinical_exercise(answers, item)
    name = CLINICAL_ITEMS.get(item.id, item.title)
    why = [
        word
        for rule in content.withhold
        if rules.matches(rule.when, answers)
        for word in _clinical_when(rule.when, answers)
    ]
    return _say("withheld.line", item=name, why="; ".join(dict.fromkeys(why)) or item.reason)


def _yes_no(value: bool | None, yes: str = "") -> str:
    if value is None:
        return NOT_ASKED
    return (yes or _say("answer.yes")) if value else NO


def _labels(words: tuple[str, ...], labels: dict[str, str]) -> str:
    return "; ".join(labels.get(w, w.replace("_", " ")) for w in words)


def _days(days: int) -> str:
    if days == 0:
        return _say("started.today")
    if days == 1:
        return _say("started.one_day")
    if days < 28:
        return _say("started.days", days=days)
    return _say("started.weeks", days=days, weeks=days // 7)


def _summary(answers: Answers) -> Table:
    rows: list[tuple[str, str]] = []
    if answers.name:
        rows.append((_say("summary.name"), answers.name))
    rows.append((_say("summary.age"), _say("summary.age_value", age=answers.age)))
    if answers.pregnant:
        weeks = _say("summary.pregnant_value", weeks=answers.pregnancy_weeks)
        rows.append((_say("summary.pregnant"), weeks))
    pain = answers.pain
    if pain is not None:
        rows += [
            (_say("summary.where"), CHOICES[pain.where]),
            (_say("summary.pain_now"), f"{pain.now}/10"),
            (_say("summary.worst"), f"{pain.worst}/10"),
            (
                _say("summary.interference"),
                _say("summary.interference_value", score=pain.interferes),
            ),
            (_say("summary.started"), _days(pain.started_days_ago)),
            (_say("summary.trigger"), CHOICES[pain.trigger]),
            (_say("summary.leg"), CHOICES[pain.leg]),
            (_say("summary.before"), CHOICES[pain.before]),
        ]
    if answers.activity is not None:
        rows.append((_say("summary.activity"), CHOICES[answers.activity]))
    if answers.can_get_down_to_floor is not None:
        rows.append((_say("summary.floor"), _yes_no(answers.can_get_down_to_floor)))
    # A questionnaire stopped at an emergency answer never reached conditions and medicines.
    unasked = NOT_ASKED if answers.stopped_early else _say("answer.none")
    rows += [
        (_say("summary.conditions"), _labels(answers.conditions, CONDITIONS) or unasked),
        (_say("summary.medicines"), _labels(answers.medicines, MEDICINES) or unasked),
    ]
    if answers.alcohol_3_or_more_daily is not None:
        rows.append((_say("summary.alcohol"), _yes_no(answers.alcohol_3_or_more_daily)))
    if answers.weight_under_50kg:
        rows.append((_say("summary.under_50kg"), _say("answer.yes")))
    return Table(header=(), rows=tuple(rows), caption=_say("summary.caption"))


def _screen(answers: Answers) -> Table:
    signs = dict(EMERGENCY_SIGNS)
    if answers.pregnant:
        signs[PREGNANCY_SIGN[0]] = PREGNANCY_SIGN[1]
    found: list[tuple[str, bool | None]] = [
        (label, word in answers.symptoms) for word, label in signs.items()
    ]
    # A questionnaire stopped at an emergency answer never asked the later signs.
    for word, label in OTHER_SIGNS.items():
        found.append((label, None if answers.stopped_early else word in answers.symptoms))
    return Table(
        header=(_say("screen.sign"), _say("screen.answer")),
        rows=tuple((label, _yes_no(has, YES)) for label, has in found),
        caption=_say("screen.caption"),
        marked=frozenset((i, 1) for i, (_, has) in enumerate(found) if has),
    )


def clinical_reasons(triage: Triage) -> tuple[str, ...]:
    """Why the tier was reached, one short line in a clinician's words for each rule; a reason
    without a rule (given by a caller) as it is."""
    ids = (*triage.rule_ids, *([""] * (len(triage.reasons) - len(triage.rule_ids))))
    return tuple(
        RULE_WORDS.get(rule_id) or reason
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
    tables = [_summary(answers), _screen(answers)]
    if exercises:
        tables.append(
            Table(
                header=EXERCISES_HEADER,
                rows=tuple(
                    (str(number), e.title, e.dose, "")
                    for number, e in enumerate(exercises, start=1)
                ),
                caption=_say(
                    "clinician.exercises_caption", phase=phase or _say("clinician.no_phase")
                ),
            )
        )
    if withheld:
        tables.append(
            Table(
                header=(),
                rows=tuple((clinical_withheld(answers, w),) for w in withheld),
                caption=_say("clinician.withheld_caption"),
            )
        )
    badge, meaning = TIER_BADGES[triage.level]
    paragraphs = [_say("clinician.tier", badge=badge.upper(), asks=meaning)]
    if answers.stopped_early:
        paragraphs.append(_say("clinician.stopped_early"))
    if not triage.reasons:
        paragraphs.append(_say("clinician.no_reasons"))
    if not exercises:
        paragraphs.append(_say("clinician.no_exercises"))
    if review_on is not None:
        # On the tier's line, and the score on the goal's: the page stays one page.
        paragraphs[0] += " " + _say("clinician.review_on", date=review_on.isoformat())
    score = (
        _say("clinician.goal_score", score=answers.goal_score)
        if answers.goal_score is not None
        else ""
    )
    if answers.goal:
        goal = _say("clinician.goal", goal=answers.goal)
        paragraphs.append(
            _say("clinician.goal_and_score", goal=goal, score=score) if score else goal
        )
    elif score:
        paragraphs.append(score)
    if history:
        paragraphs.append(_history_line(history))
    return Section(
        id="clinician",
        kind="clinician",
        title=_say("clinician.title"),
        why=_say("clinician.why"),
        paragraphs=tuple(paragraphs),
        bullets=clinical_reasons(triage),
        tables=tuple(tables),
        sources=("NICE NG59",),
    )


#: The therapist's page shows at most this many check-ins (the person's part has them all).
CLINICIAN_CHECK_INS = 3
STAGE_NUMBERS = {"acute": "1", "settling": "2", "strengthening": "3", None: "none"}


def _history_line(history: tuple[StageChange, ...]) -> str:
    """The check-ins in one short paragraph, so that the page stays one page (the reasons are
    in the person's part, section `check-ins`)."""
    shown = history[-CLINICIAN_CHECK_INS:]
    entries = "; ".join(
        _say(
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
        _say("check_ins.which_some", shown=len(shown), all=len(history))
        if len(shown) < len(history)
        else _say("check_ins.which_all")
    )
    return _say("check_ins.line", which=which, entries=entries)


def history_table(
    history: tuple[StageChange, ...],
    caption: str = SAID["check_ins.caption"],
    *,
    reasons: bool = True,
) -> Table:
    """The check-ins as a table: date, pain, goal score, days done, stage, and why."""
    stages = ("acute", "settling", "strengthening")

    def stage(value: str | None) -> str:
        return _say("check_ins.no_stage") if value is None else str(stages.index(value) + 1)

    header = (*CHECK_INS_HEADER, *((_say("check_ins.reason"),) if reasons else ()))
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
    ticked = [(number, e) for number, e in enumerate(exercises, start=1) if e.id != WALKING]
    header = (
        _say("log.day"),
        _say("log.pain_am"),
        _say("log.pain_pm"),
        *((_say("log.goal"),) if answers.goal else ()),
        _say("log.heat_or_ice"),
        *(_say("log.exercise", number=number) for number, _ in ticked),
        _say("log.walk"),
        _say("log.sleep"),
        _say("log.notes"),
    )
    rows = tuple((str(day), *("" for _ in header[1:])) for day in range(1, 15))
    legend = tuple(_say("log.legend", number=number, title=e.title) for number, e in ticked)
    paragraphs = (*LOG_PARAGRAPHS, *((_say("log.goal_paragraph"),) if answers.goal else ()))
    return Section(
        id="progress-log",
        kind="log",
        title=_say("log.title"),
        why=_say("log.why"),
        paragraphs=paragraphs,
        bullets=legend,
        tables=(Table(header=header, rows=rows),),
        sources=("Farrar 2001 / Salaffi 2004",),
    )


def _comfort(plan: Plan) -> str | None:
    for section_id in ("heat", "ice", "warm-bath"):
        section = plan.section(section_id)
        if section is not None:
            return _say("today.comfort", words=_say(f"today.{section_id}"), title=section.title)
    return None


def _exercises(plan: Plan) -> str | None:
    if not plan.exercises:
        return None
    count = len(plan.exercises)
    return _say("today.exercises", count=count)


def tier_badge(answers: Answers, result: Triage) -> tuple[str, str]:
    """Page 1's badge: the tier's name, and what it means with the same first action as page
    1's list."""
    badge, meaning = TIER_BADGES[result.level]
    if maternity_first(answers, result):
        meaning = _say("today.maternity_asks")
    return badge, meaning


def top_three(plan: Plan) -> tuple[str, ...]:
    """The three most important things to do today, only from what this plan shows."""
    level = plan.triage.level
    triage = plan.section("triage")
    action = triage.actions[: ACTIONS_TODAY[level]] if triage else ()
    show = _say("today.show")
    if triage and triage.tables and triage.tables[0].caption:
        show = _say("today.show_table", caption=triage.tables[0].caption)
    moving = _say("today.keep_moving") if plan.section("keep-moving") else None
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
