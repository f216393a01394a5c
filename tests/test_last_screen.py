"""The last screen of a plan: what to do now, where the plan is, what to do next."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from careplan import answers, cli
from careplan.decide.select import make_plan
from careplan.intake import terminal_words as words

EPOCH = "1795305600"  # 2026-11-22


def _plan(examples: Path, name: str, **changes: object) -> object:
    doc = json.loads((examples / f"{name}.json").read_text(encoding="utf-8"))
    if changes:
        doc["pain"].update(changes)
    return make_plan(answers.from_dict(doc), created=date(2026, 11, 22), generator="test")


@pytest.mark.parametrize(
    ("example", "changes", "tier", "now"),
    [
        ("emergency", {}, "emergency", "Call emergency services"),
        ("urgent-kidney", {}, "urgent", "see a doctor today"),
        ("osteoporosis", {}, "soon", "within the next few days"),
        ("first-spasm", {"before": "often"}, "routine", "in the coming weeks"),
        ("first-spasm", {}, "self_care", "look after this at home"),
    ],
)
def test_every_tier_says_what_to_do_now_and_next(
    examples: Path, example: str, changes: dict[str, object], tier: str, now: str
) -> None:
    plan = _plan(examples, example, **changes)
    assert plan.triage.level.value == tier  # type: ignore[attr-defined]
    lines = cli.last_screen(plan, Path("plan.pdf"))  # type: ignore[arg-type]
    assert len(lines) == 3
    assert lines[0] == words.NOW[tier] and now in lines[0]
    assert lines[1] == f"Wrote your plan to {Path.cwd() / 'plan.pdf'}"
    # Every plan below emergency has a review date, said after the next step.
    review = getattr(plan, "review_on", None)
    assert lines[2] == words.NEXT[tier] + (
        " " + words.REVIEW_ON.format(date=f"{review.day} {review:%B %Y}") if review else ""
    )


def test_the_review_date_is_said_when_the_plan_has_one(examples: Path) -> None:
    plan = _plan(examples, "first-spasm")
    reviewed = SimpleNamespace(triage=plan.triage, review_on=date(2026, 12, 6))  # type: ignore[attr-defined]
    lines = cli.last_screen(reviewed, Path("plan.pdf"))  # type: ignore[arg-type]
    assert lines[2].endswith("Look at it again on 6 December 2026.")


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_the_days_next_plans_get_the_next_free_names(
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    for name in ("careplan-2026-11-22.pdf", "careplan-2026-11-22-2.pdf"):
        (tmp_path / name).write_bytes(b"an earlier plan")
    assert cli.main(["--answers", str(examples / "urgent-kidney.json")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [
        words.NOW["urgent"],
        f"Wrote your plan to {tmp_path / 'careplan-2026-11-22-3.pdf'}",
    ]
    assert (tmp_path / "careplan-2026-11-22-3.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "careplan-2026-11-22.pdf").read_bytes() == b"an earlier plan"
    # A name given with -o is never replaced without --force.
    given = ["--answers", str(examples / "urgent-kidney.json"), "-o", "careplan-2026-11-22.pdf"]
    assert cli.main(given) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert (tmp_path / "careplan-2026-11-22.pdf").read_bytes() == b"an earlier plan"
