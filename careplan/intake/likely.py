"""The answers a questionnaire under way is likely to end with: for making the plan ahead."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from careplan.intake import questions

Doc = dict[str, Any]


def completed(doc: Mapping[str, Any], likely: Mapping[str, Any] | None = None) -> Doc | None:
    """The answers once every question still to come gets its likely answer or its default.

    `doc` is the questionnaire's document so far, with its `_asked` markers; `likely` maps
    question keys to their likely answers. None when a question to come has neither.
    """
    filled = copy.deepcopy(dict(doc))
    asked = set(filled.pop("_asked", ()))
    for index, question in enumerate(questions.QUESTIONS):
        if f"{index}:{question.key}" in asked or not questions.applies(question, filled):
            continue
        if likely and question.key in likely:
            questions.put(filled, question, likely[question.key])
        elif question.kind == questions.CONFIRM and question.default is not None:
            questions.put(filled, question, question.default)
        # A text question left blank, or an optional one skipped, is simply absent.
        elif question.kind != questions.TEXT and not question.optional:
            return None
    for key in ("symptoms", "conditions", "medicines"):
        filled.setdefault(key, [])
    return filled
