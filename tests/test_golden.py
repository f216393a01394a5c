"""Same answers and date, same PDF: every example's PDF is byte for byte the one recorded.

The hashes are in tests/golden.json. When a change to what a plan shows is meant, record the
new ones on purpose with `.venv/bin/python bench/golden.py --update`, look at the PDFs, and
commit tests/golden.json with the change.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "golden.py"


def _golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("careplan_bench_golden", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden = _golden()


def test_every_case_is_recorded() -> None:
    assert sorted(golden.stored()) == sorted(golden.cases()), (
        "tests/golden.json does not list every example: "
        "run .venv/bin/python bench/golden.py --update"
    )


@pytest.mark.usefixtures("shared_pdfs")  # a PDF is made once in a run (conftest.py)
@pytest.mark.parametrize("case", golden.cases())
def test_pdf_is_byte_identical(case: str, tmp_path: Path) -> None:
    expected = golden.stored().get(case)
    assert golden.digest(case, tmp_path) == expected, (
        f"{case}: the PDF is not the one recorded in tests/golden.json. If the change is meant, "
        "look at the PDFs, then run .venv/bin/python bench/golden.py --update and commit it"
    )
