"""Check-ins: the stage rules, triage on the new answers, chains, and bad input."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan import answers as answers_model
from careplan.answers import CheckIn
from careplan.cli import main
from careplan.decide import stages
from careplan.decide import triage as screening
from careplan.decide.select import make_plan
from careplan.intake import checkin
from careplan.plan import Tier
from tests.conftest import EXAMPLES
from tests.pdfutil import attachments, text
from tests.test_answers import schema_errors

DAY0 = date(2026, 12, 1)
EPOCH0 = 1796083200  # 2026-12-01
FIRST = answers_model.load(str(EXAMPLES / "first-spasm.json"))  # pain 6, day 2: acute


def check_in(**changes: Any) -> CheckIn:
    values: dict[str, Any] = {
        "date": DAY0 + timedelta(days=7),
        "pain_now": 6,
        "pain_worst": 7,
        "days_done": 5,
        "made_worse": (),
        "symptoms": (),
        "leg": "none",
        "goal_score": None,
    }
    values.update(changes)
    return CheckIn(**values)


# (id, stage before, pain at the last plan, check-in, highest stage allowed, tier,
#  expected stage, words the reason must have)
STEP_CASES = [
    ("up-2-lower", "acute", 6, check_in(pain_now=4), "strengthening", Tier.SELF_CARE,
     "settling", "moved up to stage 2 (settling down): your pain is 2 points lower"),
    ("up-low-pain", "settling", 4, check_in(pain_now=3), "strengthening", Tier.SELF_CARE,
     "strengthening", "your pain is 3 out of 10"),
    ("same-1-lower", "acute", 6, check_in(pain_now=5), "strengthening", Tier.SELF_CARE,
     "acute", "not yet 2 points lower"),
    ("same-few-days", "acute", 6, check_in(pain_now=3, days_done=3), "strengthening",
     Tier.SELF_CARE, "acute", "on 3 of the last 7 days"),
    ("same-made-worse", "settling", 6, check_in(pain_now=2, made_worse=("cat-cow",)),
     "strengthening", Tier.SELF_CARE, "settling", "an exercise made your pain worse"),
    ("top-stays", "strengthening", 5, check_in(pain_now=2), "strengthening", Tier.SELF_CARE,
     "strengthening", "the top stage"),
    ("down-2-higher", "strengthening", 3, check_in(pain_now=5), "strengthening",
     Tier.SELF_CARE, "settling", "moved back to stage 2 (settling down): your pain is 2 points"),
    ("floor-at-acute", "acute", 3, check_in(pain_now=7), "settling", Tier.SELF_CARE,
     "acute", "this is the first stage"),
    ("soon-cap", "settling", 6, check_in(pain_now=2), "settling", Tier.SOON,
     "settling", "until a doctor has checked your back"),
    ("phase-cap", "acute", 6, check_in(pain_now=4), "acute", Tier.SELF_CARE,
     "acute", "this is as far as you go"),
    ("no-exercises", "settling", 6, check_in(pain_now=4), None, Tier.URGENT, None,
     "a doctor should see you first"),
    ("restart-after-none", None, 6, check_in(pain_now=4), "settling", Tier.SELF_CARE,
     "acute", "start again"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("stage", "last_pain", "entry", "cap", "tier", "expected", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in STEP_CASES],
)
def test_stage_rules(
    stage: str | None,
    last_pain: int,
    entry: CheckIn,
    cap: str | None,
    tier: Tier,
    expected: str | None,
    words: str,
) -> None:
    new_stage, reason = stages.step(stage, last_pain, entry, cap, tier)
    assert new_stage == expected
    assert words in reason


def earlier(answers: answers_model.Answers = FIRST, created: date = DAY0) -> checkin.Earlier:
    plan = make_plan(answers, created=created, generator="test")
    shown = tuple((e.id, e.title) for e in plan.exercises)
    return checkin.Earlier(Path("plan.pdf"), answers, created, plan.phase, shown)


# (id, check-in, expected tier, expected rule id or None)
TIER_CASES = [
    ("emergency-sign", check_in(symptoms=("saddle_numbness",)), Tier.EMERGENCY, "saddle-numbness"),
    ("urgent-sign", check_in(symptoms=("fever",)), Tier.URGENT, "fever"),
    ("soon-sign", check_in(symptoms=("worse_each_day",)), Tier.SOON, "worse-each-day"),
    ("routine-sign", check_in(leg="below_knee"), Tier.ROUTINE, "sciatica"),
    ("no-sign", check_in(pain_now=3), Tier.SELF_CARE, None),
    # Day 2 at the first plan, 14 days on: day 16, pain still 5: "not better after 2 weeks".
    ("not-better-2-weeks", check_in(date=DAY0 + timedelta(days=14), pain_now=5), Tier.ROUTINE,
     "not-better-2-weeks"),
    ("6-weeks", check_in(date=DAY0 + timedelta(days=41), pain_now=2), Tier.ROUTINE,
     "lasting-6-weeks"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "tier", "rule"), [pytest.param(*case[1:], id=case[0]) for case in TIER_CASES]
)
def test_a_check_in_is_triaged_like_a_first_plan(
    entry: CheckIn, tier: Tier, rule: str | None
) -> None:
    after = checkin.apply(earlier(), entry)
    plan = make_plan(after, created=entry.date, generator="test")
    assert plan.triage.level is tier
    if rule is not None:
        reached = [r.id for r in screening._reached(after, screening.RULES)]
        assert rule in reached
    assert (plan.phase is None) == (tier in (Tier.EMERGENCY, Tier.URGENT))
    assert (plan.review_on is None) == (tier is Tier.EMERGENCY)


def test_days_are_counted_on_from_the_first_plan() -> None:
    after = checkin.apply(earlier(), check_in(date=DAY0 + timedelta(days=10)))
    assert after.pain is not None and after.pain.started_days_ago == 2 + 10


def test_an_exercise_that_made_it_worse_is_replaced_with_its_reason() -> None:
    settled = dataclasses.replace(
        FIRST,
        pain=dataclasses.replace(FIRST.pain, started_days_ago=6),  # type: ignore[arg-type]
    )
    first = earlier(settled)
    assert first.phase == "settling"
    entry = check_in(made_worse=("knee-to-chest",))
    plan = make_plan(checkin.apply(first, entry), created=entry.date, generator="test")
    ids = [e.id for e in plan.exercises]
    assert "knee-to-chest" not in ids
    gone = next(w for w in plan.withheld if w.id == "knee-to-chest")
    assert "made your pain worse" in gone.reason and "instead" in gone.reason
    # Page 1 names it and what is shown instead, in one line; the reason is word for word in
    # the "Not for you" list.
    shown = {e.id: e.title for e in plan.exercises}
    instead = shown[gone.instead]
    assert plan.changes[-1] == f"Made your pain worse: {gone.title}, now {instead} instead."
    box = plan.section("not-for-you")
    assert box is not None and any(gone.reason in bullet for bullet in box.bullets)
    # The replacement is of the same stage and position group (lying).
    new = [e for e in plan.exercises if e.id not in {i for i, _ in first.exercises}]
    assert new and all(stages.POSITION_GROUPS[e.position] == "lying" for e in new)
    assert plan.ladder is not None
    assert "knee-to-chest" not in plan.ladder.exercise_ids()


def test_a_replacement_keeps_the_stop_rule_for_leg_pain() -> None:
    # Pain into the thigh: every card, the replacement's too, stops for pain spreading further.
    leggy = dataclasses.replace(
        FIRST,
        pain=dataclasses.replace(FIRST.pain, started_days_ago=6, leg="buttock_or_thigh"),  # type: ignore[arg-type]
    )
    first = earlier(leggy)
    entry = check_in(made_worse=("knee-to-chest",), leg="buttock_or_thigh")
    plan = make_plan(checkin.apply(first, entry), created=entry.date, generator="test")
    new = [e for e in plan.exercises if e.id not in {i for i, _ in first.exercises}]
    assert new
    for exercise in plan.exercises:
        if "{" not in exercise.stop and "leg" in exercise.stop:
            assert "spreads further down" in exercise.stop, (exercise.id, exercise.stop)
    assert all("spreads further down" in e.stop for e in new if "leg" in e.stop)
    assert any("spreads further down" in e.stop for e in new)


def test_a_left_out_exercise_without_a_replacement_says_why() -> None:
    entry = check_in(made_worse=("pelvic-tilt", "lying-twist", "knee-to-chest"))
    plan = make_plan(checkin.apply(earlier(), entry), created=entry.date, generator="test")
    reasons = {w.id: w.reason for w in plan.withheld}
    assert all("made your pain worse" in reasons[i] for i in entry.made_worse)
    assert not set(entry.made_worse) & {e.id for e in plan.exercises}
    # Page 1 names each one in a single line, after the stage.
    line = plan.changes[-1]
    assert len(plan.changes) == 2 and line.startswith("Made your pain worse: ")
    assert all(w.title in line for w in plan.withheld if w.id in entry.made_worse)


@settings(max_examples=40, deadline=None)
@given(
    pain_now=st.integers(0, 10),
    pain_worst=st.integers(0, 10),
    days=st.integers(0, 60),
    done=st.integers(0, 7),
    symptoms=st.lists(st.sampled_from(answers_model.SYMPTOMS[:-1]), unique=True, max_size=2),
    leg=st.sampled_from(answers_model.LEG),
)
def test_a_check_in_never_lowers_the_tier_of_the_same_answers(
    pain_now: int, pain_worst: int, days: int, done: int, symptoms: list[str], leg: str
) -> None:
    entry = check_in(
        date=DAY0 + timedelta(days=days),
        pain_now=pain_now,
        pain_worst=pain_worst,
        days_done=done,
        symptoms=tuple(symptoms),
        leg=leg,
    )
    after = checkin.apply(earlier(), entry)
    plan = make_plan(after, created=entry.date, generator="test")
    as_first = dataclasses.replace(after, check_ins=(), first_plan=None)
    first_tier = screening.triage(as_first).level
    assert not first_tier.more_urgent_than(plan.triage.level)
    if plan.phase is not None and first_tier is Tier.SOON:
        assert plan.phase != "strengthening"


# ---- the command line: chains and bad input ---------------------------------------------


def run_cli(
    args: list[str], capsys: pytest.CaptureFixture[str], epoch: int, monkeypatch: Any
) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, doc: dict[str, Any]) -> str:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def doc_for(**changes: Any) -> dict[str, Any]:
    base = json.loads((EXAMPLES / "check-in" / "first-spasm-week-1.json").read_text())
    base.update(changes)
    return base


@pytest.fixture(scope="module")
def first_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("first")
    import os

    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH0)
    try:
        assert (
            main(["--answers", str(EXAMPLES / "first-spasm.json"), "-o", f"{folder}/p0.pdf"]) == 0
        )
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return folder / "p0.pdf"


def therapist_pages(path: Path) -> int:
    """On how many pages the therapist's page runs, from its first table to its signature."""
    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(path).pages]
    first = next(i for i, t in enumerate(pages) if "Patient, episode and health" in t)
    last = next(i for i, t in enumerate(pages) if "name, role and contact" in t)
    return last - first + 1


def test_three_check_ins_in_a_chain_each_re_made_byte_for_byte(
    first_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    steps = [
        # week 1: 3 points lower, 5 days: up to stage 2
        (7, doc_for(date="2026-12-08", pain_now=3, days_done=5), "settling", "2026-12-22"),
        # week 2: 2 points higher: back to stage 1; day 16 with pain 5 is routine: review in 7
        (14, doc_for(date="2026-12-15", pain_now=5, days_done=6), "acute", "2026-12-22"),
        # week 3: pain 2, 6 days: up again to stage 2; self-care: review in 14 days
        (
            21,
            doc_for(date="2026-12-22", pain_now=2, days_done=6, goal_score=8),
            "settling",
            "2027-01-05",
        ),
    ]
    previous = first_pdf
    for number, (days, doc, stage, review_on) in enumerate(steps, start=1):
        epoch = EPOCH0 + days * 86400
        source = write(tmp_path / f"c{number}.json", doc)
        out = tmp_path / f"p{number}.pdf"
        status, stdout, err = run_cli(
            ["--check-in", str(previous), "--answers", source, "-o", str(out)],
            capsys,
            epoch,
            monkeypatch,
        )
        assert (status, err) == (0, ""), err
        record = attachments(out)["plan.json"]
        assert record["phase"] == stage
        assert [c["stage_to"] for c in record["check_ins"]] == [step[2] for step in steps[:number]]
        assert record["check_ins"][-1]["reason"] in stdout
        assert record["review_on"] == review_on
        sections = {s["id"]: s["kind"] for s in record["sections"]}
        assert sections["check-ins"] == "info" and sections["review"] == "info"
        printed = text(out)
        assert record["check_ins"][-1]["reason"] in printed
        assert therapist_pages(out) == 1
        again = tmp_path / f"again{number}.pdf"
        status, _, err = run_cli(["--from", str(out), "-o", str(again)], capsys, epoch, monkeypatch)
        assert status == 0, err
        assert again.read_bytes() == out.read_bytes()
        previous = out
    answers = attachments(previous)["answers.json"]
    assert schema_errors(answers_model.schema(), answers) == []
    assert answers["pain"]["started_days_ago"] == 2 + 21
    assert len(answers["check_ins"]) == 3 and answers["first_plan"]["stage"] == "acute"


@pytest.mark.parametrize(
    ("doc", "days", "fragments"),
    [
        pytest.param(doc_for(date="2026-11-30"), 7, ["is before the plan it follows"], id="before"),
        pytest.param(doc_for(date="2026-12-09"), 7, ["is in the future"], id="future"),
        pytest.param(
            doc_for(made_worse=["plank"]), 7, ['made_worse[0]: "plank" was not in the plan'],
            id="not-shown",
        ),
        pytest.param(
            doc_for(pain_now=11, days_done=-1, mood="ok", leg="knee"),
            7,
            [
                "mood: unknown field",
                "pain_now: expected a whole number 0-10, got 11",
                "days_done: expected a whole number 0-7, got -1",
                'leg: expected one of',
            ],
            id="all-at-once",
        ),
        pytest.param(doc_for(format="careplan-answers/1"), 7, ["format"], id="wrong-format"),
        pytest.param(
            doc_for(date="2026-12-09", made_worse=["plank", "Plank"], extra=1),
            7,
            [
                "extra: unknown field",
                "is in the future",
                'made_worse[0]: "plank" was not in the plan',
                'made_worse[1]: expected an exercise id, got "Plank"',
            ],
            id="mixed-all-at-once",
        ),
    ],
)  # fmt: skip
def test_bad_check_in_exits_2_and_writes_nothing(
    doc: dict[str, Any],
    days: int,
    fragments: list[str],
    first_pdf: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
) -> None:
    source = write(tmp_path / "c.json", doc)
    out = tmp_path / "next.pdf"
    status, stdout, err = run_cli(
        ["--check-in", str(first_pdf), "--answers", source, "-o", str(out)],
        capsys,
        EPOCH0 + days * 86400,
        monkeypatch,
    )
    assert status == 2 and stdout == ""
    lines = err.splitlines()
    assert len(lines) == len(fragments)
    for fragment in fragments:
        assert any(fragment in line for line in lines), (fragment, err)
    assert "Traceback" not in err
    assert not out.exists()


def test_a_file_that_is_not_a_careplan_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    from pypdf import PdfWriter

    blank = tmp_path / "other.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with blank.open("wb") as stream:
        writer.write(stream)
    text = tmp_path / "notes.pdf"
    text.write_text("hello", encoding="utf-8")
    source = write(tmp_path / "c.json", doc_for())
    for bad, words in ((blank, "not a careplan plan"), (text, "not a PDF file")):
        status, _, err = run_cli(
            ["--check-in", str(bad), "--answers", source, "-o", str(tmp_path / "n.pdf")],
            capsys,
            EPOCH0 + 7 * 86400,
            monkeypatch,
        )
        assert status == 2 and words in err and len(err.splitlines()) == 1
    assert not (tmp_path / "n.pdf").exists()


def test_the_interactive_check_in_needs_a_terminal(
    first_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    out = tmp_path / "n.pdf"
    status, _, err = run_cli(
        ["--check-in", str(first_pdf), "-o", str(out)], capsys, EPOCH0 + 86400, monkeypatch
    )
    assert status == 2 and "--answers CHECKIN.json" in err and not out.exists()


def test_batch_does_not_take_check_ins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    status, _, err = run_cli(
        ["--batch", str(tmp_path), "--out-dir", str(tmp_path / "o"), "--check-in", "p.pdf"],
        capsys,
        EPOCH0,
        monkeypatch,
    )
    assert status == 2 and "--batch does not take check-ins" in err
