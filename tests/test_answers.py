"""Answers files: every problem reported at once, one line each, with its JSON path."""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from careplan import answers
from careplan.cli import main
from careplan.errors import AnswersError
from tests.conftest import EXAMPLES

PLAIN: dict[str, Any] = json.loads((EXAMPLES / "first-spasm.json").read_text(encoding="utf-8"))


def changed(**changes: Any) -> str:
    """The plain example as JSON text, with top-level or `pain_`-prefixed fields changed.

    A value of `...` removes the field.
    """
    doc = copy.deepcopy(PLAIN)
    for key, value in changes.items():
        node, name = (doc["pain"], key[5:]) if key.startswith("pain_") else (doc, key)
        if value is ...:
            node.pop(name, None)
        else:
            node[name] = value
    return json.dumps(doc, ensure_ascii=False)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


# (id, file text, fragments every one of which must be in the messages)
BAD_DOCUMENTS: list[tuple[str, str, list[str]]] = [
    (
        "not-json",
        '{\n  "format": "careplan-answers/1",\n  "age": 42,,\n}',
        ["not valid JSON", "line 3, column 13"],
    ),
    ("empty", "", ["not valid JSON", "line 1, column 1"]),
    ("not-an-object", "[1, 2]", ["(document): expected a JSON object, got [1, 2]"]),
    (
        "wrong-format",
        changed(format="careplan-answers/2"),
        ['format: expected "careplan-answers/1", got "careplan-answers/2"', "different version"],
    ),
    ("plan-record", changed(format="careplan-plan/1"), ["plan record", "answers.json"]),
    ("unknown-key", changed(pian=3), ['pian: unknown field (did you mean "pain"?)']),
    ("unknown-key-case", changed(Name="Alex"), ['Name: unknown field (did you mean "name"?)']),
    ("unknown-nested-key", changed(pain_nwo=3), ['pain.nwo: unknown field (did you mean "now"?)']),
    ("unknown-key-far", changed(shoe_size=9), ["shoe_size: unknown field"]),
    (
        "key-with-newline",
        changed(**{"a\nb": 1}),
        ['"a\\nb": unknown field'],
    ),
    (
        "age-as-text",
        changed(age="42"),
        ['age: expected a whole number 0-120, got "42" (write the number without quotes)'],
    ),
    ("age-decimal", changed(age=42.0), ["age: expected a whole number 0-120, got 42.0"]),
    ("age-too-old", changed(age=121), ["age: expected a whole number 0-120, got 121"]),
    ("age-negative", changed(age=-1), ["age: expected a whole number 0-120, got -1"]),
    (
        "pain-as-seven",
        changed(pain_now="seven"),
        ['pain.now: expected a whole number 0-10, got "seven"'],
    ),
    ("pain-eleven", changed(pain_worst=11), ["pain.worst: expected a whole number 0-10, got 11"]),
    ("days-huge", changed(pain_started_days_ago=3651), ["pain.started_days_ago", "got 3651"]),
    ("bool-as-text", changed(pregnant="false"), ['pregnant: expected true or false, got "false"']),
    ("bool-as-number", changed(large_print=1), ["large_print: expected true or false, got 1"]),
    ("pain-not-object", changed(pain=[6, 8]), ["pain: expected an object, got [6, 8]"]),
    ("word-unknown", changed(activity="sitting"), ['activity: expected one of "mostly_sitting"']),
    (
        "word-near-miss",
        changed(pain_where="lowr"),
        ['pain.where: expected one of "lower", "middle", "upper", got "lowr"', 'mean "lower"?'],
    ),
    ("list-not-list", changed(symptoms="fever"), ["symptoms: expected a list of words", '"fever"']),
    (
        "list-unknown-word",
        changed(conditions=["high_blood_presure"]),
        ['conditions[0]: unknown word "high_blood_presure" (did you mean "high_blood_pressure"?)'],
    ),
    ("list-number", changed(medicines=[3]), ["medicines[0]: unknown word 3"]),
    ("list-twice", changed(symptoms=["fever", "fever"]), ['symptoms[1]: "fever" is listed twice']),
    ("missing-age", changed(age=...), ["age: missing; expected a whole number 0-120"]),
    ("missing-pain-field", changed(pain_trigger=...), ["pain.trigger: missing; expected one of"]),
    ("missing-format", changed(format=...), ['format: missing; expected "careplan-answers/1"']),
    (
        "weeks-not-pregnant",
        changed(pregnancy_weeks=20),
        ['pregnancy_weeks: given, but "pregnant" is false'],
    ),
    ("pregnant-no-weeks", changed(pregnant=True), ["pregnancy_weeks: missing"]),
    ("weeks-out-of-range", changed(pregnant=True, pregnancy_weeks=46), ["pregnancy_weeks", "46"]),
    (
        "pregnancy-warning-not-pregnant",
        changed(symptoms=["pregnancy_warning"]),
        ['"pregnancy_warning" is only for a pregnant person'],
    ),
    ("name-too-long", changed(name="A" * 81), ["name: expected text of 1-80 characters, got 81"]),
    ("name-empty", changed(name=""), ["name: expected text of 1-80 characters, got 0"]),
    (
        "goal-too-long",
        changed(goal="x" * 201),
        ["goal: expected text of 0-200 characters, got 201"],
    ),
    ("name-not-text", changed(name=7), ["name: expected text of 1-80 characters, got 7"]),
    (
        "name-control",
        changed(name="Al\x07ex"),
        ["name: contains a control character (U+0007) at character 3", "one line"],
    ),
    ("goal-newline", changed(goal="walk\nrun"), ["goal: contains a control character (U+000A)"]),
    (
        "name-long-and-control",
        changed(name="\x07" * 81),
        ["name: expected text of 1-80 characters, got 81", "name: contains a control character"],
    ),
    (
        "word-with-escape",
        changed(activity="\x1b[31mred\u202e"),
        ["activity: expected one of", 'got "\\u001b[31mred\\u202e"'],
    ),
    ("name-escape", changed(name="\x1b[2J"), ["name: contains a control character (U+001B)"]),
    ("name-c1", changed(name="Al\x85ex"), ["name: contains a control character (U+0085)"]),
    (
        "name-rtl-override",
        changed(name="Alex\u202egnp.exe"),
        ["name: contains an invisible formatting character (U+202E)", "reorder"],
    ),
    ("goal-zero-width", changed(goal="wal\u200bk"), ["goal: contains an invisible", "U+200B"]),
    ("name-surrogate", '{"name": "\\ud800"}', ["name: contains a broken character (U+D800"]),
    ("duplicate-key", changed()[:-1] + ', "age": 43}', ["age: given more than once"]),
    (
        "duplicate-nested-key",
        changed().replace('"now": 6', '"now": 6, "now": 7'),
        ["pain.now: given more than once"],
    ),
    ("nan", changed().replace('"now": 6', '"now": NaN'), ["pain.now", "got NaN", "not a number"]),
    (
        "infinity",
        changed().replace('"age": 42', '"age": -Infinity'),
        ["age: expected a whole number 0-120, got -Infinity"],
    ),
    ("huge-number", '{"age": ' + "9" * 5000 + "}", ["a number with thousands of digits"]),
    ("deep", "[" * 100_000 + "]" * 100_000, ["nested too deeply"]),
    ("goal-score-eleven", changed(goal_score=11), ["goal_score: expected a whole number 0-10"]),
    (
        "check-ins-bad",
        changed(
            first_plan={"created": "2026-12-01", "pain_now": 6, "stage": "acute"},
            check_ins=[
                {
                    "date": "2026-11-30",
                    "pain_now": 12,
                    "pain_worst": 5,
                    "days_done": 8,
                    "made_worse": ["Knee To Chest"],
                    "symptoms": ["feverish"],
                    "leg": "none",
                    "mood": "fine",
                }
            ],
        ),
        [
            "check_ins[0].mood: unknown field",
            "check_ins[0].pain_now: expected a whole number 0-10, got 12",
            "check_ins[0].days_done: expected a whole number 0-7, got 8",
            'check_ins[0].made_worse[0]: expected an exercise id, got "Knee To Chest"',
            'check_ins[0].symptoms[0]: unknown word "feverish"',
            "check_ins[0].date: 2026-11-30 is before the plan it follows (2026-12-01)",
        ],
    ),
    (
        "check-ins-without-start",
        changed(check_ins=[]),
        ["first_plan: expected together with check_ins"],
    ),
    (
        "check-in-date-not-a-date",
        changed(
            first_plan={"created": "2026-12-01", "pain_now": 6, "stage": "acute"},
            check_ins=[{"date": "2026-02-30"}],
        ),
        ['check_ins[0].date: expected a date YYYY-MM-DD, got "2026-02-30"'],
    ),
]


@pytest.mark.parametrize(
    ("text", "fragments"), [pytest.param(t, f, id=i) for i, t, f in BAD_DOCUMENTS]
)
def test_bad_document_exits_2_naming_each_problem(
    text: str, fragments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "answers.json"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "plan.pdf"
    status, stdout, err = run_cli(["--answers", str(source), "-o", str(out)], capsys)
    assert status == 2
    for fragment in fragments:
        assert fragment in err
    lines = err.splitlines()
    assert lines and all(line.startswith(f"careplan: {source}: ") for line in lines)
    assert all(line.isprintable() for line in lines)
    assert "Traceback" not in err and stdout == ""
    assert list(tmp_path.iterdir()) == [source]


def test_every_problem_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "answers.json"
    source.write_text(
        changed(age="old", pain_now=11, symptoms=["fevr"], activity=..., colour="blue"),
        encoding="utf-8",
    )
    status, _, err = run_cli(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)
    assert status == 2
    paths = [line.split(": ")[2] for line in err.splitlines()]
    assert sorted(paths) == sorted(["age", "pain.now", "symptoms[0]", "activity", "colour"])


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file (expected UTF-8 JSON", id="png"
        ),
        pytest.param("{}".encode("utf-16"), "saved as UTF-16", id="utf-16"),
        pytest.param(b" " * (answers.MAX_BYTES + 1), "too large for an answers file", id="huge"),
    ],
)
def test_unreadable_files(
    data: bytes, fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "answers.json"
    source.write_bytes(data)
    status, _, err = run_cli(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)
    assert status == 2
    assert fragment in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda p: p / "missing.json", "no such file", id="missing"),
        pytest.param(lambda p: p, "is a folder, not an answers file", id="folder"),
    ],
)
def test_missing_or_folder(
    make: Callable[[Path], Path], fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_cli(
        ["--answers", str(make(tmp_path)), "-o", str(tmp_path / "p.pdf")], capsys
    )
    assert status == 2
    assert fragment in err


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    source = tmp_path / "answers.json"
    source.write_bytes(b"\xef\xbb\xbf" + changed().encode("utf-8"))
    assert answers.load(str(source)) == answers.from_dict(PLAIN)


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + changed().encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    assert answers.load("-") == answers.from_dict(PLAIN)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"{" * (answers.MAX_BYTES + 5))))
    with pytest.raises(AnswersError, match="standard input: more than 1 MB"):
        answers.load("-")


def test_under_18_gets_a_kind_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "answers.json"
    source.write_text(changed(age=15), encoding="utf-8")
    status, _, err = run_cli(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)
    assert status == 2
    assert "careplan is for adults" in err and "please see one" in err
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize(
    "text",
    ["Łukasz Dvořák", "O'Brien-Smith", "José & <María>", "مريم", "👩‍👧", "می‌خواهم"],
)
def test_ordinary_text_is_accepted(text: str) -> None:
    """Markup-looking text is fine (it is escaped); joiners that scripts and emoji need, too."""
    assert answers.validate(json.loads(changed(name=text, goal=text))) == []


# --- the JSON Schema ------------------------------------------------------------------------

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}
_ANNOTATIONS = {"$schema", "title", "description"}


def schema_errors(schema: dict[str, Any], value: Any, path: str = "") -> list[str]:
    """A checker for the subset of JSON Schema that `careplan --schema` emits; fails on others."""
    errors: list[str] = []
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            if not _TYPES[rule](value):
                errors.append(f"{path}: not {rule}")
        elif key == "enum":
            if value not in rule:
                errors.append(f"{path}: not in enum")
        elif key == "const":
            if value != rule:
                errors.append(f"{path}: not {rule!r}")
        elif key == "pattern":
            if isinstance(value, str) and not re.search(rule, value):
                errors.append(f"{path}: does not match {rule}")
        elif key == "maxItems":
            if isinstance(value, list) and len(value) > rule:
                errors.append(f"{path}: more than {rule} items")
        elif key in ("minimum", "maximum", "minLength", "maxLength"):
            measured = len(value) if key.endswith("Length") and isinstance(value, str) else value
            if isinstance(measured, int) and not isinstance(measured, bool):
                too_small = key.startswith("min") and measured < rule
                if too_small or (key.startswith("max") and measured > rule):
                    errors.append(f"{path}: {key} {rule}")
        elif key == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    errors += schema_errors(rule, item, f"{path}[{i}]")
        elif key == "uniqueItems":
            if isinstance(value, list) and rule and len(set(map(json.dumps, value))) < len(value):
                errors.append(f"{path}: repeated items")
        elif key == "properties":
            if isinstance(value, dict):
                for name, sub in rule.items():
                    if name in value:
                        errors += schema_errors(sub, value[name], f"{path}.{name}")
        elif key == "required":
            if isinstance(value, dict):
                errors += [f"{path}.{name}: required" for name in rule if name not in value]
        elif key == "additionalProperties":
            assert rule is False, "only additionalProperties: false is emitted"
            if isinstance(value, dict):
                extra = set(value) - set(schema.get("properties", {}))
                errors += [f"{path}.{name}: not allowed" for name in sorted(extra)]
        elif key == "allOf":
            for sub in rule:
                errors += schema_errors(sub, value, path)
        elif key == "if":
            branch = "then" if not schema_errors(rule, value, path) else "else"
            errors += schema_errors(schema.get(branch, {}), value, path)
        elif key in ("then", "else"):
            continue
        elif key == "not":
            if not schema_errors(rule, value, path):
                errors.append(f"{path}: matches a forbidden shape")
        else:
            raise AssertionError(f"the checker does not know the keyword {key!r}")
    return errors


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return answers.schema()


def test_schema_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(["--schema"], capsys)
    assert status == 0
    assert json.loads(out) == json.loads(json.dumps(answers.schema()))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_schema_accepts_every_example(example: Path, schema: dict[str, Any]) -> None:
    assert schema_errors(schema, json.loads(example.read_text(encoding="utf-8"))) == []


SCHEMA_CHECKABLE = {
    "wrong-format", "unknown-key", "unknown-nested-key", "age-as-text", "age-too-old",
    "age-negative", "pain-as-seven", "pain-eleven", "bool-as-text", "pain-not-object",
    "word-unknown", "list-not-list", "list-unknown-word", "list-twice", "missing-age",
    "missing-pain-field", "missing-format", "weeks-not-pregnant", "pregnant-no-weeks",
    "weeks-out-of-range", "name-too-long", "name-empty", "goal-too-long", "name-not-text",
}  # fmt: skip


@pytest.mark.parametrize(
    "text", [pytest.param(t, id=i) for i, t, _ in BAD_DOCUMENTS if i in SCHEMA_CHECKABLE]
)
def test_schema_rejects_what_validation_rejects(text: str, schema: dict[str, Any]) -> None:
    assert schema_errors(schema, json.loads(text))


#: Every field of docs/answers-format.md: (path, JSON type, required in a full document).
SPEC_FIELDS = [
    ("format", None, True),
    ("name", "string", False),
    ("age", "integer", True),
    ("pregnant", "boolean", True),
    ("pregnancy_weeks", "integer", False),
    ("pain", "object", True),
    ("pain.where", "string", True),
    ("pain.now", "integer", True),
    ("pain.worst", "integer", True),
    ("pain.started_days_ago", "integer", True),
    ("pain.trigger", "string", True),
    ("pain.leg", "string", True),
    ("pain.before", "string", True),
    ("pain.interferes", "integer", True),
    ("symptoms", "array", True),
    ("conditions", "array", True),
    ("medicines", "array", True),
    ("alcohol_3_or_more_daily", "boolean", True),
    ("weight_under_50kg", "boolean", False),
    ("can_get_down_to_floor", "boolean", True),
    ("activity", "string", True),
    ("goal", "string", False),
    ("paper", "string", False),
    ("large_print", "boolean", False),
    ("language", "string", False),
    ("clinician_language", "string", False),
    ("stopped_early", "boolean", False),
    ("goal_score", "integer", False),
    ("check_ins", "array", False),
    ("first_plan", "object", False),
]


@pytest.mark.parametrize(("path", "kind", "required"), SPEC_FIELDS, ids=[f[0] for f in SPEC_FIELDS])
def test_schema_has_every_field_of_the_spec(
    path: str, kind: str | None, required: bool, schema: dict[str, Any]
) -> None:
    parent, _, name = path.rpartition(".")
    node = schema if not parent else schema["properties"][parent]
    assert node["properties"][name].get("type") == kind
    full_required = set(node.get("required", []))
    if not parent:
        full_required |= set(schema["allOf"][0]["then"]["required"])
    assert (name in full_required) == required


def test_schema_and_field_table_agree_on_the_words(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    assert props["symptoms"]["items"]["enum"] == list(answers.SYMPTOMS)
    assert props["conditions"]["items"]["enum"] == list(answers.CONDITIONS)
    assert props["medicines"]["items"]["enum"] == list(answers.MEDICINES)
    assert props["pain"]["properties"]["trigger"]["enum"] == list(answers.TRIGGERS)
    assert set(props) == {path for path, _, _ in SPEC_FIELDS if "." not in path}


def test_stopped_early_document_needs_only_the_screening_fields(schema: dict[str, Any]) -> None:
    doc = json.loads((EXAMPLES / "emergency.json").read_text(encoding="utf-8"))
    assert schema_errors(schema, doc) == [] and answers.validate(doc) == []
    del doc["stopped_early"]
    assert schema_errors(schema, doc) and answers.validate(doc)
