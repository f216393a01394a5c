"""Start-up and warm-up: nothing heavy before it is needed, the plan made while they answer."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careplan import answers as answers_model
from careplan.cli import start_warmup
from careplan.decide.select import make_plan
from careplan.environment import GENERATOR
from careplan.errors import RenderError
from careplan.intake import likely, questions
from careplan.render import pdf as pdf_module
from careplan.render import warm
from careplan.render.html import render_html
from tests.intake.test_questions import ENTER, PLAIN_KEYS, ask_all
from tests.pdfutil import attachments

DAY = date(2026, 11, 22)
HEAVY = ("weasyprint", "fontTools", "pypdf", "pydyf", "jinja2", "PIL")

#: Runs in a fresh interpreter: the questionnaire's first question through a pipe, then EOF.
FIRST_QUESTION = """
import sys
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from careplan.intake import questions
from careplan.render import warm

class First(questions.Prompter):
    def __init__(self, pipe):
        self.pipe = pipe
        self.asked = 0

    def ask(self, question, doc):
        self.asked += 1
        if self.asked == 1:
            self.pipe.send_text("42\\r")
        else:
            self.pipe.close()
        return super().ask(question, doc)

with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
    try:
        questions.run(First(pipe))
    except EOFError:
        pass
print(" ".join(m for m in HEAVY if m in sys.modules))
"""


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # fontTools stamps the fonts it decodes with this date: byte-identical PDFs.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    yield


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of every html_to_pdf call."""
    seen: list[str] = []
    real = pdf_module.html_to_pdf

    def counted(plan: Any, html: str) -> bytes:
        seen.append(threading.current_thread().name)
        return real(plan, html)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counted)
    return seen


def _made_by_hand(doc: dict[str, Any]) -> tuple[Any, str]:
    from careplan.render.html import render_html

    plan = make_plan(answers_model.from_dict(doc), created=DAY, generator=GENERATOR)
    return plan, render_html(plan)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["--schema"]])
def test_start_up_imports_nothing_heavy(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from careplan.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        f"heavy = [m for m in {(*HEAVY, 'questionary')!r} if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_first_question_imports_nothing_heavy() -> None:
    code = f"HEAVY = {HEAVY!r}\n{FIRST_QUESTION}"
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == ""


def test_warm_up_prepares_in_the_background_and_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    warmup = start_warmup(DAY)
    assert warmup.wait(timeout=300)
    assert warmup.ready and "weasyprint" in sys.modules
    assert capfd.readouterr() == ("", "")


def test_a_failed_warm_up_is_a_render_error_and_the_plan_is_still_made(
    monkeypatch: pytest.MonkeyPatch, renders: list[str]
) -> None:
    def broken(plan_for: object = None) -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(warm, "prepare", broken)
    warmup = start_warmup(DAY)
    with pytest.raises(RenderError, match="cannot prepare the PDF renderer: OSError: cannot load"):
        warmup.wait(timeout=300)
    warmup.guess(likely.completed({**_plain_doc(), "_asked": []}) or {})
    plan, html = _made_by_hand(_plain_doc())
    assert warm.pdf(plan, html, warmup).startswith(b"%PDF-")
    assert renders == [threading.current_thread().name]


def _plain_doc() -> dict[str, Any]:
    doc, _ = ask_all(PLAIN_KEYS)
    return doc


@pytest.mark.parametrize(("last_key", "guesses"), [("n", 1), ("y", 2)])
def test_the_plan_is_made_while_they_answer(
    last_key: str, guesses: int, renders: list[str], tmp_path: Path
) -> None:
    warmup = start_warmup(DAY)
    doc, _ = ask_all({**PLAIN_KEYS, "large_print": [last_key]}, on_answer=warmup.follow())
    plan, html = _made_by_hand(doc)
    data = warm.pdf(plan, html, warmup)
    assert warmup.guesses == guesses
    assert threading.current_thread().name not in renders
    assert data == pdf_module.html_to_pdf(plan, html)
    (tmp_path / "plan.pdf").write_bytes(data)
    embedded = attachments(tmp_path / "plan.pdf")["answers.json"]
    assert embedded.get("large_print", False) is (last_key == "y")


def test_a_plan_other_than_the_guess_is_made_anew(renders: list[str]) -> None:
    warmup = start_warmup(DAY)
    doc, _ = ask_all(PLAIN_KEYS, on_answer=warmup.follow())
    plan, html = _made_by_hand({**doc, "goal": "Walk the dog"})
    data = warm.pdf(plan, html, warmup)
    assert warmup.guesses == 1
    assert renders.count(threading.current_thread().name) == 1
    assert data == pdf_module.html_to_pdf(plan, html)


def test_the_draft_hook_still_gets_every_answer() -> None:
    seen: list[dict[str, Any]] = []
    warmup = start_warmup(DAY)
    _, prompter = ask_all(PLAIN_KEYS, on_answer=warmup.follow(lambda d: seen.append(dict(d))))
    warmup.made(*_made_by_hand(_plain_doc()))
    assert len(seen) == len(prompter.asked) - 1  # the review changes no answer


def test_keys_typed_during_the_warm_up_all_arrive() -> None:
    warmup = start_warmup(DAY)
    typed = "Alex" + "\x7f" * 4 + "Sam" + ENTER
    doc, _ = ask_all({**PLAIN_KEYS, "name": [typed]}, on_answer=warmup.follow())
    warmup.made(*_made_by_hand(doc))
    assert doc["name"] == "Sam" and doc["pain"]["worst"] == 8 and doc["paper"] == "a4"


def _asked_up_to(last_key: str) -> dict[str, Any]:
    doc = _plain_doc()
    index = next(i for i, q in enumerate(questions.QUESTIONS) if q.key == last_key)
    keys = {q.key for q in questions.QUESTIONS[index + 1 :]}
    kept = {k: v for k, v in doc.items() if k not in keys}
    kept["_asked"] = [f"{i}:{q.key}" for i, q in enumerate(questions.QUESTIONS[: index + 1])]
    return kept


@pytest.mark.parametrize(
    ("answered_up_to", "guesses", "guessed"),
    [
        ("paper", {}, {"large_print": False}),
        ("large_print", {}, {"large_print": False}),
        ("activity", {}, None),  # the paper has no default
        ("name", {"paper": "a4"}, {"paper": "a4", "large_print": False}),
        ("age", {"paper": "a4"}, None),
    ],
)
def test_only_questions_with_a_likely_or_default_answer_are_guessed(
    answered_up_to: str, guesses: dict[str, Any], guessed: dict[str, Any] | None
) -> None:
    doc = _asked_up_to(answered_up_to)
    filled = likely.completed(doc, guesses)
    if guessed is None:
        assert filled is None
    else:
        assert filled is not None and "_asked" not in filled
        expected = {**_plain_doc(), **guessed}
        if "goal_score" not in doc:  # optional: skipped questions are not guessed
            expected.pop("goal_score", None)
        assert filled == expected
        answers_model.from_dict(filled)


@pytest.mark.collector_on
def test_the_collector_runs_again_after_rendering() -> None:
    import gc

    with warm.collector_paused():
        with warm.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_decoded_fonts_are_removed_at_exit(tmp_path: Path) -> None:
    code = (
        "import threading, weasyprint\n"
        "from careplan.render import fonts\n"
        "from careplan.render.html import font_faces\n"
        "from careplan.render.resources import assets_dir\n"
        "mine = fonts.font_config()\n"
        "weasyprint.CSS(string=font_faces(False), base_url=assets_dir().as_uri() + '/',\n"
        "               font_config=mine)\n"
        "other = []\n"
        "thread = threading.Thread(target=lambda: other.append(fonts.font_config()))\n"
        "thread.start(); thread.join()\n"
        "assert other[0] is not mine and fonts.font_config() is mine\n"
        "print(mine._folder)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        check=True,
        capture_output=True,
        text=True,
    )
    folder = Path(result.stdout.strip())
    assert folder.parent == tmp_path
    assert not folder.exists()


def test_waiting_for_a_quiet_thread_ends() -> None:
    resting = threading.Event()
    sleeper = threading.Thread(target=resting.wait)
    sleeper.start()
    warm.until_idle(sleeper.ident or 0, most=600)  # returns as soon as it sees it resting
    resting.set()
    sleeper.join()


@pytest.mark.parametrize("jobs", [None, "1", "2"])
def test_decoded_fonts_are_not_left_behind(
    examples: Path, tmp_path: Path, jobs: str | None
) -> None:
    """Neither by one plan nor by a batch's workers, where `atexit` does not run."""
    out = tmp_path / "out"
    if jobs is None:
        out.mkdir()
        args = ["--answers", str(examples / "emergency.json"), "-o", str(out / "plan.pdf")]
    else:
        source = tmp_path / "in"
        source.mkdir()
        for name in ("emergency", "urgent-kidney"):
            (source / f"{name}.json").write_bytes((examples / f"{name}.json").read_bytes())
        args = ["--batch", str(source), "--out-dir", str(out), "--jobs", jobs]
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "careplan", *args],
        env={**os.environ, "TMPDIR": str(scratch)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == (1 if jobs is None else 2)
    assert list(scratch.iterdir()) == []
    assert result.stderr == ""  # nor an exception ignored at exit


def test_a_plan_of_another_date_is_as_if_made_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts decoded for one date are not reused for a plan of another: the bytes still match."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    doc = answers_model.from_dict(warm.SAMPLE)
    earlier, later = (
        make_plan(doc, created=day, generator=GENERATOR)
        for day in (date(2025, 1, 2), date(2026, 11, 22))
    )
    pdf_module.html_to_pdf(earlier, render_html(earlier))
    after_another = pdf_module.html_to_pdf(later, render_html(later))
    alone: list[bytes] = []  # a new thread starts with no decoded fonts
    thread = threading.Thread(
        target=lambda: alone.append(pdf_module.html_to_pdf(later, render_html(later)))
    )
    thread.start()
    thread.join()
    assert after_another == alone[0]
