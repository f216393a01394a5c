"""Property tests: any valid answers make a PDF that reads back; anything else exits 2 cleanly."""

from __future__ import annotations

import copy
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from careplan import answers
from careplan.cli import main
from careplan.environment import locale_language
from tests.conftest import EXAMPLES
from tests.pdfutil import attachments
from tests.strategies import valid_answers

PLAIN: dict[str, Any] = json.loads((EXAMPLES / "first-spasm.json").read_text(encoding="utf-8"))
RENDER = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
QUICK = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    for name in ("LC_ALL", "LC_PAPER", "LANG"):  # paper from the locale: letter
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


class _MissingGlyphs(logging.Filter):
    """Drops WeasyPrint's note that a character is missing from the bundled fonts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return ".notdef glyph" not in record.getMessage()


@pytest.fixture
def rendering() -> Iterator[None]:
    """Render any text: a letter the fonts lack is a box, not this test's failure."""
    logger, quiet = logging.getLogger("weasyprint"), _MissingGlyphs()
    logger.addFilter(quiet)
    yield
    logger.removeFilter(quiet)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder for the input of every example; the tests refuse before writing anything."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def make_pdf(doc: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, dict[str, Any]]:
    """Exit status, messages and the attachments of the PDF made from `doc`."""
    with tempfile.TemporaryDirectory() as name:
        source, out = Path(name) / "answers.json", Path(name) / "plan.pdf"
        source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        status, _, err = run_cli(["--answers", str(source), "-o", str(out)], capsys)
        return status, err, attachments(out) if out.exists() else {}


def assert_clean_refusal(status: int, out: str, err: str) -> None:
    assert status == 2, err
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith("careplan: ") for line in lines)
    assert all(line.isprintable() for line in lines)
    assert "Traceback" not in err and "internal error" not in err


# --- valid answers ---------------------------------------------------------------------------


@pytest.mark.usefixtures("rendering")
@RENDER
@given(person=valid_answers())
def test_any_valid_answers_read_back_equal(
    person: answers.Answers, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err, found = make_pdf(answers.to_dict(person), capsys)
    assert status == 0, err
    assert sorted(found) == ["answers.json", "plan.json"]
    # Unset, the language is the locale's, recorded like the paper.
    language = person.language or locale_language(os.environ)
    expected = person.with_choices(paper=person.paper or "letter", language=language)
    assert answers.from_dict(found["answers.json"]) == expected


# --- invalid documents -----------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@QUICK
@given(value=json_values)
def test_any_json_value_is_refused_cleanly(
    value: Any, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = folder / "answers.json"
    source.write_text(json.dumps(value), encoding="utf-8")
    status, out, err = run_cli(["--answers", str(source), "-o", str(folder / "p.pdf")], capsys)
    assert_clean_refusal(status, out, err)
    assert not (folder / "p.pdf").exists()


@QUICK
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_refused_cleanly(
    data: bytes, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = folder / "answers.json"
    source.write_bytes(data)
    status, out, err = run_cli(["--answers", str(source), "-o", str(folder / "p.pdf")], capsys)
    assert_clean_refusal(status, out, err)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The plain example with one to three random changes: replaced, removed or added values."""
    doc = copy.deepcopy({**PLAIN, "symptoms": ["fever"], "conditions": ["asthma"]})
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(doc))
        path = draw(st.sampled_from(paths))
        *parents, last = path
        node: Any = doc
        for part in parents:
            node = node[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            node[last] = draw(json_values)
        elif action == "remove":
            del node[last]
        elif isinstance(node, dict):
            node[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
        else:
            node.append(draw(json_values))
    return doc


@QUICK
@given(doc=mutated())
def test_a_mutated_document_is_refused_cleanly(
    doc: dict[str, Any], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = answers.validate(doc)
    assume(problems)  # a mutation that is still valid would make a plan: not this test's job
    source = folder / "answers.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = run_cli(["--answers", str(source), "-o", str(folder / "p.pdf")], capsys)
    assert_clean_refusal(status, out, err)
    assert len(err.splitlines()) == len(problems)


# --- free text never changes the plan's structure --------------------------------------------

MARKUP = "<>&\"'/=:;{}()[]!-_*#%@ \\`abcXYZ019éŁ日\u200d"
free_text = st.text(MARKUP, min_size=1, max_size=80) | st.text(min_size=1, max_size=80)


def _shape(record: dict[str, Any]) -> Any:
    return (
        [(s["id"], s["kind"]) for s in record["sections"]],
        [e["id"] for e in record["exercises"]],
        [w["id"] for w in record["withheld"]],
        record["triage"],
        record["phase"],
    )


@pytest.fixture(scope="module")
def plain_shape() -> Any:
    from datetime import date

    from careplan.decide.select import make_plan

    plan = make_plan(answers.from_dict(PLAIN), created=date(2026, 11, 22), generator="test")
    return _shape(plan.to_record())


@pytest.mark.usefixtures("rendering")
@RENDER
@given(name=free_text, goal=free_text)
def test_free_text_never_changes_the_plan(
    name: str, goal: str, plain_shape: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err, found = make_pdf({**PLAIN, "name": name, "goal": goal}, capsys)
    if answers.text_problem(name) or answers.text_problem(goal):
        assert status == 2 and "contains" in err
        return
    assert status == 0, err
    assert sorted(found) == ["answers.json", "plan.json"]
    assert (found["answers.json"]["name"], found["answers.json"]["goal"]) == (name, goal)
    assert _shape(found["plan.json"]) == plain_shape
