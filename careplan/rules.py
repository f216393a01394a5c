"""When-tables: the small condition language content data uses to rule items out or add cautions.

A when-table is a TOML table whose keys must all hold (AND); each key is one test:

- `any`: list of symptom, condition or medicine words: true if the person has any of them
- `all`: list of such words: true if the person has every one of them
- `none`: list of such words: true if the person has none of them
- `pregnant`, `floor` (can get down to the floor), `alcohol` (3 or more drinks most days),
  `weight_under_50kg`, `large_print`: booleans
- `age_at_least`, `age_below`, `pregnancy_weeks_at_least`, `days_at_least`, `days_below`
  (since the pain started), `pain_at_least` (pain now, 0-10): whole numbers
- `withheld`: list of content item ids: true if the plan withholds every one of them (only
  items earlier in the plan count; without a plan, see `matches`, none is withheld)
- `where`, `activity`, `trigger`, `leg`, `before`: lists of allowed values
- `either`: a list of when-tables, true if any of them holds (OR)

An empty table always holds. Unknown keys are an error, found when the content is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from careplan import messages
from careplan.answers import CONDITIONS, MEDICINES, SYMPTOMS, Answers

WORDS = frozenset(SYMPTOMS) | frozenset(CONDITIONS) | frozenset(MEDICINES)

When = Mapping[str, Any]


def _pain_value(answers: Answers, name: str) -> Any:
    return None if answers.pain is None else getattr(answers.pain, name)


_TESTS: dict[str, Callable[[Answers, Any], bool]] = {
    "any": lambda a, words: any(a.has(w) for w in words),
    "all": lambda a, words: all(a.has(w) for w in words),
    "none": lambda a, words: not any(a.has(w) for w in words),
    "pregnant": lambda a, v: a.pregnant is v,
    "floor": lambda a, v: a.can_get_down_to_floor is v,
    "alcohol": lambda a, v: a.alcohol_3_or_more_daily is v,
    "weight_under_50kg": lambda a, v: a.weight_under_50kg is v,
    "large_print": lambda a, v: a.large_print is v,
    "age_at_least": lambda a, v: a.age >= v,
    "age_below": lambda a, v: a.age < v,
    "pregnancy_weeks_at_least": lambda a, v: a.pregnant and (a.pregnancy_weeks or 0) >= v,
    "days_at_least": lambda a, v: (_pain_value(a, "started_days_ago") or 0) >= v,
    "days_below": lambda a, v: a.pain is not None and a.pain.started_days_ago < v,
    "pain_at_least": lambda a, v: a.pain is not None and a.pain.now >= v,
    "where": lambda a, v: _pain_value(a, "where") in v,
    "activity": lambda a, v: a.activity in v,
    "trigger": lambda a, v: _pain_value(a, "trigger") in v,
    "leg": lambda a, v: _pain_value(a, "leg") in v,
    "before": lambda a, v: _pain_value(a, "before") in v,
    "either": lambda a, tables: any(matches(t, a) for t in tables),
}
#: The test that reads the plan being built rather than the answers.
WITHHELD = "withheld"


def matches(when: When, answers: Answers, withheld: Collection[str] = ()) -> bool:
    """True when every test in the when-table holds for these answers.

    `withheld` holds the ids of the items the plan has withheld so far, for the `withheld` test.
    """
    for key, value in when.items():
        if key == WITHHELD:
            if not all(item_id in withheld for item_id in value):
                return False
        elif key == "either":
            if not any(matches(table, answers, withheld) for table in value):
                return False
        elif not _TESTS[key](answers, value):
            return False
    return True


def problems(when: When, where: str) -> list[str]:
    """What is wrong with a when-table from the content library; `where` names it in messages."""
    found: list[str] = []
    for key, value in when.items():
        if key == WITHHELD:
            if not isinstance(value, list) or not value:
                found.append(messages.at(where, messages.needs_item_ids(WITHHELD)))
        elif key not in _TESTS:
            found.append(messages.at(where, messages.unknown("test", key)))
        elif key in ("any", "all", "none"):
            unknown = [w for w in value if w not in WORDS]
            if unknown:
                found.append(messages.at(where, messages.unknown("words", unknown)))
        elif key == "either":
            for i, table in enumerate(value):
                found.extend(problems(table, f"{where}.either[{i}]"))
    return found
