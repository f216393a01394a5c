"""Issue 12, triage and medicines: what a physiotherapist would cross out, as rules in data.

Urgent plans assume no spasm and keep "Not for you"; one timing per box; the full warning list;
the pain-relief review; blood thinners named in full; plain numbers; sources that exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from importlib import resources
from typing import Any

import pytest
import textstat
from hypothesis import given, settings

from careplan import content, rules
from careplan import words as library
from careplan.answers import Answers
from careplan.decide.select import URGENT_MEDICINES, make_plan
from careplan.decide.sharing import top_three
from careplan.decide.triage import RULES, has_kidney_signs, maternity_first, tier_sections, triage
from careplan.plan import Plan, Section, Tier
from tests.strategies import valid_answers
from tests.vignettes import KIDNEY_OUT, VIGNETTES, Vignette, person

CREATED = date(2026, 11, 22)
LIBRARY = content.library()
KIDNEY_SIGNS = ("fever", "urinary_burning_or_frequency", "blood_in_urine", "vomiting")
BLOOD_THINNER = "a blood thinner (such as warfarin, apixaban or clopidogrel)"


def plan_of(answers: Answers) -> Plan:
    return make_plan(answers, created=CREATED, generator="test")


def ids_of(plan: Plan) -> set[str]:
    return {s.id for s in plan.sections} | {e.id for e in plan.exercises}


def withheld_of(plan: Plan) -> dict[str, str]:
    return {w.id: w.reason for w in plan.withheld}


def words(section: Section) -> str:
    cells = [
        cell for table in section.tables for row in (table.header, *table.rows) for cell in row
    ]
    return " ".join(
        [section.title, *section.paragraphs, *section.bullets, *section.cautions, *cells]
    )


def person_text(plan: Plan) -> str:
    """What the person reads outside the warning boxes (which may name a spasm to rule it out)."""
    kinds = {"warning", "clinician", "log", "sources"}
    return " ".join(words(s) for s in plan.sections if s.kind not in kinds)


# ---- the vignettes' plans ---------------------------------------------------------------------

PLAN_VIGNETTES = [v for v in VIGNETTES if v.shown or v.withheld or v.hidden or v.phase is not None]


def test_there_are_at_least_15_vignettes_with_expected_plans() -> None:
    assert len(PLAN_VIGNETTES) >= 15


@pytest.mark.parametrize("vignette", PLAN_VIGNETTES, ids=[v.id for v in PLAN_VIGNETTES])
def test_vignette_plan(vignette: Vignette) -> None:
    plan = plan_of(vignette.answers)
    assert plan.triage.level is vignette.tier, vignette.story
    shown, withheld = ids_of(plan), withheld_of(plan)
    for item_id in vignette.shown:
        assert item_id in shown, f"{vignette.id}: {item_id} not shown"
    for item_id in vignette.withheld:
        assert item_id in withheld, f"{vignette.id}: {item_id} not withheld"
    for item_id in vignette.hidden:
        assert item_id not in shown and item_id not in withheld, f"{vignette.id}: {item_id}"
    if vignette.phase is not None:
        assert plan.phase == vignette.phase
    not_for_you = plan.section("not-for-you")
    for w in plan.withheld:
        assert not_for_you is not None
        assert f"Not for you: {w.title}, because {w.reason}" in not_for_you.bullets


# ---- point 2: urgent plans do not assume a spasm ---------------------------------------------

KIDNEY_CASES = [pytest.param({"symptoms": (sign,)}, id=sign) for sign in KIDNEY_SIGNS] + [
    pytest.param({"symptoms": ("fever", "night_pain_unrelieved")}, id="fever-night-pain"),
    pytest.param({"symptoms": ("vomiting",), "age": 72, "trigger": "minor_fall"}, id="fall-72"),
    pytest.param({"symptoms": ("fever",), "conditions": ("cancer_history",)}, id="cancer"),
]


@pytest.mark.parametrize("changes", KIDNEY_CASES)
def test_kidney_signs_no_heat_no_bath_no_anti_inflammatory_tablets(changes: dict[str, Any]) -> None:
    plan = plan_of(person(**changes))
    assert plan.triage.level is Tier.URGENT
    withheld = withheld_of(plan)
    for item_id in KIDNEY_OUT:
        assert item_id not in ids_of(plan)
        assert "kidney infection or stone" in withheld[item_id]
    assert "unless a doctor says so" in withheld["nsaid-oral"]
    paracetamol = plan.section("paracetamol")
    assert paracetamol is not None and "high temperature" in words(paracetamol)
    box = words(plan.section("triage") or Section("", "", "", ""))
    assert "drink plenty of fluids" in box and "Use no heat, no warm bath" in box
    assert "unless a doctor says so" in box
    assert "spasm" not in person_text(plan)
    assert not any("spasm" in line for line in top_three(plan))


def test_kidney_signs_with_liver_disease_withhold_paracetamol_too() -> None:
    plan = plan_of(person(symptoms=("fever",), conditions=("liver_disease",)))
    assert "paracetamol" in withheld_of(plan) and plan.section("paracetamol") is None


@pytest.mark.parametrize(
    "symptoms",
    [("night_pain_unrelieved",), ("fever",), ("worse_each_day", "vomiting")],
)
def test_urgent_plans_never_speak_of_easing_a_spasm(symptoms: tuple[str, ...]) -> None:
    plan = plan_of(person(symptoms=symptoms))
    assert plan.triage.level is Tier.URGENT
    assert "spasm" not in person_text(plan)
    assert not any("spasm" in line for line in top_three(plan))


# one timing per box

TIMINGS = {
    Tier.URGENT: ("today",),
    Tier.SOON: ("few days",),
    Tier.ROUTINE: ("coming weeks", "in a few weeks"),
}


@settings(max_examples=200, deadline=None)
@given(valid_answers())
def test_one_timing_per_box(answers: Answers) -> None:
    """The box says only its own tier's timing; lower tiers' reasons are "also tell" rows."""
    result = triage(answers)
    box = tier_sections(answers, result)[0]
    said = " ".join([box.title, *box.paragraphs, *box.bullets]).lower()
    for tier, phrases in TIMINGS.items():
        if tier.rank > result.level.rank:
            assert not any(p in said for p in phrases), (tier, said)
    also = [t for t in box.tables if t.header[0].startswith("Also tell")]
    lower = [r for r in RULES if r.reason in result.reasons and r.tier.rank > result.level.rank]
    assert [row[0] for t in also for row in t.rows] == [_also_words(r.id) for r in lower]
    for phrase in [p for ps in TIMINGS.values() for p in ps] + ["straight away", "within"]:
        assert all(phrase not in row[0] for t in also for row in t.rows)


def _also_words(rule_id: str) -> str:
    value = library.document("warnings.toml")["also"][rule_id]
    assert isinstance(value, str)
    return value


BELOW_EMERGENCY = [r for r in RULES if r.tier is not Tier.EMERGENCY]


@pytest.mark.parametrize("rule", BELOW_EMERGENCY, ids=[r.id for r in BELOW_EMERGENCY])
def test_every_rule_below_emergency_has_also_words(rule: Any) -> None:
    assert _also_words(rule.id)


def test_lower_reasons_are_also_lines_in_an_urgent_box() -> None:
    answers = person(
        age=66,
        where="middle",
        conditions=("cancer_history",),
        now=5,
        symptoms=("weight_loss_unexplained",),
        started_days_ago=50,
    )
    box = tier_sections(answers, triage(answers))[0]
    assert box.title == "See a doctor today"
    assert box.paragraphs[0].startswith("See a doctor today")
    assert "Also call your cancer team's urgent line" in box.paragraphs[1]
    assert "today" not in box.paragraphs[1]
    also = [row[0] for t in box.tables for row in t.rows if t.header[0].startswith("Also")]
    assert "weight loss you can't explain" in also and "pain for 6 weeks or more" in also
    assert not any("few days" in b or "weeks" in b for b in box.bullets)


# pregnant with a kidney sign: the maternity unit first, everywhere


@pytest.mark.parametrize("weeks", [8, 20, 32])
@pytest.mark.parametrize("sign", KIDNEY_SIGNS)
def test_pregnant_with_a_kidney_sign_calls_the_maternity_unit_first(sign: str, weeks: int) -> None:
    answers = person(pregnant=True, pregnancy_weeks=weeks, symptoms=(sign,))
    plan = plan_of(answers)
    assert plan.triage.level is Tier.URGENT and maternity_first(answers, plan.triage)
    box = plan.section("triage")
    assert box is not None
    assert box.title == "Call your maternity unit or labour ward now"
    assert box.paragraphs[0].startswith("Call your maternity unit or labour ward now")
    assert top_three(plan)[0] == "Call your maternity unit or labour ward now."
    # one timing: no "see a doctor today" and no second "also phone" line in the box
    said = " ".join([box.title, *box.paragraphs]).lower()
    assert "see a doctor today" not in said and "also phone" not in said
    assert "NHS pregnancy back pain" in box.sources


@pytest.mark.parametrize(
    ("changes", "first"),
    [
        ({"symptoms": ("night_pain_unrelieved",)}, "See a doctor today"),
        ({"where": "upper", "trigger": "none_known", "age": 52}, "See a doctor today"),
        ({"symptoms": ("fever",)}, "Call your maternity unit"),
    ],
)
def test_pregnant_urgent_first_action(changes: dict[str, Any], first: str) -> None:
    answers = person(pregnant=True, pregnancy_weeks=26, **changes)
    plan = plan_of(answers)
    assert plan.triage.level is Tier.URGENT
    box = plan.section("triage")
    assert box is not None and box.paragraphs[0].startswith(first)
    assert top_three(plan)[0].startswith(first)
    also = "Also phone your maternity unit, because you are pregnant."
    assert (also in box.paragraphs) is (first == "See a doctor today")


def test_maternity_first_needs_pregnancy_and_a_kidney_sign() -> None:
    assert has_kidney_signs(person(symptoms=("vomiting",)))
    assert not maternity_first(person(symptoms=("fever",)), triage(person(symptoms=("fever",))))
    night = person(pregnant=True, pregnancy_weeks=20, symptoms=("night_pain_unrelieved",))
    assert not maternity_first(night, triage(night))


# ---- point 15: urgent plans keep "Not for you" -----------------------------------------------

URGENT_WITHHELD = [
    (
        "osteoporosis-thinner-70",
        {
            "age": 70,
            "trigger": "minor_fall",
            "conditions": ("osteoporosis",),
            "medicines": ("blood_thinner",),
        },
        {"nsaid-oral": BLOOD_THINNER, "muscle-relaxant": "65 or older"},
    ),
    (
        "night-pain-liver-alcohol",
        {
            "symptoms": ("night_pain_unrelieved",),
            "conditions": ("liver_disease",),
            "alcohol_3_or_more_daily": True,
        },
        {
            "nsaid-oral": "liver disease",
            "paracetamol": "ask a doctor first",
            "muscle-relaxant": "liver",
        },
    ),
    (
        "cancer-upper-other-nsaid",
        {"where": "upper", "conditions": ("cancer_history",), "medicines": ("other_nsaid",)},
        {"nsaid-oral": "do not add another", "nsaid-topical": "do not add another"},
    ),
    (
        "pregnant-night-pain",
        {"pregnant": True, "pregnancy_weeks": 22, "symptoms": ("night_pain_unrelieved",)},
        {"nsaid-oral": "pregnant", "nsaid-topical": "pregnant", "muscle-relaxant": "pregnant"},
    ),
    ("night-pain-nothing-ruled-out", {"symptoms": ("night_pain_unrelieved",)}, {}),
]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [row[1:] for row in URGENT_WITHHELD],
    ids=[row[0] for row in URGENT_WITHHELD],
)
def test_urgent_plans_keep_not_for_you(changes: dict[str, Any], expected: dict[str, str]) -> None:
    plan = plan_of(person(**changes))
    assert plan.triage.level is Tier.URGENT
    medicines = {k: v for k, v in withheld_of(plan).items() if k in URGENT_MEDICINES}
    assert set(medicines) == set(expected)
    for item_id, fragment in expected.items():
        assert fragment in medicines[item_id]
    section = plan.section("not-for-you")
    assert (section is not None) is bool(plan.withheld)
    # Nothing but words written for the urgent tier: no dose advice for a spasm.
    assert {s.id for s in plan.sections if s.kind == "medicine"} <= {"paracetamol"}


@settings(max_examples=200, deadline=None)
@given(valid_answers())
def test_every_medicine_ruled_out_is_withheld_in_an_urgent_plan(answers: Answers) -> None:
    plan = plan_of(answers)
    if plan.triage.level is not Tier.URGENT:
        return
    withheld = withheld_of(plan)
    for item_id in URGENT_MEDICINES:
        item = LIBRARY.item(item_id)
        ruled_out = [r.text for r in item.withhold if rules.matches(r.when, answers)]
        assert (item_id in withheld) is bool(ruled_out), item_id
        for reason in ruled_out:
            assert reason in withheld[item_id]
    paracetamol = plan.section("paracetamol")
    assert (paracetamol is not None) is (
        has_kidney_signs(answers) and "paracetamol" not in withheld
    )


# ---- point 3: the full warning list ----------------------------------------------------------

FALL = "a fall or knock to your back"
WEIGHT = "weight loss you can't explain"


@pytest.mark.parametrize(
    ("changes", "fall"),
    [
        ({}, False),
        ({"age": 70}, False),
        ({"age": 71}, True),
        ({"age": 85, "symptoms": ("saddle_numbness",)}, True),
        ({"conditions": ("osteoporosis",)}, True),
        ({"medicines": ("steroid_tablets",)}, True),
        ({"pregnant": True, "pregnancy_weeks": 30}, False),
    ],
)
def test_the_warning_list_prints_the_fall_and_weight_loss_signs(
    changes: dict[str, Any], fall: bool
) -> None:
    answers = person(**changes)
    signs = {s.id: s for s in tier_sections(answers, triage(answers))}["warning-signs"]
    today = next(t for t in signs.tables if "today" in t.header[0])
    within_days = next(t for t in signs.tables if "few days" in t.header[0])
    assert ((FALL,) in today.rows) is fall
    assert (FALL,) not in within_days.rows
    assert (WEIGHT,) in within_days.rows and (WEIGHT,) not in today.rows
    if fall:
        assert "Cochrane fracture flags" in signs.sources


#: The warning list's signs to see a doctor today or within days, as the plan prints them.
WORSENING = "pain that gets worse each day"
NIGHT = "pain much worse at night that does not ease when you change position"
#: What the tier box says of each, when the person has it: a reason for the tier, or a row of
#: "Also tell the doctor about" when another reason sets a nearer tier.
IN_THE_BOX = {
    "weight_loss_unexplained": ("You have lost weight without trying.", WEIGHT),
    "worse_each_day": ("Your pain is getting worse each day", WORSENING),
    "night_pain_unrelieved": ("Your pain is much worse at night",),
}


def _watch_list(plan: Plan) -> tuple[str, ...]:
    signs = plan.section("warning-signs")
    assert signs is not None
    return (*signs.bullets, *(row[0] for table in signs.tables for row in table.rows))


@pytest.mark.parametrize(
    ("symptoms", "tier", "kept"),
    [
        ((), Tier.SELF_CARE, (WEIGHT, WORSENING)),
        (("weight_loss_unexplained",), Tier.SOON, (WORSENING,)),
        (("worse_each_day",), Tier.SOON, (WEIGHT,)),
        (("weight_loss_unexplained", "worse_each_day"), Tier.SOON, ()),
        # Page 1's box says the night sign whether the person has it or not: not listed again.
        # Seen by a doctor today, an urgent plan's person is not told to see one within days.
        (("night_pain_unrelieved",), Tier.URGENT, ()),
        (("night_pain_unrelieved", "worse_each_day"), Tier.URGENT, ()),
    ],
)
def test_the_watch_list_leaves_out_the_signs_the_person_already_has(
    symptoms: tuple[str, ...], tier: Tier, kept: tuple[str, ...]
) -> None:
    """ "Book an appointment within a few days if you notice weight loss" is no advice to
    someone who has told us of it: the tier box acts on it and names it, and the list to watch
    for leaves it out."""
    plan = plan_of(person(symptoms=symptoms))
    assert plan.triage.level is tier
    listed = _watch_list(plan)
    assert [sign for sign in (WEIGHT, WORSENING, NIGHT) if sign in listed] == list(kept)
    box = plan.section("triage")
    assert box is not None
    said = (*box.bullets, *(cell for table in box.tables for row in table.rows for cell in row))
    for symptom in symptoms:
        assert any(text.startswith(IN_THE_BOX[symptom]) for text in said), symptom


# ---- point 4: pain relief when anti-inflammatory tablets are ruled out ------------------------

#: One person per withhold rule of nsaid-oral below urgent (the kidney signs are urgent only).
NSAID_RULE_OUTS = [
    ("allergy", {"conditions": ("nsaid_allergy_or_asthma",)}),
    ("pregnant", {"pregnant": True, "pregnancy_weeks": 12}),
    ("blood-thinner", {"medicines": ("blood_thinner",)}),
    ("bleeding-disorder", {"conditions": ("bleeding_disorder",)}),
    ("ulcer", {"conditions": ("stomach_ulcer_or_bleed",)}),
    ("kidney", {"conditions": ("kidney_disease",)}),
    ("liver", {"conditions": ("liver_disease",)}),
    ("heart-failure", {"conditions": ("heart_failure",)}),
    ("heart-disease", {"conditions": ("heart_disease_or_stroke",)}),
    ("bowel", {"conditions": ("inflammatory_bowel_disease",)}),
    ("lithium", {"medicines": ("lithium_or_methotrexate",)}),
    ("other-nsaid", {"medicines": ("other_nsaid",)}),
    ("age-75", {"age": 75, "trigger": "sleep"}),
    ("65-steroid", {"age": 66, "trigger": "sleep", "medicines": ("steroid_tablets",)}),
    ("65-aspirin", {"age": 66, "medicines": ("daily_aspirin",)}),
    ("65-ssri", {"age": 66, "medicines": ("ssri_or_snri",)}),
    ("65-ace", {"age": 66, "medicines": ("ace_arb_or_diuretic",)}),
]


def test_the_table_covers_every_rule_out_of_anti_inflammatory_tablets() -> None:
    for rule in LIBRARY.item("nsaid-oral").withhold:
        if set(rule.when.get("any", ())) & set(KIDNEY_SIGNS):
            continue
        assert any(rules.matches(rule.when, person(**c)) for _, c in NSAID_RULE_OUTS), rule.text


@pytest.mark.parametrize(("now", "shown"), [(6, False), (7, True), (10, True)])
@pytest.mark.parametrize(
    "changes", [c for _, c in NSAID_RULE_OUTS], ids=[n for n, _ in NSAID_RULE_OUTS]
)
def test_pain_relief_review(changes: dict[str, Any], now: int, shown: bool) -> None:
    plan = plan_of(person(now=now, worst=max(now, 6), **changes))
    assert plan.triage.level in (Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE)
    assert "nsaid-oral" in withheld_of(plan)
    section = plan.section("pain-relief-review")
    assert (section is not None) is shown
    if section is not None:
        assert section.kind == "medicine"
        text = words(section)
        assert "pharmacist or GP" in text and "next few days" in text
        assert "sooner if the pain stops you sleeping or moving" in text
        assert "NICE NG59" in section.sources


@pytest.mark.parametrize(
    ("changes", "tier"),
    [
        ({"now": 9}, Tier.SELF_CARE),  # tablets allowed: no review
        ({"now": 8, "medicines": ("blood_thinner",), "symptoms": ("fever",)}, Tier.URGENT),
        (
            {"now": 8, "medicines": ("blood_thinner",), "symptoms": ("saddle_numbness",)},
            Tier.EMERGENCY,
        ),
    ],
)
def test_no_pain_relief_review_without_the_rule(changes: dict[str, Any], tier: Tier) -> None:
    plan = plan_of(person(**changes))
    assert plan.triage.level is tier
    assert plan.section("pain-relief-review") is None


def test_diabetes_alone_is_no_caution_for_anti_inflammatory_tablets() -> None:
    """The guidance names diabetes with kidney problems, and kidney disease already withholds."""
    plan = plan_of(person(conditions=("diabetes",)))
    section = plan.section("nsaid-oral")
    assert section is not None and not any("diabetes" in c for c in section.cautions)
    both = plan_of(person(conditions=("diabetes", "kidney_disease")))
    assert "nsaid-oral" in withheld_of(both)


def test_the_pain_relief_review_never_names_an_opioid() -> None:
    item = LIBRARY.item("pain-relief-review")
    text = " ".join([item.title, item.why, *item.paragraphs, *item.bullets]).lower()
    for word in ("opioid", "codeine", "tramadol", "morphine", "co-codamol", "dihydrocodeine"):
        assert word not in text


def test_a_withheld_test_names_an_item_withheld_earlier() -> None:
    order = [item.id for item in LIBRARY.items]

    def tables(when: Any) -> Iterator[Any]:
        yield when
        for table in when.get("either", ()):
            yield from tables(table)

    for index, item in enumerate(LIBRARY.items):
        whens = [item.when, *(r.when for r in (*item.withhold, *item.cautions))]
        whens += [v.when for v in item.variants]
        for when in whens:
            for table in tables(when):
                for item_id in table.get(rules.WITHHELD, ()):
                    assert item_id in order[:index], (item.id, item_id)
                    assert LIBRARY.item(item_id).withhold, item_id


# ---- content-wide rules: blood thinners, numbers, sources -------------------------------------


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _toml(name: str) -> dict[str, Any]:
    """A file of the content library with its English words."""
    return library.document(name)


CONTENT_FILES = sorted(
    p.name for p in resources.files("careplan.content").iterdir() if p.name.endswith(".toml")
)


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_blood_thinners_are_never_warfarin_alone(name: str) -> None:
    texts = list(_strings(_toml(name)))
    if name == "warnings.toml":
        texts += [r.reason for r in RULES]
    for text in texts:
        assert "warfarin" not in text.lower().replace(BLOOD_THINNER, ""), text


def test_the_staff_are_told_which_blood_thinner_words() -> None:
    assert _toml("warnings.toml")["words"]["medicines"]["blood_thinner"] == BLOOD_THINNER


# A quantity: "1 in 10", "4 to 6", "38 °C / 100.4 °F", "999 / 911 / 112" and "7 out of 10"
# each count as one number.
_QUANTITY = re.compile(
    r"\d+(?:[.,]\d+)?(?:\s+or\s+(?:more|less))?"
    r"(?:\s*(?:in|to|or|out of|/|–|-)\s*\d+(?:[.,]\d+)?)*"
    r"(?:\s*°C\s*/\s*\d+(?:\.\d+)?\s*°F)?"
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


@pytest.mark.parametrize("name", ["medicines.toml", "warnings.toml"])
def test_numbers_people_can_read(name: str) -> None:
    for text in _strings(_toml(name)):
        assert "%" not in text and "in 100" not in text and "percent" not in text, text
        for sentence in _sentences(text):
            assert len(_QUANTITY.findall(sentence)) <= 1, sentence


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_reasons_have_numbers_people_can_read(rule: Any) -> None:
    for sentence in _sentences(rule.reason):
        assert len(_QUANTITY.findall(sentence)) <= 1, sentence


def test_quantity_counting() -> None:
    assert len(_QUANTITY.findall("about 1 in 10 people, 38 °C / 100.4 °F")) == 2
    assert len(_QUANTITY.findall("Never take more than 8 tablets of 500 mg.")) == 2
    assert len(_QUANTITY.findall("It settles within 4 to 6 weeks.")) == 1
    assert len(_QUANTITY.findall("still 4 or more out of 10")) == 1
    assert len(_QUANTITY.findall("4 or more out of 10 after about 2 weeks")) == 2


@pytest.mark.parametrize("item_id", ["pain-relief-review", "paracetamol", "nsaid-topical"])
def test_new_words_read_at_grade_8_or_below(item_id: str) -> None:
    item = LIBRARY.item(item_id)
    parts = [*item.paragraphs, *item.bullets]
    for variant in item.variants:
        parts += [*(variant.paragraphs or ()), *(variant.bullets or ())]
    text = " ".join(p if p.endswith((".", ":")) else p + "." for p in parts)
    assert textstat.flesch_kincaid_grade(text) <= 8


def test_urgent_box_words_read_at_grade_8_or_below() -> None:
    urgent = _toml("warnings.toml")["tier"]["urgent"]
    maternity = urgent["action_maternity"]  # a list of sentences, page 1 takes the first
    assert isinstance(maternity, list) and all(isinstance(s, str) for s in maternity)
    text = " ".join([*maternity, urgent["cancer"], urgent["pregnant"], *urgent["kidney"]])
    assert textstat.flesch_kincaid_grade(text) <= 8
    also = ". ".join(_toml("warnings.toml")["also"].values()) + "."
    assert textstat.flesch_kincaid_grade(also) <= 8


# Sources: every short name used exists; no plan cites the project's starting articles.

SOURCES = set(content.sources())


def _cited(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                yield from value
            else:
                yield from _cited(value)
    elif isinstance(node, list):
        for value in node:
            yield from _cited(value)


ALL_CITING = [n for n in CONTENT_FILES if n != "sources.toml"]


@pytest.mark.parametrize("name", ALL_CITING)
def test_every_source_short_name_used_exists(name: str) -> None:
    cited = set(_cited(_toml(name)))
    if name == "warnings.toml":
        cited |= {s for r in RULES for s in r.sources}
    assert cited <= SOURCES, cited - SOURCES


@pytest.mark.parametrize("name", ALL_CITING)
def test_no_content_cites_seed(name: str) -> None:
    cited = set(_cited(_toml(name)))
    if name == "warnings.toml":
        cited |= {s for r in RULES for s in r.sources}
    assert "Seed" not in cited


def test_the_new_sources_are_listed() -> None:
    assert {"HSE kidney infection", "MiNESS"} <= SOURCES
