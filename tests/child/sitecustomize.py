"""Loaded at start-up by a careplan process that a test started with this folder on PYTHONPATH
(tests/run_pdfs.py, `child_environment`): once careplan's renderer is imported, its
`html_to_pdf` makes each PDF once in the test run. Nothing is imported before careplan does.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
RENDERER = "careplan.render.pdf"


class _Renderer(importlib.abc.MetaPathFinder):
    """Finds careplan's renderer as usual, and swaps its `html_to_pdf` once it is loaded."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != RENDERER:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            found = importlib.util.spec_from_file_location(
                "careplan_test_run_pdfs", ROOT / "tests" / "run_pdfs.py"
            )
            assert found is not None and found.loader is not None
            run_pdfs = importlib.util.module_from_spec(found)
            found.loader.exec_module(run_pdfs)
            made = module.html_to_pdf

            def html_to_pdf(plan: Any, html: str) -> bytes:
                return run_pdfs.shared_html_to_pdf(plan, html, made)

            module.html_to_pdf = html_to_pdf

        loader.exec_module = exec_module
        return spec


if os.environ.get("CAREPLAN_TEST_RUN_PDFS"):
    sys.meta_path.insert(0, _Renderer())
