"""A fresh clone stays clean: the files careplan and `make run` write by default are ignored."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

#: What a plan made in the repository folder is called by default: the day's first and second
#: plan as PDF or HTML (`--format html`), and the example plan `make run` makes with no terminal.
DEFAULT_NAMES = [
    "careplan-2026-11-22.pdf",
    "careplan-2026-11-22-2.pdf",
    "careplan-2026-11-22.html",
    "careplan-2026-11-22-2.html",
    "careplan-example.pdf",
]


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git clone"
)
def test_plans_written_in_the_clone_are_ignored_and_nothing_else_is() -> None:
    def ignored(names: list[str]) -> set[str]:
        done = subprocess.run(
            ["git", "check-ignore", "--no-index", *names],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return set(done.stdout.split())

    assert ignored(DEFAULT_NAMES) == set(DEFAULT_NAMES)
    # Only plans: an answers file or a plan in a folder of the person's own is not hidden.
    assert (
        ignored(["careplan-notes.txt", "examples/careplan-2026-11-22.pdf", "answers.json"]) == set()
    )
