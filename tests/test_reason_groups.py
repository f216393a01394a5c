"""The tier box says a closing sentence once for the reasons that share it: grouped by the
rules' ids (careplan/triage.py CLOSINGS), never by comparing their words."""

from __future__ import annotations

import pytest

from careplan.plan import ReasonGroup
from careplan.triage import CLOSINGS, RULES, Rule, reason_groups, reason_parts, reasons_in

WHOLE = reasons_in("en")
OWN = {rule_id: own for rule_id, (own, _) in reason_parts("en").items()}
CLOSING = {key: reason_parts("en")[ids[0]][1] for key, ids in CLOSINGS.items()}


def _groups(*rule_ids: str) -> tuple[ReasonGroup, ...]:
    return reason_groups(tuple(WHOLE[i] for i in rule_ids), rule_ids, "en")


@pytest.mark.parametrize(
    ("rule_ids", "expected"),
    [
        # Two reasons that end alike: their own words, the closing sentence once.
        (
            ("fever", "urine-burning"),
            (ReasonGroup((OWN["fever"], OWN["urine-burning"]), CLOSING["kidney-infection"]),),
        ),
        # One reason of a group: printed whole.
        (("saddle-numbness",), (ReasonGroup((WHOLE["saddle-numbness"],)),)),
        # Reasons of different closings are not grouped; whole reasons share one list.
        (
            ("fever", "blood-in-urine", "night-pain"),
            (ReasonGroup((WHOLE["fever"], WHOLE["blood-in-urine"], WHOLE["night-pain"])),),
        ),
        # Groups in order of first appearance; a whole reason after a group starts a new list.
        (
            ("infection-risk", "night-pain", "fall-weak-bones"),
            (
                ReasonGroup(
                    (OWN["infection-risk"], OWN["fall-weak-bones"]), CLOSING["check-today"]
                ),
                ReasonGroup((WHOLE["night-pain"],)),
            ),
        ),
    ],
)
def test_reasons_are_grouped_by_their_closing(
    rule_ids: tuple[str, ...], expected: tuple[ReasonGroup, ...]
) -> None:
    assert _groups(*rule_ids) == expected


def test_a_reason_without_a_rule_is_printed_whole() -> None:
    assert reason_groups(("A reason from elsewhere.",), (), "en") == (
        ReasonGroup(("A reason from elsewhere.",)),
    )


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_whole_reason_is_its_own_words_then_its_closing(rule: Rule) -> None:
    own, closing = reason_parts("en")[rule.id]
    assert WHOLE[rule.id] == (f"{own} {closing}" if closing else own)
    assert own.endswith(".") and (not closing or closing.endswith("."))
