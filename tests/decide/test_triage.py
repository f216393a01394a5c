"""Triage: the clinical reference's table as vignettes, properties over random answers, and the
warning sections at the top of every plan."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from typing import Any

import pytest
import textstat
from hypothesis import given
from hypothesis import strategies as st

from careplan import content
from careplan.answers import CONDITIONS, MEDICINES, SYMPTOMS, TRIGGERS, Answers
from careplan.decide.select import make_plan
from careplan.decide.triage import RULES, Rule, emergency_reasons, tier_sections, triage
from careplan.plan import SECTION_KINDS, Section, Tier, Triage
from tests.plan_fixtures import CREATED, GENERATOR
from tests.strategies import EMERGENCY_SYMPTOMS, RECENT_ACCIDENT_DAYS, valid_answers
from tests.vignettes import VIGNETTES, Vignette, person, stopped

# ---- the triage table as vignettes -------------------------------------------------------------


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_vignette(vignette: Vignette) -> None:
    result = triage(vignette.answers)
    assert result.level is vignette.tier, vignette.story
    if vignette.tier is Tier.SELF_CARE:
        assert result.reasons == ()
    else:
        assert vignette.why.lower() in " ".join(result.reasons).lower(), vignette.story


def test_there_are_enough_vignettes_with_unique_ids() -> None:
    assert len(VIGNETTES) >= 40
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_reached_by_a_vignette(rule: Rule) -> None:
    assert any(rule.reason in triage(v.answers).reasons for v in VIGNETTES)


@pytest.mark.parametrize("tier", list(Tier), ids=[t.value for t in Tier])
def test_every_tier_has_vignettes(tier: Tier) -> None:
    assert sum(v.tier is tier for v in VIGNETTES) >= 3


def test_reasons_at_every_tier_are_listed_most_urgent_first() -> None:
    answers = person(
        age=72,
        where="middle",
        now=8,
        started_days_ago=50,
        trigger="minor_fall",
        before="often",
        symptoms=("fever", "numbness_both_legs"),
    )
    result = triage(answers)
    tiers = [r.tier for r in RULES if r.reason in result.reasons]
    assert result.level is Tier.EMERGENCY
    assert {Tier.EMERGENCY, Tier.URGENT, Tier.SOON, Tier.ROUTINE} <= set(tiers)
    order = [next(r.tier.rank for r in RULES if r.reason == reason) for reason in result.reasons]
    assert order == sorted(order)


def test_any_other_case_is_not_said_twice() -> None:
    reasons = triage(person(age=64, now=9, conditions=("cancer_history",))).reasons
    assert sum("cancer" in r for r in reasons) == 1
    reasons = triage(person(age=64, trigger="minor_fall", conditions=("osteoporosis",))).reasons
    assert not any("easier to break" in r for r in reasons)
    reasons = triage(person(age=55, where="upper", trigger="none_known")).reasons
    assert sum("middle or upper back" in r for r in reasons) == 1


@pytest.mark.parametrize(
    ("days", "tier"), [(0, Tier.EMERGENCY), (7, Tier.EMERGENCY), (8, Tier.URGENT)]
)
def test_a_major_accident_gives_one_reason(days: int, tier: Tier) -> None:
    result = triage(person(trigger="major_accident", started_days_ago=days))
    assert result.level is tier
    assert sum("serious accident" in r for r in result.reasons) == 1


@pytest.mark.parametrize(
    "symptoms",
    [("confused_or_drowsy",), ("fever",), ("worse_each_day",), ("saddle_numbness", "vomiting")],
)
def test_stopped_early_answers_are_always_an_emergency_plan(symptoms: tuple[str, ...]) -> None:
    """A plan made from a stopped-early document is the emergency plan (docs/answers-format.md)."""
    result = triage(stopped(45, *symptoms))
    assert result.level is Tier.EMERGENCY
    full = triage(person(age=45, symptoms=symptoms))
    # The reasons present in the answers are kept; stopping is a reason only without one.
    assert set(full.reasons) <= set(result.reasons) or full.level is not Tier.EMERGENCY
    assert any("questions stopped" in r for r in result.reasons) == (
        full.level is not Tier.EMERGENCY
    )


def questions_partial(**doc: Any) -> Answers:
    """Answers as the questionnaire builds them part-way, placeholders for unasked pain fields."""
    from careplan.intake.questions import partial_answers

    return partial_answers({"pregnant": False, **doc})


def test_emergency_reasons_on_partial_answers() -> None:
    partial = questions_partial(age=45, symptoms=[])
    assert emergency_reasons(partial) == ()
    assert emergency_reasons(questions_partial(age=45, symptoms=["fever"])) == ()
    both = questions_partial(age=45, symptoms=["fever", "chest_pain_or_breathless"])
    assert len(emergency_reasons(both)) == 1
    assert emergency_reasons(questions_partial(age=45, symptoms=[], pain={"leg": "both_legs"}))
    assert emergency_reasons(stopped(30, "pregnancy_warning", weeks=20))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_reasons_are_short_and_plain(rule: Rule) -> None:
    reason: str = rule.reason
    assert 1 <= len(re.findall(r"[.!?](\s|$)", reason)) <= 2
    assert textstat.flesch_kincaid_grade(reason) <= 8
    assert rule.sources
    assert content.unknown_sources(rule.sources) == []


# ---- properties over random valid answers ---------------------------------------------------


def _emergency_signs(answers: Answers) -> list[Answers]:
    """The answers with each emergency sign of the triage table added, one at a time."""
    signs = [s for s in EMERGENCY_SYMPTOMS if s != "pregnancy_warning" or answers.pregnant]
    added = [dataclasses.replace(answers, symptoms=(*answers.symptoms, s)) for s in signs]
    assert answers.pain is not None
    pains = [
        dataclasses.replace(answers.pain, leg="both_legs"),
        dataclasses.replace(answers.pain, trigger="major_accident", started_days_ago=0),
        dataclasses.replace(
            answers.pain, trigger="major_accident", started_days_ago=RECENT_ACCIDENT_DAYS
        ),
    ]
    return added + [dataclasses.replace(answers, pain=p) for p in pains]


@given(valid_answers())
def test_any_emergency_sign_gives_emergency(answers: Answers) -> None:
    for changed in _emergency_signs(answers):
        assert triage(changed).level is Tier.EMERGENCY
        assert emergency_reasons(changed)


@given(valid_answers(emergency=False))
def test_without_emergency_signs_there_is_no_emergency(answers: Answers) -> None:
    assert triage(answers).level is not Tier.EMERGENCY
    assert emergency_reasons(answers) == ()


def _with_word(answers: Answers, word: str) -> Answers:
    def added(words: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*words, word))) if word in allowed else words

    return dataclasses.replace(
        answers,
        symptoms=added(answers.symptoms, SYMPTOMS),
        conditions=added(answers.conditions, CONDITIONS),
        medicines=added(answers.medicines, MEDICINES),
    )


@given(valid_answers(), st.sampled_from(SYMPTOMS + CONDITIONS + MEDICINES))
def test_adding_an_answer_never_lowers_the_tier(answers: Answers, word: str) -> None:
    if word == "pregnancy_warning" and not answers.pregnant:
        return
    before = triage(answers).level
    after = triage(_with_word(answers, word)).level
    assert not before.more_urgent_than(after)


@given(valid_answers())
def test_reasons_are_empty_only_for_self_care(answers: Answers) -> None:
    result = triage(answers)
    assert (result.reasons == ()) == (result.level is Tier.SELF_CARE)
    assert len(set(result.reasons)) == len(result.reasons)


@given(valid_answers())
def test_emergency_reasons_agree_with_triage(answers: Answers) -> None:
    result = triage(answers)
    reasons = emergency_reasons(answers)
    assert bool(reasons) == (result.level is Tier.EMERGENCY)
    assert result.reasons[: len(reasons)] == reasons


@given(
    valid_answers(),
    st.sampled_from(("lower", "middle", "upper")),
    st.integers(0, 10),
    st.sampled_from(("first_time", "sometimes", "often")),
)
def test_emergency_reasons_ignore_placeholder_pain_fields(
    answers: Answers, where: str, score: int, before: str
) -> None:
    assert answers.pain is not None
    placeholder = dataclasses.replace(
        answers.pain, where=where, now=score, worst=score, interferes=score, before=before
    )
    assert emergency_reasons(dataclasses.replace(answers, pain=placeholder)) == emergency_reasons(
        answers
    )


@given(valid_answers())
def test_tier_sections_for_any_answers(answers: Answers) -> None:
    result = triage(answers)
    sections = tier_sections(answers, result)
    ids = [s.id for s in sections]
    # What to do first; when pregnant, the maternity box before the rest of the signs.
    maternity = ["maternity"] if answers.pregnant else []
    assert ids[: len(maternity) + 2] == ["triage", *maternity, "warning-signs"]
    assert len(set(ids)) == len(ids)
    assert ("maternity" in ids) == answers.pregnant
    for section in sections:
        assert section.kind in SECTION_KINDS
        assert section.why and section.sources and section.title
        assert content.unknown_sources(section.sources) == []
    if result.reasons:
        # The box lists the reasons of the tier reached; lower tiers' are "also tell" rows.
        own = tuple(
            r.reason for r in RULES if r.reason in result.reasons and r.tier is result.level
        )
        assert sections[0].bullets == own
        lower = [r for r in RULES if r.reason in result.reasons and r.tier is not result.level]
        also = [t for t in sections[0].tables if t.header[0].startswith("Also tell")]
        assert len(also) == (1 if lower else 0)
        if lower:
            assert len(also[0].rows) == len(lower)


# ---- the warning sections -------------------------------------------------------------------


def _text(section: Section) -> str:
    cells = [cell for table in section.tables for row in table.rows for cell in row]
    headers = [cell for table in section.tables for cell in table.header]
    parts = [section.title, *section.paragraphs, *section.bullets, *section.cautions]
    return " ".join([*parts, *headers, *cells])


def _sections(answers: Answers) -> dict[str, Section]:
    return {s.id: s for s in tier_sections(answers, triage(answers))}


ONE_PER_TIER = {
    Tier.EMERGENCY: person(symptoms=("saddle_numbness",)),
    Tier.URGENT: person(symptoms=("fever",)),
    Tier.SOON: person(symptoms=("worse_each_day",)),
    Tier.ROUTINE: person(before="often"),
    Tier.SELF_CARE: person(),
}
WHAT_TO_DO = {
    Tier.EMERGENCY: "Call emergency services",
    Tier.URGENT: "See a doctor today",
    Tier.SOON: "within the next few days",
    Tier.ROUTINE: "in the coming weeks",
    Tier.SELF_CARE: "look after this at home",
}


@pytest.mark.parametrize("tier", list(Tier), ids=[t.value for t in Tier])
def test_every_tier_gets_what_to_do_and_the_warning_signs(tier: Tier) -> None:
    answers = ONE_PER_TIER[tier]
    assert triage(answers).level is tier
    sections = _sections(answers)
    assert WHAT_TO_DO[tier] in _text(sections["triage"])
    assert sections["triage"].kind == sections["warning-signs"].kind == "warning"
    signs = _text(sections["warning-signs"])
    assert "sudden severe tearing pain in the chest, back or between the shoulder blades" in signs
    for words in ("genitals", "bladder", "both legs", "weakness", "chest pain", "confusion"):
        assert words in signs
    for words in ("burning", "blood in your urine", "being sick", "worse at night"):
        assert words in signs
    # A sign the person already has is the tier box's: not in the list to watch for.
    fever = "a fever (38 °C / 100.4 °F or more)"
    assert (fever in signs) is (tier is not Tier.URGENT)
    assert (fever not in signs) is ("fever" in answers.symptoms)
    assert "kidney infection can feel like a back spasm" in signs


def test_emergency_says_do_not_drive_and_what_to_tell_the_staff() -> None:
    answers = person(
        age=72,
        started_days_ago=1,
        pregnant=False,
        medicines=("blood_thinner",),
        symptoms=("bladder_or_bowel_change",),
    )
    section = _sections(answers)["triage"]
    text = _text(section)
    assert "999 / 911 / 112" in text and "Do not drive yourself" in text
    assert "no exercises" in text
    # The over-70 lifting reason (within days) is an "also" row, not a second timing.
    assert section.bullets == triage(answers).reasons[:1]
    assert section.tables[1].header == ("Also tell the staff about:",)
    assert section.tables[1].rows == (("lifting, bending or twisting, over the age of 70",),)
    staff = section.tables[0]
    assert staff.caption == "What to tell the staff"
    cells = {row[0]: row[1] for row in staff.rows}
    assert cells["Back pain started"] == "yesterday"
    assert "blood thinner" in cells["Medicines"]
    assert "bladder" in cells["Warning signs"]


def test_stopped_early_staff_table_claims_nothing_that_was_not_asked() -> None:
    section = _sections(stopped(51, "saddle_numbness"))["triage"]
    cells = {row[0]: row[1] for row in section.tables[0].rows}
    assert "Medicines" not in cells and "Health conditions" not in cells
    assert "numbness" in cells["Warning signs"]


def test_pregnancy_warning_sends_to_the_maternity_unit() -> None:
    answers = person(age=31, pregnant=True, pregnancy_weeks=34, symptoms=("pregnancy_warning",))
    sections = _sections(answers)
    text = _text(sections["triage"])
    assert "maternity unit or labour ward" in text and "Do not drive yourself" in text
    assert "34 weeks pregnant" in text
    assert "maternity" in sections


def test_pregnant_emergency_of_another_kind_calls_emergency_services() -> None:
    answers = person(pregnant=True, pregnancy_weeks=12, symptoms=("chest_pain_or_breathless",))
    text = _text(_sections(answers)["triage"])
    assert text.count("Call emergency services") == 1
    assert "pregnant" in text


def test_pregnant_gets_the_maternity_box() -> None:
    sections = _sections(person(age=30, pregnant=True, pregnancy_weeks=25))
    box = sections["maternity"]
    assert box.kind == "warning"
    assert {"NHS pregnancy back pain", "ACOG"} <= set(box.sources)
    text = _text(box)
    for words in ("comes and goes regularly", "bleeding", "fluid leaking", "moving less"):
        assert words in text
    assert "pregnancy box" in _text(sections["warning-signs"])
    assert "maternity" not in _sections(person())


def test_urgent_with_cancer_history_calls_the_cancer_team() -> None:
    answers = person(age=62, where="middle", conditions=("cancer_history",))
    assert triage(answers).level is Tier.URGENT
    text = _text(_sections(answers)["triage"])
    assert "cancer team's urgent line" in text
    assert "cancer team" not in _text(_sections(person(symptoms=("fever",)))["triage"])


def test_urgent_and_pregnant_also_phones_the_maternity_unit() -> None:
    answers = person(pregnant=True, pregnancy_weeks=22, symptoms=("night_pain_unrelieved",))
    section = _sections(answers)["triage"]
    text = _text(section)
    assert "Also phone your maternity unit" in text
    assert "NHS 111" in text
    assert "Do not start an exercise programme" in text
    assert section.tables[0].caption == "What to tell the doctor"


def test_soon_says_once_that_exercises_stay_gentle_until_seen() -> None:
    """The ladder says it, with the stage it means; the tier's box only sends them to a doctor
    and says why, that sentence once after the reasons."""
    answers = person(symptoms=("weight_loss_unexplained", "worse_each_day"))
    box = _sections(answers)["triage"]
    assert "settling" not in _text(box) and "exercise" not in _text(box)
    assert [g.after for g in box.reason_groups] == ["A doctor should see you within a few days."]
    plan = make_plan(answers, created=CREATED, generator=GENERATOR)
    said = [p for s in plan.sections for p in s.paragraphs if "doctor has checked" in p]
    assert said == ["Until a doctor has checked your back, do not go past stage 2."]


def test_routine_sciatica_says_sooner_if_worse() -> None:
    text = _text(_sections(person(leg="below_knee"))["triage"])
    assert "not better in a few weeks, or sooner if it gets worse" in text


def test_self_care_says_when_to_review_and_what_not_better_means() -> None:
    section = _sections(person())["triage"]
    text = _text(section)
    assert "about 2 weeks" in text
    assert "after about 2 weeks, your pain is not getting better" in text
    assert "4 or more out of 10" in text
    assert "6 weeks or more" in text
    # What to do for a warning sign is page 1's get-help-now box, just above: not said again.
    assert "warning sign" not in text
    assert section.tables == ()


@pytest.mark.parametrize(("days", "shown"), [(89, False), (90, True), (400, True)])
def test_inflammatory_back_pain_note_after_3_months(days: int, shown: bool) -> None:
    sections = _sections(person(started_days_ago=days, now=2))
    assert ("inflammatory-back-pain" in sections) is shown
    if shown:
        note = sections["inflammatory-back-pain"]
        assert note.kind == "info"
        assert "30 minutes" in _text(note)


def test_stopped_early_sections() -> None:
    answers = stopped(50, "saddle_numbness", "fever")
    sections = _sections(answers)
    staff = {row[0]: row[1] for row in sections["triage"].tables[0].rows}
    assert "Back pain started" not in staff
    assert "genitals" in staff["Warning signs"] and "fever" in staff["Warning signs"]


def test_every_answer_word_has_plain_words_for_the_staff() -> None:
    for trigger in TRIGGERS:
        answers = person(
            trigger=trigger,
            symptoms=tuple(s for s in SYMPTOMS if s != "pregnancy_warning"),
            conditions=CONDITIONS,
            medicines=MEDICINES,
            leg="both_legs",
        )
        table = tier_sections(answers, triage(answers))[0].tables[0]
        text = " ".join(cell for row in table.rows for cell in row)
        assert "_" not in text


def test_sections_are_plain_to_read() -> None:
    answers = person(pregnant=True, pregnancy_weeks=20, started_days_ago=100, now=4)
    for section in _sections(answers).values():
        if section.kind == "info":
            continue  # the note for the clinician may use clinical words
        items = [section.title, *section.paragraphs, *section.bullets, *section.cautions]
        text = " ".join(item if item.endswith((".", ":")) else item + "." for item in items)
        assert textstat.flesch_kincaid_grade(text) <= 8, section.id


def test_triage_imports_no_terminal_or_rendering_library() -> None:
    code = (
        "import sys, careplan.decide.triage; "
        "print(sorted(m for m in ('questionary', 'weasyprint', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_triage_given_by_the_caller_is_used_as_is() -> None:
    sections = tier_sections(person(), Triage(Tier.SOON, ("A reason from elsewhere.",)))
    assert sections[0].bullets == ("A reason from elsewhere.",)
    assert "within the next few days" in _text(sections[0])
