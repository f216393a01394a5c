"""The dated review, the printed ladder of stages and the goal score, on paper and in plan.json."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from careplan import answers as answers_model
from careplan.answers import CheckIn
from careplan.decide import exercises, review
from careplan.decide.select import make_plan
from careplan.intake import checkin
from careplan.plan import PHASES, Plan, Tier
from careplan.render.html import render_html
from tests.intake.test_questions import ENTER, PLAIN_KEYS, ask_all
from tests.plan_fixtures import CREATED, example_doc, plan_from


def changed(name: str = "first-spasm", **changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(example_doc(name))
    for key, value in changes.items():
        node, field = (doc["pain"], key[5:]) if key.startswith("pain_") else (doc, key)
        node[field] = value
    return doc


# (id, answers, tier, days from the plan's date to its review; None: no review)
REVIEW_CASES = [
    ("self-care", changed(), Tier.SELF_CARE, 14),
    ("self-care-pain-7", changed(pain_now=7), Tier.SELF_CARE, 7),
    ("self-care-pain-6", changed(pain_now=6), Tier.SELF_CARE, 14),
    ("routine", changed(pain_leg="below_knee"), Tier.ROUTINE, 7),
    ("soon", changed(symptoms=["worse_each_day"]), Tier.SOON, 7),
    ("urgent", changed("urgent-kidney"), Tier.URGENT, 7),
    ("emergency", changed("emergency"), Tier.EMERGENCY, None),
]


@pytest.mark.parametrize(
    ("doc", "tier", "days"), [pytest.param(*case[1:], id=case[0]) for case in REVIEW_CASES]
)
def test_review_date_by_tier(doc: dict[str, Any], tier: Tier, days: int | None) -> None:
    plan = plan_from(doc)
    assert plan.triage.level is tier
    record = plan.to_record()
    if days is None:
        assert plan.review_on is None and "review_on" not in record
        assert plan.section("review") is None
        return
    expected = CREATED + timedelta(days=days)
    assert record["review_on"] == expected.isoformat()
    section = plan.section("review")
    assert section is not None and section.kind == "info"
    words = " ".join(section.paragraphs)
    assert plan.review_text in section.title
    # The day is said once, in the title (and on page 1): never again in the paragraphs.
    assert plan.review_text not in words and expected.strftime("%B") not in words
    assert "GP or physical therapist" in words and "sleeping or working" in words
    if tier in (Tier.SOON, Tier.URGENT):
        assert "after you have been seen" in words


@pytest.mark.parametrize(
    ("pain_now", "started_days_ago", "words"),
    [
        # A self-care plan's review is 2 weeks on: by then triage sends pain of 4 or more to a
        # GP or physical therapist, lower than 2 points down from 6 or more. Page 1's box says
        # that line, so the review points to it rather than saying it again.
        (5, 2, "if page 1 says so,"),
        (6, 2, "if page 1 says so,"),
        (3, 2, "not at least 2 points lower than today's 3 out of 10 (so 1 or less)"),
        # 2 points lower than 2 is no pain at all: said so, not "(so 0 or less)".
        (2, 2, "if your pain is not gone,"),
        (1, 2, "if your pain is not gone,"),
        # Pain of 7 or more: the review is a week on. Under 2 weeks of pain by then, 2 points
        # lower is the line; from 2 weeks, 3 or less.
        (7, 0, "not at least 2 points lower than today's 7 out of 10 (so 5 or less)"),
        (9, 0, "not at least 2 points lower than today's 9 out of 10 (so 7 or less)"),
        (7, 7, "if page 1 says so,"),
        # Still 8 or more after a week goes to a GP within days (triage): 10 must be 7 or less.
        (10, 0, "if your pain is not down to 7 out of 10 or less,"),
        # 6 weeks or more by then: any pain goes to a GP or physical therapist, as page 1 says.
        (3, 30, "if page 1 says so,"),
    ],
)
def test_review_says_what_2_points_lower_means(
    pain_now: int, started_days_ago: int, words: str
) -> None:
    plan = plan_from(changed(pain_now=pain_now, pain_started_days_ago=started_days_ago))
    section = plan.section("review")
    assert section is not None
    assert words in " ".join(section.paragraphs)


@pytest.mark.parametrize("now", range(11))
@pytest.mark.parametrize("started_days_ago", [0, 2, 6, 7, 10, 13, 30])
def test_pain_the_review_leaves_at_home_is_pain_triage_leaves_at_home(
    now: int, started_days_ago: int
) -> None:
    """On the review day, a pain the review says needs no GP or physical therapist is one
    that triage, asked on that day with nothing else changed, would keep at home too."""
    plan = plan_from(changed(pain_now=now, pain_started_days_ago=started_days_ago))
    assert plan.review_on is not None
    lasted = started_days_ago + (plan.review_on - plan.created).days
    target = review.highest_pain_then(now, lasted)
    # Pain of 0 is gone: after 6 weeks triage still asks for a GP (the pain has "lasted").
    for pain in range(1, target + 1):
        then = changed(pain_now=pain, pain_worst=max(pain, 1), pain_started_days_ago=lasted)
        assert plan_from(then).triage.level is Tier.SELF_CARE, (now, lasted, pain)


def test_review_date_on_the_first_page_and_the_therapists_page() -> None:
    plan = plan_from(changed())
    html = render_html(plan)
    cover = html.split('class="today"')[0]
    assert f'data-review-on="{plan.review_on}"' in cover and plan.review_text in cover
    clinician = plan.section("clinician")
    assert clinician is not None
    assert f"Review (check-in) date: {plan.review_on}." in clinician.paragraphs[0]


def _ladder_ids(plan: Plan) -> set[str]:
    assert plan.ladder is not None
    return set(plan.ladder.exercise_ids())


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        ("no-floor-80", "floor"),
        ("osteoporosis", "bends_or_twists"),
        ("pregnant", "lies_on_back"),
    ],
)
def test_the_ladder_respects_rule_outs_and_versions(name: str, flag: str) -> None:
    plan = plan_from(changed(name))
    catalogue = exercises.catalogue()
    ids = _ladder_ids(plan)
    assert ids
    assert not [i for i in ids if flag in catalogue[i].flags]


def test_the_ladder_marks_the_stage_and_prints_the_next_one() -> None:
    plan = plan_from(changed())  # day 2: the first days
    assert plan.ladder is not None
    assert [r.phase for r in plan.ladder.rungs] == list(PHASES)
    assert [r.phase for r in plan.ladder.rungs if r.current] == ["acute"]
    assert [r.phase for r in plan.ladder.rungs if r.next] == ["settling"]
    current = next(r for r in plan.ladder.rungs if r.current)
    assert [e.id for e in current.exercises] == [e.id for e in plan.exercises if e.id != "walking"]
    html = render_html(plan)
    ladder = html.split('data-section="ladder"')[1].split("</section>")[0]
    assert 'data-current="true"' in ladder and "You are here" in ladder
    nxt = next(r for r in plan.ladder.rungs if r.next)
    shown = {e.id for e in plan.exercises}
    for exercise in nxt.exercises:
        if exercise.id in shown:  # on its card: no row of its own
            assert f'data-ladder-card="{exercise.id}"' not in ladder
        else:  # a compact row: drawing, the steps in brief, dose
            row = ladder.split(f'data-ladder-card="{exercise.id}"')[1].split("</tr>")[0]
            assert "<svg" in row and exercise.dose in row
            assert exercise.brief and escape(exercise.brief) in row
            assert len(exercise.brief.split()) < len(
                " ".join([exercise.start, *exercise.steps]).split()
            )
    assert "New in stage 2" in ladder
    assert "2 days in a row" in ladder and "more than an hour" in ladder


def test_the_soon_tier_has_no_next_stage_past_settling() -> None:
    plan = plan_from(changed(pain_started_days_ago=20, pain_now=3, symptoms=["worse_each_day"]))
    assert plan.triage.level is Tier.SOON and plan.phase == "settling"
    assert plan.ladder is not None and not [r for r in plan.ladder.rungs if r.next]
    section = plan.section("ladder")
    assert section is not None and "do not go past stage 2" in " ".join(section.paragraphs)


def test_no_ladder_without_exercises() -> None:
    plan = plan_from(changed("urgent-kidney"))
    assert plan.ladder is None and plan.section("ladder") is None


def test_goal_score_on_the_log_and_the_therapists_page() -> None:
    plan = plan_from(changed(goal_score=3))
    log = plan.section("progress-log")
    clinician = plan.section("clinician")
    assert log is not None and clinician is not None
    assert "Goal 0-10" in log.tables[0].header
    assert any("Goal score now: 3/10" in p for p in clinician.paragraphs)
    without = plan_from({k: v for k, v in changed().items() if k != "goal"})
    log = without.section("progress-log")
    assert log is not None and "Goal 0-10" not in log.tables[0].header


def test_the_goal_score_question_can_be_skipped() -> None:
    doc, prompter = ask_all({**PLAIN_KEYS, "goal_score": [ENTER]})
    assert "goal_score" in prompter.asked and "goal_score" not in doc
    doc, prompter = ask_all({**PLAIN_KEYS, "goal": [ENTER]})
    assert "goal_score" not in prompter.asked


def test_review_date_is_a_date_not_about_2_weeks() -> None:
    section = plan_from(changed()).section("review")
    assert section is not None
    assert re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", section.title)
    assert date.fromisoformat(plan_from(changed()).to_record()["review_on"])


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(changed(), id="self-care"),
        pytest.param(changed(symptoms=["worse_each_day"]), id="soon"),
        pytest.param(changed("urgent-kidney"), id="urgent"),
    ],
)
def test_review_and_ladder_read_at_grade_8_or_below(doc: dict[str, Any]) -> None:
    import textstat

    plan = plan_from(doc)
    for section_id in ("review", "ladder"):
        section = plan.section(section_id)
        if section is not None:
            prose = " ".join(section.paragraphs)
            assert textstat.flesch_kincaid_grade(prose) <= 8, prose


def test_check_in_reasons_read_at_grade_8_or_below() -> None:
    import textstat

    from careplan.decide import stages
    from tests.intake.test_checkin import STEP_CASES

    reasons = [stages.step(*case[1:6])[1] for case in STEP_CASES]
    assert textstat.flesch_kincaid_grade(" ".join(reasons)) <= 8, reasons


# ---- plans made by a check-in: each thing said once, the history in the clinician's part ----


def checked_in(*entries: CheckIn) -> Plan:
    """The plan made by these check-ins, one after the other, from examples/first-spasm.json."""
    answers, created = answers_model.from_dict(example_doc("first-spasm")), CREATED
    for entry in entries:
        plan = make_plan(answers, created=created, generator="test")
        shown = tuple((e.id, e.title) for e in plan.exercises)
        earlier = checkin.Earlier(Path("plan.pdf"), answers, created, plan.phase, shown)
        answers, created = checkin.apply(earlier, entry), entry.date
    return make_plan(answers, created=created, generator="test")


def entry(days: int, pain_now: int, days_done: int = 6) -> CheckIn:
    return CheckIn(
        date=CREATED + timedelta(days=days),
        pain_now=pain_now,
        pain_worst=pain_now + 1,
        days_done=days_done,
        made_worse=(),
        symptoms=(),
        leg="none",
        goal_score=5,
    )


def test_after_a_check_in_the_review_and_what_to_expect_say_each_thing_once() -> None:
    # Pain began 2 days before the first plan: 9 days on, both plans say it from day 8 on.
    first = plan_from(changed(pain_started_days_ago=11))
    later = checked_in(entry(9, 4))
    for plan, again in ((first, False), (later, True)):
        review = plan.section("review")
        expect = plan.section("what-to-expect")
        assert review is not None and expect is not None
        said = " ".join(review.paragraphs)
        # The date is in the title (and on page 1); the GP rule stays. Not to wait for a
        # warning sign is page 1's box, said once there.
        assert plan.review_text in review.title
        assert "GP or physical therapist" in said and "warning sign" not in said
        assert plan.section("get-help-now") is not None
        # The day is said once, in the title: the paragraphs say "on that day".
        assert plan.review_text not in said
        assert said.startswith("On that day, ")
        assert ("another check-in" in said) is again
        # What to expect: how recovery goes; when to see someone is the review's, with a date.
        assert "some weeks to settle" in expect.paragraphs[0]
        assert any("see a GP" in p for p in expect.paragraphs) is not again


# (id, answers, tier, whether what to expect says when to see a GP or physical therapist)
EXPECT_CASES = [
    ("self-care, day 2", changed(), Tier.SELF_CARE, False),
    ("self-care, day 10", changed(pain_started_days_ago=10), Tier.SELF_CARE, True),
    (
        "routine, day 10",
        changed(pain_started_days_ago=10, pain_leg="below_knee"),
        Tier.ROUTINE,
        True,
    ),
    ("routine, day 50", changed(pain_started_days_ago=50), Tier.ROUTINE, True),
    ("soon, day 2", changed(symptoms=["worse_each_day"]), Tier.SOON, False),
    (
        "soon, day 10",
        changed(pain_started_days_ago=10, symptoms=["worse_each_day"]),
        Tier.SOON,
        False,
    ),
    ("soon, day 50, over 60", changed(age=66, pain_started_days_ago=50), Tier.SOON, False),
]


@pytest.mark.parametrize(
    ("doc", "tier", "sees"), [pytest.param(*case[1:], id=case[0]) for case in EXPECT_CASES]
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_what_to_expect_says_when_to_be_seen_only_where_nothing_else_does(
    doc: dict[str, Any], tier: Tier, sees: bool, language: str
) -> None:
    """From day 8, what to expect says to see a GP or physical therapist if the pain is not
    easing; a `soon` plan already sends the person to a doctor within days (page 1 and the
    review's first words), so there it says only how recovery goes."""
    plan = plan_from({**doc, "language": language})
    assert plan.triage.level is tier
    expect = plan.section("what-to-expect")
    review_section = plan.section("review")
    assert expect is not None and review_section is not None
    gp = {"en": "GP or physical therapist", "es": "médico de cabecera o"}[language]
    assert any(gp in p for p in expect.paragraphs) is sees
    # Whatever the tier, the review says when to see one, and recovery's course is said.
    assert gp in " ".join(review_section.paragraphs)
    assert expect.paragraphs


@pytest.mark.parametrize(
    ("doc", "phase", "up"),
    [
        (changed(), "acute", True),
        (changed(pain_started_days_ago=6), "settling", True),
        (changed(pain_started_days_ago=20, pain_now=2), "strengthening", False),
        # A `soon` plan goes no further than stage 2 until a doctor has seen them: below it,
        # the rule to move up is said; at it, only that it goes no further (its check-in makes
        # the next plan).
        (changed(symptoms=["worse_each_day"]), "acute", True),
        (
            changed(pain_started_days_ago=20, pain_now=3, symptoms=["worse_each_day"]),
            "settling",
            False,
        ),
    ],
)
def test_the_ladder_says_when_to_move_up_only_where_a_stage_above_may_be_reached(
    doc: dict[str, Any], phase: str, up: bool
) -> None:
    plan = plan_from(doc)
    section = plan.section("ladder")
    assert plan.phase == phase and section is not None
    said = " ".join(section.paragraphs)
    assert ("Move up a stage" in said) is up
    soon = plan.triage.level is Tier.SOON
    assert ("do not go past stage 2" in said) is soon
    if soon:
        # Said once: the exercises' own section no longer says it again.
        exercises = plan.section("exercises")
        assert exercises is not None
        assert not any("doctor has checked" in p for p in exercises.paragraphs)
    # Going back a stage is always said: it is how an exercise that hurts is handled.
    assert "Go back a stage" in said


def test_the_check_ins_are_in_the_clinicians_part_and_page_one_says_what_changed() -> None:
    plan = checked_in(entry(7, 3, days_done=5), entry(14, 5), entry(21, 2))
    assert [c.stage_to for c in plan.check_ins] == ["settling", "acute", "settling"]
    body = render_html(plan).split("<body>")[1]
    person, clinician = body.split('data-part="clinician"')
    assert 'data-section="check-ins"' not in person
    history = clinician.split('data-section="check-ins"')[1].split("</section>")[0]
    # Every check-in, with its date, pain, goal score, days done, stages and reason.
    for change in plan.check_ins:
        row = history.split(change.date.isoformat())[1].split("</tr>")[0]
        assert f"{change.pain_now}/10" in row and f"{change.days_done}/7" in row
        assert str(escape(change.reason)) in row
    assert "2 → 1" in history and "1 → 2" in history
    # The clinician's part: the therapist's page, the progress log, the check-ins, the sources.
    order = [clinician.index(f'data-section="{s}"') for s in ("clinician", "progress-log")]
    assert order[0] < order[1] < clinician.index('data-section="check-ins"')
    assert clinician.index('data-section="check-ins"') < clinician.index('data-section="sources"')
    # Page 1: what the last check-in changed and why.
    page_one = person.split('class="page-one"')[1].split('class="today"')[0]
    assert str(escape(plan.check_ins[-1].reason)) in page_one
    assert plan.changes and all(str(escape(change)) in page_one for change in plan.changes)
