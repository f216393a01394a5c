"""Selection: clinical.md §3 as tables of answers -> withheld and cautioned items, the tiers'
plans, the first week, and properties over random answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan import content
from careplan.answers import Answers
from careplan.plan import Plan, Section, Tier, Triage
from careplan.select import REASON_JOIN, REQUIRED_BELOW_URGENT, build_plan, make_plan
from careplan.triage import tier_sections
from tests.strategies import valid_answers
from tests.vignettes import person

CREATED = date(2026, 11, 22)
CONTENT_IDS = frozenset(item.id for item in content.library().items)
COMFORT = frozenset({"keep-moving", "heat", "ice", "warm-bath", "comfort-positions", "getting-up"})


def plan_for(answers: Answers, tier: Tier = Tier.SELF_CARE) -> Plan:
    """The plan at a fixed tier, so that a table tests selection and not triage."""
    reasons = () if tier is Tier.SELF_CARE else ("a reason given for this test",)
    return build_plan(answers, Triage(tier, reasons), created=CREATED, generator="test")


def content_withheld(plan: Plan) -> dict[str, str]:
    """Withheld content-library items (not exercises), id -> reason."""
    return {w.id: w.reason for w in plan.withheld if w.id in CONTENT_IDS}


def section_ids(plan: Plan) -> list[str]:
    return [s.id for s in plan.sections]


def left_out(plan: Plan) -> tuple[str, ...]:
    """The bullets of the "Left out for your safety" section, () when there is none."""
    section = plan.section("not-for-you")
    return () if section is None else section.bullets


def shown(plan: Plan, item_id: str) -> Section:
    section = plan.section(item_id)
    assert section is not None, f"{item_id} is not shown"
    return section


# ---- clinical.md §3: withhold ---------------------------------------------------------------

OLD = 70
ELDERLY = 80
#: (changes to a plain 40-year-old, {item withheld: a piece of its printed reason}); the
#: content items withheld must be exactly these.
WITHHOLD: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    (
        "nsaid-allergy",
        {"conditions": ("nsaid_allergy_or_asthma",)},
        {
            "nsaid-oral": "asthma attack after an anti-inflammatory",
            "nsaid-topical": "the gel can cause one too",
        },
    ),
    ("ulcer", {"conditions": ("stomach_ulcer_or_bleed",)}, {"nsaid-oral": "stomach ulcer"}),
    ("bleeding", {"conditions": ("bleeding_disorder",)}, {"nsaid-oral": "bleeding disorder"}),
    (
        "blood-thinner",
        {"medicines": ("blood_thinner",)},
        {
            "nsaid-oral": "you take a blood thinner (such as warfarin, apixaban or clopidogrel), "
            "and anti-inflammatory tablets raise the risk"
        },
    ),
    ("kidney", {"conditions": ("kidney_disease",)}, {"nsaid-oral": "harm the kidneys"}),
    (
        "liver",
        {"conditions": ("liver_disease",)},
        {
            "nsaid-oral": "liver disease",
            "paracetamol": "liver disease: ask a doctor first",
            "muscle-relaxant": "the liver has to clear these medicines",
        },
    ),
    (
        "heart-failure",
        {"conditions": ("heart_failure",)},
        {"nsaid-oral": "heart failure", "muscle-relaxant": "heart failure"},
    ),
    (
        "heart-or-stroke",
        {"conditions": ("heart_disease_or_stroke",)},
        {"nsaid-oral": "heart attack or stroke", "muscle-relaxant": "affect the heart"},
    ),
    ("bowel", {"conditions": ("inflammatory_bowel_disease",)}, {"nsaid-oral": "flare up"}),
    (
        "lithium",
        {"medicines": ("lithium_or_methotrexate",)},
        {"nsaid-oral": "lithium or methotrexate"},
    ),
    (
        "other-nsaid",
        {"medicines": ("other_nsaid",)},
        {
            "nsaid-oral": "already take an anti-inflammatory: do not add another",
            "nsaid-topical": "already take an anti-inflammatory: do not add another",
        },
    ),
    (
        "pregnant",
        {"pregnant": True, "pregnancy_weeks": 8},
        {
            "nsaid-oral": "not advised in pregnancy",
            "nsaid-topical": "not advised in pregnancy",
            "muscle-relaxant": "you are pregnant",
        },
    ),
    (
        "age-75",
        {"age": 75},
        {"nsaid-oral": "75 or older", "muscle-relaxant": "65 or older"},
    ),
    ("age-65", {"age": 65}, {"muscle-relaxant": "65 or older"}),
    ("age-64", {"age": 64}, {}),
    (
        "age-65-steroids",
        {"age": 65, "medicines": ("steroid_tablets",)},
        {"nsaid-oral": "steroid tablets", "muscle-relaxant": "65 or older"},
    ),
    (
        "age-65-aspirin",
        {"age": 65, "medicines": ("daily_aspirin",)},
        {"nsaid-oral": "daily aspirin", "muscle-relaxant": "65 or older"},
    ),
    (
        "age-65-ssri",
        {"age": 65, "medicines": ("ssri_or_snri",)},
        {"nsaid-oral": "SSRI or SNRI", "muscle-relaxant": "65 or older"},
    ),
    (
        "age-65-blood-pressure-tablet",
        {"age": 65, "medicines": ("ace_arb_or_diuretic",)},
        {"nsaid-oral": "blood pressure or water tablet", "muscle-relaxant": "65 or older"},
    ),
    ("age-64-steroids", {"age": 64, "medicines": ("steroid_tablets",)}, {}),
    ("age-64-aspirin", {"age": 64, "medicines": ("daily_aspirin",)}, {}),
    ("age-64-blood-pressure-tablet", {"age": 64, "medicines": ("ace_arb_or_diuretic",)}, {}),
    (
        "alcohol",
        {"alcohol_3_or_more_daily": True},
        {"paracetamol": "ask a doctor first", "muscle-relaxant": "dangerously sleepy"},
    ),
    (
        "sedative",
        {"medicines": ("sedative_or_opioid",)},
        {"muscle-relaxant": "slow your breathing"},
    ),
    ("glaucoma", {"conditions": ("glaucoma",)}, {"muscle-relaxant": "glaucoma"}),
    ("ssri", {"medicines": ("ssri_or_snri",)}, {"muscle-relaxant": "serotonin syndrome"}),
    ("raynauds", {"conditions": ("raynauds_or_cold_sensitive",)}, {"ice": "Raynaud's"}),
    # Cautions only: nothing is withheld.
    ("numb-skin", {"conditions": ("numb_skin_or_neuropathy",)}, {}),
    ("diabetes", {"conditions": ("diabetes",)}, {}),
    ("asthma", {"conditions": ("asthma",)}, {}),
    ("high-blood-pressure", {"conditions": ("high_blood_pressure",)}, {}),
    ("under-50kg", {"weight_under_50kg": True}, {}),
    ("already-taking-relaxant", {"medicines": ("muscle_relaxant",)}, {}),
]


@pytest.mark.parametrize(
    ("changes", "expected"), [row[1:] for row in WITHHOLD], ids=[row[0] for row in WITHHOLD]
)
def test_withhold(changes: dict[str, Any], expected: dict[str, str]) -> None:
    plan = plan_for(person(**changes))
    withheld = content_withheld(plan)
    assert set(withheld) == set(expected)
    for item_id, fragment in expected.items():
        assert fragment in withheld[item_id]
        assert item_id not in section_ids(plan)
    for w in plan.withheld:
        assert f"Not for you: {w.title}, because {w.reason}" in left_out(plan)


def test_several_reasons_are_all_printed_in_the_library_order() -> None:
    plan = plan_for(person(medicines=("blood_thinner",), conditions=("kidney_disease",)))
    rules = [r.text for r in content.library().item("nsaid-oral").withhold]
    thinner = next(r for r in rules if "blood thinner" in r)
    kidney = next(r for r in rules if "kidney disease" in r)
    assert content_withheld(plan)["nsaid-oral"] == thinner + REASON_JOIN + kidney


def test_the_plain_person_has_nothing_withheld_and_no_list_of_it() -> None:
    plan = plan_for(person())
    assert plan.withheld == ()
    assert "not-for-you" not in section_ids(plan)


def test_the_list_of_left_out_items_is_the_withheld_items_word_for_word() -> None:
    plan = plan_for(person(conditions=("osteoporosis", "liver_disease")))
    section = shown(plan, "not-for-you")
    assert section.kind == "info"
    assert section.bullets == tuple(
        f"Not for you: {w.title}, because {w.reason}" for w in plan.withheld
    )


# ---- clinical.md §3: cautions ---------------------------------------------------------------

#: (changes to a plain 40-year-old, item shown, a piece of the caution printed with it).
CAUTIONS: list[tuple[str, dict[str, Any], str, str]] = [
    ("nsaid-age-65", {"age": 65}, "nsaid-oral", "65 or older"),
    ("nsaid-high-bp", {"conditions": ("high_blood_pressure",)}, "nsaid-oral", "blood pressure"),
    ("nsaid-asthma", {"conditions": ("asthma",)}, "nsaid-oral", "because you have asthma"),
    ("nsaid-aspirin", {"medicines": ("daily_aspirin",)}, "nsaid-oral", "how to time"),
    ("nsaid-ssri", {"medicines": ("ssri_or_snri",)}, "nsaid-oral", "SSRI or SNRI"),
    ("nsaid-steroids", {"medicines": ("steroid_tablets",)}, "nsaid-oral", "steroid tablets"),
    ("nsaid-ace", {"medicines": ("ace_arb_or_diuretic",)}, "nsaid-oral", "water tablet"),
    ("nsaid-alcohol", {"alcohol_3_or_more_daily": True}, "nsaid-oral", "3 or more drinks"),
    ("gel-kidney", {"conditions": ("kidney_disease",)}, "nsaid-topical", "kidney disease"),
    ("gel-ulcer", {"conditions": ("stomach_ulcer_or_bleed",)}, "nsaid-topical", "ulcer"),
    ("gel-thinner", {"medicines": ("blood_thinner",)}, "nsaid-topical", "blood thinner"),
    ("gel-heart-failure", {"conditions": ("heart_failure",)}, "nsaid-topical", "heart failure"),
    ("gel-asthma", {"conditions": ("asthma",)}, "nsaid-topical", "asthma"),
    ("para-kidney", {"conditions": ("kidney_disease",)}, "paracetamol", "kidney disease"),
    ("para-thinner", {"medicines": ("blood_thinner",)}, "paracetamol", "warfarin"),
    ("para-weight", {"weight_under_50kg": True}, "paracetamol", "right dose"),
    ("para-pregnant", {"pregnant": True, "pregnancy_weeks": 30}, "paracetamol", "midwife"),
    ("heat-numb", {"conditions": ("numb_skin_or_neuropathy",)}, "heat", "skin that feels numb"),
    ("heat-diabetes", {"conditions": ("diabetes",)}, "heat", "about 10 minutes"),
    ("heat-pregnant", {"pregnant": True, "pregnancy_weeks": 30}, "heat", "never on your bump"),
    ("heat-sedative", {"medicines": ("sedative_or_opioid",)}, "heat", "set a timer"),
    ("ice-numb", {"conditions": ("numb_skin_or_neuropathy",)}, "ice", "skin that feels numb"),
    ("ice-heart", {"conditions": ("heart_disease_or_stroke",)}, "ice", "angina"),
    ("ice-diabetes", {"conditions": ("diabetes",)}, "ice", "diabetes"),
    ("bath-numb", {"conditions": ("numb_skin_or_neuropathy",)}, "warm-bath", "hand or elbow"),
    ("bath-heart", {"conditions": ("heart_disease_or_stroke",)}, "warm-bath", "dizzy"),
    ("bath-heart-failure", {"conditions": ("heart_failure",)}, "warm-bath", "dizzy"),
    ("bath-relaxant", {"medicines": ("muscle_relaxant",)}, "warm-bath", "drowsy"),
    ("bath-sedative", {"medicines": ("sedative_or_opioid",)}, "warm-bath", "drowsy"),
    ("bath-pregnant", {"pregnant": True, "pregnancy_weeks": 8}, "warm-bath", "warm, not hot"),
    (
        "taking-driving",
        {"medicines": ("muscle_relaxant",), "activity": "driving"},
        "muscle-relaxant-taking",
        "drive for work",
    ),
    (
        "taking-sedative",
        {"medicines": ("muscle_relaxant", "sedative_or_opioid")},
        "muscle-relaxant-taking",
        "slow your breathing",
    ),
    (
        "taking-ssri",
        {"medicines": ("muscle_relaxant", "ssri_or_snri")},
        "muscle-relaxant-taking",
        "SSRI or SNRI",
    ),
    (
        "taking-age-65",
        {"medicines": ("muscle_relaxant",), "age": 65},
        "muscle-relaxant-taking",
        "stopping it",
    ),
    ("lifting-osteoporosis", {"conditions": ("osteoporosis",)}, "lifting", "osteoporosis"),
    ("lifting-steroids", {"medicines": ("steroid_tablets",)}, "lifting", "steroid tablets"),
    (
        "sleep-pregnant",
        {"pregnant": True, "pregnancy_weeks": 13},
        "comfort-positions",
        "midwife",
    ),
]


@pytest.mark.parametrize(
    ("changes", "item_id", "fragment"),
    [row[1:] for row in CAUTIONS],
    ids=[row[0] for row in CAUTIONS],
)
def test_caution(changes: dict[str, Any], item_id: str, fragment: str) -> None:
    section = shown(plan_for(person(**changes)), item_id)
    assert any(fragment in caution for caution in section.cautions), section.cautions


def test_the_plain_person_gets_no_content_cautions() -> None:
    plan = plan_for(person())
    assert [s.id for s in plan.sections if s.id in CONTENT_IDS and s.cautions] == []


def test_a_caution_adds_its_sources_to_the_section() -> None:
    section = shown(plan_for(person(age=65)), "nsaid-oral")
    assert "Beers 2023" in section.sources


def test_cautions_are_printed_once_even_when_several_answers_match() -> None:
    plan = plan_for(person(medicines=("muscle_relaxant", "sedative_or_opioid")))
    cautions = shown(plan, "warm-bath").cautions
    assert len(cautions) == len(set(cautions)) == 1


# ---- variants and items shown only for some answers ------------------------------------------


@pytest.mark.parametrize(
    ("changes", "title"),
    [
        ({}, "A warm bath"),
        ({"can_get_down_to_floor": False}, "A warm shower"),
        ({"age": 75}, "A warm shower"),
        ({"age": 74}, "A warm bath"),
    ],
)
def test_warm_bath_becomes_a_shower_when_getting_out_is_a_fall_risk(
    changes: dict[str, Any], title: str
) -> None:
    section = shown(plan_for(person(**changes)), "warm-bath")
    assert section.title == title
    assert any("Epsom salt" in p for p in section.paragraphs)


def test_epsom_salt_is_called_unproven() -> None:
    section = shown(plan_for(person()), "warm-bath")
    assert any("no good proof" in p for p in section.paragraphs)


def test_keep_moving_is_gentle_at_the_urgent_tier() -> None:
    section = shown(plan_for(person(), Tier.URGENT), "keep-moving")
    assert "Do not start an exercise programme" in " ".join(section.paragraphs)


def test_a_person_taking_a_muscle_relaxant_is_not_told_to_ask_for_one() -> None:
    plan = plan_for(person(medicines=("muscle_relaxant",)))
    text = " ".join(shown(plan, "muscle-relaxant").paragraphs)
    assert "already take" in text and "short course suits you" not in text
    assert shown(plan, "muscle-relaxant-taking").kind == "medicine"


def test_the_muscle_relaxant_section_never_gives_a_dose() -> None:
    section = shown(plan_for(person()), "muscle-relaxant")
    assert "ask your doctor" in " ".join(section.paragraphs)
    assert "mg" not in " ".join(section.paragraphs + section.bullets)


def test_taking_a_muscle_relaxant_section_only_for_those_who_do() -> None:
    assert "muscle-relaxant-taking" not in section_ids(plan_for(person()))


ACTIVITY_ITEMS = {
    "mostly_sitting": "work-sitting",
    "on_feet": "work-on-feet",
    "heavy_manual": "work-heavy",
    "driving": "work-driving",
    "not_working": "at-home",
}


@pytest.mark.parametrize(("activity", "item_id"), ACTIVITY_ITEMS.items())
def test_work_advice_follows_the_activity(activity: str, item_id: str) -> None:
    ids = section_ids(plan_for(person(activity=activity)))
    assert [i for i in ids if i in ACTIVITY_ITEMS.values()] == [item_id]


def test_pregnancy_brings_back_care_and_drops_weight_advice() -> None:
    pregnant = section_ids(plan_for(person(pregnant=True, pregnancy_weeks=20)))
    plain = section_ids(plan_for(person()))
    assert "pregnancy-back-care" in pregnant and "weight" not in pregnant
    assert "pregnancy-back-care" not in plain and "weight" in plain


@pytest.mark.parametrize(
    "item_id", ["lifting", "walking-habit", "keep-exercising", "footwear", "sleep", "stress"]
)
def test_general_prevention_topics_are_in_every_plan_below_urgent(item_id: str) -> None:
    assert shown(plan_for(person()), item_id).kind == "prevention"


# ---- tiers -----------------------------------------------------------------------------------

TIER_PEOPLE: dict[Tier, dict[str, Any]] = {
    Tier.EMERGENCY: {"symptoms": ("saddle_numbness",)},
    Tier.URGENT: {"symptoms": ("fever",)},
    Tier.SOON: {"symptoms": ("worse_each_day",)},
    Tier.ROUTINE: {"before": "often"},
    Tier.SELF_CARE: {},
}


def real_plan(tier: Tier, **extra: Any) -> Plan:
    plan = make_plan(person(**TIER_PEOPLE[tier], **extra), created=CREATED, generator="test")
    assert plan.triage.level is tier
    return plan


def test_the_emergency_plan_is_warnings_clinician_page_and_sources() -> None:
    plan = real_plan(Tier.EMERGENCY, conditions=("raynauds_or_cold_sensitive",))
    warnings = [s.id for s in tier_sections(plan.answers, plan.triage)]
    assert section_ids(plan) == [*warnings, "clinician", "sources"]
    assert plan.exercises == () and plan.withheld == () and plan.phase is None


def test_a_stopped_questionnaire_gets_the_emergency_layout() -> None:
    answers = Answers(age=50, pregnant=False, symptoms=(), stopped_early=True)
    plan = make_plan(answers, created=CREATED, generator="test")
    kinds = {s.kind for s in plan.sections}
    assert kinds <= {"warning", "info", "clinician", "sources"}
    assert plan.exercises == ()


KIDNEY_OUT = {"heat", "warm-bath"}


@pytest.mark.parametrize(
    ("symptoms", "treatments", "medicines", "withheld"),
    [
        (("night_pain_unrelieved",), COMFORT, set(), set()),
        (("fever",), COMFORT - KIDNEY_OUT, {"paracetamol"}, {*KIDNEY_OUT, "nsaid-oral"}),
    ],
)
def test_the_urgent_plan_has_comfort_measures_only(
    symptoms: tuple[str, ...], treatments: set[str], medicines: set[str], withheld: set[str]
) -> None:
    plan = make_plan(person(symptoms=symptoms), created=CREATED, generator="test")
    assert plan.triage.level is Tier.URGENT
    assert {s.id for s in plan.sections if s.kind == "treatment"} == treatments
    assert {s.id for s in plan.sections if s.kind == "medicine"} == medicines
    assert {w.id for w in plan.withheld} == withheld
    kinds = {s.kind for s in plan.sections}
    assert kinds.isdisjoint({"exercise", "prevention", "schedule", "log"})
    assert plan.exercises == () and plan.phase is None
    assert section_ids(plan)[-2:] == ["clinician", "sources"]


def test_the_urgent_plan_still_says_why_something_is_left_out() -> None:
    answers = person(
        symptoms=("night_pain_unrelieved",), conditions=("raynauds_or_cold_sensitive",)
    )
    plan = make_plan(answers, created=CREATED, generator="test")
    assert [w.id for w in plan.withheld] == ["ice"]
    assert shown(plan, "not-for-you").bullets[0].startswith("Not for you: Cold pack, because")


KIND_ORDER = [
    "warning",
    "treatment",
    "medicine",
    "info",
    "exercise",
    "prevention",
    "schedule",
    "info",
    "clinician",
    "log",
    "sources",
]


@pytest.mark.parametrize("tier", [Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE])
def test_plans_below_urgent_follow_the_section_order(tier: Tier) -> None:
    plan = real_plan(tier, medicines=("blood_thinner",))
    kinds = [s.kind for s in plan.sections]
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert runs == KIND_ORDER
    ids = section_ids(plan)
    assert ids.index("not-for-you") < ids.index("exercises") < ids.index("first-week")
    assert ids[-4:] == ["therapist-help", "clinician", "progress-log", "sources"]
    assert plan.exercises and plan.phase is not None


@pytest.mark.parametrize("tier", [Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE])
def test_every_required_item_is_shown_or_withheld_below_urgent(tier: Tier) -> None:
    for changes in [{}, {"conditions": ("liver_disease", "raynauds_or_cold_sensitive")}]:
        plan = plan_for(person(**changes), tier)
        accounted = set(section_ids(plan)) | {w.id for w in plan.withheld}
        assert set(REQUIRED_BELOW_URGENT) <= accounted


# ---- the first week --------------------------------------------------------------------------


def first_week(plan: Plan) -> list[tuple[str, ...]]:
    section = shown(plan, "first-week")
    assert section.kind == "schedule"
    table = section.tables[0]
    assert table.header == ("Day", "Morning", "Midday", "Evening")
    return list(table.rows)


@pytest.mark.parametrize(("days_ago", "ice_days"), [(0, 3), (1, 2), (2, 1), (3, 0), (20, 0)])
def test_ice_only_in_the_first_three_days_of_the_pain(days_ago: int, ice_days: int) -> None:
    rows = first_week(plan_for(person(started_days_ago=days_ago)))
    assert [r[0] for r in rows] == [f"Day {d}" for d in range(1, 8)]
    with_ice = [r[0] for r in rows if "cold pack" in " ".join(r)]
    assert with_ice == [f"Day {d}" for d in range(1, ice_days + 1)]


def test_no_ice_in_the_week_when_ice_is_withheld() -> None:
    plan = plan_for(person(started_days_ago=0, conditions=("raynauds_or_cold_sensitive",)))
    assert "cold pack" not in str(first_week(plan))


def test_the_week_names_the_exercises_and_builds_up_walking() -> None:
    plan = plan_for(person())
    rows = first_week(plan)
    for exercise in plan.exercises:
        if exercise.position != "walking":
            assert exercise.title in rows[0][1]
    assert "Short walks" in rows[0][2] and "30 minutes" in rows[6][2]
    assert "add 1 or 2" in rows[3][1]


def test_the_week_uses_the_shower_when_the_plan_does() -> None:
    rows = first_week(plan_for(person(can_get_down_to_floor=False)))
    assert "A warm shower" in rows[0][3]


# ---- sources ---------------------------------------------------------------------------------


def test_the_sources_section_lists_exactly_what_the_plan_cites() -> None:
    plan = plan_for(person(age=66, medicines=("ssri_or_snri",)))
    cited = {s for sec in plan.sections for s in sec.sources}
    cited |= {s for e in plan.exercises for s in e.sources}
    assert {s.short for s in plan.sources} == cited
    table = shown(plan, "sources").tables[0]
    assert table.rows == tuple((s.short, s.title, s.year) for s in plan.sources)
    assert [s.short.casefold() for s in plan.sources] == sorted(
        s.short.casefold() for s in plan.sources
    )


# ---- properties over random answers ----------------------------------------------------------


def check_plan(plan: Plan) -> None:
    """What must hold for every plan."""
    ids = section_ids(plan)
    assert len(ids) == len(set(ids))
    withheld = {w.id for w in plan.withheld}
    assert withheld.isdisjoint(ids)
    assert withheld.isdisjoint(e.id for e in plan.exercises)
    known = content.library().sources
    for section in plan.sections:
        assert section.why.strip(), section.id
        if section.kind != "sources":
            assert section.sources, section.id
        assert all(s in known for s in section.sources), section.id
    for exercise in plan.exercises:
        assert exercise.dose.strip(), exercise.id
        assert all(s in known for s in exercise.sources), exercise.id
    assert left_out(plan) == tuple(
        f"Not for you: {w.title}, because {w.reason}" for w in plan.withheld
    )
    assert ids[-1] == "sources"
    tier = plan.triage.level
    kinds = {s.kind for s in plan.sections}
    if tier is Tier.EMERGENCY or plan.answers.stopped_early:
        assert kinds <= {"warning", "info", "clinician", "sources"}
        assert not plan.exercises and not plan.withheld
    elif tier is Tier.URGENT:
        assert {s.id for s in plan.sections if s.kind == "treatment"} <= COMFORT
        assert {s.id for s in plan.sections if s.kind == "medicine"} <= {"paracetamol"}
        assert kinds.isdisjoint({"exercise", "prevention", "schedule"})
        assert not plan.exercises
    else:
        assert set(REQUIRED_BELOW_URGENT) <= set(ids) | withheld
        assert plan.exercises


@settings(max_examples=300, deadline=None)
@given(valid_answers())
def test_property_every_triaged_plan(answers: Answers) -> None:
    check_plan(make_plan(answers, created=CREATED, generator="test"))


@settings(max_examples=300, deadline=None)
@given(valid_answers(emergency=False), st.sampled_from(list(Tier)))
def test_property_every_tier_for_any_answers(answers: Answers, tier: Tier) -> None:
    check_plan(plan_for(answers, tier))


@settings(max_examples=50, deadline=None)
@given(valid_answers())
def test_property_the_plan_is_pure(answers: Answers) -> None:
    first = make_plan(answers, created=CREATED, generator="test")
    assert make_plan(answers, created=CREATED, generator="test") == first
