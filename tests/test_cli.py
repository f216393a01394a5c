"""The command line, in-process and as a real subprocess: arguments, outputs, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from careplan.cli import locale_paper, main
from tests.pdfutil import attachments

EPOCH = "1795305600"  # 2026-11-22


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_version_and_help_do_not_import_weasyprint() -> None:
    code = (
        "import sys\n"
        "from careplan.cli import main\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, e.code\n"
        "heavy = [m for m in ('weasyprint', 'pypdf', 'fontTools', 'questionary') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_schema_is_json_and_names_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(["--schema"], capsys)
    schema = json.loads(out)
    assert status == 0
    assert schema["title"] == "careplan-answers/1"
    assert {"age", "pain", "symptoms", "paper", "stopped_early"} <= set(schema["properties"])
    assert "worst" in schema["properties"]["pain"]["properties"]


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_writes_default_file_name(
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_main(["--answers", str(examples / "first-spasm.json")], capsys)
    assert status == 0
    assert (tmp_path / "careplan-2026-11-22.pdf").read_bytes().startswith(b"%PDF-")
    assert "careplan-2026-11-22.pdf" in out


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_never_overwrites_without_force(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"my old plan")
    status, _, err = run_main(
        ["--answers", str(examples / "first-spasm.json"), "-o", str(out)], capsys
    )
    assert status == 2
    assert "already exists" in err and "--force" in err
    assert out.read_bytes() == b"my old plan"
    status, _, _ = run_main(
        ["--answers", str(examples / "first-spasm.json"), "-o", str(out), "--force"], capsys
    )
    assert status == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_answers_from_standard_input_with_overrides(
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO((examples / "first-spasm.json").read_text()))
    out, saved = tmp_path / "p.pdf", tmp_path / "a.json"
    status, _, _ = run_main(
        [
            "--answers",
            "-",
            "-o",
            str(out),
            "--paper",
            "a4",
            "--large-print",
            "--save-answers",
            str(saved),
        ],
        capsys,
    )
    assert status == 0
    embedded = attachments(out)["answers.json"]
    assert embedded["paper"] == "a4" and embedded["large_print"] is True
    assert json.loads(saved.read_text()) == embedded


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out-dir", "x"], "--out-dir goes with --batch"),
        (["--batch", "x"], "--batch needs --out-dir"),
        (["--format", "docx"], "invalid choice"),
        (["--answers", "a.json", "--from", "b.pdf"], "not allowed with"),
        (["--answers", "does-not-exist.json"], "no such file"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run_main(args, capsys)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_under_18_gets_no_plan(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads((examples / "first-spasm.json").read_text())
    doc["age"] = 15
    source = tmp_path / "teen.json"
    source.write_text(json.dumps(doc))
    status, _, err = run_main(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)
    assert status == 2
    assert "see" in err and "doctor" in err
    assert not (tmp_path / "p.pdf").exists()


def test_no_terminal_needs_answers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    status, _, err = run_main([], capsys)
    assert status == 2
    assert "use --answers FILE" in err


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_CA.UTF-8"}, "letter"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "a4"),
        ({"LANG": "C.UTF-8"}, "letter"),
        ({}, "letter"),
    ],
)
def test_paper_default_from_locale(environ: dict[str, str], paper: str) -> None:
    assert locale_paper(environ) == paper


def test_installed_wheel_runs_from_another_folder(examples: Path, tmp_path: Path) -> None:
    """The real thing: a built wheel carries templates and assets and runs as a subprocess."""
    root = Path(__file__).resolve().parent.parent
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("careplan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "careplan/templates/plan.html" in names
    assert any(n.startswith("careplan/assets/fonts/") and n.endswith(".woff") for n in names)
    assert "careplan/assets/fonts/OFL.txt" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import careplan; "
        f"assert careplan.__file__.startswith({str(target)!r}), careplan.__file__; "
        "from careplan.cli import main; sys.exit(main())"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", script, "--answers", str(examples / "pregnant.json")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = elsewhere / "careplan-2026-11-22.pdf"
    assert attachments(pdf)["answers.json"]["name"] == "Priya"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "a.json", "--force"], "is the input file"),
        (["-o", "p.pdf", "--save-answers", "p.pdf"], "both the plan and --save-answers"),
        (["-o", "p.pdf", "--save-answers", "a.json", "--force"], "is the input file"),
    ],
)
def test_never_writes_over_its_own_input(
    extra: list[str],
    message: str,
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    original = (examples / "first-spasm.json").read_text()
    (tmp_path / "a.json").write_text(original)
    status, _, err = run_main(["--answers", "a.json", *extra], capsys)
    assert status == 2
    assert message in err
    assert (tmp_path / "a.json").read_text() == original
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("Alex", False),
        ("Ελένη", False),
        pytest.param("李明", True, marks=pytest.mark.weasyprint_warns(".notdef glyph")),
    ],
)
def test_letters_the_fonts_lack_are_pointed_out(
    name: str, note: bool, tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads((examples / "emergency.json").read_text())
    doc["name"] = name
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    status, out, err = run_main(["--answers", str(source), "-o", str(tmp_path / "p.pdf")], capsys)
    assert status == 0, err
    assert ("careplan's fonts do not have 李明" in out) is note
    assert attachments(tmp_path / "p.pdf")["answers.json"]["name"] == name
