"""The parts of the plan made for sharing: the clinician's page, the progress log, the cover."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from careplan import exercises as programme
from careplan import rules
from careplan.answers import Answers
from careplan.content import library
from careplan.plan import (
    Plan,
    PlannedExercise,
    Section,
    StageChange,
    Table,
    Tier,
    Triage,
    Withheld,
)

YES = "YES"
NO = "no"
NOT_ASKED = "not asked"

#: The screen as the questionnaire asks it: emergency signs first, the others later on.
EMERGENCY_SIGNS: dict[str, str] = {
    "saddle_numbness": "Saddle numbness (new)",
    "bladder_or_bowel_change": "New bladder or bowel dysfunction",
    "sexual_function_change": "Sexual dysfunction (new)",
    "leg_weakness_worsening": "Progressive leg weakness",
    "numbness_both_legs": "Numbness in both legs (new)",
    "sudden_severe_pain_faint": "Sudden tearing pain with faintness",
    "chest_pain_or_breathless": "Chest pain or breathlessness",
    "confused_or_drowsy": "New confusion or drowsiness",
}
PREGNANCY_SIGN = ("pregnancy_warning", "Pregnancy warning sign (contractions, bleeding, etc.)")
OTHER_SIGNS: dict[str, str] = {
    "fever": "Fever (38 °C / 100.4 °F or more)",
    "urinary_burning_or_frequency": "Dysuria or urinary frequency",
    "blood_in_urine": "Blood in urine",
    "vomiting": "Vomiting",
    "night_pain_unrelieved": "Night pain not eased by changing position",
    "weight_loss_unexplained": "Unexplained weight loss",
    "worse_each_day": "Pain worse each day",
}
CONDITIONS: dict[str, str] = {
    "cancer_history": "cancer (current or past)",
    "osteoporosis": "osteoporosis",
    "immune_weakened": "immunosuppression",
    "injects_drugs": "injects drugs",
    "kidney_disease": "kidney disease",
    "liver_disease": "liver disease",
    "stomach_ulcer_or_bleed": "peptic ulcer or GI bleed",
    "heart_disease_or_stroke": "heart disease or stroke",
    "heart_failure": "heart failure",
    "high_blood_pressure": "high blood pressure",
    "asthma": "asthma",
    "nsaid_allergy_or_asthma": "NSAID allergy or NSAID-induced asthma",
    "inflammatory_bowel_disease": "inflammatory bowel disease",
    "bleeding_disorder": "bleeding disorder",
    "diabetes": "diabetes",
    "numb_skin_or_neuropathy": "numb skin or neuropathy",
    "raynauds_or_cold_sensitive": "Raynaud's or cold sensitivity",
    "glaucoma": "glaucoma",
}
MEDICINES: dict[str, str] = {
    "blood_thinner": "anticoagulant or antiplatelet",
    "daily_aspirin": "daily aspirin",
    "other_nsaid": "another NSAID",
    "ssri_or_snri": "SSRI or SNRI",
    "steroid_tablets": "oral steroids for 3 months or more",
    "ace_arb_or_diuretic": "ACE inhibitor, ARB or diuretic",
    "sedative_or_opioid": "sedative or opioid",
    "muscle_relaxant": "muscle relaxant",
    "lithium_or_methotrexate": "lithium or methotrexate",
}
CHOICES: dict[str, str] = {
    "lower": "lower back",
    "middle": "mid back",
    "upper": "upper back (between the shoulder blades)",
    "lifting": "lifting",
    "twisting": "twisting",
    "bending": "bending",
    "sport": "sport or exercise",
    "sleep": "woke up with it",
    "sitting": "prolonged sitting",
    "minor_fall": "minor fall",
    "major_accident": "major accident",
    "none_known": "none known",
    "none": "none",
    "buttock_or_thigh": "into buttock or thigh",
    "below_knee": "below the knee, one leg",
    "both_legs": "both legs",
    "first_time": "none: first episode",
    "sometimes": "now and then",
    "often": "often",
    "mostly_sitting": "mostly sitting",
    "on_feet": "on their feet",
    "heavy_manual": "heavy manual work",
    "driving": "driving for work",
    "not_working": "not working or retired",
}
#: The tier as a badge word and what it asks, for the cover and the clinician page.
TIER_BADGES: dict[Tier, tuple[str, str]] = {
    Tier.EMERGENCY: ("Emergency", "get help now"),
    Tier.URGENT: ("Urgent", "see a doctor today"),
    Tier.SOON: ("Soon", "see a doctor within a few days"),
    Tier.ROUTINE: ("Routine", "see a GP or physical therapist in the coming weeks"),
    Tier.SELF_CARE: ("Self-care", "follow this plan at home; review in about 2 weeks"),
}
WALKING = "walking"
#: Items left out, in a clinician's words (the person's part keeps its own words).
CLINICAL_ITEMS: dict[str, str] = {
    "nsaid-oral": "oral NSAID",
    "nsaid-topical": "topical NSAID",
    "paracetamol": "paracetamol",
    "muscle-relaxant": "muscle relaxant",
    "heat": "heat",
    "ice": "cold pack",
    "warm-bath": "warm bath",
    "keep-moving": "staying active",
}
#: Lines for the clinician's notes: never fewer, however long the rest of the page.
NOTE_LINES = 5


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
            found.append("pregnant")
        elif key == "floor" and value is False:
            found.append("cannot get down to the floor")
        elif key == "alcohol" and value:
            found.append("3+ drinks most days")
        elif key == "weight_under_50kg" and value:
            found.append("weight under 50 kg")
        elif key in ("age_at_least", "age_below"):
            found.append(f"age {answers.age}")
        elif key == "pregnancy_weeks_at_least":
            found.append(f"pregnant, {answers.pregnancy_weeks} weeks")
        elif key in ("days_at_least", "days_below") and answers.pain is not None:
            found.append(f"pain for {answers.pain.started_days_ago} days")
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
            return f"{item.title}: {words}" + (f" (replaced by {instead})" if instead else "")
    return f"{item.title}: {item.reason}"


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
    return f"{name}: {'; '.join(dict.fromkeys(why))}" if why else f"{name}: {item.reason}"


def _yes_no(value: bool | None, yes: str = "yes") -> str:
    if value is None:
        return NOT_ASKED
    return yes if value else NO


def _labels(words: tuple[str, ...], labels: dict[str, str]) -> str:
    return "; ".join(labels.get(w, w.replace("_", " ")) for w in words)


def _days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "1 day ago"
    if days < 28:
        return f"{days} days ago"
    return f"{days} days ago (about {days // 7} weeks)"


def _summary(answers: Answers) -> Table:
    rows: list[tuple[str, str]] = []
    if answers.name:
        rows.append(("Name", answers.name))
    rows.append(("Age", f"{answers.age} years"))
    if answers.pregnant:
        rows.append(("Pregnant", f"yes, {answers.pregnancy_weeks} weeks"))
    pain = answers.pain
    if pain is not None:
        rows += [
            ("Where", CHOICES[pain.where]),
            ("Pain now", f"{pain.now}/10"),
            ("Worst, last 24 h", f"{pain.worst}/10"),
            ("Interference", f"{pain.interferes}/10 with daily activities"),
            ("Started", _days(pain.started_days_ago)),
            ("Trigger", CHOICES[pain.trigger]),
            ("Leg symptoms", CHOICES[pain.leg]),
            ("Earlier episodes", CHOICES[pain.before]),
        ]
    if answers.activity is not None:
        rows.append(("Usual day", CHOICES[answers.activity]))
    if answers.can_get_down_to_floor is not None:
        rows.append(("Can get to the floor", _yes_no(answers.can_get_down_to_floor)))
    # A questionnaire stopped at an emergency answer never reached conditions and medicines.
    unasked = NOT_ASKED if answers.stopped_early else "none"
    rows += [
        ("Conditions", _labels(answers.conditions, CONDITIONS) or unasked),
        ("Medicines", _labels(answers.medicines, MEDICINES) or unasked),
    ]
    if answers.alcohol_3_or_more_daily is not None:
        rows.append(("3+ drinks most days", _yes_no(answers.alcohol_3_or_more_daily)))
    if answers.weight_under_50kg:
        rows.append(("Weight under 50 kg", "yes"))
    return Table(header=(), rows=tuple(rows), caption="Patient, episode and health")


def _screen(answers: Answers) -> Table:
    signs = dict(EMERGENCY_SIGNS)
    if answers.pregnant:
        signs[PREGNANCY_SIGN[0]] = PREGNANCY_SIGN[1]
    rows = [(label, _yes_no(word in answers.symptoms, YES)) for word, label in signs.items()]
    # A questionnaire stopped at an emergency answer never asked the later signs.
    for word, label in OTHER_SIGNS.items():
        asked = None if answers.stopped_early else word in answers.symptoms
        rows.append((label, _yes_no(asked, YES)))
    return Table(
        header=("Sign", "Answer"),
        rows=tuple(rows),
        caption="Warning-sign screen (emergency signs first)",
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
                header=("#", "Exercise", "Dose", "New dose"),
                rows=tuple(
                    (str(number), e.title, e.dose, "")
                    for number, e in enumerate(exercises, start=1)
                ),
                caption=f"Exercises given (phase: {phase or 'none'}; a starting point)",
            )
        )
    if withheld:
        tables.append(
            Table(
                header=(),
                rows=tuple((clinical_withheld(answers, w),) for w in withheld),
                caption="Withheld: not offered, and why",
            )
        )
    badge, meaning = TIER_BADGES[triage.level]
    paragraphs = [f"Triage tier: {badge.upper()} ({meaning})."]
    if answers.stopped_early:
        paragraphs.append("The questionnaire stopped at the first emergency answer.")
    if not triage.reasons:
        paragraphs.append("No warning sign or other reason for review was found.")
    if not exercises:
        paragraphs.append("No exercise programme was given.")
    if review_on is not None:
        # On the tier's line, and the score on the goal's: the page stays one page.
        paragraphs[0] += f" Review (check-in) date: {review_on.isoformat()}."
    score = (
        f"Goal score now: {answers.goal_score}/10 (10: as before the pain)."
        if answers.goal_score is not None
        else ""
    )
    if answers.goal:
        goal = f"Their goal, in their own words: “{answers.goal}”"
        paragraphs.append(f"{goal}. {score}" if score else goal)
    elif score:
        paragraphs.append(score)
    if history:
        paragraphs.append(_history_line(history))
    return Section(
        id="clinician",
        kind="clinician",
        title="For your physical therapist or doctor",
        why="summary of answers and decisions",
        paragraphs=tuple(paragraphs),
        bullets=triage.reasons,
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
        f"{c.date.isoformat()} pain {c.pain_now}, goal "
        f"{'-' if c.goal_score is None else c.goal_score}, {c.days_done}/7 days, stage "
        f"{STAGE_NUMBERS[c.stage_from]}→{STAGE_NUMBERS[c.stage_to]}"
        for c in shown
    )
    which = f"last {len(shown)} of {len(history)}" if len(shown) < len(history) else "all"
    return f"Check-ins ({which}; stage 1 acute, 2 settling, 3 strengthening): {entries}."


def history_table(
    history: tuple[StageChange, ...],
    caption: str = "Check-ins (stages 1 acute, 2 settling, 3 strengthening)",
    *,
    reasons: bool = True,
) -> Table:
    """The check-ins as a table: date, pain, goal score, days done, stage, and why."""
    stages = ("acute", "settling", "strengthening")

    def stage(value: str | None) -> str:
        return "none" if value is None else str(stages.index(value) + 1)

    header = ("Date", "Pain", "Goal", "Days", "Stage", *(("Reason",) if reasons else ()))
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
        "Day and date",
        "Pain AM",
        "Pain PM",
        *(("Goal 0-10",) if answers.goal else ()),
        "Heat or ice",
        *(f"Ex {number}" for number, _ in ticked),
        "Walk (min)",
        "Sleep hours",
        "Notes",
    )
    rows = tuple((str(day), *("" for _ in header[1:])) for day in range(1, 15))
    legend = tuple(f"Ex {number}: {e.title}" for number, e in ticked)
    paragraphs = (
        "Fill in one row each day, and take this page when you see your physical therapist "
        "or doctor.",
        "Pain: write a number from 0 (no pain) to 10 (the worst pain you can imagine), in "
        "the morning (AM) and the evening (PM). Heat or ice and exercises: put a tick when "
        "you did them.",
        "A drop of 2 points, or about 30%, on the 0 to 10 scale is a real change: for "
        "example from 6 to 4.",
        *(
            (
                "Goal: how well you can do your goal that day, from 0 (not at all) to 10 (as "
                "well as before the pain).",
            )
            if answers.goal
            else ()
        ),
    )
    return Section(
        id="progress-log",
        kind="log",
        title="Your progress log: two weeks",
        why="two-week record to share with the physical therapist",
        paragraphs=paragraphs,
        bullets=legend,
        tables=(Table(header=header, rows=rows),),
        sources=("Farrar 2001 / Salaffi 2004",),
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in _SENTENCE_END.split(text.strip()) if s)


def _comfort(plan: Plan) -> str | None:
    for section_id, words in (
        ("heat", "Use heat to ease the pain"),
        ("ice", "Try a cold pack if it soothes you"),
        ("warm-bath", "A warm bath or shower may ease the muscles"),
    ):
        section = plan.section(section_id)
        if section is not None:
            return f"{words}: see “{section.title}”."
    return None


def _exercises(plan: Plan) -> str | None:
    if not plan.exercises:
        return None
    count = len(plan.exercises)
    return f"Start your {count} exercises gently, and stop any that makes the pain worse."


def top_three(plan: Plan) -> tuple[str, ...]:
    """The three most important things to do today, only from what this plan shows."""
    level = plan.triage.level
    triage = plan.section("triage")
    action = _sentences(triage.paragraphs[0]) if triage and triage.paragraphs else ()
    show = "Take this plan with you and show it to the staff."
    if triage and triage.tables and triage.tables[0].caption:
        show = f"Take this plan with you and show them “{triage.tables[0].caption}”."
    moving = (
        "Keep moving: short, gentle walks and normal activities; avoid bed rest."
        if plan.section("keep-moving")
        else None
    )
    items: list[str | None]
    if level is Tier.EMERGENCY:
        items = [*action[:2], show]
    elif level is Tier.URGENT:
        items = [*action[:1], show, _comfort(plan)]
    elif level is Tier.SOON:
        items = [*action[:1], moving, _comfort(plan), _exercises(plan)]
    elif level is Tier.ROUTINE:
        items = [moving, _exercises(plan) or _comfort(plan), *action[:1]]
    else:
        items = [moving, _comfort(plan), _exercises(plan)]
    return tuple(item for item in items if item)[:3]
