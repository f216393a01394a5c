"""Hypothesis strategies for valid `Answers`, shared by the test files."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from careplan.answers import (
    ACTIVITIES,
    BEFORE,
    CONDITIONS,
    FORMAT,
    LEG,
    MEDICINES,
    PAPERS,
    SYMPTOMS,
    TRIGGERS,
    WHERE,
    Answers,
    from_dict,
)

#: The symptom words docs/clinical-basis.md puts at the emergency tier, each on its own.
EMERGENCY_SYMPTOMS = (
    "saddle_numbness",
    "bladder_or_bowel_change",
    "sexual_function_change",
    "numbness_both_legs",
    "leg_weakness_worsening",
    "sudden_severe_pain_faint",
    "chest_pain_or_breathless",
    "confused_or_drowsy",
    "pregnancy_warning",
)
OTHER_SYMPTOMS = tuple(s for s in SYMPTOMS if s not in EMERGENCY_SYMPTOMS)
#: Letters for names and goals: accents, other scripts and markup characters, from a fixed
#: list because building Hypothesis's full Unicode table makes a fresh checkout's first run slow.
TEXT_CHARACTERS = "abcxyzABCXYZ 019 .,'-ÉéøåßŁłŘřČčñçü Δλж日本 <>&\"/"

#: Days since a major accident that still make it an emergency (docs/clinical-basis.md: ≤ 7).
RECENT_ACCIDENT_DAYS = 7


def _subset(words: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(words), unique=True, max_size=len(words))


@st.composite
def _pain(draw: st.DrawFn, emergency: bool) -> dict[str, Any]:
    days = draw(st.integers(0, 3650))
    legs = LEG if emergency else tuple(leg for leg in LEG if leg != "both_legs")
    triggers: tuple[str, ...] = TRIGGERS
    if not emergency and days <= RECENT_ACCIDENT_DAYS:
        triggers = tuple(t for t in TRIGGERS if t != "major_accident")
    return {
        "where": draw(st.sampled_from(WHERE)),
        "now": draw(st.integers(0, 10)),
        "worst": draw(st.integers(0, 10)),
        "started_days_ago": days,
        "trigger": draw(st.sampled_from(triggers)),
        "leg": draw(st.sampled_from(legs)),
        "before": draw(st.sampled_from(BEFORE)),
        "interferes": draw(st.integers(0, 10)),
    }


@st.composite
def _answers(draw: st.DrawFn, emergency: bool) -> Answers:
    pregnant = draw(st.booleans())
    symptoms = draw(_subset(SYMPTOMS if emergency else OTHER_SYMPTOMS))
    if not pregnant and "pregnancy_warning" in symptoms:
        symptoms.remove("pregnancy_warning")
    doc: dict[str, Any] = {
        "format": FORMAT,
        "age": draw(st.integers(18, 120)),
        "pregnant": pregnant,
        "pain": draw(_pain(emergency)),
        "symptoms": symptoms,
        "conditions": draw(_subset(CONDITIONS)),
        "medicines": draw(_subset(MEDICINES)),
        "alcohol_3_or_more_daily": draw(st.booleans()),
        "can_get_down_to_floor": draw(st.booleans()),
        "activity": draw(st.sampled_from(ACTIVITIES)),
    }
    if pregnant:
        doc["pregnancy_weeks"] = draw(st.integers(1, 45))
    optional = {
        "name": st.text(TEXT_CHARACTERS, min_size=1, max_size=80),
        "goal": st.text(TEXT_CHARACTERS, max_size=200),
        "weight_under_50kg": st.booleans(),
        "paper": st.sampled_from(PAPERS),
        "large_print": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    return from_dict(doc)


def valid_answers(*, emergency: bool = True) -> st.SearchStrategy[Answers]:
    """Random valid answers of an adult (18-120).

    With `emergency=False`, no answer that docs/clinical-basis.md makes an emergency on its own: no
    emergency symptom, no pain down both legs, no major accident in the last 7 days.
    """
    return _answers(emergency)
