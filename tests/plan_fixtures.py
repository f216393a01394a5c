"""Plans for the print tests: the example answers through the real pipeline, and variations."""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

from careplan import answers as answers_model
from careplan.decide.select import make_plan
from careplan.plan import Plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CREATED = date(2026, 11, 22)
GENERATOR = "careplan 0.1.0"
EXAMPLE_NAMES = tuple(sorted(p.stem for p in EXAMPLES.glob("*.json")))


def example_doc(name: str) -> dict[str, Any]:
    """The example answers document `examples/<name>.json`."""
    doc: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return doc


def plan_from(doc: dict[str, Any]) -> Plan:
    """The plan the real pipeline makes from an answers document, dated `CREATED`."""
    return make_plan(answers_model.from_dict(doc), created=CREATED, generator=GENERATOR)


@functools.cache
def example_plan(name: str, paper: str | None = None, large_print: bool | None = None) -> Plan:
    """The plan for an example, with an optional paper or large-print choice."""
    doc = example_doc(name)
    if paper is not None:
        doc["paper"] = paper
    if large_print is not None:
        doc["large_print"] = large_print
    return plan_from(doc)


def without_sections(plan: Plan, *ids: str) -> Plan:
    """The same plan with some sections left out, to test what depends on them."""
    return dataclasses.replace(plan, sections=tuple(s for s in plan.sections if s.id not in ids))
