"""The warning list's two halves, side by side (careplan/render/html.py, halves)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careplan.plan import Tier
from careplan.render.html import HALF_LINE, SignGroup, halves, render_html
from tests.plan_fixtures import example_doc, plan_from

#: A lead line of two lines and signs of one line each, at half the text's width.
LEAD = "L" * (HALF_LINE + 1)
SHORT_LEAD = "l" * HALF_LINE


def signs(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{n}" for n in range(1, count + 1))


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        # Page 2's usual list: the emergency signs beside "see a doctor today" and "book".
        (
            (
                SignGroup(LEAD, signs("a", 2)),
                SignGroup(LEAD, signs("b", 1)),
                SignGroup(LEAD, signs("c", 2)),
            ),
            (
                (SignGroup(LEAD, signs("a", 2)),),
                (SignGroup(LEAD, signs("b", 1)), SignGroup(LEAD, signs("c", 2))),
            ),
        ),
        # One long group goes on in the second half, under no lead line of its own.
        (
            (SignGroup(SHORT_LEAD, signs("a", 6)),),
            (
                (SignGroup(SHORT_LEAD, ("a1", "a2")),),
                (SignGroup("", ("a3", "a4", "a5", "a6")),),
            ),
        ),
        # A lead line never ends the first half: the cut falls after the first sign under it.
        (
            (SignGroup(SHORT_LEAD, signs("a", 1)), SignGroup(SHORT_LEAD, signs("b", 5))),
            (
                (SignGroup(SHORT_LEAD, ("a1",)), SignGroup(SHORT_LEAD, ("b1",))),
                (SignGroup("", ("b2", "b3", "b4", "b5")),),
            ),
        ),
        # A long sign counts its lines.
        (
            (SignGroup(SHORT_LEAD, ("x" * (3 * HALF_LINE), "a2", "a3", "a4", "a5")),),
            (
                (SignGroup(SHORT_LEAD, ("x" * (3 * HALF_LINE),)),),
                (SignGroup("", ("a2", "a3", "a4", "a5")),),
            ),
        ),
        # Nothing to print: no halves (the template keeps its columns).
        ((), ()),
    ],
)
def test_the_warning_list_is_cut_into_halves_of_about_the_same_height(
    groups: tuple[SignGroup, ...], expected: tuple[tuple[SignGroup, ...], ...]
) -> None:
    assert halves(groups) == expected


texts = st.text(alphabet="ab ", min_size=1, max_size=3 * HALF_LINE)


@given(
    st.lists(
        st.builds(SignGroup, texts, st.lists(texts, min_size=1, max_size=6).map(tuple)),
        min_size=1,
        max_size=4,
    )
)
def test_the_halves_print_every_sign_once_in_order_under_its_lead(
    drawn: list[SignGroup],
) -> None:
    groups = tuple(drawn)
    parts = halves(groups)
    assert 1 <= len(parts) <= 2
    printed = [(group.lead, sign) for half in parts for group in half for sign in group.signs]
    leads = [group.lead for half in parts for group in half if group.lead]
    assert [sign for _, sign in printed] == [sign for group in groups for sign in group.signs]
    assert leads == [group.lead for group in groups]
    # Each half's groups have signs: no lead line alone at the foot of the first half.
    assert all(group.signs for half in parts for group in half)
    # Only the second half may go on with a group under no lead line of its own.
    assert all(group.lead for group in parts[0])


#: Pain of 3 months or more: the note for the clinician ("consider inflammatory back pain"),
#: by what else was answered: where it is printed (careplan/plan.py, CLINICIAN_NOTES).
NOTE_CASES = [
    # (id, changes to first-spasm, tier, on the therapist's page, above its note lines)
    ("home", {}, Tier.ROUTINE, True),
    ("home-pregnant", {"pregnant": True, "pregnancy_weeks": 20}, Tier.ROUTINE, True),
    ("urgent", {"symptoms": ["fever"]}, Tier.URGENT, False),
    ("emergency", {"symptoms": ["saddle_numbness"]}, Tier.EMERGENCY, False),
]


@pytest.mark.parametrize(
    ("changes", "tier", "on_the_therapists_page"),
    [pytest.param(*case[1:], id=case[0]) for case in NOTE_CASES],
)
@pytest.mark.parametrize("days", [89, 90, 400])
def test_the_note_for_the_clinician_is_in_the_clinicians_part_only(
    changes: dict[str, Any], tier: Tier, on_the_therapists_page: bool, days: int
) -> None:
    doc = {**example_doc("first-spasm"), **changes}
    doc["pain"] = {**doc["pain"], "started_days_ago": days, "now": 2}
    plan = plan_from(doc)
    assert plan.triage.level is tier
    html = render_html(plan)
    person, clinician = html.split('data-part="clinician"')
    note = 'data-section="inflammatory-back-pain"'
    assert note not in person
    assert "inflammatory back pain" not in person
    if days < 90:
        assert note not in clinician
        return
    assert clinician.count(note) == 1
    assert "Please consider inflammatory back pain" in clinician
    therapists_page = clinician.index('data-section="clinician"')
    if on_the_therapists_page:
        assert therapists_page < clinician.index(note) < clinician.index('class="notes"')
    else:
        assert clinician.index(note) > clinician.index('class="notes"')


@pytest.mark.parametrize("symptoms", [[], ["fever"]], ids=["home", "urgent"])
def test_the_note_for_the_clinician_is_in_the_clinicians_language(symptoms: list[str]) -> None:
    doc = example_doc("standing-work-es")
    doc["pain"] = {**doc["pain"], "started_days_ago": 400}
    doc["symptoms"] = symptoms
    doc["clinician_language"] = "en"
    person, clinician = render_html(plan_from(doc)).split('data-part="clinician"')
    assert "Please consider inflammatory back pain" in clinician
    assert "espalda inflamatorio" not in clinician
    assert "espalda inflamatorio" not in person and "inflammatory back" not in person


@pytest.mark.parametrize(
    ("symptoms", "pregnant", "listed"),
    [
        (["night_pain_unrelieved"], True, True),
        (["night_pain_unrelieved", "weight_loss_unexplained", "worse_each_day"], False, True),
        (["night_pain_unrelieved", "fever"], False, False),
        (["blood_in_urine"], True, False),
    ],
)
def test_an_urgent_plan_lists_after_page_one_only_what_is_not_moot(
    symptoms: list[str], pregnant: bool, listed: bool
) -> None:
    """A person seen by a doctor today is not told to see one within a few days if they
    notice weight loss: an urgent plan's list after page 1's box has no group of signs, only
    the caution that a kidney infection can feel like a back spasm; and not even that when the
    tier's box already says the pain can be one (a sign of a kidney infection or stone), when
    the list is not printed at all."""
    doc = {**example_doc("first-spasm"), "symptoms": symptoms}
    if pregnant:
        doc = {**doc, "pregnant": True, "pregnancy_weeks": 20}
    plan = plan_from(doc)
    assert plan.triage.level is Tier.URGENT
    html = render_html(plan)
    assert ('id="warning-signs"' in html) is listed
    if listed:
        signs = html[html.index('id="warning-signs"') :]
        signs = signs[: signs.index("</section>")]
        assert "signs-lead" not in signs and "signs-rest" not in signs
        assert "within a few days" not in signs
        assert "kidney infection can feel like a back spasm" in signs
