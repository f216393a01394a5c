"""The sha256 of every example's PDF on a fixed date: the guard that a refactor changes no byte.

Usage: .venv/bin/python bench/golden.py [--update]
Without --update, prints each case's hash and whether it matches tests/golden.json (exit 1 if
any differs). With --update, writes the hashes of the code as it is now to tests/golden.json:
do that on purpose, when a change to what a plan shows is meant (tests/test_golden.py fails
until then).

Each case runs the command line in-process, as a person would: `careplan --answers EXAMPLE
-o OUT` with SOURCE_DATE_EPOCH fixed, and the check-in example on the first-spasm plan.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden.json"
#: The date of every first plan; the check-in's own date is the day it is made.
CREATED = date(2026, 11, 22)
CHECK_IN = EXAMPLES / "check-in" / "first-spasm-week-1.json"
CHECK_IN_NAME = "check-in/first-spasm-week-1"
#: Paper and print beyond Letter standard print: only for a few examples, to stay quick.
EXTRA_VARIANTS = {
    "first-spasm": ("a4", "large"),
    "no-floor-80": ("a4",),
}
VARIANT_ARGS = {
    "letter": ["--paper", "letter"],
    "a4": ["--paper", "a4"],
    "large": ["--paper", "letter", "--large-print"],
}


def cases() -> list[str]:
    """Every case's name, `<example>/<variant>`, in a stable order."""
    names = []
    for example in sorted(p.stem for p in EXAMPLES.glob("*.json")):
        for variant in ("letter", *EXTRA_VARIANTS.get(example, ())):
            names.append(f"{example}/{variant}")
    names.append(f"{CHECK_IN_NAME}/letter")
    return names


def _careplan(args: list[str], day: date) -> None:
    from careplan.cli import main
    from careplan.render.pdf import _clock_at  # the renderer's own clock, set to the day

    with _clock_at(day), contextlib.redirect_stdout(io.StringIO()):
        status = main([*args, "--force"])
    if status != 0:
        raise RuntimeError(f"careplan {' '.join(args)}: exit status {status}")


def render(case: str, folder: Path) -> bytes:
    """The PDF of one case, made in `folder`."""
    stem, _, variant = case.rpartition("/")
    out = folder / (stem.replace("/", "-") + f"-{variant}.pdf")
    if stem == CHECK_IN_NAME:
        first = folder / "first-spasm-for-check-in.pdf"
        _careplan(["--answers", str(EXAMPLES / "first-spasm.json"), "-o", str(first)], CREATED)
        check_in_day = date.fromisoformat(json.loads(CHECK_IN.read_text())["date"])
        args = ["--check-in", str(first), "--answers", str(CHECK_IN), "-o", str(out)]
        _careplan([*args, *VARIANT_ARGS[variant]], check_in_day)
    else:
        args = ["--answers", str(EXAMPLES / f"{stem}.json"), "-o", str(out)]
        _careplan([*args, *VARIANT_ARGS[variant]], CREATED)
    return out.read_bytes()


def digest(case: str, folder: Path) -> str:
    """The sha256 of one case's PDF."""
    return hashlib.sha256(render(case, folder)).hexdigest()


def stored() -> dict[str, str]:
    """The hashes recorded in tests/golden.json."""
    data: dict[str, str] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def main(argv: list[str]) -> int:
    """Print every case's hash against the stored one; with --update, store them."""
    update = "--update" in argv
    known = stored() if GOLDEN.exists() else {}
    hashes: dict[str, str] = {}
    differ = 0
    with tempfile.TemporaryDirectory(prefix="careplan-golden-") as tmp:
        for case in cases():
            hashes[case] = digest(case, Path(tmp))
            same = known.get(case) == hashes[case]
            differ += not same
            print(f"{case}: {hashes[case]} {'same' if same else 'CHANGED'}")
    if update:
        GOLDEN.write_text(json.dumps(hashes, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
        return 0
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
