"""Batch mode: a folder or JSON Lines in, one PDF per valid input, every problem reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from careplan.batch import slug
from careplan.cli import main
from tests.pdfutil import attachments


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")


def test_folder_with_one_bad_file_writes_the_rest(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name in ("first-spasm", "pregnant", "emergency"):
        shutil.copy(examples / f"{name}.json", source)
    (source / "broken.json").write_text('{"format": "careplan-answers/1", "age": "old"}')
    out = tmp_path / "out"
    status = main(["--batch", str(source), "--out-dir", str(out), "--jobs", "2"])
    _, err = capsys.readouterr()
    assert status == 2
    assert f"{source / 'broken.json'}: age: expected a whole number 0-120" in err
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "emergency.pdf",
        "first-spasm.pdf",
        "pregnant.pdf",
    ]
    assert attachments(out / "pregnant.pdf")["answers.json"]["name"] == "Priya"
    assert not list(out.glob("*.part"))


def test_json_lines_named_by_line_and_name(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [json.loads((examples / f"{n}.json").read_text()) for n in ("first-spasm", "pregnant")]
    docs[1]["name"] = "Łukasz Dvořák"
    lines = tmp_path / "clinic.jsonl"
    lines.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n\nnot json\n")
    out = tmp_path / "out"
    status = main(["--batch", str(lines), "--out-dir", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    assert status == 2
    assert f"{lines}:4: not valid JSON" in captured.err
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "line-0001-alex.pdf",
        "line-0002-lukasz-dvorak.pdf",
    ]
    assert "[2/2] wrote" in captured.out


def test_existing_outputs_are_kept_without_force(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(examples / "first-spasm.json", source)
    out = tmp_path / "out"
    out.mkdir()
    (out / "first-spasm.pdf").write_bytes(b"keep me")
    assert main(["--batch", str(source), "--out-dir", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (out / "first-spasm.pdf").read_bytes() == b"keep me"
    assert main(["--batch", str(source), "--out-dir", str(out), "--force"]) == 0
    assert (out / "first-spasm.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alex", "alex"),
        ("Łukasz Dvořák", "lukasz-dvorak"),
        ("../../etc/passwd", "etc-passwd"),
        ("<script>", "script"),
        ("李", ""),
    ],
)
def test_slug_is_a_safe_file_name_part(text: str, expected: str) -> None:
    assert slug(text) == expected
