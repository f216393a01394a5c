"""Batch totals count inputs, not problems: an input with two problems is one input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careplan.cli import main


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
def test_an_input_with_two_problems_counts_once(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [
        json.loads((examples / f"{name}.json").read_text())
        for name in ("emergency", "urgent-kidney")
    ]
    bad = {**good[0], "age": "x", "pian": 3}
    lines = tmp_path / "answers.jsonl"
    lines.write_text("".join(json.dumps(doc) + "\n" for doc in (good[0], bad, good[1])))
    out = tmp_path / "out"
    status = main(["--batch", str(lines), "--out-dir", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.count(f"{lines}:2") == 2  # both problems of line 2 are reported
    assert f"Wrote 2 of 3 plans to {out}." in captured.out
