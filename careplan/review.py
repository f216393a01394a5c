"""The dated review ("come back" rule), the printed ladder and the check-in history (pure).

The review date (a starting point, synthesis):
- `self_care`: 14 days after the plan was made; 7 days when the pain now is 7 or more;
- `routine`: 7 days;
- `soon` and `urgent`: 7 days, the shortest interval the rule knows. These tiers see a doctor
  first (within a few days, or today); the review is the first check-in after being seen, and
  no later than that date;
- `emergency`: none.
What to do then: check in with careplan, or see the GP or physical therapist if the pain is not
at least 2 points lower (Farrar 2001) or it still stops sleep or work.
"""

from __future__ import annotations

from datetime import date, timedelta

from careplan.answers import Answers
from careplan.plan import PHASES, Ladder, Section, StageChange, Tier, day_text
from careplan.stages import PAPER_PAIN, REAL_CHANGE, say, stage_label

SHORT_REVIEW_DAYS = 7
LONG_REVIEW_DAYS = 14
#: From this pain now, a self-care plan is reviewed after a week, not two.
HIGH_PAIN = 7
REAL_CHANGE_SOURCE = "Farrar 2001 / Salaffi 2004"


def review_on(answers: Answers, tier: Tier, created: date) -> date | None:
    """The plan's review date; None for an emergency plan."""
    if tier is Tier.EMERGENCY or answers.stopped_early or answers.pain is None:
        return None
    if tier is Tier.SELF_CARE and answers.pain.now < HIGH_PAIN:
        return created + timedelta(days=LONG_REVIEW_DAYS)
    return created + timedelta(days=SHORT_REVIEW_DAYS)


def review_section(answers: Answers, tier: Tier, day: date) -> Section:
    """When to check how it is going, and what to do then."""
    language = answers.words_in
    assert answers.pain is not None
    now = answers.pain.now
    paragraphs = []
    if tier in (Tier.URGENT, Tier.SOON):
        paragraphs.append(say(language, "review.doctor_first", day=day_text(day, language)))
    else:
        paragraphs.append(say(language, "review.check_on", day=day_text(day, language)))
    paragraphs.append(say(language, "review.how"))
    if now >= REAL_CHANGE:
        worse = say(
            language, "review.not_lower", points=REAL_CHANGE, now=now, target=now - REAL_CHANGE
        )
    else:
        worse = say(language, "review.not_gone")
    paragraphs.append(say(language, "review.see", worse=worse))
    paragraphs.append(say(language, "review.do_not_wait"))
    if tier is Tier.URGENT:
        # Two pages in all for the person: the doctor comes first, the check-in in a line.
        # (The get-help-now box says not to wait if a warning sign appears.)
        paragraphs = [" ".join([say(language, "review.urgent"), paragraphs[2]])]
    return Section(
        id="review",
        kind="info",
        title=say(language, "review.title", day=day_text(day, language)),
        why=say(language, "review.why"),
        paragraphs=tuple(paragraphs),
        sources=(REAL_CHANGE_SOURCE,),
    )


def ladder_section(ladder: Ladder, tier: Tier, language: str) -> Section:
    """The words around the printed ladder; the template draws the stages from `plan.ladder`."""
    current = next(r for r in ladder.rungs if r.current)
    following = next((r for r in ladder.rungs if r.next), None)
    paragraphs = [
        say(language, "ladder.at", stage=stage_label(current.phase, language)),
        say(
            language,
            "ladder.move_up",
            settling=PAPER_PAIN["settling"],
            strengthening=PAPER_PAIN["strengthening"],
        ),
        say(language, "ladder.go_back"),
    ]
    if tier is Tier.SOON:
        paragraphs.append(say(language, "ladder.capped"))
    if following is not None:
        paragraphs.append(say(language, "ladder.next", number=PHASES.index(following.phase) + 1))
    return Section(
        id="ladder",
        kind="exercise",
        title=say(language, "ladder.title"),
        why=say(language, "ladder.why"),
        paragraphs=tuple(paragraphs),
        # The exercises' sources; the move-up and move-back rules are a starting point.
        sources=("NHS Inform", "CSP"),
    )


def history_section(history: tuple[StageChange, ...], language: str) -> Section:
    """Every check-in so far, one line each: date, pain, goal score, days done and stage (the
    reasons are on page 1 for this check-in, and on the therapist's page for all)."""

    def line(change: StageChange) -> str:
        stage = "-" if change.stage_to is None else PHASES.index(change.stage_to) + 1
        entry = say(
            language,
            "history.entry",
            date=day_text(change.date, language),
            pain=change.pain_now,
            days=change.days_done,
            stage=stage,
        )
        if change.goal_score is None:
            return entry
        return entry + say(language, "history.goal", goal=change.goal_score)

    return Section(
        id="check-ins",
        kind="info",
        title=say(language, "history.title"),
        why=say(language, "history.why"),
        bullets=tuple(line(change) for change in history),
        sources=(REAL_CHANGE_SOURCE,),
    )
