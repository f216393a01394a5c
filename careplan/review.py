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
from careplan.sharing import history_table
from careplan.stages import PAPER_PAIN, stage_label

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
    assert answers.pain is not None
    now = answers.pain.now
    paragraphs = []
    if tier in (Tier.URGENT, Tier.SOON):
        paragraphs.append(
            "See a doctor first, as this plan says. Then check how you are going after you "
            f"have been seen, and on {day_text(day)} at the latest."
        )
    else:
        paragraphs.append(f"Check how you are going on {day_text(day)}.")
    paragraphs.append(
        "On that day, do a check-in with the careplan program: give it this plan's PDF file "
        "and answer a few questions, and it makes your next plan."
    )
    if now >= 2:
        worse = (
            f"your pain is not at least 2 points lower than today's {now} out of 10 "
            f"(so {now - 2} or less)"
        )
    else:
        worse = "your pain is not gone"
    paragraphs.append(
        f"See your GP or physical therapist on that day if {worse}, or if the pain still stops "
        "you sleeping or working."
    )
    paragraphs.append("Do not wait for that day if a warning sign in this plan appears.")
    return Section(
        id="review",
        kind="info",
        title=f"Your check-in day: {day_text(day)}",
        why="a dated review: check in, or see someone if the pain is not better",
        paragraphs=tuple(paragraphs),
        sources=(REAL_CHANGE_SOURCE,),
    )


def ladder_section(ladder: Ladder, tier: Tier) -> Section:
    """The words around the printed ladder; the template draws the stages from `plan.ladder`."""
    current = next(r for r in ladder.rungs if r.current)
    following = next((r for r in ladder.rungs if r.next), None)
    paragraphs = [
        f"Your exercises go up in three stages. You are at {stage_label(current.phase)}. This "
        "is a general starting point: your physical therapist may change it.",
        (
            "Move up a stage when, for 2 days in a row, your pain is "
            f"{PAPER_PAIN['settling']} out of 10 or less (or {PAPER_PAIN['strengthening']} or "
            "less for stage 3), and your exercises give you only mild discomfort that goes "
            "within an hour."
        ),
        "Go back a stage for 2 or 3 days if an exercise makes your pain worse for more than "
        "an hour.",
    ]
    if tier is Tier.SOON:
        paragraphs.append("Until a doctor has checked your back, do not go past stage 2.")
    if following is not None:
        number = PHASES.index(following.phase) + 1
        paragraphs.append(
            f"The stage {number} exercises are below, so you can move on even without a new plan."
        )
    return Section(
        id="ladder",
        kind="exercise",
        title="Your three stages",
        why="when to move up or back a stage, and the next stage's exercises",
        paragraphs=tuple(paragraphs),
        # The exercises' sources; the move-up and move-back rules are a starting point.
        sources=("NHS Inform", "CSP"),
    )


def history_section(history: tuple[StageChange, ...]) -> Section:
    """Every check-in so far: date, pain, goal score, stage and why."""
    return Section(
        id="check-ins",
        kind="info",
        title="Your check-ins so far",
        why="the history of check-ins: pain, goal score, stage and why",
        paragraphs=(
            "Each check-in: your pain, how well you can do your goal (0 to 10), on how many of "
            "the last 7 days you did your exercises, and your stage.",
        ),
        sources=(REAL_CHANGE_SOURCE,),
        tables=(
            history_table(
                history, caption="Stages: 1 the first days, 2 settling down, 3 getting stronger"
            ),
        ),
    )
