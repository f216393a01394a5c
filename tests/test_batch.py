"""Batch mode: a folder or JSON Lines in, one PDF per valid input, every problem reported."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from careplan import batch
from careplan.batch import slug
from careplan.cli import main
from careplan.errors import OutputError
from tests.pdfutil import attachments


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
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


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
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


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
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


def _folder_of(examples: Path, tmp_path: Path, names: tuple[str, ...]) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for name in names:
        shutil.copy(examples / f"{name}.json", source)
    return source


SMALL = ("emergency", "urgent-kidney", "pregnant")


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (KeyError("childs-pose"), 1, "internal error: KeyError: 'childs-pose'"),
        (OutputError("disk full"), 2, "disk full"),
    ],
)
def test_a_plan_that_fails_is_reported_and_the_others_are_written(
    error: Exception,
    status: int,
    message: str,
    jobs: str,
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = batch.render_one

    def failing(job: batch.Job, *args: Any) -> str:
        if job.label.endswith("urgent-kidney.json"):
            raise error
        return real(job, *args)

    # Worker processes are forked, so they inherit the failing stand-in.
    monkeypatch.setattr(batch, "render_one", failing)
    source = _folder_of(examples, tmp_path, SMALL)
    out = tmp_path / "out"
    assert main(["--batch", str(source), "--out-dir", str(out), "--jobs", jobs]) == status
    captured = capsys.readouterr()
    assert f"careplan: {source / 'urgent-kidney.json'}: {message}" in captured.err
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in out.glob("*.pdf")) == ["emergency.pdf", "pregnant.pdf"]
    assert f"Wrote 2 of 3 plans to {out}." in captured.out


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_a_worker_that_dies_loses_only_its_own_plan(
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = batch.render_one

    def dying(job: batch.Job, *args: Any) -> str:
        if job.label.endswith("urgent-kidney.json"):
            os._exit(9)  # as a crash in a C library would
        return real(job, *args)

    monkeypatch.setattr(batch, "render_one", dying)
    source = _folder_of(examples, tmp_path, SMALL)
    out = tmp_path / "out"
    assert main(["--batch", str(source), "--out-dir", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{source / 'urgent-kidney.json'}: internal error: the process making it stopped" in err
    assert sorted(p.name for p in out.glob("*.pdf")) == ["emergency.pdf", "pregnant.pdf"]


def test_debug_shows_the_traceback_of_an_internal_error(
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(job: batch.Job, *args: Any) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(batch, "render_one", broken)
    monkeypatch.setenv("CAREPLAN_DEBUG", "1")
    source = _folder_of(examples, tmp_path, ("emergency",))
    assert main(["--batch", str(source), "--out-dir", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "careplan: Traceback (most recent call last):" in err
    assert "ZeroDivisionError: division by zero" in err


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
@pytest.mark.parametrize(("jobs", "most"), [("1", 1), ("2", 2)])
def test_jobs_sets_the_number_of_processes(
    jobs: str,
    most: int,
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = batch.render_one
    pids = tmp_path / "pids"

    def noting(job: batch.Job, *args: Any) -> str:
        with pids.open("a") as notes:
            notes.write(f"{os.getpid()}\n")
        return real(job, *args)

    monkeypatch.setattr(batch, "render_one", noting)
    source = _folder_of(examples, tmp_path, ("emergency", "urgent-kidney", "blood-thinner"))
    assert main(["--batch", str(source), "--out-dir", str(tmp_path / "out"), "--jobs", jobs]) == 0
    seen = set(pids.read_text().split())
    assert 1 <= len(seen) <= most
    assert (str(os.getpid()) in seen) is (jobs == "1")


def test_a_terminal_gets_a_progress_bar(examples: Path, tmp_path: Path) -> None:
    import io

    import pexpect

    source = _folder_of(examples, tmp_path, ("emergency", "urgent-kidney"))
    out = tmp_path / "out"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "careplan", "--batch", str(source), "--out-dir", str(out), "--jobs", "2"],
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "SOURCE_DATE_EPOCH": "1795305600"},
        encoding="utf-8",
        timeout=300,
        dimensions=(24, 100),
    )
    child.logfile_read = screen = io.StringIO()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Making plans" in screen.getvalue()
    assert f"Wrote 2 of 2 plans to {out}" in screen.getvalue()
    assert "] wrote" not in screen.getvalue()
    assert sorted(p.name for p in out.glob("*.pdf")) == ["emergency.pdf", "urgent-kidney.pdf"]


@pytest.mark.weasyprint_warns(".notdef glyph")
def test_letters_the_fonts_lack_are_pointed_out_per_plan(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [json.loads((examples / f"{n}.json").read_text()) for n in ("emergency", "emergency")]
    docs[0]["name"], docs[1]["name"] = "Иван", "王芳"
    lines = tmp_path / "clinic.jsonl"
    lines.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    status = main(["--batch", str(lines), "--out-dir", str(tmp_path / "out"), "--jobs", "1"])
    err = capsys.readouterr().err.splitlines()
    assert status == 0
    assert err == [
        f"careplan: {lines}:2: note: careplan's fonts do not have 王芳; on the plan they may "
        "show as empty boxes"
    ]
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2


@pytest.mark.weasyprint_warns(".notdef glyph")
def test_a_batch_reports_in_english_after_a_spanish_run_in_the_same_process(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batch report is English (docs/command-line.md), whatever language an earlier run
    in the same process spoke: each run of `main` starts in the default language."""
    from careplan.intake import terminal_words

    terminal_words.use("es")  # as a run with --language es leaves it
    doc = json.loads((examples / "emergency.json").read_text())
    doc["name"] = "李娜"  # not 王芳: a PDF made once in a run warns once (conftest.py)
    lines = tmp_path / "clinic.jsonl"
    lines.write_text(json.dumps(doc, ensure_ascii=False) + "\n")
    status = main(["--batch", str(lines), "--out-dir", str(tmp_path / "out"), "--jobs", "1"])
    assert status == 0
    assert capsys.readouterr().err.splitlines() == [
        f"careplan: {lines}:1: note: careplan's fonts do not have 李娜; on the plan they may "
        "show as empty boxes"
    ]
