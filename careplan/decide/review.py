"""The dated review ("come back" rule), the printed ladder and the check-in history (pure).

The review date (a starting point, synthesis):
- `self_care`: 14 days after the plan was made; 7 days when the pain now is 7 or more;
- `routine`: 7 days;
- `soon` and `urgent`: 7 days, the shortest interval the rule knows. These tiers see a doctor
  first (within a few days, or today); the review is the first check-in after being seen, and
  no later than that date;
- `emergency`: none.
What to do then: check in with careplan, or see the GP or physical therapist if the pain is not
at least 2 points lower (Farrar 2001) or it still stops sleep or work. By that day the pain has
lasted a week or more, perhaps 2 or 6 weeks: the line is the lower of "2 points lower" and what
triage itself would send to a GP on that day (still 8 or more after a week, 4 or more after
2 weeks, any pain after 6 weeks), so that the review and page 1 never disagree.
"""

from __future__ import annotations

from datetime import date, timedelta

from careplan.answers import Answers
from careplan.decide import triage
from careplan.decide.sharing import history_table
from careplan.decide.stages import PAPER_PAIN, REAL_CHANGE, say
from careplan.plan import Ladder, Section, StageChange, Tier, day_text

SHORT_REVIEW_DAYS = 7
LONG_REVIEW_DAYS = 14
#: From this pain now, a self-care plan is reviewed after a week, not two.
HIGH_PAIN = 7
REAL_CHANGE_SOURCE = "Farrar 2001 / Salaffi 2004"
#: What triage sends to a GP or physical therapist, by how long the pain has lasted: from this
#: many days, the highest pain it leaves at home, and the rule's source (each lower than the last).
TRIAGE_LINES = (
    (triage.SEVERE_AFTER_DAYS, triage.SEVERE_PAIN - 1, "NICE NG59"),
    (triage.NOT_BETTER_DAYS, triage.NOT_BETTER_PAIN - 1, "NHS back pain"),
    (triage.LASTING_DAYS, 0, "NHS back pain"),
)


def review_on(answers: Answers, tier: Tier, created: date) -> date | None:
    """The plan's review date; None for an emergency plan."""
    if tier is Tier.EMERGENCY or answers.stopped_early or answers.pain is None:
        return None
    if tier is Tier.SELF_CARE and answers.pain.now < HIGH_PAIN:
        return created + timedelta(days=LONG_REVIEW_DAYS)
    return created + timedelta(days=SHORT_REVIEW_DAYS)


def _triage_line(lasted: int) -> tuple[int, str] | None:
    """The highest pain triage leaves at home after `lasted` days, and its source; None within
    the first week."""
    found = [(highest, source) for days, highest, source in TRIAGE_LINES if lasted >= days]
    return found[-1] if found else None


def highest_pain_then(now: int, lasted: int) -> int:
    """The highest pain at the review that needs no GP or physical therapist: 2 points lower
    than now (Farrar 2001), and no higher than what triage leaves at home after `lasted` days."""
    line = _triage_line(lasted)
    return now - REAL_CHANGE if line is None else min(now - REAL_CHANGE, line[0])


def review_section(answers: Answers, tier: Tier, day: date, created: date) -> Section:
    """When to check how it is going, and what to do then."""
    language = answers.words_in
    assert answers.pain is not None
    now = answers.pain.now
    paragraphs = []
    # The title and page 1 give the day: the paragraphs say "that day", and never the date.
    if tier in (Tier.URGENT, Tier.SOON):
        paragraphs += [
            say(language, "review.doctor_first"),
            say(language, "review.how"),
        ]
    else:
        paragraphs.append(say(language, "review.again" if answers.check_ins else "review.how"))
    lasted = answers.pain.started_days_ago + (day - created).days
    target = highest_pain_then(now, lasted)
    sources: tuple[str, ...] = (REAL_CHANGE_SOURCE,)
    line = _triage_line(lasted)
    if line is not None and target < now - REAL_CHANGE:
        sources += (line[1],)
    if (
        tier is Tier.SELF_CARE
        and line is not None
        and line[0] == target
        and lasted >= triage.NOT_BETTER_DAYS
    ):
        # Page 1's box already says this line (still 4 or more after about 2 weeks; any pain
        # after 6 weeks): the review points to it rather than saying it again.
        worse = say(language, "review.as_page_one")
    elif 0 < target < now - REAL_CHANGE:
        worse = say(language, "review.not_down_to", target=target)
    elif target > 0:
        worse = say(language, "review.not_lower", points=REAL_CHANGE, now=now, target=target)
    else:
        # From 2 out of 10, "2 points lower" is no pain at all, and after 6 weeks any pain
        # goes to a GP or physical therapist: said so.
        worse = say(language, "review.not_gone")
    # Not to wait for that day if a warning sign appears is page 1's box, on every plan that
    # has a review: it is not said again here.
    paragraphs.append(say(language, "review.see", worse=worse))
    if tier is Tier.URGENT:
        # Two pages in all for the person: the doctor comes first, the check-in in a line.
        paragraphs = [" ".join([say(language, "review.urgent"), paragraphs[2]])]
    return Section(
        id="review",
        kind="info",
        title=say(language, "review.title", day=day_text(day, language)),
        why=say(language, "review.why"),
        paragraphs=tuple(paragraphs),
        sources=sources,
    )


def ladder_section(ladder: Ladder, tier: Tier, language: str) -> Section:
    """The words around the printed ladder; the template draws the stages from `plan.ladder`."""
    following = next((r for r in ladder.rungs if r.next), None)
    # The list marks the person's stage, and the next stage's rows have their own heading.
    paragraphs = [say(language, "ladder.at")]
    # At the top stage there is no stage to move up to, nor in a `soon` plan at stage 2, the
    # most it goes to until a doctor has seen them (its check-in makes the next plan).
    if following is not None:
        paragraphs.append(
            say(
                language,
                "ladder.move_up",
                settling=PAPER_PAIN["settling"],
                strengthening=PAPER_PAIN["strengthening"],
            )
        )
    paragraphs.append(say(language, "ladder.go_back"))
    if tier is Tier.SOON:
        paragraphs.append(say(language, "ladder.capped"))
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
    """Every check-in so far, for the clinician's part: date, pain, goal score, days done, the
    stage before and after, and why (page 1 says what the last check-in changed)."""
    return Section(
        id="check-ins",
        kind="info",
        title=say(language, "history.title"),
        why=say(language, "history.why"),
        tables=(history_table(history, language, say(language, "history.stages")),),
        sources=(REAL_CHANGE_SOURCE,),
    )
