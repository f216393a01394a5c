"""Page 1's `get-help-now` box: the emergency signs, then the see-a-doctor-today signs.

Its words are the `[help_now]` table of content/warnings.toml. Below `emergency` every plan
carries it; for a person over 70, or with osteoporosis or on steroid tablets, the same-day
signs include a fall or knock to the back (Cochrane fracture flags).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from careplan import messages
from careplan import words as library
from careplan.answers import Answers
from careplan.plan import Section, Table

SECTION_ID = "get-help-now"
#: Over this age a fall or knock to the back is a same-day sign (clinical reference: > 70).
FRAGILE_AGE = 70
FRAGILE_WORDS = ("osteoporosis", "steroid_tablets")


def _words(language: str) -> dict[str, Any]:
    help_now: dict[str, Any] = library.document("warnings.toml", language)["help_now"]
    return help_now


def _texts(language: str, key: str) -> tuple[str, ...]:
    value = _words(language)[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(messages.should_be_texts(f"warnings.toml: help_now.{key}"))
    return tuple(value)


def fragile(answers: Answers) -> bool:
    """Whether a fall or knock to the back calls for a doctor the same day."""
    return answers.age > FRAGILE_AGE or any(answers.has(word) for word in FRAGILE_WORDS)


def help_now_section(answers: Answers) -> Section:
    """The box for page 1: what to do now, and what to do today, in a few words each."""
    language = answers.words_in
    words = _words(language)
    emergency = _texts(language, "emergency")
    if answers.pregnant:
        emergency += _texts(language, "emergency_if_pregnant")
    today = _texts(language, "today")
    sources = _texts(language, "sources")
    if fragile(answers):
        today += _texts(language, "today_if_fragile")
        sources += _texts(language, "sources_if_fragile")
    return Section(
        id=SECTION_ID,
        kind="warning",
        title=str(words["title"]),
        why=str(words["why"]),
        paragraphs=(str(words["emergency_title"]),),
        bullets=emergency,
        tables=(Table(header=(str(words["today_title"]),), rows=tuple((s,) for s in today)),),
        sources=sources,
    )


def covered(language: str) -> frozenset[str]:
    """The ids of the full warning list's signs that page 1's box says: the list leaves them
    out (`careplan/decide/triage.py`, `tier_sections`)."""
    return frozenset(_texts(language, "covers"))


def rest_of_the_signs(
    signs: Section, language: str, urgent: bool = False, kidney: bool = False
) -> Section | None:
    """The full warning list, made without the signs page 1's box says (`covered`), as the
    rest of them: each sign printed once.

    Its title says these are more signs than page 1's ("More warning signs"); each remaining
    group of signs is a one-column table, its header the group's lead ("See a doctor within a
    few days if you notice:"). A sign that `covers` does not name stays here, under its own
    lead.

    In an `urgent` plan the person sees a doctor today: the signs to see a doctor about within
    a few days are left out, and so is the caution that a kidney infection can feel like a back
    spasm when the tier's box already says the pain can be one (`kidney`). None when nothing is
    left: the list is not printed.
    """
    groups = []
    emergency = tuple((sign,) for sign in signs.bullets)
    if emergency:
        groups.append(Table(header=(" ".join(signs.paragraphs),), rows=emergency))
    for table in () if urgent else signs.tables:
        rows = table.rows
        if rows:
            groups.append(Table(header=table.header, rows=rows))
    cautions = () if urgent and kidney else signs.cautions
    if not groups and not cautions:
        return None
    return dataclasses.replace(
        signs,
        title=str(_words(language)["rest_title"]),
        paragraphs=(),
        bullets=(),
        tables=tuple(groups),
        cautions=cautions,
    )
